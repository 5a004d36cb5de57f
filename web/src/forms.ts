// Labelled form fields and the placing of errors next to the field they
// concern. The API names a field in its errors ("dose", "weight.value",
// "titration[0].dose"); each Field is registered under the name it fills.
import { ApiError } from './api';
import { type Attrs, h, uid } from './dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'date' | 'time' | 'select' | 'textarea' | 'checkbox' | 'search';
  value?: string;
  checked?: boolean;
  options?: Array<[string, string]>;
  required?: boolean;
  hint?: string;
  attrs?: Attrs;
  className?: string;
}

export class Field {
  readonly wrap: HTMLDivElement;
  readonly input: Control;
  readonly label: string;
  private readonly error: HTMLParagraphElement;

  constructor(readonly name: string, opts: FieldOptions) {
    const id = uid('f');
    const errorId = `${id}-error`;
    const hintId = opts.hint ? `${id}-hint` : undefined;
    this.label = opts.label;
    const common: Attrs = {
      id, name: opts.name, required: opts.required ?? false,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
      ...opts.attrs,
    };
    const type = opts.type ?? 'text';
    if (type === 'select') {
      this.input = h('select', common,
        (opts.options ?? []).map(([v, l]) => h('option', { value: v, selected: v === opts.value }, l)));
    } else if (type === 'textarea') {
      this.input = h('textarea', { rows: 3, ...common });
      this.input.value = opts.value ?? '';
    } else {
      this.input = h('input', { type, ...common });
      if (type === 'checkbox') (this.input as HTMLInputElement).checked = opts.checked ?? false;
      else this.input.value = opts.value ?? '';
    }
    this.error = h('p', { class: 'field-error', id: errorId, hidden: true });
    const labelEl = h('label', { for: id }, opts.label,
      opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
    const hint = hintId ? h('p', { class: 'hint', id: hintId }, opts.hint) : null;
    const cls = ['field', type === 'checkbox' ? 'field-check' : '', opts.className ?? ''].join(' ').trim();
    this.wrap = type === 'checkbox'
      ? h('div', { class: cls, 'data-field': opts.name }, this.input, labelEl, hint, this.error)
      : h('div', { class: cls, 'data-field': opts.name }, labelEl, this.input, hint, this.error);
  }

  get value(): string {
    return this.input.value.trim();
  }

  set value(v: string) {
    this.input.value = v;
  }

  get checked(): boolean {
    return (this.input as HTMLInputElement).checked;
  }

  setError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
    this.input.setAttribute('aria-invalid', 'true');
    this.wrap.classList.add('has-error');
  }

  clearError(): void {
    this.error.textContent = '';
    this.error.hidden = true;
    this.input.removeAttribute('aria-invalid');
    this.wrap.classList.remove('has-error');
  }
}

export function field(opts: FieldOptions): Field {
  return new Field(opts.name, opts);
}

// A client-side check, reported exactly like the API reports its own.
export function invalid(fieldName: string, message: string): ApiError {
  return new ApiError(400, 'invalid_argument', message, fieldName);
}

// "is required" reads better as "Dose is required" next to the field.
export function readable(label: string, message: string): string {
  if (/^(is|are|must|may|has|needs|cannot|an? )/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export class FormController {
  readonly form: HTMLFormElement;
  private readonly fields = new Map<string, Field>();
  private readonly formError: HTMLDivElement;

  constructor(attrs: Attrs, private readonly submitLabel: string) {
    this.formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    this.form = h('form', { novalidate: true, ...attrs }, this.formError);
    this.formError.tabIndex = -1;
  }

  // `key` is the API field name the errors use; list rows pass "times_of_day[1]".
  add(f: Field, key = f.name): Field {
    this.fields.set(key, f);
    return f;
  }

  removeWhere(pred: (key: string) => boolean): void {
    for (const key of [...this.fields.keys()]) if (pred(key)) this.fields.delete(key);
  }

  get(name: string): Field {
    const f = this.fields.get(name);
    if (!f) throw new Error(`no field ${name}`);
    return f;
  }

  submitButton(extraClass = ''): HTMLButtonElement {
    return h('button', { type: 'submit', class: `btn btn-primary ${extraClass}`.trim() }, this.submitLabel);
  }

  clearErrors(): void {
    this.formError.hidden = true;
    this.formError.textContent = '';
    for (const f of this.fields.values()) f.clearError();
  }

  // Shows an error next to the field it names, or at the top of the form.
  showError(err: unknown): void {
    const e = err instanceof ApiError ? err : new ApiError(0, 'client', err instanceof Error ? err.message : String(err));
    let name = e.field ?? '';
    while (name) {
      const f = this.fields.get(name);
      if (f) {
        f.setError(readable(f.label, e.message));
        const closed = f.wrap.closest('details');
        if (closed) closed.open = true;
        f.input.focus();
        return;
      }
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      name = cut > 0 ? name.slice(0, cut) : '';
    }
    const text = e.field ? `${e.field}: ${e.message}` : e.message;
    this.formError.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    this.formError.hidden = false;
    this.formError.focus();
  }

  onSubmit(handler: () => Promise<void>): void {
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (this.form.getAttribute('aria-busy') === 'true') return;
      this.clearErrors();
      this.form.setAttribute('aria-busy', 'true');
      const buttons = this.form.querySelectorAll<HTMLButtonElement>('button[type=submit]');
      buttons.forEach((b) => { b.disabled = true; });
      handler()
        .catch((err: unknown) => this.showError(err))
        .finally(() => {
          this.form.removeAttribute('aria-busy');
          buttons.forEach((b) => { b.disabled = false; });
        });
    });
  }
}

// Required text fields, checked before anything is sent.
export function requireFields(...fields: Field[]): void {
  for (const f of fields) {
    if (!f.value) throw invalid(f.name, 'is required');
  }
}
