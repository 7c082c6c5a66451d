import { getCurrentWebview } from '@tauri-apps/api/webview';
import { unwrap } from './api';
import { commands, type TextSize, type TextSizeChange } from './bindings';

/**
 * How large this laptop shows the app. The core keeps the choice (and the shell applies
 * it at start, before the first paint); a change made here zooms the page at once.
 */
class TextSizeState {
  current = $state.raw<TextSize | null>(null);

  async load(): Promise<void> {
    this.current = await unwrap(commands.textSize());
  }

  async change(change: TextSizeChange): Promise<void> {
    await this.show(await unwrap(commands.changeTextSize(change)));
  }

  async set(percent: number): Promise<void> {
    await this.show(await unwrap(commands.setTextSize(percent)));
  }

  private async show(size: TextSize): Promise<void> {
    this.current = size;
    await getCurrentWebview().setZoom(size.percent / 100);
  }
}

export const textSize = new TextSizeState();

/** Ctrl (⌘ on a Mac) with + or =, − and 0, as in every browser and office program. */
export function onTextSizeKeys(event: KeyboardEvent): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const change: TextSizeChange | null =
    event.key === '+' || event.key === '=' ? 'larger' : event.key === '-' ? 'smaller' : event.key === '0' ? 'reset' : null;
  if (change === null) return;
  event.preventDefault();
  // A laptop whose database did not open keeps its size; nothing to tell the person.
  textSize.change(change).catch(() => undefined);
}
