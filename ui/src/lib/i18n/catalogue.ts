// Every visible text of the UI. `id` is the source; `en` must have exactly the
// same shape (enforced by the `Messages` type), so a missing or misspelt English
// message is a type error, not a blank on screen.
import type {
  AchievementNote,
  AgencyKind,
  Direction,
  NegotiationStatus,
  Role,
  Standing,
  Status,
} from '../bindings';
import type { PageId } from '../navigation';
import * as agencyParts from './parts/agencies';
import * as setupParts from './parts/setup';
import * as joinParts from './parts/join';
import * as importFileParts from './parts/importFiles';
import * as complaintClockParts from './parts/complaintClocks';
import * as freshnessParts from './parts/freshness';
import * as textSizeParts from './parts/textSize';
import * as syncFolderParts from './parts/syncFolder';
import * as laporStatusParts from './parts/laporStatus';
import * as sipdParts from './parts/sipd';
import * as dateFieldParts from './parts/dateField';
import * as reminderParts from './parts/reminders';
import * as briefParts from './parts/brief';
import * as fieldNameParts from './parts/fieldNames';
import * as tableColumnParts from './parts/tableColumns';
import * as timelineParts from './parts/timeline';
import * as errorWordParts from './parts/errorWords';
import * as minutesParts from './parts/minutes';
import * as budgetParts from './parts/budget';
import * as complaintParts from './parts/complaints';
import * as aboutParts from './parts/about';
import * as syncParts from './parts/sync';
import * as waitingParts from './parts/waiting';
import * as periodParts from './parts/period';
import * as settingsParts from './parts/settings';
import * as instructionDetailParts from './parts/instructionDetail';
import * as instructionFilterParts from './parts/instructionFilter';
import * as meetingParts from './parts/meeting';
import * as negotiationParts from './parts/negotiations';
import * as instructionFormParts from './parts/instructionForm';
import * as progressParts from './parts/progress';
import * as dashboardParts from './parts/dashboard';
import { termsIn } from './terms';

const termsId = termsIn('id');
const termsEn = termsIn('en');


