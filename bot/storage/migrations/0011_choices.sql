-- Questions asked with buttons ("79.25 kg or 79,250 kg?"): what each option would do, held
-- until the member who was asked picks one. Answered once: taken_at is set by the pick.
CREATE TABLE choices (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES members (user_id) ON DELETE CASCADE,
    asked      TEXT    NOT NULL,
    options    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    taken_at   TEXT
);
