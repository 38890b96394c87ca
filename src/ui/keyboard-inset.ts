// Keeps the question bar above the on-screen keyboard: the part of the layout viewport the visual viewport
// no longer covers (the keyboard, mostly) goes into the CSS variable --keyboard-inset. Main thread.

type ViewportLike = Pick<VisualViewport, 'height' | 'offsetTop' | 'addEventListener'>;

export function trackKeyboardInset(
  root: { style: Pick<CSSStyleDeclaration, 'setProperty'> } = document.documentElement,
  view: ViewportLike | null = window.visualViewport,
  layoutHeight: () => number = () => window.innerHeight,
): void {
  if (!view) return;
  const update = () => {
    const inset = Math.max(0, layoutHeight() - (view.height + view.offsetTop));
    // Set through the CSSOM: the page's Content-Security-Policy forbids inline style attributes.
    root.style.setProperty('--keyboard-inset', `${Math.round(inset)}px`);
  };
  view.addEventListener('resize', update);
  view.addEventListener('scroll', update);
  update();
}
