// Alerts, reviews, proposals, adherence counts and the patient-list badges in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import al from '../build-unit/domain/alerts.js';
import bd from '../build-unit/domain/badges.js';
import rv from '../build-unit/domain/reviews.js';
import pr from '../build-unit/domain/proposals.js';
import ad from '../build-unit/domain/adherence_counts.js';

const alert = (id, severity, created_at, status = 'open') => ({ id, severity, created_at, status, history: [] });

test('alerts: urgent first, then warnings, then information; newest first within each', () => {
  const sorted = al.sortAlerts([
    alert(1, 'info', '2026-11-10T09:00:00Z'),
    alert(2, 'urgent', '2026-11-08T09:00:00Z'),
    alert(3, 'warning', '2026-11-10T10:00:00Z'),
    alert(4, 'urgent', '2026-11-09T09:00:00Z'),
    alert(5, 'warning', '2026-11-01T10:00:00Z'),
  ]);
  assert.deepEqual(sorted.map((a) => a.id), [4, 2, 3, 5, 1]);
});

test('alerts: what can be done next, and the count in words', () => {
  assert.deepEqual(al.nextActions(alert(1, 'urgent', '', 'open')), ['acknowledged', 'resolved']);
  assert.deepEqual(al.nextActions(alert(1, 'urgent', '', 'acknowledged')), ['resolved']);
  assert.deepEqual(al.nextActions(alert(1, 'urgent', '', 'resolved')), []);
  assert.equal(al.countText([]), 'No open alerts.');
  assert.equal(al.countText([alert(1, 'urgent', '', 'resolved')]), 'No open alerts.');
  assert.equal(al.countText([alert(1, 'urgent', ''), alert(2, 'info', '', 'acknowledged')]), '2 alerts to see to, 1 urgent.');
  assert.equal(al.countText([alert(2, 'warning', '')]), '1 alert to see to.');
  assert.equal(al.severityLabel('urgent'), 'Urgent');
  assert.equal(al.statusLabel('acknowledged'), 'Acknowledged');
});

test('badges: urgent alerts apart from the other open ones; nothing for a quiet patient', () => {
  assert.deepEqual(bd.patientBadges({}), []);
  assert.deepEqual(bd.patientBadges({ open_alerts: 0, urgent_alerts: 0, overdue_reviews: 0 }), []);
  assert.deepEqual(bd.patientBadges({ open_alerts: 2, urgent_alerts: 1, overdue_reviews: 1 }).map((b) => [b.key, b.text]), [
    ['urgent_alerts', '1 urgent alert'], ['open_alerts', '1 other alert'], ['overdue_reviews', '1 review overdue']]);
  assert.deepEqual(bd.patientBadges({ open_alerts: 3, urgent_alerts: 0 }).map((b) => b.text), ['3 open alerts']);
  assert.deepEqual(bd.patientBadges({ open_alerts: 2, urgent_alerts: 2, overdue_reviews: 3 }).map((b) => b.text),
    ['2 urgent alerts', '3 reviews overdue']);
});

test('reviews: due and overdue in days, across a month end', () => {
  assert.deepEqual(rv.dueText({ date: '2026-10-29' }, '2026-11-01'), { text: 'Overdue by 3 days', tone: 'overdue' });
  assert.deepEqual(rv.dueText({ date: '2026-10-31' }, '2026-11-01'), { text: 'Overdue by 1 day', tone: 'overdue' });
  assert.deepEqual(rv.dueText({ date: '2026-11-01' }, '2026-11-01'), { text: 'Due today', tone: 'today' });
  assert.deepEqual(rv.dueText({ date: '2026-11-02' }, '2026-11-01'), { text: 'Due tomorrow', tone: 'soon' });
  assert.deepEqual(rv.dueText({ date: '2026-11-08' }, '2026-11-01'), { text: 'Due in 7 days', tone: 'soon' });
  assert.deepEqual(rv.dueText({ date: '2026-12-01' }, '2026-11-01'), { text: 'Due in 30 days', tone: 'later' });
});

test('reviews: a move and a cancellation need a note; done and moved need a date', () => {
  assert.equal(rv.reviewProblem('done', '2026-11-01', ''), null);
  assert.deepEqual(rv.reviewProblem('done', '', ''), { field: 'date', message: 'is required' });
  assert.deepEqual(rv.reviewProblem('moved', '2026-11-20', '  '), { field: 'note', message: 'is required' });
  assert.equal(rv.reviewProblem('moved', '2026-11-20', 'patient away'), null);
  assert.deepEqual(rv.reviewProblem('cancelled', '', ''), { field: 'note', message: 'is required' });
  assert.equal(rv.reviewProblem('cancelled', '', 'regimen stopped'), null);
  const item = (regimen_id, date, overdue) => ({ regimen_id, date, overdue, substance: 'melatonin' });
  assert.deepEqual(rv.sortReviews([item(1, '2026-12-01', false), item(2, '2026-11-05', true), item(3, '2026-11-20', false)])
    .map((r) => r.regimen_id), [2, 3, 1]);
});

