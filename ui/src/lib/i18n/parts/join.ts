// Messages of joining a regency: a new laptop that knows no agency yet names its own in
// words (or leaves it), and the root grants the role and agency it chooses; the root's
// key backup and its refusals.
import type { RootKeyProblem } from '../../bindings';
export const id = {
  join: {
    agencyTyped: 'Perangkat daerah Anda',
    agencyTypedHint:
      'Laptop ini belum mengenal daftar perangkat daerah. Ketik nama perangkat daerah Anda, atau kosongkan: kantor Bupati yang menetapkannya saat menyetujui.',
    orDemo: 'Hanya ingin mencoba aplikasi?',
    grantTitle: 'Yang diberikan',
    grantRole: 'Peran',
    grantAgency: 'Perangkat daerah',
    grantAgencyNone: '— tanpa perangkat daerah —',
    claimedAgency: (text: string) => `Diminta: "${text}"`,
  },
  rootConfirm: {
    title: 'Percayai kantor Bupati ini?',
    intro:
      'Berkas ini menjadikan sebuah kunci sebagai laptop induk bagi laptop ini: setelahnya laptop ini hanya mengikuti kunci itu. Siapa pun dapat membuat berkas jawaban palsu, jadi cocokkan dulu kode pengenalnya.',
    file: (name: string) => `Berkas: ${name}`,
    fingerprint: 'Kode pengenal laptop induk',
    where:
      'Bandingkan dengan kode pengenal pada halaman Sinkronisasi di laptop kantor Bupati (atau tanyakan langsung lewat telepon). Setiap huruf dan angka harus sama.',
    same: 'Sama — percayai dan impor',
    different: 'Berbeda — jangan impor',
    dismissed: 'Berkas tidak diimpor dan laptop ini tidak mempercayai kunci itu. Minta berkas jawaban langsung dari kantor Bupati.',
  },
  rootBackup: {
    title: 'Cadangan kunci akar',
    intro:
      'Semua laptop mengikuti kunci laptop ini. Simpan cadangannya, terkunci kata sandi, di tempat aman di luar laptop (mis. flashdisk di brankas kantor): bila laptop ini hilang, kunci dipulihkan di laptop baru.',
    passphrase: 'Kata sandi (minimal 12 karakter)',
    repeat: 'Ulangi kata sandi',
    mismatch: 'Kedua kata sandi tidak sama.',
    save: 'Simpan cadangan…',
    saved: (path: string) => `Cadangan tersimpan di ${path}.`,
    currentRoot: 'Laptop induk sekarang',
    handOverTitle: 'Serah terima laptop induk',
    handOverIntro:
      'Saat Bupati berganti: masukkan kunci perangkat laptop Bupati yang baru (tertera di halaman Sinkronisasi laptop itu). Setelah serah terima, laptop ini tidak lagi dapat mendaftarkan atau mencabut laptop.',
    successor: 'Kunci perangkat laptop penerus (64 karakter)',
    handOverReason: 'Keterangan (mis. pelantikan Bupati baru)',
    handOverConfirm: 'Saya mengerti: laptop ini berhenti menjadi laptop induk.',
    handOver: 'Serahkan',
    since: (when: string) => `sejak serah terima ${when}`,
  },
  rootKeyProblems: {
    passphraseTooShort: 'Kata sandi cadangan kunci akar minimal 12 karakter.',
    notABackup: 'Berkas ini bukan cadangan kunci akar IKP Desk.',
    damaged: 'Berkas cadangan kunci akar rusak atau terpotong. Gunakan salinan lain.',
    wrongPassphrase: 'Kata sandi tidak cocok dengan cadangan kunci akar ini. Tidak ada yang diubah.',
    notTheRoot: 'Hanya laptop induk (kantor Bupati) yang dapat mencadangkan kunci akar.',
    keyAlreadyHere: 'Laptop ini sudah memiliki kunci perangkat; pemulihan tidak pernah menimpanya.',
    awaitingHistory:
      'Kunci akar yang dipulihkan belum dapat menandatangani: impor dulu berkas .ikp terbaru dari laptop lain yang terdaftar.',
  } satisfies Record<RootKeyProblem, string>,
};

export const en: typeof id = {
  join: {
    agencyTyped: 'Your agency',
    agencyTypedHint:
      "This laptop does not know the agency list yet. Type your agency's name, or leave it empty: the Regent's office sets it when approving.",
    orDemo: 'Only trying the app?',
    grantTitle: 'Granted',
    grantRole: 'Role',
    grantAgency: 'Agency',
    grantAgencyNone: '— no agency —',
    claimedAgency: (text) => `Asked for: "${text}"`,
  },
  rootConfirm: {
    title: "Trust this Regent's office?",
    intro:
      'This file makes a key the trust root of this laptop: from then on the laptop follows only that key. Anyone can make a forged answer file, so compare its fingerprint first.',
    file: (name) => `File: ${name}`,
    fingerprint: 'Trust root fingerprint',
    where:
      "Compare it with the fingerprint on the Sync page of the Regent's office laptop (or ask over the telephone). Every letter and digit must match.",
    same: 'Same — trust and import',
    different: 'Different — do not import',
    dismissed: "The file was not imported and this laptop does not trust that key. Ask the Regent's office for the answer file directly.",
  },
  rootBackup: {
    title: 'Root key backup',
    intro:
      "Every laptop follows this laptop's key. Keep a passphrase-protected backup somewhere safe away from it (e.g. a USB stick in the office safe): if this laptop is lost, the key is restored on a new one.",
    passphrase: 'Passphrase (at least 12 characters)',
    repeat: 'Repeat the passphrase',
    mismatch: 'The two passphrases differ.',
    save: 'Save backup…',
    saved: (path) => `Backup saved to ${path}.`,
    currentRoot: 'Trust root now',
    handOverTitle: 'Hand over the trust root',
    handOverIntro:
      "When the Regent changes: enter the device key of the new Regent's laptop (shown on that laptop's Sync page). After the handover this laptop can no longer enrol or revoke laptops.",
    successor: "Successor laptop's device key (64 characters)",
    handOverReason: 'Note (e.g. the new Regent sworn in)',
    handOverConfirm: 'I understand: this laptop stops being the trust root.',
    handOver: 'Hand over',
    since: (when) => `since the handover on ${when}`,
  },
  rootKeyProblems: {
    passphraseTooShort: 'The root key backup passphrase needs at least 12 characters.',
    notABackup: 'This file is not an IKP Desk root key backup.',
    damaged: 'The root key backup is damaged or cut short. Use another copy.',
    wrongPassphrase: 'The passphrase does not open this root key backup. Nothing was changed.',
    notTheRoot: "Only the trust root's laptop (the Regent's office) can back up the root key.",
    keyAlreadyHere: 'This laptop already has a device key; a restore never replaces one.',
    awaitingHistory: 'The restored root key cannot sign yet: first import the latest .ikp file from an enrolled laptop.',
  },
};
