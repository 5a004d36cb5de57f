// A regimen as the editor holds it, as the body of POST /patients/{id}/simulate
// ("at", "every", "for"), or why it cannot be previewed. The PK models exist
// for melatonin and kratom; a dose interval must be regular to be written as
// "every N h", so unevenly spaced times are not previewed.
import { minutesOf } from '../time';

export interface RegimenDraft {
  substance: string;
  formulation: string;
  dose: string;
  times_of_day: string[];
  frequency: string;  // daily, every_other_day, weekly, as_needed
}

// The formulations each model has parameters for; others use its default.
const MODELS: Record<string, string[]> = {
  melatonin: ['ir', 'pr', 'surge_sustained'],
  kratom: ['leaf'],
};

// A week shows how doses build up; a weekly regimen needs four to say anything.
const PREVIEW_DAYS: Record<string, number> = { daily: 7, every_other_day: 8, weekly: 28 };

export type SimulationBody = Record<string, string | number>;

export function simulationBody(d: RegimenDraft): { body: SimulationBody } | { why: string } {
  const substance = d.substance.trim().toLowerCase();
  if (!(substance in MODELS)) return { why: `no PK model for ${d.substance || 'this substance'}` };
  const times = [...d.times_of_day].sort();
  if (!times.length) return { why: 'a time of day is needed for the preview' };
  const body: SimulationBody = { substance, dose: d.dose, at: times[0], subjects: 200 };
  const formulation = d.formulation.trim().toLowerCase();
  if (MODELS[substance].includes(formulation)) body.formulation = formulation;
  if (d.frequency === 'as_needed') return { body };  // one dose as an example
  const minutes = times.map(minutesOf);
  const gaps = minutes.map((m, i) => (i + 1 < minutes.length ? minutes[i + 1] : minutes[0] + 1440) - m);
  if (gaps.some((g) => g !== gaps[0])) {
    return { why: 'the preview needs evenly spaced times (e.g. 08:00 and 20:00)' };
  }
  const days = PREVIEW_DAYS[d.frequency];
  if (days === undefined) return { why: `no preview for the frequency '${d.frequency}'` };
  const every = d.frequency === 'daily' ? gaps[0] / 60 : d.frequency === 'every_other_day' ? 48 : 168;
  if (times.length > 1 && d.frequency !== 'daily') {
    return { why: 'the preview needs one time a day when doses are not daily' };
  }
  body.every = `${every}h`;
  body.for = `${days}d`;
  return { body };
}
