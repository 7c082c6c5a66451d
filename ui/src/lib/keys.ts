import type { Action } from 'svelte/action';

/**
 * Keyboard shortcuts for everything inside an element (a form, a panel): the handler
 * sees every keydown that bubbles up to it. An action rather than an `onkeydown`
 * attribute, because the element itself is not interactive; its fields are.
 */
export const shortcuts: Action<HTMLElement, (event: KeyboardEvent) => void> = (node, handler) => {
  let current = handler;
  const listener = (event: KeyboardEvent): void => current(event);
  node.addEventListener('keydown', listener);
  return {
    update(next) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', listener);
    },
  };
};
