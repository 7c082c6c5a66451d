// Words, tones and chart geometry for the complaint screens. The core decides status,
// deadlines, overdue and the rates; this only presents them.
import type { ComplaintStatus, GroupFigures } from './bindings';
import { CHART_COLORS } from './chartColors';
import type { ChartOption } from './charts';
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

/** Follow-up rate per agency as sorted bars, overdue counts in the label. */
export function followUpOption(groups: readonly GroupFigures[]): ChartOption {
  // ECharts draws the first category at the bottom: best first, so the laggards are on top.
  const rows = [...groups]
    .filter((group) => group.disposed > 0)
    .sort((a, b) => b.followUpPermille - a.followUpPermille || a.overdue - b.overdue);
  return {
    animation: false,
    grid: { left: 150, right: 160, top: 16, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((group) => group.name), axisLabel: { fontSize: 11, width: 140, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        data: rows.map((group) => ({
          value: group.followUpPermille / 10,
          itemStyle: { color: group.overdue > 0 ? CHART_COLORS.warning : CHART_COLORS.bar },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 11,
          formatter: (params: { dataIndex: number }) => {
            const group = rows[params.dataIndex];
            if (group === undefined) return '';
            return group.overdue > 0
              ? t().complaintsPage.barLabelOverdue(formatPermille(group.followUpPermille), group.overdue)
              : formatPermille(group.followUpPermille);
          },
        },
      },
    ],
  };
}

export function followUpHeight(groups: readonly GroupFigures[]): number {
  return Math.max(200, 40 + groups.filter((group) => group.disposed > 0).length * 20);
}
