// The regimen editor: a new regimen, a new version of one, or stopping it.
// A change is always a new version; the API keeps every earlier one.
import { api, type Body } from '../api';
import { h } from '../dom';
import { type Field, field, FormController, invalid, requireFields } from '../forms';
import type { Regimen, RegimenVersion } from '../types';
import { blockedScreening, OverridePrompt, overrideError } from './override_prompt';
import { ScreeningPanel } from './screening';
import { SimulationPreview } from '../charts/pk_preview';
import { fmtQuantity } from '../domain/quantity';
import { todayIn } from '../time';

export const FREQUENCIES: Array<[string, string]> = [
  ['daily', 'Daily'], ['every_other_day', 'Every other day'], ['weekly', 'Weekly'], ['as_needed', 'As needed'],
];

interface EditorOptions {
  patientId: number;
  tz: string;
  regimen?: Regimen;         // absent: a new regimen
  onDone: (r: Regimen, message: string) => void;
  onCancel: () => void;
}

// Rows of fields that the API addresses by index ("times_of_day[1]").
class RowList {
  readonly el = h('div', { class: 'rows' });
  private rows: Array<{ el: HTMLElement; fields: Field[] }> = [];

  constructor(private readonly ctl: FormController, private readonly prefix: string,
              private readonly make: (i: number) => Field[], private readonly keys: (i: number) => string[],
              private readonly noun: string) {}

  add(values: string[] = []): void {
    const fields = this.make(this.rows.length);
    fields.forEach((f, k) => { if (values[k] !== undefined) f.value = values[k]; });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, `Remove ${this.noun}`);
    const row = { el: h('div', { class: 'row' }, fields.map((f) => f.wrap), remove), fields };
    remove.addEventListener('click', () => {
      this.rows = this.rows.filter((r) => r !== row);
      row.el.remove();
      this.sync();
    });
    this.rows.push(row);
    this.el.appendChild(row.el);
    this.sync();
  }

  // Re-registers every row under its current index.
  sync(): void {
    this.ctl.removeWhere((k) => k.startsWith(this.prefix + '['));
    this.rows.forEach((r, i) => r.fields.forEach((f, k) => this.ctl.add(f, this.keys(i)[k])));
  }

  values(): string[][] {
    return this.rows.map((r) => r.fields.map((f) => f.value));
  }
}

