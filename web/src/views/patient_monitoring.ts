// The monitoring panels of the patient page: alerts, follow-up reviews,
// titration proposals and adherence, loaded side by side. A panel whose
// request fails says so in its place; the rest of the record still shows.
import { api } from '../api';
import { h } from '../dom';
import { isActive } from '../domain/alerts';
import type { Alert, Regimen, Reviews } from '../types';
import { badge, section } from './common';
import { adherenceSection } from './adherence';
import type { Records } from './evidence';
import { patientAlertsSection } from './patient_alerts';
import { proposalsSection } from './proposals';
import { reviewsSection } from './reviews';

export interface MonitoringContext {
  patientId: number;
  tz: string;
  today: string;
  records: Records & { regimens: Regimen[] };
  refresh: () => void;
}

export interface MonitoringPanels {
  alerts: HTMLElement;
  reviews: HTMLElement;
  proposals: HTMLElement;
  adherence: HTMLElement;
  // Badges for the profile: urgent and open alerts, overdue reviews, pending proposals.
  summary: Array<{ target: string; el: HTMLElement }>;
}

function failed(id: string, title: string, err: unknown): HTMLElement {
  return section(id, title, h('p', { class: 'warning', role: 'status' },
    `${title} could not be loaded: ${err instanceof Error ? err.message : String(err)}`));
}

async function panel<T>(id: string, title: string, load: Promise<T>, draw: (v: T) => HTMLElement): Promise<[HTMLElement, T | null]> {
  try {
    const v = await load;
    return [draw(v), v];
  } catch (err) {
    return [failed(id, title, err), null];
  }
}

function summary(alerts: Alert[] | null, reviews: Reviews | null, pending: number): MonitoringPanels['summary'] {
  const out: MonitoringPanels['summary'] = [];
  const active = (alerts ?? []).filter(isActive);
  const urgent = active.filter((a) => a.severity === 'urgent').length;
  if (urgent) out.push({ target: 'alerts', el: h('span', { class: 'badge badge-urgent' }, `${urgent} urgent alert${urgent === 1 ? '' : 's'}`) });
  if (active.length - urgent) {
    const n = active.length - urgent;
    out.push({ target: 'alerts', el: badge(`${n} ${urgent ? 'other ' : ''}alert${n === 1 ? '' : 's'} to see to`, 'warn') });
  }
  const overdue = (reviews?.items ?? []).filter((r) => r.overdue).length;
  if (overdue) out.push({ target: 'reviews', el: h('span', { class: 'badge badge-danger' }, `${overdue} review${overdue === 1 ? '' : 's'} overdue`) });
  if (pending) out.push({ target: 'proposals', el: badge(`${pending} proposal${pending === 1 ? '' : 's'} awaiting decision`, 'info') });
  return out;
}

export async function monitoringPanels(ctx: MonitoringContext): Promise<MonitoringPanels> {
  const id = ctx.patientId;
  const [[alerts, alertList], [reviews, reviewData], [proposals, proposalList], [adherence]] = await Promise.all([
    panel('alerts', 'Alerts', api.listAlerts(id, 'all'), (v) => patientAlertsSection(v.items, ctx.records, ctx.refresh)),
    panel('reviews', 'Follow-up reviews', api.listReviews(id), (v) => reviewsSection(v, ctx)),
    panel('proposals', 'Titration proposals', api.listProposals(id),
      (v) => proposalsSection(v.items, { patientId: id, records: ctx.records, refresh: ctx.refresh })),
    panel('adherence', 'Adherence', api.adherence(id), (v) => adherenceSection(v, ctx.tz)),
  ]);
  const pending = (proposalList?.items ?? []).filter((p) => p.status === 'pending').length;
  return { alerts, reviews, proposals, adherence, summary: summary(alertList?.items ?? null, reviewData, pending) };
}
