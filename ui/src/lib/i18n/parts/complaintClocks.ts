// Messages of the two complaint clocks: the first response (from disposition to the
// first follow-up) beside the completion deadline.
export const id = {
  complaintClocks: {
    colResponseOverdue: 'Belum direspons',
    responseDue: 'Respons pertama paling lambat',
    responseLate: 'belum ada tindak lanjut pertama',
  },
};
export const en: typeof id = {
  complaintClocks: {
    colResponseOverdue: 'No first response',
    responseDue: 'First response due',
    responseLate: 'no first follow-up yet',
  },
};
