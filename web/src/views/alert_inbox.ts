// The clinician's inbox (#/alerts): the alerts of every patient on their
// care teams, urgent first, and the follow-up reviews that are overdue.
import { api } from '../api';
import { clear, h } from '../dom';
import { countText, groupAlerts, isActive, sortAlerts } from '../domain/alerts';
import { sortReviews } from '../domain/reviews';
import { currentQuery } from '../router';
import type { Alert, AlertStatus, ReviewItem } from '../types';
import { browserZone, fmtDate } from '../time';
import { alertCard } from './alert_card';
import { pageTitle, section } from './common';

// "To see to" is open and acknowledged: an acknowledged alert still waits to be resolved.
type Shown = 'active' | AlertStatus | 'all';
const SHOW: Array<[Shown, string]> = [
  ['active', 'Open or acknowledged'], ['open', 'Open'], ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'], ['all', 'All'],
];

function overdueTable(items: ReviewItem[]): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, 'No review is overdue.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'overdue-reviews' },
    h('caption', { class: 'visually-hidden' }, 'Overdue reviews'),
    h('thead', {}, h('tr', {}, ['Patient', 'Regimen', 'Due', 'Overdue by', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, sortReviews(items).map((r) => h('tr', { 'data-patient-id': r.patient_id ?? '', 'data-regimen-id': r.regimen_id },
      h('th', { scope: 'row' }, h('a', { href: `#/patients/${r.patient_id}` }, r.patient_name ?? `#${r.patient_id}`)),
      h('td', { class: 'substance' }, r.substance),
      h('td', { class: 'nowrap' }, fmtDate(r.date)),
      h('td', {}, `${r.days_overdue} day${r.days_overdue === 1 ? '' : 's'}`),
      h('td', {}, r.reason))))));
}

export async function alertInboxView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const asked = currentQuery().get('status') as Shown | null;
  let shown: Shown = SHOW.some(([v]) => v === asked) ? (asked as Shown) : 'active';
  const tz = browserZone();
  const list = h('div', { class: 'alert-list', id: 'alert-list' });
  const count = h('p', { class: 'muted', id: 'alert-count', 'aria-live': 'polite' });
  const select = h('select', { id: 'alert-filter', name: 'status' },
    SHOW.map(([v, l]) => h('option', { value: v, selected: v === shown }, l)));

  let seq = 0;
  const load = async (): Promise<void> => {
    const mine = ++seq;
    const got = (await api.inbox(shown === 'active' ? 'all' : shown)).items;
    const alerts = sortAlerts(shown === 'active' ? got.filter(isActive) : got);
    if (mine !== seq) return;
    clear(list);
    const reload = (a: Alert) => {
      void load().then(() => list.querySelector<HTMLElement>(`[data-alert-id="${a.id}"] button`)?.focus());
    };
    groupAlerts(alerts).forEach((g) => list.append(alertCard(g.head, { records: { tz }, showPatient: true, onChanged: reload },
      g.rest)));
    count.textContent = shown === 'active' ? countText(alerts)
      : `${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${SHOW.find(([v]) => v === shown)?.[1].toLowerCase()}).`;
    if (!alerts.length) list.append(h('p', { class: 'muted empty' }, shown === 'active' ? 'Nothing needs you now.' : 'None.'));
    const hash = `#/alerts${shown === 'active' ? '' : `?status=${shown}`}`;
    if (location.hash !== hash && location.hash.startsWith('#/alerts')) history.replaceState(null, '', hash);
  };
  select.addEventListener('change', () => {
    shown = select.value as Shown;
    void load();
  });

  const [overdue] = await Promise.all([api.overdueReviews(), load()]);
  main.append(
    pageTitle('Alerts'),
    section('inbox', 'Alerts of my patients',
      h('div', { class: 'filter-bar' }, h('label', { for: 'alert-filter' }, 'Show'), select),
      h('p', { class: 'hint' }, 'Urgent first, then the newest. Acknowledge an alert to say you are on it; resolve it with '
        + 'a note once it is dealt with.'),
      count, list),
    section('overdue', 'Overdue reviews', overdueTable(overdue.items)));
}
