// Light (high contrast, for sunlight) and dark themes: follows the system setting until the user picks one
// with the switch in Settings; the choice is kept on the device. Main thread.

import { h } from './dom';
import { UI_TEXT } from './messages';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'pitchside-theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_COLOURS = { light: '#0b5d2a', dark: '#0e0e10' };

export function readThemeChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return ORDER.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  const dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  let meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (!meta) meta = document.head.appendChild(h('meta', { name: 'theme-color' }));
  meta.content = dark ? THEME_COLOURS.dark : THEME_COLOURS.light;
}

/** The Settings button that cycles system → light → dark. */
export function createThemeSwitch(): HTMLButtonElement {
  let choice = readThemeChoice();
  const button = h('button', { type: 'button', class: 'secondary' }, UI_TEXT.theme[choice]);
  applyTheme(choice);
  button.addEventListener('click', () => {
    choice = ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length];
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Private mode: the choice lasts for this visit only.
    }
    applyTheme(choice);
    button.textContent = UI_TEXT.theme[choice];
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(choice));
  return button;
}
