import { listen } from '@tauri-apps/api/event';
import { app } from './app.svelte';
import type { FolderLook } from './bindings';

/**
 * The sync folder's watcher runs in the shell; after a look that wrote, read or failed
 * it tells the window (`folder-synced`). The last look is kept for Pengaturan, and data
 * that arrived has every page that shows data load again.
 */
class FolderSyncState {
  last = $state.raw<FolderLook | null>(null);

  heard(look: FolderLook): void {
    this.last = look;
    if ((look.pass?.imported ?? []).some((file) => file.newEvents > 0)) app.dataArrived();
  }
}

export const folderSync = new FolderSyncState();

/** Once, at start. */
export function watchSyncFolder(): void {
  listen<FolderLook>('folder-synced', (event) => folderSync.heard(event.payload)).catch(() => {
    // Outside a Tauri window (a plain browser) there is no watcher to hear.
  });
}
