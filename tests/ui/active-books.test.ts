// Which rulebooks are in use and their roles: kept in storage, two or more needed to search together.

import { describe, expect, it } from 'vitest';
import { createActiveBooks } from '../../src/ui/active-books';

const book = (hash: string, name: string) => ({ hash, name, pageCount: 1, addedAt: 0 });
const BOOKS = [book('a', 'FIT'), book('b', 'Summer League'), book('c', 'Winter League')];

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('active books', () => {
  it('searches one rulebook at a time until two are in use', () => {
    const active = createActiveBooks(memoryStorage());
    expect(active.inUse(BOOKS)).toEqual([]);
    active.set('a', { active: true });
    expect(active.inUse(BOOKS)).toEqual([]);
    active.set('b', { active: true, role: 'local' });
    expect(active.inUse(BOOKS)).toEqual([
      { hash: 'a', name: 'FIT', role: 'laws' },
      { hash: 'b', name: 'Summer League', role: 'local' },
    ]);
  });

  it('keeps the choices in storage and tells listeners', () => {
    const storage = memoryStorage();
    let changes = 0;
    const first = createActiveBooks(storage);
    first.onChange(() => changes++);
    first.set('b', { role: 'local' });
    first.set('b', { active: true });
    const again = createActiveBooks(storage);
    expect([again.isActive('b'), again.roleOf('b'), again.roleOf('c')]).toEqual([true, 'local', 'laws']);
    expect(changes).toBe(2);
  });

  it('ignores a rulebook that is no longer stored, and unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem('pitchside-active-books', '{"gone":{"active":true,"role":"laws"},"a":{"active":true,"role":"laws"}}');
    expect(createActiveBooks(storage).inUse(BOOKS)).toEqual([]);
    storage.setItem('pitchside-active-books', 'not json');
    expect(createActiveBooks(storage).isActive('a')).toBe(false);
  });
});
