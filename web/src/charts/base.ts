// One chart card: a figure with a title, a uPlot canvas and a key. The canvas
// is made once the card is in the page and has a width, and follows its size.
// The figure exposes data-points (values drawn) for tests and assistive text.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../dom';
import type { Tone } from '../data/instruments';
import { COLORS, TONE_FILL } from './palette';

export interface SeriesSpec {
  label: string;
  values: Array<number | null>;
  color: string;
  style: 'line' | 'points' | 'bars';
  scale?: string;
  // What the legend shows for a point (raw counts behind stacked bars).
  display?: (idx: number) => string;
}

export interface AxisSpec {
  scale: string;
  label: string;
  side?: 'left' | 'right';
  range?: [number, number];
  splits?: number[];
}

export interface BandSpec {
  from: number;
  to: number;
  tone: Tone;
  label: string;
  range?: string;           // the key's text for the range, if not "from–to"
}

export interface ChartSpec {
  id: string;
  title: string;
  tz: string;
  xs: number[];             // unix seconds, ascending
  series: SeriesSpec[];
  axes: AxisSpec[];
  bands?: BandSpec[];       // shaded behind the first axis's scale
  xRange?: [number, number];
  height?: number;
  note?: string;
  empty?: string;           // shown instead of a chart without data
}

export interface ChartHandle {
  el: HTMLElement;
  destroy(): void;
}

export function countPoints(spec: ChartSpec): number {
  let n = 0;
  for (const s of spec.series) for (const v of s.values) if (v !== null && v !== undefined) n += 1;
  return n;
}

function bandHook(spec: ChartSpec) {
  const bands = spec.bands ?? [];
  const scale = spec.axes[0]?.scale ?? 'y';
  return (u: uPlot) => {
    if (!bands.length) return;
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    for (const b of bands) {
      // Whole-number scores: a band 8-14 covers 7.5..14.5 on the axis.
      const y0 = u.valToPos(b.to + 0.5, scale, true);
      const y1 = u.valToPos(b.from - 0.5, scale, true);
      ctx.fillStyle = TONE_FILL[b.tone];
      ctx.fillRect(left, Math.min(y0, y1), width, Math.abs(y1 - y0));
    }
    ctx.restore();
  };
}

function seriesOpts(s: SeriesSpec): uPlot.Series {
  const base: uPlot.Series = {
    label: s.label,
    scale: s.scale ?? 'y',
    stroke: s.color,
    width: 2,
    spanGaps: true,
    value: (_u: uPlot, v: number | null, _si: number, idx: number | null) => {
      if (v === null || v === undefined || idx === null) return '–';
      return s.display ? s.display(idx) : String(Number(v.toFixed(2)));
    },
  };
  if (s.style === 'points') {
    return { ...base, paths: () => null, points: { show: true, size: 9, fill: s.color, stroke: s.color } };
  }
  if (s.style === 'bars') {
    const bars = uPlot.paths.bars!({ size: [0.7, 28], align: 0 });
    return { ...base, paths: bars, fill: s.color, width: 0, points: { show: false } };
  }
  return { ...base, points: { show: true, size: 6, fill: '#fff' } };
}

function axisOpts(a: AxisSpec, i: number): uPlot.Axis {
  return {
    scale: a.scale,
    label: a.label,
    side: a.side === 'right' ? 1 : 3,
    stroke: COLORS.axis,
    grid: { show: i === 0, stroke: COLORS.grid, width: 1 },
    ticks: { show: true, stroke: COLORS.grid, width: 1 },
    splits: a.splits ? () => a.splits! : undefined,
    size: 56,
  };
}

