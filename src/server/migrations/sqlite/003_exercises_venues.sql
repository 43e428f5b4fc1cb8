-- Where a seat sits when a drill is played in several venues (NULL: one venue).
ALTER TABLE seats ADD COLUMN venue TEXT;
-- Exercises: several groups play the same scenario, each its own session; `data` holds the
-- groups (names and sessions), the venues and the scenario; the round and review change.
CREATE TABLE exercises (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  data TEXT NOT NULL,
  playing INTEGER,
  reviewing INTEGER
);
CREATE INDEX exercises_created ON exercises(created_at);
