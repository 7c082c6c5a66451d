// The Pengaturan page: the regency, its letterhead, numbering, thresholds, this laptop.

export const id = {
  settings: {
    budgetTitle: 'Ambang serapan anggaran',
    budgetIntro:
      'Peringatan dini muncul bila realisasi tertinggal dari rencana kas lebih dari batas ini; target akhir tahun menjadi garis target pada grafik.',
    budgetSaved: 'Ambang tersimpan.',
    budgetReadOnly: 'Hanya Bupati atau Sekretaris Daerah yang dapat mengubah ambang ini.',
    logoTitle: 'Logo kop surat',
    logoIntro: 'Dicetak di kop surat notulen rapat (DOCX dan PDF). Berkas PNG, sebaiknya berlatar transparan.',
    logoNone: 'Belum ada logo: kop surat dicetak tanpa logo.',
    logoChoose: 'Pilih berkas PNG…',
    logoSaved: 'Logo tersimpan.',
    logoReadOnly: 'Hanya Bupati atau Sekretaris Daerah yang dapat mengganti logo.',

    // Pengaturan
    deviceTitle: 'Laptop ini',
    user: 'Pengguna',
    role: 'Peran',
    agency: 'Perangkat daerah',
    agencyNone: 'Tidak terikat pada satu perangkat daerah',
    regency: 'Pemerintah daerah',
    regencyNone: 'Belum ada profil daerah',
    deviceId: 'ID laptop',
    dataDir: 'Folder data',
    languageTitle: 'Bahasa tampilan',
    languageIntro: 'Hanya mengubah bahasa tampilan. Data yang tersimpan tidak berubah.',
    eventsTitle: 'Catatan peristiwa terbaru',
    eventsIntro: 'Hingga 50 catatan terakhir dalam log laptop ini, yang terbaru di atas.',
    eventsEmpty: 'Belum ada peristiwa yang tercatat.',
    // Settings: the regency's categories and number format (leadership)
    categoriesTitle: 'Kategori masalah',
    categoriesIntro:
      'Kategori yang dapat dipilih saat menerbitkan instruksi. Menghapus kategori tidak mengubah instruksi yang sudah memakainya.',
    leadershipOnly: 'Hanya Bupati dan Sekretaris Daerah yang dapat mengubah pengaturan ini.',
    numberTitle: 'Format nomor instruksi',
    numberIntro:
      'Nomor resmi diberikan saat instruksi diterbitkan. Nomor urut dimulai lagi dari 1 setiap tahun; nomor yang sudah terbit tidak berubah.',
  },
};

export const en: typeof id = {
  settings: {
    budgetTitle: 'Budget absorption thresholds',
    budgetIntro:
      'An early warning appears when actual spending trails the cash plan by more than this limit; the year-end target is the target line on the charts.',
    budgetSaved: 'Thresholds saved.',
    budgetReadOnly: 'Only the Regent or the Regional Secretary can change these thresholds.',
    logoTitle: 'Letterhead logo',
    logoIntro: 'Printed on the letterhead of the meeting minutes (DOCX and PDF). A PNG file, ideally with a transparent background.',
    logoNone: 'No logo yet: the letterhead is printed without one.',
    logoChoose: 'Choose a PNG file…',
    logoSaved: 'Logo saved.',
    logoReadOnly: 'Only the Regent or the Regional Secretary can change the logo.',
    deviceTitle: 'This laptop',
    user: 'User',
    role: 'Role',
    agency: 'Agency',
    agencyNone: 'Not tied to a single agency',
    regency: 'Local government',
    regencyNone: 'No regency profile yet',
    deviceId: 'Device ID',
    dataDir: 'Data folder',
    languageTitle: 'Display language',
    languageIntro: 'Changes only the display language. Stored data stays as it is.',
    eventsTitle: 'Recent events',
    eventsIntro: 'Up to the last 50 records in the log of this laptop, newest first.',
    eventsEmpty: 'No events have been recorded yet.',
    categoriesTitle: 'Issue categories',
    categoriesIntro:
      'The categories to choose from when issuing an instruction. Removing one does not change instructions that already use it.',
    leadershipOnly: 'Only the Regent and the Regional Secretary can change these settings.',
    numberTitle: 'Instruction number format',
    numberIntro:
      'An official number is given when an instruction is issued. Sequence numbers restart at 1 every year; numbers already issued do not change.',
  },
};
