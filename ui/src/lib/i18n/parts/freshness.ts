// Messages of how current each agency's data is (Sinkronisasi page and the dashboard):
// a late file is said as a fact with its date, never as the agency failing.

export const id = {
  freshness: {
    title: 'Kemutakhiran data perangkat daerah',
    intro: (days: number) =>
      `Data setiap perangkat daerah berlaku per kejadian terakhir atau berkas terakhir yang diterima dari laptopnya. Data yang lebih lama dari ${days} hari ditandai belum diperbarui; periksa pengiriman berkasnya sebelum menilai kinerjanya.`,
    dashIntro: (days: number) =>
      `Perangkat daerah yang datanya di laptop ini lebih lama dari ${days} hari. Capaiannya di rapim dinilai dari data per tanggal itu.`,
    allCurrent: 'Data semua perangkat daerah yang memakai laptop sendiri sudah mutakhir.',
    colAgency: 'Perangkat daerah',
    colState: 'Keadaan',
    colAsOf: 'Data per',
    colReceived: 'Berkas terakhir diterima',
    colLaptops: 'Laptop',
    current: 'Mutakhir',
    stale: (since: string) => `Data belum diperbarui sejak ${since}`,
    nothingYet: 'Belum ada berkas yang diterima',
    noLaptop: 'Dikelola Sekretariat',
    revoked: 'dicabut',
    never: '–',
  },
};

export const en: typeof id = {
  freshness: {
    title: "How current each agency's data is",
    intro: (days) =>
      `Each agency's data is as of the last event or the last file received from its laptops. Data older than ${days} days is marked as not updated; check how its files travel before judging its performance.`,
    dashIntro: (days) =>
      `Agencies whose data on this laptop is older than ${days} days. In the rapim their achievement is judged on data as of that date.`,
    allCurrent: 'The data of every agency with its own laptop is current.',
    colAgency: 'Agency',
    colState: 'State',
    colAsOf: 'Data as of',
    colReceived: 'Last file received',
    colLaptops: 'Laptops',
    current: 'Current',
    stale: (since) => `Not updated since ${since}`,
    nothingYet: 'No file received yet',
    noLaptop: 'Kept by the Secretariat',
    revoked: 'revoked',
    never: '–',
  },
};
