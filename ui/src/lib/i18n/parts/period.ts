// Choosing a reporting period (the complaint summary and its export).

export const id = {
  period: {
    label: 'Periode',
    kinds: { all: 'Semua waktu', year: 'Tahun', quarter: 'Triwulan', month: 'Bulan' },
    year: 'Tahun',
    quarter: 'Triwulan',
    month: 'Bulan',
    quarterName: (quarter: number) => `Triwulan ${['I', 'II', 'III', 'IV'][quarter - 1] ?? quarter}`,
  },
};

export const en: typeof id = {
  period: {
    label: 'Period',
    kinds: { all: 'All time', year: 'Year', quarter: 'Quarter', month: 'Month' },
    year: 'Year',
    quarter: 'Quarter',
    month: 'Month',
    quarterName: (quarter) => `Q${quarter}`,
  },
};
