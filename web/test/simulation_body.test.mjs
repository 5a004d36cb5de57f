// The regimen editor's PK preview: which regimens become a simulation and how.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sb from '../build-unit/domain/simulation_body.js';

const draft = (over) => ({ substance: 'melatonin', formulation: 'ir', dose: '3 mg', times_of_day: ['22:00'],
  frequency: 'daily', ...over });

test('a daily evening dose is every 24 h for a week, with the model formulation', () => {
  assert.deepEqual(sb.simulationBody(draft({})),
    { body: { substance: 'melatonin', dose: '3 mg', at: '22:00', subjects: 200, formulation: 'ir', every: '24h', for: '7d' } });
});

test('three evenly spaced kratom doses are every 8 h; a product form the model lacks is left to its default', () => {
  const r = sb.simulationBody(draft({ substance: 'Kratom', formulation: 'powder', dose: '2 g',
    times_of_day: ['14:00', '06:00', '22:00'] }));
  assert.deepEqual(r.body, { substance: 'kratom', dose: '2 g', at: '06:00', subjects: 200, every: '8h', for: '7d' });
});

test('two doses 12 hours apart across midnight are every 12 h', () => {
  assert.equal(sb.simulationBody(draft({ times_of_day: ['20:00', '08:00'] })).body.every, '12h');
});

test('every other day and weekly use 48 h and 168 h over long enough to repeat', () => {
  assert.deepEqual([sb.simulationBody(draft({ frequency: 'every_other_day' })).body.every,
    sb.simulationBody(draft({ frequency: 'every_other_day' })).body.for], ['48h', '8d']);
  assert.deepEqual([sb.simulationBody(draft({ frequency: 'weekly' })).body.every,
    sb.simulationBody(draft({ frequency: 'weekly' })).body.for], ['168h', '28d']);
});

test('as needed shows one dose', () => {
  const r = sb.simulationBody(draft({ frequency: 'as_needed' }));
  assert.equal(r.body.every, undefined);
  assert.equal(r.body.at, '22:00');
});

test('what cannot be previewed says why', () => {
  assert.match(sb.simulationBody(draft({ substance: 'magnesium' })).why, /no PK model for magnesium/);
  assert.match(sb.simulationBody(draft({ times_of_day: [] })).why, /time of day/);
  assert.match(sb.simulationBody(draft({ times_of_day: ['08:00', '14:00', '22:00'] })).why, /evenly spaced/);
  assert.match(sb.simulationBody(draft({ frequency: 'weekly', times_of_day: ['08:00', '20:00'] })).why, /one time a day/);
});
