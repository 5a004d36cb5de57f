// The audit log as people read it: what an action code means, how an
// outcome reads, and the filters kept in the page's address.
import type { AuditEvent } from '../types';

const ACTIONS: Record<string, string> = {
  'auth.login': 'Logged in',
  'auth.logout': 'Logged out',
  'auth.logout_everywhere': 'Logged out everywhere',
  'auth.token_create': 'Created an API token',
  'auth.token_revoke': 'Revoked an API token',
  'audit.read': 'Read the audit log',
  'user.list': 'Listed the accounts',
  'user.create': 'Added an account',
  'user.disable': 'Disabled an account',
  'user.enable': 'Enabled an account',
  'user.reset_password': 'Reset a password',
  'user.unlock': 'Unlocked an account',
  'care_team.add': 'Added to the care team',
  'patient.list': 'Listed patients',
  'patient.create': 'Added a patient',
  'patient.read': 'Read the patient record',
  'patient.update': 'Changed the patient record',
  'patient.screen': 'Screened the regimens',
  'patient.timeline': 'Read the timeline',
  'medication.list': 'Read the medicines',
  'medication.create': 'Added a medicine',
  'medication.update': 'Changed a medicine',
  'regimen.list': 'Read the regimens',
  'regimen.read': 'Read a regimen',
  'regimen.create': 'Created a regimen',
  'regimen.revise': 'Saved a regimen version',
  'regimen.stop': 'Stopped a regimen',
  'regimen.screen': 'Screened a proposed regimen',
  'dose_event.list': 'Read the dose log',
  'dose_event.create': 'Logged a dose',
  'observation.list': 'Read the observations',
  'observation.create': 'Recorded an observation',
  'response.create': 'Recorded a questionnaire',
  'prediction.view': 'Viewed the predicted concentrations',
  'circadian_plan.list': 'Read the circadian plans',
  'circadian_plan.read': 'Read a circadian plan',
  'circadian_plan.create': 'Saved a circadian plan',
  'alert.list': 'Read the alerts',
  'alert.inbox': 'Read the alert inbox',
  'alert.status': 'Acknowledged or resolved an alert',
  'review.list': 'Read the follow-up reviews',
  'questionnaire.schedule': 'Read the questionnaire schedule',
  'review.overdue': 'Read the overdue reviews',
  'review.done': 'Marked a review done',
  'review.moved': 'Moved a review',
  'review.cancelled': 'Cancelled a review',
  'adherence.read': 'Read the adherence',
  'titration.list': 'Read the titration proposals',
  'titration.propose': 'Asked for a titration proposal',
  'titration.approve': 'Approved a titration proposal',
  'titration.reject': 'Rejected a titration proposal',
};

// "patient.read" reads "Read the patient record"; an unknown code such as
// "alert.set_status" reads "Alert: set status".
export function actionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const [head, ...rest] = action.split('.');
  const words = (s: string) => s.replace(/[_-]+/g, ' ').trim();
  const first = words(head);
  const cap = first.charAt(0).toUpperCase() + first.slice(1);
  return rest.length ? `${cap}: ${words(rest.join(' '))}` : cap;
}

export type Tone = 'ok' | 'warn' | 'danger';

// An outcome is "ok" or the name of the status the action failed with.
export function outcomeText(outcome: string): string {
  if (outcome === 'ok') return 'Done';
  const s = outcome.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function outcomeTone(outcome: string): Tone {
  if (outcome === 'ok') return 'ok';
  if (['permission_denied', 'unauthenticated', 'not_found'].includes(outcome)) return 'danger';
  return 'warn';
}

export interface AuditFilter {
  patient: string;
  actor: string;
  outcome: 'all' | 'failed';
  limit: number;
}

export const AUDIT_LIMITS = [50, 100, 200, 500, 1000];
export const DEFAULT_LIMIT = 100;

export function filterFromQuery(q: URLSearchParams): AuditFilter {
  const limit = Number(q.get('limit'));
  return {
    patient: (q.get('patient_id') ?? '').trim(),
    actor: (q.get('actor') ?? '').trim(),
    outcome: q.get('outcome') === 'failed' ? 'failed' : 'all',
    limit: AUDIT_LIMITS.includes(limit) ? limit : DEFAULT_LIMIT,
  };
}

// The hash route of a filter ("/audit?patient_id=3&actor=dr.demo"); defaults are left out.
export function filterToPath(f: AuditFilter): string {
  const q = new URLSearchParams();
  if (f.patient) q.set('patient_id', f.patient);
  if (f.actor) q.set('actor', f.actor);
  if (f.outcome !== 'all') q.set('outcome', f.outcome);
  if (f.limit !== DEFAULT_LIMIT) q.set('limit', String(f.limit));
  const s = q.toString();
  return '/audit' + (s ? '?' + s : '');
}

// Why a patient filter cannot be sent, or null when it can.
export function patientFilterProblem(text: string): string | null {
  if (!text) return null;
  return /^[1-9]\d{0,17}$/.test(text) ? null : 'must be a patient id (a whole number such as 3)';
}

// The outcome filter runs on the entries the API sent.
export function applyOutcome(events: AuditEvent[], outcome: AuditFilter['outcome']): AuditEvent[] {
  return outcome === 'failed' ? events.filter((e) => e.outcome !== 'ok') : events;
}

// The records an entry read or wrote ("dose_event:12"), as a short text: a
// few are listed, a long list read is counted after its first ones.
export function recordsText(ids: readonly string[], shown = 3): string {
  if (!ids.length) return '';
  const head = ids.slice(0, shown).map((id) => id.replace('_', ' ').replace(':', ' #'));
  return ids.length <= shown ? head.join(', ') : `${ids.length} records: ${head.join(', ')}, …`;
}
