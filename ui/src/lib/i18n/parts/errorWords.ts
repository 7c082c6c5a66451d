// The wording of errors: the core's errors, refused bundles and events, invalid input and
// number formats, and the passive verbs of a refused transition. Read by ../errors.ts. Spread into the catalogue.
import type { Action, BundleProblem, EventRefusal, InputProblem, NumberFormatProblem } from '../../bindings';

export const id = {
  errors: {
    DeviceNotSetUp: 'Laptop ini belum disiapkan. Selesaikan penyiapan terlebih dahulu.',
    DeviceAlreadySetUp: 'Laptop ini sudah disiapkan sebelumnya. Muat ulang aplikasi untuk melanjutkan.',
    NotAuthorized: 'Peran Anda tidak berwenang melakukan tindakan ini.',
    UnknownAgency: (code: string) => `Perangkat daerah dengan kode "${code}" tidak dikenal di laptop ini.`,
    AgencyInactive: (code: string) =>
      `Perangkat daerah "${code}" sudah dinonaktifkan: tidak dapat menerima instruksi baru. Catatan lamanya tetap ada.`,
    DemoAlreadyLoaded: 'Data contoh sudah dimuat sebelumnya.',
    RestoredAwaitingHistory: (backup: string) =>
      `Laptop ini baru dipulihkan dari cadangan ${backup}. Impor dulu berkas .ikp terbaru dari laptop lain agar catatan yang dibuat sesudah cadangan kembali, atau pastikan tidak ada yang dikirim sejak itu, lalu tekan "Lanjutkan mencatat".`,
    DatabaseTooNew: (found: number, supported: number) =>
      `Data di laptop ini dibuat oleh IKP Desk versi yang lebih baru (skema ${found}, sedangkan versi ini mendukung hingga skema ${supported}). Perbarui aplikasi IKP Desk.`,
    CorruptEvent: (id: string, reason: string) =>
      `Sebuah catatan di laptop ini rusak atau tanda tangannya tidak sah. Hubungi petugas dukungan teknis. Keterangan teknis: catatan ${id}, ${reason}`,
    Storage: (message: string) =>
      `Data tidak dapat dibaca atau disimpan di laptop ini. Keterangan teknis: ${message}`,
    unexpected: (detail: string) => `Terjadi kesalahan yang tidak terduga. Keterangan teknis: ${detail}`,
    UnknownInstruction: 'Instruksi ini tidak ditemukan di laptop ini. Mungkin datanya belum disinkronkan.',
    UnknownIndicator: 'Indikator ini tidak ditemukan di laptop ini. Muat ulang instruksinya lalu coba lagi.',
    IndicatorIsAutomatic:
      'Nilai indikator ini diambil otomatis dari data serapan anggaran, sehingga tidak dapat dilaporkan manual.',
    InvalidTransition: (status: string, verb: string) =>
      `Instruksi yang berstatus “${status}” tidak dapat ${verb}. Keadaan instruksi mungkin sudah berubah; lihat riwayatnya.`,
    EvidenceTooLarge: (fileName: string, sizeMb: number, limitMb: number) =>
      `Berkas “${fileName}” berukuran ${sizeMb} MB, sedangkan berkas bukti paling besar ${limitMb} MB. Perkecil berkasnya atau pilih berkas lain.`,
    UnknownEvidence: 'Berkas bukti ini tidak ditemukan di laptop ini. Mungkin berkasnya belum disinkronkan.',
    EvidenceNotViewable: (fileName: string) =>
      `Berkas “${fileName}” tidak dibuka di laptop ini: isinya bukan gambar, PDF, dokumen kantor tanpa makro, atau teks biasa, sehingga bisa menjalankan program. Simpan salinannya saja, lalu periksa dengan antivirus sebelum dibuka.`,
    DeviceKeyUnreadable: (path: string) =>
      `Kunci perangkat di “${path}” tidak dapat dibaca. Aplikasi berhenti agar tidak membuat identitas baru tanpa sepengetahuan Anda. Pulihkan berkas kunci dari cadangan, atau minta Sekretariat mendaftarkan ulang laptop ini.`,
    DataFolderNotMoved: (from: string, to: string) =>
      `Data dari versi sebelumnya di “${from}” belum dapat dipindahkan ke “${to}”, tempat data IKP Desk kini disimpan agar tidak ikut terbawa ke komputer lain. Tidak ada data yang dihapus. Tutup program lain yang mungkin membuka folder itu (antivirus, sinkronisasi berkas), lalu buka IKP Desk lagi.`,
    evidenceMissing: (fileName: string) =>
      `Berkas bukti “${fileName}” belum tersimpan di laptop ini. Lampirkan berkas itu sekali lagi.`,
    UnknownNegotiation: 'Permohonan negosiasi ini tidak ditemukan di laptop ini. Mungkin datanya belum disinkronkan.',
    NegotiationAlreadyOpen:
      'Indikator ini masih punya permohonan negosiasi yang belum diputuskan. Tarik permohonan itu atau tunggu keputusannya.',
    NegotiationNotPending: (status: string) =>
      `Permohonan ini sudah berstatus “${status}”; hanya permohonan yang menunggu keputusan dapat diputuskan atau ditarik.`,
    UnknownDecision: 'Keputusan ini tidak ditemukan di laptop ini.',
    DecisionAlreadyUndone: 'Keputusan ini sudah dibatalkan sebelumnya.',
    UnknownMeeting: 'Rapat ini tidak ditemukan di laptop ini.',
    MeetingClosed: 'Rapat ini sudah ditutup. Buka rapat baru untuk mengambil keputusan.',
    MinutesFinalized: 'Notulen rapat ini sudah ditetapkan dan tidak dapat diubah. Koreksi hanya dapat dicatat sebagai adendum.',
    MinutesNotFinalized: 'Notulen ini belum ditetapkan: ubah saja isinya, adendum hanya untuk notulen yang sudah ditetapkan.',
    UnknownAgendaItem: 'Butir acara ini tidak ditemukan di rapat ini.',
    UnknownFollowUp: 'Tindak lanjut ini tidak ditemukan di rapat ini.',
    ImportUnreadable: (reason: string) => `Berkas tidak dapat dibaca sebagai tabel CSV atau XLSX. Keterangan: ${reason}`,
    ImportMissingColumns: (columns: string) =>
      `Berkas tidak memiliki kolom yang diperlukan: ${columns}. Periksa baris judul kolomnya.`,
    UnknownComplaint: (trackingId: string) => `Pengaduan dengan nomor tiket ${trackingId} tidak ada di laptop ini.`,
    InvalidComplaintTransition: (trackingId: string, status: string, action: string) =>
      `Pengaduan ${trackingId} berstatus ${status}, sehingga tidak dapat ${action}.`,
    ComplaintProofRequired: (trackingId: string) =>
      `Pengaduan ${trackingId} baru dapat diselesaikan dengan bukti penyelesaian: foto, video, atau surat resmi.`,
    ImportHasProblems: (rows: number) =>
      `${rows} baris berkas bermasalah, jadi tidak ada yang diimpor. Perbaiki baris-baris itu, atau pilih impor tanpa baris yang bermasalah.`,
    BundleUnreadable: (problem: string) => `Berkas sinkronisasi tidak dapat dibaca: ${problem} Tidak ada data yang diimpor.`,
    BundleTooNew: (producer: string) =>
      `Berkas ini dibuat oleh ${producer}, versi yang lebih baru. Perbarui aplikasi IKP Desk, lalu impor lagi.`,
    BundleRefused: (count: number, first: string) =>
      `Berkas sinkronisasi ditolak seluruhnya, tidak ada data yang diimpor: ${count} catatan tidak sah (${first}).`,
    NoTrustRoot:
      'Laptop ini belum terdaftar pada kantor Bupati. Impor dulu berkas jawaban atas permintaan pendaftaran laptop ini.',
    TrustRootMismatch: (offered: string, pinned: string) =>
      `Berkas ini berasal dari kabupaten lain (kode pengenal ${offered}); laptop ini mempercayai ${pinned}.`,
    ExportTooLarge: (events: number, maxEvents: number) =>
      `${events.toLocaleString('id-ID')} catatan terlalu banyak untuk satu berkas (paling banyak ${maxEvents.toLocaleString('id-ID')}). Ekspor sejak tanggal yang lebih baru, atau untuk satu laptop saja.`,
    RootNotConfirmed: (fingerprint: string) =>
      `Berkas ini menjadikan ${fingerprint} laptop induk bagi laptop ini. Cocokkan kode pengenal itu dengan laptop kantor Bupati, lalu konfirmasi.`,
    UnknownBackup: (name: string) => `Cadangan ${name} tidak ada di folder backups.`,
    BackupDamaged: (name: string) =>
      `Cadangan ${name} rusak atau tidak utuh, jadi tidak ada yang dipulihkan. Pilih cadangan lain, atau hubungi bagian TI.`,
  },
  bundleProblems: {
    empty: 'berkasnya kosong.',
    notABundle: 'ini bukan berkas sinkronisasi IKP Desk.',
    truncated: 'berkasnya terpotong (penyalinan tidak selesai). Salin ulang berkasnya.',
    checksumMismatch: 'isi berkas rusak dalam perjalanan. Minta berkas baru.',
    tooLarge: 'berkas atau isinya melebihi batas ukuran.',
    malformed: 'susunan isinya tidak sesuai format.',
    wrongPurpose: 'ini berkas permintaan pendaftaran, bukan berkas data.',
    changedSinceShown: 'berkas permintaan berubah setelah ditampilkan. Buka lagi dan cocokkan kode pengenalnya.',
  } satisfies Record<BundleProblem, string>,
  eventRefusals: {
    hashMismatch: 'isinya diubah',
    unreadable: 'tidak dapat dibaca',
    badSignature: 'tanda tangannya palsu',
    unenrolled: 'dibuat oleh laptop yang tidak didaftarkan kantor Bupati',
    revoked: 'dibuat setelah laptop pembuatnya dicabut',
    notAuthorized: 'pembuatnya tidak berwenang',
    equivocation: 'pembuatnya menandatangani dua catatan berbeda dengan nomor yang sama',
  } satisfies Record<EventRefusal, string>,
  inputProblems: {
    required: (field: string) => `${field} wajib diisi.`,
    tooLong: (field: string) => `${field} terlalu panjang.`,
    notAllowed: (field: string) => `${field}: isian ini tidak diizinkan.`,
    notANumber: (field: string) => `${field} harus berupa angka, misalnya 12 atau 12,5.`,
    notADate: (field: string) => `${field} bukan tanggal yang sah.`,
    inThePast: (field: string) => `${field} tidak boleh sebelum hari ini.`,
    inTheFuture: (field: string) => `${field} tidak boleh setelah hari ini.`,
    duplicate: (field: string) => `${field} sudah ada di daftar; setiap isian harus berbeda.`,
    wrongDirection: (field: string) =>
      `${field} tidak sesuai arah indikator: jika semakin tinggi semakin baik, target tidak boleh di bawah nilai awal; jika semakin rendah semakin baik, target tidak boleh di atas nilai awal.`,
    negative: (field: string) => `${field} tidak boleh negatif.`,
    outOfRange: (field: string) => `${field} di luar rentang yang diperbolehkan.`,
    doesNotAddUp: (field: string) => `${field}: jumlah rinciannya tidak sama dengan totalnya.`,
    conflicting: (field: string) => `${field} berbeda dari baris lain yang mencatat hal yang sama; hanya satu yang bisa benar.`,
  } satisfies Record<InputProblem, (field: string) => string>,
  // Passive verbs for "an instruction that is X cannot be …".
  actionVerbs: {
    redraft: 'disusun ulang sebagai draf',
    issue: 'diterbitkan',
    amend: 'diubah',
    report_progress: 'dilaporkan capaiannya',
    report_complete: 'dilaporkan selesai',
    return_completion: 'dikembalikan',
    verify: 'diverifikasi',
    cancel: 'dibatalkan',
    negotiate_target: 'dinegosiasikan targetnya',
  } satisfies Record<Action, string>,
  numberFormatProblems: {
    empty: () => 'Format nomor wajib diisi.',
    tooLong: () => 'Format nomor terlalu panjang (paling banyak 60 karakter).',
    notAllowedCharacter: () => 'Format nomor memuat karakter yang tidak diizinkan.',
    unbalancedBrace: () => 'Setiap “{” harus ditutup dengan “}”.',
    unknownPlaceholder: (placeholder: string) =>
      `${placeholder} bukan penanda yang dikenal. Gunakan penanda dari daftar di bawah.`,
    missingSeq: () => 'Format nomor harus memuat {urut} (nomor urut).',
    missingYear: () => 'Format nomor harus memuat {tahun}, karena nomor urut dimulai lagi setiap tahun.',
  } satisfies Record<NumberFormatProblem, (placeholder: string) => string>,
};

