// The predicted plasma concentration of a patient's substance from the dose
// log (GET /patients/{id}/prediction): the typical curve for the patient's
// covariates, the population's 5-95 % band, the body's own nocturnal peak
// and "now". A log scale, because a supplement dose can exceed the
// endogenous level a hundredfold and the morning residual still matters.
import uPlot from 'uplot';
import { api, ApiError } from '../api';
import { h } from '../dom';
import type { Prediction, Simulation } from '../types';
import { timeLabels, timeValue } from './base';
import { COLORS } from './palette';

export const fmtConcentration = (v: number, unit: string) =>
  `${v >= 100 ? Math.round(v).toLocaleString() : Number(v.toPrecision(3)).toLocaleString()} ${unit}`;

function clockIn(tz: string, unixSeconds: number): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit' })
    .format(new Date(unixSeconds * 1000));
}

// The facts every PK card shows: the peak, the next-morning level, the peak
// against the body's own, the population's spread; `peakAt` says when.
export function factRows(s: Simulation, peakAt: string): Array<[string, string]> {
  const m = s.metrics.typical;
  const unit = s.concentration_unit;
  const rows: Array<[string, string]> = [
    ['Peak (typical patient)', `${fmtConcentration(m.cmax, unit)} at ${peakAt}`],
    ['Next-morning level after the last dose', `${fmtConcentration(m.last_wake_concentration, unit)} at ${s.wake_clock}`],
  ];
  if (m.cmax_to_endogenous_night_peak !== undefined && s.endogenous) {
    rows.push(['Peak vs. own nocturnal peak',
      `${Number(m.cmax_to_endogenous_night_peak.toPrecision(3))}× (own peak ≈ ${fmtConcentration(s.endogenous.night_peak, unit)} at age ${s.endogenous.age_years})`]);
  }
  const pop = s.metrics.population;
  if (pop) {
    rows.push(['Population peak (5–95 %)', `${fmtConcentration(pop.cmax.p5, unit)} – ${fmtConcentration(pop.cmax.p95, unit)} (${pop.subjects} simulated)`]);
  }
  return rows;
}

export function factList(rows: Array<[string, string]>): HTMLElement {
  return h('dl', { class: 'facts pk-facts' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

// The model's notes with their sources, then any of the caller's own.
export function noteList(s: Simulation, extra: string[] = []): HTMLElement | null {
  const items = [
    ...s.notes.filter((n) => n.kind !== 'assumption' || n.id !== 'comedication')
      .map((n) => `${n.message}${n.refs.length ? ` [${n.refs.join(', ')}]` : ''}`),
    ...extra,
  ];
  return items.length ? h('ul', { class: 'pk-notes' }, items.map((t) => h('li', {}, t))) : null;
}

function summary(p: Prediction): HTMLElement {
  const peakAt = clockIn(p.time_zone, Date.parse(p.origin) / 1000 + p.metrics.typical.tmax_h * 3600);
  return factList([...factRows(p, peakAt),
    ['Doses used', `${p.logged_doses} logged in the last ${Math.round(p.now_h / 24)} days` +
      (p.planned_dose_h.length ? `, ${p.planned_dose_h.length} planned in the next 24 h` : '')]]);
}

// Values at or below zero cannot be drawn on a log scale.
function floorAt(values: number[], floor: number): number[] {
  return values.map((v) => Math.max(v, floor));
}

// What the plot needs of a prediction or a simulation: the curve on a
// clock (t = 0 at `origin`, seconds since the epoch) in the patient's zone.
export interface CurveView {
  origin: number;
  tz: string;
  unit: string;
  curve: { time_h: number[]; typical: number[]; p5?: number[]; p95?: number[] };
  endogenous?: { night_peak: number };
  nowH?: number;  // a dashed line at "now"
}

export function plotCurve(p: CurveView, host: HTMLElement, width: number): uPlot {
  const origin = p.origin;
  const xs = p.curve.time_h.map((t) => origin + t * 3600);
  const peak = Math.max(...p.curve.typical, ...(p.curve.p95 ?? []), p.endogenous?.night_peak ?? 0);
  const floor = Math.max(peak * 1e-4, 1e-6);
  const series: uPlot.Series[] = [{ label: 'Time', value: timeValue(p.tz) }];
  const data: Array<Array<number | null>> = [xs];
  const bands: uPlot.Band[] = [];
  if (p.curve.p5 && p.curve.p95) {
    series.push({ label: '95th percentile', stroke: 'rgba(31,111,139,0.35)', width: 1, points: { show: false } });
    series.push({ label: '5th percentile', stroke: 'rgba(31,111,139,0.35)', width: 1, points: { show: false } });
    data.push(floorAt(p.curve.p95, floor), floorAt(p.curve.p5, floor));
    bands.push({ series: [1, 2], fill: 'rgba(31,111,139,0.12)' });
  }
  series.push({ label: 'Typical patient', stroke: COLORS.primary, width: 2, points: { show: false } });
  data.push(floorAt(p.curve.typical, floor));
  if (p.endogenous) {
    series.push({ label: 'Own nocturnal peak', stroke: '#8d6e63', width: 1.5, dash: [6, 4], points: { show: false } });
    data.push(xs.map(() => p.endogenous!.night_peak));
  }
  const nowLine = (u: uPlot) => {
    if (p.nowH === undefined) return;
    const x = u.valToPos(origin + p.nowH * 3600, 'x', true);
    const { top, height } = u.bbox;
    u.ctx.save();
    u.ctx.strokeStyle = '#c0392b';
    u.ctx.setLineDash([3, 3]);
    u.ctx.beginPath();
    u.ctx.moveTo(x, top);
    u.ctx.lineTo(x, top + height);
    u.ctx.stroke();
    u.ctx.restore();
  };
  const opts: uPlot.Options = {
    width,
    height: 260,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), p.tz),
    scales: { x: { time: true }, y: { distr: 3 } },
    series,
    bands,
    axes: [
      { stroke: COLORS.axis, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid },
        values: timeLabels(p.tz), size: 52 },
      { stroke: COLORS.axis, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid }, size: 64,
        label: p.unit },
    ],
    cursor: { drag: { x: true, y: false } },
    legend: { show: true, live: true },
    hooks: { draw: [nowLine] },
  };
  return new uPlot(opts, data as uPlot.AlignedData, host);
}

