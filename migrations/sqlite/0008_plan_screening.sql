-- The screening of a circadian plan (its melatonin counted with the patient's
-- regimens and medicines) and the overrides a clinician gave for its blocking
-- findings. Both are part of the plan: never changed.
CREATE TABLE circadian_plan_findings (
  plan_id     INTEGER NOT NULL REFERENCES circadian_plans(id),
  position    INTEGER NOT NULL,
  rule_id     TEXT NOT NULL,
  finding_key TEXT NOT NULL,
  kind        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  blocking    INTEGER NOT NULL CHECK (blocking IN (0,1)),
  title       TEXT NOT NULL,
  message     TEXT NOT NULL,
  mechanism   TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL DEFAULT '',
  refs        TEXT NOT NULL DEFAULT '',  -- reference ids, comma-separated
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE circadian_plan_overrides (
  plan_id     INTEGER NOT NULL REFERENCES circadian_plans(id),
  finding_key TEXT NOT NULL,
  rule_id     TEXT NOT NULL,
  reason      TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  PRIMARY KEY (plan_id, finding_key)
);

CREATE TRIGGER circadian_plan_findings_no_update BEFORE UPDATE ON circadian_plan_findings
BEGIN SELECT RAISE(ABORT, 'screening findings are part of a circadian plan'); END;
CREATE TRIGGER circadian_plan_findings_no_delete BEFORE DELETE ON circadian_plan_findings
BEGIN SELECT RAISE(ABORT, 'screening findings are part of a circadian plan'); END;
CREATE TRIGGER circadian_plan_overrides_no_update BEFORE UPDATE ON circadian_plan_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are part of a circadian plan'); END;
CREATE TRIGGER circadian_plan_overrides_no_delete BEFORE DELETE ON circadian_plan_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are part of a circadian plan'); END;
