// Adding a patient.
import { api, type Body } from '../api';
import { announce, h } from '../dom';
import { field, FormController, invalid, requireFields } from '../forms';
import { navigate } from '../router';
import { allZones, browserZone } from '../time';
import { pageTitle } from './common';

export const SEX_OPTIONS: Array<[string, string]> = [
  ['unknown', 'Not recorded'], ['female', 'Female'], ['male', 'Male'], ['other', 'Other'],
];
export const PREGNANCY_OPTIONS: Array<[string, string]> = [
  ['unknown', 'Not recorded'], ['not_pregnant', 'Not pregnant'], ['pregnant', 'Pregnant'],
  ['not_applicable', 'Not applicable'],
];

export function zoneList(id: string): HTMLDataListElement {
  return h('datalist', { id }, allZones().map((z) => h('option', { value: z })));
}

export async function patientFormView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const ctl = new FormController({ class: 'form', id: 'patient-form', 'aria-label': 'New patient' }, 'Add patient');
  const name = ctl.add(field({ name: 'display_name', label: 'Name', required: true,
    hint: 'As the clinic shows it, e.g. initials and surname initial.', attrs: { autocomplete: 'off' } }));
  const birth = ctl.add(field({ name: 'birth_date', label: 'Date of birth', type: 'date' }));
  const sex = ctl.add(field({ name: 'sex', label: 'Sex', type: 'select', options: SEX_OPTIONS, value: 'unknown' }));
  const weight = ctl.add(field({ name: 'weight', label: 'Weight (kg)', type: 'number',
    attrs: { step: '0.1', min: '0', inputmode: 'decimal' }, hint: 'Measured today.' }));
  const zone = ctl.add(field({ name: 'time_zone', label: 'Time zone', required: true, value: browserZone(),
    hint: 'Where the patient lives; doses and diaries are shown in this zone.',
    attrs: { list: 'zone-list', autocomplete: 'off' } }));
  const conditions = ctl.add(field({ name: 'conditions', label: 'Conditions',
    hint: 'Separate several with commas, e.g. insomnia, hypertension.' }));
  const pregnancy = ctl.add(field({ name: 'pregnancy', label: 'Pregnancy', type: 'select',
    options: PREGNANCY_OPTIONS, value: 'unknown' }));
  const breastfeeding = ctl.add(field({ name: 'breastfeeding', label: 'Breastfeeding', type: 'checkbox' }));
  const smoker = ctl.add(field({ name: 'smoker', label: 'Smoker', type: 'checkbox' }));
  const notes = ctl.add(field({ name: 'notes', label: 'Notes', type: 'textarea' }));

  ctl.onSubmit(async () => {
    requireFields(name, zone);
    const body: Body = {
      display_name: name.value, sex: sex.value, pregnancy: pregnancy.value,
      breastfeeding: breastfeeding.checked, smoker: smoker.checked, time_zone: zone.value,
    };
    if (birth.value) body.birth_date = birth.value;
    if (weight.value) {
      if (!Number.isFinite(Number(weight.value))) throw invalid('weight', 'must be a number of kilograms');
      body.weight = `${weight.value} kg`;
    }
    const list = conditions.value.split(',').map((c) => c.trim()).filter(Boolean);
    if (list.length) body.conditions = list;
    if (notes.value) body.notes = notes.value;
    const created = await api.createPatient(body);
    announce(`${created.display_name} was added.`);
    navigate(`/patients/${created.id}`);
  });

  ctl.form.append(
    h('p', { class: 'hint' }, 'Fields marked * are required.'),
    h('div', { class: 'form-grid' }, name.wrap, birth.wrap, sex.wrap, weight.wrap, zone.wrap, conditions.wrap,
      pregnancy.wrap, h('div', { class: 'field-pair' }, breastfeeding.wrap, smoker.wrap)),
    notes.wrap, zoneList('zone-list'),
    h('div', { class: 'form-actions' }, ctl.submitButton(), h('a', { class: 'btn', href: '#/patients' }, 'Cancel')));
  main.append(pageTitle('Add a patient'), h('section', { class: 'card' }, ctl.form));
}
