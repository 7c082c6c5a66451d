// Messages of joining a regency: a new laptop that knows no agency yet names its own in
// words (or leaves it), and the root grants the role and agency it chooses.
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
};
