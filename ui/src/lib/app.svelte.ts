import { unwrap } from './api';
import { commands, type Agency, type AppStatus } from './bindings';
import type { PageId } from './navigation';

/**
 * State shared by the whole window. The core is the source of truth; this only
 * caches its last answers so the frame and the pages agree on what they show.
 */
class AppState {
  /** null until the first appStatus answer. */
  status = $state.raw<AppStatus | null>(null);
  /** null until listed once; the user badge and several pages use it. */
  agencies = $state.raw<Agency[] | null>(null);
  page = $state<PageId>('dashboard');

  async refreshStatus(): Promise<void> {
    this.status = await unwrap(commands.appStatus());
  }

  async refreshAgencies(): Promise<void> {
    this.agencies = await unwrap(commands.listAgencies());
  }

  /** After anything that changes data (loading the demo, later: a sync import). */
  async refreshAll(): Promise<void> {
    await Promise.all([this.refreshStatus(), this.refreshAgencies()]);
  }

  agencyByCode(code: string | null): Agency | undefined {
    if (code === null) return undefined;
    return this.agencies?.find((agency) => agency.code === code);
  }
}

export const app = new AppState();
