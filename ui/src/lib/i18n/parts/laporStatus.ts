// Messages of LAPOR!'s own status beside the local one (the complaint, the list and the
// import preview): LAPOR! is what KemenPANRB and the Ombudsman read; and the groups of
// channels complaints come in by.

import type { ChannelGroup } from '../../bindings';

export const id = {
  channelGroups: {
    lapor: 'SP4N-LAPOR!',
    whats_app: 'WhatsApp',
    letter: 'Surat',
    walk_in: 'Datang langsung',
    social_media: 'Media sosial',
    phone: 'Telepon',
    other: 'Kanal lain',
  } satisfies Record<ChannelGroup, string>,
  channelGroupAll: (group: string) => `Semua ${group}`,
  laporStatus: {
    label: 'Status di LAPOR!',
    none: 'Belum diketahui (belum ada berkas LAPOR! yang memuat statusnya)',
    differs: 'berbeda dengan catatan di sini',
    differsShort: '≠ LAPOR!',
    previewTitle: (count: number) => `${count} pengaduan berbeda status dengan LAPOR!`,
    previewIntro:
      'Pengaduan ini sudah ditangani di sini, tetapi LAPOR! menunjukkan status lain. Impor mencatat status LAPOR! di samping status di sini; tindak lanjut dan buktinya tetap. Samakan di LAPOR! atau di sini.',
    colHere: 'Di sini',
    colLapor: 'Di LAPOR!',
  },
};

export const en: typeof id = {
  channelGroups: {
    lapor: 'SP4N-LAPOR!',
    whats_app: 'WhatsApp',
    letter: 'Letter',
    walk_in: 'Walk-in',
    social_media: 'Social media',
    phone: 'Telephone',
    other: 'Other channels',
  },
  channelGroupAll: (group) => `All ${group}`,
  laporStatus: {
    label: 'Status in LAPOR!',
    none: 'Not known yet (no LAPOR! file with its status so far)',
    differs: 'differs from the record here',
    differsShort: '≠ LAPOR!',
    previewTitle: (count) => `${count} complaint(s) whose status differs from LAPOR!`,
    previewIntro:
      'These complaints were worked on here, but LAPOR! shows another status. The import records LAPOR!’s status beside the one here; follow-ups and their evidence stay. Reconcile them in LAPOR! or here.',
    colHere: 'Here',
    colLapor: 'In LAPOR!',
  },
};
