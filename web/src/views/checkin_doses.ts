// Today's doses, prefilled from the active regimens: one tap confirms a dose
// as planned; its time and amount can be changed first; or it is skipped.
// Yesterday's doses that nobody recorded are offered too.
import { api, type Body } from '../api';
import { announce, clear, h, uid } from '../dom';
import { field, FormController, invalid } from '../forms';
import { fmtQuantity } from '../domain/quantity';
import { EARLY_WINDOW_MS, type PlannedDose, plannedOn, takenTime } from '../domain/schedule';
import type { DoseEvent, Regimen } from '../types';
import { addDays, fmtDate, fmtTime, isoInstant, localDate, localTime } from '../time';

export interface DoseContext {
  patientId: number;
  tz: string;
  today: string;
  regimens: Regimen[];
  events: DoseEvent[];
  onRecorded: (e: DoseEvent) => void;
}

// The entry that stands for a planned dose: not one withdrawn (entered in
// error), nor one a later entry corrects.
function recordedFor(p: PlannedDose, events: DoseEvent[]): DoseEvent | undefined {
  const replaced = new Set(events.map((e) => e.corrects).filter((id) => id !== null));
  return events.find((e) => e.regimen_id === p.regimen.id && e.planned_at === p.plannedAt &&
    e.status !== 'entered_in_error' && !replaced.has(e.id));
}

// A tap made today can be undone today: a correction that withdraws it.
function undoButton(p: PlannedDose, e: DoseEvent, ctx: DoseContext, rerender: () => void): HTMLElement | null {
  if (localDate(Date.parse(e.created_at), ctx.tz) !== ctx.today) return null;
  const undo = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Undo');
  undo.setAttribute('aria-label', `Undo ${e.status === 'skipped' ? 'Skipped' : 'Taken'}: ${p.regimen.substance} ${p.time}`);
  undo.addEventListener('click', () => {
    undo.disabled = true;
    api.addDoseEvent(ctx.patientId, { regimen_id: p.regimen.id, planned_at: p.plannedAt, status: 'entered_in_error',
      corrects: e.id }).then((w) => {
      // As the server lists it: the withdrawn entry gives way to its withdrawal.
      ctx.events.splice(ctx.events.indexOf(e), 1, w);
      announce(`${p.regimen.substance} ${p.time}: undone; record it again when you are sure.`);
      ctx.onRecorded(w);
      rerender();
      document.querySelector<HTMLElement>(`li.dose[data-dose="${p.regimen.id}@${p.time}"] button`)?.focus();
    }).catch((err: unknown) => {
      undo.disabled = false;
      undo.after(h('p', { class: 'field-error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
    });
  });
  return undo;
}

function doneCard(p: PlannedDose, e: DoseEvent, ctx: DoseContext, rerender: () => void): HTMLElement {
  const what = e.status === 'skipped' ? 'Skipped' : `Taken at ${fmtTime(e.taken_at, ctx.tz)} · ${fmtQuantity(e.amount)}`;
  return h('li', { class: `dose dose-done dose-${e.status}`, 'data-dose': `${p.regimen.id}@${p.time}`, 'data-status': e.status },
    h('div', { class: 'dose-what' }, h('strong', {}, h('span', { class: 'substance' }, p.regimen.substance), ` ${fmtQuantity(p.amount)}`),
      h('span', { class: 'muted' }, ` planned ${p.time}`)),
    h('div', { class: 'dose-result-row' },
      h('p', { class: 'dose-result' }, h('span', { 'aria-hidden': 'true' }, e.status === 'skipped' ? '– ' : '✓ '), what),
      undoButton(p, e, ctx, rerender)));
}

function openCard(p: PlannedDose, ctx: DoseContext, rerender: () => void): HTMLElement {
  const now = Date.now();
  const due = Date.parse(p.plannedAt);
  const ctl = new FormController({ class: 'dose-form', 'aria-label': `${p.regimen.substance} at ${p.time}` }, 'Taken');
  const time = ctl.add(field({ name: 'taken_at', label: 'Time taken', type: 'time',
    value: due <= now ? p.time : localTime(now, ctx.tz),
    hint: 'Leave it to record the time of your tap (or the planned time, once it has passed).' }));
  // Only a time the person typed is used; otherwise the tap's own moment.
  let typed = false;
  time.input.addEventListener('input', () => { typed = true; });
  const amount = ctl.add(field({ name: 'amount', label: 'Amount', value: fmtQuantity(p.amount),
    attrs: { autocomplete: 'off' } }));
  let skipping = false;

  ctl.onSubmit(async () => {
    let body: Body;
    if (skipping) {
      body = { regimen_id: p.regimen.id, planned_at: p.plannedAt, status: 'skipped' };
    } else {
      if (typed && !time.value) throw invalid('taken_at', 'is required');
      if (!amount.value) throw invalid('amount', 'is required');
      const taken = takenTime(p, typed ? time.value : null, ctx.tz, Date.now());
      if (!taken.ok) throw invalid('taken_at', taken.message);
      body = { regimen_id: p.regimen.id, planned_at: p.plannedAt, taken_at: isoInstant(taken.ms), amount: amount.value,
        status: 'taken' };
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
  // Before the early window opens the dose can only be skipped.
  const opensAt = due - EARLY_WINDOW_MS;
  if (now < opensAt) {
    const hintId = uid('opens');
    take.disabled = true;
    take.setAttribute('aria-describedby', hintId);
    ctl.form.append(h('p', { class: 'hint dose-opens', id: hintId },
      `You can record it as taken from ${localTime(opensAt, ctx.tz)}.`));
  }
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
      return e ? doneCard(p, e, ctx, render) : openCard(p, ctx, render);
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
