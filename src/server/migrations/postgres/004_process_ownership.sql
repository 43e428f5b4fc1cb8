-- Several server processes on one database. Each process records itself and heartbeats its row
-- (seen_at, the database's clock); each session is served by one process, its owner, which
-- another process takes over once the owner stops heartbeating.
CREATE TABLE processes (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  seen_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE session_owners (
  session_id TEXT PRIMARY KEY,
  process_id TEXT NOT NULL
);
CREATE INDEX session_owners_process ON session_owners(process_id);
-- The write fence: a process appends to a session only while it owns it. The owner's row is
-- locked (FOR SHARE) until the append commits, so a takeover waits for appends under way and
-- then reads them; appends after the takeover are refused (SQLSTATE DR409).
CREATE FUNCTION drillroom_owned_by(session TEXT, me TEXT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  owner TEXT;
BEGIN
  SELECT process_id INTO owner FROM session_owners WHERE session_id = session FOR SHARE;
  IF owner IS DISTINCT FROM me THEN
    RAISE EXCEPTION 'session % is served by another process', session USING ERRCODE = 'DR409';
  END IF;
  RETURN TRUE;
END
$$;
