-- When each schedule next needs attention, so a tick reads only what is due.
-- Empty means "work it out" (new or changed schedules).
ALTER TABLE schedules ADD COLUMN next_due TEXT;
CREATE INDEX schedules_by_next_due ON schedules (next_due);
