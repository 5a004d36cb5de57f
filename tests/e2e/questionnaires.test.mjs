// Questionnaires as a schedule: a patient on melatonin for insomnia finds the
// baseline PHQ-9, GAD-7 and ISI due on the phone check-in, answers the PHQ-9
// (with thoughts of self-harm on item 9), and the clinician's inbox shows the
// urgent alert; the clinician enters a GAD-7 given in clinic. Dates and
// scores are worked out here by hand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, loginAs, openPage, screenshot } from './lib/browser.mjs';
import { addUser, startServer } from './lib/server.mjs';

const PATIENT = { username: 'quinn.patient', password: 'quinn-patient-passphrase' };
let server;
let browser;
let clinician;
let pid;
let today;

before(async () => {
  server = await startServer();
  browser = await launch();
  clinician = await openPage(browser.context, server);
  await login(clinician, server);
  const p = await apiPost(clinician, server, '/patients', {
    display_name: 'Quinn R.', time_zone: 'UTC', sex: 'female', birth_date: '1970-02-03',
    pregnancy: 'not_pregnant', conditions: ['insomnia'],
  });
  pid = p.id;
  today = new Date().toISOString().slice(0, 10);
  await apiPost(clinician, server, `/patients/${pid}/regimens`, {
    substance: 'melatonin', formulation: 'ir', dose: '1 mg', times_of_day: ['22:00'],
    frequency: 'daily', indication: 'insomnia', start_date: today,
  });
  addUser(server.db, PATIENT.username, PATIENT.password, 'patient', pid);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the schedule asks for the baseline PHQ-9, GAD-7 and ISI on the start date', async () => {
  const q = await apiGet(clinician, server, `/patients/${pid}/questionnaires`);
  const due = Object.fromEntries(q.items.map((i) => [i.instrument, i]));
  assert.deepEqual(Object.keys(due).sort(), ['gad7', 'isi', 'phq9']);
  for (const id of ['gad7', 'isi', 'phq9']) {
    assert.equal(due[id].date, today);
    assert.equal(due[id].state, 'due');
  }
  assert.deepEqual(q.notes, []);
  clinician.assertClean();
});

test('a patient answers the due PHQ-9 on a phone and the clinician\'s inbox shows the alert', async () => {
  // A browser of the patient's own: the clinician stays logged in in this one.
  const patientBrowser = await launch();
  const s = await openPage(patientBrowser.context, server);
  try {
    await s.page.setViewportSize({ width: 390, height: 844 });
    await loginAs(s, PATIENT.username, PATIENT.password, new RegExp(`#/checkin/${pid}$`));
    const card = s.page.locator('#checkin-questionnaires');
    const phq9 = card.locator('li.q-due[data-instrument="phq9"]');
    await phq9.waitFor();
    assert.equal(await phq9.getAttribute('data-state'), 'due');
    assert.equal(await card.locator('li.q-due[data-instrument="gad7"]').count(), 1);
    await screenshot(s.page, 'questionnaires-01-checkin-due');

    await phq9.getByRole('button', { name: 'Answer PHQ-9 now' }).click();
    const form = phq9.locator('form[data-form="questionnaire-phq9"]');
    await form.waitFor();
    // Sending with an item unanswered says which one, and sends nothing.
    await form.getByRole('button', { name: 'Send my PHQ-9 answers' }).click();
    await form.locator('fieldset[data-item="item1"] .field-error:not([hidden])').waitFor();
    assert.equal((await apiGet(clinician, server, `/patients/${pid}/observations`)).items.length, 0);
    // Items 1-8: 1, 2, 1, 2, 0, 1, 1, 0 (sum 8); item 9: 1. Total 9: mild (5-9).
    const answers = [1, 2, 1, 2, 0, 1, 1, 0, 1];
    for (const [i, v] of answers.entries()) {
      await form.locator(`fieldset[data-item="item${i + 1}"] input[value="${v}"]`).check();
    }
    await screenshot(s.page, 'questionnaires-02-phq9-answered');
    await form.getByRole('button', { name: 'Send my PHQ-9 answers' }).click();
    const done = phq9.locator('.q-recorded');
    await done.waitFor();
    assert.match(await done.textContent(), /score 9 of 27: mild/);
    assert.match(await done.textContent(), /care team has been alerted/);
    // The schedule moved on: the PHQ-9 is no longer due, the GAD-7 still is.
    await s.page.waitForFunction(() => document.querySelector('#checkin-questionnaires')?.getAttribute('aria-busy') === 'false');
    const q = await apiGet(s, server, `/patients/${pid}/questionnaires`);
    const next = q.items.find((i) => i.instrument === 'phq9');
    const plus28 = new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86400e3).toISOString().slice(0, 10);
    assert.equal(next.date, plus28, 'the monthly check, 28 days on');
    assert.equal(next.state, 'upcoming');
    await screenshot(s.page, 'questionnaires-03-phq9-sent');
    s.assertClean();
  } finally {
    await s.page.close();
    await patientBrowser.close();
  }

  const stored = (await apiGet(clinician, server, `/patients/${pid}/observations`)).items;
  assert.equal(stored.length, 1);
  assert.equal(stored[0].code, 'PHQ-9');
  assert.equal(stored[0].value, 9);
  await clinician.goto('/alerts');
  const alert = clinician.page.locator('#alert-list article[data-rule="alert.phq9.item9"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Quinn R\./);
  assert.equal(await alert.getAttribute('data-severity'), 'urgent');
  await screenshot(clinician.page, 'questionnaires-04-inbox');
  clinician.assertClean();
});

test('the clinician enters a GAD-7 given in clinic on the patient page', async () => {
  await clinician.goto(`/patients/${pid}`);
  const section = clinician.page.locator('#questionnaires');
  const gad7 = section.locator('li.q-due[data-instrument="gad7"]');
  await gad7.waitFor();
  assert.match(await gad7.textContent(), /Mood and anxiety before treatment/);
  await gad7.getByRole('button', { name: 'Enter GAD-7 answers' }).click();
  const form = gad7.locator('form[data-form="questionnaire-gad7"]');
  await form.waitFor();
  // 2, 2, 1, 1, 2, 1, 1: total 10, moderate (10-14, Spitzer 2006).
  for (const [i, v] of [2, 2, 1, 1, 2, 1, 1].entries()) {
    await form.locator(`fieldset[data-item="item${i + 1}"] input[value="${v}"]`).check();
  }
  await form.getByRole('button', { name: 'Save GAD-7 answers' }).click();
  await clinician.page.waitForFunction(() => /GAD-7 saved: 10 of 21, moderate/.test(document.getElementById('status')?.textContent ?? ''));
  const stored = (await apiGet(clinician, server, `/patients/${pid}/observations`)).items;
  const gad = stored.find((o) => o.code === 'GAD-7');
  assert.equal(gad?.value, 10);
  assert.equal(gad?.interpretation, 'moderate');
  await screenshot(clinician.page, 'questionnaires-05-clinician-entered');
  clinician.assertClean();
});
