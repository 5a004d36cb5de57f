-- Login throttling and idempotent retries.
--
-- Failed logins are counted per (username, address) and per username for the
-- addresses it has never signed in from (address ''), not per account alone,
-- so an attacker cannot lock an owner out of the addresses they use. Rows are
-- keyed by the username as typed (existing or not), so a throttled answer
-- does not reveal whether an account exists.
CREATE TABLE login_throttle (
  username        TEXT NOT NULL COLLATE NOCASE,
  address         TEXT NOT NULL,
  failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  lockouts        INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  locked_until    TEXT,
  last_success_at TEXT,   -- set: the account has signed in from this address
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_throttle_by_update ON login_throttle(updated_at);

-- The per-account counters of 0003 are replaced by login_throttle.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
-- An administrator's password reset, shown to the account's owner.
ALTER TABLE users ADD COLUMN password_reset_at TEXT;
ALTER TABLE users ADD COLUMN password_reset_by TEXT NOT NULL DEFAULT '';

-- The answers of POST requests sent with an Idempotency-Key, per account, so
-- a retry replays the first answer instead of writing twice. A row without a
-- status is a request still running. Rows expire after 24 hours.
CREATE TABLE idempotency_keys (
  user_id       INTEGER NOT NULL REFERENCES users(id),
  key           TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,   -- SHA-256 of method, path, query and body
  created_at    TEXT NOT NULL,
  status        INTEGER,
  content_type  TEXT NOT NULL DEFAULT '',
  headers       TEXT NOT NULL DEFAULT '[]',  -- JSON [[name, value], ...]
  body          BLOB NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
