-- The ledger of scheduled posts keeps what became of each try, so a post Telegram did not take
-- is tried again on every tick (status 'retry', counted in tries, the last reason kept) until
-- it goes out or its grace window ends ('failed'), and a post that may have arrived is told
-- from one that failed: 'unknown'. resend = 1: the last try may have arrived, and the post is
-- owed once more, marked as sent again (check-in prompts only; see bot/delivery/policy.py).
-- SQLite cannot change a CHECK constraint in place, so the table is made anew.
CREATE TABLE deliveries_new (
    chat_id     INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    due_at      TEXT    NOT NULL,
    status      TEXT    NOT NULL
                CHECK (status IN ('sending', 'sent', 'skipped', 'failed', 'retry', 'unknown')),
    message_id  INTEGER,
    updated_at  TEXT    NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    last_reason TEXT,
    resend      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, kind, period)
);
INSERT INTO deliveries_new (chat_id, kind, period, due_at, status, message_id, updated_at)
    SELECT chat_id, kind, period, due_at, status, message_id, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
