-- Observations gain an interpretation (the band of an instrument score) and
-- components: an instrument's item answers and flags, a side effect's onset,
-- suspected substance and whether it is ongoing. Part of the observation,
-- so never changed.
ALTER TABLE observations ADD COLUMN interpretation TEXT NOT NULL DEFAULT '';

CREATE TABLE observation_components (
  observation_id INTEGER NOT NULL REFERENCES observations(id),
  position       INTEGER NOT NULL,
  code           TEXT NOT NULL,
  value          REAL,
  text           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (observation_id, position)
);

CREATE TRIGGER observation_components_no_update BEFORE UPDATE ON observation_components
BEGIN SELECT RAISE(ABORT, 'observation components are part of the observation'); END;
CREATE TRIGGER observation_components_no_delete BEFORE DELETE ON observation_components
BEGIN SELECT RAISE(ABORT, 'observation components are part of the observation'); END;