// Tick labels in the patient's zone and the reader's locale: "25 Oct", or a
// clock time when the ticks are less than a day apart, with the date under
// the first tick of each day.
export function timeLabels(tz: string) {
  const day = new Intl.DateTimeFormat(undefined, { timeZone: tz, day: 'numeric', month: 'short' });
  const clock = new Intl.DateTimeFormat(undefined, { timeZone: tz, hour: '2-digit', minute: '2-digit' });
  return (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) => {
    let lastDay = '';
    return splits.map((ts) => {
      const d = new Date(ts * 1000);
      if (incr >= 86400) return day.format(d);
      const today = day.format(d);
      const label = today === lastDay ? clock.format(d) : `${clock.format(d)}\n${today}`;
      lastDay = today;
      return label;
    });
  };
}

// The time under the cursor, in the patient's zone: "Wed 25 Nov, 22:00".
export function timeValue(tz: string) {
  const f = new Intl.DateTimeFormat(undefined, { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit' });
  return (_u: uPlot, ts: number | null) => (ts === null || ts === undefined ? '--' : f.format(new Date(ts * 1000)));
}

function build(spec: ChartSpec, host: HTMLElement, width: number): uPlot {
  const scales: uPlot.Scales = { x: { time: true } };
  if (spec.xRange) {
    const [lo, hi] = spec.xRange;
    scales.x = { time: true, range: () => [lo, hi] };
  }
  for (const a of spec.axes) {
    scales[a.scale] = a.range ? { auto: false, range: () => a.range as [number, number] } : { auto: true };
  }
  const opts: uPlot.Options = {
    width,
    height: spec.height ?? 220,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), spec.tz),
    scales,
    series: [{ label: 'Time', value: timeValue(spec.tz) }, ...spec.series.map(seriesOpts)],
    axes: [
      { stroke: COLORS.axis, grid: { show: true, stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid },
        values: timeLabels(spec.tz) },
      ...spec.axes.map(axisOpts),
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    legend: { show: true, live: true },
    hooks: { drawClear: [bandHook(spec)] },
  };
  const data = [spec.xs, ...spec.series.map((s) => s.values)] as uPlot.AlignedData;
  return new uPlot(opts, data, host);
}

export function chartCard(spec: ChartSpec): ChartHandle {
  const points = countPoints(spec);
  const host = h('div', { class: 'chart-canvas' });
  const key = spec.bands?.length
    ? h('ul', { class: 'band-key', 'aria-label': 'Bands' },
      spec.bands.map((b) => h('li', { class: `tone-${b.tone}` },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${b.range ?? (b.from === b.to ? `${b.from}` : `${b.from}–${b.to}`)} ${b.label}`)))
    : null;
  const el = h('figure', {
    class: 'chart', 'data-chart': spec.id, 'data-points': points,
    'data-series': spec.series.length, 'data-bands': spec.bands?.length ?? 0,
    'aria-label': `${spec.title}: ${points} value${points === 1 ? '' : 's'}`,
  },
  h('figcaption', {}, spec.title),
  points ? host : h('p', { class: 'chart-empty' }, spec.empty ?? 'Nothing recorded yet.'),
  points ? key : null,
  spec.note ? h('p', { class: 'chart-note' }, spec.note) : null);

  let plot: uPlot | null = null;
  let frame = 0;
  const observer = new ResizeObserver(() => {
    // Resize in the next frame: resizing inside the callback can loop.
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const width = Math.floor(host.clientWidth);
      if (width <= 0) return;
      if (!plot) {
        plot = build(spec, host, width);
        el.dataset.drawn = 'true';
      } else if (Math.abs(plot.width - width) > 1) {
        plot.setSize({ width, height: plot.height });
      }
    });
  });
  if (points) observer.observe(host);
  return {
    el,
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(frame);
      plot?.destroy();
      plot = null;
    },
  };
}

// Several series measured at different times, on one shared x axis.
export function align(series: Array<Array<[number, number]>>): { xs: number[]; columns: Array<Array<number | null>> } {
  const xs = [...new Set(series.flatMap((s) => s.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const col: Array<number | null> = xs.map(() => null);
    for (const [t, v] of s) col[index.get(t)!] = v;
    return col;
  });
  return { xs, columns };
}

export const secs = (iso: string) => Math.floor(Date.parse(iso) / 1000);
