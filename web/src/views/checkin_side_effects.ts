// Reporting a side effect: what it was, how bad (CTCAE grade), when it began,
// what the patient suspects caused it and whether it is still going on.
import { api, type Body } from '../api';
import { announce, clear, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import { GRADE_NAMES, GRADES, SIDE_EFFECTS, sideEffectLabel } from '../data/side_effects';
import type { Observation } from '../types';
import { fmtTime, isoInstant, localDate } from '../time';

export interface SideEffectContext {
  patientId: number;
  tz: string;
  today: string;
  substances: string[];  // of the patient's regimens, for "suspected cause"
  observations: Observation[];
  onRecorded: (o: Observation) => void;
}

export function sideEffectsCard(ctx: SideEffectContext): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'side-effect' }, 'Report side effect');
  const effect = ctl.add(field({ name: 'code', label: 'What did you notice?', type: 'select', required: true,
    options: [['', 'Choose…'], ...SIDE_EFFECTS] }));
  const text = ctl.add(field({ name: 'text', label: 'Describe it', hint: 'Needed for “Other”; optional otherwise.' }));
  const grade = ctl.add(field({ name: 'value', label: 'How bad was it?', type: 'select', required: true,
    options: [['', 'Choose…'], ...GRADES.map(([g, l]): [string, string] => [String(g), `${g} – ${l}`])] }));
  const onset = ctl.add(field({ name: 'onset', label: 'When did it start?', type: 'date', value: ctx.today,
    attrs: { max: ctx.today } }));
  const substance = ctl.add(field({ name: 'suspected_substance', label: 'What do you think caused it?', type: 'select',
    options: [['', 'Not sure'], ...ctx.substances.map((x): [string, string] => [x, x.charAt(0).toUpperCase() + x.slice(1)])] }));
  const ongoing = ctl.add(field({ name: 'ongoing', label: 'It is still going on', type: 'checkbox' }));
  const warning = h('p', { class: 'warning', role: 'alert', hidden: true },
    'Please also contact your clinic today. If it feels life-threatening, call emergency services now.');
  grade.input.addEventListener('change', () => { warning.hidden = Number(grade.value) < 3; });
  const reported = h('ul', { class: 'reported' });

  const listToday = () => {
    clear(reported);
    ctx.observations.filter((o) => o.kind === 'side_effect' && localDate(Date.parse(o.observed_at), ctx.tz) === ctx.today)
      .forEach((o) => reported.appendChild(h('li', {},
        `${fmtTime(o.observed_at, ctx.tz)} ${sideEffectLabel(o.code)}${o.text ? ` (${o.text})` : ''}: grade ${o.value} ${GRADE_NAMES[o.value ?? 0] ?? ''}`)));
  };

  ctl.onSubmit(async () => {
    if (!effect.value) throw invalid('code', 'Choose what you noticed');
    if (effect.value === 'other' && !text.value) throw invalid('text', 'Describe what you noticed');
    if (!grade.value) throw invalid('value', 'Choose how bad it was');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(onset.value)) throw invalid('onset', 'Choose the day it started');
    if (onset.value > ctx.today) throw invalid('onset', 'cannot be after today');
    const components: Body[] = [{ code: 'onset', text: onset.value }, { code: 'ongoing', value: ongoing.checked ? 1 : 0 }];
    if (substance.value) components.push({ code: 'suspected_substance', text: substance.value });
    const body: Body = { kind: 'side_effect', code: effect.value, value: Number(grade.value), observed_at: isoInstant(Date.now()),
      components };
    if (text.value) body.text = text.value;
    const o = await api.addObservation(ctx.patientId, body);
    ctx.observations.push(o);
    announce(`Reported: ${sideEffectLabel(o.code)}, grade ${o.value}.`);
    ctx.onRecorded(o);
    ctl.form.reset();
    onset.input.value = ctx.today;
    warning.hidden = true;
    listToday();
  });
  listToday();
  ctl.form.append(effect.wrap, text.wrap, grade.wrap, onset.wrap, substance.wrap, ongoing.wrap, warning, h('div', { class: 'form-actions' }, ctl.submitButton('btn-wide')));
  return h('section', { class: 'card', id: 'checkin-side-effects', 'aria-labelledby': 'checkin-se-title' },
    h('h2', { id: 'checkin-se-title' }, 'Report a side effect'),
    h('p', { class: 'hint' }, 'Anything unusual since yesterday? Report each effect separately.'),
    ctl.form, reported);
}
