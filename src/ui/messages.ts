// Every user-facing message in one place: what happened and what to do next, keyed by error code.

import { AppError, type ErrorCode } from '../core/errors';
import type { OfflineCopyFailure } from '../core/offline-copy';
import type { Progress } from '../core/types';

const ERROR_TEXT: Record<ErrorCode, string> = {
  'not-pdf': 'That file is not a PDF. Choose the rulebook as a PDF file.',
  'pdf-corrupt': 'That PDF is damaged and cannot be read. Download the rulebook again and add the new copy.',
  'pdf-password':
    'That PDF is password-protected. Save an unprotected copy (for example with "Print to PDF") and add that.',
  'pdf-no-text':
    'That PDF has no text layer (it looks scanned), so its rules cannot be searched. Use a text PDF of the rulebook.',
  'pdf-empty': 'That PDF is empty: it has no text to index. Check you chose the right file.',
  'no-rules-found':
    'No numbered rules were found in that PDF. Pitchside needs a rulebook with numbered clauses such as "15.2".',
  'quota-exceeded':
    'The device is out of storage for Pitchside. Delete a rulebook or downloaded model, or free space, then try again.',
  'storage-failed': 'Saving on this device failed. Nothing was changed; try again, or reload the app.',
  'model-missing': 'The search model is missing from this installation. Reload while online to restore it.',
  'model-failed': 'The search model could not start on this device. Reload the app; if it persists, try another browser.',
  'model-download-failed': 'Downloading the search model needs a connection. The built-in model is still in use.',
  'embedding-failed': 'Reading the rulebook failed part-way. Nothing was saved; try adding it again.',
  'no-rulebook': 'That rulebook is not indexed on this device any more. Add the PDF again.',
  'rulebook-deleted':
    'That rulebook has just been deleted on this device (in another tab or window). Choose another rulebook, or add it again.',
  cancelled: '',
  'worker-crashed': 'Part of the app stopped unexpectedly and has been restarted. Try again; your rulebooks are kept.',
  'llm-offline':
    'This answer model has not been downloaded yet. Download it once while online; until then the clause answer is shown.',
  'llm-device-lost':
    'The graphics processor stopped the answer model. Try again, or choose a smaller model in Settings.',
  'llm-out-of-memory':
    'The answer model needs more graphics memory than this device has. Choose a smaller model in Settings.',
  'llm-no-webgpu': 'This browser has no usable WebGPU, so answers come straight from the rulebook clauses.',
  'llm-failed': 'The answer model failed. The clause answer below is still from the rulebook.',
  'bad-question-file': 'That question file could not be read.',
  'pack-not-pack': 'That file is not a Pitchside rule pack. Choose a .rulepack file exported from Pitchside.',
  'pack-damaged': 'That rule pack is damaged (cut short or corrupted) and was not imported. Ask for the pack again.',
  'pack-tampered':
    'That rule pack was changed after it was exported, so it was not imported. Ask for an unchanged copy of the pack.',
  'pack-newer': 'That rule pack comes from a newer version of Pitchside. Update the app (reload while online), then import it again.',
  'pack-unknown-model':
    'That rule pack was made with a search model this app does not have, so it was not imported. Ask for a pack made with the built-in model.',
  'backup-not-backup': 'That file is not a Pitchside backup. Choose a .pitchside-backup file made with "Export everything".',
  'backup-damaged':
    'That backup is damaged or was changed after it was made, so nothing was imported. Export everything again on the old phone.',
  'backup-newer': 'That backup comes from a newer version of Pitchside. Update the app (reload while online), then import it again.',
  unknown: 'Something went wrong. Try again; if it keeps happening, reload the app.',
};

/** A plain hint for the user (empty question, no rulebook yet): shown as it is, not as a failure. */
export class UserHint extends Error {
  override readonly name = 'UserHint';
}

export function describeError(error: unknown): { text: string; detail?: string; silent: boolean } {
  if (error instanceof UserHint) return { text: error.message, silent: false };
  const appError = error instanceof AppError ? error : new AppError('unknown', String(error));
  const base = ERROR_TEXT[appError.code];
  // Where the detail is what the user must fix (a line of their question file), it belongs in the text.
  if (appError.code === 'bad-question-file' && appError.detail) {
    return { text: `${base.replace(/\.$/, ':')} ${appError.detail.replace(/\.$/, '')}.`, silent: false };
  }
  return { text: base, detail: appError.detail, silent: appError.code === 'cancelled' };
}


