-- Calendar feeds: a private, revocable .ics URL of a patient's planned doses
-- and due questionnaires, for any phone calendar to remind the patient. The
-- URL's token is the credential; as with sessions, only its SHA-256 hash is
-- stored, so a copy of the database does not open anyone's feed. A revoked
-- feed stays listed with the time it was revoked.
CREATE TABLE calendar_feeds (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX calendar_feeds_by_patient ON calendar_feeds(patient_id);
