-- Chats, members, goals, milestones, progress and deadline history.
-- Telegram ids are 64-bit; SQLite INTEGER holds them exactly.
CREATE TABLE chats (
    chat_id       INTEGER PRIMARY KEY,
    type          TEXT    NOT NULL,
    title         TEXT,
    timezone      TEXT    NOT NULL,
    registered_at TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE members (
    user_id    INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name  TEXT,
    username   TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE chat_members (
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    first_seen TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE goals (
    id           INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE,
    number       INTEGER NOT NULL,
    owner_id     INTEGER NOT NULL REFERENCES members (user_id),
    title        TEXT    NOT NULL,
    why          TEXT,
    target       REAL,
    unit         TEXT    NOT NULL DEFAULT '',
    current      REAL    NOT NULL DEFAULT 0,
    deadline     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'completed', 'abandoned')),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    completed_at TEXT,
    abandoned_at TEXT,
    UNIQUE (chat_id, number)
);
CREATE INDEX goals_by_owner ON goals (owner_id, chat_id);

CREATE TABLE milestones (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    due_date     TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    completed_at TEXT,
    UNIQUE (goal_id, number)
);

CREATE TABLE progress_log (
    id        INTEGER PRIMARY KEY,
    goal_id   INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    value     REAL    NOT NULL,
    delta     REAL    NOT NULL,
    logged_at TEXT    NOT NULL
);
CREATE INDEX progress_by_goal ON progress_log (goal_id, logged_at);

CREATE TABLE deadline_changes (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    milestone_id INTEGER REFERENCES milestones (id) ON DELETE CASCADE,
    old_date     TEXT    NOT NULL,
    new_date     TEXT    NOT NULL,
    reason       TEXT,
    changed_at   TEXT    NOT NULL
);