export function regimenEditor(o: EditorOptions): HTMLElement {
  const current: RegimenVersion | undefined = o.regimen?.current;
  const revising = !!o.regimen;
  const ctl = new FormController({ class: 'form regimen-form', 'data-form': revising ? 'regimen-version' : 'regimen-new' },
    revising ? `Save version ${o.regimen!.current_version + 1}` : 'Create regimen');
  const substance = revising ? null : ctl.add(field({ name: 'substance', label: 'Substance', required: true,
    attrs: { list: 'substance-list', autocomplete: 'off' } }));
  const formulation = ctl.add(field({ name: 'formulation', label: 'Formulation', required: true,
    value: current?.formulation ?? '', hint: 'e.g. ir, pr (prolonged), powder.',
    attrs: { list: 'formulation-list', autocomplete: 'off' } }));
  const dose = ctl.add(field({ name: 'dose', label: 'Dose per administration', required: true,
    value: current ? fmtQuantity(current.dose) : '', hint: 'A number and ug, mg or g, e.g. 0.5 mg.',
    attrs: { autocomplete: 'off' } }));
  const frequency = ctl.add(field({ name: 'frequency', label: 'Frequency', type: 'select', options: FREQUENCIES,
    value: current?.frequency ?? 'daily' }));
  const indication = ctl.add(field({ name: 'indication', label: 'Indication', value: current?.indication ?? '',
    attrs: { list: 'indication-list' } }));
  const start = ctl.add(field({ name: 'start_date', label: revising ? 'This version starts on' : 'Start date',
    type: 'date', required: true, value: todayIn(o.tz) }));
  const end = ctl.add(field({ name: 'end_date', label: 'End date', type: 'date', value: current?.end_date ?? '',
    hint: 'Leave empty for no planned end.' }));
  const reason = ctl.add(field({ name: 'reason', label: revising ? 'Reason for the change' : 'Rationale',
    type: 'textarea', required: revising }));

  const times = new RowList(ctl, 'times_of_day',
    (i) => [field({ name: 'times_of_day', label: `Time ${i + 1}`, type: 'time', required: true })],
    (i) => [`times_of_day[${i}]`], 'time');
  (current?.times_of_day.length ? current.times_of_day : revising ? [] : ['21:00']).forEach((t) => times.add([t]));
  const steps = new RowList(ctl, 'titration',
    (i) => [
      field({ name: 'after_days', label: `Step ${i + 1}: after days`, type: 'number', required: true,
        attrs: { min: '1', step: '1', inputmode: 'numeric' } }),
      field({ name: 'step_dose', label: `Step ${i + 1}: dose`, required: true, attrs: { autocomplete: 'off' } }),
    ],
    (i) => [`titration[${i}].after_days`, `titration[${i}].dose`], 'step');
  current?.titration.forEach((s) => steps.add([String(s.after_days), fmtQuantity(s.dose)]));

  // The body both the screening and the save send; throws on what the API would refuse.
  const buildBody = (): Body => {
    requireFields(...[substance, formulation, dose, start].filter((f): f is Field => f !== null));
    const timeValues = times.values().map(([t]) => t);
    timeValues.forEach((t, i) => { if (!t) throw invalid(`times_of_day[${i}]`, 'is required (or remove it)'); });
    const titration = steps.values().map(([days, d], i) => {
      if (!days || !Number.isInteger(Number(days))) throw invalid(`titration[${i}].after_days`, 'must be a whole number of days');
      if (!d) throw invalid(`titration[${i}].dose`, 'is required');
      return { after_days: Number(days), dose: d };
    });
    const body: Body = {
      formulation: formulation.value, dose: dose.value, times_of_day: timeValues, frequency: frequency.value,
      indication: indication.value, start_date: start.value, end_date: end.value || null, titration,
    };
    return o.regimen ? body : { substance: substance!.value, ...body };
  };

  // Screening as the clinician types: only a body the API will accept is
  // sent, so a half-typed dose never turns into an error.
  const panel = new ScreeningPanel();
  const preview = new SimulationPreview(o.patientId, o.tz);
  let timer: number | undefined;
  let seq = 0;
  const screenable = (): Body | null => {
    const doseOk = /^\d+(\.\d+)?\s*(ug|mcg|µg|mg|g)$/i.test(dose.value);
    const tv = times.values().map(([t]) => t);
    const timesOk = tv.every((t) => /^\d{2}:\d{2}$/.test(t)) && tv.every((t, i) => i === 0 || tv[i - 1] < t)
      && (tv.length > 0 || frequency.value === 'as_needed');
    const startOk = /^\d{4}-\d{2}-\d{2}$/.test(start.value);
    const endOk = !end.value || (/^\d{4}-\d{2}-\d{2}$/.test(end.value) && end.value >= start.value);
    if (!doseOk || !timesOk || !startOk || !endOk || !formulation.value || (substance && !substance.value)) return null;
    const body = buildBody();
    // Incomplete titration rows are left out of the preview, not refused.
    body.titration = (body.titration as Array<{ after_days: number; dose: string }>).filter((st) =>
      st.after_days >= 1 && /^\d+(\.\d+)?\s*(ug|mcg|µg|mg|g)$/i.test(st.dose));
    if (o.regimen) body.replacing_regimen_id = o.regimen.id;
    return body;
  };
  const runScreening = async () => {
    timer = undefined;
    if (!ctl.form.isConnected) return;
    let body: Body | null = null;
    try { body = screenable(); } catch { body = null; }
    if (!body) { panel.idle(); preview.idle(); return; }
    const mine = ++seq;
    panel.checking();
    void preview.show({
      substance: o.regimen?.substance ?? substance!.value, formulation: formulation.value, dose: dose.value,
      times_of_day: body.times_of_day as string[], frequency: frequency.value,
    }, start.value, (body.titration as unknown[]).length > 0);
    try {
      const s = await api.screen(o.patientId, body);
      if (mine === seq && ctl.form.isConnected) panel.show(s, prompt.keys);
    } catch (err) {
      if (mine === seq && ctl.form.isConnected) panel.failed(err instanceof Error ? err.message : String(err));
    }
  };
  const scheduleScreening = (ev?: Event) => {
    // Override reasons do not change what is screened.
    if (ev && (ev.target as HTMLElement | null)?.closest?.('.override-slot')) return;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => { void runScreening(); }, 400);
  };
  ctl.form.addEventListener('input', scheduleScreening);
  ctl.form.addEventListener('change', scheduleScreening);
  scheduleScreening();
  ctl.form.addEventListener('click', (ev) => {
    // Adding or removing a row changes the body without an input event.
    if ((ev.target as HTMLElement).closest('.subform button')) scheduleScreening();
  });

  // Blocking findings the save was refused for: one reason field each.
  const prompt = new OverridePrompt(ctl);

  ctl.onSubmit(async () => {
    if (timer !== undefined) { window.clearTimeout(timer); timer = undefined; }
    const body = buildBody();
    if (revising) requireFields(reason);
    const overrides = prompt.overrides();
    if (reason.value) body.reason = reason.value;
    if (overrides) body.overrides = overrides;
    let saved: Regimen;
    try {
      if (o.regimen) {
        saved = await api.reviseRegimen(o.patientId, o.regimen.id, { ...body, base_version: o.regimen.current_version });
      } else {
        saved = await api.createRegimen(o.patientId, body);
      }
    } catch (err) {
      const screening = blockedScreening(err);
      if (screening !== null) {
        prompt.show(screening);
        if (screening) panel.show(screening, prompt.keys);
        prompt.focus();
        return;
      }
      throw overrideError(err);
    }
    const waits = saved.status === 'pending' ? ' It waits for a second clinician\'s co-signature.' : '';
    o.onDone(saved, (revising ? `${saved.substance}: version ${saved.current_version} saved.`
                              : `${saved.substance} regimen created (version ${saved.current_version}).`) + waits);
  });

  const addTime = h('button', { type: 'button', class: 'btn btn-small' }, 'Add a time');
  addTime.addEventListener('click', () => { times.add(); });
  const addStep = h('button', { type: 'button', class: 'btn btn-small' }, 'Add a titration step');
  addStep.addEventListener('click', () => { steps.add(); });
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  cancel.addEventListener('click', o.onCancel);

  ctl.form.append(
    h('p', { class: 'hint' }, revising
      ? `Fields start from version ${current!.version}. Saving makes version ${o.regimen!.current_version + 1}; earlier versions stay on record.`
      : 'Fields marked * are required.'),
    h('div', { class: 'form-grid' }, substance?.wrap, formulation.wrap, dose.wrap, frequency.wrap, indication.wrap,
      start.wrap, end.wrap),
    h('fieldset', { class: 'subform' }, h('legend', {}, 'Times of day'),
      h('p', { class: 'hint' }, 'In the patient’s time zone, earliest first. None needed for “as needed”.'),
      times.el, addTime),
    h('fieldset', { class: 'subform' }, h('legend', {}, 'Titration'),
      h('p', { class: 'hint' }, 'Start low, go slow: from N days after the start date, take this dose.'),
      steps.el, addStep),
    reason.wrap,
    panel.el,
    prompt.el,
    preview.el,
    h('datalist', { id: 'substance-list' }, ['melatonin', 'kratom'].map((v) => h('option', { value: v }))),
    h('datalist', { id: 'formulation-list' }, ['ir', 'pr', 'powder', 'extract', 'capsule', 'liquid']
      .map((v) => h('option', { value: v }))),
    h('datalist', { id: 'indication-list' }, ['insomnia', 'jet lag', 'shift work', 'chronic fatigue', 'chronic pain',
      'opioid withdrawal'].map((v) => h('option', { value: v }))),
    h('div', { class: 'form-actions' }, ctl.submitButton(), cancel));
  return h('div', { class: 'editor' },
    h('h3', {}, revising ? `New version of ${o.regimen!.substance}` : 'New regimen'), ctl.form);
}

export function stopForm(o: EditorOptions & { regimen: Regimen }): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'regimen-stop' }, 'Stop regimen');
  const end = ctl.add(field({ name: 'end_date', label: 'Last day', type: 'date', value: todayIn(o.tz) }));
  const reason = ctl.add(field({ name: 'reason', label: 'Reason for stopping', type: 'textarea', required: true }));
  ctl.onSubmit(async () => {
    requireFields(reason);
    const saved = await api.stopRegimen(o.patientId, o.regimen.id,
      { base_version: o.regimen.current_version, end_date: end.value || null, reason: reason.value });
    o.onDone(saved, `${saved.substance} stopped (version ${saved.current_version}).`);
  });
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  cancel.addEventListener('click', o.onCancel);
  ctl.form.append(h('div', { class: 'form-grid' }, end.wrap), reason.wrap,
    h('div', { class: 'form-actions' }, ctl.submitButton('btn-danger'), cancel));
  return h('div', { class: 'editor' }, h('h3', {}, `Stop ${o.regimen.substance}`), ctl.form);
}
