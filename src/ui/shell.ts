// The app shell: title, status line, alert area and a switch between screens (Ask, Models, Evaluate).
// Main thread. Screens are mounted once and shown or hidden, so their state survives switching.

import { clear, h } from './dom';
import { describeError, TEXT } from './messages';

export interface Screen {
  id: string;
  label: string;
  element: HTMLElement;
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
  /** A place in the header for small controls (theme switch, install button). */
  tools: HTMLElement;
  /** Shows a notice (offline ready, update available, install hint), announced politely. */
  notify(content: HTMLElement): void;
}

export function createShell(root: HTMLElement): Shell {
  const status = h('p', { role: 'status', class: 'status', 'aria-live': 'polite' }, TEXT.starting);
  const alert = h('div', { role: 'alert', class: 'alert' });
  // Not role=status: the app has one status line; notices are announced through aria-live alone.
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const nav = h('nav', { class: 'screens', 'aria-label': 'Screens' });
  const tools = h('div', { class: 'tools' });
  const main = h('main', { class: 'main' });
  const screens = new Map<string, { screen: Screen; button: HTMLButtonElement }>();

  root.append(h('header', { class: 'top' }, h('div', { class: 'title-row' }, h('h1', {}, TEXT.appName), nav, tools), status), notices, alert, main);

  const shell: Shell = {
    status,
    tools,
    setStatus(text) {
      status.textContent = text;
    },
    showError(error) {
      const { text, detail, silent } = describeError(error);
      if (silent) return;
      clear(alert);
      alert.append(h('p', {}, text));
      if (detail) alert.append(h('details', {}, h('summary', {}, 'Details'), h('p', {}, detail)));
    },
    clearError() {
      clear(alert);
    },
    notify(content) {
      notices.append(content);
    },
    addScreen(screen) {
      const button = h('button', { type: 'button', class: 'nav', onclick: () => shell.show(screen.id) }, screen.label);
      screens.set(screen.id, { screen, button });
      nav.append(button);
      screen.element.hidden = screens.size > 1;
      button.setAttribute('aria-current', String(screens.size === 1));
      main.append(screen.element);
    },
    show(id) {
      for (const [key, { screen, button }] of screens) {
        const visible = key === id;
        screen.element.hidden = !visible;
        button.setAttribute('aria-current', visible ? 'page' : 'false');
        if (visible) screen.onShow?.();
      }
    },
  };
  return shell;
}
