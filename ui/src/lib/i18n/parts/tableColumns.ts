// Column headings of the instruction tables: the instruction list, the indicators of one
// instruction, the agencies' scorecard and the event log. Spread into the catalogue.

export const id = {
  columns: {
    number: 'Nomor',
    title: 'Instruksi',
    lead: 'Pelaksana utama',
    deadline: 'Tenggat',
    standing: 'Keadaan',
    achievement: 'Capaian',
  },
  indicatorColumns: {
    name: 'Indikator',
    range: 'Awal → target',
    latest: 'Nilai terakhir',
    achievement: 'Capaian',
  },
  scorecardColumns: {
    agency: 'Perangkat daerah',
    active: 'Aktif',
    onTrack: 'Sesuai jadwal',
    atRisk: 'Berisiko',
    overdue: 'Lewat tenggat',
    achievement: 'Capaian',
  },
  eventColumns: { time: 'Waktu (WIB)', kind: 'Jenis', author: 'Dicatat oleh', seq: 'Urutan' },
};

export const en: typeof id = {
  columns: {
    number: 'Number',
    title: 'Instruction',
    lead: 'Lead agency',
    deadline: 'Deadline',
    standing: 'Standing',
    achievement: 'Achievement',
  },
  indicatorColumns: {
    name: 'Indicator',
    range: 'Baseline → target',
    latest: 'Latest value',
    achievement: 'Achievement',
  },
  scorecardColumns: {
    agency: 'Agency',
    active: 'Active',
    onTrack: 'On track',
    atRisk: 'At risk',
    overdue: 'Overdue',
    achievement: 'Achievement',
  },
  eventColumns: { time: 'Time (WIB)', kind: 'Kind', author: 'Recorded by', seq: 'Seq.' },
};
