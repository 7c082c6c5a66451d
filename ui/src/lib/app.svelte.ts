import { unwrap } from './api';
import { commands, type Agency, type AppStatus, type CategorySettings } from './bindings';
import type { PageId } from './navigation';

/** What the Instruksi page shows: the list, the issue form, or one instruction. */
export type InstructionView =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'detail'; id: string; /** Where "back" leads. */ from: PageId };

/**
 * State shared by the whole window. The core is the source of truth; this only
 * caches its last answers so the frame and the pages agree on what they show.
 */
class AppState {
  /** null until the first appStatus answer. */
  status = $state.raw<AppStatus | null>(null);
  /** null until listed once; the user badge and several pages use it. */
  agencies = $state.raw<Agency[] | null>(null);
  /** The regency's category list (and the retired ones); null until asked once. */
  categories = $state.raw<CategorySettings | null>(null);
  page = $state<PageId>('dashboard');
  instructionView = $state.raw<InstructionView>({ kind: 'list' });
  /**
   * A confirmation to show once on the next screen ("Instruksi … telah diterbitkan").
   * A function, so the text follows a language switch.
   */
  notice = $state.raw<(() => string) | null>(null);
  /**
   * Grows when data arrived from elsewhere (the sync folder): pages that show data read
   * it in their loading effect and load again, keeping what a person is typing.
   */
  dataRevision = $state(0);

  async refreshStatus(): Promise<void> {
    this.status = await unwrap(commands.appStatus());
  }

  async refreshAgencies(): Promise<void> {
    this.agencies = await unwrap(commands.listAgencies());
  }

  /** After anything that changes data (loading the demo, a sync import). */
  async refreshAll(): Promise<void> {
    // Categories too: every list shows a category by its regency label.
    await Promise.all([this.refreshStatus(), this.refreshAgencies(), this.refreshCategories()]);
  }

  /** Data arrived from another laptop: the shared state and every page's data load again. */
  dataArrived(): void {
    this.dataRevision += 1;
    this.refreshAll().catch(() => undefined);
  }

  async refreshCategories(): Promise<CategorySettings> {
    const settings = await unwrap(commands.categorySettings());
    this.categories = settings;
    return settings;
  }

  agencyByCode(code: string | null): Agency | undefined {
    if (code === null) return undefined;
    return this.agencies?.find((agency) => agency.code === code);
  }

  /** The sidebar: a page opens at its start (the Instruksi page at its list). */
  go(page: PageId): void {
    // Where "opening a page" starts, for the meeting-mode benchmark (performance.measure).
    performance.mark(`ikp:go:${page}`);
    this.page = page;
    this.notice = null;
    if (page === 'instructions') this.instructionView = { kind: 'list' };
  }

  openInstruction(id: string): void {
    const from = this.page === 'instructions' ? 'instructions' : this.page;
    this.page = 'instructions';
    this.instructionView = { kind: 'detail', id, from };
  }

  newInstruction(): void {
    this.notice = null;
    this.page = 'instructions';
    this.instructionView = { kind: 'new' };
  }
}

export const app = new AppState();
