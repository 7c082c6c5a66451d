// Messages of an instruction's timeline: its columns, the steps, their structured details
// and the amended fields. Spread into the catalogue.
import type { AmendedField, TimelineStep } from '../../bindings';

export const id = {
  timelineSteps: {
    drafted: 'Draf disusun',
    issued: 'Diterbitkan',
    amended: 'Diubah',
    progress_reported: 'Capaian dilaporkan',
    completion_reported: 'Dilaporkan selesai',
    completion_returned: 'Dikembalikan untuk dilengkapi',
    verified: 'Diverifikasi',
    cancelled: 'Dibatalkan',
    note_added: 'Catatan perangkat daerah',
    target_change_requested: 'Permohonan perubahan target',
    other: 'Catatan lain',
  } satisfies Record<TimelineStep, string>,
  timelineColumns: { time: 'Waktu (WIB)', actor: 'Oleh', action: 'Tindakan', detail: 'Keterangan' },
  // Timeline details, from the core's structured detail
  timelineDetails: {
    drafted: (title: string) => `Judul: ${title}`,
    issued: (number: string) => `Nomor ${number}`,
    amended: (fields: string, reason: string) => (fields ? `Diubah: ${fields}. Alasan: ${reason}` : `Alasan: ${reason}`),
    progress: (indicator: string, value: string, note: string) =>
      `${indicator}: ${value}${note ? ` — ${note}` : ''}`,
    unknownIndicator: 'Indikator yang dilaporkan tidak ada pada instruksi ini.',
    claimedByAnother: (id: string) => `Permohonan ${id} milik penulis lain: tidak dihitung.`,
    reason: (reason: string) => `Alasan: ${reason}`,
  },
  amendedFields: { title: 'judul', text: 'isi', deadline: 'tenggat' } satisfies Record<AmendedField, string>,
};

export const en: typeof id = {
  timelineSteps: {
    drafted: 'Drafted',
    issued: 'Issued',
    amended: 'Amended',
    progress_reported: 'Progress reported',
    completion_reported: 'Reported complete',
    completion_returned: 'Returned for more work',
    verified: 'Verified',
    cancelled: 'Cancelled',
    note_added: 'Agency note',
    target_change_requested: 'Target change request',
    other: 'Other record',
  },
  timelineColumns: { time: 'Time (WIB)', actor: 'By', action: 'Action', detail: 'Details' },
  timelineDetails: {
    drafted: (title) => `Title: ${title}`,
    issued: (number) => `Number ${number}`,
    amended: (fields, reason) => (fields ? `Changed: ${fields}. Reason: ${reason}` : `Reason: ${reason}`),
    progress: (indicator, value, note) => `${indicator}: ${value}${note ? ` — ${note}` : ''}`,
    unknownIndicator: 'The reported indicator is not part of this instruction.',
    claimedByAnother: (id) => `Request ${id} belongs to another author: not counted.`,
    reason: (reason) => `Reason: ${reason}`,
  },
  amendedFields: { title: 'title', text: 'text', deadline: 'deadline' },
};
