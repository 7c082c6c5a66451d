/**
 * Sizes a box to the window's height below where it starts, so a screen laid out as one
 * room (meeting mode) fits whatever the window and the text size: a fixed allowance for
 * what sits above it broke at 150% on a 1366×768 laptop. Follows resizes and zoom.
 */
export function fitToWindow(node: HTMLElement, gap = 12): { destroy: () => void } {
  const fit = (): void => {
    const top = node.getBoundingClientRect().top;
    node.style.height = `${Math.max(260, Math.floor(window.innerHeight - top - gap))}px`;
  };
  fit();
  window.addEventListener('resize', fit);
  return { destroy: () => window.removeEventListener('resize', fit) };
}
