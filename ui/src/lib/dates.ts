// Days as people type them. The core takes and gives `YYYY-MM-DD`; a person types day
// first ("6/12/2026", "06-12-26", "6 Des 2026"), as Indonesian is written — never
// month first, whatever the system's locale says. Both languages' month names are read.

import { t } from './i18n';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})$/;
const WITH_MONTH_NAME = /^(\d{1,2})[ .\-]+([A-Za-z]+)\.?[ .\-]+(\d{4})$/;

const MONTH_PREFIXES: readonly (readonly string[])[] = [
  ['jan'],
  ['feb', 'peb'],
  ['mar'],
  ['apr'],
  ['mei', 'may'],
  ['jun'],
  ['jul'],
  ['agu', 'agt', 'aug'],
  ['sep'],
  ['okt', 'oct'],
  ['nov', 'nop'],
  ['des', 'dec'],
];

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(name: string): number | null {
  const prefix = name.toLowerCase().slice(0, 3);
  const index = MONTH_PREFIXES.findIndex((prefixes) => prefixes.includes(prefix));
  return index < 0 ? null : index + 1;
}

/** The day a person typed, as `YYYY-MM-DD`; null when it is not a real day. */
export function parseTypedDay(text: string): string | null {
  const typed = text.trim();
  let m = ISO.exec(typed);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_FIRST.exec(typed);
  if (m) {
    const year = (m[3] ?? '').length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoOf(year, Number(m[2]), Number(m[1]));
  }
  m = WITH_MONTH_NAME.exec(typed);
  if (m) {
    const month = monthOf(m[2] ?? '');
    return month === null ? null : isoOf(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

/** `YYYY-MM-DD` as the field shows it: "06/12/2026". */
export function typedForm(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${(m[3] ?? '').padStart(2, '0')}/${(m[2] ?? '').padStart(2, '0')}/${m[1]}` : iso;
}

/** The day's name: "Minggu". */
export function dayName(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) return '';
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return t().dateField.dayNames[weekday] ?? '';
}
