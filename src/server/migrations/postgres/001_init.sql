-- The drill server's schema on PostgreSQL (the same tables as SQLite's; JSON kept as text).
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  scenario TEXT NOT NULL,
  info TEXT NOT NULL,
  clock TEXT NOT NULL,
  created_at TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '[]',
  joining BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  command_id TEXT,
  event TEXT NOT NULL,
  seat_id TEXT,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX events_command ON events(session_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE seats (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  -- the order seats were added in (SQLite's rowid)
  n BIGSERIAL NOT NULL
);
CREATE INDEX seats_session ON seats(session_id);
CREATE TABLE summaries (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  created_at TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  team TEXT NOT NULL,
  summary TEXT NOT NULL,
  n BIGSERIAL NOT NULL
);
CREATE INDEX summaries_created ON summaries(created_at);
CREATE TABLE trainers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  n BIGSERIAL NOT NULL
);
-- Names are unique regardless of (Latin) case, as SQLite's NOCASE.
CREATE UNIQUE INDEX trainers_name ON trainers(lower(name));
CREATE TABLE trainer_sign_ins (
  token_hash TEXT PRIMARY KEY,
  trainer_id TEXT NOT NULL REFERENCES trainers(id),
  expires_at TEXT NOT NULL
);
CREATE INDEX trainer_sign_ins_trainer ON trainer_sign_ins(trainer_id);
