// Every visible text of the UI. `id` is the source; `en` must have exactly the
// same shape (enforced by the `Messages` type), so a missing or misspelt English
// message is a type error, not a blank on screen.
import type { AgencyKind, InputProblem, Role } from '../bindings';
import type { PageId, PlannedPageId } from '../navigation';

type PlannedPageText = { title: string; body: string };

export const id = {
  appName: 'IKP Desk',
  loading: 'Memuat data…',
  retry: 'Coba lagi',
  dismiss: 'Tutup',
  startupFailedTitle: 'IKP Desk belum dapat dibuka',
  startupFailedBody: 'Data di laptop ini tidak dapat dibaca. Jika masalah berlanjut, hubungi petugas dukungan teknis.',

  // Language switch. The toggle shows the language you would switch TO.
  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  langToggleText: 'EN',
  langToggleLabel: 'Ganti bahasa tampilan ke English',

  roles: {
    regent: 'Bupati',
    secretary: 'Sekretaris Daerah',
    agency_staff: 'Staf Perangkat Daerah',
  } satisfies Record<Role, string>,

  agencyKinds: {
    sekretariat: 'Sekretariat',
    dinas: 'Dinas',
    badan: 'Badan',
    kecamatan: 'Kecamatan',
    lainnya: 'Lainnya',
  } satisfies Record<AgencyKind, string>,

  monthNames: [
    'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
    'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
  ],
  // Indonesian writes times with a dot: 09.41 WIB.
  dateTimeWib: (day: number, month: string, year: number, hours: string, minutes: string) =>
    `${day} ${month} ${year}, ${hours}.${minutes} WIB`,

  errors: {
    DeviceNotSetUp: 'Laptop ini belum disiapkan. Selesaikan penyiapan terlebih dahulu.',
    DeviceAlreadySetUp: 'Laptop ini sudah disiapkan sebelumnya. Muat ulang aplikasi untuk melanjutkan.',
    NotAuthorized: 'Peran Anda tidak berwenang melakukan tindakan ini.',
    UnknownAgency: (code: string) => `Perangkat daerah dengan kode "${code}" tidak dikenal di laptop ini.`,
    DemoAlreadyLoaded: 'Data contoh sudah dimuat sebelumnya.',
    DatabaseTooNew: (found: number, supported: number) =>
      `Data di laptop ini dibuat oleh IKP Desk versi yang lebih baru (skema ${found}, sedangkan versi ini mendukung hingga skema ${supported}). Perbarui aplikasi IKP Desk.`,
    CorruptEvent: (id: string, reason: string) =>
      `Sebuah catatan di laptop ini rusak atau tanda tangannya tidak sah. Hubungi petugas dukungan teknis. Keterangan teknis: catatan ${id}, ${reason}`,
    Storage: (message: string) =>
      `Data tidak dapat dibaca atau disimpan di laptop ini. Keterangan teknis: ${message}`,
    unexpected: (detail: string) => `Terjadi kesalahan yang tidak terduga. Keterangan teknis: ${detail}`,
  },
  inputProblems: {
    required: (field: string) => `${field} wajib diisi.`,
    tooLong: (field: string) => `${field} terlalu panjang.`,
    notAllowed: (field: string) => `${field}: isian ini tidak diizinkan.`,
  } satisfies Record<InputProblem, (field: string) => string>,
  // Field names the core reports in InvalidInput, as the user knows them.
  fieldNames: {
    role: 'Peran',
    agencyCode: 'Perangkat daerah',
    userName: 'Nama pengguna',
  } as Record<string, string>,
  unknownField: 'Isian',
  // For fields chosen from a list, "diisi" (filled in) reads wrong.
  choiceRequired: (field: string) => `${field} wajib dipilih.`,

  // First-run setup
  setupTitle: 'Selamat datang di IKP Desk',
  setupIntro:
    'Sebelum mulai, laptop ini dibuatkan identitas digitalnya sendiri. Setiap catatan yang dibuat di sini ditandatangani dengan identitas tersebut, sehingga asal-usulnya tetap dapat diperiksa saat data dikirim ke kantor lain.',
  setupWhoQuestion: 'Siapa pengguna laptop ini?',
  setupRoleOptions: {
    regent: { title: 'Bupati / Pj Bupati', body: 'Menerbitkan instruksi dan memutuskan dalam rapat pimpinan.' },
    secretary: { title: 'Sekretaris Daerah', body: 'Mengoordinasikan perangkat daerah dan menyiapkan rapat pimpinan.' },
    agency_staff: { title: 'Staf Perangkat Daerah', body: 'Melaporkan tindak lanjut dan kinerja satu perangkat daerah.' },
  } satisfies Record<Role, { title: string; body: string }>,
  setupAgencyLabel: 'Perangkat daerah',
  setupAgencyPlaceholder: 'Pilih perangkat daerah…',
  setupAgencyEmpty: 'Daftar perangkat daerah belum ada di laptop ini.',
  setupNameLabel: 'Nama pengguna',
  setupNameHint: 'Nama lengkap beserta gelar, seperti tertulis di surat dinas.',
  setupSubmit: 'Simpan dan mulai',
  setupSaving: 'Menyimpan…',
  setupFootnote: 'Identitas laptop disimpan di laptop ini dan tidak memerlukan koneksi internet.',

  // Demo data, offered wherever the agency list is empty
  noAgenciesTitle: 'Belum ada data perangkat daerah',
  noAgenciesBody:
    'Dalam penggunaan sebenarnya, daftar perangkat daerah dikirim dari kantor Bupati melalui berkas sinkronisasi. Untuk mencoba aplikasi sekarang, muat data contoh.',
  loadDemo: 'Muat data contoh',
  loadingDemo: 'Memuat data contoh…',
  demoLoaded: (agencies: number, events: number) =>
    `Data contoh dimuat: ${agencies} perangkat daerah dan ${events} catatan peristiwa.`,

  // App frame
  nav: {
    dashboard: 'Dasbor',
    instructions: 'Instruksi',
    negotiations: 'Dialog Kinerja',
    budget: 'Anggaran',
    complaints: 'Pengaduan',
    meetings: 'Rapat',
    agencies: 'Perangkat Daerah',
    sync: 'Sinkronisasi',
    settings: 'Pengaturan',
  } satisfies Record<PageId, string>,
  navGroups: { work: 'Pekerjaan', admin: 'Administrasi' },
  navLabel: 'Menu utama',
  pageSubtitles: {
    dashboard: 'Ringkasan data yang tersimpan di laptop ini',
    instructions: 'Instruksi pimpinan dan tindak lanjutnya',
    negotiations: 'Usulan perubahan target kinerja',
    budget: 'Pagu dan realisasi anggaran',
    complaints: 'Pengaduan masyarakat dan penanganannya',
    meetings: 'Rapat pimpinan dan keputusannya',
    agencies: 'Daftar perangkat daerah dan pimpinannya',
    sync: 'Pertukaran data dengan kantor lain',
    settings: 'Laptop ini, bahasa, dan catatan peristiwa',
  } satisfies Record<PageId, string>,
  offlineNote: 'Bekerja tanpa internet',
  currentUserLabel: 'Pengguna laptop ini',

  // Dashboard
  dashboardWelcome: (name: string) => `Selamat datang, ${name}`,
  statAgencies: 'Perangkat daerah',
  statAgenciesHint: 'termasuk kecamatan',
  statKecamatan: 'Kecamatan',
  statKecamatanHint: 'wilayah kerja camat',
  statEvents: 'Catatan peristiwa',
  statEventsHint: 'tersimpan di log laptop ini',
  statSchema: 'Versi basis data',
  statSchemaHint: 'untuk keperluan dukungan teknis',
  dashboardUpcomingTitle: 'Yang akan tampil di dasbor ini',
  dashboardUpcomingIntro: 'Setelah instruksi pertama diterbitkan, halaman ini akan menampilkan:',
  dashboardUpcomingItems: [
    'instruksi yang mendekati atau melewati tenggat, per perangkat daerah;',
    'usulan perubahan target kinerja yang menunggu keputusan rapat pimpinan;',
    'pengaduan masyarakat yang belum ditindaklanjuti;',
    'agenda rapat pimpinan berikutnya.',
  ],

  // Pages that are not built yet: say plainly what they will do.
  plannedBadge: 'Belum tersedia di versi ini',
  planned: {
    instructions: {
      title: 'Belum ada instruksi',
      body: 'Di sini Bupati dan Sekretaris Daerah menerbitkan instruksi kepada perangkat daerah, lengkap dengan tenggatnya. Perangkat daerah melaporkan tindak lanjutnya, dan kemajuan setiap instruksi dapat dipantau bersama.',
    },
    negotiations: {
      title: 'Belum ada usulan perubahan target',
      body: 'Perangkat daerah mengajukan penurunan atau kenaikan target kinerja beserta alasannya. Bupati atau Sekretaris Daerah memutuskannya dalam rapat pimpinan, dan keputusan itu tercatat di sini.',
    },
    budget: {
      title: 'Belum ada data anggaran',
      body: 'Halaman ini akan menampilkan pagu dan realisasi anggaran setiap perangkat daerah, sehingga serapan yang tertinggal cepat terlihat dan dapat dibahas dalam rapat pimpinan.',
    },
    complaints: {
      title: 'Belum ada pengaduan',
      body: 'Pengaduan masyarakat yang diteruskan kepada perangkat daerah akan dicatat di sini, bersama batas waktu penanganan dan tindak lanjutnya.',
    },
    meetings: {
      title: 'Belum ada rapat',
      body: 'Agenda rapat pimpinan dan keputusan yang diambil akan disusun di sini. Keputusan rapat menjadi dasar instruksi dan tindak lanjut berikutnya.',
    },
    sync: {
      title: 'Belum ada pertukaran data',
      body: 'Laptop ini bekerja tanpa internet. Data dipertukarkan dengan kantor Bupati dan perangkat daerah melalui berkas sinkronisasi yang ditandatangani, misalnya lewat diska lepas.',
    },
  } satisfies Record<PlannedPageId, PlannedPageText>,

  // Perangkat Daerah
  agenciesFilterLabel: 'Cari perangkat daerah',
  agenciesFilterPlaceholder: 'Nama, singkatan, atau nama kepala',
  agenciesTotal: (shown: number, total: number) =>
    shown === total ? `${total} perangkat daerah` : `${shown} dari ${total} perangkat daerah`,
  agenciesSectionCount: (count: number) => `${count} perangkat daerah`,
  agenciesNoMatchTitle: 'Tidak ada yang cocok',
  agenciesNoMatchBody: (query: string) => `Tidak ada perangkat daerah yang cocok dengan “${query}”.`,

  // Pengaturan
  settingsDeviceTitle: 'Laptop ini',
  settingsUser: 'Pengguna',
  settingsRole: 'Peran',
  settingsAgency: 'Perangkat daerah',
  settingsAgencyNone: 'Tidak terikat pada satu perangkat daerah',
  settingsRegency: 'Pemerintah daerah',
  settingsRegencyNone: 'Belum ada profil daerah',
  settingsDeviceId: 'ID perangkat',
  settingsDataDir: 'Folder data',
  settingsLanguageTitle: 'Bahasa tampilan',
  settingsLanguageIntro: 'Hanya mengubah bahasa tampilan. Data yang tersimpan tidak berubah.',
  settingsEventsTitle: 'Catatan peristiwa terbaru',
  settingsEventsIntro: 'Hingga 50 catatan terakhir dalam log laptop ini, yang terbaru di atas.',
  settingsEventsEmpty: 'Belum ada peristiwa yang tercatat.',
  eventColumns: { time: 'Waktu (WIB)', kind: 'Jenis', author: 'Dicatat oleh', seq: 'Urutan' },
};

