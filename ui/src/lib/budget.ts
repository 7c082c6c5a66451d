// What the budget screens draw, built from the core's figures. Nothing here computes
// absorption, deviation or projection: the core does; this picks words, colours and
// chart geometry. Percentages are drawn from permille and labelled with the same
// exact text the tables show.
import type { AbsorptionCurve, AgencyAbsorption, BudgetStage, ProjectionMethod } from './bindings';
import type { BarChart, LineChart, LineSeries } from './charts';
import { CHART_COLORS } from './chartColors';
import { formatPermille, t } from './i18n';

const percentOf = (permille: number): number => permille / 10;

/** Plan vs actual (and physical progress, when reported) by month, with the target line. */
export function sCurveSpec(curve: AbsorptionCurve, targetPermille: number): LineChart {
  const messages = t();
  const months = curve.months.map((point) => messages.monthShort[point.month - 1] ?? String(point.month));
  const physical = curve.months.map((point) =>
    point.physicalPercent === null ? null : Number(point.physicalPercent),
  );
  const actual = curve.months.filter((point) => !point.future);
  const latest = actual[actual.length - 1];
  const actualColor = curve.warning ? CHART_COLORS.warning : CHART_COLORS.actual;
  const series: LineSeries[] = [
    {
      name: messages.budgetPage.seriesPlan,
      values: curve.months.map((point) => percentOf(point.planPermille)),
      color: CHART_COLORS.plan,
      dashed: true,
    },
    {
      name: messages.budgetPage.seriesActual,
      values: curve.months.map((point) => (point.future ? null : percentOf(point.actualPermille))),
      color: actualColor,
      width: 3,
      lastLabel: latest === undefined ? undefined : formatPermille(latest.actualPermille),
    },
  ];
  if (physical.some((value) => value !== null)) {
    series.push({ name: messages.budgetPage.seriesPhysical, values: physical, color: CHART_COLORS.physical });
  }
  return {
    kind: 'line',
    categories: months,
    series,
    target: { percent: percentOf(targetPermille), label: messages.budgetPage.targetLine(formatPermille(targetPermille)) },
  };
}

/** Absorption across agencies as bars in the order given (highest first), with the target line. */
export function rankingSpec(agencies: readonly AgencyAbsorption[], targetPermille: number): BarChart {
  return {
    kind: 'bar',
    labelWidth: 110,
    valueWidth: 64,
    rows: agencies.map((agency) => ({
      label: agency.shortName,
      percent: percentOf(agency.absorptionPermille),
      color: agency.warning ? CHART_COLORS.warning : CHART_COLORS.bar,
      valueLabel: formatPermille(agency.absorptionPermille),
    })),
    target: { percent: percentOf(targetPermille), label: t().budgetPage.targetLine(formatPermille(targetPermille)) },
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
