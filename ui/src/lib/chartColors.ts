// Kept apart from charts.ts so pages can build chart options without loading ECharts.

/** The palette of app.css, so charts match the screens they sit on. */
export const CHART_COLORS = {
  plan: '#94a3b8',
  actual: '#1d4ed8',
  physical: '#0f766e',
  warning: '#b45309',
  target: '#b91c1c',
  bar: '#2563eb',
  text: '#334155',
} as const;

