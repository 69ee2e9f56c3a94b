-- How many times a milestone was done or reopened, and when it last was: a calendar event's
-- SEQUENCE must grow when a milestone done by mistake is reopened, not fall back.
-- Before this, a milestone could only be done once: count that.
ALTER TABLE milestones ADD COLUMN status_changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE milestones ADD COLUMN status_changed_at TEXT;
UPDATE milestones SET status_changes = 1, status_changed_at = completed_at
WHERE completed_at IS NOT NULL;
