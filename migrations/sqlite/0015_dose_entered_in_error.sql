-- A dose event may withdraw the entry it corrects ('entered_in_error', a
-- mistaken tap undone). SQLite cannot change a CHECK constraint in place, so
-- the table is rebuilt with its rows, indexes and append-only triggers (the
-- migration runs with foreign keys off and checks them before it commits).
CREATE TABLE dose_events_new (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  regimen_id  INTEGER REFERENCES regimens(id),
  substance   TEXT NOT NULL,
  planned_at  TEXT,
  taken_at    TEXT,
  amount_value REAL,
  amount_unit  TEXT,
  status      TEXT NOT NULL CHECK (status IN ('taken','skipped','extra','entered_in_error')),
  note        TEXT NOT NULL DEFAULT '',
  corrects    INTEGER UNIQUE REFERENCES dose_events(id),
  filed_at    TEXT NOT NULL,  -- taken_at, else planned_at: the time views sort by
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  CHECK (status <> 'entered_in_error' OR corrects IS NOT NULL)
);
INSERT INTO dose_events_new (id, patient_id, regimen_id, substance, planned_at, taken_at,
                             amount_value, amount_unit, status, note, corrects, filed_at,
                             created_at, created_by)
  SELECT id, patient_id, regimen_id, substance, planned_at, taken_at, amount_value, amount_unit,
         status, note, corrects, filed_at, created_at, created_by
  FROM dose_events;
DROP TABLE dose_events;
ALTER TABLE dose_events_new RENAME TO dose_events;
CREATE INDEX dose_events_by_patient ON dose_events(patient_id, filed_at);
CREATE INDEX dose_events_by_patient_planned ON dose_events(patient_id, planned_at);
CREATE INDEX dose_events_by_patient_created ON dose_events(patient_id, created_at);
CREATE TRIGGER dose_events_no_update BEFORE UPDATE ON dose_events
BEGIN SELECT RAISE(ABORT, 'dose events are append-only; add a correction instead'); END;
CREATE TRIGGER dose_events_no_delete BEFORE DELETE ON dose_events
BEGIN SELECT RAISE(ABORT, 'dose events are append-only; add a correction instead'); END;
