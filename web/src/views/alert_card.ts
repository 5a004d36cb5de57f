// One alert: what it says, what it rests on, who did what about it, and the
// acknowledge / resolve forms. Shown in the inbox and on the patient page.
// Earlier alerts of the same rule for the same patient fold under it and can
// be acknowledged or resolved with it.
import { api } from '../api';
import { announce, clear, h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import { nextActions, severityLabel, statusLabel } from '../domain/alerts';
import type { Alert } from '../types';
import { fmtDateTime } from '../time';
import { badge } from './common';
import { evidenceList, type Records, sourcesList } from './evidence';

export interface AlertCardOptions {
  records: Records;
  showPatient?: boolean;
  onChanged: (a: Alert) => void;
}

type Next = 'acknowledged' | 'resolved';
const VERBS = { acknowledged: 'Acknowledge', resolved: 'Resolve' } as const;

function statusForm(a: Alert, rest: Alert[], status: Next, onDone: (a: Alert) => void, onCancel: () => void): HTMLElement {
  const resolving = status === 'resolved';
  const ctl = new FormController({ class: 'form', 'data-form': `alert-${resolving ? 'resolve' : 'acknowledge'}`,
    'aria-label': `${VERBS[status]} ${a.title}` }, resolving ? 'Resolve alert' : 'Acknowledge alert');
  const note = ctl.add(field({ name: 'note', label: resolving ? 'What was done' : 'Note', type: 'textarea',
    required: resolving, hint: resolving ? 'Required: how the alert was dealt with; kept in its history.'
      : 'Optional, e.g. “calling the patient today”.' }));
  const others = rest.filter((x) => nextActions(x).includes(status));
  const alsoOthers = others.length ? ctl.add(field({ name: 'with_earlier', type: 'checkbox', checked: true,
    label: `Also ${resolving ? 'resolve' : 'acknowledge'} the ${others.length} earlier alert${others.length === 1 ? '' : 's'} `
      + 'like this one, with the same note' })) : null;
  ctl.onSubmit(async () => {
    if (resolving) requireFields(note);
    const changed = await api.setAlertStatus(a.patient_id, a.id, status, note.value);
    let n = 1;
    if (alsoOthers?.checked) {
      for (const x of others) {
        await api.setAlertStatus(x.patient_id, x.id, status, note.value);
        n += 1;
      }
    }
    announce(`${changed.title}: ${statusLabel(changed.status).toLowerCase()}${n > 1 ? ` (${n} alerts)` : ''}.`);
    onDone(changed);
  });
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  cancel.addEventListener('click', onCancel);
  ctl.form.append(note.wrap, alsoOthers?.wrap ?? '', h('div', { class: 'form-actions' }, ctl.submitButton(), cancel));
  return h('div', { class: 'editor' }, ctl.form);
}

function historyList(a: Alert, tz: string): HTMLElement | null {
  if (!a.history?.length) return null;
  return h('div', { class: 'alert-history' }, h('span', { class: 'finding-label' }, 'History'),
    h('ol', { class: 'status-history' }, a.history.map((e) => h('li', { 'data-status': e.status },
      h('strong', {}, statusLabel(e.status)), ' ',
      h('span', { class: 'muted' }, `by ${e.by}, ${fmtDateTime(e.at, tz)}`),
      e.note ? [': ', h('q', {}, e.note)] : null))));
}

function earlierList(rest: Alert[], tz: string): HTMLElement | null {
  if (!rest.length) return null;
  return h('details', { class: 'history alert-earlier' },
    h('summary', {}, `${rest.length} earlier alert${rest.length === 1 ? '' : 's'} like this one`),
    h('ul', { class: 'earlier-list' }, rest.map((x) => h('li', { 'data-alert-id': x.id },
      h('time', { datetime: x.created_at, class: 'muted' }, fmtDateTime(x.created_at, tz)), ' ', x.message))));
}

export function alertCard(a: Alert, o: AlertCardOptions, rest: Alert[] = []): HTMLElement {
  const tz = o.records.tz;
  const slot = h('div', { class: 'editor-slot' });
  const actions = h('div', { class: 'alert-actions no-print' });
  const buttons: HTMLButtonElement[] = [];
  for (const status of nextActions(a)) {
    const b = h('button', { type: 'button', class: status === 'acknowledged' ? 'btn btn-small btn-primary' : 'btn btn-small',
      'aria-expanded': 'false' }, VERBS[status]);
    b.addEventListener('click', () => {
      clear(slot);
      buttons.forEach((x) => x.setAttribute('aria-expanded', String(x === b)));
      slot.append(statusForm(a, rest, status, o.onChanged, () => {
        clear(slot);
        b.setAttribute('aria-expanded', 'false');
        b.focus();
      }));
      slot.querySelector<HTMLElement>('textarea')?.focus();
    });
    buttons.push(b);
    actions.append(b);
  }
  const last = a.history?.[a.history.length - 1];
  const details = [evidenceList(a.evidence ?? [], o.records), sourcesList(a.refs ?? []), historyList(a, tz)]
    .filter((x): x is HTMLElement => x !== null);
  return h('article', { class: `alert-card alert-${a.severity} alert-status-${a.status}`, 'data-alert-id': a.id,
    'data-severity': a.severity, 'data-status': a.status, 'data-rule': a.rule_id, 'data-repeats': rest.length || null },
  h('header', { class: 'alert-head' },
    h('span', { class: `badge ${a.severity === 'urgent' ? 'badge-urgent' : a.severity === 'warning' ? 'badge-warn' : 'badge-info'}` },
      severityLabel(a.severity)),
    h('h3', {}, a.title),
    badge(statusLabel(a.status), a.status === 'resolved' ? 'ok' : a.status === 'acknowledged' ? 'info' : 'muted')),
  o.showPatient ? h('p', { class: 'alert-patient' }, h('a', { href: `#/patients/${a.patient_id}` },
    a.patient_name ?? `Patient #${a.patient_id}`)) : null,
  h('p', { class: 'alert-message' }, a.message),
  a.escalation
    ? h('p', { class: `alert-escalation${a.escalation.escalated ? ' escalated' : ''}`,
      'data-escalated': String(a.escalation.escalated) },
    a.escalation.escalated
      ? `Escalated to the whole care team: not acknowledged by ${fmtDateTime(a.escalation.due_at, tz)}.`
      : `Escalates to the whole care team at ${fmtDateTime(a.escalation.due_at, tz)} unless acknowledged.`)
    : null,
  h('div', { class: 'alert-foot' },
    h('p', { class: 'alert-when muted' }, `Raised ${fmtDateTime(a.created_at, tz)}`,
      last && last.status !== 'open' ? ` · ${statusLabel(last.status).toLowerCase()} by ${last.by}, ${fmtDateTime(last.at, tz)}` : ''),
    actions),
  details.length ? h('details', { class: 'history alert-details' },
    h('summary', {}, 'Evidence, sources and history'), details) : null,
  earlierList(rest, tz),
  slot);
}
