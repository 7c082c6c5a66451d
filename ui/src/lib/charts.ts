// Apache ECharts, tree-shaken to what the budget charts use, drawn as SVG: the chart's
// labels are real text in the DOM (readable by screen readers and tests), and the same
// drawing exports as SVG for the minutes or, rasterised here, as PNG. Loaded on demand
// (Chart.svelte imports it dynamically) so the app's start does not parse ECharts.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartInstance = echarts.ECharts;

export function mountChart(element: HTMLElement): ChartInstance {
  return echarts.init(element, null, { renderer: 'svg' });
}

export function chartSvg(chart: ChartInstance): string {
  return chart.renderToSVGString();
}

/** PNG (twice the on-screen size, white background) as base64 without the data: prefix. */
export async function chartPngBase64(chart: ChartInstance): Promise<string> {
  const svg = chartSvg(chart);
  const width = chart.getWidth();
  const height = chart.getHeight();
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
