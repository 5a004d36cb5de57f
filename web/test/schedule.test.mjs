// Which doses a regimen plans on a day, and adherence against the dose log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import a from '../build-unit/domain/adherence.js';
import sch from '../build-unit/domain/schedule.js';

const mg = (value) => ({ value, unit: 'mg' });
const version = (over) => ({
  version: 1, status: 'active', formulation: 'ir', dose: mg(0.5), times_of_day: ['21:00'], frequency: 'daily',
  indication: '', start_date: '2026-11-01', end_date: null, titration: [], reason: '', created_at: '', created_by: '',
  ...over,
});
const regimen = (versions) => ({
  id: 7, patient_id: 1, substance: 'melatonin', status: 'active', current_version: versions.length,
  current: versions[versions.length - 1], versions,
});

test('titration steps take over from their day', () => {
  const v = version({ titration: [{ after_days: 7, dose: mg(1) }, { after_days: 14, dose: mg(2) }] });
  assert.deepEqual(sch.doseOn(v, '2026-11-07'), mg(0.5)); // day 6
  assert.deepEqual(sch.doseOn(v, '2026-11-08'), mg(1)); // day 7
  assert.deepEqual(sch.doseOn(v, '2026-11-15'), mg(2)); // day 14
});

test('dosing days by frequency, start and end', () => {
  const days = (v) => ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-08', '2026-11-09']
    .filter((d) => sch.isDosingDay(v, d));
  assert.deepEqual(days(version({})), ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-08', '2026-11-09']);
  assert.deepEqual(days(version({ frequency: 'every_other_day' })), ['2026-11-01', '2026-11-03', '2026-11-09']);
  assert.deepEqual(days(version({ frequency: 'weekly' })), ['2026-11-01', '2026-11-08']);
  assert.deepEqual(days(version({ frequency: 'as_needed' })), []);
  assert.deepEqual(days(version({ end_date: '2026-11-02' })), ['2026-11-01', '2026-11-02']);
});

test('the newest version that has started is in force', () => {
  const r = regimen([version({}), version({ version: 2, dose: mg(1), start_date: '2026-11-05' })]);
  assert.equal(sch.versionOn(r, '2026-11-04').version, 1);
  assert.equal(sch.versionOn(r, '2026-11-05').version, 2);
  assert.equal(sch.versionOn(r, '2026-10-31'), undefined);
});

test("planned instants are the patient's wall clock", () => {
  const r = regimen([version({ times_of_day: ['08:00', '21:00'] })]);
  const p = sch.plannedOn([r], '2026-11-10', 'Europe/Paris');
  assert.deepEqual(p.map((x) => x.plannedAt), ['2026-11-10T07:00:00Z', '2026-11-10T20:00:00Z']);
});

test('adherence: taken and skipped against planned, not-yet-due doses left out', () => {
  const r = regimen([version({ times_of_day: ['08:00', '20:00'] })]);
  const ev = (planned, status) => ({ regimen_id: 7, planned_at: planned, taken_at: status === 'taken' ? planned : null, status });
  const events = [
    ev('2026-11-01T08:00:00Z', 'taken'), ev('2026-11-01T20:00:00Z', 'taken'),
    ev('2026-11-02T08:00:00Z', 'skipped'),
    ev('2026-11-03T08:00:00Z', 'taken'),
  ];
  // "Now" is 12:00 on 3 November: that day's 20:00 dose is not due yet.
  const days = a.adherenceByDay([r], events, '2026-11-01', '2026-11-03', 'UTC', Date.parse('2026-11-03T12:00:00Z'));
  assert.deepEqual(days.map((d) => [d.date, d.planned, d.taken, d.skipped, d.unrecorded]), [
    ['2026-11-01', 2, 2, 0, 0],
    ['2026-11-02', 2, 0, 1, 1],
    ['2026-11-03', 1, 1, 0, 0],
  ]);
  assert.deepEqual(a.summarise(days), { planned: 5, taken: 3, pct: 60 });
});

// When a tapped or typed dose was taken (worked out by hand; Europe/Paris is
// UTC+1 in December).
test('an untouched tap means now before the planned time and as planned after it', () => {
  const p = { date: '2026-12-08', time: '22:00', plannedAt: '2026-12-08T21:00:00Z' };
  const at = (iso) => Date.parse(iso);
  assert.deepEqual(sch.takenTime(p, null, 'Europe/Paris', at('2026-12-08T19:30:00Z')),
    { ok: true, ms: at('2026-12-08T19:30:00Z') });  // 20:30, early
  assert.deepEqual(sch.takenTime(p, null, 'Europe/Paris', at('2026-12-08T23:00:00Z')),
    { ok: true, ms: at('2026-12-08T21:00:00Z') });  // later: as planned
  // 14:59 local is more than 6 hours before 22:00.
  const early = sch.takenTime(p, null, 'Europe/Paris', at('2026-12-08T13:59:00Z'));
  assert.equal(early.ok, false);
  assert.match(early.message, /more than 6 hours before the planned 22:00/);
  // 16:00 local is exactly 6 hours before: accepted.
  assert.equal(sch.takenTime(p, null, 'Europe/Paris', at('2026-12-08T15:00:00Z')).ok, true);
});

test('a typed time is the instant nearest the planned one, never ahead of now', () => {
  const p = { date: '2026-12-09', time: '00:10', plannedAt: '2026-12-08T23:10:00Z' };
  const now = Date.parse('2026-12-09T01:00:00Z');  // 02:00 local
  // 23:50 typed for a 00:10 dose is the evening before (22:50Z), 20 minutes early.
  assert.deepEqual(sch.takenTime(p, '23:50', 'Europe/Paris', now), { ok: true, ms: Date.parse('2026-12-08T22:50:00Z') });
  assert.deepEqual(sch.takenTime(p, '00:40', 'Europe/Paris', now), { ok: true, ms: Date.parse('2026-12-08T23:40:00Z') });
  const ahead = sch.takenTime(p, '02:30', 'Europe/Paris', now);
  assert.equal(ahead.ok, false);
  assert.match(ahead.message, /still to come/);
});
