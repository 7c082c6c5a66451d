// Messages of the app's own date field: days are typed and shown day first
// (hh/bb/tttt), whatever the operating system's locale, with the day's name beside.

export const id = {
  dateField: {
    placeholder: 'hh/bb/tttt',
    dayNames: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
    unreadable: 'Tanggal tidak dikenali: tulis hari/bulan/tahun, misalnya 31/12/2026.',
  },
};

export const en: typeof id = {
  dateField: {
    placeholder: 'dd/mm/yyyy',
    dayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    unreadable: 'Date not recognised: write day/month/year, e.g. 31/12/2026.',
  },
};
