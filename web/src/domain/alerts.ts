// Alerts as the clinician works through them: the most urgent first, then
// the newest; what each severity and status is called; what can be done next.
import type { Alert, AlertSeverity, AlertStatus } from '../types';

const RANK: Record<string, number> = { urgent: 0, warning: 1, info: 2 };

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { urgent: 'Urgent', warning: 'Warning', info: 'For information' };
export const STATUS_LABELS: Record<AlertStatus, string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

export function severityLabel(s: string): string {
  return SEVERITY_LABELS[s as AlertSeverity] ?? s;
}

export function statusLabel(s: string): string {
  return STATUS_LABELS[s as AlertStatus] ?? s;
}

// Urgent before warning before information; within one severity the newest first.
export function sortAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => (RANK[a.severity] ?? 9) - (RANK[b.severity] ?? 9)
    || Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

// Open and acknowledged alerts still need someone; resolved ones are history.
export function isActive(a: Alert): boolean {
  return a.status !== 'resolved';
}

export function nextActions(a: Alert): Array<'acknowledged' | 'resolved'> {
  if (a.status === 'open') return ['acknowledged', 'resolved'];
  if (a.status === 'acknowledged') return ['resolved'];
  return [];
}

export function countText(alerts: Alert[]): string {
  const active = alerts.filter(isActive);
  const urgent = active.filter((a) => a.severity === 'urgent').length;
  if (!active.length) return 'No open alerts.';
  return `${active.length} alert${active.length === 1 ? '' : 's'} to see to`
    + (urgent ? `, ${urgent} urgent.` : '.');
}

export interface AlertGroup {
  head: Alert;
  rest: Alert[];
}

// The same rule firing again and again for one patient ("No check-in" every
// few days) folds under its newest alert, per status; the input is sorted.
export function groupAlerts(sorted: Alert[]): AlertGroup[] {
  const groups: AlertGroup[] = [];
  const byKey = new Map<string, AlertGroup>();
  for (const a of sorted) {
    if (!isActive(a)) {
      groups.push({ head: a, rest: [] });
      continue;
    }
    const key = `${a.patient_id}|${a.rule_id}|${a.severity}|${a.status}`;
    const g = byKey.get(key);
    if (g) {
      g.rest.push(a);
    } else {
      const fresh = { head: a, rest: [] };
      byKey.set(key, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}
