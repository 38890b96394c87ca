import { describe, expect, it } from 'vitest';
import { classifyOfflineCopyFailure, OFFLINE_COPY_FAILED, type OfflineCopyFailedMessage } from '../../src/core/offline-copy';

const said = (errorName: string, detail = ''): OfflineCopyFailedMessage => ({ type: OFFLINE_COPY_FAILED, errorName, detail });
const MB = 1024 * 1024;

describe('classifyOfflineCopyFailure', () => {
  it.each([
    ['the service worker ran out of quota', said('QuotaExceededError'), undefined, 'storage-full'],
    ['a precache download failed', said('TypeError', 'Failed to fetch'), undefined, 'download-failed'],
    ['workbox refused a bad response', said('WorkboxError', 'bad-precaching-response'), undefined, 'download-failed'],
    ['no word from the worker, little room left', undefined, { usage: 3 * MB, quota: 4 * MB }, 'storage-full'],
    ['no word from the worker, room enough', undefined, { usage: 3 * MB, quota: 4000 * MB }, 'unknown'],
    ['another error', said('InvalidStateError', 'odd'), { usage: 0, quota: 4000 * MB }, 'unknown'],
  ] as const)('%s → %s', (_name, message, estimate, expected) => {
    expect(classifyOfflineCopyFailure(message, estimate, 48 * MB)).toBe(expected);
  });
});
