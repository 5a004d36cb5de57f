// A thin typed client for /api/v1. Every failure becomes an ApiError that
// carries the API's {"error": {"code", "message", "field"}}.
import type {
  Adherence, Alert, AlertStatus, AuditEvent, CalendarFeed, CircadianPlan, DoseEvent, InstrumentDef, Items, Medication, Paged, Observation, Patient,
  PatientPage, Prediction, Proposal, Questionnaires, RecordedResponse, Simulation, Reference, Regimen, ReviewItem, ReviewRecord, Reviews,
  Screening, TimelineEntry, User,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Body = Record<string, unknown>;

const BASE = '/api/v1';

// A browser session is the HttpOnly cookie the login sets plus a CSRF token
// that every change must echo. The login's answer carries the token; a tab
// opened later learns it from /auth/me (views/session.ts).
const CSRF_KEY = 'pineal.csrf';

export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}


// A POST that creates or changes something carries an Idempotency-Key, so
// that resending it after a lost answer never writes twice; the same key is
// reused for this call's own retries. Auth and account routes refuse keys.
// Making a calendar link refuses one too: its answer holds the link's token.
function takesIdempotencyKey(method: string, path: string): boolean {
  return method === 'POST' && !path.startsWith('/auth/') && !path.startsWith('/users') &&
    !path.endsWith('/calendar-feeds');
}

// crypto.randomUUID needs a secure context; getRandomValues does not.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Delays before resending a keyed request whose answer was lost.
const RETRY_DELAYS_MS = [400, 1600];

async function request<T>(method: string, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body) headers['Content-Type'] = 'application/json';
  const csrf = sessionStorage.getItem(CSRF_KEY);
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const keyed = takesIdempotencyKey(method, path);
  if (keyed) headers['Idempotency-Key'] = newIdempotencyKey();
  let res: Response | undefined;
  for (let attempt = 0; res === undefined; ++attempt) {
    try {
      res = await fetch(BASE + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      // Only a keyed request is safe to send again: the server answers a
      // repeat with the first answer.
      if (!keyed || attempt >= RETRY_DELAYS_MS.length) {
        throw new ApiError(0, 'network', 'pineal could not be reached; check the connection and try again');
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
  if (res === undefined) throw new ApiError(0, 'network', 'pineal could not be reached');
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'bad_response', `unexpected answer from the server (HTTP ${res.status})`);
  }
  if (res.status === 401 && !path.startsWith('/auth/')) {
    document.dispatchEvent(new CustomEvent('auth-required'));
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status,
                       e?.message ?? `the request failed (HTTP ${res.status})`, e?.field, json);
  }
  return json as T;
}

// The lists the server pages (dose events, observations, the timeline,
// alerts, the audit log) answer at most MAX_PAGE items with a next_cursor;
// `allPages` follows it until the list ends, or until `max` items.
const MAX_PAGE = 500;

async function allPages<T>(path: string, max = Infinity): Promise<Items<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const limit = Math.min(MAX_PAGE, max - items.length);
    const sep = path.includes('?') ? '&' : '?';
    const page: Paged<T> = await request<Paged<T>>('GET', path + sep + query({ limit, cursor: cursor ?? undefined }).slice(1));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && items.length < max);
  return { items };
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export interface Range {
  from?: string;
  to?: string;
}

const p = (id: number) => `/patients/${id}`;
const u = (username: string) => `/users/${encodeURIComponent(username)}`;

export interface AuditQuery {
  patient_id?: number;
  actor?: string;
  limit?: number;
}

export interface Me {
  username: string;
  role: string;
  user_id: number | null;
  patient_id: number | null;
  csrf_token: string | null;  // null for an API token
}

