-- Audit log: who did what to which patient, when, from where, with what outcome.
CREATE TABLE audit_events (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  role       TEXT NOT NULL,
  action     TEXT NOT NULL,
  patient_id INTEGER,
  address    TEXT NOT NULL DEFAULT '',
  outcome    TEXT NOT NULL,
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_patient ON audit_events(patient_id, at);
CREATE INDEX audit_by_actor ON audit_events(actor, at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
