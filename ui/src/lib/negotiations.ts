// Presentation helpers of the dialog kinerja screens: words, tones and choices of what
// to show for what the core returns. No business rule is decided here; the core says
// what a request's status is, what the effective target is and who may decide.
import type { DecisionView, NegotiationStatus, NegotiationView, Outcome } from './bindings';
import type { Tone } from './instructions';

export function negotiationTone(status: NegotiationStatus): Tone {
  switch (status) {
    case 'pending':
      return 'warning';
    case 'approved':
      return 'success';
    case 'countered':
      return 'info';
    case 'rejected':
      return 'danger';
    case 'withdrawn':
      return 'neutral';
  }
}

export function outcomeTone(outcome: Outcome): Tone {
  switch (outcome) {
    case 'approve':
      return 'success';
    case 'counter':
      return 'info';
    case 'reject':
      return 'danger';
  }
}

/** A request for a later deadline only: which way the number moves does not apply. */
export function asksTarget(view: Pick<NegotiationView, 'proposedTarget'>): boolean {
  return view.proposedTarget !== null;
}

/** The decision that stands on a request (at most one does), if any. */
export function standingDecision(view: NegotiationView): DecisionView | null {
  return view.decisions.find((decision) => decision.standing) ?? null;
}

/** The most recent decision, standing or not (an undone one shows what was taken back). */
export function lastDecision(view: NegotiationView): DecisionView | null {
  return view.decisions[view.decisions.length - 1] ?? null;
}
