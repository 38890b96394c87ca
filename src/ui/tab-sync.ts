// Keeps the app's tabs and windows in step: a rulebook added, renamed or deleted, or another one chosen, in
// one tab is announced to the others over a BroadcastChannel, and they list the rulebooks again from
// IndexedDB. Main thread.

export type TabMessage =
  | { type: 'books-changed' }
  | { type: 'deleted'; hash: string }
  | { type: 'current'; hash: string };

export interface TabSync {
  announce(message: TabMessage): void;
  onMessage(listener: (message: TabMessage) => void): void;
  close(): void;
}

export const TAB_CHANNEL = 'pitchside-rulebooks';

function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, hash } = data as { type?: unknown; hash?: unknown };
  if (type === 'books-changed') return true;
  return (type === 'deleted' || type === 'current') && typeof hash === 'string';
}

/** A channel to the app's other tabs; without BroadcastChannel (old browsers) each tab keeps to itself. */
export function createTabSync(name = TAB_CHANNEL): TabSync {
  const listeners: ((message: TabMessage) => void)[] = [];
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name);
  channel?.addEventListener('message', (event: MessageEvent) => {
    if (isTabMessage(event.data)) for (const listener of listeners) listener(event.data);
  });
  return {
    announce: (message) => channel?.postMessage(message),
    onMessage: (listener) => void listeners.push(listener),
    close: () => channel?.close(),
  };
}
