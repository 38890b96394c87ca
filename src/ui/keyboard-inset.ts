// Keeps the question bar above the on-screen keyboard: the part of the layout viewport the visual viewport
// no longer covers (the keyboard, mostly) goes into the CSS variable --keyboard-inset. Main thread.

export function trackKeyboardInset(root: HTMLElement = document.documentElement, view: VisualViewport | null = window.visualViewport): void {
  if (!view) return;
  const update = () => {
    const inset = Math.max(0, window.innerHeight - (view.height + view.offsetTop));
    // Set through the CSSOM: the page's Content-Security-Policy forbids inline style attributes.
    root.style.setProperty('--keyboard-inset', `${Math.round(inset)}px`);
  };
  view.addEventListener('resize', update);
  view.addEventListener('scroll', update);
  update();
}
