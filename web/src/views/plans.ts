// Circadian plans on the patient page: trips planned for the patient (light,
// sleep and melatonin day by day, with the predicted body clock) and the
// form that makes a new one. Plans are kept unchanged in the record.
import { api, type Body } from '../api';
import { announce, h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import type { CircadianPlan } from '../types';
import { fmtDateTime } from '../time';
import { section } from './common';
import { blockedScreening, OverridePrompt, overrideError } from './override_prompt';
import { versionScreening } from './screening';

const ZONES = ['Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago',
  'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney', 'Asia/Dubai', 'Asia/Kolkata'];

function tripForm(patientId: number, homeZone: string, onDone: () => void): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'jetlag' }, 'Plan the trip');
  const to = ctl.add(field({ name: 'to', label: 'Destination time zone', required: true,
    hint: 'An IANA zone, e.g. America/New_York.', attrs: { list: 'plan-zones', autocomplete: 'off' } }));
  const from = ctl.add(field({ name: 'from', label: 'Departure time zone', value: homeZone,
    attrs: { list: 'plan-zones', autocomplete: 'off' } }));
  const departDate = ctl.add(field({ name: 'depart', label: 'Departure date', type: 'date', required: true }));
  const departTime = ctl.add(field({ name: 'depart_time', label: 'Departure time (local)', type: 'time', required: true }));
  const arriveDate = ctl.add(field({ name: 'arrive', label: 'Arrival date', type: 'date', required: true }));
  const arriveTime = ctl.add(field({ name: 'arrive_time', label: 'Arrival time (local)', type: 'time', required: true }));
  const sleep = ctl.add(field({ name: 'sleep', label: 'Usual sleep', value: '23:00-07:00',
    hint: 'Bedtime-wake time at home, e.g. 23:00-07:00.' }));
  const noMelatonin = ctl.add(field({ name: 'no_melatonin', label: 'Plan without melatonin', type: 'checkbox' }));
  const title = ctl.add(field({ name: 'title', label: 'Title', hint: 'Optional, e.g. Conference in New York.' }));
  // The plan's melatonin is screened with the patient's regimens and medicines.
  const prompt = new OverridePrompt(ctl, 'the plan', 'plan without melatonin');
  ctl.onSubmit(async () => {
    requireFields(to, departDate, departTime, arriveDate, arriveTime);
    const body: Body = {
      to: to.value, from: from.value || homeZone,
      depart: `${departDate.value} ${departTime.value}`, arrive: `${arriveDate.value} ${arriveTime.value}`,
      sleep: sleep.value, no_melatonin: noMelatonin.checked,
    };
    if (title.value) body.title = title.value;
    const overrides = prompt.overrides();
    if (overrides) body.overrides = overrides;
    let plan: CircadianPlan;
    try {
      plan = await api.savePlan(patientId, 'jetlag', body);
    } catch (err) {
      const screening = blockedScreening(err);
      if (screening !== null) {
        prompt.show(screening);
        prompt.focus();
        return;
      }
      throw overrideError(err);
    }
    announce(`The plan "${plan.title}" was made.`);
    onDone();
  });
  ctl.form.append(
    h('div', { class: 'form-grid' }, to.wrap, from.wrap, departDate.wrap, departTime.wrap, arriveDate.wrap,
      arriveTime.wrap, sleep.wrap, title.wrap),
    noMelatonin.wrap,
    prompt.el,
    h('datalist', { id: 'plan-zones' }, ZONES.map((z) => h('option', { value: z }))),
    h('div', { class: 'form-actions' }, ctl.submitButton()));
  return ctl.form;
}

function days(n: number | null): string {
  return n === null ? 'more than the days shown' : `${n} day${n === 1 ? '' : 's'}`;
}

function planCard(patientId: number, p: CircadianPlan, tz: string): HTMLElement {
  const plan = p.plan;
  const facts: Array<[string, string]> = [];
  if (p.kind === 'jetlag') {
    const s = plan.strategy;
    facts.push(['Shift', `${plan.zone_shift_h > 0 ? '+' : ''}${plan.zone_shift_h} h: ${s.direction} the body clock`]);
    const d = plan.days_to_reentrain;
    facts.push(['Days to adjust', `${days(d.with_plan)} with the plan, ${days(d.without_plan)} without ` +
      `(model ${d.without_plan_model}; the field rule for travellers says about ${d.field_rule} days)`]);
    if (s.dose_mg > 0) facts.push(['Melatonin', `${s.dose_mg} mg, about ${s.dose_before_dlmo_h} h before the body's evening rise`]);
    if (s.bright_light_h > 0) facts.push(['Light', `${s.bright_light_h} h of bright light a day`]);
  }
  const notes: string[] = plan.notes ?? [];
  const base = `/api/v1/patients/${patientId}/plans/${p.id}`;
  return h('article', { class: 'plan', 'data-plan-id': p.id },
    h('h3', {}, p.title),
    h('p', { class: 'muted' }, `Made by ${p.created_by} on ${fmtDateTime(p.created_at, tz)}; model ${plan.model.id} ` +
      `(${plan.model.refs.join(', ')}).`),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
    notes.length
      ? h('div', { class: 'plan-notes' }, h('p', {}, h('strong', {}, 'Caveats')),
        h('ul', {}, notes.map((n) => h('li', {}, n))))
      : null,
    versionScreening(p.screening, tz),
    p.kind === 'jetlag'
      ? h('img', { class: 'plan-plot', src: `${base}?format=svg`, alt: `Day-by-day plan and predicted body clock for ${p.title}`,
        loading: 'lazy' })
      : null,
    h('ul', { class: 'plan-days' }, (plan.days as Array<Record<string, any>>).map((d) => {
      const bits: string[] = [];
      if (d.sleep) bits.push(`sleep ${d.sleep.start.local.slice(-5)}–${d.sleep.end.local.slice(-5)}`);
      for (const l of d.seek_light) bits.push(`seek light ${l.start.local.slice(-5)}–${l.end.local.slice(-5)}`);
      for (const l of d.avoid_light) bits.push(`avoid light ${l.start.local.slice(-5)}–${l.end.local.slice(-5)}`);
      if (d.melatonin) bits.push(`melatonin ${d.melatonin.dose_mg} mg at ${d.melatonin.time.local.slice(-5)}`);
      return h('li', { 'data-day': d.day }, h('strong', {}, `Day ${d.day > 0 ? '+' : ''}${d.day} · ${d.date} (${d.zone})`),
        d.travel ? ' · travel' : '', `: ${bits.join('; ')}`);
    })),
    p.kind === 'jetlag'
      ? h('p', { class: 'no-print' }, h('a', { href: `${base}?format=ics`, download: `pineal-plan-${p.id}.ics` },
        'Add to a calendar (.ics)'))
      : null);
}

export function plansSection(patientId: number, plans: CircadianPlan[], tz: string, refresh: () => void): HTMLElement {
  return section('plans', 'Circadian plans',
    plans.length ? h('div', { class: 'plan-list' }, plans.map((p) => planCard(patientId, p, tz)))
      : h('p', { class: 'muted' }, 'No plans yet. Plan a trip to give the patient light, sleep and melatonin times.'),
    h('details', { class: 'add-panel no-print' }, h('summary', { class: 'btn' }, 'Plan a trip (jet lag)'),
      tripForm(patientId, tz, refresh)));
}
