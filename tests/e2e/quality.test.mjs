// Every form field has a label; the workspace works from the keyboard alone;
// unknown pages and records say so without console errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

let server;
let browser;
let s;
let patients;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  patients = (await apiGet(s, server, '/patients')).items;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Controls with no label, no aria-label and no aria-labelledby.
async function unlabelled() {
  return s.page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML.slice(0, 120)));
}

test('every form field has a label', async () => {
  const p = patients[0];
  await s.goto('/patients');
  assert.deepEqual(await unlabelled(), []);
  await s.goto('/patients/new');
  assert.deepEqual(await unlabelled(), []);
  await s.goto(`/patients/${p.id}`);
  await s.page.getByText('Add a medicine or therapy').click();
  await s.page.getByRole('button', { name: 'New regimen' }).click();
  await s.page.getByRole('button', { name: 'Add a titration step' }).click();
  assert.deepEqual(await unlabelled(), []);
  await s.page.locator('article.regimen').first().getByRole('button', { name: 'New version' }).click();
  assert.deepEqual(await unlabelled(), []);
  await s.page.locator('article.regimen').first().getByRole('button', { name: 'Stop' }).click();
  assert.deepEqual(await unlabelled(), []);
  await s.goto(`/checkin/${p.id}`);
  await s.page.locator('.dose-edit summary').first().click().catch(() => undefined);
  assert.deepEqual(await unlabelled(), []);
  s.assertClean();
});

async function tabTo(predicate, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await s.page.keyboard.press('Tab');
    if (await s.page.evaluate(predicate)) return;
  }
  throw new Error(`not reached with ${max} presses of Tab: ${predicate}`);
}

test('a clinician can find a patient and add a medicine with the keyboard alone', async () => {
  const p = patients[1] ?? patients[0];
  await s.goto('/patients');
  await s.page.evaluate(() => document.activeElement?.blur());
  await tabTo(() => document.activeElement?.id === 'patient-search');
  await s.page.keyboard.type(p.display_name.slice(0, 4));
  await s.page.waitForFunction((n) => document.querySelectorAll('tr[data-patient-id]').length >= 1 &&
    [...document.querySelectorAll('tr[data-patient-id]')].every((r) => r.textContent.includes(n)), p.display_name.slice(0, 4));
  await tabTo(() => document.activeElement?.closest('tr[data-patient-id]') !== null && document.activeElement.tagName === 'A');
  await s.page.keyboard.press('Enter');
  await s.page.waitForURL(/#\/patients\/\d+$/);
  await s.page.getByRole('heading', { level: 1, name: p.display_name }).waitFor();
  assert.equal(await s.page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new page');

  await tabTo(() => document.activeElement?.textContent === 'Add a medicine or therapy');
  await s.page.keyboard.press('Enter');
  await tabTo(() => document.activeElement?.closest('[data-field="name"]') !== null);
  await s.page.keyboard.type('valerian root');
  await tabTo(() => document.activeElement?.closest('[data-field="category"]') !== null);
  await s.page.keyboard.press('ArrowDown'); // supplement
  await tabTo(() => document.activeElement?.closest('[data-field="dose"]') !== null);
  await s.page.keyboard.type('300 mg');
  await s.page.keyboard.press('Enter'); // submits the form
  await s.page.locator('#medications tr', { hasText: 'valerian root' }).waitFor();
  const meds = (await apiGet(s, server, `/patients/${p.id}/medications`)).items;
  const added = meds.find((m) => m.name === 'valerian root');
  assert.equal(added.category, 'supplement');
  assert.deepEqual(added.dose, { value: 300, unit: 'mg' });
  await screenshot(s.page, 'quality-01-keyboard-medicine');
  s.assertClean();
});

test('focus is visible on the focused control', async () => {
  await s.goto('/patients');
  await s.page.evaluate(() => document.activeElement?.blur());
  await tabTo(() => document.activeElement?.id === 'patient-search');
  const outline = await s.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  s.assertClean();
});

test('a wrong password is refused on the login page', async (t) => {
  if (!server.login) {
    t.skip('this pineal has no accounts');
    return;
  }
  await s.goto('/login');
  await s.page.getByLabel('Username').fill(server.login.username);
  await s.page.getByLabel('Password').fill('not-the-password');
  s.allowHttpError(401, 403);
  await s.page.getByRole('button', { name: 'Log in' }).click();
  await s.page.locator('[data-form="login"] .form-error:not([hidden]), [data-form="login"] .field-error:not([hidden])').first().waitFor();
  assert.match(s.page.url(), /#\/login/);
  await screenshot(s.page, 'quality-03-login-refused');
  s.assertClean();
});

test('an unknown page and an unknown patient say so', async () => {
  await s.goto('/nowhere');
  await s.page.getByRole('heading', { name: 'No such page' }).waitFor();
  // The page asks for the patient first and stops at the API's answer.
  s.allowHttpError(403, 404);
  await s.goto('/patients/999999');
  await s.page.getByRole('heading', { name: /Not found|Something went wrong/ }).waitFor();
  await screenshot(s.page, 'quality-02-not-found');
  s.assertClean();
});
