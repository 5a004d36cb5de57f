// A patient's daily check-in on a phone-sized screen: confirm, edit and skip
// doses, a sleep diary, a side effect; then the patient's charts show them.
// Expected values are worked out here by hand, not by the app's code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, apiPost, launch, login, openPage, screenshot } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { clockIn, hourIn, isoDateIn } from './lib/zoned.mjs';

// The patient lives where it is now mid-day, so that this morning's wake time
// (06:30) and the 00:00 and 00:01 doses have passed and the 23:59 dose is to
// come, whenever the test runs.
const ZONES = ['Pacific/Pago_Pago', 'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles',
  'America/Denver', 'America/Chicago', 'America/New_York', 'America/Halifax', 'America/Sao_Paulo',
  'Atlantic/South_Georgia', 'Atlantic/Azores', 'Europe/London', 'Europe/Paris', 'Europe/Athens',
  'Europe/Moscow', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Shanghai',
  'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Tongatapu',
  'Pacific/Kiritimati'];
const hourNow = (zone) => hourIn(zone, new Date().toISOString());
const TZ = ZONES.reduce((best, z) => (Math.abs(hourNow(z) - 13) < Math.abs(hourNow(best) - 13) ? z : best));
let server;
let browser;
let s;
let pid;
let rid;

// Today's date and a wall-clock time of an instant, in the patient's zone.
const dateIn = (iso) => isoDateIn(TZ, iso);
const timeIn = (iso) => clockIn(TZ, iso);

