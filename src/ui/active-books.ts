// Which rulebooks a question searches together and the role of each (laws or local rules), kept on the device
// (localStorage, so a backup carries it). With fewer than two books in use, questions go to the chosen
// rulebook alone, as before. Main thread.

import type { ActiveBook, BookRole } from '../core/local-rules';
import type { RulebookSummary } from '../core/rulebook-ops';

const STORAGE_KEY = 'pitchside-active-books';

type Choices = Record<string, { active: boolean; role: BookRole }>;

export interface ActiveBooks {
  isActive(hash: string): boolean;
  roleOf(hash: string): BookRole;
  set(hash: string, choice: { active?: boolean; role?: BookRole }): void;
  /** The books in use among `books`, when two or more are; otherwise none (one rulebook at a time). */
  inUse(books: readonly RulebookSummary[]): ActiveBook[];
  onChange(listener: () => void): void;
}

export function createActiveBooks(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = safeLocalStorage()): ActiveBooks {
  let choices: Choices = read();
  const listeners: (() => void)[] = [];

  function read(): Choices {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Choices) : {};
    } catch {
      return {};
    }
  }

  return {
    isActive: (hash) => choices[hash]?.active ?? false,
    roleOf: (hash) => choices[hash]?.role ?? 'laws',
    set(hash, choice) {
      const previous = choices[hash] ?? { active: false, role: 'laws' };
      choices = { ...choices, [hash]: { ...previous, ...choice } };
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(choices));
      } catch {
        // Private mode or full storage: the choice lasts for this visit.
      }
      listeners.forEach((l) => l());
    },
    inUse(books) {
      const active = books.filter((b) => choices[b.hash]?.active);
      return active.length < 2 ? [] : active.map((b) => ({ hash: b.hash, name: b.name, role: choices[b.hash].role }));
    },
    onChange: (listener) => void listeners.push(listener),
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