export const id = {
  ...agencyParts.id,
  ...setupParts.id,
  ...joinParts.id,
  ...importFileParts.id,
  ...complaintClockParts.id,
  ...freshnessParts.id,
  ...waitingParts.id,
  ...periodParts.id,
  ...settingsParts.id,
  ...instructionDetailParts.id,
  ...instructionFilterParts.id,
  ...meetingParts.id,
  ...negotiationParts.id,
  ...instructionFormParts.id,
  ...progressParts.id,
  ...dashboardParts.id,
  ...textSizeParts.id,
  ...syncFolderParts.id,
  ...laporStatusParts.id,
  ...sipdParts.id,
  ...dateFieldParts.id,
  ...reminderParts.id,
  ...briefParts.id,
  ...syncParts.id,
  ...aboutParts.id,
  ...complaintParts.id,
  ...budgetParts.id,
  ...minutesParts.id,
  ...errorWordParts.id,
  ...timelineParts.id,
  ...tableColumnParts.id,
  ...fieldNameParts.id,
  appName: 'IKP Desk',
  loading: 'Memuat data…',
  retry: 'Coba lagi',
  dismiss: 'Tutup',
  copiedForWhatsApp: 'Disalin: tempel di grup WhatsApp.',
  startupFailedTitle: 'IKP Desk belum dapat dibuka',
  startupFailedBody: 'Data di laptop ini tidak dapat dibaca. Jika masalah berlanjut, hubungi petugas dukungan teknis.',

  // Language switch. The toggle shows the language you would switch TO.
  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  langToggleText: 'EN',
  langToggleLabel: 'ganti bahasa tampilan ke bahasa Inggris',

  roles: {
    regent: 'Bupati',
    secretary: 'Sekretaris Daerah',
    vice_regent: 'Wakil Bupati',
    assistant: 'Asisten Sekda',
    operator: 'Operator/Notulis Setda',
    finance: 'BPKD (keuangan)',
    complaint_desk: 'Admin SP4N-LAPOR!',
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
  monthShort: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  moneyUnits: { trillion: 'triliun', billion: 'miliar', million: 'juta' },
  percentPoints: (points: string) => `${points} poin`,
  chartSavePng: 'Simpan PNG',
  chartSaveSvg: 'Simpan SVG',
  chartSaved: (path: string) => `Tersimpan: ${path}`,
  // Indonesian writes times with a dot: 09.41 WIB.
  dateTimeWib: (day: number, month: string, year: number, hours: string, minutes: string) =>
    `${day} ${month} ${year}, ${hours}.${minutes} WIB`,

  // First-run setup
  setupTitle: 'Selamat datang di IKP Desk',
  setupIntro:
    'Sebelum mulai, laptop ini dibuatkan identitas digitalnya sendiri. Setiap catatan yang dibuat di sini ditandatangani dengan identitas tersebut, sehingga asal-usulnya tetap dapat diperiksa saat data dikirim ke kantor lain.',
  setupWhoQuestion: 'Siapa pengguna laptop ini?',
  setupRoleOptions: {
    regent: { title: 'Bupati / Pj. Bupati', body: 'Menerbitkan instruksi dan memutuskan dalam rapat pimpinan.' },
    secretary: { title: 'Sekretaris Daerah', body: 'Mengoordinasikan perangkat daerah dan menyiapkan rapat pimpinan.' },
    vice_regent: { title: 'Wakil Bupati', body: 'Memimpin bersama Bupati: menerbitkan instruksi dan memutuskan.' },
    assistant: { title: 'Asisten Sekda', body: 'Memantau kinerja semua perangkat daerah; tidak memutuskan.' },
    operator: {
      title: 'Operator/Notulis Setda',
      body: 'Menyusun notulen dan agenda rapim, mengimpor pengaduan, mengisi data perangkat daerah dan pejabat; tidak memutuskan atau mengesahkan.',
    },
    finance: { title: 'BPKD (keuangan)', body: 'Mencatat pagu, anggaran kas dan realisasi semua perangkat daerah.' },
    complaint_desk: { title: 'Admin SP4N-LAPOR!', body: 'Mencatat, mengimpor dan mendisposisikan pengaduan masyarakat.' },
    agency_staff: {
      title: 'Staf Perangkat Daerah',
      body: 'Melaporkan tindak lanjut dan kinerja satu perangkat daerah atau kecamatan (juga camat).',
    },
  } satisfies Record<Role, { title: string; body: string }>,
  setupAgencyLabel: 'Perangkat daerah',
  setupAgencyPlaceholder: 'Pilih perangkat daerah…',
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
    scorecard: 'Rapor Capaian',
    negotiations: 'Dialog Kinerja',
    budget: 'Anggaran',
    complaints: 'Pengaduan',
    meetings: 'Rapat',
    brief: 'Bahan Rapim',
    agencies: 'Perangkat Daerah',
    sync: 'Sinkronisasi',
    settings: 'Pengaturan',
    about: 'Tentang IKP Desk',
  } satisfies Record<PageId, string>,
  navGroups: { work: 'Pekerjaan', admin: 'Administrasi' },
  navLabel: 'Menu utama',
  pageSubtitles: {
    dashboard: 'Ringkasan instruksi pimpinan dan tindak lanjutnya',
    instructions: 'Instruksi pimpinan dan tindak lanjutnya',
    scorecard: 'Capaian instruksi per perangkat daerah dan indikator tanpa laporan',
    negotiations: 'Usulan perubahan target kinerja',
    budget: 'Pagu dan realisasi anggaran',
    complaints: 'Pengaduan masyarakat dan penanganannya',
    meetings: 'Rapat pimpinan dan keputusannya',
    brief: 'Satu halaman untuk rapat pimpinan, dan laporan periodik IKP',
    agencies: 'Daftar perangkat daerah dan pimpinannya',
    sync: 'Pertukaran data dengan kantor lain',
    settings: 'Laptop ini, bahasa, dan catatan peristiwa',
    about: 'Versi, folder data, cadangan dan diagnostik',
  } satisfies Record<PageId, string>,
  offlineNote: 'Bekerja tanpa internet',
  currentUserLabel: 'Pengguna laptop ini',

  // Dashboard
  dashboardWelcome: (name: string) => `Selamat datang, ${name}`,
  statEvents: 'Catatan peristiwa',
  statEventsHint: 'tersimpan di log laptop ini',
  statSchema: 'Versi basis data',
  statSchemaHint: 'untuk keperluan dukungan teknis',


  // Perangkat Daerah
  agenciesFilterLabel: 'Cari perangkat daerah',
  agenciesFilterPlaceholder: 'Nama, singkatan, atau nama kepala',
  agenciesTotal: (shown: number, total: number) =>
    shown === total ? `${total} perangkat daerah` : `${shown} dari ${total} perangkat daerah`,
  agenciesSectionCount: (count: number) => `${count} perangkat daerah`,
  agenciesNoMatchTitle: 'Tidak ada yang cocok',
  agenciesNoMatchBody: (query: string) => `Tidak ada perangkat daerah yang cocok dengan “${query}”.`,

  // Numbers and days shared by the instruction screens
  dateLong: (day: number, month: string, year: number) => `${day} ${month} ${year}`,
  daysLeft: (days: number) => (days === 1 ? 'besok' : `${days} hari lagi`),
  dueToday: 'hari ini',
  overdueBy: (days: number) => `lewat ${days} hari`,
  noneYet: '—',

  // Instruksi (IKP): the vocabulary of the core, in words
  categories: {
    kekerasan_terhadap_anak: 'Kekerasan terhadap anak',
    kekeringan: 'Kekeringan',
    banjir: 'Banjir',
    sampah: 'Sampah',
    kesehatan: 'Kesehatan',
    infrastruktur: 'Infrastruktur',
    pelayanan_publik: 'Pelayanan publik',
    lainnya: 'Lainnya',
  } as Record<string, string>,
  statuses: termsId.instructionStatus satisfies Record<Status, string>,
  standings: termsId.instructionStanding satisfies Record<Standing, string>,
  standingHints: {
    inactive: 'Belum diterbitkan, atau sudah dibatalkan.',
    on_track: 'Capaian sejalan dengan waktu yang sudah berjalan.',
    at_risk: 'Capaian tertinggal dari waktu yang sudah berjalan.',
    overdue: 'Tenggat sudah lewat dan instruksi belum diverifikasi.',
    done: 'Sudah diverifikasi pimpinan.',
  } satisfies Record<Standing, string>,
  directions: {
    higher_is_better: 'Semakin tinggi semakin baik',
    lower_is_better: 'Semakin rendah semakin baik',
  } satisfies Record<Direction, string>,
  achievementNotes: {
    no_report: 'Belum ada laporan, dihitung 0%.',
    below_baseline: 'Belum lebih baik dari nilai awal, dihitung 0%.',
    partial: 'Sebagian jalan dari nilai awal menuju target.',
    reached: 'Target tercapai.',
    exceeded: 'Melampaui target, dihitung 100%.',
  } satisfies Record<AchievementNote, string>,
  negotiationStatuses: termsId.negotiationStatus satisfies Record<NegotiationStatus, string>,
  timelineIgnored: (action: string) => `Tidak diterapkan: ${action}`,
  timelineIgnoredHint:
    'Catatan ini diterima ketika status instruksi tidak mengizinkannya, sehingga tidak mengubah apa pun.',

  // Instruksi: list
  instructionsNew: 'Terbitkan instruksi',
  shortcutKey: 'N',
  shortcutPress: 'Tekan',
  instructionsNewShortcut: 'untuk instruksi baru',
  searchLabel: 'Cari instruksi',
  searchPlaceholder: 'Nomor, judul, atau isi instruksi',
  instructionsCount: (count: number) => `${count} instruksi`,
  instructionsEmptyTitle: 'Belum ada instruksi',
  instructionsEmptyLeader: 'Terbitkan instruksi pertama dengan tombol “Terbitkan instruksi”, atau tekan N.',
  instructionsEmptyStaff: 'Instruksi pimpinan untuk perangkat daerah Anda akan tampil di sini.',
  instructionsNoMatchTitle: 'Tidak ada yang cocok',
  instructionsNoMatchBody: 'Tidak ada instruksi yang cocok dengan saringan ini.',
  draftNumber: termsId.draft,
  saveTable: 'Simpan sebagai Excel (XLSX)',
  savedTableAt: (path: string) => `Tersimpan di ${path}`,
  draftNumberHint: 'Belum bernomor: nomor resmi diberikan saat diterbitkan.',

  issuedNotice: (number: string) => `Instruksi ${number} telah diterbitkan dan berlaku bagi perangkat daerah yang ditugasi.`,
  draftSavedNotice: 'Draf tersimpan. Perangkat daerah belum melihatnya sampai draf diterbitkan.',

  // Instruksi: detail
  backTo: (place: string) => `Kembali ke ${place}`,
  backToList: 'daftar instruksi',
  agencyLead: 'Pelaksana utama',
  agencySupport: 'Pendukung',
  indicatorOwnDeadline: (date: string) => `tenggat ${date}`,
  indicatorNoValue: 'Belum dilaporkan',
  indicatorFromBudget: (year: number) => `Otomatis dari data serapan anggaran ${year}`,
  indicatorReportedOn: (date: string) => `keadaan ${date}`,

  // Instruksi: actions
  actionsTitle: 'Tindakan',
  actionsNone: 'Tidak ada tindakan yang dapat Anda lakukan pada instruksi ini sekarang.',
  awaitingForLeader:
    'Perangkat daerah melaporkan instruksi ini selesai. Periksa capaian dan buktinya, lalu verifikasi atau kembalikan.',
  awaitingForStaff: 'Laporan selesai sudah dikirim dan menunggu verifikasi pimpinan.',
  completeNeedsProgress: 'Laporan selesai dapat dikirim setelah ada laporan capaian.',
  reportProgress: 'Laporkan capaian',
  reportComplete: 'Laporkan selesai',
  completeHint: 'Nyatakan instruksi ini sudah dituntaskan. Pimpinan akan memeriksa dan memverifikasinya.',
  completeNote: 'Catatan penyelesaian',
  completeSubmit: 'Kirim laporan selesai',
  completeSentNotice: 'Instruksi dilaporkan selesai dan menunggu verifikasi pimpinan.',
  addNote: 'Tulis catatan',
  addNoteHint: 'Catatan untuk pimpinan dan perangkat daerah lain: kendala, kebutuhan dari instansi lain. Tampil di riwayat instruksi.',
  addNoteLabel: 'Catatan',
  addNoteSubmit: 'Kirim catatan',
  noteSentNotice: 'Catatan terkirim dan tampil di riwayat.',
  verify: 'Verifikasi',
  verifyHint: 'Nyatakan hasilnya diterima. Instruksi ditutup sebagai selesai.',
  verifyNote: 'Catatan verifikasi',
  verifyNoteHint: 'Opsional.',
  verifySubmit: 'Verifikasi sekarang',
  verifiedNotice: 'Instruksi telah diverifikasi dan ditutup sebagai selesai.',
  returnCompletion: 'Kembalikan',
  returnHint: 'Kembalikan kepada perangkat daerah untuk dilengkapi. Sebutkan apa yang kurang.',
  returnReason: 'Alasan pengembalian',
  returnSubmit: 'Kembalikan kepada perangkat daerah',
  returnedNotice: 'Instruksi dikembalikan kepada perangkat daerah untuk dilengkapi.',
  cancel: 'Batalkan instruksi',
  cancelHint: 'Instruksi tidak lagi berlaku bagi perangkat daerah. Pembatalan tidak dapat diurungkan.',
  cancelReason: 'Alasan pembatalan',
  cancelSubmit: 'Batalkan instruksi',
  cancelledNotice: 'Instruksi dibatalkan.',
  issueDraft: 'Terbitkan',
  issueDraftHint: 'Beri nomor resmi dan berlakukan bagi perangkat daerah yang ditugasi.',
  issueDraftSubmit: 'Terbitkan sekarang',
  requiredMark: 'wajib',
  optionalMark: 'opsional',
  closePanel: 'Tutup',
  working: 'Memproses…',

  // Scorecard and silent indicators
  scorecardTitle: 'Rapor perangkat daerah',
  scorecardIntro:
    'Instruksi aktif setiap perangkat daerah menurut keadaannya. Yang paling banyak lewat tenggat di atas; capaian adalah rata-rata capaian instruksinya.',
  scorecardEmpty: 'Belum ada perangkat daerah yang memegang instruksi aktif.',
  silentTitle: 'Indikator tanpa laporan',
  silentIntro: (days: number) =>
    `Indikator instruksi aktif yang tidak dilaporkan selama ${days} hari atau lebih, per perangkat daerah.`,
  silentDaysLabel: 'Tanpa laporan sedikitnya',
  silentDaysOption: (days: number) => `${days} hari`,
  silentEmpty: (days: number) => `Semua indikator aktif sudah dilaporkan dalam ${days} hari terakhir.`,
  silentCount: (count: number) => `${count} indikator`,
  silentDays: (days: number) => `${days} hari tanpa laporan`,
  silentNever: 'belum pernah dilaporkan',
  silentLast: (date: string) => `laporan terakhir ${date}`,
  silentOpen: 'Buka instruksi',

  categoryField: (position: number) => `Nama kategori ${position}`,
  categoryCode: (code: string) => `kode ${code}`,
  categoryCodeNew: 'baru — kode dibuat saat disimpan',
  categoryAdd: 'Tambah kategori',
  categoryRemove: (label: string) => `Hapus kategori “${label}”`,
  categoriesSave: 'Simpan daftar kategori',
  categoriesSaving: 'Menyimpan…',
  categoriesSaved: 'Daftar kategori telah disimpan.',
  categoriesUndo: 'Batalkan perubahan',
  categoriesRetired: 'Kategori lama yang mungkin masih dipakai instruksi terdahulu:',
  numberTemplateLabel: 'Format nomor',
  numberPlaceholdersTitle: 'Penanda yang dapat dipakai',
  numberPlaceholders: [
    ['{urut}', 'nomor urut dalam tahun (wajib)'],
    ['{urut:3}', 'nomor urut tiga angka, misalnya 007'],
    ['{bulan_romawi}', 'bulan dalam angka Romawi, misalnya XI'],
    ['{bulan}', 'bulan dalam angka, misalnya 3'],
    ['{bulan:2}', 'bulan dua angka, misalnya 03'],
    ['{tahun}', 'tahun (wajib)'],
    ['{seq} {month_roman} {month} {year}', 'nama lama dalam bahasa Inggris, tetap dibaca'],
  ] as [string, string][],
  numberPreview: 'Nomor instruksi berikutnya:',
  numberSave: 'Simpan format nomor',
  numberSaved: 'Format nomor telah disimpan.',
  numberUseDefault: 'Pakai format baku',

  // Editing a draft, amending an issued instruction
  editDraft: 'Ubah draf',
  editDraftTitle: 'Ubah draf instruksi',
  editDraftIntro: 'Draf belum mengikat. Ubah isinya, lalu simpan kembali sebagai draf atau langsung terbitkan.',
  draftUpdatedNotice: 'Perubahan draf telah disimpan.',
  backToInstruction: 'instruksi',
  amend: 'Ubah instruksi',
  amendHint:
    'Instruksi yang sudah terbit hanya dapat diubah dengan alasan. Perubahan dan alasannya tercatat di riwayat instruksi.',
  amendReason: 'Alasan perubahan',
  amendSubmit: 'Simpan perubahan',
  amendNothing: 'Belum ada yang diubah. Ubah judul, isi, atau tenggat terlebih dahulu.',
  amendedNotice: 'Perubahan instruksi telah disimpan.',

  // Evidence and the agency's own dashboard
  evidenceOpen: (fileName: string) => `Buka berkas ${fileName}`,
  evidenceSaveCopy: 'Simpan salinan',
};

