// Reporting progress on an indicator, with its evidence.

export const id = {
  progress: {
    empty: 'Belum ada laporan capaian.',
    valueOf: (value: string, unit: string) => `${value} ${unit}`,
    noEvidence: 'tanpa berkas bukti',
    evidenceLabel: 'Bukti',
    formTitle: 'Laporkan capaian',
    indicator: 'Indikator',
    value: (unit: string) => `Nilai terbaru (${unit})`,
    valueHint: (baseline: string, target: string, unit: string) =>
      `Nilai awal ${baseline}, target ${target} ${unit}. Angka desimal memakai koma, misalnya 7,5.`,
    date: 'Tanggal keadaan',
    dateReads: (date: string, today: boolean) => (today ? `${date} (hari ini)` : date),
    note: 'Catatan',
    noteHint: 'Opsional: apa yang sudah dilakukan.',
    files: 'Berkas bukti',
    filesHint: 'Foto, PDF, atau dokumen; boleh lebih dari satu, masing-masing paling besar 25 MB.',
    chosen: (count: number) => `${count} berkas dipilih`,
    clearFiles: 'Kosongkan pilihan berkas',
    submit: 'Kirim laporan',
    attaching: (name: string) => `Melampirkan ${name}…`,
    sending: 'Mengirim…',
    sentNotice: 'Laporan capaian tersimpan.',
  },
};

export const en: typeof id = {
  progress: {
    empty: 'No progress reports yet.',
    valueOf: (value, unit) => `${value} ${unit}`,
    noEvidence: 'no evidence files',
    evidenceLabel: 'Evidence',
    formTitle: 'Report progress',
    indicator: 'Indicator',
    value: (unit) => `Latest value (${unit})`,
    valueHint: (baseline, target, unit) =>
      `Baseline ${baseline}, target ${target} ${unit}. Decimals use a comma, e.g. 7,5.`,
    date: 'Date of the value',
    dateReads: (date, today) => (today ? `${date} (today)` : date),
    note: 'Note',
    noteHint: 'Optional: what has been done.',
    files: 'Evidence files',
    filesHint: 'Photos, PDFs or documents; several allowed, each at most 25 MB.',
    chosen: (count) => (count === 1 ? '1 file chosen' : `${count} files chosen`),
    clearFiles: 'Clear the chosen files',
    submit: 'Send report',
    attaching: (name) => `Attaching ${name}…`,
    sending: 'Sending…',
    sentNotice: 'Progress report saved.',
  },
};
