import { tick } from 'svelte';
import type { Action } from 'svelte/action';
import type { InputProblem } from './bindings';
import { invalidInputOf } from './i18n';

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

/**
 * The keys every panel with a form shares: Esc closes it, Ctrl+Enter (⌘+Enter) sends
 * its form. `container` is the form itself or the panel around it.
 */
export function panelKeys(container: () => HTMLElement | undefined, onclose: () => void) {
  return (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onclose();
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      const node = container();
      const form = node instanceof HTMLFormElement ? node : node?.querySelector('form');
      form?.requestSubmit();
    }
  };
}

/**
 * Puts the cursor in the field the core named. An evidence file the core could not
 * find ("evidence.foto.jpg") is the file picker.
 */
export function focusField(container: HTMLElement | undefined, field: string): void {
  const name = field.startsWith('evidence') ? 'evidence' : field;
  container?.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`)?.focus();
}

/**
 * After a command failed: when the core refused one field, hands it to `show` (which
 * puts the message under the field), waits for that to render and focuses the field.
 * Returns false for any other error, which the caller shows as a banner.
 */
export async function showFieldProblem(
  error: unknown,
  container: HTMLElement | undefined,
  show: (problem: { field: string; problem: InputProblem }) => void,
): Promise<boolean> {
  const invalid = invalidInputOf(error);
  if (invalid === null) return false;
  show(invalid);
  await tick();
  focusField(container, invalid.field);
  return true;
}
