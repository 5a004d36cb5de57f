// Answering a questionnaire: one group of choices per item, made for a phone
// (large targets, one column). Items are shown in the clinic's licensed
// wording when it supplies it, otherwise by their short label. The server
// scores the answers; alerts and proposals follow from the stored score.
import { api, ApiError } from '../api';
import { h, uid } from '../dom';
import type { AnswerAnchor, InstrumentDef, InstrumentItem, RecordedResponse } from '../types';
import { isoInstant } from '../time';

export interface QuestionnaireFormOptions {
  patientId: number;
  def: InstrumentDef;
  // A clinician entering the answers a patient gave in clinic.
  byClinician: boolean;
  onRecorded: (r: RecordedResponse) => void;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function anchorsOf(def: InstrumentDef, item: InstrumentItem): Map<number, string> {
  const list: AnswerAnchor[] = item.anchors?.length ? item.anchors : def.answer_anchors;
  return new Map(list.map((a) => [a.value, a.label]));
}

// The question as the patient reads it: the recall period first.
export function recallText(def: InstrumentDef): string {
  return def.recall_period ? `Thinking about the ${def.recall_period}:` : '';
}

interface ItemGroup {
  item: InstrumentItem;
  fieldset: HTMLFieldSetElement;
  error: HTMLParagraphElement;
  chosen(): number | null;
}

function itemGroup(def: InstrumentDef, item: InstrumentItem): ItemGroup {
  const name = uid(`q-${def.id}-${item.id}`);
  const errorId = `${name}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const anchors = anchorsOf(def, item);
  const options = item.values.map((v) => {
    const id = `${name}-${v}`;
    const text = anchors.get(v);
    return h('label', { class: 'q-choice', for: id },
      h('input', { type: 'radio', name, id, value: String(v) }),
      h('span', { class: 'q-value' }, String(v)),
      text ? h('span', { class: 'q-anchor' }, sentence(text)) : null);
  });
  const fieldset = h('fieldset', { class: 'q-item', 'data-item': item.id, 'aria-describedby': errorId },
    h('legend', {}, `${item.number}. ${item.wording ?? sentence(item.label)}`),
    h('div', { class: 'q-choices' }, options),
    error);
  return {
    item, fieldset, error,
    chosen: () => {
      const checked = fieldset.querySelector<HTMLInputElement>('input:checked');
      return checked ? Number(checked.value) : null;
    },
  };
}

function showItemError(g: ItemGroup, message: string): void {
  g.error.textContent = sentence(message);
  g.error.hidden = false;
  g.fieldset.classList.add('has-error');
}

export function questionnaireForm(opts: QuestionnaireFormOptions): HTMLFormElement {
  const { def } = opts;
  const groups = def.items.map((item) => itemGroup(def, item));
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' },
    opts.byClinician ? `Save ${def.code} answers` : `Send my ${def.code} answers`);
  const form = h('form', { class: 'form questionnaire', novalidate: true, 'data-form': `questionnaire-${def.id}` },
    formError,
    recallText(def) ? h('p', { class: 'q-recall' }, recallText(def)) : null,
    groups.map((g) => g.fieldset),
    h('div', { class: 'form-actions' }, submit));

  const clearErrors = () => {
    formError.hidden = true;
    for (const g of groups) {
      g.error.hidden = true;
      g.fieldset.classList.remove('has-error');
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    clearErrors();
    const unanswered = groups.filter((g) => g.chosen() === null);
    if (unanswered.length > def.missing.max_missing) {
      for (const g of unanswered) showItemError(g, 'Choose an answer for this question');
      unanswered[0].fieldset.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    const answers: Record<string, number | null> = {};
    for (const g of groups) answers[g.item.id] = g.chosen();
    form.setAttribute('aria-busy', 'true');
    submit.disabled = true;
    api.recordResponse(opts.patientId, { instrument: def.id, answers, observed_at: isoInstant(Date.now()) })
      .then((r) => opts.onRecorded(r))
      .catch((err: unknown) => {
        const e = err instanceof ApiError ? err : new ApiError(0, 'client', String(err));
        const g = groups.find((x) => x.item.id === e.field || `answers.${x.item.id}` === e.field);
        if (g) {
          showItemError(g, e.message);
          g.fieldset.querySelector<HTMLInputElement>('input')?.focus();
          return;
        }
        formError.textContent = sentence(e.message);
        formError.hidden = false;
        formError.focus();
      })
      .finally(() => {
        form.removeAttribute('aria-busy');
        submit.disabled = false;
      });
  });
  return form;
}

const SELF_HARM_FLAG = 'phq9.item9_self_harm';

// What the person sees once the answers are stored. A patient reads that the
// care team has them; an urgent flag adds what to do now.
export function recordedMessage(r: RecordedResponse, byClinician: boolean): HTMLElement {
  const s = r.score;
  const band = s.band ? `: ${s.band.label}` : '';
  const value = s.score.toFixed(s.decimals);
  const urgent = s.flags.filter((f) => f.level === 'urgent');
  return h('div', { class: 'q-recorded', role: 'status', 'data-instrument': s.instrument },
    h('p', {}, byClinician
      ? `${s.code} saved: ${value} of ${s.max}${band}.`
      : `Thank you. Your ${s.code} answers were sent to your care team (score ${value} of ${s.max}${band}).`),
    urgent.length
      ? h('p', { class: 'warning', role: 'alert' }, byClinician
        ? urgent.map((f) => f.message).join(' ')
        : 'Your care team has been alerted and will contact you. ' + (urgent.some((f) => f.id === SELF_HARM_FLAG)
          ? 'If you might act on thoughts of harming yourself, call your local emergency number now.'
          : 'If you feel in danger now, call your local emergency number.'))
      : null);
}
