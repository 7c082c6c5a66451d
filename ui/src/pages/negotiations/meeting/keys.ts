// Meeting mode's keys. Each decision has the key of its Indonesian word and the key of
// its English one (Setujui/Approve, Tolak/Reject, Ubah target/Counter), and both work
// whichever language is shown, so a chair who learnt one set is never surprised; the
// buttons show the set of the language on screen (`t().meeting.keys`).

export type MeetingCommand =
  | 'approve'
  | 'reject'
  | 'approveWithNote'
  | 'rejectWithNote'
  | 'counter'
  | 'undo'
  | 'notes'
  | 'next'
  | 'previous'
  | 'first'
  | 'last';

const KEYS: Record<string, MeetingCommand> = {
  s: 'approve',
  a: 'approve',
  t: 'reject',
  r: 'reject',
  u: 'counter',
  c: 'counter',
  z: 'undo',
  // Catatan / notes: the same letter in both languages.
  n: 'notes',
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Home: 'first',
  End: 'last',
};

/** Shift with a decision's key opens its note first: a rejection with its reason. */
const WITH_NOTE: Partial<Record<MeetingCommand, MeetingCommand>> = {
  approve: 'approveWithNote',
  reject: 'rejectWithNote',
};

/** The command of a key press, or null if it is none of ours (Ctrl+Z undoes as everywhere). */
export function commandOf(event: KeyboardEvent): MeetingCommand | null {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.altKey || event.metaKey || (event.ctrlKey && key !== 'z')) return null;
  if (!Object.prototype.hasOwnProperty.call(KEYS, key)) return null;
  const command = KEYS[key];
  return event.shiftKey && event.key.length === 1 ? (WITH_NOTE[command] ?? command) : command;
}

/** A key press's time, for the measure: the event's own stamp when the clock is the same. */
export function pressedAt(event: KeyboardEvent): number {
  const now = performance.now();
  return event.timeStamp > 0 && event.timeStamp <= now && now - event.timeStamp < 1000 ? event.timeStamp : now;
}
