-- Several bot processes on one database: a due post is first claimed ('claimed') by one of
-- them, for a lease (lease_until), while its text is worked out; just before it goes to
-- Telegram the claim becomes 'sending', and only its holder (claimed_by) can do that. A
-- process that dies holding a 'claimed' post loses it when the lease ends, and another takes
-- it over; a 'sending' one may have arrived, so when its lease ends it is recorded as
-- 'unknown' and never sent again. The partial index keeps the tick's look at claims in
-- flight small however long the ledger grows.
-- SQLite cannot change a CHECK constraint in place, so the table is made anew.
CREATE TABLE deliveries_new (
    chat_id     INTEGER NOT NULL REFERENCES chats (chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    due_at      TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN (
                    'claimed', 'sending', 'sent', 'skipped', 'failed', 'retry', 'unknown')),
    message_id  INTEGER,
    updated_at  TEXT    NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    last_reason TEXT,
    resend      INTEGER NOT NULL DEFAULT 0,
    claimed_by  TEXT,
    lease_until TEXT,
    PRIMARY KEY (chat_id, kind, period)
);
INSERT INTO deliveries_new (chat_id, kind, period, due_at, status, message_id, updated_at, tries,
                            last_reason, resend)
    SELECT chat_id, kind, period, due_at, status, message_id, updated_at, tries, last_reason,
           resend FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_in_flight ON deliveries (lease_until) WHERE status IN ('claimed', 'sending');
