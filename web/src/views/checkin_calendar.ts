// Reminders in the patient's own calendar: a private, revocable .ics link of
// the planned doses and questionnaires (GET /calendar/{token}.ics). The link
// is shown once, when it is made; the list says which links are on.
import { api } from '../api';
import { announce, clear, h } from '../dom';
import type { CalendarFeed } from '../types';
import { fmtDateTime } from '../time';
import { section } from './common';

export interface CalendarContext {
  patientId: number;
  tz: string;
}

function linkBox(url: string): HTMLElement {
  const https = new URL(url, location.origin).href;
  const webcal = https.replace(/^https?:/, 'webcal:');
  const field = h('input', { type: 'text', readonly: true, value: https, class: 'calendar-url',
    'aria-label': 'Your calendar link' });
  const copy = h('button', { type: 'button', class: 'btn' }, 'Copy link');
  copy.addEventListener('click', () => {
    field.select();
    void navigator.clipboard?.writeText(https).then(() => announce('Calendar link copied.'), () => undefined);
  });
  return h('div', { class: 'calendar-link', 'data-calendar-link': 'new' },
    h('p', {}, 'Your new link (shown only now; make a new one if you lose it):'),
    field,
    h('p', { class: 'form-actions' }, h('a', { class: 'btn btn-primary', href: webcal }, 'Add to my calendar'), copy));
}

export function calendarCard(ctx: CalendarContext): HTMLElement {
  const list = h('ul', { class: 'calendar-feeds' });
  const fresh = h('div', {});
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const make = h('button', { type: 'button', class: 'btn' }, 'Make a calendar link');
  const card = section('checkin-calendar', 'Reminders in your calendar',
    h('p', { class: 'hint' }, 'Your phone’s calendar can remind you of each planned dose and of the ' +
      'questionnaires to answer, for the next two weeks, in your time zone. The link is private: anyone who ' +
      'has it sees your dose times, so turn it off here if you share it by mistake.'),
    fresh, list, error, h('p', {}, make));

  const fail = (err: unknown) => {
    error.textContent = err instanceof Error ? err.message : String(err);
    error.hidden = false;
  };
  const show = (feeds: CalendarFeed[]) => {
    clear(list);
    for (const f of feeds.filter((x) => x.revoked_at === null)) {
      const off = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Turn off');
      off.setAttribute('aria-label', `Turn off the calendar link made ${fmtDateTime(f.created_at, ctx.tz)}`);
      off.addEventListener('click', () => {
        off.disabled = true;
        api.revokeCalendarFeed(ctx.patientId, f.id).then(() => {
          announce('Calendar link turned off.');
          clear(fresh);
          return load();
        }).catch((err: unknown) => { off.disabled = false; fail(err); });
      });
      list.append(h('li', { 'data-feed': f.id }, `Link made ${fmtDateTime(f.created_at, ctx.tz)} `, off));
    }
  };
  const load = () => api.listCalendarFeeds(ctx.patientId).then((r) => show(r.items)).catch(fail);
  make.addEventListener('click', () => {
    make.disabled = true;
    error.hidden = true;
    api.createCalendarFeed(ctx.patientId).then((g) => {
      fresh.replaceChildren(linkBox(g.url));
      return load();
    }).catch(fail).finally(() => { make.disabled = false; });
  });
  void load();
  return card;
}
