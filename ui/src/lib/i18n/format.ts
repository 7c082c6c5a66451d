import { t } from './language.svelte';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

// RFC 3339 with optional fraction of any length (chrono writes up to 9 digits,
// which not every engine's Date.parse accepts) and a Z or ±hh:mm offset.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})$/;

function parseRfc3339(iso: string): number | null {
  const m = RFC3339.exec(iso.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone = 'Z'] = m;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  let utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    utc -= sign * offsetMinutes * 60 * 1000;
  }
  return Number.isNaN(utc) ? null : utc;
}

/**
 * A moment as Western Indonesian Time, e.g. "29 November 2026, 09.41 WIB".
 * WIB is UTC+7 all year (no daylight saving), so shifting by 7 hours and reading
 * the UTC fields is exact and does not depend on the webview's time-zone data.
 * Unparseable input is returned unchanged rather than hidden.
 */
export function formatWib(iso: string): string {
  const utc = parseRfc3339(iso);
  if (utc === null) return iso;
  const wib = new Date(utc + WIB_OFFSET_MS);
  const messages = t();
  return messages.dateTimeWib(
    wib.getUTCDate(),
    messages.monthNames[wib.getUTCMonth()] ?? '',
    wib.getUTCFullYear(),
    String(wib.getUTCHours()).padStart(2, '0'),
    String(wib.getUTCMinutes()).padStart(2, '0'),
  );
}

/** Milliseconds since the epoch, for sorting; unparseable times sort last. */
export function timestampOf(iso: string): number {
  return parseRfc3339(iso) ?? Number.NEGATIVE_INFINITY;
}
