// How a rule pack reaches the app from outside: the manifest's share target posts it to the service worker,
// which keeps it in a cache and opens the app with a marker in the address; file handlers use launchQueue.
// Constants shared by the manifest (vite.config.ts), the service worker and the page; imports nothing.

export const RULE_PACK_EXTENSION = '.rulepack';
export const RULE_PACK_MIME = 'application/x-pitchside-rule-pack';

/** Relative to the app's scope. */
export const SHARE_TARGET_ACTION = 'share-target';
/** The multipart field the shared file arrives in. */
export const SHARE_TARGET_FILE_FIELD = 'pack';
/** Cache Storage where the service worker leaves shared packs for the page. */
export const SHARED_PACK_CACHE = 'pitchside-shared-packs';
/** Query parameter of the page the service worker opens after a share: "?shared-pack". */
export const SHARED_PACK_PARAM = 'shared-pack';

/** What share sheets and file pickers may offer: by extension, by our type, and untyped files by mail. */
export const PACK_ACCEPT = [RULE_PACK_EXTENSION, RULE_PACK_MIME, 'application/octet-stream'];
