// Navigation is plain app state (one window, no URLs): a page is just an id.

export type PageId =
  | 'dashboard'
  | 'instructions'
  | 'scorecard'
  | 'negotiations'
  | 'budget'
  | 'complaints'
  | 'meetings'
  | 'brief'
  | 'agencies'
  | 'sync'
  | 'settings'
  | 'about';


export type IconName =
  | 'dashboard'
  | 'instructions'
  | 'scorecard'
  | 'negotiations'
  | 'budget'
  | 'complaints'
  | 'meetings'
  | 'brief'
  | 'agencies'
  | 'sync'
  | 'settings'
  | 'about'
  | 'search'
  | 'alert'
  | 'check'
  | 'close'
  | 'laptop'
  | 'plus'
  | 'back'
  | 'file'
  | 'clock';

/** Sidebar order: the daily work first, then reference data and housekeeping. */
export const NAV_GROUPS: readonly { group: 'work' | 'admin'; pages: readonly PageId[] }[] = [
  { group: 'work', pages: ['dashboard', 'instructions', 'scorecard', 'negotiations', 'budget', 'complaints', 'meetings', 'brief'] },
  { group: 'admin', pages: ['agencies', 'sync', 'settings', 'about'] },
];

