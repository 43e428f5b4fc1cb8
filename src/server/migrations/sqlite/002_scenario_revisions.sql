-- Bank scenarios published from the studio: every publication is a new revision, never changed.
CREATE TABLE scenario_revisions (
  scenario_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  scenario TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (scenario_id, revision)
);
-- A published revision never changes (nor goes): the database itself refuses.
CREATE TRIGGER scenario_revisions_immutable BEFORE UPDATE ON scenario_revisions
BEGIN
  SELECT RAISE(ABORT, 'a published scenario revision never changes');
END;
CREATE TRIGGER scenario_revisions_kept BEFORE DELETE ON scenario_revisions
BEGIN
  SELECT RAISE(ABORT, 'a published scenario revision is kept');
END;
-- The revision of a bank scenario a drill ran (NULL: a shipped scenario).
ALTER TABLE sessions ADD COLUMN scenario_revision INTEGER;
