-- Every rename of a goal or a milestone: the history keeps the title it had, /journal shows
-- it, and a calendar event's SEQUENCE grows with it (its SUMMARY shows the title).
CREATE TABLE title_changes (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    milestone_id INTEGER REFERENCES milestones (id) ON DELETE CASCADE,
    old_title    TEXT    NOT NULL,
    new_title    TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL
);
CREATE INDEX title_changes_by_goal ON title_changes (goal_id, milestone_id);
