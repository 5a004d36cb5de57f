// Which doses a regimen plans on a given local date. Pure: the same rules
// decide the check-in's prefilled doses and the adherence chart's "planned".
import type { Quantity, Regimen, RegimenVersion } from '../types';
import { daysBetween, zonedToIso } from '../time';

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
