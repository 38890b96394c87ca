// The rulebook file picker: one file input for the whole app, named "Add rulebook (PDF)", visually hidden
// behind large buttons of the same name (the bare browser file box is 390 px wide and unstyled). Main thread.

import { h } from './dom';
import { UI_TEXT } from './messages';

export interface RulebookPicker {
  /** The file input; it lives once in the page, outside the screens. */
  input: HTMLInputElement;
  /** A new large button that opens the file chooser. */
  createButton(extraClass?: string): HTMLButtonElement;
  setBusy(busy: boolean): void;
}

export function createRulebookPicker(onFile: (file: File) => void): RulebookPicker {
  const input = h('input', {
    type: 'file',
    id: 'rulebook-file',
    class: 'visually-hidden',
    accept: 'application/pdf,.pdf',
    'aria-label': UI_TEXT.addRulebook,
    // The buttons are the keyboard's way in; the input itself needs no tab stop.
    tabindex: -1,
  });
  const buttons: HTMLButtonElement[] = [];
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onFile(file);
  });
  return {
    input,
    createButton(extraClass = '') {
      const button = h('button', { type: 'button', class: `pick ${extraClass}`.trim(), onclick: () => input.click() }, UI_TEXT.addRulebook);
      buttons.push(button);
      return button;
    },
    setBusy(busy) {
      input.disabled = busy;
      for (const b of buttons) b.disabled = busy;
    },
  };
}
