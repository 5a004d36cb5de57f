// Follow-up review dates of the patient's regimens: due or overdue, and the
// clinician's record of each (done, moved to another date, cancelled).
import { api, type Body } from '../api';
import { announce, append, clear, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import { ACTION_LABELS, dueText, nextByRegimen, reviewProblem } from '../domain/reviews';
import type { ReviewAction, ReviewItem, ReviewRecord, Reviews } from '../types';
import { fmtDate, fmtDateTime } from '../time';
import { scrollTable, section } from './common';

interface ReviewContext {
  patientId: number;
  tz: string;
  today: string;
  refresh: () => void;
}

const FORMS: Record<ReviewAction, { button: string; submit: string; date?: string; note: string; noteHint: string }> = {
  done: { button: 'Mark done', submit: 'Mark as done', date: 'Done on', note: 'Note', noteHint: 'Optional: what the review found.' },
  moved: { button: 'Move', submit: 'Move the review', date: 'New date', note: 'Why it moves',
    noteHint: 'Required; kept with the review.' },
  cancelled: { button: 'Cancel review', submit: 'Cancel the review', note: 'Why it is cancelled',
    noteHint: 'Required; kept with the review.' },
};

function reviewForm(item: ReviewItem, action: ReviewAction, ctx: ReviewContext, close: () => void): HTMLElement {
  const spec = FORMS[action];
  const ctl = new FormController({ class: 'form', 'data-form': `review-${action}`,
    'aria-label': `${spec.submit}: ${item.substance}, due ${fmtDate(item.date)}` }, spec.submit);
  const date = spec.date ? ctl.add(field({ name: 'date', label: spec.date, type: 'date', required: true,
    value: action === 'done' ? ctx.today : '' })) : null;
  const note = ctl.add(field({ name: 'note', label: spec.note, type: 'textarea', required: action !== 'done',
    hint: spec.noteHint }));
  ctl.onSubmit(async () => {
    const problem = reviewProblem(action, date?.value ?? '', note.value);
    if (problem) throw invalid(problem.field, problem.message);
    // The API names a review by the date the rules planned it on, even once moved.
    const body: Body = { due: item.planned || item.date, action, note: note.value };
    if (date) body.date = date.value;
    await api.recordReview(ctx.patientId, item.regimen_id, body);
    announce(action === 'moved' ? `The ${item.substance} review moved to ${fmtDate(date?.value)}.`
      : `The ${item.substance} review was ${action === 'done' ? 'marked done' : 'cancelled'}.`);
    ctx.refresh();
  });
  const back = h('button', { type: 'button', class: 'btn' }, 'Close');
  back.addEventListener('click', close);
  append(ctl.form, [date ? h('div', { class: 'form-grid' }, date.wrap) : null, note.wrap,
    h('div', { class: 'form-actions' }, ctl.submitButton(action === 'cancelled' ? 'btn-danger' : ''), back)]);
  return h('div', { class: 'editor' }, ctl.form);
}

// The next review of a regimen, with its actions; the later ones are only listed.
function reviewItem(item: ReviewItem, later: ReviewItem[], ctx: ReviewContext): HTMLElement {
  const due = dueText(item, ctx.today);
  const slot = h('div', { class: 'editor-slot' });
  const buttons = (Object.keys(FORMS) as ReviewAction[]).map((action) => {
    const b = h('button', { type: 'button', class: action === 'cancelled' ? 'btn btn-danger-quiet' : 'btn',
      'data-review-action': action, 'aria-expanded': 'false' }, FORMS[action].button);
    b.addEventListener('click', () => {
      clear(slot);
      buttons.forEach((x) => x.setAttribute('aria-expanded', String(x === b)));
      slot.append(reviewForm(item, action, ctx, () => {
        clear(slot);
        b.setAttribute('aria-expanded', 'false');
        b.focus();
      }));
      slot.querySelector<HTMLElement>('input, textarea')?.focus();
    });
    return b;
  });
  const tone = due.tone === 'overdue' ? 'badge-danger' : due.tone === 'today' ? 'badge-warn' : 'badge-info';
  return h('article', { class: `review review-${due.tone}`, 'data-regimen-id': item.regimen_id, 'data-due': item.date },
    h('header', { class: 'review-head' },
      h('h3', {}, h('span', { class: 'substance' }, item.substance), ' review'),
      h('span', { class: `badge ${tone}` }, due.text)),
    h('p', {}, `Due ${fmtDate(item.date)}`, item.planned && item.planned !== item.date
      ? h('span', { class: 'muted' }, ` (first planned for ${fmtDate(item.planned)})`) : null),
    item.reason ? h('p', { class: 'muted review-reason' }, item.reason) : null,
    later.length ? h('p', { class: 'review-later-dates' }, 'Then: ', later.map((l) => fmtDate(l.date)).join(' · ')) : null,
    h('div', { class: 'card-actions no-print' }, buttons), slot);
}

function historyTable(rows: ReviewRecord[], tz: string): HTMLElement {
  return scrollTable('Recorded reviews', h('table', { class: 'table table-compact', id: 'review-history' },
    h('caption', {}, 'Recorded reviews'),
    h('thead', {}, h('tr', {}, ['Due', 'What', 'Date', 'Note', 'By'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, [...rows].sort((a, b) => b.created_at.localeCompare(a.created_at)).map((r) =>
      h('tr', { 'data-review-id': r.id, 'data-action': r.action },
        h('td', { class: 'nowrap' }, fmtDate(r.due)),
        h('td', {}, ACTION_LABELS[r.action] ?? r.action),
        h('td', { class: 'nowrap' }, fmtDate(r.date)),
        h('td', {}, r.note),
        h('td', {}, `${r.created_by}, ${fmtDateTime(r.created_at, tz)}`))))));
}

export function reviewsSection(reviews: Reviews, ctx: ReviewContext): HTMLElement {
  const groups = nextByRegimen(reviews.items ?? []);
  return section('reviews', 'Follow-up reviews',
    groups.length ? h('div', { class: 'review-list' }, groups.map(([next, later]) => reviewItem(next, later, ctx)))
      : h('p', { class: 'muted' }, 'No review is scheduled.'),
    reviews.notes?.length ? h('ul', { class: 'notes muted' }, reviews.notes.map((n) => h('li', {}, n))) : null,
    reviews.history?.length ? h('details', { class: 'history' },
      h('summary', {}, `Recorded reviews (${reviews.history.length})`), historyTable(reviews.history, ctx.tz)) : null);
}
