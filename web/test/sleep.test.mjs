// Consensus Sleep Diary arithmetic (Carney et al. 2012): TIB = out of bed -
// into bed; TST = (final awakening - tried to sleep) - SOL - WASO; SE = TST /
// TIB x 100. Each expected value is worked out by hand in the comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import s from '../build-unit/domain/sleep.js';

const night = (over) => ({
  morning: '2026-11-10', bedTime: '22:30', lightsOut: '23:00', latencyMin: 20, awakenings: 2, wasoMin: 30,
  wakeTime: '06:30', outOfBed: '07:00', ...over,
});

test('an ordinary night across midnight', () => {
  // TIB 22:30 -> 07:00 = 510; TST (06:30 - 23:00 = 450) - 20 - 30 = 400; SE 78.4.
  const r = s.computeDiary(night(), 'Europe/Paris');
  assert.equal(r.timeInBedMin, 510);
  assert.equal(r.totalSleepMin, 400);
  assert.equal(r.efficiencyPct, 78.4);
  assert.equal(r.bedAt, '2026-11-09T21:30:00Z');
  assert.equal(r.wakeAt, '2026-11-10T05:30:00Z');
});

test('going to bed after midnight', () => {
  // TIB 00:45 -> 08:15 = 450; TST (08:00 - 01:00 = 420) - 10 - 0 = 410; SE 91.1.
  const r = s.computeDiary(night({ bedTime: '00:45', lightsOut: '01:00', latencyMin: 10, wasoMin: 0, awakenings: 0,
    wakeTime: '08:00', outOfBed: '08:15' }), 'UTC');
  assert.equal(r.timeInBedMin, 450);
  assert.equal(r.totalSleepMin, 410);
  assert.equal(r.efficiencyPct, 91.1);
  assert.equal(r.bedAt, '2026-11-10T00:45:00Z');
});

test('a day sleep after a night shift', () => {
  // TIB 08:30 -> 15:00 = 390; TST (14:45 - 08:45 = 360) - 15 - 0 = 345; SE 88.5.
  const r = s.computeDiary(night({ bedTime: '08:30', lightsOut: '08:45', latencyMin: 15, wasoMin: 0, awakenings: 0,
    wakeTime: '14:45', outOfBed: '15:00' }), 'UTC');
  assert.equal(r.timeInBedMin, 390);
  assert.equal(r.totalSleepMin, 345);
  assert.equal(r.efficiencyPct, 88.5);
});

test('a night with no time asleep is refused, naming the latency', () => {
  assert.throws(() => s.computeDiary(night({ latencyMin: 400, wasoMin: 60 }), 'UTC'),
    (e) => e instanceof s.DiaryError && e.field === 'latencyMin');
});

test('missing or negative entries are refused, naming the field', () => {
  assert.throws(() => s.computeDiary(night({ wakeTime: '' }), 'UTC'), (e) => e.field === 'wakeTime');
  assert.throws(() => s.computeDiary(night({ wasoMin: -5 }), 'UTC'), (e) => e.field === 'wasoMin');
  assert.throws(() => s.computeDiary(night({ awakenings: 1.5 }), 'UTC'), (e) => e.field === 'awakenings');
});

test('a night whose final awakening is still to come is refused at the wake time', () => {
  // Wake 06:30 Paris on 2026-11-10 is 05:30 UTC; at 05:00 UTC it has not happened yet.
  assert.throws(() => s.computeDiary(night(), 'Europe/Paris', Date.parse('2026-11-10T05:00:00Z')),
    (e) => e.field === 'wakeTime' && /still to come/.test(e.message));
  // A minute after it, the same night is accepted.
  assert.equal(s.computeDiary(night(), 'Europe/Paris', Date.parse('2026-11-10T05:31:00Z')).totalSleepMin, 400);
});
