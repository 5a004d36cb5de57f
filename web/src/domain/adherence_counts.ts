// The API's adherence counts in words (GET /patients/{id}/adherence).
import type { AdherenceCounts } from '../types';

export function percentText(c: Pick<AdherenceCounts, 'percent_taken'>): string {
  return c.percent_taken === null || c.percent_taken === undefined ? '–' : `${Math.round(c.percent_taken)}%`;
}

// "25 of 28 planned doses taken (89%)"; late doses count as taken.
export function takenSentence(c: AdherenceCounts): string {
  if (!c.planned) return c.extra ? `No planned doses; ${c.extra} extra logged.` : 'No planned doses in this period.';
  return `${c.taken} of ${c.planned} planned dose${c.planned === 1 ? '' : 's'} taken (${percentText(c)})`;
}

// The counts worth a second look, in words; none for a clean record.
export function concerns(c: AdherenceCounts): string[] {
  const out: string[] = [];
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (c.missed) out.push(n(c.missed, 'dose missed', 'doses missed'));
  if (c.skipped) out.push(n(c.skipped, 'dose skipped', 'doses skipped'));
  if (c.taken_late) out.push(n(c.taken_late, 'dose taken late', 'doses taken late'));
  if (c.extra) out.push(n(c.extra, 'extra dose', 'extra doses'));
  if (c.above_planned) out.push(n(c.above_planned, 'dose above the plan', 'doses above the plan'));
  return out;
}

export function weekLabel(w: { iso_year: number; iso_week: number }): string {
  return `${w.iso_year}-W${String(w.iso_week).padStart(2, '0')}`;
}
