/**
 * A box that scrolls on its own (a wide table on a laptop screen) must be reachable by
 * keyboard, or a person without a mouse cannot read its hidden columns (WCAG 2.1.1). The
 * action makes it a focusable region named by its card's title — by reference, so the
 * name follows a change of language.
 */
let named = 0;

export function scrollRegion(node: HTMLElement): void {
  node.tabIndex = 0;
  node.setAttribute('role', 'region');
  if (node.hasAttribute('aria-label') || node.hasAttribute('aria-labelledby')) return;
  const heading = node.closest('section, article, .card')?.querySelector('h1, h2, h3, h4');
  if (heading instanceof HTMLElement) {
    if (heading.id === '') heading.id = `scroll-region-title-${++named}`;
    node.setAttribute('aria-labelledby', heading.id);
  }
}
