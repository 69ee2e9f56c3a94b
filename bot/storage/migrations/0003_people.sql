-- Accountability between people: partners, mentors, journals, pauses; and who has opened a
-- private chat with the bot (so it can send them direct messages).
ALTER TABLE members ADD COLUMN private_chat INTEGER NOT NULL DEFAULT 0;

-- One row per side: (chat, member) -> partner. A member has at most one partner per chat.
CREATE TABLE partnerships (
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    since      TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE partner_invites (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    inviter_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    invitee_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    created_at  TEXT    NOT NULL,
    answered_at TEXT
);

-- Each partner notice (missed check-in, overdue milestone, completed milestone) goes out once.
CREATE TABLE partner_notices (
    chat_id  INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL,
    subject  TEXT    NOT NULL,
    sent_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id, kind, subject)
);

CREATE TABLE mentors (
    chat_id  INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    added_by INTEGER,
    added_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- Journal entries by a goal's owner, and mentor feedback to a member (goal_id may be empty).
CREATE TABLE journal (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    goal_id    INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('entry', 'feedback')),
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX journal_by_member ON journal (chat_id, member_id, created_at);

-- A member away: from starts_at until the end of ends_on (local date; open-ended when empty),
-- or until resumed_at.
CREATE TABLE pauses (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    starts_at  TEXT    NOT NULL,
    ends_on    TEXT,
    resumed_at TEXT,
    reason     TEXT
);
CREATE INDEX pauses_by_member ON pauses (chat_id, user_id);
