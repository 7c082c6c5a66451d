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

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day "2026-12-29" as "29 Desember 2026"; unparseable input is returned unchanged. */
export function formatDate(day: string): string {
  const m = ISO_DAY.exec(day.trim());
  if (!m) return day;
  const messages = t();
  return messages.dateLong(Number(m[3]), messages.monthNames[Number(m[2]) - 1] ?? m[2] ?? '', Number(m[1]));
}

/**
 * The day one calendar month after `day` (YYYY-MM-DD), clamped to the end of a shorter
 * month (31 January → 28/29 February), as the core's default deadline is computed.
 */
export function addOneMonth(day: string): string {
  const m = ISO_DAY.exec(day.trim());
  if (!m) return day;
  const year = Number(m[1]);
  const month = Number(m[2]); // 1-12; the next month is index `month` in Date.UTC terms
  const lastOfNext = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = new Date(Date.UTC(year, month, Math.min(Number(m[3]), lastOfNext)));
  return isoDay(next);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); null if either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = ISO_DAY.exec(from.trim());
  const b = ISO_DAY.exec(to.trim());
  if (!a || !b) return null;
  const start = Date.UTC(Number(a[1]), Number(a[2]) - 1, Number(a[3]));
  const end = Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3]));
  return Math.round((end - start) / 86_400_000);
}

function isoDay(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const mo = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

const CANONICAL_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A quantity as the core sends it ("1234.5") written the Indonesian way ("1.234,5"),
 * in both languages: people type quantities back in this style, and the core reads a
 * comma as the decimal mark, so showing "1,234.5" in English would invite mistakes.
 */
export function formatQuantity(canonical: string): string {
  const m = CANONICAL_DECIMAL.exec(canonical.trim());
  if (!m) return canonical;
  const [, sign = '', whole = '0', fraction] = m;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** Achievement in permille (1000 = 100%) as a percent with one decimal: 725 → "72,5%". */
export function formatPermille(permille: number): string {
  const tenths = Math.max(0, Math.round(permille));
  return `${Math.floor(tenths / 10)},${tenths % 10}%`;
}

/** A file size for people: "850 B", "12 KB", "3,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const tenths = Math.round((bytes / (1024 * 1024)) * 10);
  return `${Math.floor(tenths / 10)},${tenths % 10} MB`;
}

const SEN_PER_RUPIAH = 100n;

/** The core's exact money string ("1234567890.50") as whole sen; null if it is not one. */
function senOf(canonical: string): bigint | null {
  const m = CANONICAL_DECIMAL.exec(canonical.trim());
  if (!m) return null;
  const [, sign = '', whole = '0', fraction = ''] = m;
  if (fraction.length > 2) return null;
  const sen = BigInt(whole) * SEN_PER_RUPIAH + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -sen : sen;
}

/**
 * Money in Indonesian notation from the exact value, never through a float:
 * "Rp1.234.567.890", or "Rp500.000,50" when there are sen. (Intl.NumberFormat with
 * IDR rounds to whole rupiah unless told otherwise, and a float loses sen past 2^53.)
 */
export function formatRupiah(canonical: string): string {
  const sen = senOf(canonical);
  if (sen === null) return canonical;
  const negative = sen < 0n;
  const absolute = negative ? -sen : sen;
  const whole = (absolute / SEN_PER_RUPIAH).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const cents = absolute % SEN_PER_RUPIAH;
  return `${negative ? '-' : ''}Rp${whole}${cents === 0n ? '' : `,${cents.toString().padStart(2, '0')}`}`;
}

/** A large sum as people say it: "Rp7,1 triliun", "Rp577 miliar", "Rp12,5 juta". */
export function formatRupiahShort(canonical: string): string {
  const sen = senOf(canonical);
  if (sen === null) return canonical;
  const negative = sen < 0n;
  const rupiah = (negative ? -sen : sen) / SEN_PER_RUPIAH;
  const units = t().moneyUnits;
  const scales: readonly [bigint, string][] = [
    [1_000_000_000_000n, units.trillion],
    [1_000_000_000n, units.billion],
    [1_000_000n, units.million],
  ];
  for (const [scale, word] of scales) {
    if (rupiah >= scale) {
      // One decimal, rounded half up, in integer arithmetic.
      const tenths = (rupiah * 10n + scale / 2n) / scale;
      const text = tenths % 10n === 0n ? `${tenths / 10n}` : `${tenths / 10n},${tenths % 10n}`;
      return `${negative ? '-' : ''}Rp${text.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ${word}`;
    }
  }
  return formatRupiah(canonical);
}

/** Percentage points with a sign, from permille: 125 → "+12,5 poin", -30 → "-3,0 poin". */
export function formatPoints(permille: number): string {
  const tenths = Math.round(Math.abs(permille));
  const sign = permille > 0 ? '+' : permille < 0 ? '-' : '';
  return t().percentPoints(`${sign}${Math.floor(tenths / 10)},${tenths % 10}`);
}
