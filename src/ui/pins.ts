// Pinned clauses: the referee's favourite rules, kept on the device per rulebook and shown on the Ask
// screen. Main thread; localStorage, so they survive a reload and stay offline.

import type { RuleUnit } from '../core/types';

const STORAGE_KEY = 'pitchside-pins';

export interface PinnedClause {
  ref: string;
  label: string;
  text: string;
}

type PinsByBook = Record<string, PinnedClause[]>;

function readAll(): PinsByBook {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as PinsByBook) : {};
  } catch {
    return {};
  }
}

function writeAll(pins: PinsByBook): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(pins));
  } catch {
    // Private mode or full storage: pins last for this visit only.
  }
}

export interface Pins {
  list(hash: string): PinnedClause[];
  isPinned(hash: string, ref: string): boolean;
  toggle(hash: string, unit: RuleUnit, label: string): boolean;
  onChange(listener: () => void): void;
}

export function createPins(): Pins {
  const listeners: (() => void)[] = [];
  let memory = readAll();
  return {
    list: (hash) => memory[hash] ?? [],
    isPinned: (hash, ref) => (memory[hash] ?? []).some((p) => p.ref === ref),
    toggle(hash, unit, label) {
      const list = memory[hash] ?? [];
      const pinned = !list.some((p) => p.ref === unit.ref);
      memory = { ...memory, [hash]: pinned ? [...list, { ref: unit.ref, label, text: unit.text }] : list.filter((p) => p.ref !== unit.ref) };
      writeAll(memory);
      listeners.forEach((l) => l());
      return pinned;
    },
    onChange: (listener) => void listeners.push(listener),
  };
}
