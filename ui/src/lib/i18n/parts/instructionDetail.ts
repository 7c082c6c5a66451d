// An instruction as one reads it: header, indicators, progress, timeline.

import type { Status } from '../../bindings';

export const id = {
  detail: {
    issuedOn: (date: string) => `Diterbitkan ${date}`,
    notIssued: 'Belum diterbitkan',
    deadline: 'Tenggat',
    status: 'Status',
    achievement: 'Capaian',
    lead: 'Pelaksana utama',
    background: 'Latar belakang',
    text: 'Isi instruksi',
    agencies: 'Perangkat daerah yang ditugasi',
    indicators: 'Indikator',
    progress: 'Laporan capaian',
    timeline: 'Riwayat',
  },
};

export const en: typeof id = {
  detail: {
    issuedOn: (date) => `Issued ${date}`,
    notIssued: 'Not issued yet',
    deadline: 'Deadline',
    status: 'Status',
    achievement: 'Achievement',
    lead: 'Lead agency',
    background: 'Background',
    text: 'Instruction text',
    agencies: 'Assigned agencies',
    indicators: 'Indicators',
    progress: 'Progress reports',
    timeline: 'History',
  },
};
