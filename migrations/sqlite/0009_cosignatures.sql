-- Two people for a hard stop: a version whose contraindicated finding was
-- overridden is 'pending' until a second clinician co-signs it. SQLite cannot
-- widen a CHECK in place, so regimen_versions is rebuilt (Migrate runs with
-- foreign keys off and checks them before it commits).
CREATE TABLE regimen_versions_rebuilt (
  regimen_id    INTEGER NOT NULL REFERENCES regimens(id),
  version       INTEGER NOT NULL CHECK (version >= 1),
  status        TEXT NOT NULL CHECK (status IN ('active','stopped','pending')),
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
  content_mg_per_g REAL,
  PRIMARY KEY (regimen_id, version)
);
INSERT INTO regimen_versions_rebuilt (regimen_id, version, status, formulation, dose_value,
  dose_unit, times_of_day, frequency, indication, start_date, end_date, reason, created_at,
  created_by, content_mg_per_g)
SELECT regimen_id, version, status, formulation, dose_value, dose_unit, times_of_day, frequency,
  indication, start_date, end_date, reason, created_at, created_by, content_mg_per_g
FROM regimen_versions;
DROP TABLE regimen_versions;
ALTER TABLE regimen_versions_rebuilt RENAME TO regimen_versions;
CREATE TRIGGER regimen_versions_no_update BEFORE UPDATE ON regimen_versions
BEGIN SELECT RAISE(ABORT, 'regimen versions are append-only; add a new version instead'); END;
CREATE TRIGGER regimen_versions_no_delete BEFORE DELETE ON regimen_versions
BEGIN SELECT RAISE(ABORT, 'regimen versions are append-only; add a new version instead'); END;

-- The second signatures, one per overridden hard stop of the co-signed version.
CREATE TABLE regimen_cosignatures (
  regimen_id  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  finding_key TEXT NOT NULL,
  reason      TEXT NOT NULL,
  protocol    TEXT NOT NULL DEFAULT '',
  signed_by   TEXT NOT NULL,
  signed_at   TEXT NOT NULL,
  PRIMARY KEY (regimen_id, version, finding_key),
  FOREIGN KEY (regimen_id, version) REFERENCES regimen_versions(regimen_id, version)
);
CREATE TRIGGER regimen_cosignatures_no_update BEFORE UPDATE ON regimen_cosignatures
BEGIN SELECT RAISE(ABORT, 'co-signatures are part of a regimen version'); END;
CREATE TRIGGER regimen_cosignatures_no_delete BEFORE DELETE ON regimen_cosignatures
BEGIN SELECT RAISE(ABORT, 'co-signatures are part of a regimen version'); END;
