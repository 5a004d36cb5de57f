// All of a patient's charts over one shared time window, so they line up.
import type { DoseEvent, Observation, Patient, Regimen } from '../types';
import { h } from '../dom';
import { addDays, daysBetween, fmtDate, localDate, todayIn, zonedToMs } from '../time';
import { type ChartHandle, type ChartSpec, chartCard } from './base';
import { adherenceSpec, doseLogSpecs } from './doses';
import { instrumentSpecs, sideEffectSpec } from './scores';
import { sleepSpecs } from './sleep';

export interface ChartData {
  patient: Patient;
  tz: string;
  regimens: Regimen[];
  doses: DoseEvent[];
  observations: Observation[];
}

export type ChartGroup = 'doses' | 'sleep' | 'scores' | 'side-effects';

export const DAYS_SHOWN = 28;
const MIN_DAYS = 7;

// The first local date with anything on record.
function firstDate(d: ChartData): string | null {
  const dates: string[] = [];
  for (const e of d.doses) {
    const at = e.taken_at ?? e.planned_at;
    if (at) dates.push(localDate(Date.parse(at), d.tz));
  }
  for (const o of d.observations) dates.push(localDate(Date.parse(o.observed_at), d.tz));
  for (const r of d.regimens) for (const v of r.versions) dates.push(v.start_date);
  return dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null;
}

// The last four weeks, or less when the record is younger (but at least a week).
export function chartWindow(d: ChartData): { from: string; to: string; xRange: [number, number] } {
  const tz = d.tz;
  const to = todayIn(tz);
  const earliest = addDays(to, -(DAYS_SHOWN - 1));
  const first = firstDate(d) ?? to;
  const latestStart = addDays(to, -(MIN_DAYS - 1));
  let from = first < latestStart ? first : latestStart;
  if (from < earliest) from = earliest;
  return {
    from, to,
    xRange: [Math.floor(zonedToMs(from, '00:00', tz) / 1000), Math.floor(zonedToMs(addDays(to, 1), '00:00', tz) / 1000)],
  };
}

export function windowText(d: ChartData): string {
  const w = chartWindow(d);
  return `${fmtDate(w.from)} to ${fmtDate(w.to)} (${daysBetween(w.from, w.to) + 1} days), times in ${d.tz}.`;
}

export function chartPanel(d: ChartData, groups: ChartGroup[]): { el: HTMLElement; destroy(): void } {
  const w = chartWindow(d);
  const sections: Array<[ChartGroup, string, ChartSpec[]]> = [
    ['doses', 'Doses and adherence', [
      adherenceSpec(d.regimens, d.doses, d.tz, w.from, w.to, w.xRange),
      ...doseLogSpecs(d.doses, d.tz, w.xRange),
    ]],
    ['sleep', 'Sleep diary', sleepSpecs(d.observations, d.tz, w.xRange)],
    ['scores', 'Scores', instrumentSpecs(d.observations, d.tz, w.xRange)],
    ['side-effects', 'Side effects', [sideEffectSpec(d.observations, d.tz, w.xRange)]],
  ];
  const handles: ChartHandle[] = [];
  const el = h('div', { class: 'chart-panel' });
  for (const [group, title, specs] of sections) {
    if (!groups.includes(group)) continue;
    const cards = specs.map((s) => {
      const c = chartCard(s);
      handles.push(c);
      return c.el;
    });
    el.appendChild(h('section', { class: 'chart-group', 'data-group': group, 'aria-label': title },
      h('h3', {}, title),
      cards.length ? h('div', { class: 'chart-grid' }, cards)
        : h('p', { class: 'muted' }, group === 'scores' ? 'No instrument scores recorded yet.' : 'Nothing recorded yet.')));
  }
  return { el, destroy: () => handles.forEach((c) => c.destroy()) };
}
