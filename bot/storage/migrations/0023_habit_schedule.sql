-- The daily habit prompt is a schedule of its own ('habits', 20:00 in the chat's zone by
-- default). A schedule's kinds are checked, so the table is rebuilt with the wider check.
CREATE TABLE schedules_new (
    chat_id        INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind           TEXT    NOT NULL
                   CHECK (kind IN ('checkin', 'summary', 'review_monthly', 'review_quarterly',
                                   'reminders', 'habits')),
    enabled        INTEGER NOT NULL DEFAULT 1,
    at             TEXT    NOT NULL,          -- local wall-clock HH:MM
    days           TEXT    NOT NULL DEFAULT '', -- 'mon,thu' for check-ins and summaries
    day_of_month   INTEGER NOT NULL DEFAULT 1,
    lead_days      INTEGER NOT NULL DEFAULT 2,
    effective_from TEXT    NOT NULL,          -- firings before this are not owed
    next_due       TEXT,
    PRIMARY KEY (chat_id, kind)
);
INSERT INTO schedules_new (chat_id, kind, enabled, at, days, day_of_month, lead_days,
                           effective_from, next_due)
SELECT chat_id, kind, enabled, at, days, day_of_month, lead_days, effective_from, next_due
FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_new RENAME TO schedules;
CREATE INDEX schedules_by_next_due ON schedules (next_due);

-- Every chat known so far gets the habit prompt, owed from now on.
INSERT INTO schedules (chat_id, kind, at, days, day_of_month, lead_days, effective_from)
SELECT chat_id, 'habits', '20:00', '', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats;

-- What was said about a habit, once each: a streak milestone (subject: its length and the
-- run's first day), its first week with the frequency met, its end, a day's reminder (subject:
-- the day). Written before the message goes out, so nothing is said twice, also after an
-- /undo and the same entry logged again.
CREATE TABLE habit_events (
    habit_id INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL CHECK (kind IN ('streak', 'first_week', 'ended', 'reminder')),
    subject  TEXT    NOT NULL DEFAULT '',
    at       TEXT    NOT NULL,
    PRIMARY KEY (habit_id, kind, subject)
);
