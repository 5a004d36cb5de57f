// Safety screening in the regimen editor: findings appear as the clinician
// types; a blocking finding stops the save until it is overridden with a
// reason, and the override stays visible in the regimen's history.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

let server;
let browser;
let s;
let fluvoxPatient;
let healthyPatient;
let unrecordedPregnancyPatient;  // a woman of 32 whose pregnancy status is not recorded

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  const p = await apiPost(s, server, '/patients', {
    display_name: 'Paul F.', birth_date: '1970-03-14', sex: 'male', time_zone: 'Europe/Berlin',
  });
  fluvoxPatient = p.id;
  await apiPost(s, server, `/patients/${fluvoxPatient}/medications`, {
    name: 'fluvoxamine', category: 'medicine', dose: '100 mg', schedule: 'once daily',
  });
  const q = await apiPost(s, server, '/patients', {
    display_name: 'Hana H.', birth_date: '1990-06-01', sex: 'female', pregnancy: 'not_pregnant',
    time_zone: 'Europe/Berlin',
  });
  healthyPatient = q.id;
  const u = await apiPost(s, server, '/patients', {
    display_name: 'Ines V.', birth_date: '1994-02-11', sex: 'female', time_zone: 'Europe/Berlin',
  });
  unrecordedPregnancyPatient = u.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => s.page.locator('main');
const panel = () => s.page.locator('[data-form="regimen-new"] .screening-panel');

async function typeRegimen(form, dose) {
  await form.getByLabel('Substance').fill('melatonin');
  await form.getByLabel('Formulation').fill('ir');
  await form.getByLabel('Dose per administration').fill(dose);
  await form.getByLabel('Time 1').fill('22:00');
  await form.getByLabel('Indication').fill('insomnia');
}

test('typing 20 mg melatonin for a patient on fluvoxamine shows the interaction before saving', async () => {
  await s.goto(`/patients/${fluvoxPatient}`);
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  assert.match(await panel().getByRole('status').textContent(), /runs once/);
  await typeRegimen(form, '20 mg');
  await s.page.waitForFunction(() =>
    document.querySelector('[data-form="regimen-new"] .screening-panel')?.dataset.screening === 'blocking');
  const finding = panel().locator('.finding', { hasText: 'Melatonin with fluvoxamine' });
  await finding.waitFor();
  assert.equal(await finding.locator('xpath=ancestor::section[1]').getAttribute('data-severity'), 'major');
  assert.match(await finding.textContent(), /Needs sign-off/);
  assert.match(await finding.textContent(), /CYP1A2/, 'the mechanism is shown');
  assert.match(await finding.textContent(), /What to do/);
  assert.ok(await finding.locator('.finding-refs li').count() >= 1, 'the finding cites its sources');
  assert.match(await panel().getByRole('status').textContent(), /need.* your sign-off/);
  assert.equal((await apiGet(s, server, `/patients/${fluvoxPatient}/regimens`)).items.length, 0,
    'screening saves nothing');
  await screenshot(s.page, 'screening-01-findings-as-you-type');
  s.assertClean();
});

