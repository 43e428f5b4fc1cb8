-- Server processes and who serves each session (see the PostgreSQL migration). A SQLite
-- database has one server process: it retires every other at start and takes their sessions.
CREATE TABLE processes (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  -- milliseconds since 1970
  seen_at INTEGER NOT NULL
);
CREATE TABLE session_owners (
  session_id TEXT PRIMARY KEY,
  process_id TEXT NOT NULL
);
CREATE INDEX session_owners_process ON session_owners(process_id);
