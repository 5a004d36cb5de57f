-- Circadian plans made for a patient (a trip, a shift rota): what was asked
-- and what the planner answered, kept as the clinic gave them.
CREATE TABLE circadian_plans (
  id           INTEGER PRIMARY KEY,
  patient_id   INTEGER NOT NULL REFERENCES patients(id),
  kind         TEXT NOT NULL CHECK (kind IN ('jetlag', 'shift')),
  title        TEXT NOT NULL,
  request_json TEXT NOT NULL,
  plan_json    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX circadian_plans_by_patient ON circadian_plans(patient_id, created_at);

CREATE TRIGGER circadian_plans_no_update BEFORE UPDATE ON circadian_plans
BEGIN SELECT RAISE(ABORT, 'a circadian plan is a record of what was given: never changed'); END;
CREATE TRIGGER circadian_plans_no_delete BEFORE DELETE ON circadian_plans
BEGIN SELECT RAISE(ABORT, 'a circadian plan is a record of what was given: never deleted'); END;
