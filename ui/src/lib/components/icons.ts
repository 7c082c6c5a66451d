import type { IconName } from '../navigation';

// Line icons drawn on a 24×24 grid as single path strings, so the Icon component
// renders one <path> and no markup is injected as HTML.

function rect(x: number, y: number, w: number, h: number, r: number): string {
  return (
    `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}` +
    `h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`
  );
}

function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
}

export const ICON_PATHS: Record<IconName, string> = {
  dashboard: [rect(3, 3, 7, 9, 1.5), rect(14, 3, 7, 5, 1.5), rect(14, 12, 7, 9, 1.5), rect(3, 16, 7, 5, 1.5)].join(''),
  instructions: [rect(5, 4, 14, 17, 2), 'M9 2.5h6v3H9z', 'M9 13l2 2 4-4'].join(''),
  negotiations: [
    'M4 4h11a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
    'M19 8h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1h-1v3l-4-3h-4a1 1 0 0 1-1-1v-1',
  ].join(''),
  budget: 'M3 20h18M7 16v-5M12 16V6M17 16v-8',
  complaints: 'M3 13l3-8h12l3 8v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM3 13h5l1.5 2.5h5L16 13h5',
  meetings: [rect(3, 5, 18, 16, 2), 'M3 10h18M8 3v4M16 3v4'].join(''),
  brief: [rect(5, 3, 14, 18, 1.5), 'M8 8h8M8 12h8M8 16h5'].join(''),
  agencies: 'M4 21V5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v16M15 9h4a1 1 0 0 1 1 1v11M2 21h20M8 8h3M8 12h3M8 16h3',
  sync: 'M20 11A8 8 0 0 0 5.5 6.5L4 8M4 4v4h4M4 13a8 8 0 0 0 14.5 4.5L20 16M20 20v-4h-4',
  settings: ['M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12', circle(16, 6, 2), circle(10, 12, 2), circle(18, 18, 2)].join(''),
  about: [circle(12, 12, 9), 'M12 11v6M12 7.5v.01'].join(''),
  search: [circle(11, 11, 7), 'M20 20l-4-4'].join(''),
  alert: [circle(12, 12, 9), 'M12 7.5v5.5M12 16.5v.01'].join(''),
  check: [circle(12, 12, 9), 'M8 12.5l2.5 2.5L16 9.5'].join(''),
  close: 'M6 6l12 12M18 6L6 18',
  laptop: [rect(4, 5, 16, 11, 1.5), 'M2 19h20'].join(''),
  scorecard: [circle(12, 12, 9), circle(12, 12, 5), circle(12, 12, 1)].join(''),
  plus: 'M12 5v14M5 12h14',
  back: 'M19 12H5M11 18l-6-6 6-6',
  file: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h4',
  clock: [circle(12, 12, 9), 'M12 7v5l3 2'].join(''),
};