const STAGE_TEXT: Record<Progress['stage'], string> = {
  read: 'Reading file',
  parse: 'Reading pages',
  chunk: 'Splitting into clauses',
  embed: 'Indexing clauses',
  save: 'Saving on this device',
  'load-model': 'Starting the search model',
  download: 'Downloading',
};

export function describeProgress(p: Progress): string {
  const base = STAGE_TEXT[p.stage];
  if (p.totalBytes) return `${base}: ${formatBytes(p.bytes ?? 0)} of ${formatBytes(p.totalBytes)}`;
  if (p.total > 1) return `${base}: ${p.done} of ${p.total}`;
  return `${base}…`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

export const TEXT = {
  appName: 'Pitchside',
  starting: 'Starting…',
  ready: 'Ready',
  readyWithBook: (name: string) => `Ready — ${name}`,
  noRulebook: 'Add a rulebook PDF to start.',
  indexed: (name: string, reused: boolean) => (reused ? `Ready — ${name} (already indexed)` : `Ready — ${name} indexed`),
  notCovered: 'Not covered by this rulebook.',
  otherCode: (topic: string) => `This asks about ${topic}; this rulebook has the rules of its own game only.`,
  offField: (topic: string) => `This asks about ${topic}: a matter for your competition or club, not the rules of the game.`,
  sure: 'Answer from the rulebook',
  nearest: 'Nearest clauses',
  unsure: 'Closest rules — check the clause',
  clauses: 'Clauses',
  askFirst: 'Choose or add a rulebook first.',
  emptyQuestion: 'Type a question first.',
  confirmDelete: (name: string) => `Delete "${name}" and its index from this device?`,
};

/** The installable, offline app and the pitchside interface: Ask, Rulebook and Settings. */
export const UI_TEXT = {
  offlineReady: 'Ready to work offline.',
  updateAvailable: 'Update available —',
  reload: 'Reload',
  reloadAfterJob: 'Reloading when the current job finishes…',
  install: 'Install app',
  iosInstallHint: 'To install Pitchside, tap Share, then "Add to Home Screen". Installed, it works offline and keeps your rulebooks.',
  dismiss: 'Dismiss',
  theme: { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' },
  recentQuestions: 'Recent questions',
  quickQuestions: 'Quick questions',
  quickQuestion: (topic: string) => `What does the rulebook say about ${topic}?`,
  browse: 'Browse by section',
  browseLoading: 'Loading sections…',
  showSection: 'Show the whole section',
  rename: (name: string) => `Rename ${name}`,
  renameLabel: 'New name',
  save: 'Save',
  cancel: 'Cancel',
  remove: (name: string) => `Delete ${name}`,
  removed: (name: string) => `Deleted ${name}.`,
  indexedWith: (model: string) => `indexed with ${model}`,
  searching: 'Looking it up…',
  cancelIndexing: 'Cancel indexing',
  indexingCancelled: 'Indexing cancelled; nothing was saved.',
  details: 'Details',
  navigation: 'Screens',
  navAsk: 'Ask',
  navRulebook: 'Rulebook',
  navSettings: 'Settings',
  addRulebook: 'Add rulebook (PDF)',
  welcome: 'Pitchside answers rules questions from your rulebook at the side of the pitch, with the rule number — on this device, offline.',
  questionPlaceholder: 'e.g. How far back on a penalty?',
  questionTooLong: (max: number) => `That question is very long, so only its first ${max} characters were read.`,
  youAsked: 'You asked:',
  refining: 'Quick answer while the app starts; checking it…',
  pinnedRules: 'Pinned rules',
  voice: 'Ask by voice',
  rulebookTitle: 'Rulebook',
  rulebookEmpty: 'No rulebook yet. Add the rulebook PDF to read it here.',
  find: 'Find in the rulebook',
  findPlaceholder: 'e.g. sin bin',
  findResults: 'Matches',
  findCount: (n: number, max: number) =>
    n === 0 ? 'No matches.' : n === 1 ? '1 match.' : n > max ? `${n} matches; the first ${max} are shown.` : `${n} matches.`,
  share: 'Share',
  copy: 'Copy',
  pin: 'Pin',
  shareOutcome: {
    shared: 'Shared.',
    copied: 'Copied.',
    cancelled: '',
    failed: 'Copying is not allowed here; select the text and copy it instead.',
  },
  rulebooksTitle: 'Rulebooks',
  storageByRulebook: 'Storage by rulebook',
  storageByRulebookNote:
    'The size of what each rulebook keeps on this device: its clauses, passages, search vectors and recent questions. The browser may compress it to less.',
  rulebookStorage: (name: string, size: string) => `${name} — ${size}`,
  rulebooksStorageTotal: (size: string) => `All rulebooks: ${size}`,
  displayTitle: 'Display',
  textSize: 'Text size',
  textSizes: { normal: 'Normal', large: 'Large', huge: 'Huge' },
  appTitle: 'App',
  appNote: 'Installed, Pitchside opens like an app and works offline.',
  answersTitle: 'On-device answers',
  evaluateTitle: 'Evaluate',
  evaluateNote: 'For people who tune the search: score a question file against the chosen rulebook.',
  evaluateOpen: 'Evaluate',
};

/** On-device answers (LLM) and the model manager. */
export const LLM_TEXT = {
  checking: 'Checking whether this device can run the on-device answer model…',
  toggle: 'On-device answers',
  offReason: (reason: string) => `${reason} You can still try on-device answers.`,
  offByChoice: 'On-device answers are off; answers come from the rulebook clauses.',
  noModel: 'On-device answers: no model loaded yet. Download or load one below.',
  loading: (name: string) => `Loading ${name}…`,
  ready: (name: string) => `On-device answers by ${name}, checked against the clauses.`,
  trySmaller: (name: string) => `Use ${name}`,
  suggestSmaller: (name: string) => `The smaller ${name} may fit this device.`,
  answerLabel: 'On-device answer',
  thinking: 'Writing an answer from the clauses…',
  stop: 'Stop',
  stopped: 'Stopped.',
  checked: (citations: string) => `Checked against ${citations}`,
  abstained: 'The model found no answer in these clauses.',
  unverified: 'Unverified',
  unverifiedNote: 'This answer did not pass the check against the clauses; rely on the clauses above.',
  whyUnverified: 'Why unverified',
  modelsTitle: 'Answer models',
  embeddingTitle: 'Search models',
  download: (name: string) => `Download ${name}`,
  use: (name: string) => `Use ${name}`,
  remove: (name: string) => `Delete ${name}`,
  cancelDownload: 'Cancel download',
  confirmDeleteModel: (name: string) => `Delete ${name} from this device? It must be downloaded again (online) to use it.`,
  downloading: (name: string, progress: string) => `${name}: ${progress}`,
  loaded: (name: string) => `${name} is loaded.`,
  deleted: (name: string) => `${name} deleted from this device.`,
  cached: 'Downloaded',
  notCached: 'Not downloaded',
  inUse: 'Loaded',
  size: (downloadMB: number, vramMB: number) => `Download ${downloadMB} MB · needs ${(vramMB / 1000).toFixed(1)} GB of GPU memory`,
  storage: (used: string, free: string) => `Storage used: ${used} · free: ${free}`,
  storageUnknown: 'This browser does not report storage use.',
  keep: 'Keep models on this device',
  persist: {
    'already-persisted': 'Models are kept: this browser will not evict them.',
    granted: 'Granted: this browser will not evict the models.',
    denied: 'Not granted: the browser may remove models when space runs low.',
    unsupported: 'This browser cannot keep storage persistent.',
  },
  builtIn: 'built in',
  embeddingDownload: (sizeMB: number) => `${sizeMB} MB; downloading requires being online once.`,
  embeddingDownloaded: (sizeMB: number) => `${sizeMB} MB; downloaded, works offline.`,
  embeddingInUse: 'In use',
  embeddingProgressLabel: 'Search model progress',
  cancelEmbedding: 'Cancel search model',
  embeddingSwitched: (name: string) => `Searching with ${name}.`,
  reindexing: (name: string, progress: string) => `Re-indexing ${name}: ${progress}`,
  reindexed: (model: string, book: string) => `Searching with ${model}; ${book} is re-indexed for it.`,
  reindexLater: (model: string) => `Searching with ${model}; the rulebook is re-indexed at its next question.`,
  embeddingFallback: (name: string) => `${name} could not be loaded, so the built-in search model is in use.`,
};

/** Rule packs: one rulebook, indexed, in one file to share (src/ui/rule-pack-controls.ts). */
export const PACK_TEXT = {
  export: 'Export rule pack',
  import: 'Import rule pack',
  note: 'A rule pack is the chosen rulebook, indexed, in one file: send it to another phone, which needs no PDF and no indexing.',
  exporting: (name: string) => `Saving ${name} as a rule pack…`,
  exported: (name: string, file: string) => `Ready — ${name} · rule pack saved as ${file}`,
  imported: (name: string, edition: string | undefined) => `Ready — ${name}${edition ? ` (${edition})` : ''} imported from a rule pack`,
  importedReindexed: (name: string, passages: number) =>
    `Ready — ${name} imported from a rule pack and indexed for this phone's search model (${passages} passages)`,
  alreadyHere: (name: string) => `Ready — ${name} (this rule pack is already on this phone)`,
};

/** Moving everything to a new phone (src/ui/backup-controls.ts). */
export const BACKUP_TEXT = {
  export: 'Export everything',
  import: 'Import everything',
  exporting: 'Saving every rulebook and your settings in one file…',
  exported: (file: string) => `Everything saved as ${file}`,
  imported: (rulebooks: number) => `Imported ${rulebooks} rulebook${rulebooks === 1 ? '' : 's'} and your settings; restarting…`,
};

/** What changed between two editions of a rulebook (src/ui/edition-changes.ts). */
export const EDITION_TEXT = {
  title: 'Editions',
  note: 'Compare two editions of a rulebook: the clauses added, removed, changed and renumbered.',
  oldLabel: 'Old edition',
  newLabel: 'New edition',
  show: 'Show changes',
  region: 'What changed',
  summary: (from: string, to: string, n: { added: number; removed: number; changed: number; renumbered: number }) =>
    `From ${from} to ${to}: ${n.added} added, ${n.removed} removed, ${n.changed} changed, ${n.renumbered} renumbered.`,
  noChanges: 'No clause changed.',
  added: (ref: string) => `Added ${ref}`,
  removed: (ref: string) => `Removed ${ref}`,
  changed: (ref: string) => `Changed ${ref}`,
  renumbered: (from: string, to: string) => `Renumbered ${from} → ${to}`,
  sameWords: 'Same words, new number.',
  keepBoth: 'Keep both',
  replace: (name: string) => `Replace ${name}`,
  confirmReplace: (old: string, next: string) => `Delete ${old} from this device and keep ${next}?`,
};

/** Several rulebooks at once, local rules on top of the laws (src/ui/local-rules-view.ts). */
export const LOCAL_RULES_TEXT = {
  title: 'Laws and local rules',
  note: 'Use two or more rulebooks together, for example the laws and a league\'s by-laws: a question searches all of them, and a local rule that answers comes first.',
  listLabel: 'Searched together',
  use: (name: string) => `Use ${name}`,
  roleLabel: (name: string) => `Role of ${name}`,
  laws: 'Laws',
  local: 'Local rules',
  together: (names: string[]) => `Questions search ${names.join(', ')} together.`,
  oneAtATime: 'Questions search the chosen rulebook only. Tick two or more to search them together.',
  localRule: 'Local rule',
  theLaw: 'The law',
  answer: 'Answer',
  notCovered: 'Not covered by the rulebooks in use.',
  unsure: 'Closest rules — check the clause.',
};

/** When the service worker cannot save the offline copy of the app (src/ui/offline-copy-notice.ts). */
export const OFFLINE_COPY_TEXT = {
  failed: (failure: OfflineCopyFailure) => `This device could not keep an offline copy: ${OFFLINE_COPY_REASON[failure]}.`,
  retry: 'Try again',
};

const OFFLINE_COPY_REASON: Record<OfflineCopyFailure, string> = {
  'storage-full': 'its storage is full. Free some space (or delete a rulebook), then try again',
  'download-failed': 'the connection dropped while it was saved. The app works while online; try again',
  unknown: 'saving it failed. The app works while online; try again',
};
