// Messages of the Tentang IKP Desk page (version, data folder, backups, restoring from a
// backup) and of the notice shown after a restore. Spread into the catalogue.

export const id = {
  // Tentang IKP Desk
  restored: {
    title: (takenAt: string) => `Laptop ini dipulihkan dari cadangan ${takenAt}`,
    body: 'Catatan yang dibuat dan dikirim dari laptop ini sesudah cadangan itu ada di laptop lain. Impor dulu berkas .ikp terbaru dari laptop lain; sampai itu laptop ini tidak mencatat apa pun, agar nomor catatannya tidak terulang.',
    sync: 'Buka Sinkronisasi',
    resume: 'Lanjutkan mencatat (tidak ada yang dikirim sejak cadangan)',
  },
  aboutPage: {
    appTitle: 'IKP Desk',
    version: 'Versi',
    build: 'Build',
    renderer: 'Tampilan jendela',
    rendererChoice: {
      webkitDefault: 'bawaan sistem (dengan GPU bila ada)',
      softwareWithoutGpu: 'tanpa GPU: digambar perangkat lunak, mulai lebih cepat',
      setByUser: 'diatur pengguna (WEBKIT_DISABLE_DMABUF_RENDERER)',
    },
    fingerprint: 'Kode pengenal laptop ini',
    user: 'Pengguna',
    role: 'Peran',
    notSetUp: 'belum diatur',
    dataDir: 'Folder data',
    openDataDir: 'Buka di pengelola berkas',
    database: 'Basis data',
    databaseSize: (size: string, events: number, schema: number) => `${size}, ${events} catatan peristiwa, skema versi ${schema}`,
    lastBackup: 'Cadangan terakhir',
    lastExport: 'Ekspor terakhir',
    lastImport: 'Impor terakhir',
    never: 'belum pernah',
    backupsTitle: 'Cadangan data',
    backupsIntro:
      'Setiap hari IKP Desk menyalin basis data ke folder backups di dalam folder data dan menyimpan tujuh salinan terakhir. Salin folder data ke diska lepas untuk cadangan di luar laptop.',
    backupNow: 'Cadangkan sekarang',
    backupDone: (name: string) => `Cadangan ${name} tersimpan.`,
    noBackups: 'Belum ada cadangan.',
    restore: 'Pulihkan dari cadangan…',
    restoreWarning: (when: string) =>
      `Data laptop ini akan kembali ke keadaan ${when}. Catatan sesudahnya yang sudah dikirim ke laptop lain dapat diimpor kembali dari sana; berkas yang diganti disimpan di folder backups. Cadangan diperiksa dulu sebelum dipulihkan.`,
    restoreConfirm: 'Pulihkan',
    restored: (when: string, events: number) => `Data dipulihkan dari cadangan ${when}: ${events} catatan, semua tanda tangan sah.`,
    diagnosticsTitle: 'Diagnostik untuk bagian TI',
    diagnosticsIntro:
      'Berkas zip berisi log aplikasi, keterangan di halaman ini dan hasil pemeriksaan basis data — tanpa kunci laptop dan tanpa isi catatan.',
    saveDiagnostics: 'Simpan diagnostik…',
    diagnosticsSaved: (path: string) => `Diagnostik tersimpan di ${path}.`,
  },
};

export const en: typeof id = {
  restored: {
    title: (takenAt) => `This laptop was restored from the backup of ${takenAt}`,
    body: 'Records made and sent from this laptop after that backup are on other laptops. First import the newest .ikp files from them; until then this laptop records nothing, so that its record numbers are not repeated.',
    sync: 'Open Synchronisation',
    resume: 'Continue recording (nothing was sent since the backup)',
  },
  aboutPage: {
    appTitle: 'IKP Desk',
    version: 'Version',
    build: 'Build',
    renderer: 'Window drawing',
    rendererChoice: {
      webkitDefault: "the system's default (GPU where there is one)",
      softwareWithoutGpu: 'no GPU: drawn in software, quicker start',
      setByUser: 'set by the user (WEBKIT_DISABLE_DMABUF_RENDERER)',
    },
    fingerprint: "This laptop's fingerprint",
    user: 'User',
    role: 'Role',
    notSetUp: 'not set up',
    dataDir: 'Data folder',
    openDataDir: 'Open in the file manager',
    database: 'Database',
    databaseSize: (size, events, schema) => `${size}, ${events} events, schema version ${schema}`,
    lastBackup: 'Last backup',
    lastExport: 'Last export',
    lastImport: 'Last import',
    never: 'never',
    backupsTitle: 'Backups',
    backupsIntro:
      'Every day IKP Desk copies the database into the backups folder inside the data folder and keeps the last seven copies. Copy the data folder to a USB stick for a backup off the laptop.',
    backupNow: 'Back up now',
    backupDone: (name) => `Backup ${name} saved.`,
    noBackups: 'No backups yet.',
    restore: 'Restore from backup…',
    restoreWarning: (when) =>
      `This laptop's data goes back to how it was at ${when}. Later records already sent to other laptops can be imported back from them; the replaced files are kept in the backups folder. The backup is checked before it is restored.`,
    restoreConfirm: 'Restore',
    restored: (when, events) => `Data restored from the backup of ${when}: ${events} records, every signature valid.`,
    diagnosticsTitle: 'Diagnostics for the IT office',
    diagnosticsIntro:
      "A zip file with the app's logs, the facts on this page and the database check — no laptop key and no record content.",
    saveDiagnostics: 'Save diagnostics…',
    diagnosticsSaved: (path) => `Diagnostics saved at ${path}.`,
  },
};
