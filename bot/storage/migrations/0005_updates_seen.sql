-- Updates already handled, so one Telegram redelivers (same update_id) is handled once.
CREATE TABLE updates_seen (
    update_id INTEGER PRIMARY KEY,
    seen_at   TEXT    NOT NULL
);
CREATE INDEX updates_seen_by_time ON updates_seen (seen_at);
