// The audit log, for administrators: who did what, as which role, when (in
// this browser's time zone), to which patient, from where and with what
// outcome. Filters by patient and user go to the API; they live in the
// address (#/audit?patient_id=3&actor=dr.demo) so a view can be shared.
import { api, ApiError } from '../api';
import { clear, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import {
  actionLabel, applyOutcome, AUDIT_LIMITS, type AuditFilter, filterFromQuery, filterToPath, outcomeText, outcomeTone, recordsText,
  patientFilterProblem,
} from '../domain/audit';
import { currentQuery } from '../router';
import type { AuditEvent } from '../types';
import { browserZone, fmtDateTimeSeconds, zoneAbbrev } from '../time';
import { humanize, pageTitle, section } from './common';

const OUTCOMES: Array<[string, string]> = [['all', 'Every outcome'], ['failed', 'Refused or failed only']];

function row(e: AuditEvent, tz: string, f: AuditFilter): HTMLElement {
  const tone = outcomeTone(e.outcome);
  return h('tr', { 'data-audit-id': e.id, 'data-action': e.action, 'data-outcome': e.outcome },
    h('td', { class: 'nowrap' }, h('time', { datetime: e.at }, fmtDateTimeSeconds(e.at, tz))),
    h('th', { scope: 'row' }, e.actor
      ? h('a', { href: '#' + filterToPath({ ...f, actor: e.actor }),
        title: `Only the entries of ${e.actor}` }, e.actor)
      : h('span', { class: 'muted' }, 'unknown')),
    h('td', {}, humanize(e.role)),
    h('td', {}, actionLabel(e.action), h('code', { class: 'code-small' }, e.action)),
    h('td', {}, e.patient_id === null ? '' : h('a', {
      href: '#' + filterToPath({ ...f, patient: String(e.patient_id) }),
      title: `Only the entries about patient #${e.patient_id}`,
    }, `#${e.patient_id}`)),
    h('td', { class: 'mono' }, e.address),
    h('td', {}, h('span', { class: `badge badge-${tone === 'danger' ? 'danger' : tone}` }, outcomeText(e.outcome))),
    h('td', { class: 'detail' }, e.detail,
      e.record_ids?.length ? h('div', { class: 'muted', title: e.record_ids.join(', ') }, recordsText(e.record_ids)) : ''));
}

export async function auditView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const filter = filterFromQuery(currentQuery());
  const tz = browserZone();
  const ctl = new FormController({ class: 'form filters', 'data-form': 'audit-filter', 'aria-label': 'Filter the audit log' },
    'Show entries');
  const patient = ctl.add(field({ name: 'patient_id', label: 'Patient record number', value: filter.patient,
    hint: 'Only what was done to this patient’s record.', attrs: { inputmode: 'numeric', autocomplete: 'off' } }));
  const actor = ctl.add(field({ name: 'actor', label: 'User', value: filter.actor, hint: 'Only what this username did.',
    attrs: { list: 'audit-users', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' } }));
  const outcome = ctl.add(field({ name: 'outcome', label: 'Outcome', type: 'select', options: OUTCOMES, value: filter.outcome }));
  const limit = ctl.add(field({ name: 'limit', label: 'Newest entries', type: 'select', value: String(filter.limit),
    options: AUDIT_LIMITS.map((n) => [String(n), String(n)]) }));
  const users = h('datalist', { id: 'audit-users' });

  const body = h('tbody', {});
  const summary = h('p', { class: 'muted', id: 'audit-count', 'aria-live': 'polite' });
  const load = async (f: AuditFilter): Promise<void> => {
    const problem = patientFilterProblem(f.patient);
    if (problem) throw invalid('patient_id', problem);
    const events = (await api.audit({ patient_id: f.patient ? Number(f.patient) : undefined, actor: f.actor || undefined,
      limit: f.limit })).items;
    const shown = applyOutcome(events, f.outcome);
    clear(body);
    shown.forEach((e) => body.append(row(e, tz, f)));
    if (!shown.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No entry matches these filters.')));
    const scope = [f.patient ? `patient #${f.patient}` : '', f.actor ? `by ${f.actor}` : '',
      f.outcome === 'failed' ? 'refused or failed' : ''].filter(Boolean).join(', ');
    summary.textContent = `${shown.length} entr${shown.length === 1 ? 'y' : 'ies'}${scope ? ` (${scope})` : ''}, newest first`
      + (events.length >= f.limit ? `; only the newest ${f.limit} were asked for.` : '.');
  };

  ctl.onSubmit(async () => {
    const f: AuditFilter = { patient: patient.value, actor: actor.value, outcome: outcome.value === 'failed' ? 'failed' : 'all',
      limit: Number(limit.value) };
    await load(f);
    const path = '#' + filterToPath(f);
    if (location.hash !== path) history.pushState(null, '', path);
  });
  const clearLink = h('a', { class: 'btn', href: '#/audit' }, 'Clear filters');
  ctl.form.append(
    h('div', { class: 'form-grid' }, patient.wrap, actor.wrap, outcome.wrap, limit.wrap), users,
    h('div', { class: 'form-actions' }, ctl.submitButton(), clearLink));

  // The usernames for the user filter, asked for when the field is first used
  // (reading the accounts is itself an audited action).
  actor.input.addEventListener('focus', () => {
    if (users.childElementCount || users.dataset.asked) return;
    users.dataset.asked = 'true';
    void api.listUsers().then((r) => r.items.forEach((u) => users.append(h('option', { value: u.username }))))
      .catch(() => undefined);
  });
  try {
    await load(filter);
  } catch (err) {
    if (!(err instanceof ApiError) || !err.field) throw err;
    ctl.showError(err);
    body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'Fix the filter to see entries.')));
  }

  main.append(
    pageTitle('Audit log', h('div', { class: 'head-actions' }, h('a', { class: 'btn', href: '#/admin' }, 'Accounts'))),
    h('p', { class: 'muted page-intro' }, 'Every read and change of a patient’s record, every login and every account '
      + 'change, as it happened. Entries are never changed or removed.'),
    section('audit-filters', 'Filters', ctl.form),
    section('audit-entries', 'Entries', summary,
      h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact audit-table', id: 'audit' },
        h('caption', { class: 'visually-hidden' }, 'Audit log entries, newest first'),
        h('thead', {}, h('tr', {}, [`When (${zoneAbbrev(tz)})`, 'Who', 'Role', 'Action', 'Patient', 'Address', 'Outcome',
          'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
        body))));
}
