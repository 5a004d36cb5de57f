// Medicines, supplements and therapies the patient takes besides the regimens.
import { api, type Body } from '../api';
import { announce, h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import { fmtQuantity } from '../domain/quantity';
import type { Medication } from '../types';
import { fmtDate } from '../time';
import { catalogMatchNote } from './catalog_match';
import { badge, humanize, scrollTable, section } from './common';

const CATEGORIES: Array<[string, string]> = [['medicine', 'Medicine'], ['supplement', 'Supplement'], ['therapy', 'Therapy']];
const SOURCES: Array<[string, string]> = [['prescribed', 'Prescribed'], ['self_reported', 'Self-reported']];

function medicationForm(patientId: number, onDone: () => void): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'medication' }, 'Add');
  const name = ctl.add(field({ name: 'name', label: 'Name', required: true, attrs: { autocomplete: 'off' } }));
  const category = ctl.add(field({ name: 'category', label: 'Kind', type: 'select', options: CATEGORIES, value: 'medicine' }));
  const dose = ctl.add(field({ name: 'dose', label: 'Dose', hint: 'Optional; a number and ug, mg or g, e.g. 30 mg.',
    attrs: { autocomplete: 'off' } }));
  const schedule = ctl.add(field({ name: 'schedule', label: 'Schedule', hint: 'e.g. once daily, weekly sessions.' }));
  const source = ctl.add(field({ name: 'source', label: 'Source', type: 'select', options: SOURCES, value: 'prescribed' }));
  const start = ctl.add(field({ name: 'start_date', label: 'Started', type: 'date' }));
  const stop = ctl.add(field({ name: 'stop_date', label: 'Stopped', type: 'date' }));
  const codeSystem = ctl.add(field({ name: 'code_system', label: 'Code system', hint: 'e.g. RxNorm',
    attrs: { list: 'code-systems' } }));
  const code = ctl.add(field({ name: 'code', label: 'Code' }));
  const note = ctl.add(field({ name: 'note', label: 'Note', type: 'textarea' }));

  ctl.onSubmit(async () => {
    requireFields(name);
    const body: Body = { name: name.value, category: category.value, source: source.value };
    const optional: Array<[string, string]> = [['dose', dose.value], ['schedule', schedule.value],
      ['start_date', start.value], ['stop_date', stop.value], ['code_system', codeSystem.value], ['code', code.value],
      ['note', note.value]];
    for (const [k, v] of optional) if (v) body[k] = v;
    const m = await api.addMedication(patientId, body);
    announce(`${m.name} was added.`);
    onDone();
  });
  ctl.form.append(
    h('div', { class: 'form-grid' }, name.wrap, category.wrap, dose.wrap, schedule.wrap, source.wrap, start.wrap, stop.wrap),
    h('details', { class: 'more' }, h('summary', {}, 'Coding (optional)'),
      h('div', { class: 'form-grid' }, codeSystem.wrap, code.wrap)),
    note.wrap,
    h('datalist', { id: 'code-systems' }, h('option', { value: 'http://www.nlm.nih.gov/research/umls/rxnorm' }, 'RxNorm')),
    h('div', { class: 'form-actions' }, ctl.submitButton()));
  return ctl.form;
}

function isCurrent(m: Medication, today: string): boolean {
  return (!m.start_date || m.start_date <= today) && (!m.stop_date || m.stop_date >= today);
}

function medRow(m: Medication): HTMLElement {
  return h('tr', { 'data-medication-id': m.id },
    h('th', { scope: 'row' }, m.name, catalogMatchNote(m.catalog_match)),
    h('td', {}, humanize(m.category)),
    h('td', {}, fmtQuantity(m.dose)),
    h('td', {}, m.schedule),
    h('td', {}, m.source === 'prescribed' ? badge('Prescribed', 'info') : badge('Self-reported', 'muted')),
    h('td', {}, [m.start_date ? `from ${fmtDate(m.start_date)}` : '', m.stop_date ? ` until ${fmtDate(m.stop_date)}` : ''].join('')),
    h('td', {}, m.note));
}

function medTable(list: Medication[], caption: string): HTMLElement {
  return scrollTable(`Medicines, ${caption.toLowerCase()}`, h('table', { class: 'table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Dose', 'Schedule', 'Source', 'Dates', 'Note']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map(medRow))));
}

export function medicationsSection(patientId: number, meds: Medication[], today: string, refresh: () => void): HTMLElement {
  const current = meds.filter((m) => isCurrent(m, today));
  const past = meds.filter((m) => !isCurrent(m, today));
  return section('medications', 'Medicines, supplements and therapies',
    current.length ? medTable(current, 'Current') : h('p', { class: 'muted' }, 'None recorded.'),
    past.length ? medTable(past, 'Past or not yet started') : null,
    h('details', { class: 'add-panel no-print' }, h('summary', { class: 'btn' }, 'Add a medicine or therapy'),
      medicationForm(patientId, refresh)));
}
