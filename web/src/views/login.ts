// Logging in. Shown when the API answers 401; a server without accounts
// never sends the app here.
import { api, setCsrfToken } from '../api';
import { h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import { currentQuery, navigate } from '../router';
import { pageTitle } from './common';
import { homeOf, refreshSession } from './session';

export async function loginView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const next = currentQuery().get('next') ?? '';
  const ctl = new FormController({ class: 'form login-form', 'data-form': 'login' }, 'Log in');
  const user = ctl.add(field({ name: 'username', label: 'Username', required: true,
    attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } }));
  const pass = ctl.add(field({ name: 'password', label: 'Password', required: true,
    attrs: { type: 'password', autocomplete: 'current-password' } }));
  ctl.onSubmit(async () => {
    requireFields(user, pass);
    const grant = await api.login(user.value, pass.input.value);
    setCsrfToken(grant.csrf_token);
    await refreshSession();
    navigate(next.startsWith('/') && !next.startsWith('/login') ? next : homeOf(grant.user));
  });
  ctl.form.append(user.wrap, pass.wrap, h('div', { class: 'form-actions' }, ctl.submitButton('btn-wide')));
  main.append(h('div', { class: 'login' }, pageTitle('Log in to pineal'), h('section', { class: 'card' }, ctl.form)));
}