test('saving is blocked until each blocking finding has a reason; a short one is refused', async () => {
  const form = s.page.locator('[data-form="regimen-new"]');
  await form.getByLabel('Rationale').fill('Patient insists on the dose he used abroad');
  s.allowHttpError(409);
  await form.getByRole('button', { name: 'Create regimen' }).click();
  const fluvoxReason = form.getByLabel('Reason for overriding Melatonin with fluvoxamine');
  await fluvoxReason.waitFor();
  const needed = Number(await form.locator('.override-form').getAttribute('data-overrides-needed'));
  assert.ok(needed >= 1);
  assert.equal(await form.locator('.override-form textarea').count(), needed);
  assert.equal((await apiGet(s, server, `/patients/${fluvoxPatient}/regimens`)).items.length, 0);
  await screenshot(s.page, 'screening-02-override-needed');

  // Every reason but the interaction's is fine; that one is too short.
  const areas = form.locator('.override-form textarea');
  for (let i = 0; i < needed; i += 1) await areas.nth(i).fill('Reviewed with the patient; dose agreed for 2 weeks');
  await fluvoxReason.fill('ok fine');
  s.allowHttpError(400);
  await form.getByRole('button', { name: 'Create regimen' }).click();
  const err = form.locator('.override-item', { hasText: 'Melatonin with fluvoxamine' }).locator('.field-error');
  await err.waitFor();
  assert.match(await err.textContent(), /at least 10 characters/);
  assert.equal(await fluvoxReason.getAttribute('aria-invalid'), 'true');
  assert.equal((await apiGet(s, server, `/patients/${fluvoxPatient}/regimens`)).items.length, 0,
    'a refused override creates nothing');
  await screenshot(s.page, 'screening-03-short-reason');
  s.assertClean();
});

test('a proper reason creates the regimen and its history shows the override', async () => {
  const form = s.page.locator('[data-form="regimen-new"]');
  const reason = 'Sleep lab referral pending; lowest effective dose to be found within 2 weeks';
  await form.getByLabel('Reason for overriding Melatonin with fluvoxamine').fill(reason);
  await form.getByRole('button', { name: 'Create regimen' }).click();
  const card = s.page.locator('article.regimen', { hasText: 'melatonin' });
  await card.waitFor();
  const r = (await apiGet(s, server, `/patients/${fluvoxPatient}/regimens`)).items[0];
  assert.deepEqual(r.current.dose, { value: 20, unit: 'mg' });
  const o = r.current.screening.overrides.find((x) => x.rule_id === 'ix.melatonin.fluvoxamine');
  assert.equal(o.reason, reason);
  assert.equal(o.decided_by, server.login.username);

  const onCard = card.locator(':scope > .overrides [data-override]', { hasText: 'Melatonin with fluvoxamine' });
  assert.match(await onCard.textContent(), new RegExp(`${reason}.*by ${server.login.username}`));
  await card.getByText(/^History/).click();
  const row = card.locator('tbody tr[data-version="1"]');
  const inHistory = row.locator('[data-override]', { hasText: 'Melatonin with fluvoxamine' });
  assert.match(await inHistory.textContent(), new RegExp(`${reason}.*by ${server.login.username}`));
  await row.getByText(/Screening findings at the time/).click();
  await row.locator('.finding', { hasText: 'Melatonin with fluvoxamine' }).getByText('Overridden').waitFor();
  await screenshot(s.page, 'screening-04-history-with-override');
  s.assertClean();
});

test('for a woman whose pregnancy status is not recorded, 1 mg melatonin waits for it', async () => {
  await s.goto(`/patients/${unrecordedPregnancyPatient}`);
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  await typeRegimen(form, '1 mg');
  await s.page.waitForFunction(() =>
    document.querySelector('[data-form="regimen-new"] .screening-panel')?.dataset.screening === 'blocking');
  await panel().getByText('Pregnancy status not recorded').first().waitFor();
  await screenshot(s.page, 'screening-05a-pregnancy-not-recorded');
  s.assertClean();
});

test('a standard 1 mg dose for a healthy adult has no blocking finding', async () => {
  await s.goto(`/patients/${healthyPatient}`);
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  await typeRegimen(form, '1 mg');
  await s.page.waitForFunction(() => {
    const st = document.querySelector('[data-form="regimen-new"] .screening-panel')?.dataset.screening;
    return st === 'clear' || st === 'findings' || st === 'blocking';
  });
  assert.notEqual(await panel().getAttribute('data-screening'), 'blocking');
  assert.equal(await panel().locator('.sev-signoff').count(), 0);
  await screenshot(s.page, 'screening-05-healthy-adult');
  await form.getByRole('button', { name: 'Create regimen' }).click();
  await s.page.locator('article.regimen', { hasText: 'melatonin' }).waitFor();
  assert.equal(await s.page.locator('article.regimen .overrides').count(), 0);
  s.assertClean();
});

