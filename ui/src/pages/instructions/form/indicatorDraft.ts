// One indicator as the issue form holds it while it is typed: strings as typed, the
// core parses and checks them when the form is sent.
import type { Direction } from '../../../lib/bindings';
import { t } from '../../../lib/i18n';

export type IndicatorDraft = {
  key: number;
  agencyCode: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  direction: Direction;
  /** Empty unless the indicator has a deadline of its own. */
  ownDeadline: boolean;
  deadline: string;
  /** "budget": the value is the agency's budget absorption, computed by the core. */
  source: 'manual' | 'budget';
};

let nextKey = 1;

/** A key that tells indicators apart in the form, never sent. */
export function newKey(): number {
  return nextKey++;
}

export function blankIndicator(agencyCode: string): IndicatorDraft {
  return {
    key: newKey(),
    agencyCode,
    name: '',
    unit: '',
    baseline: '',
    target: '',
    direction: 'higher_is_better',
    ownDeadline: false,
    deadline: '',
    source: 'manual',
  };
}

/** The fiscal year an absorption indicator follows: the year of its deadline. */
export function fiscalYearOf(indicator: IndicatorDraft, instructionDeadline: string, today: string): number {
  const day = indicator.ownDeadline && indicator.deadline.trim() !== '' ? indicator.deadline : instructionDeadline;
  return Number(day.slice(0, 4)) || Number(today.slice(0, 4));
}

/** Budget absorption is a rising percentage: fill what the user has not typed. */
export function fillBudgetSource(indicator: IndicatorDraft, agencyShortName: string, fiscalYear: number): void {
  if (indicator.source !== 'budget') return;
  indicator.unit = '%';
  indicator.direction = 'higher_is_better';
  if (indicator.baseline.trim() === '') indicator.baseline = '0';
  if (indicator.target.trim() === '') indicator.target = '90';
  if (indicator.name.trim() === '') indicator.name = t().form.indicatorBudgetName(agencyShortName, fiscalYear);
}