// A card that loads the prediction when shown and again when the substance changes.
export function predictionCard(patientId: number, substances: string[]): { el: HTMLElement; destroy(): void } {
  if (!substances.length) {
    return {
      el: h('figure', { class: 'chart pk-chart', 'data-chart': 'pk', 'data-state': 'empty' },
        h('figcaption', {}, 'Predicted plasma concentration'),
        h('p', { class: 'chart-empty' },
          'No melatonin or kratom taken in the last 7 days and no regimen with set times: nothing to predict.')),
      destroy: () => {},
    };
  }
  const choices = substances;
  const select = h('select', { id: 'pk-substance', name: 'substance' },
    choices.map((s) => h('option', { value: s }, s)));
  const body = h('div', { class: 'pk-body', 'aria-live': 'polite' });
  const el = h('figure', { class: 'chart pk-chart', 'data-chart': 'pk' },
    h('figcaption', {}, 'Predicted plasma concentration'),
    h('div', { class: 'pk-controls no-print' }, h('label', { for: 'pk-substance' }, 'Substance'), select),
    body);
  let u: uPlot | null = null;
  let observer: ResizeObserver | null = null;
  const clear = () => {
    observer?.disconnect();
    observer = null;
    u?.destroy();
    u = null;
  };
  const load = async () => {
    clear();
    body.replaceChildren(h('p', { class: 'muted' }, 'Simulating…'));
    el.dataset.state = 'loading';
    let p: Prediction;
    try {
      p = await api.prediction(patientId, select.value);
    } catch (err) {
      const message = err instanceof ApiError ? err.message : String(err);
      body.replaceChildren(h('p', { class: err instanceof ApiError && err.status === 409 ? 'chart-empty' : 'field-error' },
        message.charAt(0).toUpperCase() + message.slice(1) + '.'));
      el.dataset.state = 'empty';
      return;
    }
    const host = h('div', { class: 'chart-canvas' });
    body.replaceChildren(host,
      h('p', { class: 'chart-note' },
        `Model ${p.substance} (${p.formulation}), times in ${p.time_zone}; the dashed red line is now. ` +
        `References: ${p.references.join(', ')}.`),
      summary(p), noteList(p, p.prediction_notes) ?? '');
    el.dataset.points = String(p.curve.time_h.length);
    el.dataset.state = 'ready';
    observer = new ResizeObserver(() => {
      const width = Math.floor(host.clientWidth);
      if (width <= 0) return;
      if (!u) {
        u = plotCurve({ origin: Date.parse(p.origin) / 1000, tz: p.time_zone, unit: p.concentration_unit,
          curve: p.curve, endogenous: p.endogenous, nowH: p.now_h }, host, width);
        el.dataset.drawn = 'true';
      } else if (Math.abs(u.width - width) > 1) {
        u.setSize({ width, height: u.height });
      }
    });
    observer.observe(host);
  };
  select.addEventListener('change', () => void load());
  void load();
  return { el, destroy: clear };
}
