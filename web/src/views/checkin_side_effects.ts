// Reporting a side effect: what it was and how bad (CTCAE grade).
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
    const body: Body = { kind: 'side_effect', code: effect.value, value: Number(grade.value), observed_at: isoInstant(Date.now()) };
    if (text.value) body.text = text.value;
    const o = await api.addObservation(ctx.patientId, body);
    ctx.observations.push(o);
    announce(`Reported: ${sideEffectLabel(o.code)}, grade ${o.value}.`);
    ctx.onRecorded(o);
    ctl.form.reset();
    warning.hidden = true;
    listToday();
  });
  listToday();
  ctl.form.append(effect.wrap, text.wrap, grade.wrap, warning, h('div', { class: 'form-actions' }, ctl.submitButton('btn-wide')));
  return h('section', { class: 'card', id: 'checkin-side-effects', 'aria-labelledby': 'checkin-se-title' },
    h('h2', { id: 'checkin-se-title' }, 'Side effects'),
    h('p', { class: 'hint' }, 'Anything unusual since yesterday? Report each effect separately.'),
    ctl.form, reported);
}
