// The administrator's view on the demo clinic: the accounts are the landing
// page; an account is added (bad input is shown at its field and adds
// nothing), disabled, enabled and given a new password; the audit log shows
// a clinician's read of a patient. A clinician gets no admin view.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, launch, login, loginAs, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { formatInPage } from './lib/zoned.mjs';

// The demo clinic's administrator (src/pineal/app/demo_clinic.cc); demo
// passwords are printed by `pineal serve` and are not secret.
const ADMIN = { username: 'admin.demo', password: 'demo-admin-password' };
const NEW = { username: 'dr.new', name: 'Dr New Colleague', password: 'a-long-clinician-passphrase' };

let server;
let browser;
let s;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  s = await openPage(browser.context, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => s.page.locator('main');
const accountRow = (name) => s.page.locator(`#accounts tr[data-username="${name}"]`);
const fieldError = (form, name) => s.page.locator(`${form} [data-field="${name}"] .field-error`);

// Controls with no label, no aria-label and no aria-labelledby.
async function unlabelled(page) {
  return page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML.slice(0, 120)));
}

// A login through the API without a browser, to see whether an account works.
async function canLogIn(username, password) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return r.status;
}

async function tabTo(page, predicate, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`not reached with ${max} presses of Tab: ${predicate}`);
}

