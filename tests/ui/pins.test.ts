// Pinned clauses: per rulebook, toggled, kept on the device across a new start, and harmless where storage
// is refused.

import { afterEach, describe, expect, it } from 'vitest';
import type { RuleUnit } from '../../src/core/types';
import { createPins } from '../../src/ui/pins';

const unit = (ref: string): RuleUnit => ({ kind: 'clause', ref, number: ref, sectionTitle: 'Penalty', text: `Text of ${ref}.`, pages: [3] });

function fakeStorage(refuse = false) {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
  };
}

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('pins', () => {
  it('toggles a clause per rulebook and keeps it for the next start', () => {
    Object.assign(globalThis, { localStorage: fakeStorage() });
    const pins = createPins();
    let changes = 0;
    pins.onChange(() => changes++);
    expect(pins.toggle('book-a', unit('8.2'), 'Rule 8.2')).toBe(true);
    expect(pins.toggle('book-a', unit('9.1'), 'Rule 9.1')).toBe(true);
    expect(pins.isPinned('book-a', '8.2')).toBe(true);
    expect(pins.isPinned('book-b', '8.2')).toBe(false);
    expect(createPins().list('book-a')).toEqual([
      { ref: '8.2', label: 'Rule 8.2', text: 'Text of 8.2.' },
      { ref: '9.1', label: 'Rule 9.1', text: 'Text of 9.1.' },
    ]);
    expect(pins.toggle('book-a', unit('8.2'), 'Rule 8.2')).toBe(false);
    expect(createPins().list('book-a').map((p) => p.ref)).toEqual(['9.1']);
    expect(changes).toBe(3);
  });

  it('works for the visit where storage is refused or missing', () => {
    Object.assign(globalThis, { localStorage: fakeStorage(true) });
    const pins = createPins();
    expect(pins.toggle('book-a', unit('8.2'), 'Rule 8.2')).toBe(true);
    expect(pins.list('book-a')).toHaveLength(1);
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(createPins().list('book-a')).toEqual([]);
  });
});
