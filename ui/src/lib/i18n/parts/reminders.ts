// Messages of the reminders shown when the app opens: this week's deadlines, overdue
// instructions, requests waiting for a decision, complaints at their time limit.

export const id = {
  reminders: {
    title: 'Pengingat hari ini',
    notificationTitle: 'IKP Desk — pengingat hari ini',
    dismiss: (what: string) => `Tutup pengingat: ${what}`,
    deadlinesThisWeek: (count: number) => `${count} instruksi bertenggat dalam 7 hari ke depan`,
    overdue: (count: number) => `${count} instruksi melewati tenggat`,
    decisionsWaiting: (count: number) => `${count} permohonan perubahan target menunggu keputusan`,
    complaintsAtLimit: (near: number, overdue: number) =>
      [near > 0 ? `${near} pengaduan mendekati batas waktu` : '', overdue > 0 ? `${overdue} pengaduan melewati batas waktu` : '']
        .filter((part) => part !== '')
        .join(', '),
    daysLeft: (days: number) => (days === 0 ? 'hari ini' : days > 0 ? `${days} hari lagi` : `terlambat ${-days} hari`),
    more: (count: number) => `dan ${count} lainnya`,
  },
};

export const en: typeof id = {
  reminders: {
    title: "Today's reminders",
    notificationTitle: 'IKP Desk — today’s reminders',
    dismiss: (what) => `Dismiss reminder: ${what}`,
    deadlinesThisWeek: (count) => `${count} instruction${count === 1 ? '' : 's'} due within the next 7 days`,
    overdue: (count) => `${count} instruction${count === 1 ? '' : 's'} past the deadline`,
    decisionsWaiting: (count) => `${count} target change request${count === 1 ? '' : 's'} waiting for a decision`,
    complaintsAtLimit: (near, overdue) =>
      [near > 0 ? `${near} complaint${near === 1 ? '' : 's'} near the time limit` : '', overdue > 0 ? `${overdue} past it` : '']
        .filter((part) => part !== '')
        .join(', '),
    daysLeft: (days) => (days === 0 ? 'today' : days > 0 ? `${days} days left` : `${-days} days late`),
    more: (count) => `and ${count} more`,
  },
};
