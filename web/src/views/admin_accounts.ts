// Accounts, for administrators: who can log in, with which role; add one,
// disable or enable it, reset its password. #/admin is an administrator's
// landing page.
import { api, type Body } from '../api';
import { announce, clear, h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import type { User } from '../types';
import { browserZone, fmtDateTime } from '../time';
import { badge, pageTitle, section } from './common';
import { currentUser } from './session';

export const ROLE_OPTIONS: Array<[string, string]> = [
  ['clinician', 'Clinician'], ['admin', 'Administrator'], ['patient', 'Patient'],
];
// An administrator never opens a clinical record, not even through an account
// made for the purpose: patient accounts are made, and their passwords reset,
// by the patient's care team or the server's operator (`pineal user`).
const ADMIN_ROLE_OPTIONS = ROLE_OPTIONS.filter(([v]) => v !== 'patient');
const PATIENT_ACCOUNTS_NOTE = 'Patient accounts are added and reset by the patient\'s care team '
  + '(or with pineal user on the server), not by an administrator.';

const PASSWORD_HINT = 'At least 12 characters, not a common password and not containing the username.';

export function roleText(u: Pick<User, 'role' | 'patient_id'>): string {
  const name = ROLE_OPTIONS.find(([v]) => v === u.role)?.[1] ?? u.role;
  return u.role === 'patient' && u.patient_id ? `${name} (record #${u.patient_id})` : name;
}

function resetForm(u: User, onDone: () => void, onCancel: () => void): HTMLFormElement {
  const ctl = new FormController({ class: 'form form-inline', 'data-form': 'reset-password',
    'aria-label': `New password for ${u.username}` }, 'Set password');
  const pass = ctl.add(field({ name: 'password', label: `New password for ${u.username}`, required: true,
    hint: `${PASSWORD_HINT} Logs ${u.username} out everywhere.`,
    attrs: { type: 'password', autocomplete: 'new-password' } }));
  ctl.onSubmit(async () => {
    requireFields(pass);
    await api.resetPassword(u.username, pass.input.value);
    announce(`The password of ${u.username} was reset; their sessions were ended.`);
    onDone();
  });
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  cancel.addEventListener('click', onCancel);
  ctl.form.append(pass.wrap, h('div', { class: 'form-actions' }, ctl.submitButton(), cancel));
  return ctl.form;
}

// The table of accounts; it reloads in place so focus stays on the row acted on.
class AccountsTable {
  readonly el: HTMLElement;
  private readonly body = h('tbody', {});
  private readonly count = h('p', { class: 'muted', 'aria-live': 'polite' });
  private users: User[] = [];

  constructor(private readonly me: string | null) {
    this.el = h('div', {}, this.count, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'accounts' },
      h('caption', { class: 'visually-hidden' }, 'Accounts'),
      h('thead', {}, h('tr', {}, ['Username', 'Name', 'Role', 'Status', 'Added', 'Actions']
        .map((t) => h('th', { scope: 'col' }, t)))),
      this.body)));
  }

  async load(focus?: { username: string; control: string }): Promise<void> {
    this.users = (await api.listUsers()).items;
    this.draw();
    if (focus) {
      this.body.querySelector<HTMLElement>(`tr[data-username="${CSS.escape(focus.username)}"] [data-action="${focus.control}"]`)
        ?.focus();
    }
  }

  private draw(): void {
    clear(this.body);
    const n = this.users.length;
    const disabled = this.users.filter((u) => u.disabled).length;
    this.count.textContent = `${n} account${n === 1 ? '' : 's'}${disabled ? `, ${disabled} disabled` : ''}.`;
    for (const u of this.users) this.body.append(this.row(u));
  }

  private row(u: User): HTMLElement {
    const tz = browserZone();
    const self = u.username === this.me;
    const actions = h('div', { class: 'row-actions' });
    const tr = h('tr', { 'data-username': u.username, class: u.disabled ? 'row-disabled' : null },
      h('th', { scope: 'row' }, u.username, self ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', {}, u.display_name),
      h('td', {}, roleText(u)),
      h('td', {}, u.disabled ? badge('Disabled', 'muted') : badge('Active', 'ok')),
      h('td', {}, h('time', { datetime: u.created_at }, fmtDateTime(u.created_at, tz))),
      h('td', {}, actions));
    if (!self) {
      const toggle = h('button', { type: 'button', class: `btn btn-small ${u.disabled ? '' : 'btn-danger-quiet'}`.trim(),
        'data-action': 'toggle', 'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.username}` },
      u.disabled ? 'Enable' : 'Disable');
      toggle.addEventListener('click', () => {
        toggle.disabled = true;
        api.setUserDisabled(u.username, !u.disabled)
          .then((changed) => {
            announce(changed.disabled ? `${u.username} was disabled and logged out everywhere.` : `${u.username} was enabled.`);
            return this.load({ username: u.username, control: 'toggle' });
          })
          .catch((err: unknown) => {
            toggle.disabled = false;
            announce(err instanceof Error ? err.message : String(err), 'error');
          });
      });
      actions.append(toggle);
    }
    if (u.role !== 'patient') {
      const reset = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'reset',
        'aria-label': `Reset password of ${u.username}`, 'aria-expanded': 'false' }, 'Reset password');
      reset.addEventListener('click', () => this.openReset(u, tr, reset));
      actions.append(reset);
    }
    actions.append(h('a', { class: 'btn btn-small btn-quiet', href: `#/audit?actor=${encodeURIComponent(u.username)}`,
      'aria-label': `Audit log of ${u.username}` }, 'Audit log'));
    return tr;
  }

  private openReset(u: User, tr: HTMLElement, button: HTMLButtonElement): void {
    this.body.querySelectorAll('tr.row-editor').forEach((r) => r.remove());
    this.body.querySelectorAll('[data-action="reset"]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    const editor = h('tr', { class: 'row-editor' });
    const close = () => {
      editor.remove();
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    };
    editor.append(h('td', { colspan: 6 }, resetForm(u, close, close)));
    tr.after(editor);
    button.setAttribute('aria-expanded', 'true');
    editor.querySelector<HTMLInputElement>('input')?.focus();
  }
}

