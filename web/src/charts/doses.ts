// The dose log (amounts taken, per substance) and adherence (planned against
// taken and skipped, per day).
import type { DoseEvent, Regimen } from '../types';
import { adherenceByDay, summarise } from '../domain/adherence';
import { massUnitFor, toMg } from '../domain/quantity';
import { fmtDate, zonedToMs } from '../time';
import { align, type ChartSpec, type SeriesSpec, secs } from './base';
import { COLORS } from './palette';

export function doseLogSpecs(events: DoseEvent[], tz: string, xRange?: [number, number]): ChartSpec[] {
  const bySubstance = new Map<string, DoseEvent[]>();
  for (const e of events) {
    const list = bySubstance.get(e.substance) ?? [];
    list.push(e);
    bySubstance.set(e.substance, list);
  }
  const specs: ChartSpec[] = [];
  for (const [substance, list] of [...bySubstance.entries()].sort()) {
    const maxMg = Math.max(0, ...list.map((e) => toMg(e.amount) ?? 0));
    const { unit, perMg } = massUnitFor(maxMg);
    const taken: Array<[number, number]> = [];
    const skipped: Array<[number, number]> = [];
    const extra: Array<[number, number]> = [];
    for (const e of list) {
      const mg = toMg(e.amount);
      if (e.status === 'entered_in_error') continue;  // a withdrawn entry records no dose
      if (e.status === 'skipped' && e.planned_at) skipped.push([secs(e.planned_at), 0]);
      else if (e.taken_at && mg !== null) (e.status === 'extra' ? extra : taken).push([secs(e.taken_at), mg * perMg]);
    }
    const { xs, columns } = align([taken, extra, skipped]);
    specs.push({
      id: `doses-${substance}`,
      title: `Dose log: ${substance} (${unit})`,
      tz, xs, xRange,
      // Only the kinds that occur, so the key lists nothing absent.
      series: ([
        { label: 'Taken', values: columns[0], color: COLORS.taken, style: 'points' },
        { label: 'Extra', values: columns[1], color: COLORS.extra, style: 'points' },
        { label: 'Skipped', values: columns[2], color: COLORS.skipped, style: 'points' },
      ] satisfies SeriesSpec[]).filter((sr, i) => i === 0 || sr.values.some((v) => v !== null)),
      axes: [{ scale: 'y', label: unit, range: [0, Math.max(1e-9, maxMg * perMg * 1.25)] }],
    });
  }
  return specs;
}

export function adherenceSpec(regimens: Regimen[], events: DoseEvent[], tz: string, from: string, to: string,
                              xRange?: [number, number]): ChartSpec {
  const days = adherenceByDay(regimens, events, from, to, tz).filter((d) => d.planned > 0 || d.taken || d.skipped);
  const xs = days.map((d) => Math.floor(zonedToMs(d.date, '12:00', tz) / 1000));
  const sum = summarise(days);
  const top = Math.max(1, ...days.map((d) => Math.max(d.planned, d.taken + d.skipped)));
  // Stacked bars: the tallest (everything planned) is drawn first, behind.
  return {
    id: 'adherence',
    title: 'Adherence: planned doses by what was recorded',
    tz, xs, xRange,
    series: [
      { label: 'Not recorded', values: days.map((d) => d.taken + d.skipped + d.unrecorded || null),
        color: COLORS.unrecorded, style: 'bars', display: (i) => String(days[i].unrecorded) },
      { label: 'Skipped', values: days.map((d) => d.taken + d.skipped || null),
        color: COLORS.skipped, style: 'bars', display: (i) => String(days[i].skipped) },
      { label: 'Taken', values: days.map((d) => d.taken || null),
        color: COLORS.taken, style: 'bars', display: (i) => String(days[i].taken) },
    ],
    axes: [{ scale: 'y', label: 'doses', range: [0, top], splits: top <= 12 ? [...Array(top + 1).keys()] : undefined }],
    note: sum.pct === null
      ? undefined
      : `${sum.taken} of ${sum.planned} planned doses taken (${sum.pct}%) from ${fmtDate(from)} to ${fmtDate(to)}.`,
    empty: 'No doses were due in this period.',
  };
}