export type Messages = typeof id;
export type Lang = 'id' | 'en';

export const en: Messages = {
  appName: 'IKP Desk',
  loading: 'Loading data…',
  retry: 'Try again',
  dismiss: 'Close',
  startupFailedTitle: 'IKP Desk cannot open yet',
  startupFailedBody: 'The data on this laptop could not be read. If the problem persists, contact technical support.',

  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  langToggleText: 'ID',
  langToggleLabel: 'Switch display language to Bahasa Indonesia',

  roles: {
    regent: 'Regent',
    secretary: 'Regional Secretary',
    agency_staff: 'Agency Staff',
  },

  agencyKinds: {
    sekretariat: 'Secretariat',
    dinas: 'Service office (Dinas)',
    badan: 'Agency (Badan)',
    kecamatan: 'District (Kecamatan)',
    lainnya: 'Other',
  },

  monthNames: [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ],
  dateTimeWib: (day, month, year, hours, minutes) => `${day} ${month} ${year}, ${hours}:${minutes} WIB`,

  errors: {
    DeviceNotSetUp: 'This laptop has not been set up yet. Please finish the setup first.',
    DeviceAlreadySetUp: 'This laptop has already been set up. Reload the app to continue.',
    NotAuthorized: 'Your role is not authorised to do this.',
    UnknownAgency: (code) => `No agency with code "${code}" is known on this laptop.`,
    DemoAlreadyLoaded: 'The sample data has already been loaded.',
    DatabaseTooNew: (found, supported) =>
      `The data on this laptop was written by a newer version of IKP Desk (schema ${found}; this version supports up to schema ${supported}). Please update IKP Desk.`,
    CorruptEvent: (id, reason) =>
      `A record on this laptop is damaged or its signature is invalid. Please contact technical support. Technical details: record ${id}, ${reason}`,
    Storage: (message) => `Data could not be read or saved on this laptop. Technical details: ${message}`,
    unexpected: (detail) => `An unexpected error occurred. Technical details: ${detail}`,
  },
  inputProblems: {
    required: (field) => `${field} is required.`,
    tooLong: (field) => `${field} is too long.`,
    notAllowed: (field) => `${field}: this value is not allowed.`,
  },
  fieldNames: {
    role: 'Role',
    agencyCode: 'Agency',
    userName: 'User name',
  },
  unknownField: 'Field',
  choiceRequired: (field) => `${field} must be chosen.`,

  setupTitle: 'Welcome to IKP Desk',
  setupIntro:
    'Before you start, this laptop gets its own digital identity. Every record made here is signed with it, so its origin can still be verified when the data is sent to another office.',
  setupWhoQuestion: 'Who uses this laptop?',
  setupRoleOptions: {
    regent: { title: 'Regent / Acting Regent', body: 'Issues instructions and decides in the leadership meeting.' },
    secretary: { title: 'Regional Secretary', body: 'Coordinates the agencies and prepares the leadership meeting.' },
    agency_staff: { title: 'Agency Staff', body: 'Reports follow-up and performance for one agency.' },
  },
  setupAgencyLabel: 'Agency',
  setupAgencyPlaceholder: 'Choose an agency…',
  setupAgencyEmpty: 'There is no agency list on this laptop yet.',
  setupNameLabel: 'User name',
  setupNameHint: 'Full name with titles, as written in official letters.',
  setupSubmit: 'Save and start',
  setupSaving: 'Saving…',
  setupFootnote: 'The laptop identity is stored on this laptop and needs no internet connection.',

  noAgenciesTitle: 'No agency data yet',
  noAgenciesBody:
    "In real use, the list of agencies arrives from the Regent's office in a sync file. To try the app now, load the sample data.",
  loadDemo: 'Load sample data',
  loadingDemo: 'Loading sample data…',
  demoLoaded: (agencies, events) => `Sample data loaded: ${agencies} agencies and ${events} event records.`,

  nav: {
    dashboard: 'Dashboard',
    instructions: 'Instructions',
    negotiations: 'Performance Dialogue',
    budget: 'Budget',
    complaints: 'Complaints',
    meetings: 'Meetings',
    agencies: 'Agencies',
    sync: 'Synchronisation',
    settings: 'Settings',
  },
  navGroups: { work: 'Work', admin: 'Administration' },
  navLabel: 'Main menu',
  pageSubtitles: {
    dashboard: 'Summary of the data stored on this laptop',
    instructions: 'Leadership instructions and their follow-up',
    negotiations: 'Requests to change performance targets',
    budget: 'Budget ceilings and spending',
    complaints: 'Public complaints and how they are handled',
    meetings: 'Leadership meetings and their decisions',
    agencies: 'List of agencies and their heads',
    sync: 'Exchanging data with other offices',
    settings: 'This laptop, language and event log',
  },
  offlineNote: 'Works without internet',
  currentUserLabel: 'User of this laptop',

  dashboardWelcome: (name) => `Welcome, ${name}`,
  statAgencies: 'Agencies',
  statAgenciesHint: 'including districts',
  statKecamatan: 'Districts (kecamatan)',
  statKecamatanHint: 'led by a camat',
  statEvents: 'Event records',
  statEventsHint: 'in the log of this laptop',
  statSchema: 'Database version',
  statSchemaHint: 'for technical support',
  dashboardUpcomingTitle: 'What this dashboard will show',
  dashboardUpcomingIntro: 'Once the first instruction is issued, this page will show:',
  dashboardUpcomingItems: [
    'instructions close to or past their deadline, per agency;',
    'requests to change performance targets awaiting a decision in the leadership meeting;',
    'public complaints not yet followed up;',
    'the agenda of the next leadership meeting.',
  ],

  plannedBadge: 'Not available in this version',
  planned: {
    instructions: {
      title: 'No instructions yet',
      body: 'Here the Regent and the Regional Secretary issue instructions to agencies, each with a deadline. Agencies report their follow-up, and everyone can track the progress of each instruction.',
    },
    negotiations: {
      title: 'No target change requests yet',
      body: 'Agencies ask to lower or raise a performance target and give their reasons. The Regent or the Regional Secretary decides in the leadership meeting, and the decision is recorded here.',
    },
    budget: {
      title: 'No budget data yet',
      body: 'This page will show the budget ceiling and spending of each agency, so that lagging spending is visible early and can be discussed in the leadership meeting.',
    },
    complaints: {
      title: 'No complaints yet',
      body: 'Public complaints forwarded to agencies will be recorded here, together with their handling deadline and follow-up.',
    },
    meetings: {
      title: 'No meetings yet',
      body: 'The agenda of leadership meetings and the decisions taken will be prepared here. Meeting decisions become the basis for the next instructions and follow-up.',
    },
    sync: {
      title: 'No data exchanged yet',
      body: "This laptop works without internet. Data is exchanged with the Regent's office and the agencies through signed sync files, for example on a USB drive.",
    },
  },

  agenciesFilterLabel: 'Search agencies',
  agenciesFilterPlaceholder: 'Name, abbreviation or head of agency',
  agenciesTotal: (shown, total) => (shown === total ? `${total} agencies` : `${shown} of ${total} agencies`),
  agenciesSectionCount: (count) => `${count} agencies`,
  agenciesNoMatchTitle: 'No matches',
  agenciesNoMatchBody: (query) => `No agency matches “${query}”.`,

  settingsDeviceTitle: 'This laptop',
  settingsUser: 'User',
  settingsRole: 'Role',
  settingsAgency: 'Agency',
  settingsAgencyNone: 'Not tied to a single agency',
  settingsRegency: 'Local government',
  settingsRegencyNone: 'No regency profile yet',
  settingsDeviceId: 'Device ID',
  settingsDataDir: 'Data folder',
  settingsLanguageTitle: 'Display language',
  settingsLanguageIntro: 'Changes only the display language. Stored data stays as it is.',
  settingsEventsTitle: 'Recent events',
  settingsEventsIntro: 'Up to the last 50 records in the log of this laptop, newest first.',
  settingsEventsEmpty: 'No events have been recorded yet.',
  eventColumns: { time: 'Time (WIB)', kind: 'Kind', author: 'Recorded by', seq: 'Seq.' },
};
