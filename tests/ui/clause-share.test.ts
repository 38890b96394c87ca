// Sharing a clause: the short rulebook name, the shared text, and the share-or-copy fall-back.

import { describe, expect, it } from 'vitest';
import { formatClauseForSharing, shareClauseText, shortBookName } from '../../src/ui/clause-share';

describe('shortBookName', () => {
  it.each([
    ['fit-touch-5th-edition', 'FIT 5th ed.'],
    ['FIT Touch Football Playing Rules 5th Edition', 'FIT 5th ed.'],
    ['sample-rules', 'sample rules'],
    ['Club rules', 'Club rules'],
  ])('%s → %s', (name, short) => expect(shortBookName(name)).toBe(short));
});

describe('formatClauseForSharing', () => {
  it('reads "Rule 15.2 (FIT 5th ed.): …" on one line', () => {
    expect(formatClauseForSharing('Rule 15.2', 'fit-touch-5th-edition', 'The defending team must retire\n ten (10) metres.')).toBe(
      'Rule 15.2 (FIT 5th ed.): The defending team must retire ten (10) metres.',
    );
  });
});

describe('shareClauseText', () => {
  const copied: string[] = [];
  const clipboard = { writeText: async (text: string) => void copied.push(text) } as unknown as Clipboard;

  it('uses the system share sheet where there is one', async () => {
    const shared: ShareData[] = [];
    expect(await shareClauseText('x', { share: async (data?: ShareData) => void shared.push(data!), clipboard })).toBe('shared');
    expect(shared).toEqual([{ text: 'x' }]);
  });

  it('says nothing happened when the share sheet is dismissed', async () => {
    const share = async () => {
      throw new DOMException('dismissed', 'AbortError');
    };
    expect(await shareClauseText('x', { share, clipboard })).toBe('cancelled');
  });

  it('copies where sharing is missing or refused', async () => {
    copied.length = 0;
    expect(await shareClauseText('a', { share: undefined as unknown as Navigator['share'], clipboard })).toBe('copied');
    const refuse = async () => {
      throw new DOMException('no gesture', 'NotAllowedError');
    };
    expect(await shareClauseText('b', { share: refuse, clipboard })).toBe('copied');
    expect(copied).toEqual(['a', 'b']);
  });

  it('reports a clipboard that refuses too', async () => {
    const locked = { writeText: async () => Promise.reject(new Error('denied')) } as unknown as Clipboard;
    expect(await shareClauseText('x', { share: undefined as unknown as Navigator['share'], clipboard: locked })).toBe('failed');
  });
});
