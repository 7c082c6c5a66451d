import { listen } from '@tauri-apps/api/event';
import { unwrap } from './api';
import { app } from './app.svelte';
import { commands, type FilePreview } from './bindings';

/**
 * A .ikp file opened from outside the app (double-clicked, or on the command line, or
 * handed over by a second start). The core previews it; the Sinkronisasi page shows
 * the preview and imports only when the user confirms.
 */
class OpenedFileState {
  preview = $state.raw<FilePreview | null>(null);
  /** How the page names the file back to the shell (never a path). */
  handle = $state.raw<string | null>(null);
  failure = $state.raw<unknown>(null);

  /** Asks the shell for a waiting file; opens the Sinkronisasi page when there is one. */
  async fetch(): Promise<void> {
    try {
      const opened = await unwrap(commands.takeOpenedFile());
      if (opened === null) return;
      this.preview = opened.preview;
      this.handle = opened.handle;
      this.failure = null;
    } catch (error) {
      this.preview = null;
      this.handle = null;
      this.failure = error;
    }
    app.go('sync');
  }

  clear(): void {
    this.preview = null;
    this.handle = null;
    this.failure = null;
  }
}

export const openedFile = new OpenedFileState();

/** Once, at start: the file of the first start, then every file a second start hands over. */
export function watchOpenedFiles(): void {
  listen('file-opened', () => void openedFile.fetch()).catch(() => {
    // Outside a Tauri window (a plain browser) no file can be handed over.
  });
  void openedFile.fetch();
}
