// The monitoring badges beside a patient's name in the patient list.
import type { Patient } from '../types';

export interface BadgeSpec {
  text: string;
  tone: 'urgent' | 'warn' | 'info';
  key: 'urgent_alerts' | 'open_alerts' | 'overdue_reviews';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// Open alerts include the urgent ones; each count appears once.
export function patientBadges(p: Pick<Patient, 'open_alerts' | 'urgent_alerts' | 'overdue_reviews'>): BadgeSpec[] {
  const open = p.open_alerts ?? 0;
  const urgent = p.urgent_alerts ?? 0;
  const other = Math.max(0, open - urgent);
  const overdue = p.overdue_reviews ?? 0;
  const out: BadgeSpec[] = [];
  if (urgent) out.push({ key: 'urgent_alerts', tone: 'urgent', text: plural(urgent, 'urgent alert', 'urgent alerts') });
  if (other) {
    out.push({ key: 'open_alerts', tone: 'warn',
      text: urgent ? plural(other, 'other alert', 'other alerts') : plural(other, 'open alert', 'open alerts') });
  }
  if (overdue) out.push({ key: 'overdue_reviews', tone: 'info', text: plural(overdue, 'review overdue', 'reviews overdue') });
  return out;
}
