// The budget and complaint charts, drawn by the app itself as plain SVG: a percentage
// axis, lines by month or bars by agency, and a target line. The labels are real text
// in the DOM (read by screen readers and tests), and the same drawing exports as SVG
// for the minutes or, rasterised here, as PNG. ECharts drew these before: its 560 kB
// module and the objects it kept cost the web process memory on every visit of the
// budget and complaint pages (issue 20, decision 0019), for two shapes this file draws.
import { CHART_COLORS } from './chartColors';

/** A level marked across the chart (the absorption target), in percent. */
export interface TargetLine {
  percent: number;
  label: string;
}

export interface LineSeries {
  name: string;
  /** Percent by category; null where there is no figure (a month still to come). */
  values: readonly (number | null)[];
  color: string;
  dashed?: boolean;
  width?: number;
  /** Written above the series' last point (the latest actual figure). */
  lastLabel?: string;
}

/** Lines over categories (months), with a legend. */
export interface LineChart {
  kind: 'line';
  categories: readonly string[];
  series: readonly LineSeries[];
  target?: TargetLine;
}

export interface BarRow {
  label: string;
  percent: number;
  color: string;
  /** Written at the end of the bar. */
  valueLabel: string;
}

/** Horizontal bars, one per row, drawn top to bottom in the order given. */
export interface BarChart {
  kind: 'bar';
  rows: readonly BarRow[];
  target?: TargetLine;
  /** Room for the row names at the left and the value labels at the right (px). */
  labelWidth: number;
  valueWidth: number;
}

export type ChartSpec = LineChart | BarChart;

/** One thing to draw; the chart component renders these as SVG elements. */
export type Shape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: string }
  | { kind: 'path'; d: string; stroke: string; width: number; dash?: string }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; title: string }
  | { kind: 'dot'; x: number; y: number; fill: string; title: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      anchor: 'start' | 'middle' | 'end';
      size: number;
      bold?: boolean;
      fill: string;
      title?: string;
    };

const GRID = '#e2e8f0';
const DASH = '6 4';
const TICKS = [0, 20, 40, 60, 80, 100];
const FONT_SIZE = 12;
const SMALL = 11;