export const en: typeof id = {
  errors: {
    DeviceNotSetUp: 'This laptop has not been set up yet. Please finish the setup first.',
    DeviceAlreadySetUp: 'This laptop has already been set up. Reload the app to continue.',
    NotAuthorized: 'Your role is not authorised to do this.',
    UnknownAgency: (code) => `No agency with code "${code}" is known on this laptop.`,
    AgencyInactive: (code) => `Agency "${code}" is deactivated: it cannot receive new instructions. Its records stay.`,
    DemoAlreadyLoaded: 'The sample data has already been loaded.',
    RestoredAwaitingHistory: (backup) =>
      `This laptop was just restored from backup ${backup}. First import the newest .ikp files from the other laptops so the records made after the backup come back, or make sure nothing was sent since, then press "Continue recording".`,
    DatabaseTooNew: (found, supported) =>
      `The data on this laptop was written by a newer version of IKP Desk (schema ${found}; this version supports up to schema ${supported}). Please update IKP Desk.`,
    CorruptEvent: (id, reason) =>
      `A record on this laptop is damaged or its signature is invalid. Please contact technical support. Technical details: record ${id}, ${reason}`,
    Storage: (message) => `Data could not be read or saved on this laptop. Technical details: ${message}`,
    unexpected: (detail) => `An unexpected error occurred. Technical details: ${detail}`,
    UnknownInstruction: 'This instruction is not on this laptop. Its data may not have been synchronised yet.',
    UnknownIndicator: 'This indicator is not on this laptop. Reload the instruction and try again.',
    IndicatorIsAutomatic: "This indicator's value comes from the budget absorption data; it cannot be reported by hand.",
    InvalidTransition: (status, verb) =>
      `An instruction that is “${status}” cannot be ${verb}. Its state may have changed; see its history.`,
    EvidenceTooLarge: (fileName, sizeMb, limitMb) =>
      `“${fileName}” is ${sizeMb} MB; evidence files may be at most ${limitMb} MB. Make the file smaller or choose another one.`,
    UnknownEvidence: 'This evidence file is not on this laptop. It may not have been synchronized yet.',
    EvidenceNotViewable: (fileName) =>
      `“${fileName}” is not opened on this laptop: it is not an image, a PDF, an office document without macros or plain text, so it could run a program. Save a copy only, and scan it before opening it.`,
    DeviceKeyUnreadable: (path) =>
      `The device key at “${path}” cannot be read. The app stops rather than make a new identity without telling you. Restore the key file from a backup, or ask the Secretariat to enrol this laptop again.`,
    DataFolderNotMoved: (from, to) =>
      `The data of an earlier version at “${from}” could not yet be moved to “${to}”, where IKP Desk now keeps its data so that it is not carried to other computers. Nothing was deleted. Close any program that may have the folder open (antivirus, file sync), then open IKP Desk again.`,
    evidenceMissing: (fileName) => `The evidence file “${fileName}” is not stored on this laptop. Attach it once more.`,
    UnknownNegotiation: 'This negotiation request is not on this laptop. Its data may not have been synchronised yet.',
    NegotiationAlreadyOpen:
      'This indicator already has a request awaiting a decision. Withdraw that request or wait for its decision.',
    NegotiationNotPending: (status) =>
      `This request is already “${status}”; only a request awaiting a decision can be decided or withdrawn.`,
    UnknownDecision: 'This decision is not on this laptop.',
    DecisionAlreadyUndone: 'This decision has already been undone.',
    UnknownMeeting: 'This meeting is not on this laptop.',
    MeetingClosed: 'This meeting has been closed. Open a new meeting to take decisions.',
    MinutesFinalized: 'These minutes are final and cannot be changed. Corrections can only be recorded as an addendum.',
    MinutesNotFinalized: 'These minutes are not final yet: edit them; addenda are for final minutes only.',
    UnknownAgendaItem: 'This agenda item was not found in this meeting.',
    UnknownFollowUp: 'This follow-up action was not found in this meeting.',
    ImportUnreadable: (reason) => `The file cannot be read as a CSV or XLSX table. Details: ${reason}`,
    ImportMissingColumns: (columns) => `The file lacks required columns: ${columns}. Check its header row.`,
    UnknownComplaint: (trackingId) => `There is no complaint with ticket number ${trackingId} on this laptop.`,
    InvalidComplaintTransition: (trackingId, status, action) =>
      `Complaint ${trackingId} is ${status}, so it cannot be ${action}.`,
    ComplaintProofRequired: (trackingId) =>
      `Complaint ${trackingId} can be closed only with proof of completion: a photo, a video or an official letter.`,
    ImportHasProblems: (rows) =>
      `${rows} rows of the file have problems, so nothing was imported. Fix those rows, or choose to import without them.`,
    BundleUnreadable: (problem) => `The sync file cannot be read: ${problem} Nothing was imported.`,
    BundleTooNew: (producer) => `This file was made by ${producer}, a newer version. Update IKP Desk, then import it again.`,
    BundleRefused: (count, first) =>
      `The whole sync file was refused, nothing was imported: ${count} invalid records (${first}).`,
    NoTrustRoot:
      "This laptop is not enrolled with the Regent's office yet. First import the answer to this laptop's enrolment request.",
    TrustRootMismatch: (offered, pinned) =>
      `This file comes from another regency (fingerprint ${offered}); this laptop trusts ${pinned}.`,
    ExportTooLarge: (events, maxEvents) =>
      `${events.toLocaleString('en')} records are too many for one file (at most ${maxEvents.toLocaleString('en')}). Export since a later date, or for one laptop only.`,
    RootNotConfirmed: (fingerprint) =>
      `This file makes ${fingerprint} the trust root of this laptop. Compare that fingerprint with the Regent's office laptop, then confirm.`,
    UnknownBackup: (name) => `There is no backup ${name} in the backups folder.`,
    BackupDamaged: (name) =>
      `Backup ${name} is damaged or incomplete, so nothing was restored. Choose another backup, or call the IT office.`,
  },
  bundleProblems: {
    empty: 'the file is empty.',
    notABundle: 'this is not an IKP Desk sync file.',
    truncated: 'the file is cut short (an unfinished copy). Copy it again.',
    checksumMismatch: 'the file was damaged in transit. Ask for a new one.',
    tooLarge: 'the file or its content is over the size limit.',
    malformed: 'its content is not laid out as the format requires.',
    wrongPurpose: 'this is an enrolment request, not a data file.',
    changedSinceShown: 'the request file changed after it was shown. Open it again and compare the fingerprint.',
  },
  eventRefusals: {
    hashMismatch: 'its content was altered',
    unreadable: 'it cannot be read',
    badSignature: 'its signature is forged',
    unenrolled: "made by a laptop the Regent's office never enrolled",
    revoked: 'made after its laptop was revoked',
    notAuthorized: 'its author is not authorised',
    equivocation: 'its author signed two different records under one number',
  },
  inputProblems: {
    required: (field) => `${field} is required.`,
    tooLong: (field) => `${field} is too long.`,
    notAllowed: (field) => `${field}: this value is not allowed.`,
    notANumber: (field) => `${field} must be a number, for example 12 or 12,5.`,
    notADate: (field) => `${field} is not a valid date.`,
    inThePast: (field) => `${field} may not be before today.`,
    inTheFuture: (field) => `${field} may not be after today.`,
    duplicate: (field) => `${field} is already in the list; each entry must be different.`,
    wrongDirection: (field) =>
      `${field} goes the wrong way: when higher is better the target may not be below the baseline; when lower is better it may not be above it.`,

    negative: (field) => `${field} cannot be negative.`,
    outOfRange: (field) => `${field} is outside the allowed range.`,
    doesNotAddUp: (field) => `${field}: the parts do not add up to the total.`,
    conflicting: (field) => `${field} differs from another row that records the same item; only one can be right.`,
  },
  actionVerbs: {
    redraft: 'redrafted',
    issue: 'issued',
    amend: 'amended',
    report_progress: 'reported on',
    report_complete: 'reported complete',
    return_completion: 'returned',
    verify: 'verified',
    cancel: 'cancelled',
    negotiate_target: 'negotiated',
  },
  numberFormatProblems: {
    empty: () => 'The number format is required.',
    tooLong: () => 'The number format is too long (at most 60 characters).',
    notAllowedCharacter: () => 'The number format contains a character that is not allowed.',
    unbalancedBrace: () => 'Every “{” must be closed with “}”.',
    unknownPlaceholder: (placeholder) => `${placeholder} is not a known placeholder. Use one from the list below.`,
    missingSeq: () => 'The number format must contain {urut} (the sequence number).',
    missingYear: () => 'The number format must contain {tahun} (the year), because sequence numbers restart every year.',
  },
};
