-- How many times a goal's status changed (achieved, dropped, reopened) and when it last did:
-- with the deadline history, a calendar event's SEQUENCE and LAST-MODIFIED. updated_at is no
-- use for that: it also moves with progress, which no event shows.
-- Before this, only an ending was kept (a reopened goal's earlier ending is lost): count that.
ALTER TABLE goals ADD COLUMN status_changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goals ADD COLUMN status_changed_at TEXT;
UPDATE goals SET status_changes = 1, status_changed_at = COALESCE(completed_at, abandoned_at)
WHERE status <> 'active';