test('reviews: the next review of each regimen, with the later ones behind it', () => {
  const item = (regimen_id, date, overdue = false) => ({ regimen_id, date, overdue, substance: `r${regimen_id}` });
  const groups = rv.nextByRegimen([item(1, '2027-03-03'), item(2, '2026-12-10'), item(1, '2026-11-25', true),
    item(1, '2027-06-02'), item(2, '2027-01-07')]);
  assert.deepEqual(groups.map(([n, later]) => [n.regimen_id, n.date, later.map((l) => l.date)]), [
    [1, '2026-11-25', ['2027-03-03', '2027-06-02']],
    [2, '2026-12-10', ['2027-01-07']],
  ]);
  assert.deepEqual(rv.nextByRegimen([]), []);
});

test('proposals: titles, which actions change the regimen, and the reason check', () => {
  const p = (action, current_dose, dose) => ({ action, current_dose, dose });
  assert.equal(pr.proposalTitle(p('increase', '1 mg', '2 mg'), 'melatonin'), 'Increase melatonin from 1 mg to 2 mg');
  assert.equal(pr.proposalTitle(p('hold', '1 mg', '1 mg'), 'melatonin'), 'Hold melatonin at 1 mg');
  assert.equal(pr.proposalTitle(p('stop', '0.5 mg', '0 mg'), 'melatonin'), 'Stop melatonin');
  assert.equal(pr.changesRegimen('increase'), true);
  assert.equal(pr.changesRegimen('taper'), true);
  assert.equal(pr.changesRegimen('hold'), false);
  assert.equal(pr.changesRegimen('refer'), false);
  assert.equal(pr.decisionReasonProblem(''), 'is required');
  assert.equal(pr.decisionReasonProblem('too short'), 'must have at least 10 characters');
  assert.equal(pr.decisionReasonProblem('ISI is still falling; wait'), null);
  assert.equal(pr.dailyText('2 mg', '2 mg', 1), '2 mg');
  assert.equal(pr.dailyText('1 mg', '2 mg', 2), '1 mg per dose, 2 mg a day (2 doses)');
  const q = (id, status, created_at) => ({ id, status, created_at });
  assert.deepEqual(pr.sortProposals([q(1, 'rejected', '2026-11-10T00:00:00Z'), q(2, 'pending', '2026-11-01T00:00:00Z'),
    q(3, 'approved', '2026-11-12T00:00:00Z')]).map((x) => x.id), [2, 3, 1]);
});

test('adherence: the sentence, the percent and what needs a look', () => {
  const c = { planned: 28, taken: 25, taken_late: 2, missed: 3, skipped: 0, extra: 1, above_planned: 0, percent_taken: 89.29 };
  assert.equal(ad.takenSentence(c), '25 of 28 planned doses taken (89%)');
  assert.deepEqual(ad.concerns(c), ['3 doses missed', '2 doses taken late', '1 extra dose']);
  assert.equal(ad.percentText({ percent_taken: null }), '–');
  assert.equal(ad.takenSentence({ ...c, planned: 0, taken: 0, extra: 0, percent_taken: null }), 'No planned doses in this period.');
  assert.equal(ad.weekLabel({ iso_year: 2026, iso_week: 3 }), '2026-W03');
});

test('alerts: repeats of one rule for one patient fold under the newest, per status', () => {
  const a = (id, rule_id, patient_id, created_at, status = 'open', severity = 'warning') =>
    ({ id, rule_id, patient_id, created_at, status, severity, history: [] });
  const sorted = al.sortAlerts([
    a(1, 'alert.checkin.missing', 1, '2026-11-20T00:00:00Z'),
    a(2, 'alert.checkin.missing', 1, '2026-11-27T00:00:00Z'),
    a(3, 'alert.checkin.missing', 2, '2026-11-26T00:00:00Z'),
    a(4, 'alert.phq9.item9', 1, '2026-11-01T00:00:00Z', 'open', 'urgent'),
    a(5, 'alert.checkin.missing', 1, '2026-11-13T00:00:00Z', 'acknowledged'),
    a(6, 'alert.checkin.missing', 1, '2026-11-06T00:00:00Z', 'resolved'),
    a(7, 'alert.checkin.missing', 1, '2026-10-30T00:00:00Z', 'resolved'),
  ]);
  const groups = al.groupAlerts(sorted);
  assert.deepEqual(groups.map((g) => [g.head.id, g.rest.map((x) => x.id)]),
    [[4, []], [2, [1]], [3, []], [5, []], [6, []], [7, []]]);
});
