-- The screening of each regimen version, and the overrides a clinician gave
-- for its blocking findings. Both are part of the version: never changed.
ALTER TABLE regimen_versions ADD COLUMN content_mg_per_g REAL;

CREATE TABLE regimen_findings (
  regimen_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
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
  PRIMARY KEY (regimen_id, version, position),
  FOREIGN KEY (regimen_id, version) REFERENCES regimen_versions(regimen_id, version)
);

CREATE TABLE regimen_overrides (
  regimen_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  finding_key TEXT NOT NULL,
  rule_id     TEXT NOT NULL,
  reason      TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  PRIMARY KEY (regimen_id, version, finding_key),
  FOREIGN KEY (regimen_id, version) REFERENCES regimen_versions(regimen_id, version)
);

CREATE TRIGGER regimen_findings_no_update BEFORE UPDATE ON regimen_findings
BEGIN SELECT RAISE(ABORT, 'screening findings are part of a regimen version'); END;
CREATE TRIGGER regimen_findings_no_delete BEFORE DELETE ON regimen_findings
BEGIN SELECT RAISE(ABORT, 'screening findings are part of a regimen version'); END;
CREATE TRIGGER regimen_overrides_no_update BEFORE UPDATE ON regimen_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are part of a regimen version'); END;
CREATE TRIGGER regimen_overrides_no_delete BEFORE DELETE ON regimen_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are part of a regimen version'); END;
