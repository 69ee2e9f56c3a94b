-- Goals are numbered per chat and milestones per goal from a counter kept in the owning row,
-- advanced with UPDATE .. RETURNING in the transaction that inserts: correct with any number
-- of writers, on SQLite and on PostgreSQL alike. A number once given is never given again.
ALTER TABLE chats ADD COLUMN goals_numbered INTEGER NOT NULL DEFAULT 0;
UPDATE chats SET goals_numbered =
    (SELECT COALESCE(MAX(number), 0) FROM goals WHERE goals.chat_id = chats.chat_id);

ALTER TABLE goals ADD COLUMN milestones_numbered INTEGER NOT NULL DEFAULT 0;
UPDATE goals SET milestones_numbered =
    (SELECT COALESCE(MAX(number), 0) FROM milestones WHERE milestones.goal_id = goals.id);
