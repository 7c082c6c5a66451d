// The terms the screens and the notulen both say, from the one file both read
// (`terms.json`; the core compiles it in for the DOCX and PDF): a decision's outcome, an
// attendee's presence, a draft, a complaint's status and classification (the CSV export),
// an instruction's and a request's status (the period report).

import type { Classification, ComplaintStatus, NegotiationStatus, Outcome, Presence, Standing, Status } from '../bindings';
import terms from './terms.json';

type Language = 'id' | 'en';

function pick<K extends string>(table: Record<K, Record<Language, string>>, language: Language): Record<K, string> {
  return Object.fromEntries(Object.entries<Record<Language, string>>(table).map(([key, words]) => [key, words[language]])) as Record<
    K,
    string
  >;
}

export function termsIn(language: Language) {
  return {
    presence: pick<Presence>(terms.presence, language),
    outcome: pick<Outcome>(terms.outcome, language),
    draft: terms.draft[language],
    complaintStatus: pick<ComplaintStatus>(terms.complaintStatus, language),
    classification: pick<Classification>(terms.classification, language),
    instructionStatus: pick<Status>(terms.instructionStatus, language),
    instructionStanding: pick<Standing>(terms.instructionStanding, language),
    negotiationStatus: pick<NegotiationStatus>(terms.negotiationStatus, language),
  };
}
