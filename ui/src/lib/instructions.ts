// Presentation helpers of the instruction screens: words and tones for the core's
// codes. No business rule is decided here; the core computes standing, achievement
// and who may do what, and refuses anything not allowed.
import type { InstructionSummary, Standing, Status } from './bindings';
import { app } from './app.svelte';
import { t } from './i18n';
import { id as indonesian } from './i18n/catalogue';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/**
 * A category's label: as the leadership typed it, from the regency's list (current or
 * retired). A built-in category still under its built-in Indonesian label is shown
 * translated; an unknown code is shown as it is.
 */
export function categoryLabel(code: string): string {
  const settings = app.categories;
  const known = settings?.categories.find((item) => item.code === code) ?? settings?.retired.find((item) => item.code === code);
  const builtIn = t().categories[code];
  if (known === undefined) return builtIn ?? code;
  return builtIn !== undefined && known.label === indonesian.categories[code] ? builtIn : known.label;
}

export function standingTone(standing: Standing): Tone {
  switch (standing) {
    case 'on_track':
      return 'success';
    case 'at_risk':
      return 'warning';
    case 'overdue':
      return 'danger';
    case 'done':
      return 'info';
    case 'inactive':
      return 'neutral';
  }
}

export function statusTone(status: Status): Tone {
  switch (status) {
    case 'reported_complete':
      return 'warning';
    case 'verified':
      return 'info';
    case 'cancelled':
    case 'draft':
      return 'neutral';
    case 'issued':
    case 'in_progress':
      return 'success';
  }
}

/** "12 hari lagi", "hari ini", "lewat 3 hari"; null once the deadline no longer matters. */
export function daysLeftText(summary: Pick<InstructionSummary, 'daysLeft' | 'standing'>): string | null {
  if (summary.standing === 'done' || summary.standing === 'inactive') return null;
  const messages = t();
  if (summary.daysLeft > 0) return messages.daysLeft(summary.daysLeft);
  if (summary.daysLeft === 0) return messages.dueToday;
  return messages.overdueBy(-summary.daysLeft);
}

/** Whether a keyboard event happened while typing, where a letter is just a letter. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The bytes of a file as base64, without the data-URL prefix. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}
