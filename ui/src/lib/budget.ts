// What the budget screens draw, built from the core's figures. Nothing here computes
// absorption, deviation or projection: the core does; this picks words, colours and
// chart geometry. Percentages are drawn from permille and labelled with the same
// exact text the tables show.
import type { AbsorptionCurve, AgencyAbsorption, BudgetStage, ProjectionMethod } from './bindings';
import type { ChartOption } from './charts';
import { CHART_COLORS } from './chartColors';
import { formatPermille, t } from './i18n';

const percentOf = (permille: number): number => permille / 10;

/** Plan vs actual (and physical progress, when reported) by month, with the target line. */
export function sCurveOption(curve: AbsorptionCurve, targetPermille: number): ChartOption {
  const messages = t();
  const months = curve.months.map((point) => messages.monthShort[point.month - 1] ?? String(point.month));
  const actual = curve.months.filter((point) => !point.future);
  const lastActual = actual.length - 1;
  const physical = curve.months.map((point) =>
    point.physicalPercent === null ? null : Number(point.physicalPercent),
  );
  const hasPhysical = physical.some((value) => value !== null);
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { color: CHART_COLORS.text } },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value}%` : '–') },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: messages.budgetPage.seriesPlan,
        type: 'line',
        data: curve.months.map((point) => percentOf(point.planPermille)),
        lineStyle: { type: 'dashed', color: CHART_COLORS.plan },
        itemStyle: { color: CHART_COLORS.plan },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: CHART_COLORS.target },
          label: { formatter: messages.budgetPage.targetLine(formatPermille(targetPermille)), position: 'insideEndTop' },
          data: [{ yAxis: percentOf(targetPermille) }],
        },
      },
      {
        name: messages.budgetPage.seriesActual,
        type: 'line',
        data: actual.map((point, index) => ({
          value: percentOf(point.actualPermille),
          label: {
            show: index === lastActual,
            position: 'top',
            fontWeight: 'bold',
            formatter: formatPermille(point.actualPermille),
          },
        })),
        lineStyle: { width: 3, color: curve.warning ? CHART_COLORS.warning : CHART_COLORS.actual },
        itemStyle: { color: curve.warning ? CHART_COLORS.warning : CHART_COLORS.actual },
      },
      ...(hasPhysical
        ? [
            {
              name: messages.budgetPage.seriesPhysical,
              type: 'line',
              data: physical,
              connectNulls: true,
              lineStyle: { color: CHART_COLORS.physical },
              itemStyle: { color: CHART_COLORS.physical },
            },
          ]
        : []),
    ],
  };
}

/** Absorption across agencies as sorted bars (highest on top), with the target line. */
export function rankingOption(agencies: readonly AgencyAbsorption[], targetPermille: number): ChartOption {
  const messages = t();
  // ECharts draws the first category at the bottom: reverse so the best is on top.
  const rows = [...agencies].reverse();
  return {
    animation: false,
    grid: { left: 110, right: 64, top: 24, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((agency) => agency.shortName), axisLabel: { fontSize: 11 } },
    series: [
      {
        name: messages.budgetPage.seriesActual,
        type: 'bar',
        barMaxWidth: 16,
        data: rows.map((agency) => ({
          value: percentOf(agency.absorptionPermille),
          itemStyle: { color: agency.warning ? CHART_COLORS.warning : CHART_COLORS.bar },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 11,
          formatter: (params: { dataIndex: number }) => formatPermille(rows[params.dataIndex]?.absorptionPermille ?? 0),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: CHART_COLORS.target },
          label: { formatter: messages.budgetPage.targetLine(formatPermille(targetPermille)), position: 'end' },
          data: [{ xAxis: percentOf(targetPermille) }],
        },
      },
    ],
  };
}

/** The height the ranking needs to show every agency's name legibly. */
export function rankingHeight(count: number): number {
  return Math.max(240, 48 + count * 22);
}

export function stageLabel(stage: BudgetStage): string {
  return t().budgetPage.stages[stage];
}

/** How the year-end projection was made, in a sentence a reader can check. */
export function projectionExplanation(curve: AbsorptionCurve): string {
  const messages = t().budgetPage;
  const projection = curve.projection;
  const method: ProjectionMethod = projection.method;
  const months = t().monthNames;
  switch (method) {
    case 'recent_pace':
      return messages.projectionRecentPace(
        months[projection.basisFirstMonth - 1] ?? '',
        months[projection.basisLastMonth - 1] ?? '',
        formatPermille(projection.pacePermille),
      );
    case 'plan_as_is':
      return messages.projectionPlanAsIs;
    case 'daily_average':
      return messages.projectionDailyAverage;
    case 'final':
      return messages.projectionFinal;
  }
}
