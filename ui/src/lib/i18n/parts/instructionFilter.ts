// Filters of the instruction list.

import type { Status } from '../../bindings';

export const id = {
  filter: {
    category: 'Kategori',
    agency: 'Perangkat daerah',
    status: 'Status',
    allCategories: 'Semua kategori',
    allAgencies: 'Semua perangkat daerah',
    allStatuses: 'Semua status',
    overdue: 'Hanya yang lewat tenggat',
    reset: 'Hapus saringan',
  },
};

export const en: typeof id = {
  filter: {
    category: 'Category',
    agency: 'Agency',
    status: 'Status',
    allCategories: 'All categories',
    allAgencies: 'All agencies',
    allStatuses: 'All statuses',
    overdue: 'Overdue only',
    reset: 'Clear filters',
  },
};
