// User-facing error wording: every code has words, hints show as they are, cancelling shows nothing.

import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/errors';
import { describeError, describeProgress, UserHint } from '../../src/ui/messages';

describe('describeError', () => {
  it.each<[ErrorCode, RegExp]>([
    ['not-pdf', /not a PDF/],
    ['pdf-password', /password-protected/],
    ['pdf-no-text', /no text layer/],
    ['quota-exceeded', /out of storage/],
    ['llm-offline', /Download it once while online/],
  ])('%s says what happened and what to do', (code, words) => {
    const { text, silent } = describeError(new AppError(code, 'detail'));
    expect(text).toMatch(words);
    expect(silent).toBe(false);
  });

  it('keeps technical detail apart from the message', () => {
    expect(describeError(new AppError('pdf-corrupt', 'InvalidPDFException: bad xref'))).toMatchObject({
      detail: 'InvalidPDFException: bad xref',
    });
  });

  it('puts the failing line of a question file in the message itself', () => {
    const { text } = describeError(new AppError('bad-question-file', 'line 3: not valid JSON'));
    expect(text).toBe('That question file could not be read: line 3: not valid JSON.');
  });

  it('shows a hint as it is and a cancel as nothing', () => {
    expect(describeError(new UserHint('Type a question first.')).text).toBe('Type a question first.');
    expect(describeError(new AppError('cancelled')).silent).toBe(true);
  });

  it('turns anything unexpected into a general message with the detail kept', () => {
    const { text, detail } = describeError('TypeError: Failed to fetch');
    expect(text).toMatch(/Something went wrong/);
    expect(detail).toBe('TypeError: Failed to fetch');
  });
});

describe('describeProgress', () => {
  it.each([
    [{ stage: 'embed' as const, done: 3, total: 40 }, 'Indexing clauses: 3 of 40'],
    [{ stage: 'download' as const, done: 0, total: 1, bytes: 2_500_000, totalBytes: 700_000_000 }, 'Downloading: 2.5 MB of 700.0 MB'],
    [{ stage: 'save' as const, done: 0, total: 1 }, 'Saving on this device…'],
  ])('%o → %s', (progress, expected) => {
    expect(describeProgress(progress)).toBe(expected);
  });
});
