// Which doses a regimen plans on a given local date. Pure: the same rules
// decide the check-in's prefilled doses and the adherence chart's "planned".
import type { Quantity, Regimen, RegimenVersion } from '../types';
import { addDays, daysBetween, zonedToIso, zonedToMs } from '../time';

export interface PlannedDose {
  regimen: Regimen;
  version: RegimenVersion;
  date: string;
  time: string;
  plannedAt: string;
  amount: Quantity;
}

// The version in force on `date`: the newest whose start date has come.
export function versionOn(r: Regimen, date: string): RegimenVersion | undefined {
  let found: RegimenVersion | undefined;
  for (const v of r.versions) {
    if (v.start_date <= date && (!found || v.version > found.version)) found = v;
  }
  return found;
}

// The dose on `date` after the version's titration steps.
export function doseOn(v: RegimenVersion, date: string): Quantity {
  const day = daysBetween(v.start_date, date);
  let dose = v.dose;
  for (const step of v.titration) {
    if (day >= step.after_days) dose = step.dose;
  }
  return dose;
}

export function isDosingDay(v: RegimenVersion, date: string): boolean {
  if (v.status === 'pending') return false;  // waits for a second clinician's co-signature
  if (date < v.start_date) return false;
  if (v.end_date && date > v.end_date) return false;
  const day = daysBetween(v.start_date, date);
  switch (v.frequency) {
    case 'daily': return true;
    case 'every_other_day': return day % 2 === 0;
    case 'weekly': return day % 7 === 0;
    default: return false; // as_needed plans nothing
  }
}

export function plannedOn(regimens: Regimen[], date: string, tz: string): PlannedDose[] {
  const out: PlannedDose[] = [];
  for (const r of regimens) {
    const v = versionOn(r, date);
    if (!v || !isDosingDay(v, date)) continue;
    for (const time of v.times_of_day) {
      out.push({
        regimen: r, version: v, date, time, plannedAt: zonedToIso(date, time, tz), amount: doseOn(v, date),
      });
    }
  }
  return out.sort((a, b) => a.plannedAt.localeCompare(b.plannedAt));
}

// How early a planned dose may be recorded as taken: adherence pairs a dose
// with its planned time only within the match window (360 min in
// knowledge/rules/adherence.yaml); a dose taken earlier is no longer that dose.
export const EARLY_WINDOW_MS = 6 * 3600e3;

export type TakenTime = { ok: true; ms: number } | { ok: false; message: string };

// When a planned dose was taken. Untouched, one tap means "now" before the
// planned time and "as planned" after it, both read when the tap happens.
// A typed clock time is the instant nearest the planned one (23:50 for a
// 00:10 dose is the evening before), and must lie in the early window and
// not ahead of now.
export function takenTime(p: { date: string; plannedAt: string; time: string }, typed: string | null,
  tz: string, now: number): TakenTime {
  const due = Date.parse(p.plannedAt);
  let ms: number;
  if (typed === null) {
    ms = now < due ? now : due;
  } else {
    const candidates = [-1, 0, 1].map((n) => zonedToMs(addDays(p.date, n), typed, tz));
    ms = candidates.reduce((best, c) => (Math.abs(c - due) < Math.abs(best - due) ? c : best));
  }
  if (ms > now + 5 * 60e3) return { ok: false, message: 'is still to come; record the dose once it is taken' };
  if (ms < due - EARLY_WINDOW_MS) {
    return { ok: false, message: `is more than 6 hours before the planned ${p.time}; ` +
      'a dose taken that early is not this one (tell your care team)' };
  }
  return { ok: true, ms };
}
