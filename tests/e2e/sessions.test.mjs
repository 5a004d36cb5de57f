// Sessions and roles in the browser: a tab opened after the login (a new tab,
// a bookmark, a restarted browser) learns who is logged in and can save; an
// ended session returns to the same page after the next login; a patient sees
// only their own check-in, never the staff pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, launch, loginAs, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

// The demo clinic's patient account (src/pineal/app/demo_clinic.cc); demo
// passwords are printed by `pineal serve` and are not secret.
const PATIENT = { username: 'margaret', password: 'demo-patient-pass' };

let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const header = (s) => s.page.locator('header.app-header');
const nav = (s) => s.page.getByRole('navigation', { name: 'Main' });
// The header has asked the server who is logged in.
const sessionKnown = (s, role) => s.page.waitForFunction((r) => document.body.dataset.session === r, role);

test('a new tab knows the clinician, shows Log out, and saves', async () => {
  const first = await openPage(browser.context, server);
  await loginAs(first, server.login.username, server.login.password, /#\/patients$/);

  // A second tab of the same browser: the cookie, but not the first tab's storage.
  const tab = await openPage(browser.context, server);
  await tab.goto('/patients/new');
  await sessionKnown(tab, 'clinician');
  assert.match(await header(tab).textContent(), new RegExp(`${server.login.username} \\(clinician\\)`));
  assert.ok(await header(tab).getByRole('button', { name: 'Log out' }).isVisible());
  const form = tab.page.locator('#patient-form');
  await form.getByLabel('Name').fill('New Tab T.');
  await form.getByLabel('Time zone').fill('Europe/Paris');
  await form.getByRole('button', { name: 'Add patient' }).click();
  await tab.page.waitForURL(/#\/patients\/\d+$/);
  await tab.page.getByRole('heading', { level: 1, name: 'New Tab T.' }).waitFor();
  const found = (await apiGet(tab, server, '/patients?q=New%20Tab')).items;
  assert.equal(found.length, 1);
  await screenshot(tab.page, 'sessions-01-new-tab-saved');
  tab.assertClean();
  first.assertClean();
  await tab.page.close();
  await first.page.close();
});

test('after the session ends, the next login returns to the page the user was on', async () => {
  const s = await openPage(browser.context, server);
  await loginAs(s, server.login.username, server.login.password, /#\/patients$/);
  const patient = (await apiGet(s, server, '/patients?q=Margaret')).items[0];
  await s.goto(`/patients/${patient.id}`);
  await s.page.getByRole('heading', { level: 1, name: patient.display_name }).waitFor();
  // The session ends elsewhere (here: every session of the account).
  const csrf = await s.page.evaluate(() => sessionStorage.getItem('pineal.csrf'));
  const ended = await s.page.context().request.post(`${server.url}/api/v1/auth/logout-everywhere`, {
    data: {}, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
  });
  assert.equal(ended.status(), 200);
  s.allowHttpError(401);
  await s.page.locator('a', { hasText: 'Patients' }).first().click();
  await s.page.waitForURL(/#\/login\?next=%2Fpatients$/);
  await s.page.getByLabel('Username').fill(server.login.username);
  await s.page.getByLabel('Password').fill(server.login.password);
  await s.page.getByRole('button', { name: 'Log in' }).click();
  await s.page.waitForURL(/#\/patients$/);
  await sessionKnown(s, 'clinician');
  s.assertClean();
  await s.page.close();
});

test('a patient sees only their own check-in, on a phone', async () => {
  const s = await openPage(browser.context, server);
  await s.page.setViewportSize({ width: 390, height: 844 });
  await loginAs(s, PATIENT.username, PATIENT.password, /#\/checkin\/\d+$/);
  await sessionKnown(s, 'patient');
  const own = Number(/#\/checkin\/(\d+)$/.exec(s.page.url())[1]);
  assert.equal(await nav(s).getByRole('link', { name: 'Patients' }).isVisible(), false);
  assert.equal(await nav(s).getByRole('link', { name: 'Alerts' }).isVisible(), false);
  assert.equal(await nav(s).getByRole('link', { name: 'Add patient' }).isVisible(), false);
  assert.ok(await nav(s).getByRole('link', { name: 'My check-in' }).isVisible());
  assert.ok(await header(s).getByRole('button', { name: 'Log out' }).isVisible());
  await screenshot(s.page, 'sessions-02-patient-phone');

  // The logo leads to the check-in, not to a patient list.
  await s.page.locator('a.brand').click();
  await s.page.getByRole('heading', { level: 1, name: 'Daily check-in' }).waitFor();
  assert.equal(await s.page.locator('main table').count(), 0);

  // The staff pages say whose they are, with the way back, and ask the API nothing.
  for (const path of ['/patients', '/alerts', '/patients/new', `/patients/${own}`]) {
    await s.goto(path);
    await s.page.getByRole('heading', { level: 1, name: 'This page is for the clinic’s staff' }).waitFor();
    await s.page.getByRole('link', { name: 'Go to your check-in' }).click();
    await s.page.waitForURL(new RegExp(`#/checkin/${own}$`));
    await s.page.getByRole('heading', { level: 1, name: 'Daily check-in' }).waitFor();
  }
  await screenshot(s.page, 'sessions-03-patient-checkin');
  s.assertClean();
  await s.page.close();
});
