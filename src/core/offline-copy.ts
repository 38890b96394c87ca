// What the service worker tells the page when it cannot save the offline copy of the app, and how the page
// reads that into a reason. Pure; the service worker thread and the main thread.

export const OFFLINE_COPY_FAILED = 'pitchside:offline-copy-failed';

export interface OfflineCopyFailedMessage {
  type: typeof OFFLINE_COPY_FAILED;
  errorName: string;
  detail: string;
}

export type OfflineCopyFailure = 'storage-full' | 'download-failed' | 'unknown';

export function isOfflineCopyFailedMessage(data: unknown): data is OfflineCopyFailedMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === OFFLINE_COPY_FAILED;
}

/** Why the copy failed, from the service worker's error (if it said one) or else from the storage estimate. */
export function classifyOfflineCopyFailure(
  message: OfflineCopyFailedMessage | undefined,
  estimate?: { usage?: number; quota?: number },
  neededBytes = 0,
): OfflineCopyFailure {
  if (message?.errorName === 'QuotaExceededError') return 'storage-full';
  if (message && /fetch|network|bad-precaching-response/i.test(`${message.errorName} ${message.detail}`)) return 'download-failed';
  if (estimate?.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < neededBytes) return 'storage-full';
  return 'unknown';
}
