-- The guided /goal's answers so far, one draft per member and chat, kept across restarts.
-- The target is kept as typed and read again when the goal is created.
CREATE TABLE goal_drafts (
    chat_id     INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    step        TEXT    NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    deadline    TEXT    NOT NULL DEFAULT '',
    target_text TEXT,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
