// The question bar's lift above the on-screen keyboard, from the visual viewport.

import { describe, expect, it } from 'vitest';
import { trackKeyboardInset } from '../../src/ui/keyboard-inset';

describe('trackKeyboardInset', () => {
  it('follows the keyboard as the visual viewport shrinks, scrolls and grows back', () => {
    const set: string[] = [];
    const root = { style: { setProperty: (_name: string, value: string | null) => void set.push(`${_name}=${value}`) } };
    const view = Object.assign(new EventTarget(), { height: 640, offsetTop: 0 });
    trackKeyboardInset(root, view as unknown as VisualViewport, () => 640);
    expect(set.at(-1)).toBe('--keyboard-inset=0px');
    view.height = 340.4;
    view.dispatchEvent(new Event('resize'));
    expect(set.at(-1)).toBe('--keyboard-inset=300px');
    view.offsetTop = 100;
    view.dispatchEvent(new Event('scroll'));
    expect(set.at(-1)).toBe('--keyboard-inset=200px');
    Object.assign(view, { height: 700, offsetTop: 0 });
    view.dispatchEvent(new Event('resize'));
    expect(set.at(-1)).toBe('--keyboard-inset=0px');
  });

  it('does nothing where there is no visual viewport', () => {
    const root = { style: { setProperty: () => expect.unreachable() } };
    expect(() => trackKeyboardInset(root, null, () => 640)).not.toThrow();
  });
});
