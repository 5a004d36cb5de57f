// The demo clinic's charts: every chart shows as many points as the API has
// records, instrument charts carry their severity bands, times are shown in
// the patient's zone, and the print view is a readable summary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { formatInPage } from './lib/zoned.mjs';

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

const figure = (id) => s.page.locator(`#charts figure[data-chart="${id}"]`);

function count(list, pred) {
  return list.filter(pred).length;
}

test('the demo clinic is listed', async () => {
  await s.goto('/patients');
  await s.page.locator('tr[data-patient-id]').first().waitFor();
  assert.equal(await s.page.locator('tr[data-patient-id]').count(), patients.length);
  assert.ok(patients.length >= 3);
  await screenshot(s.page, 'demo-01-patient-list');
  s.assertClean();
});

test('each patient page draws one chart per kind of record, with every point', async () => {
  for (const p of patients) {
    await s.goto(`/patients/${p.id}`);
    await s.page.getByRole('heading', { level: 1, name: p.display_name }).waitFor();
    const obs = (await apiGet(s, server, `/patients/${p.id}/observations`)).items;
    const doses = (await apiGet(s, server, `/patients/${p.id}/dose-events`)).items;

    for (const code of new Set(obs.filter((o) => o.kind === 'instrument').map((o) => o.code))) {
      const f = figure(`instrument-${code}`);
      await f.locator('canvas').first().waitFor();
      assert.equal(Number(await f.getAttribute('data-points')), count(obs, (o) => o.kind === 'instrument' && o.code === code),
        `${p.display_name} ${code}`);
      if (['ISI', 'PHQ-9', 'GAD-7', 'COWS', 'KSS', 'pain_nrs'].includes(code)) {
        assert.ok(Number(await f.getAttribute('data-bands')) >= 2, `${code} has its bands`);
      }
    }
    const eff = count(obs, (o) => o.code === 'sleep_efficiency');
    assert.equal(Number(await figure('sleep-efficiency').getAttribute('data-points')), eff);
    const times = count(obs, (o) => o.code === 'total_sleep_time' || o.code === 'sleep_onset_latency');
    assert.equal(Number(await figure('sleep-times').getAttribute('data-points')), times);
    assert.equal(Number(await figure('side-effects').getAttribute('data-points')), count(obs, (o) => o.kind === 'side_effect'));
    for (const substance of new Set(doses.map((d) => d.substance))) {
      const f = figure(`doses-${substance}`);
      assert.equal(Number(await f.getAttribute('data-points')), count(doses, (d) => d.substance === substance));
      await f.locator('canvas').first().waitFor();
    }
    await figure('adherence').locator('canvas').first().waitFor();
    const slug = p.display_name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
    await screenshot(s.page, `demo-02-patient-${slug}`);
    s.assertClean();
  }
});

test('the predicted concentration curve is drawn from the dose log, with the numbers the API gives', async () => {
  let shown = 0;
  for (const p of patients) {
    const doses = (await apiGet(s, server, `/patients/${p.id}/dose-events`)).items;
    if (!doses.some((d) => d.substance === 'melatonin')) continue;
    // The curve depends on the moment it is asked for, so compare the page
    // with the very response it drew, not with a second request.
    const drawn = s.page.waitForResponse((r) => r.url().includes(`/api/v1/patients/${p.id}/prediction?substance=melatonin&`));
    await s.goto(`/patients/${p.id}`);
    const api = await (await drawn).json();
    const card = s.page.locator('#prediction figure[data-chart="pk"]');
    await card.locator('canvas').first().waitFor();
    assert.equal(await card.getAttribute('data-state'), 'ready');
    assert.equal(Number(await card.getAttribute('data-points')), api.curve.time_h.length);
    const peak = Math.round(api.metrics.typical.cmax).toLocaleString('en-US');
    const facts = await card.locator('dl.pk-facts').textContent();
    assert.ok(facts.includes(peak), `peak ${peak} shown in: ${facts}`);
    assert.match(facts, /Next-morning level after the last dose/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(s.page, `demo-03-prediction-${p.id}`);
    s.assertClean();
    shown += 1;
  }
  assert.ok(shown >= 1, 'at least one demo patient takes melatonin');
});

test("the ISI chart's bands follow Bastien 2001", async () => {
  const withIsi = [];
  for (const p of patients) {
    const obs = (await apiGet(s, server, `/patients/${p.id}/observations`)).items;
    if (obs.some((o) => o.code === 'ISI')) withIsi.push(p);
  }
  assert.ok(withIsi.length > 0, 'the demo clinic has an ISI score');
  await s.goto(`/patients/${withIsi[0].id}`);
  const key = await figure('instrument-ISI').locator('.band-key li').allTextContents();
  assert.deepEqual(key.map((t) => t.trim().split(' ')[0]), ['0–7', '8–14', '15–21', '22–28']);
  s.assertClean();
});

test("times are shown in the patient's time zone", async () => {
  const p = patients.find((x) => x.time_zone === 'America/New_York') ?? patients[0];
  await s.goto(`/patients/${p.id}`);
  const first = s.page.locator('#timeline time').first();
  const iso = await first.getAttribute('datetime');
  const expected = await formatInPage(s.page, iso, { timeZone: p.time_zone, timeStyle: 'short' });
  assert.equal((await first.textContent()).trim(), expected);
  // The browser runs in UTC; a zone with an offset must show a different clock.
  const utc = await formatInPage(s.page, iso, { timeZone: 'UTC', timeStyle: 'short' });
  if (p.time_zone !== 'UTC') assert.notEqual(expected, utc);
  s.assertClean();
});

test('the print view is the record without the controls', async () => {
  const p = patients[0];
  await s.goto(`/patients/${p.id}`);
  await figure('adherence').locator('canvas').first().waitFor();
  await s.page.emulateMedia({ media: 'print' });
  await s.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await s.page.locator('.app-header').isVisible(), false);
  assert.equal(await s.page.getByRole('button', { name: 'New regimen' }).isVisible(), false);
  assert.equal(await s.page.locator('.print-meta').isVisible(), true);
  assert.equal(await s.page.locator('details.history table').first().isVisible(), true, 'regimen history is printed');
  await screenshot(s.page, 'demo-03-print-view');
  await s.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await s.page.emulateMedia({ media: 'screen' });
  s.assertClean();
});
