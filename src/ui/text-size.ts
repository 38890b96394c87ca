// The text-size setting (normal, large, huge): kept on the device and applied to the whole page through
// the root font size, so every screen grows with it. Main thread.

import { h } from './dom';
import { UI_TEXT } from './messages';

export type TextSize = 'normal' | 'large' | 'huge';

const STORAGE_KEY = 'pitchside-text-size';
export const TEXT_SIZES: TextSize[] = ['normal', 'large', 'huge'];

export function readTextSize(): TextSize {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return TEXT_SIZES.includes(saved as TextSize) ? (saved as TextSize) : 'normal';
  } catch {
    return 'normal';
  }
}

export function applyTextSize(size: TextSize): void {
  if (size === 'normal') delete document.documentElement.dataset.textSize;
  else document.documentElement.dataset.textSize = size;
}

/** Three radio buttons under the legend "Text size". */
export function createTextSizeSetting(): HTMLElement {
  const chosen = readTextSize();
  const options = TEXT_SIZES.map((size) => {
    const id = `text-size-${size}`;
    const input = h('input', { type: 'radio', name: 'text-size', id, value: size, checked: size === chosen });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      try {
        localStorage.setItem(STORAGE_KEY, size);
      } catch {
        // Private mode: the choice lasts for this visit only.
      }
      applyTextSize(size);
    });
    return h('label', { for: id, class: 'segment' }, input, UI_TEXT.textSizes[size]);
  });
  return h('fieldset', { class: 'segmented' }, h('legend', {}, UI_TEXT.textSize), options);
}
