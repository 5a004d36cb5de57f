-- Records: patients and what they take, as DESIGN.md describes them.
-- Times are ISO 8601 UTC text ("2026-11-22T07:30:00Z"); dates are YYYY-MM-DD.

CREATE TABLE patients (
  id            INTEGER PRIMARY KEY,
  display_name  TEXT NOT NULL,
  birth_date    TEXT,
  sex           TEXT NOT NULL CHECK (sex IN ('female','male','other','unknown')),
  pregnancy     TEXT NOT NULL CHECK (pregnancy IN ('not_pregnant','pregnant','unknown','not_applicable')),
  breastfeeding INTEGER NOT NULL CHECK (breastfeeding IN (0,1)),
  smoker        INTEGER NOT NULL CHECK (smoker IN (0,1)),
  time_zone     TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX patients_by_name ON patients(display_name COLLATE NOCASE);

CREATE TABLE patient_conditions (
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  position   INTEGER NOT NULL,
  condition  TEXT NOT NULL,
  PRIMARY KEY (patient_id, position)
);

-- Weight history: the latest measurement is the patient's weight.
CREATE TABLE weight_records (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  value       REAL NOT NULL,
  unit        TEXT NOT NULL,
  measured_on TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX weight_records_by_patient ON weight_records(patient_id, measured_on);

CREATE TABLE medications (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  name        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN ('medicine','supplement','therapy')),
  code_system TEXT NOT NULL DEFAULT '',
  code        TEXT NOT NULL DEFAULT '',
  dose_value  REAL,
  dose_unit   TEXT,
  schedule    TEXT NOT NULL DEFAULT '',
  start_date  TEXT,
  stop_date   TEXT,
  source      TEXT NOT NULL CHECK (source IN ('prescribed','self_reported')),
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX medications_by_patient ON medications(patient_id);

CREATE TABLE regimens (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  substance  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX regimens_by_patient ON regimens(patient_id);

-- Versions are append-only: a change is a new row, never an update.
CREATE TABLE regimen_versions (
  regimen_id    INTEGER NOT NULL REFERENCES regimens(id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  status        TEXT NOT NULL CHECK (status IN ('active','stopped')),
  formulation   TEXT NOT NULL,
  dose_value    REAL NOT NULL,
  dose_unit     TEXT NOT NULL,
  times_of_day  TEXT NOT NULL,  -- "08:00,22:00"
  frequency     TEXT NOT NULL CHECK (frequency IN ('daily','every_other_day','weekly','as_needed')),
  indication    TEXT NOT NULL DEFAULT '',
  start_date    TEXT NOT NULL,
  end_date      TEXT,
  reason        TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  PRIMARY KEY (regimen_id, version)
);

CREATE TABLE titration_steps (
  regimen_id INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  after_days INTEGER NOT NULL,
  dose_value REAL NOT NULL,
  dose_unit  TEXT NOT NULL,
  PRIMARY KEY (regimen_id, version, position),
  FOREIGN KEY (regimen_id, version) REFERENCES regimen_versions(regimen_id, version)
);

CREATE TABLE dose_events (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  regimen_id  INTEGER REFERENCES regimens(id),
  substance   TEXT NOT NULL,
  planned_at  TEXT,
  taken_at    TEXT,
  amount_value REAL,
  amount_unit  TEXT,
  status      TEXT NOT NULL CHECK (status IN ('taken','skipped','extra')),
  note        TEXT NOT NULL DEFAULT '',
  corrects    INTEGER UNIQUE REFERENCES dose_events(id),
  filed_at    TEXT NOT NULL,  -- taken_at, else planned_at: the time views sort by
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX dose_events_by_patient ON dose_events(patient_id, filed_at);

CREATE TABLE observations (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  kind        TEXT NOT NULL,
  code        TEXT NOT NULL DEFAULT '',
  value       REAL,
  unit        TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL DEFAULT '',
  observed_at TEXT NOT NULL,
  corrects    INTEGER UNIQUE REFERENCES observations(id),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX observations_by_patient ON observations(patient_id, observed_at);

-- Facts about the past are never edited or deleted; corrections are new rows.
CREATE TRIGGER dose_events_no_update BEFORE UPDATE ON dose_events
BEGIN SELECT RAISE(ABORT, 'dose events are append-only; add a correction instead'); END;
CREATE TRIGGER dose_events_no_delete BEFORE DELETE ON dose_events
BEGIN SELECT RAISE(ABORT, 'dose events are append-only; add a correction instead'); END;
CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations
BEGIN SELECT RAISE(ABORT, 'observations are append-only; add a correction instead'); END;
CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations
BEGIN SELECT RAISE(ABORT, 'observations are append-only; add a correction instead'); END;
CREATE TRIGGER regimen_versions_no_update BEFORE UPDATE ON regimen_versions
BEGIN SELECT RAISE(ABORT, 'regimen versions are append-only; add a new version instead'); END;
CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE ON regimen_versions
BEGIN SELECT RAISE(ABORT, 'regimen versions are append-only; add a new version instead'); END;
