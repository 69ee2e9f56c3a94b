-- Updates Telegram delivered that a stop left unhandled (they had not started when it came).
-- The next start takes them out and handles them first, before anything new; updates_seen
-- then keeps each from being handled twice. Empty while the bot runs.
CREATE TABLE updates_held (
    update_id INTEGER PRIMARY KEY,
    body      TEXT    NOT NULL,  -- the update as Telegram sent it (JSON)
    held_at   TEXT    NOT NULL
);
