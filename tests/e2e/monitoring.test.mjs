// The monitoring panels on a fresh database: a PHQ-9 with item 9 = 1 raises
// an urgent alert that the clinician acknowledges and then resolves with a
// note; the patient list shows the alert and overdue-review badges; a review
// is moved; a titration proposal is asked for and rejected with a reason,
// and one that screening blocks is approved with a documented override.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

let server;
let browser;
let s;
let nora;      // on melatonin 1 mg for 35 days, ISI still high: an increase is due
let paul;      // the same, next to fluvoxamine: the increase is blocked by screening
let noraRegimen;
let paulRegimen;

const DAY = 86400e3;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const dateOf = (ms) => new Date(ms).toISOString().slice(0, 10);

// A regimen, overriding whatever screening blocks with a reason.
async function createRegimen(patientId, body) {
  const r = await s.page.context().request.post(`${server.url}/api/v1/patients/${patientId}/regimens`, {
    data: body, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrf() },
  });
  if (r.status() !== 409) {
    assert.ok(r.status() < 300, `POST regimen: ${r.status()} ${await r.text()}`);
    return r.json();
  }
  const blocked = await r.json();
  const unresolved = blocked.screening?.overrides?.unresolved ?? blocked.screening.findings.filter((f) => f.blocking);
  return apiPost(s, server, `/patients/${patientId}/regimens`, {
    ...body, overrides: unresolved.map((f) => ({ finding_key: f.key, reason: 'Agreed with the prescriber; reviewed weekly' })),
  });
}

async function csrf() {
  return s.page.evaluate(() => sessionStorage.getItem('pineal.csrf')).catch(() => null) ?? '';
}

// 35 days on 1 mg at 21:00 with every dose taken, an ISI of 18 before the
// start and 17 now: the protocol's evaluation window is over and the ISI has
// not fallen enough, so the next step is an increase.
async function patientOnMelatonin(name, medication) {
  const now = Date.now();
  const p = await apiPost(s, server, '/patients', {
    display_name: name, birth_date: '1975-04-02', sex: 'female', weight: '68 kg', conditions: ['insomnia'],
    time_zone: 'UTC',
  });
  if (medication) await apiPost(s, server, `/patients/${p.id}/medications`, medication);
  await apiPost(s, server, `/patients/${p.id}/observations`, {
    kind: 'instrument', code: 'ISI', value: 18, unit: '{score}', observed_at: iso(now - 36 * DAY),
  });
  const r = await createRegimen(p.id, {
    substance: 'melatonin', formulation: 'ir', dose: '1 mg', times_of_day: ['21:00'], indication: 'insomnia',
    start_date: dateOf(now - 35 * DAY), reason: 'Sleep-onset insomnia; start low',
  });
  // Today's dose too once its time has passed, so every planned dose is taken
  // at whatever hour the test runs.
  for (let d = 34; d >= 0; d -= 1) {
    const day = dateOf(now - d * DAY);
    if (Date.parse(`${day}T21:05:00Z`) > now) continue;
    await apiPost(s, server, `/patients/${p.id}/dose-events`, {
      regimen_id: r.id, planned_at: `${day}T21:00:00Z`, taken_at: `${day}T21:05:00Z`, amount: '1 mg', status: 'taken',
    });
  }
  await apiPost(s, server, `/patients/${p.id}/observations`, {
    kind: 'instrument', code: 'ISI', value: 17, unit: '{score}', observed_at: iso(now - DAY),
  });
  return [p, r];
}

