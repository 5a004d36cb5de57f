// Today's doses, prefilled from the active regimens: one tap confirms a dose
// as planned; its time and amount can be changed first; or it is skipped.
// Yesterday's doses that nobody recorded are offered too.
import { api, type Body } from '../api';
import { announce, clear, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import { fmtQuantity } from '../domain/quantity';
import { type PlannedDose, plannedOn } from '../domain/schedule';
import type { DoseEvent, Regimen } from '../types';
import { addDays, fmtDate, fmtTime, localTime, zonedToIso, zonedToMs } from '../time';

export interface DoseContext {
  patientId: number;
  tz: string;
  today: string;
  regimens: Regimen[];
  events: DoseEvent[];
  onRecorded: (e: DoseEvent) => void;
}

function recordedFor(p: PlannedDose, events: DoseEvent[]): DoseEvent | undefined {
  return events.find((e) => e.regimen_id === p.regimen.id && e.planned_at === p.plannedAt);
}

function doneCard(p: PlannedDose, e: DoseEvent, tz: string): HTMLElement {
  const what = e.status === 'skipped' ? 'Skipped' : `Taken at ${fmtTime(e.taken_at, tz)} · ${fmtQuantity(e.amount)}`;
  return h('li', { class: `dose dose-done dose-${e.status}`, 'data-dose': `${p.regimen.id}@${p.time}`, 'data-status': e.status },
    h('div', { class: 'dose-what' }, h('strong', {}, h('span', { class: 'substance' }, p.regimen.substance), ` ${fmtQuantity(p.amount)}`),
      h('span', { class: 'muted' }, ` planned ${p.time}`)),
    h('p', { class: 'dose-result' }, h('span', { 'aria-hidden': 'true' }, e.status === 'skipped' ? '– ' : '✓ '), what));
}

function openCard(p: PlannedDose, ctx: DoseContext, rerender: () => void): HTMLElement {
  const now = Date.now();
  const due = Date.parse(p.plannedAt);
  const ctl = new FormController({ class: 'dose-form', 'aria-label': `${p.regimen.substance} at ${p.time}` }, 'Taken');
  const time = ctl.add(field({ name: 'taken_at', label: 'Time taken', type: 'time',
    value: due <= now ? p.time : localTime(now, ctx.tz) }));
  const amount = ctl.add(field({ name: 'amount', label: 'Amount', value: fmtQuantity(p.amount),
    attrs: { autocomplete: 'off' } }));
  let skipping = false;

  ctl.onSubmit(async () => {
    let body: Body;
    if (skipping) {
      body = { regimen_id: p.regimen.id, planned_at: p.plannedAt, status: 'skipped' };
    } else {
      if (!time.value) throw invalid('taken_at', 'is required');
      if (!amount.value) throw invalid('amount', 'is required');
      // A time well before the planned one (e.g. 00:30 for 23:30) is on the next day.
      let day = p.date;
      if (zonedToMs(day, time.value, ctx.tz) < due - 12 * 3600e3) day = addDays(day, 1);
      const takenAt = zonedToIso(day, time.value, ctx.tz);
      if (Date.parse(takenAt) > Date.now() + 5 * 60e3) throw invalid('taken_at', 'is still to come; record the dose once it is taken');
      body = { regimen_id: p.regimen.id, planned_at: p.plannedAt, taken_at: takenAt, amount: amount.value, status: 'taken' };
    }
    const e = await api.addDoseEvent(ctx.patientId, body);
    ctx.events.push(e);
    announce(e.status === 'skipped' ? `${p.regimen.substance} ${p.time}: skipped.` : `${p.regimen.substance} ${p.time}: taken.`);
    ctx.onRecorded(e);
    rerender();
  });

  const skip = h('button', { type: 'submit', class: 'btn btn-wide', 'data-action': 'skip' }, 'Skipped');
  skip.addEventListener('click', () => { skipping = true; });
  const take = ctl.submitButton('btn-wide');
  take.dataset.action = 'take';
  take.addEventListener('click', () => { skipping = false; });
  ctl.form.append(
    h('div', { class: 'dose-buttons' }, take, skip),
    h('details', { class: 'dose-edit' }, h('summary', {}, 'Change time or amount'),
      h('div', { class: 'form-grid form-grid-2' }, time.wrap, amount.wrap)));
  const label = due > now ? `due ${p.time}` : `planned ${p.time}`;
  return h('li', { class: 'dose dose-open', 'data-dose': `${p.regimen.id}@${p.time}`, 'data-date': p.date },
    h('div', { class: 'dose-what' }, h('strong', {}, h('span', { class: 'substance' }, p.regimen.substance), ` ${fmtQuantity(p.amount)}`),
      h('span', { class: 'muted' }, ` ${p.version.formulation}, ${label}`)),
    ctl.form);
}

export function dosesCard(ctx: DoseContext): HTMLElement {
  const body = h('div', {});
  function render(): void {
    clear(body);
    const yesterday = addDays(ctx.today, -1);
    const missed = plannedOn(ctx.regimens, yesterday, ctx.tz).filter((p) => !recordedFor(p, ctx.events));
    const todays = plannedOn(ctx.regimens, ctx.today, ctx.tz);
    const list = (items: PlannedDose[]) => h('ul', { class: 'dose-list' }, items.map((p) => {
      const e = recordedFor(p, ctx.events);
      return e ? doneCard(p, e, ctx.tz) : openCard(p, ctx, render);
    }));
    if (missed.length) {
      body.append(h('h3', {}, `Yesterday, ${fmtDate(yesterday)}: not yet recorded`), list(missed));
    }
    body.append(h('h3', {}, `Today, ${fmtDate(ctx.today)}`),
      todays.length ? list(todays) : h('p', { class: 'muted' }, 'No doses planned today.'));
  }
  render();
  return h('section', { class: 'card', id: 'checkin-doses', 'aria-labelledby': 'checkin-doses-title' },
    h('h2', { id: 'checkin-doses-title' }, 'Doses'), body);
}
