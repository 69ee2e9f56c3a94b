-- Scheduled accountability: each chat's schedules, the record of every scheduled post,
-- check-ins, reflections, quarterly review answers and deadline reminders.
CREATE TABLE schedules (
    chat_id        INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind           TEXT    NOT NULL
                   CHECK (kind IN ('checkin', 'summary', 'review_monthly', 'review_quarterly',
                                   'reminders')),
    enabled        INTEGER NOT NULL DEFAULT 1,
    at             TEXT    NOT NULL,          -- local wall-clock HH:MM
    days           TEXT    NOT NULL DEFAULT '', -- 'mon,thu' for check-ins and summaries
    day_of_month   INTEGER NOT NULL DEFAULT 1,
    lead_days      INTEGER NOT NULL DEFAULT 2,
    effective_from TEXT    NOT NULL,          -- firings before this are not owed
    PRIMARY KEY (chat_id, kind)
);

-- One row per (chat, kind, period), written before the post is sent: a post that has a row
-- is never sent again. status: sending -> sent, or skipped (missed beyond the grace window),
-- or failed (the chat refused it).
CREATE TABLE deliveries (
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    period     TEXT    NOT NULL,
    due_at     TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'skipped', 'failed')),
    message_id INTEGER,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, kind, period)
);

CREATE TABLE checkins (
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    period     TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('on_track', 'behind', 'help')),
    note       TEXT,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id, period)
);

CREATE TABLE reflections (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

CREATE TABLE review_answers (
    goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    period      TEXT    NOT NULL,
    choice      TEXT    NOT NULL CHECK (choice IN ('keep', 'adjust', 'drop')),
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (goal_id, period)
);

-- One reminder per (milestone or goal, kind, due date): moving a deadline earns a new one.
CREATE TABLE reminders_sent (
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    milestone_id INTEGER NOT NULL DEFAULT 0,  -- 0: the goal itself
    kind         TEXT    NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
    due_date     TEXT    NOT NULL,
    sent_at      TEXT    NOT NULL,
    PRIMARY KEY (goal_id, milestone_id, kind, due_date)
);

ALTER TABLE chats ADD COLUMN inactive_since TEXT;

-- Chats registered before schedules existed get the defaults, owed from now on.
INSERT INTO schedules (chat_id, kind, at, days, day_of_month, lead_days, effective_from)
SELECT chat_id, 'checkin', '09:00', 'mon', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats
UNION ALL
SELECT chat_id, 'summary', '17:00', 'fri', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats
UNION ALL
SELECT chat_id, 'review_monthly', '10:00', '', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats
UNION ALL
SELECT chat_id, 'review_quarterly', '10:00', '', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats
UNION ALL
SELECT chat_id, 'reminders', '09:00', '', 1, 2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM chats;
