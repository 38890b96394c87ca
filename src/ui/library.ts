// The rulebooks on this device as every screen sees them: the list, the chosen one (kept for the next
// start), its clauses, and adding, renaming and deleting. Main thread; the work runs in the rulebook worker.

import type { EngineStatus, InitPayload, RulebookOps, RulebookSummary } from '../core/rulebook-ops';
import type { RuleUnit } from '../core/types';
import { pageActivity, type Activity } from './activity';
import { describeProgress, TEXT, UI_TEXT } from './messages';
import type { Shell } from './shell';
import { createTabSync, type TabMessage, type TabSync } from './tab-sync';
import type { WorkerClient } from './worker-client';

export type LibraryChange = 'books' | 'current' | 'indexing';

export interface Library {
  /** Starts the worker and lists the rulebooks; returns the worker's status, or undefined on failure. */
  start(init?: InitPayload): Promise<EngineStatus | undefined>;
  /** Resolves once the first listing is done (at once if it already is), whether or not it succeeded. */
  whenStarted(): Promise<void>;
  isStarted(): boolean;
  /** The rulebook chosen when the app was last used, known before the worker has listed anything. */
  rememberedBook(): string | undefined;
  books(): RulebookSummary[];
  current(): string | undefined;
  currentBook(): RulebookSummary | undefined;
  select(hash: string): void;
  rename(hash: string, name: string): Promise<void>;
  remove(hash: string): Promise<void>;
  add(file: File): Promise<void>;
  /** Lists the rulebooks again (after a rule pack was imported), choosing `select` when given. */
  refresh(select?: string): Promise<void>;
  cancelIndexing(): void;
  isIndexing(): boolean;
  /** The rulebook's clauses (loaded once per rulebook). */
  loadUnits(hash: string): Promise<RuleUnit[]>;
  onChange(listener: (change: LibraryChange) => void): void;
}

const CURRENT_KEY = 'pitchside-rulebook';

function remember(hash: string | undefined): void {
  try {
    if (hash) localStorage.setItem(CURRENT_KEY, hash);
    else localStorage.removeItem(CURRENT_KEY);
  } catch {
    // Private mode: the next start simply waits for the list.
  }
}

function recall(): string | undefined {
  try {
    return localStorage.getItem(CURRENT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function createLibrary({
  shell,
  client,
  activity = pageActivity,
  tabs = createTabSync(),
}: {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  activity?: Activity;
  /** The app's other tabs: what changes here is announced there, and the other way round. */
  tabs?: TabSync;
}): Library {
  let books: RulebookSummary[] = [];
  let current: string | undefined;
  let indexing: AbortController | undefined;
  let isStarted = false;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const unitsByHash = new Map<string, Promise<RuleUnit[]>>();
  const listeners: ((change: LibraryChange) => void)[] = [];
  const emit = (change: LibraryChange) => {
    if (change !== 'indexing') remember(current);
    listeners.forEach((l) => l(change));
  };

  const currentBook = () => books.find((b) => b.hash === current);
  const readyLine = () => {
    const book = currentBook();
    return book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook;
  };

  async function refreshBooks() {
    books = await client.call('list', {});
    if (!current || !books.some((b) => b.hash === current)) current = books[0]?.hash;
    emit('books');
  }

  function loadUnits(hash: string): Promise<RuleUnit[]> {
    let units = unitsByHash.get(hash);
    if (!units) {
      units = client.call('units', { hash });
      units.catch(() => unitsByHash.delete(hash));
      unitsByHash.set(hash, units);
    }
    return units;
  }

  async function add(file: File) {
    shell.clearError();
    const controller = new AbortController();
    indexing = controller;
    emit('indexing');
    try {
      shell.setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
      const bytes = await file.arrayBuffer();
      const name = file.name.replace(/\.pdf$/i, '');
      const result = await client.call(
        'add',
        { name, bytes },
        { signal: controller.signal, onProgress: (p) => shell.setStatus(describeProgress(p)), transfer: [bytes], awaitCancel: true },
      );
      current = result.rulebook.hash;
      await refreshBooks();
      tabs.announce({ type: 'books-changed' });
      shell.setStatus(TEXT.indexed(result.rulebook.name, result.reused));
    } catch (error) {
      shell.showError(error);
      shell.setStatus(controller.signal.aborted ? `${UI_TEXT.indexingCancelled} ${readyLine()}` : readyLine());
    } finally {
      if (indexing === controller) indexing = undefined;
      emit('indexing');
    }
  }

  /** Another tab added, renamed or deleted a rulebook, or chose one: list again from the shared store. */
  async function followOtherTab(message: TabMessage) {
    if (!isStarted) return;
    if (message.type === 'current') {
      if (message.hash === current || !books.some((b) => b.hash === message.hash)) return;
      current = message.hash;
      emit('current');
      if (!indexing) shell.setStatus(readyLine());
      return;
    }
    const name = message.type === 'deleted' ? books.find((b) => b.hash === message.hash)?.name : undefined;
    if (message.type === 'deleted') unitsByHash.delete(message.hash);
    try {
      await refreshBooks();
    } catch (error) {
      return shell.showError(error);
    }
    if (!indexing) shell.setStatus(name ? `${UI_TEXT.removed(name)} ${readyLine()}` : readyLine());
  }
  tabs.onMessage((message) => void followOtherTab(message));

  return {
    async start(init = {}) {
      try {
        const status = await client.call('init', init, { onProgress: (p) => shell.setStatus(describeProgress(p)) });
        await refreshBooks();
        shell.setStatus(readyLine());
        return status;
      } catch (error) {
        shell.showError(error);
        shell.setStatus(TEXT.noRulebook);
        emit('books');
        return undefined;
      } finally {
        isStarted = true;
        markStarted();
      }
    },
    whenStarted: () => started,
    isStarted: () => isStarted,
    rememberedBook: recall,
    books: () => books,
    current: () => current,
    currentBook,
    select(hash) {
      if (hash === current) return;
      current = hash;
      emit('current');
      tabs.announce({ type: 'current', hash });
      shell.setStatus(readyLine());
    },
    async rename(hash, name) {
      try {
        await client.call('rename', { hash, name });
      } catch (error) {
        shell.showError(error);
      }
      await refreshBooks();
      tabs.announce({ type: 'books-changed' });
      if (hash === current) shell.setStatus(TEXT.readyWithBook(name));
    },
    async remove(hash) {
      const name = books.find((b) => b.hash === hash)?.name ?? '';
      try {
        await client.call('remove', { hash });
        tabs.announce({ type: 'deleted', hash });
        unitsByHash.delete(hash);
        await refreshBooks();
        shell.setStatus(`${UI_TEXT.removed(name)} ${readyLine()}`);
      } catch (error) {
        shell.showError(error);
      }
    },
    add: (file) => activity.track(add(file)),
    async refresh(select) {
      if (select) current = select;
      await refreshBooks();
      if (select) emit('current');
    },
    cancelIndexing: () => indexing?.abort(),
    isIndexing: () => indexing !== undefined,
    loadUnits,
    onChange: (listener) => void listeners.push(listener),
  };
}
