// Small pieces shared by the views.
import { ApiError } from '../api';
import { type Child, h } from '../dom';

export function pageTitle(text: string, ...extra: Child[]): HTMLElement {
  document.title = `${text} · pineal`;
  return h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, text), ...extra);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title), ...children);
}

// A table that may be wider than the screen. A region that scrolls must be
// reachable by keyboard to be scrolled, so the wrapper is focusable and named
// (for tables with no link or button inside to take focus).
export function scrollTable(label: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

export function badge(text: string, tone: 'ok' | 'warn' | 'muted' | 'info' = 'info'): HTMLElement {
  return h('span', { class: `badge badge-${tone}` }, text);
}

export function dl(rows: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'facts' },
    rows.filter(([, v]) => v !== '' && v !== null && v !== undefined)
      .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

export function errorBox(err: unknown): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const title = e?.status === 404 ? 'Not found' : 'Something went wrong';
  return h('div', { class: 'card error-page', role: 'alert' },
    h('h1', { tabindex: -1 }, title),
    h('p', {}, capitalise(e ? e.message : String(err))),
    h('p', {}, h('a', { href: '#/patients' }, 'Back to the patient list')));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function humanize(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function patientIdParam(params: Record<string, string>): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new ApiError(404, 'not_found', `'${params.id}' is not a patient id`);
  return id;
}
