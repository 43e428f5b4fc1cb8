-- The schema as it was before versioned migrations (databases made by earlier versions already
-- have it: every statement leaves what exists alone).
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  scenario TEXT NOT NULL,
  info TEXT NOT NULL,
  clock TEXT NOT NULL,
  created_at TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '[]',
  joining INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  command_id TEXT,
  event TEXT NOT NULL,
  seat_id TEXT,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_command ON events(session_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS seats (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT,
  token_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS seats_session ON seats(session_id);
CREATE TABLE IF NOT EXISTS summaries (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  created_at TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  team TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS summaries_created ON summaries(created_at);
CREATE TABLE IF NOT EXISTS trainers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trainer_sign_ins (
  token_hash TEXT PRIMARY KEY,
  trainer_id TEXT NOT NULL REFERENCES trainers(id),
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trainer_sign_ins_trainer ON trainer_sign_ins(trainer_id);
