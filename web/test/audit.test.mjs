// The audit log's readable actions and outcomes, and its filters in the address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import a from '../build-unit/domain/audit.js';

test('known actions read as sentences, unknown ones from their code', () => {
  assert.equal(a.actionLabel('patient.read'), 'Read the patient record');
  assert.equal(a.actionLabel('user.disable'), 'Disabled an account');
  assert.equal(a.actionLabel('titration.reject'), 'Rejected a titration proposal');
  assert.equal(a.actionLabel('alert.set_status'), 'Alert: set status');
  assert.equal(a.actionLabel('proposal.decide'), 'Proposal: decide');
  assert.equal(a.actionLabel('backup'), 'Backup');
});

test('outcomes: ok is done, a refusal is a danger, other failures a warning', () => {
  assert.equal(a.outcomeText('ok'), 'Done');
  assert.equal(a.outcomeText('permission_denied'), 'Permission denied');
  assert.equal(a.outcomeTone('ok'), 'ok');
  assert.equal(a.outcomeTone('permission_denied'), 'danger');
  assert.equal(a.outcomeTone('not_found'), 'danger');
  assert.equal(a.outcomeTone('invalid_argument'), 'warn');
});

test('a filter goes to the address and back; defaults are left out', () => {
  const f = { patient: '3', actor: 'dr.demo', outcome: 'failed', limit: 500 };
  const path = a.filterToPath(f);
  assert.equal(path, '/audit?patient_id=3&actor=dr.demo&outcome=failed&limit=500');
  assert.deepEqual(a.filterFromQuery(new URLSearchParams(path.split('?')[1])), f);
  assert.equal(a.filterToPath({ patient: '', actor: '', outcome: 'all', limit: 100 }), '/audit');
  assert.deepEqual(a.filterFromQuery(new URLSearchParams('limit=7&outcome=weird')),
    { patient: '', actor: '', outcome: 'all', limit: 100 });
});

test('a patient filter must be a record number', () => {
  assert.equal(a.patientFilterProblem(''), null);
  assert.equal(a.patientFilterProblem('12'), null);
  assert.match(a.patientFilterProblem('Margaret'), /patient id/);
  assert.match(a.patientFilterProblem('0'), /patient id/);
  assert.match(a.patientFilterProblem('-3'), /patient id/);
});

test('the outcome filter keeps what was refused or failed', () => {
  const ev = (id, outcome) => ({ id, outcome, at: '', actor: '', role: '', action: '', patient_id: null, address: '', detail: '' });
  const all = [ev(1, 'ok'), ev(2, 'permission_denied'), ev(3, 'ok'), ev(4, 'invalid_argument')];
  assert.deepEqual(a.applyOutcome(all, 'failed').map((e) => e.id), [2, 4]);
  assert.equal(a.applyOutcome(all, 'all').length, 4);
});

test('the records of an entry are listed, or counted when there are many', () => {
  assert.equal(a.recordsText([]), '');
  assert.equal(a.recordsText(['dose_event:12']), 'dose event #12');
  assert.equal(a.recordsText(['patient:1', 'patient:2', 'patient:3', 'patient:4']),
               '4 records: patient #1, patient #2, patient #3, …');
});