test('an administrator lands on the accounts and sees every account', async (t) => {
  if (!server.login) {
    t.skip('this pineal has no accounts');
    return;
  }
  await loginAs(s, ADMIN.username, ADMIN.password, /#\/admin$/);
  await main().getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  await accountRow('dr.demo').waitFor();
  assert.match(await accountRow('dr.demo').textContent(), /Clinician.*Active/);
  assert.match(await accountRow('admin.demo').textContent(), /admin\.demo \(you\).*Administrator/);
  assert.match(await accountRow('margaret').textContent(), /Patient \(record #\d+\)/);
  const users = (await apiGet(s, server, '/users')).items;
  assert.equal(await s.page.locator('#accounts tbody tr[data-username]').count(), users.length);
  // No disabling of one's own account.
  assert.equal(await accountRow('admin.demo').getByRole('button', { name: /^Disable/ }).count(), 0);
  // The header offers the admin pages, not the clinical ones.
  const nav = s.page.getByRole('navigation', { name: 'Main' });
  assert.ok(await nav.getByRole('link', { name: 'Audit log' }).isVisible());
  assert.equal(await nav.getByRole('link', { name: 'Patients' }).isVisible(), false);
  assert.deepEqual(await unlabelled(s.page), []);
  await screenshot(s.page, 'admin-01-accounts');

  // The clinical pages say they are not for this account, without a failed request.
  await s.goto('/patients');
  await main().getByRole('heading', { name: 'Not for administrator accounts' }).waitFor();
  await s.goto('/');
  await main().getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  s.assertClean();
});

test('a too-short or common password is shown at the password field and adds no account', async (t) => {
  if (!server.login) return t.skip('no accounts');
  const form = s.page.locator('[data-form="new-account"]');
  await form.getByLabel('Username').fill(NEW.username);
  await form.getByLabel('Full name').fill(NEW.name);
  await form.getByLabel('Role').selectOption('clinician');
  await form.getByLabel('Password').fill('short');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add account' }).click();
  const err = fieldError('[data-form="new-account"]', 'password');
  await err.waitFor();
  assert.match(await err.textContent(), /Password must have at least 12 characters/);
  assert.equal(await form.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('name')), 'password',
    'focus moves to the field in error');

  await form.getByLabel('Password').fill('password1234');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add account' }).click();
  await s.page.waitForFunction(() => /most common passwords/.test(
    document.querySelector('[data-form="new-account"] [data-field="password"] .field-error')?.textContent ?? ''));
  await screenshot(s.page, 'admin-02-common-password');

  // A username the API refuses is shown at the username field instead.
  await form.getByLabel('Username').fill('dr new!');
  await form.getByLabel('Password').fill(NEW.password);
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add account' }).click();
  await fieldError('[data-form="new-account"]', 'username').waitFor();
  assert.match(await fieldError('[data-form="new-account"]', 'username').textContent(), /Username may contain only/);
  assert.equal(await fieldError('[data-form="new-account"]', 'password').isVisible(), false);

  // An administrator cannot make a patient account (the way into a record):
  // the role is not offered, and the form says who can.
  const roles = await form.getByLabel('Role').locator('option').allTextContents();
  assert.deepEqual(roles, ['Clinician', 'Administrator']);
  assert.match(await form.locator('[data-field="role"] .hint').textContent(), /care team/);

  const names = (await apiGet(s, server, '/users')).items.map((u) => u.username);
  assert.ok(!names.includes(NEW.username) && !names.includes('dr new!'),
    'no refused account exists');
  s.assertClean();
});

test('the administrator adds a clinician', async (t) => {
  if (!server.login) return t.skip('no accounts');
  const form = s.page.locator('[data-form="new-account"]');
  await form.getByLabel('Username').fill(NEW.username);
  await form.getByLabel('Full name').fill(NEW.name);
  await form.getByLabel('Role').selectOption('clinician');
  await form.getByLabel('Password').fill(NEW.password);
  await form.getByRole('button', { name: 'Add account' }).click();
  await accountRow(NEW.username).waitFor();
  assert.match(await accountRow(NEW.username).textContent(), new RegExp(`${NEW.name}.*Clinician.*Active`));
  assert.match(await s.page.locator('#status').textContent(), /dr\.new \(clinician\) was added/);
  assert.equal(await form.getByLabel('Username').inputValue(), '', 'the form is emptied for the next one');
  const u = (await apiGet(s, server, '/users')).items.find((x) => x.username === NEW.username);
  assert.equal(u.role, 'clinician');
  assert.equal(u.display_name, NEW.name);
  assert.equal(u.disabled, false);

  // The same username again is refused at the username field.
  await form.getByLabel('Username').fill(NEW.username);
  await form.getByLabel('Password').fill('another-long-passphrase');
  s.allowHttpError(409);
  await form.getByRole('button', { name: 'Add account' }).click();
  await fieldError('[data-form="new-account"]', 'username').waitFor();
  assert.match(await fieldError('[data-form="new-account"]', 'username').textContent(), /taken/);
  assert.equal((await apiGet(s, server, '/users')).items.filter((x) => x.username === NEW.username).length, 1);
  await form.getByLabel('Username').fill('');
  await form.getByLabel('Password').fill('');
  s.assertClean();
});

test('the administrator disables the account, enables it and resets its password by keyboard', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await accountRow(NEW.username).getByRole('button', { name: `Disable ${NEW.username}` }).click();
  await accountRow(NEW.username).getByText('Disabled').waitFor();
  assert.equal((await apiGet(s, server, '/users')).items.find((x) => x.username === NEW.username).disabled, true);
  assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Enable ${NEW.username}`,
    'focus stays on the row acted on');
  assert.equal(await canLogIn(NEW.username, NEW.password), 401, 'a disabled account cannot log in');
  await screenshot(s.page, 'admin-03-disabled');

  await s.page.keyboard.press('Enter');
  await accountRow(NEW.username).getByText('Active').waitFor();
  assert.equal((await apiGet(s, server, '/users')).items.find((x) => x.username === NEW.username).disabled, false);

  // Reset the password with the keyboard alone: a short one first.
  await tabTo(s.page, () => document.activeElement?.getAttribute('aria-label') === 'Reset password of dr.new');
  await s.page.keyboard.press('Enter');
  const reset = s.page.locator('[data-form="reset-password"]');
  await reset.waitFor();
  assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
  await s.page.keyboard.type('too-short');
  s.allowHttpError(400);
  await s.page.keyboard.press('Enter');
  await fieldError('[data-form="reset-password"]', 'password').waitFor();
  assert.match(await fieldError('[data-form="reset-password"]', 'password').textContent(), /at least 12 characters/);
  await screenshot(s.page, 'admin-04-reset-short');
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('a-brand-new-passphrase');
  await s.page.keyboard.press('Enter');
  await reset.waitFor({ state: 'detached' });
  assert.match(await s.page.locator('#status').textContent(), /password of dr\.new was reset/);
  assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Reset password of dr.new');
  assert.equal(await canLogIn(NEW.username, NEW.password), 401, 'the old password no longer works');
  assert.equal(await canLogIn(NEW.username, 'a-brand-new-passphrase'), 200);
  s.assertClean();
});

let margaret;

test('a clinician reads a patient and gets no admin view', async (t) => {
  if (!server.login) return t.skip('no accounts');
  const other = await launch();
  try {
    const c = await openPage(other.context, server);
    await login(c, server);
    const nav = c.page.getByRole('navigation', { name: 'Main' });
    assert.ok(await nav.getByRole('link', { name: 'Patients' }).isVisible());
    assert.equal(await nav.getByRole('link', { name: 'Accounts' }).isVisible(), false);
    assert.equal(await nav.getByRole('link', { name: 'Audit log' }).isVisible(), false);
    margaret = (await apiGet(c, server, '/patients?q=Margaret')).items[0];
    assert.ok(margaret, 'the demo clinic has Margaret');
    await c.goto(`/patients/${margaret.id}`);
    await c.page.getByRole('heading', { level: 1, name: margaret.display_name }).waitFor();

    await c.goto('/admin');
    await c.page.getByRole('heading', { level: 1, name: 'For administrators only' }).waitFor();
    assert.equal(await c.page.locator('#accounts').count(), 0);
    await c.goto('/audit');
    await c.page.getByRole('heading', { level: 1, name: 'For administrators only' }).waitFor();
    await screenshot(c.page, 'admin-05-clinician-refused');
    const r = await c.page.context().request.get(`${server.url}/api/v1/users`);
    assert.equal(r.status(), 403, 'the API refuses the accounts to a clinician too');
    c.assertClean();
  } finally {
    await other.close();
  }
});

test('the audit log shows the clinician\'s read of the patient, filtered by patient and by user', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await main().getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await s.page.locator('#audit tbody tr[data-audit-id]').first().waitFor();
  assert.match(await s.page.locator('#audit thead').textContent(), /When \(UTC\).*Who.*Role.*Action.*Patient.*Address.*Outcome.*Detail/);

  const form = s.page.locator('[data-form="audit-filter"]');
  await form.getByLabel('Patient record number').fill(String(margaret.id));
  await form.getByRole('button', { name: 'Show entries' }).click();
  await s.page.waitForURL(new RegExp(`#/audit\\?patient_id=${margaret.id}$`));
  const reads = s.page.locator('#audit tbody tr[data-action="patient.read"]', { hasText: server.login.username });
  await reads.first().waitFor();
  const text = await reads.first().textContent();
  assert.match(text, /Clinician/);
  assert.match(text, /Read the patient record/);
  assert.match(text, new RegExp(`#${margaret.id}`));
  assert.match(text, /127\.0\.0\.1/);
  assert.match(text, /Done/);
  // Every row is about that patient.
  const patients = await s.page.locator('#audit tbody tr[data-audit-id] td:nth-child(5)').allTextContents();
  assert.ok(patients.length > 1 && patients.every((p) => p === `#${margaret.id}`));
  // The time is the API's instant in this browser's zone (UTC here).
  const when = reads.first().locator('time');
  const iso = await when.getAttribute('datetime');
  const expected = await formatInPage(s.page, iso, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'medium' });
  assert.equal(await when.textContent(), expected);
  const fromApi = (await apiGet(s, server, `/audit?patient_id=${margaret.id}&actor=${server.login.username}`)).items;
  assert.ok(fromApi.some((e) => e.action === 'patient.read' && e.role === 'clinician' && e.outcome === 'ok'));
  await screenshot(s.page, 'admin-06-audit-patient');

  // A click on the user narrows to that user's entries about the patient.
  await reads.first().getByRole('link', { name: server.login.username }).click();
  await s.page.waitForURL(new RegExp(`actor=${server.login.username.replace('.', '\\.')}`));
  await s.page.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('#audit tbody tr[data-audit-id] th')];
    return rows.length >= 1 && rows.every((th) => th.textContent === name);
  }, server.login.username);
  assert.equal(await s.page.locator('[data-form="audit-filter"]').getByLabel('User').inputValue(), server.login.username);

  // Refused actions only: the clinician's refused /users shows up.
  await s.goto(`/audit?actor=${server.login.username}&outcome=failed`);
  await s.page.locator('#audit tbody tr[data-action="user.list"]').first().waitFor();
  assert.match(await s.page.locator('#audit tbody tr[data-action="user.list"]').first().textContent(), /Permission denied/);

  // A patient filter that is no number is refused at its field before anything is sent.
  await s.goto('/audit');
  await form.getByLabel('Patient record number').fill('Margaret');
  await form.getByRole('button', { name: 'Show entries' }).click();
  assert.match(await fieldError('[data-form="audit-filter"]', 'patient_id').textContent(), /must be a patient id/);
  assert.deepEqual(await unlabelled(s.page), []);
  await screenshot(s.page, 'admin-07-audit-bad-filter');
  s.assertClean();
});
