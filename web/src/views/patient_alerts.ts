// The patient page's alerts: those still to see to up front, the resolved
// ones folded below.
import { h } from '../dom';
import { countText, groupAlerts, isActive, sortAlerts } from '../domain/alerts';
import type { Alert } from '../types';
import { alertCard } from './alert_card';
import { section } from './common';
import type { Records } from './evidence';

export function patientAlertsSection(alerts: Alert[], records: Records, refresh: () => void): HTMLElement {
  const sorted = sortAlerts(alerts);
  const active = sorted.filter(isActive);
  const resolved = sorted.filter((a) => !isActive(a));
  const cards = (list: Alert[]) => groupAlerts(list).map((g) => alertCard(g.head, { records, onChanged: refresh }, g.rest));
  return section('alerts', 'Alerts',
    h('p', { class: active.length ? 'alert-summary' : 'muted' }, countText(alerts)),
    h('div', { class: 'alert-list' }, cards(active)),
    resolved.length ? h('details', { class: 'history' }, h('summary', {}, `Resolved alerts (${resolved.length})`),
      h('div', { class: 'alert-list' }, cards(resolved))) : null);
}
