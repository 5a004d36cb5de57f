// Wall clocks in IANA zones against offsets known from the tz database:
// Europe/Paris is UTC+1 in winter and UTC+2 in summer; New York moves to
// daylight time on 8 March 2026 at 02:00 and back on 1 November 2026 at 02:00.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import t from '../build-unit/time.js';

test('a winter and a summer evening in Paris', () => {
  assert.equal(t.zonedToIso('2026-11-10', '21:00', 'Europe/Paris'), '2026-11-10T20:00:00Z');
  assert.equal(t.zonedToIso('2026-07-01', '21:00', 'Europe/Paris'), '2026-07-01T19:00:00Z');
});

test('a clock time past midnight in Tokyo is the previous day in UTC', () => {
  assert.equal(t.zonedToIso('2026-11-10', '07:30', 'Asia/Tokyo'), '2026-11-09T22:30:00Z');
});

test('a time skipped by the spring-forward gap lands just as far past it', () => {
  // 02:30 does not exist on 8 March 2026 in New York; 03:30 EDT is 07:30Z.
  assert.equal(t.zonedToIso('2026-03-08', '02:30', 'America/New_York'), '2026-03-08T07:30:00Z');
});

test('a time that occurs twice in the autumn gives the first', () => {
  // 01:30 on 1 November 2026 is first EDT (UTC-4), then EST (UTC-5).
  assert.equal(t.zonedToIso('2026-11-01', '01:30', 'America/New_York'), '2026-11-01T05:30:00Z');
});

test('local date and time of an instant', () => {
  const ms = Date.parse('2026-11-10T23:30:00Z');
  assert.equal(t.localDate(ms, 'Europe/Paris'), '2026-11-11');
  assert.equal(t.localTime(ms, 'Europe/Paris'), '00:30');
  assert.equal(t.localDate(ms, 'America/New_York'), '2026-11-10');
  assert.equal(t.localTime(ms, 'America/New_York'), '18:30');
});

test('date arithmetic across months, years and a leap day', () => {
  assert.equal(t.addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(t.addDays('2027-02-28', 1), '2027-03-01');
  assert.equal(t.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(t.addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(t.daysBetween('2026-11-01', '2026-11-08'), 7);
  assert.equal(t.daysBetween('2026-03-01', '2026-03-31'), 30);
});

test('instants are written without milliseconds, as the API writes them', () => {
  assert.equal(t.isoInstant(Date.parse('2026-11-10T20:00:00.999Z')), '2026-11-10T20:00:00Z');
});

test('an unknown zone falls back to the browser zone', () => {
  assert.equal(t.zoneOr('Mars/Olympus_Mons'), t.browserZone());
  assert.equal(t.zoneOr('Asia/Kolkata'), 'Asia/Kolkata');
});