test('the demo patient Robert S. shows his overridden findings in the history and the print view', async () => {
  const robert = (await apiGet(s, server, '/patients?q=Robert')).items.find((p) => p.display_name === 'Robert S.');
  assert.ok(robert, 'the demo clinic has Robert S.');
  const r = (await apiGet(s, server, `/patients/${robert.id}/regimens`)).items.find((x) => x.substance === 'melatonin');
  const overrides = r.current.screening.overrides;
  assert.ok(overrides.length >= 1);
  await s.goto(`/patients/${robert.id}`);
  const card = s.page.locator(`article.regimen[data-regimen-id="${r.id}"]`);
  await card.waitFor();
  assert.equal(await card.locator(':scope > .overrides [data-override]').count(), overrides.length);
  assert.match(await card.locator(':scope > .overrides').textContent(), /Melatonin with fluvoxamine/);
  await s.page.emulateMedia({ media: 'print' });
  await s.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const row = card.locator('tbody tr[data-version="1"]');
  assert.ok(await row.isVisible(), 'the history prints');
  assert.equal(await row.locator('[data-override]').count(), overrides.length);
  assert.ok(await row.locator('.finding', { hasText: 'Melatonin with fluvoxamine' }).isVisible(),
    'the findings print too');
  await screenshot(s.page, 'screening-06-robert-print');
  await s.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await s.page.emulateMedia({ media: 'screen' });
  s.assertClean();
});

test('the editor predicts what the typed regimen leaves in this patient, with the numbers the API gives', async () => {
  await s.page.emulateMedia({ media: 'screen' });
  await s.goto(`/patients/${fluvoxPatient}`);
  await main().getByRole('button', { name: 'New regimen' }).click();
  const form = s.page.locator('[data-form="regimen-new"]');
  const preview = form.locator('figure[data-chart="pk-preview"]');
  assert.equal(await preview.getAttribute('data-state'), 'idle');
  // The preview the page draws is compared with the very answer it drew.
  const answered = s.page.waitForResponse((r) => r.url().endsWith(`/api/v1/patients/${fluvoxPatient}/simulate`)
    && r.request().postDataJSON()?.dose === '5 mg');
  await typeRegimen(form, '5 mg');
  const response = await answered;
  assert.deepEqual(
    (({ substance, dose, at, every, for: days, formulation }) => ({ substance, dose, at, every, for: days, formulation }))(
      response.request().postDataJSON()),
    { substance: 'melatonin', dose: '5 mg', at: '22:00', every: '24h', for: '7d', formulation: 'ir' });
  const sim = await response.json();
  await s.page.waitForFunction(() =>
    document.querySelector('figure[data-chart="pk-preview"]')?.dataset.state === 'ready');
  await preview.locator('canvas').first().waitFor();
  assert.equal(Number(await preview.getAttribute('data-points')), sim.curve.time_h.length);
  const text = await preview.textContent();
  assert.ok(text.includes(Math.round(sim.metrics.typical.cmax).toLocaleString('en-US')), `peak shown in: ${text}`);
  // The record's fluvoxamine is part of the prediction, said in its notes.
  assert.match(text, /fluvoxamine \(CYP1A2\/2C19 inhibitor\)/);
  assert.match(text, /times in Europe\/Berlin/);
  await preview.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'screening-07-regimen-preview');

  // Doses an hour apart cannot be written as "every N h": said, not sent.
  await form.getByRole('button', { name: 'Add a time' }).click();
  await form.getByLabel('Time 2').fill('23:00');
  await s.page.waitForFunction(() =>
    document.querySelector('figure[data-chart="pk-preview"]')?.dataset.state === 'idle');
  assert.match(await preview.textContent(), /evenly spaced times/);
  assert.equal((await apiGet(s, server, `/patients/${fluvoxPatient}/regimens`)).items.length, 1,
    'previewing saves nothing');
  s.assertClean();
});
