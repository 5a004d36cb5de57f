// The patient's own travel and shift plans on the check-in: from today on,
// what to do each day (melatonin, light, sleep), in the day's own clock.
import { h } from '../dom';
import { fmtDate } from '../time';
import type { CircadianPlan } from '../types';

interface Span { start: { local: string }; end: { local: string } }
interface Day {
  day: number; date: string; zone: string; travel: boolean; sleep?: Span;
  seek_light: Span[]; avoid_light: Span[]; melatonin?: { dose_mg: number; time: { local: string } };
}

const clock = (s: string) => s.slice(-5);
const span = (s: Span) => `${clock(s.start.local)}–${clock(s.end.local)}`;

function dayItem(d: Day): HTMLElement {
  const steps: string[] = [];
  if (d.melatonin) steps.push(`take melatonin ${d.melatonin.dose_mg} mg at ${clock(d.melatonin.time.local)}`);
  for (const l of d.seek_light) steps.push(`get bright light ${span(l)}`);
  for (const l of d.avoid_light) steps.push(`keep out of bright light ${span(l)}`);
  if (d.sleep) steps.push(`sleep ${span(d.sleep)}`);
  return h('li', { 'data-plan-date': d.date },
    h('strong', {}, `${fmtDate(d.date)}${d.travel ? ' (travel day)' : ''}`), ` · times in ${d.zone}: `,
    steps.length ? steps.join('; ') : 'nothing special');
}

// Null when no plan has a day from `today` on.
export function plansCard(plans: CircadianPlan[], today: string): HTMLElement | null {
  const current = plans
    .map((p) => ({ p, days: (p.plan.days as Day[]).filter((d) => d.date >= today) }))
    .filter((x) => x.days.length);
  if (!current.length) return null;
  return h('section', { class: 'card', id: 'checkin-plans', 'aria-labelledby': 'checkin-plans-title' },
    h('h2', { id: 'checkin-plans-title' }, 'My plans'),
    current.map(({ p, days }) => h('div', { class: 'plan', 'data-plan-id': p.id },
      h('h3', {}, p.title),
      h('ol', { class: 'plan-days' }, days.map(dayItem)))));
}