function addForm(onAdded: (u: User) => Promise<void>): HTMLFormElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'new-account', 'aria-label': 'Add an account' }, 'Add account');
  const username = ctl.add(field({ name: 'username', label: 'Username', required: true,
    hint: '3 to 64 letters, digits, dots, dashes or underscores; used to log in.',
    attrs: { autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' } }));
  const name = ctl.add(field({ name: 'display_name', label: 'Full name', hint: 'Shown in the app; the username if left empty.',
    attrs: { autocomplete: 'off' } }));
  const role = ctl.add(field({ name: 'role', label: 'Role', type: 'select', options: ADMIN_ROLE_OPTIONS, value: 'clinician',
    hint: PATIENT_ACCOUNTS_NOTE }));
  const pass = ctl.add(field({ name: 'password', label: 'Password', required: true, hint: PASSWORD_HINT,
    attrs: { type: 'password', autocomplete: 'new-password' } }));

  ctl.onSubmit(async () => {
    requireFields(username, pass);
    const body: Body = { username: username.value, role: role.value, password: pass.input.value };
    if (name.value) body.display_name = name.value;
    const created = await api.createUser(body);
    ctl.form.reset();
    announce(`The account ${created.username} (${roleText(created).toLowerCase()}) was added.`);
    await onAdded(created);
    username.input.focus();
  });
  ctl.form.append(
    h('p', { class: 'hint' }, 'Fields marked * are required.'),
    h('div', { class: 'form-grid' }, username.wrap, name.wrap, role.wrap, pass.wrap),
    h('div', { class: 'form-actions' }, ctl.submitButton()));
  return ctl.form;
}

export async function accountsView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const me = await currentUser();
  const table = new AccountsTable(me?.username ?? null);
  await table.load();
  main.append(
    pageTitle('Accounts', h('div', { class: 'head-actions' }, h('a', { class: 'btn', href: '#/audit' }, 'Audit log'))),
    h('p', { class: 'muted page-intro' }, 'Who may log in, and as what. Disabling an account logs it out everywhere; '
      + 'its entries stay in the audit log.'),
    section('accounts-list', 'Accounts', table.el),
    section('account-new', 'Add an account', addForm(async (u) => table.load({ username: u.username, control: 'none' }))));
}
