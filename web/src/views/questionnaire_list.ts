// The questionnaires a patient is asked to answer (GET /questionnaires): on
// the check-in, the patient's own that are due, each answered in place; on
// the patient page, every one with its date and reason, entered by the
// clinician for a patient in clinic.
import { api } from '../api';
import { announce, clear, h } from '../dom';
import type { DueQuestionnaire, InstrumentDef, Questionnaires, RecordedResponse } from '../types';
import { fmtDate } from '../time';
import { badge, section } from './common';
import { questionnaireForm, recordedMessage } from './questionnaire_form';

export interface QuestionnaireListOptions {
  patientId: number;
  byClinician: boolean;
  onRecorded: (r: RecordedResponse) => void;
}

function whenText(q: DueQuestionnaire, today: string): string {
  if (q.state === 'overdue') return `Overdue since ${fmtDate(q.date)}`;
  if (q.state === 'due') return q.date === today ? 'Due today' : `Due by ${fmtDate(q.date)}`;
  return `From ${fmtDate(q.opens)}`;
}

function stateBadge(q: DueQuestionnaire): HTMLElement {
  if (q.state === 'overdue') return badge(`Overdue ${q.days_overdue} ${q.days_overdue === 1 ? 'day' : 'days'}`, 'warn');
  if (q.state === 'due') return badge('Due', 'info');
  return badge('Upcoming', 'muted');
}

// One questionnaire in the list, with its form opened on request.
function entry(q: DueQuestionnaire, today: string, opts: QuestionnaireListOptions, reload: () => void): HTMLElement {
  const slot = h('div', { class: 'q-form-slot' });
  const when = h('p', { class: 'muted' }, whenText(q, today), opts.byClinician ? ` · ${q.reason}` : '');
  const state = stateBadge(q);
  const open = h('button', { type: 'button', class: 'btn', 'aria-expanded': 'false' },
    opts.byClinician ? `Enter ${q.code} answers` : `Answer ${q.code} now`);
  let def: InstrumentDef | null = null;
  open.addEventListener('click', () => {
    if (open.getAttribute('aria-expanded') === 'true') {
      open.setAttribute('aria-expanded', 'false');
      clear(slot);
      return;
    }
    open.disabled = true;
    (def ? Promise.resolve(def) : api.instrument(q.instrument)).then((d) => {
      def = d;
      open.setAttribute('aria-expanded', 'true');
      slot.replaceChildren(questionnaireForm({
        patientId: opts.patientId, def: d, byClinician: opts.byClinician,
        onRecorded: (r) => {
          announce(`${r.score.code} saved: ${r.score.score.toFixed(r.score.decimals)} of ${r.score.max}` +
            `${r.score.band ? `, ${r.score.band.label}` : ''}.`);
          // The entry shows it was answered, with the outcome where the form was.
          li.dataset.state = 'answered';
          state.replaceWith(badge(opts.byClinician ? 'Saved' : 'Sent', 'ok'));
          when.textContent = 'Answered today';
          open.remove();
          slot.replaceChildren(recordedMessage(r, opts.byClinician));
          opts.onRecorded(r);
          reload();
        },
      }));
      slot.querySelector<HTMLInputElement>('input')?.focus();
    }).catch((err: unknown) => {
      slot.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
    }).finally(() => { open.disabled = false; });
  });
  const li = h('li', { class: `q-due q-${q.state}`, 'data-instrument': q.instrument, 'data-state': q.state },
    h('div', { class: 'q-head' }, h('div', {}, h('strong', {}, q.name), ' ', state, when), open),
    slot);
  return li;
}

// A card whose list reloads after each answer (the schedule moves on).
function listCard(id: string, title: string, opts: QuestionnaireListOptions,
  pick: (all: Questionnaires) => { shown: DueQuestionnaire[]; after: HTMLElement | null }): HTMLElement {
  const list = h('ul', { class: 'q-list' });
  const foot = h('div', {});
  const card = section(id, title, list, foot);
  card.setAttribute('aria-busy', 'true');
  const load = () => {
    card.setAttribute('aria-busy', 'true');
    api.questionnaires(opts.patientId).then((all) => {
      const { shown, after } = pick(all);
      // Entries whose form is open or shows its outcome stay as they are.
      const kept = new Map([...list.querySelectorAll<HTMLElement>('li.q-due')]
        .filter((li) => li.querySelector('.q-form-slot')?.childElementCount)
        .map((li) => [li.dataset.instrument ?? '', li]));
      list.replaceChildren(...shown.map((q) => kept.get(q.instrument) ?? entry(q, all.today, opts, load)));
      for (const [instrument, li] of kept) {
        if (!shown.some((q) => q.instrument === instrument)) list.append(li);
      }
      foot.replaceChildren(...(after ? [after] : []));
    }).catch((err: unknown) => {
      foot.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
    }).finally(() => { card.setAttribute('aria-busy', 'false'); });
  };
  load();
  return card;
}

// The check-in: what the patient answers themselves, due now or overdue.
export function checkinQuestionnairesCard(opts: QuestionnaireListOptions): HTMLElement {
  return listCard('checkin-questionnaires', 'Questionnaires', opts, (all) => {
    const mine = all.items.filter((q) => q.respondent === 'self');
    const shown = mine.filter((q) => q.state !== 'upcoming');
    const next = mine.find((q) => q.state === 'upcoming');
    const after = h('p', { class: 'hint' }, (shown.length ? '' : 'Nothing to answer today. ') +
      (next ? `Next: ${next.name}, from ${fmtDate(next.opens)}.` : ''));
    return { shown, after };
  });
}

// The patient page: every questionnaire with its date and the rule behind it.
export function questionnairesSection(opts: QuestionnaireListOptions): HTMLElement {
  return listCard('questionnaires', 'Questionnaires', opts, (all) => ({
    shown: all.items,
    after: all.items.length || all.notes.length
      ? (all.notes.length ? h('ul', { class: 'notes' }, all.notes.map((n) => h('li', {}, n.charAt(0).toUpperCase() + n.slice(1)))) : null)
      : h('p', { class: 'hint' }, 'No questionnaire is scheduled.'),
  }));
}
