// axe-core on every page of every role, at a phone's size and a desktop's:
// no serious or critical violation. The login page; the clinician's patient
// list, new patient form, each demo patient's record (with every folded part
// open and the editors that open on demand), a check-in and the alert inbox;
// the patient's own check-in and record; the administrator's accounts (with
// the password reset open) and audit log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeRun, axeSummary, formatViolations } from './lib/axe.mjs';
import { apiGet, launch, loginAs, logout, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

// The demo clinic's accounts (src/pineal/app/demo_clinic.cc); demo passwords
// are printed by `pineal serve` and are not secret.
const ADMIN = { username: 'admin.demo', password: 'demo-admin-password' };
const PATIENT = { username: 'margaret', password: 'demo-patient-pass' };

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];

let server;
let browser;
let s;
let patients = [];
// Every violation of every page, whatever its impact, for the run's log.
const seen = [];

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  s = await openPage(browser.context, server);
});

after(async () => {
  if (seen.length) console.log(`axe, every impact:\n${seen.join('\n')}`);
  await browser?.close();
  await server?.stop();
});

// Two frames: a resize reaches the ResizeObservers and what they redraw.
const frames = () => s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// The view is on screen with its heading, and nothing in it is still loading.
async function rendered() {
  await s.page.waitForFunction(() => document.querySelector('main h1') !== null &&
    document.querySelector('main [data-state="loading"], main [aria-busy="true"]') === null);
  await frames();
}

// Opens every folded part of the view (details inside details too).
async function openDetails() {
  await s.page.evaluate(() => {
    for (const d of document.querySelectorAll('main details')) d.open = true;
  });
  await frames();
}

// axe at both sizes on what is on screen now (or on the part `context`
// selects); returns the failures, readable.
async function check(label, shot, context = 'html') {
  const failures = [];
  for (const vp of VIEWPORTS) {
    await s.page.setViewportSize({ width: vp.width, height: vp.height });
    await rendered();
    const violations = await axeRun(s.page, context);
    for (const line of axeSummary(violations)) seen.push(`${label} @${vp.name}: ${line}`);
    failures.push(...formatViolations(violations).map((l) => `${label} @${vp.name}: ${l}`));
    if (shot) await screenshot(s.page, `a11y-${shot}-${vp.name}`);
  }
  return failures;
}

function assertNone(failures) {
  assert.deepEqual(failures, [], `serious or critical axe violations:\n${failures.join('\n')}`);
}

async function visit(hashPath, heading) {
  await s.goto(hashPath);
  await s.page.locator('main h1', heading ? { hasText: heading } : {}).first().waitFor();
  await rendered();
}

// Clicks a button and waits for what it opens.
async function open(button, opened) {
  await button.click();
  await opened.waitFor();
}

test('the login page', async () => {
  await visit('/login', 'Log in');
  assertNone(await check('login', 'login'));
});

test('clinician: the patient list', async (t) => {
  if (!server.login) return t.skip('this pineal has no accounts');
  await loginAs(s, server.login.username, server.login.password, /#\/patients/);
  await visit('/patients', 'Patients');
  patients = (await apiGet(s, server, '/patients')).items;
  assert.ok(patients.length >= 4, 'the demo clinic has its patients');
  assertNone(await check('clinician patient list', 'patients'));
});

test('clinician: the new patient form', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await visit('/patients/new');
  // The form's errors too: submitted empty, it marks its required fields.
  const failures = await check('clinician new patient', 'new-patient');
  await s.page.locator('#patient-form').getByRole('button', { name: 'Add patient' }).click();
  await s.page.locator('#patient-form .field-error').first().waitFor();
  failures.push(...await check('clinician new patient (errors)', null, '#patient-form'));
  assertNone(failures);
});