export const api = {
  login: (username: string, password: string) =>
    request<{ csrf_token: string; user: { role: string; patient_id: number | null; display_name: string } }>(
      'POST', '/auth/login', { username, password }),
  logout: () => request<unknown>('POST', '/auth/logout', {}),
  me: () => request<Me>('GET', '/auth/me'),
  session: () => request<{ user: Me | null }>('GET', '/auth/session'),

  listPatients: (q: string, limit: number, offset: number) =>
    request<PatientPage>('GET', '/patients' + query({ q, limit, offset })),
  getPatient: (id: number) => request<Patient>('GET', p(id)),
  createPatient: (body: Body) => request<Patient>('POST', '/patients', body),
  updatePatient: (id: number, body: Body) => request<Patient>('PATCH', p(id), body),

  listMedications: (id: number) => request<Items<Medication>>('GET', p(id) + '/medications'),
  addMedication: (id: number, body: Body) => request<Medication>('POST', p(id) + '/medications', body),

  listRegimens: (id: number) => request<Items<Regimen>>('GET', p(id) + '/regimens'),
  createRegimen: (id: number, body: Body) => request<Regimen>('POST', p(id) + '/regimens', body),
  reviseRegimen: (id: number, rid: number, body: Body) =>
    request<Regimen>('POST', `${p(id)}/regimens/${rid}/versions`, body),
  screen: (id: number, body: Body) => request<Screening>('POST', p(id) + '/screen', body),
  simulateFor: (id: number, body: Body) => request<Simulation>('POST', p(id) + '/simulate', body),
  stopRegimen: (id: number, rid: number, body: Body) =>
    request<Regimen>('POST', `${p(id)}/regimens/${rid}/stop`, body),
  cosignRegimen: (id: number, rid: number, body: Body) =>
    request<Regimen>('POST', `${p(id)}/regimens/${rid}/cosign`, body),

  listDoseEvents: (id: number, r: Range = {}) =>
    allPages<DoseEvent>(p(id) + '/dose-events' + query({ ...r })),
  addDoseEvent: (id: number, body: Body) => request<DoseEvent>('POST', p(id) + '/dose-events', body),

  listObservations: (id: number, r: Range = {}) =>
    allPages<Observation>(p(id) + '/observations' + query({ ...r })),
  listCalendarFeeds: (id: number) => request<Items<CalendarFeed>>('GET', `/patients/${id}/calendar-feeds`),
  createCalendarFeed: (id: number) =>
    request<{ id: number; url: string; created_at: string }>('POST', `/patients/${id}/calendar-feeds`, {}),
  revokeCalendarFeed: (id: number, feed: number) =>
    request<CalendarFeed>('POST', `/patients/${id}/calendar-feeds/${feed}/revoke`, {}),
  questionnaires: (id: number) => request<Questionnaires>('GET', `/patients/${id}/questionnaires`),
  instrument: (name: string) => request<InstrumentDef>('GET', `/kb/instruments/${encodeURIComponent(name)}`),
  recordResponse: (id: number, body: Body) => request<RecordedResponse>('POST', `/patients/${id}/responses`, body),
  addObservation: (id: number, body: Body) =>
    request<Observation>('POST', p(id) + '/observations', body),

  timeline: (id: number, r: Range & { kinds?: string } = {}) =>
    allPages<TimelineEntry>(p(id) + '/timeline' + query({ ...r })),

  listPlans: (id: number) => request<Items<CircadianPlan>>('GET', p(id) + '/plans'),
  savePlan: (id: number, kind: 'jetlag' | 'shift', body: Body) =>
    request<CircadianPlan>('POST', `${p(id)}/plans/${kind}`, body),

  prediction: (id: number, substance: string, days = 7, subjects = 200) =>
    request<Prediction>('GET', p(id) + '/prediction' + query({ substance, days, subjects })),

  reference: (ref: string) => request<Reference>('GET', `/kb/references/${encodeURIComponent(ref)}`),

  // Accounts and the audit log (administrators).
  listUsers: () => request<Items<User>>('GET', '/users'),
  createUser: (body: Body) => request<User>('POST', '/users', body),
  setUserDisabled: (username: string, disabled: boolean) =>
    request<User>('POST', `${u(username)}/${disabled ? 'disable' : 'enable'}`, {}),
  resetPassword: (username: string, password: string) =>
    request<User>('POST', `${u(username)}/reset-password`, { password }),
  audit: (q: AuditQuery) =>
    allPages<AuditEvent>('/audit' + query({ patient_id: q.patient_id, actor: q.actor }), q.limit ?? 100),

  // Monitoring.
  inbox: (status: AlertStatus | 'all' = 'open') => allPages<Alert>('/alerts' + query({ status })),
  listAlerts: (id: number, status: AlertStatus | 'all' = 'all') =>
    allPages<Alert>(p(id) + '/alerts' + query({ status })),
  setAlertStatus: (id: number, alertId: number, status: 'acknowledged' | 'resolved', note: string) =>
    request<Alert>('POST', `${p(id)}/alerts/${alertId}/status`, { status, note }),
  listReviews: (id: number) => request<Reviews>('GET', p(id) + '/reviews'),
  recordReview: (id: number, rid: number, body: Body) =>
    request<ReviewRecord>('POST', `${p(id)}/regimens/${rid}/reviews`, body),
  overdueReviews: () => request<Items<ReviewItem>>('GET', '/reviews/overdue'),
  adherence: (id: number, r: Range = {}) => request<Adherence>('GET', p(id) + '/adherence' + query({ ...r })),
  listProposals: (id: number) => request<Items<Proposal>>('GET', p(id) + '/proposals'),
  requestProposal: (id: number, rid: number) => request<Proposal>('POST', `${p(id)}/regimens/${rid}/proposals`, {}),
  decideProposal: (id: number, pid: number, body: Body) =>
    request<Proposal>('POST', `${p(id)}/proposals/${pid}/decision`, body),
};
