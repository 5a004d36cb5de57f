// The sign-off a blocking screening finding needs: when a save answers 409
// blocked_by_screening, one reason field per finding, sent back as
// "overrides". Used by the regimen editor and the titration proposal's
// approval, which the API screens the same way.
import { ApiError } from '../api';
import { clear, h } from '../dom';
import { type Field, field, type FormController, requireFields } from '../forms';
import type { Finding, Screening } from '../types';
import { findingItem } from './screening';

// The screening of a 409 blocked_by_screening answer, or null for any other error.
export function blockedScreening(err: unknown): Screening | undefined | null {
  if (err instanceof ApiError && err.status === 409 && err.code === 'blocked_by_screening') {
    return (err.body as { screening?: Screening } | undefined)?.screening;
  }
  return null;
}

// The API names the finding by its internal key; the field's label already names it.
export function overrideError(err: unknown): unknown {
  if (err instanceof ApiError && err.field?.startsWith('overrides[')) {
    return new ApiError(err.status, err.code, err.message.replace(/^override '[^']*' needs a reason of /, 'must be '),
      err.field, err.body);
  }
  return err;
}

export class OverridePrompt {
  readonly el = h('div', { class: 'override-slot' });
  private unresolved: Finding[] = [];
  private reasons: Field[] = [];

  // `what` names what is blocked: "the regimen", "this step".
  constructor(private readonly ctl: FormController, private readonly what = 'the regimen',
              private readonly alternative = 'change the regimen') {}

  get keys(): string[] {
    return this.unresolved.map((f) => f.key);
  }

  // Shows a reason field for every finding still unresolved; typed reasons are kept.
  show(screening: Screening | undefined): void {
    const kept = new Map(this.unresolved.map((f, i) => [f.key, this.reasons[i]?.value ?? '']));
    this.unresolved = screening?.overrides?.unresolved ?? (screening?.findings ?? []).filter((f) => f.blocking);
    this.ctl.removeWhere((k) => k.startsWith('overrides['));
    clear(this.el);
    this.reasons = this.unresolved.map((f, i) => this.ctl.add(field({
      name: 'override_reason', label: `Reason for overriding ${f.title}`, type: 'textarea', required: true,
      value: kept.get(f.key) ?? '', hint: 'At least 10 characters; kept with this version and shown in its history.',
    }), `overrides[${i}].reason`));
    if (!this.unresolved.length) return;
    const n = this.unresolved.length;
    this.el.append(h('fieldset', { class: 'subform override-form', 'data-overrides-needed': n },
      h('legend', {}, 'Sign-off needed before saving'),
      h('p', {}, `Nothing has been saved. ${n === 1 ? 'This finding blocks' : 'These findings block'} `
        + `${this.what} unless you override it with a documented reason, or ${this.alternative}.`),
      h('ol', { class: 'override-list' }, this.unresolved.map((f, i) => h('li', { class: 'override-item' },
        h('ul', { class: 'finding-list' }, findingItem(f, screening?.references)), this.reasons[i].wrap)))));
  }

  focus(): void {
    this.reasons[0]?.input.focus();
  }

  // The overrides to send; throws at the first empty reason.
  overrides(): Array<{ finding_key: string; reason: string }> | undefined {
    this.reasons.forEach((r) => requireFields(r));
    if (!this.unresolved.length) return undefined;
    return this.unresolved.map((f, i) => ({ finding_key: f.key, reason: this.reasons[i].value }));
  }
}
