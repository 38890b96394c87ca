// The app shell: title, the main navigation (Ask · Rulebook · Settings), status line, alert area and the
// screens. Main thread. Screens are mounted once and shown or hidden, so their state survives switching.

import { clear, h } from './dom';
import { describeError, TEXT, UI_TEXT } from './messages';

export interface Screen {
  id: string;
  label: string;
  element: HTMLElement;
  /** A screen reached from another one (Evaluate from Settings) has no navigation button of its own. */
  parent?: string;
  /** Called each time the screen is shown. */
  onShow?(): void;
}

export interface Shell {
  status: HTMLElement;
  setStatus(text: string): void;
  showError(error: unknown): void;
  clearError(): void;
  addScreen(screen: Screen): void;
  show(id: string): void;
  /** The screen on show. */
  shown(): string;
  /** Shows a notice (offline ready, update available, install hint), announced politely. */
  notify(content: HTMLElement): void;
}

export function createShell(root: HTMLElement): Shell {
  const status = h('p', { role: 'status', class: 'status', 'aria-live': 'polite' }, TEXT.starting);
  const alert = h('div', { role: 'alert', class: 'alert' });
  // Not role=status: the app has one status line; notices are announced through aria-live alone.
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const nav = h('nav', { class: 'screens', 'aria-label': UI_TEXT.navigation });
  const main = h('main', { class: 'main' });
  const screens = new Map<string, { screen: Screen; button?: HTMLAnchorElement }>();
  let shownId = '';

  root.append(h('header', { class: 'top' }, h('div', { class: 'title-row' }, h('h1', {}, TEXT.appName), nav), status), notices, alert, main);

  const shell: Shell = {
    status,
    setStatus(text) {
      status.textContent = text;
    },
    showError(error) {
      const { text, detail, silent } = describeError(error);
      if (silent) return;
      clear(alert);
      alert.append(h('p', {}, text));
      if (detail) alert.append(h('details', {}, h('summary', {}, UI_TEXT.details), h('p', {}, detail)));
    },
    clearError() {
      clear(alert);
    },
    notify(content) {
      notices.append(content);
    },
    addScreen(screen) {
      // Links, not buttons: the Ask screen's one button named "Ask" submits the question.
      const button = screen.parent
        ? undefined
        : h('a', { href: `#${screen.id}`, class: 'nav', onclick: (e: Event) => (e.preventDefault(), shell.show(screen.id)) }, screen.label);
      screens.set(screen.id, { screen, button });
      if (button) nav.append(button);
      const first = screens.size === 1;
      screen.element.hidden = !first;
      if (first) shownId = document.documentElement.dataset.screen = screen.id;
      button?.setAttribute('aria-current', first ? 'page' : 'false');
      main.append(screen.element);
    },
    show(id) {
      const target = screens.get(id);
      if (!target) return;
      shownId = id;
      const navId = target.screen.parent ?? id;
      for (const [key, { screen, button }] of screens) {
        screen.element.hidden = key !== id;
        // Under a parent (Evaluate under Settings), the parent is where the reader is but not the page shown.
        button?.setAttribute('aria-current', key === id ? 'page' : key === navId ? 'true' : 'false');
      }
      document.documentElement.dataset.screen = id;
      scrollTo(0, 0);
      target.screen.onShow?.();
    },
    shown: () => shownId,
  };
  return shell;
}
