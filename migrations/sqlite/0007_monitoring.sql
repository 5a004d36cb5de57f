-- Monitoring: alerts with their status history, follow-up review actions, and
-- titration proposals with the clinician's decision. Every table is
-- append-only: a status change, a review action and a decision are new rows.

CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY,
  patient_id    INTEGER NOT NULL REFERENCES patients(id),
  rule_id       TEXT NOT NULL,
  severity      TEXT NOT NULL CHECK (severity IN ('urgent', 'warning', 'info')),
  title         TEXT NOT NULL,
  message       TEXT NOT NULL,
  -- What fired it: the same rule on the same evidence never opens twice.
  dedupe_key    TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  refs_json     TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  UNIQUE (patient_id, dedupe_key)
);
CREATE INDEX alerts_by_patient ON alerts(patient_id, created_at);

CREATE TABLE alert_status_changes (
  id         INTEGER PRIMARY KEY,
  alert_id   INTEGER NOT NULL REFERENCES alerts(id),
  status     TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  note       TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE INDEX alert_status_changes_by_alert ON alert_status_changes(alert_id, id);

CREATE TABLE review_actions (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  regimen_id  INTEGER NOT NULL REFERENCES regimens(id),
  due         TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('done', 'moved', 'cancelled')),
  on_date     TEXT,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX review_actions_by_patient ON review_actions(patient_id, regimen_id, id);

CREATE TABLE titration_proposals (
  id               INTEGER PRIMARY KEY,
  patient_id       INTEGER NOT NULL REFERENCES patients(id),
  regimen_id       INTEGER NOT NULL REFERENCES regimens(id),
  regimen_version  INTEGER NOT NULL,
  action           TEXT NOT NULL,
  -- The engine's proposal as the API shows it (the store does not read it).
  proposal_json    TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL
);
CREATE INDEX titration_proposals_by_patient ON titration_proposals(patient_id, id);

-- At most one decision per proposal (the primary key).
CREATE TABLE titration_decisions (
  proposal_id     INTEGER PRIMARY KEY REFERENCES titration_proposals(id),
  decision        TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  reason          TEXT NOT NULL,
  regimen_version INTEGER,
  decided_at      TEXT NOT NULL,
  decided_by      TEXT NOT NULL
);

CREATE TRIGGER alerts_no_update BEFORE UPDATE ON alerts
BEGIN SELECT RAISE(ABORT, 'an alert is never changed: its status changes are appended'); END;
CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
BEGIN SELECT RAISE(ABORT, 'an alert is never deleted'); END;
CREATE TRIGGER alert_status_changes_no_update BEFORE UPDATE ON alert_status_changes
BEGIN SELECT RAISE(ABORT, 'an alert status change is never changed'); END;
CREATE TRIGGER alert_status_changes_no_delete BEFORE DELETE ON alert_status_changes
BEGIN SELECT RAISE(ABORT, 'an alert status change is never deleted'); END;
CREATE TRIGGER review_actions_no_update BEFORE UPDATE ON review_actions
BEGIN SELECT RAISE(ABORT, 'a review action is never changed'); END;
CREATE TRIGGER review_actions_no_delete BEFORE DELETE ON review_actions
BEGIN SELECT RAISE(ABORT, 'a review action is never deleted'); END;
CREATE TRIGGER titration_proposals_no_update BEFORE UPDATE ON titration_proposals
BEGIN SELECT RAISE(ABORT, 'a titration proposal is never changed'); END;
CREATE TRIGGER titration_proposals_no_delete BEFORE DELETE ON titration_proposals
BEGIN SELECT RAISE(ABORT, 'a titration proposal is never deleted'); END;
CREATE TRIGGER titration_decisions_no_update BEFORE UPDATE ON titration_decisions
BEGIN SELECT RAISE(ABORT, 'a titration decision is never changed'); END;
CREATE TRIGGER titration_decisions_no_delete BEFORE DELETE ON titration_decisions
BEGIN SELECT RAISE(ABORT, 'a titration decision is never deleted'); END;
