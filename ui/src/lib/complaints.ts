// Words, tones and chart geometry for the complaint screens. The core decides status,
// deadlines, overdue and the rates; this only presents them.
import type { ComplaintStatus, GroupFigures } from './bindings';
import { CHART_COLORS } from './chartColors';
import type { BarChart } from './charts';
import { formatPermille, t } from './i18n';
import type { Tone } from './instructions';

export function complaintStatusTone(status: ComplaintStatus): Tone {
  switch (status) {
    case 'unverified':
      return 'warning';
    case 'disposed':
    case 'in_progress':
      return 'info';
    case 'completed':
      return 'success';
    case 'on_hold':
    case 'out_of_scope':
    case 'archived':
      return 'neutral';
  }
}

/** Mean response time in days, from tenths of a day: 23 → "2,3 hari". */
export function responseDays(tenths: number | null): string {
  if (tenths === null) return '–';
  return t().complaintsPage.days(`${Math.floor(tenths / 10)},${tenths % 10}`);
}

/** Follow-up rate per agency as bars, the laggards on top, overdue counts in the label. */
export function followUpSpec(groups: readonly GroupFigures[]): BarChart {
  const rows = [...groups]
    .filter((group) => group.disposed > 0)
    .sort((a, b) => a.followUpPermille - b.followUpPermille || b.overdue - a.overdue);
  return {
    kind: 'bar',
    labelWidth: 150,
    valueWidth: 160,
    rows: rows.map((group) => ({
      label: group.name,
      percent: group.followUpPermille / 10,
      color: group.overdue > 0 ? CHART_COLORS.warning : CHART_COLORS.bar,
      valueLabel:
        group.overdue > 0
          ? t().complaintsPage.barLabelOverdue(formatPermille(group.followUpPermille), group.overdue)
          : formatPermille(group.followUpPermille),
    })),
  };
}

export function followUpHeight(groups: readonly GroupFigures[]): number {
  return Math.max(200, 40 + groups.filter((group) => group.disposed > 0).length * 20);
}
