// Paths round screening that are now closed: a trip plan that adds melatonin
// to a patient on fluvoxamine asks for a documented reason before it is kept,
// and a hard stop (contraindicated) overridden by one clinician waits,
// scheduling nothing, until a second clinician co-signs it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, loginAs, logout, openPage, screenshot } from './lib/browser.mjs';
import { addUser, startServer } from './lib/server.mjs';
import { isoDateIn } from './lib/zoned.mjs';

const SECOND = { username: 'dr.second', password: 'second-clinician-password-1' };

let server;
let browser;
let s;
let patientId;

before(async () => {
  server = await startServer();
  addUser(server.db, SECOND.username, SECOND.password);
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  const p = await apiPost(s, server, '/patients', {
    display_name: 'Mara K.', birth_date: '1979-04-02', sex: 'female', pregnancy: 'not_pregnant',
    time_zone: 'Europe/Paris',
  });
  patientId = p.id;
  await apiPost(s, server, `/patients/${patientId}/medications`, {
    name: 'fluvoxamine', category: 'medicine', dose: '100 mg', schedule: 'once daily',
  });
  await apiPost(s, server, `/patients/${patientId}/care-team`, { username: SECOND.username });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => s.page.locator('main');

test('a trip that adds melatonin to fluvoxamine is kept only with a documented reason', async () => {
  await s.goto(`/patients/${patientId}`);
  await main().getByText('Plan a trip (jet lag)').click();
  const form = s.page.locator('[data-form="jetlag"]');
  await form.getByLabel('Destination time zone').fill('Asia/Tokyo');
  await form.getByLabel('Departure date').fill('2026-12-10');
  await form.getByLabel('Departure time (local)').fill('13:00');
  await form.getByLabel('Arrival date').fill('2026-12-11');
  await form.getByLabel('Arrival time (local)').fill('08:30');
  await form.getByLabel('Title').fill('Meeting in Tokyo');
  s.allowHttpError(409);
  await form.getByRole('button', { name: 'Plan the trip' }).click();
  const prompt = form.locator('.override-form');
  await prompt.waitFor();
  assert.match(await prompt.textContent(), /Melatonin with fluvoxamine/);
  assert.match(await prompt.textContent(), /plan without melatonin/);
  assert.equal((await apiGet(s, server, `/patients/${patientId}/plans`)).items.length, 0, 'nothing kept yet');
  await screenshot(s.page, 'hard-stops-01-plan-needs-a-reason');

  await prompt.getByRole('textbox').first().fill('Fluvoxamine paused for the trip; agreed with psychiatry');
  await form.getByRole('button', { name: 'Plan the trip' }).click();
  const plan = s.page.locator('#plans article.plan', { hasText: 'Meeting in Tokyo' });
  await plan.locator('.overrides').waitFor();
  assert.match(await plan.locator('.overrides').textContent(), /Fluvoxamine paused for the trip/);
  assert.match(await plan.textContent(), /field rule/);
  const kept = (await apiGet(s, server, `/patients/${patientId}/plans`)).items;
  assert.equal(kept.length, 1);
  assert.equal(kept[0].screening.overrides.length, 1);
  assert.equal(kept[0].screening.overrides[0].decided_by, server.login.username);
  await plan.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-02-plan-kept-with-override');
  await s.page.setViewportSize({ width: 390, height: 844 });
  await plan.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-03-plan-phone', { fullPage: false });

  // The patient's check-in gives the plan day by day, in plain words.
  await s.goto(`/checkin/${patientId}`);
  const mine = s.page.locator('#checkin-plans');
  await mine.waitFor();
  assert.match(await mine.textContent(), /Meeting in Tokyo/);
  assert.match(await mine.textContent(), /take melatonin 3 mg at \d\d:\d\d/);
  await mine.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-03b-checkin-plan-phone', { fullPage: false });
  await s.page.setViewportSize({ width: 1280, height: 900 });
  s.assertClean();
});

test('a hard stop overridden by one clinician waits for a second, who co-signs it', async () => {
  // 1000 mg melatonin: contraindicated. The first clinician overrides every
  // blocking finding through the API, as the regimen editor would.
  const body = {
    substance: 'melatonin', formulation: 'ir', dose: '1000 mg', times_of_day: ['22:00'],
    indication: 'insomnia', start_date: isoDateIn('Europe/Paris', new Date().toISOString()),
  };
  const csrf = await s.page.evaluate(() => sessionStorage.getItem('pineal.csrf'));
  const blocked = await s.page.context().request.post(`${server.url}/api/v1/patients/${patientId}/regimens`,
    { data: body, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  assert.equal(blocked.status(), 409, await blocked.text());
  const unresolved = (await blocked.json()).screening.overrides.unresolved;
  assert.ok(unresolved.some((f) => f.severity === 'contraindicated'));
  const pending = await apiPost(s, server, `/patients/${patientId}/regimens`, {
    ...body,
    overrides: unresolved.map((f) => ({ finding_key: f.key, reason: 'Ethics-approved protocol MEL-HD-01' })),
  });
  assert.equal(pending.status, 'pending');

  await s.goto(`/patients/${patientId}`);
  const card = s.page.locator(`article.regimen-pending[data-regimen-id="${pending.id}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), /Waiting for a second signature/);
  assert.match(await card.textContent(), /nothing is scheduled|before anything is scheduled/);
  // The clinician who overrode it cannot co-sign it.
  await card.getByRole('button', { name: 'Co-sign' }).click();
  const cosign = card.locator('[data-form="regimen-cosign"]');
  await cosign.getByLabel('Your reason for co-signing').fill('I agree with my own decision');
  s.allowHttpError(403);
  await cosign.getByRole('button', { name: 'Co-sign' }).click();
  await cosign.locator('.form-error').waitFor({ state: 'visible' });
  assert.match(await cosign.locator('.form-error').textContent(), /second clinician/);
  await card.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-04-pending-regimen');
  assert.equal((await apiGet(s, server, `/patients/${patientId}/regimens/${pending.id}`)).status, 'pending');

  await logout(s);
  await loginAs(s, SECOND.username, SECOND.password);
  await s.goto(`/patients/${patientId}`);
  const same = s.page.locator(`article.regimen-pending[data-regimen-id="${pending.id}"]`);
  await same.getByRole('button', { name: 'Co-sign' }).click();
  const form = same.locator('[data-form="regimen-cosign"]');
  await form.getByLabel('Your reason for co-signing').fill('Reviewed the protocol and the monitoring plan');
  await form.getByLabel('Research protocol or consent record').fill('MEL-HD-01');
  await form.getByRole('button', { name: 'Co-sign' }).click();
  const active = s.page.locator(`article.regimen-active[data-regimen-id="${pending.id}"][data-version="2"]`);
  await active.waitFor();
  const signature = active.locator('.cosignature').first();
  await signature.waitFor();
  assert.match(await signature.textContent(), /dr\.second/);
  assert.match(await signature.textContent(), /MEL-HD-01/);
  const r = await apiGet(s, server, `/patients/${patientId}/regimens/${pending.id}`);
  assert.equal(r.status, 'active');
  assert.equal(r.current.created_by, SECOND.username);
  await active.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-05-cosigned');
  await s.page.setViewportSize({ width: 390, height: 844 });
  await active.scrollIntoViewIfNeeded();
  await screenshot(s.page, 'hard-stops-06-cosigned-phone', { fullPage: false });
  await s.page.setViewportSize({ width: 1280, height: 900 });
  s.assertClean();
});