before(async () => {
  server = await startServer();
  browser = await launch();
  s = await openPage(browser.context, server);
  await login(s, server);
  await s.page.setViewportSize({ width: 390, height: 844 });
  const today = dateIn(new Date().toISOString());
  const p = await apiPost(s, server, '/patients', { display_name: 'Ben T.', time_zone: TZ, sex: 'male' });
  pid = p.id;
  // 00:00 has always passed today and 23:59 is (almost) always to come.
  const r = await apiPost(s, server, `/patients/${pid}/regimens`, {
    substance: 'melatonin', formulation: 'ir', dose: '2 mg', times_of_day: ['00:00', '00:01', '23:59'],
    frequency: 'daily', indication: 'insomnia', start_date: today,
  });
  rid = r.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const dose = (time) => s.page.locator(`li.dose[data-dose="${rid}@${time}"]`);

test("the check-in lists today's planned doses in the patient's time zone", async () => {
  await s.goto(`/checkin/${pid}`);
  await s.page.getByRole('heading', { level: 1, name: 'Daily check-in' }).waitFor();
  assert.equal(await s.page.locator('li.dose-open').count(), 3);
  assert.ok((await s.page.locator('.checkin .page-head').textContent()).includes(TZ), `the page names ${TZ}`);
  // The 23:59 dose, about 11 hours away, can be skipped but not yet taken:
  // a dose taken more than 6 hours early would not be this one.
  const late = dose('23:59');
  assert.equal(await late.getByRole('button', { name: 'Taken' }).isDisabled(), true);
  assert.match(await late.locator('.dose-opens').textContent(), /You can record it as taken from 17:59/);
  await screenshot(s.page, 'checkin-01-phone-start');
  s.assertClean();
});

test('one tap confirms a dose as planned', async () => {
  await dose('00:00').getByRole('button', { name: 'Taken' }).click();
  await s.page.locator(`li.dose[data-dose="${rid}@00:00"][data-status="taken"]`).waitFor();
  const events = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items;
  assert.equal(events.length, 1);
  assert.equal(events[0].status, 'taken');
  assert.equal(events[0].regimen_id, rid);
  assert.deepEqual(events[0].amount, { value: 2, unit: 'mg' });
  assert.equal(timeIn(events[0].planned_at), '00:00');
  assert.equal(events[0].taken_at, events[0].planned_at);
  assert.equal(dateIn(events[0].taken_at), dateIn(new Date().toISOString()));
  s.assertClean();
});

test('a mistaken tap is undone the same day, and the dose can be recorded again', async () => {
  const card = dose('00:00');
  await card.getByRole('button', { name: /^Undo Taken/ }).click();
  await s.page.locator(`li.dose-open[data-dose="${rid}@00:00"]`).waitFor();
  const listed = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items;
  assert.equal(listed.length, 1, 'only the withdrawal is current');
  assert.equal(listed[0].status, 'entered_in_error');
  const all = (await apiGet(s, server, `/patients/${pid}/dose-events?with_superseded=true`)).items;
  assert.equal(all.length, 2, 'the mistaken entry is kept, withdrawn');
  await screenshot(s.page, 'checkin-01b-phone-undone');
  await dose('00:00').getByRole('button', { name: 'Taken' }).click();
  await s.page.locator(`li.dose[data-dose="${rid}@00:00"][data-status="taken"]`).waitFor();
  const now = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items.filter((e) => e.status === 'taken');
  assert.equal(now.length, 1);
  assert.equal(now[0].taken_at, now[0].planned_at);
  s.assertClean();
});

test('a dose with a bad amount shows the error at the amount and records nothing', async () => {
  const card = dose('00:01');
  const before = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items.length;
  await card.getByText('Change time or amount').click();
  await card.getByLabel('Time taken').fill('00:05');
  await card.getByLabel('Amount').fill('two pills');
  s.allowHttpError(400);
  await card.getByRole('button', { name: 'Taken' }).click();
  await card.locator('[data-field="amount"] .field-error').waitFor();
  assert.equal((await apiGet(s, server, `/patients/${pid}/dose-events`)).items.length, before);
  await screenshot(s.page, 'checkin-02-bad-amount');
  s.assertClean();
});

test('a dose can be taken at another time and amount', async () => {
  const card = dose('00:01');
  await card.getByLabel('Time taken').fill('00:05');
  await card.getByLabel('Amount').fill('1.5 mg');
  await card.getByRole('button', { name: 'Taken' }).click();
  await s.page.locator(`li.dose[data-dose="${rid}@00:01"][data-status="taken"]`).waitFor();
  const e = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items.find((x) => timeIn(x.planned_at) === '00:01');
  assert.equal(timeIn(e.taken_at), '00:05');
  assert.deepEqual(e.amount, { value: 1.5, unit: 'mg' });
  s.assertClean();
});

test('a dose can be marked skipped', async () => {
  await dose('23:59').getByRole('button', { name: 'Skipped' }).click();
  await s.page.locator(`li.dose[data-dose="${rid}@23:59"][data-status="skipped"]`).waitFor();
  const e = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items.find((x) => x.status === 'skipped');
  assert.equal(timeIn(e.planned_at), '23:59');
  assert.equal(e.taken_at, null);
  s.assertClean();
});

test('the sleep diary posts total sleep time, efficiency and latency', async () => {
  const form = s.page.locator('[data-form="sleep-diary"]');
  await form.getByLabel('Got into bed at').fill('22:30');
  await form.getByLabel('Tried to sleep at').fill('23:00');
  await form.getByLabel('Minutes to fall asleep').fill('20');
  await form.getByLabel('Times woken in the night').fill('2');
  await form.getByLabel('Minutes awake in the night').fill('30');
  await form.getByLabel('Woke up for the day at').fill('06:30');
  await form.getByLabel('Got out of bed at').fill('07:00');
  // In bed 22:30-07:00 = 510 min; asleep (06:30 - 23:00) - 20 - 30 = 400 min;
  // efficiency 400 / 510 = 78.43 %.
  assert.match(await form.locator('output').textContent(), /Asleep 6 h 40 min of 8 h 30 min in bed · sleep efficiency 78\.4%/);
  await screenshot(s.page, 'checkin-03-sleep-diary');
  await form.getByRole('button', { name: 'Save sleep diary' }).click();
  await s.page.locator('[data-recorded="sleep"]', { hasText: 'already recorded' }).waitFor();
  const obs = (await apiGet(s, server, `/patients/${pid}/observations`)).items.filter((o) => o.kind === 'sleep_diary');
  const byCode = Object.fromEntries(obs.map((o) => [o.code, o]));
  assert.equal(byCode.total_sleep_time.value, 400);
  assert.equal(byCode.total_sleep_time.unit, 'min');
  assert.equal(byCode.sleep_onset_latency.value, 20);
  assert.ok(Math.abs(byCode.sleep_efficiency.value - 78.43) < 0.1);
  assert.equal(byCode.sleep_efficiency.unit, '%');
  assert.equal(timeIn(byCode.sleep_efficiency.observed_at), '06:30');
  s.assertClean();
});

test('an impossible night is refused before anything is sent', async () => {
  const form = s.page.locator('[data-form="sleep-diary"]');
  await form.getByLabel('Got into bed at').fill('23:00');
  await form.getByLabel('Tried to sleep at').fill('23:00');
  await form.getByLabel('Minutes to fall asleep').fill('400');
  await form.getByLabel('Woke up for the day at').fill('05:00');
  await form.getByLabel('Got out of bed at').fill('05:10');
  const before = (await apiGet(s, server, `/patients/${pid}/observations`)).items.length;
  await form.getByRole('button', { name: 'Save sleep diary' }).click();
  await form.locator('[data-field="sleep_onset_latency"] .field-error').waitFor();
  assert.equal((await apiGet(s, server, `/patients/${pid}/observations`)).items.length, before);
  await form.getByLabel('Minutes to fall asleep').fill('');
  s.assertClean();
});

test('a side effect is reported with its grade; "other" needs a description', async () => {
  const form = s.page.locator('[data-form="side-effect"]');
  await form.getByLabel('What did you notice?').selectOption('other');
  await form.getByLabel('How bad was it?').selectOption('1');
  await form.getByRole('button', { name: 'Report side effect' }).click();
  await form.locator('[data-field="text"] .field-error').waitFor();
  assert.equal((await apiGet(s, server, `/patients/${pid}/observations`)).items.filter((o) => o.kind === 'side_effect').length, 0);

  await form.getByLabel('What did you notice?').selectOption('headache');
  await form.getByLabel('How bad was it?').selectOption('2');
  // Onset defaults to today; the suspected cause lists the patient's substances.
  assert.equal(await form.getByLabel('When did it start?').inputValue(), dateIn(new Date().toISOString()));
  await form.getByLabel('What do you think caused it?').selectOption('melatonin');
  await form.getByLabel('It is still going on').check();
  await form.getByRole('button', { name: 'Report side effect' }).click();
  await s.page.locator('#checkin-side-effects .reported li', { hasText: 'Headache' }).waitFor();
  const se = (await apiGet(s, server, `/patients/${pid}/observations`)).items.filter((o) => o.kind === 'side_effect');
  assert.equal(se.length, 1);
  assert.equal(se[0].code, 'headache');
  assert.equal(se[0].value, 2);
  const part = Object.fromEntries(se[0].components.map((c) => [c.code, c]));
  assert.equal(part.onset.text, dateIn(new Date().toISOString()));
  assert.equal(part.suspected_substance.text, 'melatonin');
  assert.equal(part.ongoing.value, 1);
  s.assertClean();
});

test("the patient's charts show the new points", async () => {
  const chart = (id) => s.page.locator(`#checkin-charts figure[data-chart="${id}"]`);
  await chart('sleep-efficiency').locator('canvas').first().waitFor();
  assert.equal(await chart('sleep-efficiency').getAttribute('data-points'), '1');
  assert.equal(await chart('sleep-times').getAttribute('data-points'), '2');
  assert.equal(await chart('side-effects').getAttribute('data-points'), '1');
  // Two doses taken and one skipped on one day.
  assert.equal(await chart('doses-melatonin').getAttribute('data-points'), '3');
  assert.equal(await chart('adherence').getAttribute('data-points'), '3');
  for (const id of ['sleep-efficiency', 'sleep-times', 'side-effects', 'doses-melatonin', 'adherence']) {
    await chart(id).locator('canvas').first().waitFor();
  }
  assert.match(await chart('adherence').locator('.chart-note').textContent(), /2 of 3 planned doses taken \(67%\)/);
  await chart('adherence').scrollIntoViewIfNeeded();
  await screenshot(s.page, 'checkin-04-phone-done');
  s.assertClean();
});

test('a private calendar link lists the planned doses, and turning it off ends it', async () => {
  const card = s.page.locator('#checkin-calendar');
  await card.getByRole('button', { name: 'Make a calendar link' }).click();
  const field = card.getByLabel('Your calendar link');
  await field.waitFor();
  const url = await field.inputValue();
  assert.match(url, /\/api\/v1\/calendar\/[0-9a-f]{64}\.ics$/);
  assert.match(await card.getByRole('link', { name: 'Add to my calendar' }).getAttribute('href'), /^webcal:/);
  await card.locator('li[data-feed]').waitFor();
  await screenshot(s.page, 'checkin-05-calendar-link');
  // Fetched as a calendar app does: no cookie, the token in the URL.
  const feed = await fetch(url);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const text = await feed.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /SUMMARY:Melatonin 2 mg\r\n/);
  // The 23:59 dose of today, at its UTC instant as the API stored it.
  const skipped = (await apiGet(s, server, `/patients/${pid}/dose-events`)).items.find((x) => x.status === 'skipped');
  const basic = skipped.planned_at.replace(/[-:]/g, '').replace(/\.\d+/, '');
  assert.ok(text.includes(`DTSTART:${basic}\r\n`), `the feed has DTSTART:${basic}`);
  await card.getByRole('button', { name: /^Turn off the calendar link/ }).click();
  await card.locator('li[data-feed]').waitFor({ state: 'detached' });
  assert.equal((await fetch(url)).status, 404);
  s.assertClean();
});