/** The shapes of `spec` drawn `width` × `height` pixels. */
export function draw(spec: ChartSpec, width: number, height: number): Shape[] {
  return spec.kind === 'line' ? drawLines(spec, width, height) : drawBars(spec, width, height);
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

function drawLines(spec: LineChart, width: number, height: number): Shape[] {
  const plot: Plot = { left: 48, top: 40, width: Math.max(width - 48 - 24, 1), height: Math.max(height - 40 - 32, 1) };
  const y = (percent: number): number => plot.top + plot.height * (1 - clampPercent(percent) / 100);
  const steps = Math.max(spec.categories.length - 1, 1);
  const x = (index: number): number => plot.left + (plot.width * index) / steps;
  const shapes: Shape[] = [...legend(spec.series, width)];
  for (const tick of TICKS) {
    shapes.push({ kind: 'line', x1: plot.left, y1: y(tick), x2: plot.left + plot.width, y2: y(tick), stroke: GRID, width: 1 });
    shapes.push(axisText(plot.left - 8, y(tick) + 4, `${tick}%`, 'end'));
  }
  spec.categories.forEach((category, index) => {
    shapes.push(axisText(x(index), plot.top + plot.height + 20, category, 'middle'));
  });
  if (spec.target) shapes.push(...targetAcross(spec.target, plot, y(spec.target.percent)));
  for (const series of spec.series) {
    const points = series.values.flatMap((value, index) => (value === null ? [] : [{ index, value }]));
    if (points.length === 0) continue;
    // Points without a figure between two with one are joined over, as a reader expects
    // of a cumulative curve with a month unreported.
    const d = points.map((point, at) => `${at === 0 ? 'M' : 'L'}${round(x(point.index))},${round(y(point.value))}`).join(' ');
    shapes.push({ kind: 'path', d, stroke: series.color, width: series.width ?? 2, dash: series.dashed ? DASH : undefined });
    for (const point of points) {
      const title = `${series.name} ${spec.categories[point.index] ?? ''}: ${point.value}%`;
      shapes.push({ kind: 'dot', x: x(point.index), y: y(point.value), fill: series.color, title });
    }
    const last = points[points.length - 1];
    if (series.lastLabel !== undefined && last !== undefined) {
      shapes.push({
        kind: 'text',
        x: x(last.index),
        y: y(last.value) - 10,
        text: series.lastLabel,
        anchor: 'middle',
        size: FONT_SIZE,
        bold: true,
        fill: series.color,
      });
    }
  }
  return shapes;
}

/** The series' names across the top, centred, each after a sample of its line. */
function legend(series: readonly LineSeries[], width: number): Shape[] {
  const sample = 24;
  const items = series.map((item) => ({ item, width: sample + 6 + textWidth(item.name, FONT_SIZE) + 16 }));
  let x = Math.max((width - items.reduce((sum, entry) => sum + entry.width, 0)) / 2, 0);
  const shapes: Shape[] = [];
  for (const { item, width: itemWidth } of items) {
    const dash = item.dashed ? DASH : undefined;
    shapes.push({ kind: 'line', x1: x, y1: 12, x2: x + sample, y2: 12, stroke: item.color, width: item.width ?? 2, dash });
    shapes.push({ kind: 'text', x: x + sample + 6, y: 16, text: item.name, anchor: 'start', size: FONT_SIZE, fill: CHART_COLORS.text });
    x += itemWidth;
  }
  return shapes;
}

/** A horizontal target line with its label above its right end. */
function targetAcross(target: TargetLine, plot: Plot, y: number): Shape[] {
  const right = plot.left + plot.width;
  return [
    { kind: 'line', x1: plot.left, y1: y, x2: right, y2: y, stroke: CHART_COLORS.target, width: 1.5, dash: DASH },
    { kind: 'text', x: right, y: y - 6, text: target.label, anchor: 'end', size: SMALL, fill: CHART_COLORS.target },
  ];
}

function drawBars(spec: BarChart, width: number, height: number): Shape[] {
  const top = spec.target ? 24 : 12;
  const plot: Plot = {
    left: spec.labelWidth,
    top,
    width: Math.max(width - spec.labelWidth - spec.valueWidth, 1),
    height: Math.max(height - top - 24, 1),
  };
  const x = (percent: number): number => plot.left + (plot.width * clampPercent(percent)) / 100;
  const band = plot.height / Math.max(spec.rows.length, 1);
  const barHeight = Math.min(16, band * 0.6);
  const shapes: Shape[] = [];
  for (const tick of TICKS) {
    shapes.push({ kind: 'line', x1: x(tick), y1: plot.top, x2: x(tick), y2: plot.top + plot.height, stroke: GRID, width: 1 });
    shapes.push(axisText(x(tick), plot.top + plot.height + 16, `${tick}%`, 'middle'));
  }
  spec.rows.forEach((row, index) => {
    const middle = plot.top + band * index + band / 2;
    const label = fitText(row.label, spec.labelWidth - 12, SMALL);
    shapes.push({
      kind: 'text',
      x: plot.left - 8,
      y: middle + 4,
      text: label,
      anchor: 'end',
      size: SMALL,
      fill: CHART_COLORS.text,
      title: label === row.label ? undefined : row.label,
    });
    const title = `${row.label}: ${row.valueLabel}`;
    const barWidth = Math.max(x(row.percent) - plot.left, 0);
    shapes.push({ kind: 'rect', x: plot.left, y: middle - barHeight / 2, width: barWidth, height: barHeight, fill: row.color, title });
    shapes.push({ kind: 'text', x: plot.left + barWidth + 6, y: middle + 4, text: row.valueLabel, anchor: 'start', size: SMALL, fill: CHART_COLORS.text });
  });
  if (spec.target) {
    const at = x(spec.target.percent);
    const bottom = plot.top + plot.height;
    shapes.push({ kind: 'line', x1: at, y1: plot.top, x2: at, y2: bottom, stroke: CHART_COLORS.target, width: 1.5, dash: DASH });
    shapes.push({ kind: 'text', x: at, y: plot.top - 8, text: spec.target.label, anchor: 'middle', size: SMALL, fill: CHART_COLORS.target });
  }
  return shapes;
}

function axisText(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end'): Shape {
  return { kind: 'text', x, y, text, anchor, size: SMALL, fill: CHART_COLORS.text };
}

function clampPercent(percent: number): number {
  return Math.min(Math.max(percent, 0), 100);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** About how wide `text` is in Inter at `size` px: for layout only, never for content. */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

/** `text`, cut with an ellipsis where it would not fit in `width` px. */
function fitText(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const fits = Math.max(Math.floor(width / (size * 0.56)) - 1, 1);
  return `${text.slice(0, fits).trimEnd()}…`;
}

/** The drawing as a standalone SVG document (the element's own markup). */
export function svgDocument(svg: SVGSVGElement): string {
  // Svelte marks where its blocks sit with empty comments: no part of the drawing.
  return new XMLSerializer().serializeToString(svg).replaceAll('<!---->', '');
}

/** PNG (twice the on-screen size, white background) as base64 without the data: prefix. */
export async function svgPngBase64(svg: SVGSVGElement): Promise<string> {
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgDocument(svg))}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
