// Long records: the API answers lists in pages of 100 by default, and the web
// app follows next_cursor, so a patient page with more than a page of doses
// still shows every one of them (timeline and chart), on a phone and on a
// desktop; the audit log names the records each entry read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, loginAs, logout, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const ADMIN = { username: 'admin.demo', password: 'demo-admin-password' };

let server;
let browser;
let s;
let patient;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  patient = (await apiGet(s, server, '/patients')).items[0];
  // 150 more doses, one every 6 hours before the demo month.
  const start = Date.parse('2026-06-01T00:00:00Z');
  for (let i = 0; i < 150; i++) {
    const at = new Date(start + i * 6 * 3600 * 1000).toISOString().replace('.000Z', 'Z');
    await apiPost(s, server, `/patients/${patient.id}/dose-events`,
      { substance: 'melatonin', status: 'taken', taken_at: at, amount: '1 mg' });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a first page is 100 entries with a cursor to the rest', async () => {
  const r = await s.page.context().request.get(`${server.url}/api/v1/patients/${patient.id}/dose-events`);
  const page = await r.json();
  assert.equal(page.items.length, 100);
  assert.equal(typeof page.next_cursor, 'string');
});

test('the patient page shows every dose of a record longer than a page', async () => {
  const doses = (await apiGet(s, server, `/patients/${patient.id}/dose-events`)).items;
  const timeline = (await apiGet(s, server, `/patients/${patient.id}/timeline`)).items;
  assert.ok(doses.length > 150, `${doses.length} doses`);
  assert.ok(timeline.length >= doses.length, `${timeline.length} timeline entries`);
  for (const [name, size] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    await s.page.setViewportSize(size);
    await s.goto(`/patients/${patient.id}`);
    await s.page.getByRole('heading', { level: 1, name: patient.display_name }).waitFor();
    await s.page.locator('ol.timeline').waitFor();
    assert.equal(Number(await s.page.locator('ol.timeline').getAttribute('data-count')), timeline.length, name);
    await screenshot(s.page, `paging-01-long-record-${name}`);
  }
  s.assertClean();
});

test('the audit log shows the records an entry read', async () => {
  await logout(s);
  await loginAs(s, ADMIN.username, ADMIN.password);
  for (const [name, size] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    await s.page.setViewportSize(size);
    await s.goto(`/audit?patient_id=${patient.id}`);
    const list = s.page.locator('#audit tbody tr[data-action="dose_event.list"]').first();
    await list.waitFor();
    assert.match(await list.locator('td.detail').textContent(), /\d+ records: dose event #\d+/);
    await screenshot(s.page, `paging-02-audit-records-${name}`);
  }
  s.assertClean();
});
