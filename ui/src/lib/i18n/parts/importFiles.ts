// Messages of reading an imported file: which encoding its text was read in (Excel on
// Windows saves CSV in Windows-1252), and a row that repeats or contradicts an earlier one.
import type { FileEncoding } from '../../bindings';
export const id = {
  importFile: {
    encodings: {
      xlsx: 'buku kerja XLSX',
      utf8: 'teks UTF-8',
      utf16: 'teks Unicode (UTF-16)',
      windows1252: 'teks Windows-1252 (CSV dari Excel di Windows)',
    } satisfies Record<FileEncoding, string>,
    readAs: (encoding: string) => `Dibaca sebagai ${encoding}.`,
    duplicateOf: (row: number) => `sama dengan baris ${row}`,
    conflictsWith: (row: number) => `baris ${row} mencatat hal yang sama dengan nilai lain`,
  },
};
export const en: typeof id = {
  importFile: {
    encodings: {
      xlsx: 'an XLSX workbook',
      utf8: 'UTF-8 text',
      utf16: 'Unicode (UTF-16) text',
      windows1252: 'Windows-1252 text (a CSV from Excel on Windows)',
    },
    readAs: (encoding: string) => `Read as ${encoding}.`,
    duplicateOf: (row: number) => `same as row ${row}`,
    conflictsWith: (row: number) => `row ${row} records the same item with another value`,
  },
};
