// The dashboard: the leadership's first screen and an agency's own.

export const id = {
  dashboard: {
    // Dashboard
    stats: {
      active: { label: 'Instruksi aktif', hint: 'diterbitkan, belum ditutup' },
      onTrack: { label: 'Sesuai jadwal', hint: 'capaian sejalan dengan waktu' },
      atRisk: { label: 'Berisiko terlambat', hint: 'capaian tertinggal' },
      overdue: { label: 'Lewat tenggat', hint: 'belum diverifikasi' },
      awaiting: { label: 'Menunggu verifikasi', hint: 'dilaporkan selesai' },
    },
    awaitingTitle: 'Menunggu verifikasi',
    awaitingIntro: 'Dilaporkan selesai oleh perangkat daerah. Buka untuk memeriksa dan memverifikasi.',
    awaitingEmpty: 'Tidak ada instruksi yang menunggu verifikasi.',
    overdueTitle: 'Lewat tenggat',
    overdueIntro: 'Yang paling lama terlambat di atas.',
    overdueEmpty: 'Tidak ada instruksi yang lewat tenggat.',
    laggingTitle: 'Perangkat daerah dengan capaian terendah',
    laggingIntro: 'Di antara perangkat daerah yang sedang memegang instruksi aktif.',
    laggingEmpty: 'Belum ada instruksi aktif.',
    scorecardLink: 'Lihat rapor semua perangkat daerah',
    noInstructions: 'Belum ada instruksi. Terbitkan instruksi pertama dari halaman Instruksi.',
    staffTitle: (agency: string) => `Instruksi untuk ${agency}`,
    staffIntro: 'Instruksi yang sedang berjalan di atas, tenggat terdekat lebih dulu.',
    staffEmpty: 'Belum ada instruksi untuk perangkat daerah Anda.',
    openList: 'Buka daftar instruksi',

    staffAchievement: { label: 'Capaian rata-rata', hint: 'indikator perangkat daerah Anda' },
    staffNeedReport: {
      label: 'Perlu dilaporkan',
      hint: (days: number) => `indikator tanpa laporan ${days} hari`,
    },
    staffSilentTitleDays: (days: number) => `Indikator Anda yang belum dilaporkan ${days} hari terakhir`,
    staffSilentEmptyDays: (days: number) => `Semua indikator Anda sudah dilaporkan dalam ${days} hari terakhir.`,
  },
};

export const en: typeof id = {
  dashboard: {
    stats: {
      active: { label: 'Active instructions', hint: 'issued, not yet closed' },
      onTrack: { label: 'On track', hint: 'achievement keeps pace' },
      atRisk: { label: 'At risk', hint: 'achievement lags behind' },
      overdue: { label: 'Overdue', hint: 'not yet verified' },
      awaiting: { label: 'Awaiting verification', hint: 'reported complete' },
    },
    awaitingTitle: 'Awaiting verification',
    awaitingIntro: 'Reported complete by the agency. Open one to check and verify it.',
    awaitingEmpty: 'No instruction awaits verification.',
    overdueTitle: 'Overdue',
    overdueIntro: 'The longest overdue first.',
    overdueEmpty: 'No instruction is overdue.',
    laggingTitle: 'Agencies with the lowest achievement',
    laggingIntro: 'Among the agencies that hold active instructions.',
    laggingEmpty: 'No active instructions yet.',
    scorecardLink: 'See the scorecard of every agency',
    noInstructions: 'No instructions yet. Issue the first one from the Instructions page.',
    staffTitle: (agency) => `Instructions for ${agency}`,
    staffIntro: 'Running instructions first, nearest deadline first.',
    staffEmpty: 'No instructions for your agency yet.',
    openList: 'Open the instruction list',

    staffAchievement: { label: 'Average achievement', hint: 'your agency’s indicators' },
    staffNeedReport: {
      label: 'Need a report',
      hint: (days) => `indicators without a report for ${days} days`,
    },
    staffSilentTitleDays: (days) => `Your indicators with no report in the last ${days} days`,
    staffSilentEmptyDays: (days) => `All your indicators were reported in the last ${days} days.`,
  },
};