test("clinician: each demo patient's record, everything open", async (t) => {
  if (!server.login) return t.skip('no accounts');
  const failures = [];
  for (const [i, p] of patients.entries()) {
    // Screenshots of the first record only: a record's full page is tall.
    const slug = i === 0 ? p.display_name.toLowerCase().replace(/[^a-z]+/g, '') : null;
    await visit(`/patients/${p.id}`, p.display_name);
    await openDetails();
    failures.push(...await check(`${p.display_name} record`, slug && `record-${slug}`));

    // The editors that open on a click: a new regimen, each review's and each
    // alert's first action. The rest of the page was checked just now.
    const main = s.page.locator('main');
    await open(main.getByRole('button', { name: 'New regimen' }), main.locator('#regimens .editor'));
    for (const b of await main.locator('#reviews article.review [data-review-action]:first-of-type').all()) await b.click();
    for (const card of await main.locator('article.alert-card').all()) {
      const b = card.locator('button[aria-expanded="false"]').first();
      if (await b.count()) await b.click();
    }
    await openDetails();
    failures.push(...await check(`${p.display_name} record, editors open`, null, 'main .editor'));

    // A new version of the first regimen: its fields are filled in, so the
    // safety screening runs and shows its findings.
    const revise = main.locator('#regimens article.regimen').first().getByRole('button', { name: 'New version' });
    if (await revise.count()) {
      await revise.click();
      await s.page.waitForFunction(() => ['clear', 'findings', 'blocking', 'error']
        .includes(document.querySelector('#regimens .screening-panel')?.dataset.screening ?? ''));
      await openDetails();
      failures.push(...await check(`${p.display_name} record, new regimen version`, slug && `record-${slug}-revise`,
        '#regimens .editor'));
    }
  }
  assertNone(failures);
});

test('clinician: a check-in', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await visit(`/checkin/${patients[0].id}`);
  await openDetails();
  assertNone(await check('clinician check-in', 'checkin-clinician'));
});

test('clinician: the alert inbox', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await visit('/alerts', 'Alerts');
  await openDetails();
  const failures = await check('alert inbox', 'alerts');
  const card = s.page.locator('#alert-list article.alert-card').first();
  if (await card.count()) {
    await open(card.locator('button[aria-expanded="false"]').first(), card.locator('form'));
    failures.push(...await check('alert inbox, acknowledge open', null, '#alert-list .editor'));
  }
  assertNone(failures);
  await logout(s);
});

let own;

test('patient: their check-in', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await loginAs(s, PATIENT.username, PATIENT.password, /#\/checkin\/\d+/);
  own = Number(/#\/checkin\/(\d+)/.exec(s.page.url())[1]);
  await rendered();
  await openDetails();
  assertNone(await check('patient check-in', 'checkin-patient'));
});

// What a patient sees at their record's address (today: a notice that sends
// them to their check-in).
test('patient: their own record', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await visit(`/patients/${own}`);
  await openDetails();
  assertNone(await check('patient own record', 'record-patient'));
  await logout(s);
});

test('administrator: the accounts, with a password reset open', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await loginAs(s, ADMIN.username, ADMIN.password, /#\/admin$/);
  await visit('/admin', 'Accounts');
  await s.page.locator('#accounts tbody tr[data-username]').first().waitFor();
  const failures = await check('accounts', 'accounts');
  await open(s.page.locator('#accounts tr[data-username="dr.demo"] [data-action="reset"]'),
    s.page.locator('[data-form="reset-password"]'));
  failures.push(...await check('accounts, reset open', 'accounts-reset', '[data-form="reset-password"]'));
  assertNone(failures);
});

test('administrator: the audit log', async (t) => {
  if (!server.login) return t.skip('no accounts');
  await visit('/audit', 'Audit log');
  await s.page.locator('#audit tbody tr[data-audit-id]').first().waitFor();
  assertNone(await check('audit log', 'audit'));
  await logout(s);
  // The login page again, as a logged-out user sees it.
  await rendered();
  assertNone(await check('login after logout'));
});
