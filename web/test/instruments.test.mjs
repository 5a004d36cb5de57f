// The band tables: published cut-offs, and each table covers its whole score
// range without gaps or overlaps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import d from '../build-unit/data/instruments.js';

test('ISI bands after Bastien 2001', () => {
  const isi = d.instrument('ISI');
  const label = (score) => d.bandOf(isi, score).label;
  assert.equal(label(7), 'no clinically significant insomnia');
  assert.equal(label(8), 'subthreshold');
  assert.equal(label(14), 'subthreshold');
  assert.equal(label(15), 'moderate');
  assert.equal(label(22), 'severe');
  assert.equal(label(28), 'severe');
});

test('PHQ-9, GAD-7 and COWS cut-offs', () => {
  const cut = (code) => d.instrument(code).bands.map((b) => b.from);
  assert.deepEqual(cut('PHQ-9'), [0, 5, 10, 15, 20]);
  assert.deepEqual(cut('GAD-7'), [0, 5, 10, 15]);
  assert.deepEqual(cut('COWS'), [0, 5, 13, 25, 37]);
  assert.equal(d.bandOf(d.instrument('COWS'), 37).label, 'severe');
  assert.equal(d.bandOf(d.instrument('COWS'), 36).label, 'moderately severe');
});

test('every band table runs from the minimum to the maximum score without gaps', () => {
  for (const inst of d.INSTRUMENTS) {
    if (!inst.bands.length) continue;
    assert.equal(inst.bands[0].from, inst.min, inst.code);
    assert.equal(inst.bands[inst.bands.length - 1].to, inst.max, inst.code);
    for (let i = 1; i < inst.bands.length; i += 1) {
      assert.equal(inst.bands[i].from, inst.bands[i - 1].to + 1, `${inst.code} band ${i}`);
    }
  }
});

test('codes are found whatever their case', () => {
  assert.equal(d.instrument('phq-9').code, 'PHQ-9');
  assert.equal(d.instrument('nope'), undefined);
});
