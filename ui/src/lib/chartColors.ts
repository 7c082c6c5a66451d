// The palette the charts draw with (charts.ts).

/**
 * The palette of app.css, so charts match the screens they sit on. Every line and bar
 * stands out from the white chart at 3:1 or more (WCAG 1.4.11): plan 3.5, warning 5.0,
 * bar 5.2, physical 5.5, target 6.5, actual 6.7; text 10.4.
 */
export const CHART_COLORS = {
  plan: '#7c8a9e',
  actual: '#1d4ed8',
  physical: '#0f766e',
  warning: '#b45309',
  target: '#b91c1c',
  bar: '#2563eb',
  text: '#334155',
} as const;

