// Regimens with their whole history: the current version up front, every
// version in a table below, and the editor in place.
import { announce, clear, h } from '../dom';
import { fmtQuantity } from '../domain/quantity';
import type { Regimen, RegimenVersion } from '../types';
import { fmtDate, fmtDateTime } from '../time';
import { badge, dl, scrollTable, section } from './common';
import { cosignForm } from './cosign_form';
import { FREQUENCIES, regimenEditor, stopForm } from './regimen_form';
import { overridesBlock, versionScreening } from './screening';

export interface RegimenContext {
  patientId: number;
  tz: string;
  regimens: Regimen[];
  refresh: () => void;
}

const freqLabel = (f: string) => FREQUENCIES.find(([v]) => v === f)?.[1] ?? f;

export function titrationText(v: RegimenVersion): string {
  return v.titration.map((s) => `from day ${s.after_days}: ${fmtQuantity(s.dose)}`).join('; ');
}

export function scheduleText(v: RegimenVersion): string {
  const times = v.times_of_day.length ? ` at ${v.times_of_day.join(', ')}` : '';
  return `${fmtQuantity(v.dose)} ${v.formulation}${times}, ${freqLabel(v.frequency).toLowerCase()}`;
}

function historyTable(r: Regimen, tz: string): HTMLElement {
  return scrollTable(`Versions of ${r.substance}`, h('table', { class: 'table table-compact', 'data-history': r.id },
    h('caption', {}, `Every version of ${r.substance}, newest first`),
    h('thead', {}, h('tr', {}, ['Version', 'Status', 'Schedule', 'From', 'Until', 'Titration', 'Reason', 'Safety screening', 'Recorded']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, [...r.versions].reverse().map((v) => h('tr', { 'data-version': v.version },
      h('th', { scope: 'row' }, `v${v.version}`),
      h('td', {}, v.status),
      h('td', {}, scheduleText(v)),
      h('td', {}, fmtDate(v.start_date)),
      h('td', {}, fmtDate(v.end_date)),
      h('td', {}, titrationText(v)),
      h('td', {}, v.reason),
      h('td', { class: 'cell-screening' }, versionScreening(v.screening, tz) ?? (v.screening ? 'No findings' : '')),
      h('td', {}, `${fmtDateTime(v.created_at, tz)}, ${v.created_by}`))))));
}

function regimenCard(r: Regimen, ctx: RegimenContext, openEditor: (el: HTMLElement) => void): HTMLElement {
  const v = r.current;
  const actions = h('div', { class: 'card-actions no-print' });
  const editorSlot = h('div', { class: 'editor-slot' });
  const done = (_: Regimen, message: string) => { announce(message); ctx.refresh(); };
  const close = () => clear(editorSlot);
  if (r.status === 'pending') {
    const cosign = h('button', { type: 'button', class: 'btn btn-primary' }, 'Co-sign');
    cosign.addEventListener('click', () => {
      openEditor(editorSlot);
      editorSlot.appendChild(cosignForm({ patientId: ctx.patientId, regimen: r, onDone: done, onCancel: close }));
      editorSlot.querySelector<HTMLElement>('textarea')?.focus();
    });
    actions.append(cosign);
  }
  if (r.status !== 'stopped') {
    const revise = h('button', { type: 'button', class: 'btn' }, 'New version');
    revise.addEventListener('click', () => {
      openEditor(editorSlot);
      editorSlot.appendChild(regimenEditor({ patientId: ctx.patientId, tz: ctx.tz, regimen: r, onDone: done, onCancel: close }));
      editorSlot.querySelector<HTMLElement>('input, select')?.focus();
    });
    const stop = h('button', { type: 'button', class: 'btn btn-danger-quiet' }, 'Stop');
    stop.addEventListener('click', () => {
      openEditor(editorSlot);
      editorSlot.appendChild(stopForm({ patientId: ctx.patientId, tz: ctx.tz, regimen: r, onDone: done, onCancel: close }));
      editorSlot.querySelector<HTMLElement>('input, textarea')?.focus();
    });
    actions.append(revise, stop);
  }
  return h('article', { class: `regimen regimen-${r.status}`, 'data-regimen-id': r.id, 'data-version': r.current_version },
    h('header', { class: 'regimen-head' },
      h('h3', {}, r.substance, ' ', h('span', { class: 'version-tag' }, `version ${r.current_version}`)),
      r.status === 'pending' ? badge('Waiting for a second signature', 'warn')
        : badge(r.status === 'active' ? 'Active' : 'Stopped', r.status === 'active' ? 'ok' : 'muted')),
    r.status === 'pending'
      ? h('p', { class: 'pending-note' }, 'A contraindicated finding was overridden. A second clinician must co-sign ' +
        'before anything is scheduled for the patient.')
      : null,
    dl([
      ['Schedule', scheduleText(v)],
      ['Indication', v.indication],
      ['Since', fmtDate(v.start_date)],
      ['Until', fmtDate(v.end_date)],
      ['Titration', titrationText(v)],
    ]),
    overridesBlock(v.screening, ctx.tz),
    actions, editorSlot,
    h('details', { class: 'history' }, h('summary', {}, `History (${r.versions.length} version${r.versions.length === 1 ? '' : 's'})`),
      historyTable(r, ctx.tz)));
}

export function regimensSection(ctx: RegimenContext): HTMLElement {
  const slots = new Set<HTMLElement>();
  // One editor at a time, so their fields and lists never clash.
  const openEditor = (slot: HTMLElement) => { slots.forEach(clear); slots.add(slot); };
  const newSlot = h('div', { class: 'editor-slot' });
  const add = h('button', { type: 'button', class: 'btn btn-primary no-print' }, 'New regimen');
  add.addEventListener('click', () => {
    openEditor(newSlot);
    newSlot.appendChild(regimenEditor({
      patientId: ctx.patientId, tz: ctx.tz,
      onDone: (_, m) => { announce(m); ctx.refresh(); },
      onCancel: () => clear(newSlot),
    }));
    newSlot.querySelector<HTMLElement>('input')?.focus();
  });
  const active = ctx.regimens.filter((r) => r.status !== 'stopped');
  const stopped = ctx.regimens.filter((r) => r.status === 'stopped');
  return section('regimens', 'Regimens',
    h('div', { class: 'section-actions' }, add), newSlot,
    ctx.regimens.length ? null : h('p', { class: 'muted' }, 'No regimen yet.'),
    h('div', { class: 'regimen-list' }, active.map((r) => regimenCard(r, ctx, openEditor))),
    stopped.length ? h('h3', { class: 'subhead' }, 'Stopped') : null,
    h('div', { class: 'regimen-list' }, stopped.map((r) => regimenCard(r, ctx, openEditor))));
}
