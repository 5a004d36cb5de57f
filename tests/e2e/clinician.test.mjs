// A clinician on a fresh, empty database: adds a patient, a medicine and a
// regimen, revises and stops it; bad input is shown at its field and changes
// nothing (checked through the API).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

let server;
let browser;
let s;
let patientId;

before(async () => {
  server = await startServer();
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => s.page.locator('main');
const fieldError = (form, name) => s.page.locator(`${form} [data-field="${name}"] .field-error`);

test('the empty patient list invites the first patient', async () => {
  await s.goto('/patients');
  await main().getByText('No patients yet').waitFor();
  await screenshot(s.page, 'clinician-01-empty-list');
  s.assertClean();
});

test('a clinician adds a patient', async () => {
  await main().getByRole('link', { name: 'Add patient' }).click();
  await s.page.waitForURL(/#\/patients\/new$/);
  const form = s.page.locator('#patient-form');
  await form.getByLabel('Name').fill('Ada L.');
  await form.getByLabel('Date of birth').fill('1960-05-04');
  await form.getByLabel('Sex').selectOption('female');
  await form.getByLabel('Weight (kg)').fill('64.5');
  await form.getByLabel('Time zone').fill('Europe/Paris');
  await form.getByLabel('Conditions').fill('insomnia, hypertension');
  await screenshot(s.page, 'clinician-02-new-patient-form');
  await form.getByRole('button', { name: 'Add patient' }).click();
  await s.page.waitForURL(/#\/patients\/\d+$/);
  patientId = Number(/#\/patients\/(\d+)$/.exec(s.page.url())[1]);
  await assert.doesNotReject(main().getByRole('heading', { level: 1, name: 'Ada L.' }).waitFor());
  const p = await apiGet(s, server, `/patients/${patientId}`);
  assert.equal(p.display_name, 'Ada L.');
  assert.equal(p.birth_date, '1960-05-04');
  assert.equal(p.time_zone, 'Europe/Paris');
  assert.deepEqual(p.conditions, ['insomnia', 'hypertension']);
  assert.equal(p.weight.value, 64.5);
  assert.equal(p.weight.unit, 'kg');
  s.assertClean();
});

test('a bad time zone is shown next to its field and adds no patient', async () => {
  await s.goto('/patients/new');
  const form = s.page.locator('#patient-form');
  await form.getByLabel('Name').fill('Nobody');
  await form.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add patient' }).click();
  const err = fieldError('#patient-form', 'time_zone');
  await err.waitFor();
  assert.match(await err.textContent(), /not a known IANA time zone/);
  assert.equal(await form.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
  await screenshot(s.page, 'clinician-03-bad-time-zone');
  const list = await apiGet(s, server, '/patients');
  assert.equal(list.total, 1, 'the refused patient must not exist');

  // A weight out of range: the API names weight.value, shown at the weight field.
  await form.getByLabel('Time zone').fill('Europe/Paris');
  await form.getByLabel('Weight (kg)').fill('1000');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add patient' }).click();
  await s.page.waitForFunction(() =>
    /outside the plausible range/.test(document.querySelector('#patient-form [data-field="weight"] .field-error')?.textContent ?? ''));
  assert.equal(await fieldError('#patient-form', 'time_zone').isVisible(), false, 'the fixed field has no error left');
  assert.equal((await apiGet(s, server, '/patients')).total, 1);

  // A missing name is caught before anything is sent.
  await form.getByLabel('Name').fill('');
  await form.getByRole('button', { name: 'Add patient' }).click();
  assert.match(await fieldError('#patient-form', 'display_name').textContent(), /Name is required/);
  s.assertClean();
});

test('a clinician adds a medicine', async () => {
  await s.goto(`/patients/${patientId}`);
  await main().getByText('Add a medicine or therapy').click();
  const form = s.page.locator('[data-form="medication"]');
  await form.getByLabel('Name').fill('nifedipine');
  await form.getByLabel('Dose', { exact: true }).fill('30 mg');
  await form.getByLabel('Schedule').fill('once daily');
  await form.getByRole('button', { name: 'Add' }).click();
  const row = s.page.locator('#medications tr', { hasText: 'nifedipine' });
  await row.waitFor();
  assert.match(await row.textContent(), /30 mg/);
  const meds = await apiGet(s, server, `/patients/${patientId}/medications`);
  assert.equal(meds.items.length, 1);
  assert.equal(meds.items[0].name, 'nifedipine');
  assert.deepEqual(meds.items[0].dose, { value: 30, unit: 'mg' });
  s.assertClean();
});

test('a medicine with a dose in the wrong unit is refused at the dose field', async () => {
  await main().getByText('Add a medicine or therapy').click();
  const form = s.page.locator('[data-form="medication"]');
  await form.getByLabel('Name').fill('ibuprofen');
  await form.getByLabel('Dose', { exact: true }).fill('400 ml');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Add' }).click();
  await fieldError('[data-form="medication"]', 'dose').waitFor();
  assert.equal((await apiGet(s, server, `/patients/${patientId}/medications`)).items.length, 1);
  s.assertClean();
});

test('a clinician creates a regimen and sees it listed with version 1', async () => {
  await s.goto(`/patients/${patientId}`);
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  await form.getByLabel('Substance').fill('melatonin');
  await form.getByLabel('Formulation').fill('ir');
  await form.getByLabel('Dose per administration').fill('0.5 mg');
  await form.getByLabel('Time 1').fill('21:00');
  await form.getByLabel('Indication').fill('insomnia');
  await form.getByRole('button', { name: 'Add a titration step' }).click();
  await form.getByLabel('Step 1: after days').fill('7');
  await form.getByLabel('Step 1: dose').fill('1 mg');
  await form.getByLabel('Rationale').fill('Sleep-onset insomnia; start low');
  await screenshot(s.page, 'clinician-04-regimen-editor');
  await form.getByRole('button', { name: 'Create regimen' }).click();
  const card = s.page.locator('article.regimen', { hasText: 'melatonin' });
  await card.waitFor();
  assert.equal(await card.getAttribute('data-version'), '1');
  assert.match(await card.textContent(), /version 1/);
  assert.match(await card.textContent(), /0\.5 mg ir at 21:00, daily/);
  const list = await apiGet(s, server, `/patients/${patientId}/regimens`);
  assert.equal(list.items.length, 1);
  const r = list.items[0];
  assert.equal(r.substance, 'melatonin');
  assert.equal(r.current_version, 1);
  assert.deepEqual(r.current.times_of_day, ['21:00']);
  assert.deepEqual(r.current.titration, [{ after_days: 7, dose: { value: 1, unit: 'mg' } }]);
  await screenshot(s.page, 'clinician-05-regimen-created');
  s.assertClean();
});

test('a regimen with a bad dose shows the error at the dose and creates nothing', async () => {
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  await form.getByLabel('Substance').fill('kratom');
  await form.getByLabel('Formulation').fill('powder');
  await form.getByLabel('Dose per administration').fill('5 kilo');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Create regimen' }).click();
  const err = fieldError('[data-form="regimen-new"]', 'dose');
  await err.waitFor();
  assert.match(await err.textContent(), /'kilo' is not a unit/);
  assert.equal((await apiGet(s, server, `/patients/${patientId}/regimens`)).items.length, 1);
  await screenshot(s.page, 'clinician-06-regimen-bad-dose');

  // Times out of order: the API names times_of_day[1], the second time field.
  await form.getByLabel('Dose per administration').fill('2 g');
  await form.getByLabel('Time 1').fill('20:00');
  await form.getByRole('button', { name: 'Add a time' }).click();
  await form.getByLabel('Time 2').fill('08:00');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Create regimen' }).click();
  await s.page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-form="regimen-new"] .rows')[0].querySelectorAll('.field');
    return /increasing order/.test(rows[1]?.querySelector('.field-error')?.textContent ?? '');
  });
  assert.equal((await apiGet(s, server, `/patients/${patientId}/regimens`)).items.length, 1);
  await form.getByRole('button', { name: 'Cancel' }).click();
  s.assertClean();
});

test('a new version keeps every earlier version in the history', async () => {
  const card = s.page.locator('article.regimen', { hasText: 'melatonin' });
  await card.getByRole('button', { name: 'New version' }).click();
  const form = s.page.locator('[data-form="regimen-version"]');
  assert.equal(await form.getByLabel('Dose per administration').inputValue(), '0.5 mg');
  await form.getByLabel('Dose per administration').fill('1 mg');
  await form.getByLabel('Reason for the change').fill('No effect after a week');
  await form.getByRole('button', { name: 'Save version 2' }).click();
  await s.page.locator('article.regimen[data-version="2"]').waitFor();
  const fresh = s.page.locator('article.regimen', { hasText: 'melatonin' });
  await fresh.getByText('History (2 versions)').click();
  const rows = fresh.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /v2.*1 mg.*No effect after a week/);
  assert.match(await rows.nth(1).textContent(), /v1.*0\.5 mg/);
  const r = (await apiGet(s, server, `/patients/${patientId}/regimens`)).items[0];
  assert.equal(r.versions.length, 2);
  assert.deepEqual(r.current.dose, { value: 1, unit: 'mg' });
  await screenshot(s.page, 'clinician-07-regimen-history');
  s.assertClean();
});

test('stopping needs a reason, then makes a stopped version', async () => {
  const card = s.page.locator('article.regimen', { hasText: 'melatonin' });
  await card.getByRole('button', { name: 'Stop' }).click();
  const form = s.page.locator('[data-form="regimen-stop"]');
  await form.getByRole('button', { name: 'Stop regimen' }).click();
  assert.match(await fieldError('[data-form="regimen-stop"]', 'reason').textContent(), /required/);
  assert.equal((await apiGet(s, server, `/patients/${patientId}/regimens`)).items[0].status, 'active');
  await form.getByLabel('Reason for stopping').fill('Sleep onset normalised');
  await form.getByRole('button', { name: 'Stop regimen' }).click();
  await s.page.locator('article.regimen-stopped[data-version="3"]').waitFor();
  const r = (await apiGet(s, server, `/patients/${patientId}/regimens`)).items[0];
  assert.equal(r.status, 'stopped');
  assert.equal(r.current_version, 3);
  s.assertClean();
});

test('a clinician plans a trip: a bad arrival is shown at its field and saves nothing, then the plan is kept', async () => {
  await s.goto(`/patients/${patientId}`);
  await main().getByText('Plan a trip (jet lag)').click();
  const form = s.page.locator('[data-form="jetlag"]');
  await form.getByLabel('Destination time zone').fill('America/New_York');
  await form.getByLabel('Departure date').fill('2026-12-01');
  await form.getByLabel('Departure time (local)').fill('10:00');
  await form.getByLabel('Arrival date').fill('2026-11-30');
  await form.getByLabel('Arrival time (local)').fill('12:30');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Plan the trip' }).click();
  await fieldError('[data-form="jetlag"]', 'arrive').waitFor();
  assert.match(await fieldError('[data-form="jetlag"]', 'arrive').textContent(), /after the departure/);
  assert.equal((await apiGet(s, server, `/patients/${patientId}/plans`)).items.length, 0);

  await form.getByLabel('Arrival date').fill('2026-12-01');
  await form.getByLabel('Title').fill('Conference in New York');
  await form.getByRole('button', { name: 'Plan the trip' }).click();
  const plan = s.page.locator('#plans article.plan', { hasText: 'Conference in New York' });
  await plan.waitFor();
  const saved = (await apiGet(s, server, `/patients/${patientId}/plans`)).items;
  assert.equal(saved.length, 1);
  assert.equal(saved[0].plan.strategy.direction, 'delay');
  assert.equal(await plan.locator('li[data-day]').count(), saved[0].plan.days.length);
  await plan.locator('img.plan-plot').evaluate((img) => img.decode());
  assert.ok(await plan.locator('img.plan-plot').evaluate((img) => img.naturalWidth > 0));
  await plan.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'clinician-09-jetlag-plan');
  s.assertClean();
});

test('the patient list finds the new patient by part of the name', async () => {
  await s.goto('/patients');
  const search = s.page.getByLabel('Search patients');
  await search.fill('da l');
  await main().locator('tr[data-patient-id]').first().waitFor();
  assert.match(await main().locator('#patient-results tbody').textContent(), /Ada L\./);
  await search.fill('zzz');
  await main().getByText('No patient matches').waitFor();
  s.assertClean();
});
