-- Habits: goals that repeat. Numbered with the chat's goals (from the same counter, so
-- "#3" names one thing in a chat), with their own rules and a log of entries by local day.
CREATE TABLE habits (
    id           INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE,
    number       INTEGER NOT NULL,
    owner_id     INTEGER NOT NULL REFERENCES members (user_id),
    title        TEXT    NOT NULL,
    times        INTEGER NOT NULL CHECK (times >= 1),
    per          TEXT    NOT NULL CHECK (per IN ('day', 'week', 'month')),
    weekdays     TEXT    NOT NULL DEFAULT '0123456',  -- the days a daily habit asks for
    direction    TEXT    CHECK (direction IN ('at_least', 'at_most')),
    amount       REAL,
    unit         TEXT    NOT NULL DEFAULT '',
    starts_on    TEXT    NOT NULL,  -- local date
    until        TEXT,              -- its last local day; NULL: until stopped
    status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'stopped')),
    created_at   TEXT    NOT NULL,
    ended_at     TEXT,
    UNIQUE (chat_id, number)
);
CREATE INDEX habits_by_owner ON habits (owner_id);

CREATE TABLE habit_entries (
    id        INTEGER PRIMARY KEY,
    habit_id  INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    day       TEXT    NOT NULL,  -- the local day it was done
    amount    REAL,
    note      TEXT,
    logged_at TEXT    NOT NULL
);
CREATE INDEX habit_entries_by_day ON habit_entries (habit_id, day);

-- When a break was planned: a break counts for a habit's period only when it was planned
-- before that period began. Breaks set before now were planned when they began at the latest.
ALTER TABLE pauses ADD COLUMN created_at TEXT;
UPDATE pauses SET created_at = starts_at;
