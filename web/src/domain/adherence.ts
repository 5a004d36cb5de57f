// Planned doses that are due against what the dose log says happened, day by
// day in the patient's time zone. "Not recorded" is planned minus taken minus skipped:
// the log cannot tell a missed dose from a dose nobody wrote down.
import type { DoseEvent, Regimen } from '../types';
import { addDays, localDate } from '../time';
import { plannedOn } from './schedule';

export interface DayAdherence {
  date: string;
  planned: number;
  taken: number;
  skipped: number;
  unrecorded: number;
}

// A dose planned after `nowMs` counts only once something was recorded for it.
export function adherenceByDay(regimens: Regimen[], events: DoseEvent[], from: string, to: string,
                               tz: string, nowMs = Date.now()): DayAdherence[] {
  const counts = new Map<string, { taken: number; skipped: number }>();
  for (const e of events) {
    if (e.regimen_id === null || e.status === 'extra' || e.status === 'entered_in_error') continue;
    const at = e.planned_at ?? e.taken_at;
    if (!at) continue;
    const day = localDate(Date.parse(at), tz);
    const c = counts.get(day) ?? { taken: 0, skipped: 0 };
    if (e.status === 'taken') c.taken += 1;
    else c.skipped += 1;
    counts.set(day, c);
  }
  const out: DayAdherence[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const all = plannedOn(regimens, d, tz);
    const due = all.filter((p) => Date.parse(p.plannedAt) <= nowMs).length;
    const c = counts.get(d) ?? { taken: 0, skipped: 0 };
    const planned = Math.min(all.length, Math.max(due, c.taken + c.skipped));
    out.push({ date: d, planned, ...c, unrecorded: Math.max(0, planned - c.taken - c.skipped) });
  }
  return out;
}

export function summarise(days: DayAdherence[]): { planned: number; taken: number; pct: number | null } {
  let planned = 0;
  let taken = 0;
  for (const d of days) {
    planned += d.planned;
    taken += Math.min(d.taken, d.planned);
  }
  return { planned, taken, pct: planned ? Math.round((taken / planned) * 100) : null };
}
