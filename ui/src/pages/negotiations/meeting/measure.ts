// Meeting mode measures itself (performance.measure) for the meeting-mode benchmark:
// ikp:queue-open from the navigation to the rendered queue, ikp:decision from the key
// press to the updated screen, and the command alone in each (…-command); each also
// once the frame with the change has been painted (…-painted).

/** When opening started: the sidebar click's mark, else now. */
export function openStart(): number {
  const marks = performance.getEntriesByName('ikp:go:negotiations', 'mark');
  const mark = marks[marks.length - 1];
  performance.clearMarks('ikp:go:negotiations');
  return mark?.startTime ?? performance.now();
}

/** Records `name` from `start` to now… */
export function measure(name: string, start: number): void {
  const end = performance.now();
  performance.measure(name, { start, end });
  // …and once the frame with the change has been painted.
  requestAnimationFrame(() => setTimeout(() => performance.measure(`${name}-painted`, { start, end: performance.now() })));
}