before(async () => {
  server = await startServer();
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  [nora, noraRegimen] = await patientOnMelatonin('Nora P.');
  [paul, paulRegimen] = await patientOnMelatonin('Paula F.', {
    name: 'fluvoxamine', category: 'medicine', dose: '50 mg', schedule: 'once daily',
  });
  // PHQ-9 with item 9 (thoughts of self-harm) = 1.
  await apiPost(s, server, `/patients/${nora.id}/responses`, {
    instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], observed_at: iso(Date.now() - 60e3),
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => s.page.locator('main');
const fieldError = (scope, name) => scope.locator(`[data-field="${name}"] .field-error`);

async function unlabelled() {
  return s.page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML.slice(0, 120)));
}

// The patient page simulates its prediction in the background; reloading the
// page in the middle would abort that request, so the tests let it finish.
async function settle() {
  await s.page.waitForFunction(() => [...document.querySelectorAll('figure[data-chart="pk"]')]
    .every((f) => f.dataset.state && f.dataset.state !== 'loading'));
}

async function openPatient(p) {
  await settle();
  await s.goto(`/patients/${p.id}`);
  await main().getByRole('heading', { level: 1, name: p.display_name }).waitFor();
}

async function noraAlert() {
  const items = (await apiGet(s, server, `/patients/${nora.id}/alerts?status=all`)).items;
  return items.find((a) => a.rule_id === 'alert.phq9.item9');
}

test('the patient list shows the urgent alert and the overdue review', async () => {
  await s.goto('/patients');
  const row = s.page.locator(`tr[data-patient-id="${nora.id}"]`);
  await row.waitFor();
  const listed = (await apiGet(s, server, '/patients')).items.find((p) => p.id === nora.id);
  assert.ok(listed.urgent_alerts >= 1, `the API counts the urgent alert: ${JSON.stringify(listed)}`);
  assert.ok(listed.overdue_reviews >= 1, 'the first review (28 days) is overdue');
  const urgent = row.locator('[data-badge="urgent_alerts"]');
  assert.equal(await urgent.textContent(), `${listed.urgent_alerts} urgent alert${listed.urgent_alerts === 1 ? '' : 's'}`);
  assert.match(await row.locator('[data-badge="overdue_reviews"]').textContent(), /^1 review overdue$/);
  // Paula has no PHQ-9: no alert badge.
  assert.equal(await s.page.locator(`tr[data-patient-id="${paul.id}"] [data-badge="urgent_alerts"]`).count(), 0);
  await screenshot(s.page, 'monitoring-01-patient-list-badges');
  s.assertClean();
});

test('the PHQ-9 item 9 alert is first in the inbox and is acknowledged', async () => {
  await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await main().getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
  const first = s.page.locator('#alert-list article.alert-card').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-severity'), 'urgent', 'urgent first');
  const card = s.page.locator('#alert-list article[data-rule="alert.phq9.item9"]');
  assert.match(await card.textContent(), /Urgent/);
  assert.match(await card.textContent(), /Nora P\./);
  assert.match(await card.locator('.evidence').textContent(), /PHQ-9|Observation/);
  assert.deepEqual(await unlabelled(), []);
  await screenshot(s.page, 'monitoring-02-inbox');

  // By keyboard: the button opens the note, Tab reaches the submit button.
  await card.getByRole('button', { name: 'Acknowledge' }).focus();
  await s.page.keyboard.press('Enter');
  const form = card.locator('[data-form="alert-acknowledge"]');
  await form.waitFor();
  assert.equal(await s.page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'focus goes to the note');
  await s.page.keyboard.type('Calling the patient now');
  await s.page.keyboard.press('Tab');
  assert.equal(await s.page.evaluate(() => document.activeElement?.textContent), 'Acknowledge alert');
  await s.page.keyboard.press('Enter');
  await s.page.locator('#alert-list article[data-rule="alert.phq9.item9"][data-status="acknowledged"]').waitFor();
  const a = await noraAlert();
  assert.equal(a.status, 'acknowledged');
  const last = a.history[a.history.length - 1];
  assert.equal(last.by, server.login.username);
  assert.equal(last.note, 'Calling the patient now');
  s.assertClean();
});

test('resolving needs a note; with one the alert is resolved and leaves the inbox', async () => {
  const card = s.page.locator('#alert-list article[data-rule="alert.phq9.item9"]');
  await card.getByRole('button', { name: 'Resolve' }).click();
  const form = card.locator('[data-form="alert-resolve"]');
  await form.getByRole('button', { name: 'Resolve alert' }).click();
  assert.match(await fieldError(form, 'note').textContent(), /What was done is required/);
  assert.equal((await noraAlert()).status, 'acknowledged', 'nothing was sent');
  await screenshot(s.page, 'monitoring-03-resolve-needs-note');

  const note = 'Spoke with the patient: no plan or intent; safety plan agreed, GP informed';
  await form.getByLabel('What was done').fill(note);
  await form.getByRole('button', { name: 'Resolve alert' }).click();
  await card.waitFor({ state: 'detached' });
  const a = await noraAlert();
  assert.equal(a.status, 'resolved');
  assert.deepEqual(a.history.map((e) => e.status), ['open', 'acknowledged', 'resolved']);
  assert.equal(a.history[2].note, note);

  await s.page.getByLabel('Show').selectOption('resolved');
  const resolved = s.page.locator('#alert-list article[data-rule="alert.phq9.item9"][data-status="resolved"]');
  await resolved.waitFor();
  await resolved.getByText('Evidence, sources and history').click();
  assert.match(await resolved.locator('.status-history').textContent(), new RegExp(note.slice(0, 20)));
  assert.equal(await resolved.getByRole('button', { name: /Acknowledge|Resolve/ }).count(), 0);
  await screenshot(s.page, 'monitoring-04-resolved');
  s.assertClean();
});

test('the patient page shows the overdue review and adherence; the review is moved with a note', async () => {
  await openPatient(nora);
  const review = s.page.locator(`#reviews article.review[data-regimen-id="${noraRegimen.id}"]`);
  await review.waitFor();
  assert.match(await review.textContent(), /Overdue by \d+ days?/);
  const adherence = await apiGet(s, server, `/patients/${nora.id}/adherence`);
  const total = s.page.locator('#adherence .adherence-total');
  assert.match(await total.textContent(),
    new RegExp(`${adherence.total.taken} of ${adherence.total.planned} planned doses? taken \\(${Math.round(adherence.total.percent_taken)}%\\)`));
  assert.ok(adherence.total.planned >= 30 && adherence.total.percent_taken >= 90, JSON.stringify(adherence.total));
  const byRegimen = s.page.locator('#adherence-regimens tbody tr', { hasText: 'melatonin' });
  assert.match(await byRegimen.textContent(), new RegExp(`${adherence.regimens[0].planned}\\s*${adherence.regimens[0].taken}`));
  assert.match(await s.page.locator('[data-slot="patient-alerts"]').textContent(), /review overdue/);
  assert.deepEqual(await unlabelled(), []);
  await screenshot(s.page, 'monitoring-05-patient-page');

  await review.getByRole('button', { name: 'Move' }).click();
  const form = review.locator('[data-form="review-moved"]');
  const newDate = dateOf(Date.now() + 7 * DAY);
  await form.getByLabel('New date').fill(newDate);
  await form.getByRole('button', { name: 'Move the review' }).click();
  assert.match(await fieldError(form, 'note').textContent(), /Why it moves is required/);
  await form.getByLabel('Why it moves').fill('Patient is travelling; seen on return');
  await form.getByRole('button', { name: 'Move the review' }).click();
  await s.page.locator(`#reviews article.review[data-due="${newDate}"]`).waitFor();
  const reviews = await apiGet(s, server, `/patients/${nora.id}/reviews`);
  const moved = reviews.history.find((h) => h.action === 'moved');
  assert.equal(moved.date, newDate);
  assert.equal(moved.note, 'Patient is travelling; seen on return');
  assert.equal(moved.created_by, server.login.username);
  await settle();
  s.assertClean();
});

test('a titration proposal is asked for, and rejected with a reason', async () => {
  await openPatient(nora);
  await s.page.locator('#proposals').getByRole('button', { name: 'Propose the next step for melatonin' }).click();
  const card = s.page.locator('#proposals article.proposal[data-status="pending"]').first();
  await card.waitFor();
  const [p] = (await apiGet(s, server, `/patients/${nora.id}/proposals`)).items;
  assert.equal(p.status, 'pending');
  assert.ok(p.reasons.length >= 1, 'the proposal says why');
  assert.equal(await card.locator('.reasons li').count(), p.reasons.length);
  assert.match(await card.textContent(), new RegExp(p.reasons[0].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  // The protocol by its title, not its key.
  assert.match(await card.textContent(), new RegExp(`Protocol\\s*${p.protocol_title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.doesNotMatch(await card.textContent(), /protocol\.melatonin/);
  await screenshot(s.page, 'monitoring-06-proposal');

  const form = card.locator('[data-form="proposal-decision"]');
  await form.getByLabel('Reason for the decision').fill('too short');
  await form.getByRole('button', { name: 'Reject' }).click();
  assert.match(await fieldError(form, 'reason').textContent(), /at least 10 characters/);
  const reason = 'Sleep hygiene first; revisit at the next review';
  await form.getByLabel('Reason for the decision').fill(reason);
  await form.getByRole('button', { name: 'Reject' }).click();
  await s.page.locator(`#proposals article.proposal[data-proposal-id="${p.id}"][data-status="rejected"]`).waitFor({ state: 'attached' });
  const decided = (await apiGet(s, server, `/patients/${nora.id}/proposals`)).items.find((x) => x.id === p.id);
  assert.equal(decided.status, 'rejected');
  assert.equal(decided.decision.decision, 'reject');
  assert.equal(decided.decision.reason, reason);
  assert.equal(decided.decision.by, server.login.username);
  const r = (await apiGet(s, server, `/patients/${nora.id}/regimens`)).items.find((x) => x.id === noraRegimen.id);
  assert.equal(r.current_version, noraRegimen.current_version, 'a rejected proposal changes nothing');
  await settle();
  s.assertClean();
});

test('approving a step that screening blocks asks for the override, then saves a new version', async () => {
  await openPatient(paul);
  await s.page.locator('#proposals').getByRole('button', { name: 'Propose the next step for melatonin' }).click();
  const card = s.page.locator('#proposals article.proposal[data-status="pending"]').first();
  await card.waitFor();
  const p = (await apiGet(s, server, `/patients/${paul.id}/proposals`)).items[0];
  if (p.action !== 'increase') {
    // The protocol decided otherwise (e.g. hold); there is no blocked step to approve.
    assert.ok(['hold', 'refer', 'decrease', 'taper', 'stop'].includes(p.action));
    return;
  }
  const form = card.locator('[data-form="proposal-decision"]');
  await form.getByLabel('Reason for the decision').fill('ISI unchanged after four weeks at full adherence');
  s.allowHttpError(409);
  await form.getByRole('button', { name: 'Approve' }).click();
  const override = form.getByLabel('Reason for overriding Melatonin with fluvoxamine');
  await override.waitFor();
  assert.match(await form.locator('.override-form').textContent(), /Nothing has been saved/);
  let r = (await apiGet(s, server, `/patients/${paul.id}/regimens`)).items.find((x) => x.id === paulRegimen.id);
  assert.equal(r.current_version, paulRegimen.current_version, 'nothing is saved before the sign-off');
  await screenshot(s.page, 'monitoring-07-approve-needs-override');

  const areas = form.locator('.override-form textarea');
  for (let i = 0; i < await areas.count(); i += 1) {
    await areas.nth(i).fill('Fluvoxamine dose is stable; levels watched, reviewed weekly');
  }
  await form.getByRole('button', { name: 'Approve' }).click();
  await s.page.locator(`#proposals article.proposal[data-proposal-id="${p.id}"][data-status="approved"]`)
    .waitFor({ state: 'attached' });
  r = (await apiGet(s, server, `/patients/${paul.id}/regimens`)).items.find((x) => x.id === paulRegimen.id);
  assert.equal(r.current_version, paulRegimen.current_version + 1, 'the approved step is a new version');
  assert.ok(r.current.screening.overrides.some((o) => o.rule_id === 'ix.melatonin.fluvoxamine'));
  await settle();
  s.assertClean();
});
