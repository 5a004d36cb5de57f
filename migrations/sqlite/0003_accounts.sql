-- Accounts, care teams and sessions. Tokens are stored only as SHA-256
-- hashes, so a copy of the database does not let anyone log in.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','clinician','patient')),
  patient_id    INTEGER REFERENCES patients(id),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  CHECK ((role = 'patient') = (patient_id IS NOT NULL))
);

-- The clinicians who may see a patient's record.
CREATE TABLE care_team (
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  user_id    INTEGER NOT NULL REFERENCES users(id),
  added_at   TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  PRIMARY KEY (patient_id, user_id)
);
CREATE INDEX care_team_by_user ON care_team(user_id);

-- Browser sessions and long-lived API tokens.
CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL CHECK (kind IN ('browser','api')),
  name        TEXT NOT NULL DEFAULT '',
  csrf_hash   TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  expires_at  TEXT,
  revoked_at  TEXT
);
CREATE INDEX sessions_by_user ON sessions(user_id);