export type Messages = typeof id;
export type Lang = 'id' | 'en';

export const en: Messages = {
  ...agencyParts.en,
  ...setupParts.en,
  ...joinParts.en,
  ...importFileParts.en,
  ...complaintClockParts.en,
  ...freshnessParts.en,
  ...waitingParts.en,
  ...periodParts.en,
  ...settingsParts.en,
  ...instructionDetailParts.en,
  ...instructionFilterParts.en,
  ...meetingParts.en,
  ...negotiationParts.en,
  ...instructionFormParts.en,
  ...progressParts.en,
  ...dashboardParts.en,
  ...textSizeParts.en,
  ...syncFolderParts.en,
  ...laporStatusParts.en,
  ...sipdParts.en,
  ...dateFieldParts.en,
  ...reminderParts.en,
  ...briefParts.en,
  ...syncParts.en,
  ...aboutParts.en,
  ...complaintParts.en,
  ...budgetParts.en,
  ...minutesParts.en,
  ...errorWordParts.en,
  ...timelineParts.en,
  ...tableColumnParts.en,
  ...fieldNameParts.en,
  appName: 'IKP Desk',
  loading: 'Loading data…',
  retry: 'Try again',
  dismiss: 'Close',
  copiedForWhatsApp: 'Copied: paste it into the WhatsApp group.',
  startupFailedTitle: 'IKP Desk cannot open yet',
  startupFailedBody: 'The data on this laptop could not be read. If the problem persists, contact technical support.',

  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  langToggleText: 'ID',
  langToggleLabel: 'switch the display language to Indonesian',

  roles: {
    regent: 'Regent',
    secretary: 'Regional Secretary',
    vice_regent: 'Vice Regent',
    assistant: 'Assistant to the Secretary',
    operator: 'Secretariat operator / minute-taker',
    finance: 'Finance office (BPKD)',
    complaint_desk: 'SP4N-LAPOR! admin',
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
  monthShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  moneyUnits: { trillion: 'trillion', billion: 'billion', million: 'million' },
  percentPoints: (points: string) => `${points} points`,
  chartSavePng: 'Save PNG',
  chartSaveSvg: 'Save SVG',
  chartSaved: (path: string) => `Saved: ${path}`,
  dateTimeWib: (day, month, year, hours, minutes) => `${day} ${month} ${year}, ${hours}:${minutes} WIB`,

  setupTitle: 'Welcome to IKP Desk',
  setupIntro:
    'Before you start, this laptop gets its own digital identity. Every record made here is signed with it, so its origin can still be verified when the data is sent to another office.',
  setupWhoQuestion: 'Who uses this laptop?',
  setupRoleOptions: {
    regent: { title: 'Regent / Acting Regent', body: 'Issues instructions and decides in the leadership meeting.' },
    secretary: { title: 'Regional Secretary', body: 'Coordinates the agencies and prepares the leadership meeting.' },
    vice_regent: { title: 'Vice Regent', body: 'Leads with the Regent: issues instructions and decides.' },
    assistant: { title: 'Assistant to the Secretary', body: 'Follows every agency’s work; decides nothing.' },
    operator: {
      title: 'Secretariat operator / minute-taker',
      body: 'Writes the minutes and the rapim agenda, imports complaints, keeps the agency and official lists; does not decide or sign.',
    },
    finance: { title: 'Finance office (BPKD)', body: 'Records every agency’s budget ceiling, cash plan and spending.' },
    complaint_desk: { title: 'SP4N-LAPOR! admin', body: 'Records, imports and sends on citizens’ complaints.' },
    agency_staff: {
      title: 'Agency Staff',
      body: 'Reports follow-up and performance for one agency or kecamatan (also the camat).',
    },
  },
  setupAgencyLabel: 'Agency',
  setupAgencyPlaceholder: 'Choose an agency…',
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
    scorecard: 'Agency Scorecard',
    negotiations: 'Performance Dialogue',
    budget: 'Budget',
    complaints: 'Complaints',
    meetings: 'Meetings',
    brief: 'Rapim Brief',
    agencies: 'Agencies',
    sync: 'Synchronisation',
    settings: 'Settings',
    about: 'About IKP Desk',
  },
  navGroups: { work: 'Work', admin: 'Administration' },
  navLabel: 'Main menu',
  pageSubtitles: {
    dashboard: 'Summary of leadership instructions and their follow-up',
    instructions: 'Leadership instructions and their follow-up',
    scorecard: 'Instruction achievement per agency, and indicators without reports',
    negotiations: 'Requests to change performance targets',
    budget: 'Budget ceilings and spending',
    complaints: 'Public complaints and how they are handled',
    meetings: 'Leadership meetings and their decisions',
    brief: 'One page for the leadership meeting, and the IKP period report',
    agencies: 'List of agencies and their heads',
    sync: 'Exchanging data with other offices',
    settings: 'This laptop, language and event log',
    about: 'Version, data folder, backups and diagnostics',
  },
  offlineNote: 'Works without internet',
  currentUserLabel: 'User of this laptop',

  dashboardWelcome: (name) => `Welcome, ${name}`,
  statEvents: 'Event records',
  statEventsHint: 'in the log of this laptop',
  statSchema: 'Database version',
  statSchemaHint: 'for technical support',


  agenciesFilterLabel: 'Search agencies',
  agenciesFilterPlaceholder: 'Name, abbreviation or head of agency',
  agenciesTotal: (shown, total) => (shown === total ? `${total} agencies` : `${shown} of ${total} agencies`),
  agenciesSectionCount: (count) => `${count} agencies`,
  agenciesNoMatchTitle: 'No matches',
  agenciesNoMatchBody: (query) => `No agency matches “${query}”.`,

  dateLong: (day, month, year) => `${month} ${day}, ${year}`,
  daysLeft: (days) => (days === 1 ? 'tomorrow' : `${days} days left`),
  dueToday: 'today',
  overdueBy: (days) => (days === 1 ? '1 day overdue' : `${days} days overdue`),
  noneYet: '—',

  categories: {
    kekerasan_terhadap_anak: 'Violence against children',
    kekeringan: 'Drought',
    banjir: 'Flood',
    sampah: 'Waste',
    kesehatan: 'Health',
    infrastruktur: 'Infrastructure',
    pelayanan_publik: 'Public services',
    lainnya: 'Other',
  },
  statuses: termsEn.instructionStatus,
  standings: termsEn.instructionStanding,
  standingHints: {
    inactive: 'Not issued yet, or cancelled.',
    on_track: 'Achievement keeps pace with the time used.',
    at_risk: 'Achievement lags behind the time used.',
    overdue: 'The deadline has passed and the instruction is not verified.',
    done: 'Verified by the leadership.',
  },
  directions: {
    higher_is_better: 'Higher is better',
    lower_is_better: 'Lower is better',
  },
  achievementNotes: {
    no_report: 'No report yet; counts as 0%.',
    below_baseline: 'Not better than the baseline yet; counts as 0%.',
    partial: 'Part of the way from the baseline to the target.',
    reached: 'Target reached.',
    exceeded: 'Beyond the target; counts as 100%.',
  },
  negotiationStatuses: termsEn.negotiationStatus,
  timelineIgnored: (action) => `Not applied: ${action}`,
  timelineIgnoredHint: 'This record arrived when the instruction’s status did not allow it, so it changed nothing.',

  instructionsNew: 'Issue instruction',
  shortcutKey: 'N',
  shortcutPress: 'Press',
  instructionsNewShortcut: 'for a new instruction',
  searchLabel: 'Search instructions',
  searchPlaceholder: 'Number, title or text',
  instructionsCount: (count) => (count === 1 ? '1 instruction' : `${count} instructions`),
  instructionsEmptyTitle: 'No instructions yet',
  instructionsEmptyLeader: 'Issue the first instruction with the “Issue instruction” button, or press N.',
  instructionsEmptyStaff: 'Leadership instructions for your agency will appear here.',
  instructionsNoMatchTitle: 'No matches',
  instructionsNoMatchBody: 'No instruction matches these filters.',
  draftNumber: termsEn.draft,
  saveTable: 'Save as Excel (XLSX)',
  savedTableAt: (path) => `Saved to ${path}`,
  draftNumberHint: 'No number yet: the official number is given when it is issued.',

  issuedNotice: (number) => `Instruction ${number} has been issued and applies to the assigned agencies.`,
  draftSavedNotice: 'Draft saved. Agencies do not see it until it is issued.',

  backTo: (place) => `Back to ${place}`,
  backToList: 'the instruction list',
  agencyLead: 'Lead',
  agencySupport: 'Supporting',
  indicatorOwnDeadline: (date) => `deadline ${date}`,
  indicatorNoValue: 'Not reported',
  indicatorFromBudget: (year: number) => `Taken automatically from the ${year} budget absorption`,
  indicatorReportedOn: (date) => `as of ${date}`,

  actionsTitle: 'Actions',
  actionsNone: 'There is nothing you can do on this instruction right now.',
  awaitingForLeader:
    'The agency reports this instruction complete. Check the achievement and evidence, then verify it or return it.',
  awaitingForStaff: 'The completion report has been sent and awaits verification by the leadership.',
  completeNeedsProgress: 'Completion can be reported once progress has been reported.',
  reportProgress: 'Report progress',
  reportComplete: 'Report complete',
  completeHint: 'State that this instruction has been carried out. The leadership will check and verify it.',
  completeNote: 'Completion note',
  completeSubmit: 'Send completion report',
  completeSentNotice: 'The instruction is reported complete and awaits verification by the leadership.',
  addNote: 'Write a note',
  addNoteHint: 'A note for the leadership and the other agencies: obstacles, what you need from another office. Shown in the instruction’s history.',
  addNoteLabel: 'Note',
  addNoteSubmit: 'Send note',
  noteSentNotice: 'The note is sent and shown in the history.',
  verify: 'Verify',
  verifyHint: 'Accept the result. The instruction is closed as done.',
  verifyNote: 'Verification note',
  verifyNoteHint: 'Optional.',
  verifySubmit: 'Verify now',
  verifiedNotice: 'The instruction has been verified and closed as done.',
  returnCompletion: 'Return',
  returnHint: 'Send it back to the agency for more work. Say what is missing.',
  returnReason: 'Reason for returning',
  returnSubmit: 'Return to the agency',
  returnedNotice: 'The instruction has been returned to the agency for more work.',
  cancel: 'Cancel instruction',
  cancelHint: 'The instruction no longer applies to the agencies. This cannot be undone.',
  cancelReason: 'Reason for cancelling',
  cancelSubmit: 'Cancel instruction',
  cancelledNotice: 'The instruction has been cancelled.',
  issueDraft: 'Issue',
  issueDraftHint: 'Give it its official number and make it apply to the assigned agencies.',
  issueDraftSubmit: 'Issue now',
  requiredMark: 'required',
  optionalMark: 'optional',
  closePanel: 'Close',
  working: 'Working…',

  scorecardTitle: 'Agency scorecard',
  scorecardIntro:
    'Each agency’s active instructions by standing. Most overdue first; achievement is the mean achievement of its instructions.',
  scorecardEmpty: 'No agency holds an active instruction yet.',
  silentTitle: 'Indicators without reports',
  silentIntro: (days) => `Indicators of active instructions not reported for ${days} days or more, per agency.`,
  silentDaysLabel: 'Silent for at least',
  silentDaysOption: (days) => `${days} days`,
  silentEmpty: (days) => `Every active indicator was reported in the last ${days} days.`,
  silentCount: (count) => (count === 1 ? '1 indicator' : `${count} indicators`),
  silentDays: (days) => `${days} days without a report`,
  silentNever: 'never reported',
  silentLast: (date) => `last report ${date}`,
  silentOpen: 'Open instruction',

  categoryField: (position) => `Category name ${position}`,
  categoryCode: (code) => `code ${code}`,
  categoryCodeNew: 'new — a code is made on saving',
  categoryAdd: 'Add category',
  categoryRemove: (label) => `Remove category “${label}”`,
  categoriesSave: 'Save category list',
  categoriesSaving: 'Saving…',
  categoriesSaved: 'The category list has been saved.',
  categoriesUndo: 'Discard changes',
  categoriesRetired: 'Former categories that earlier instructions may still use:',
  numberTemplateLabel: 'Number format',
  numberPlaceholdersTitle: 'Placeholders you can use',
  numberPlaceholders: [
    ['{urut}', 'sequence number within the year (required; {seq} also works)'],
    ['{urut:3}', 'three-digit sequence number, e.g. 007'],
    ['{bulan_romawi}', 'month in Roman numerals, e.g. XI ({month_roman})'],
    ['{bulan}', 'month as a number, e.g. 3 ({month})'],
    ['{bulan:2}', 'two-digit month, e.g. 03'],
    ['{tahun}', 'year (required; {year} also works)'],
  ],
  numberPreview: 'Next instruction number:',
  numberSave: 'Save number format',
  numberSaved: 'The number format has been saved.',
  numberUseDefault: 'Use the standard format',

  editDraft: 'Edit draft',
  editDraftTitle: 'Edit draft instruction',
  editDraftIntro: 'A draft does not bind anyone yet. Change it, then save it as a draft again or issue it at once.',
  draftUpdatedNotice: 'The draft has been updated.',
  backToInstruction: 'instruction',
  amend: 'Amend instruction',
  amendHint:
    'An issued instruction can only be changed with a reason. The change and its reason are kept in the instruction’s history.',
  amendReason: 'Reason for the change',
  amendSubmit: 'Save changes',
  amendNothing: 'Nothing has changed yet. Change the title, text or deadline first.',
  amendedNotice: 'The instruction has been amended.',

  evidenceOpen: (fileName) => `Open file ${fileName}`,
  evidenceSaveCopy: 'Save a copy',
};
