-- Where in a forum supergroup each kind of scheduled post goes (/schedule here): the topic's
-- message_thread_id, and its name when the bot saw it (for /schedule to show). NULL: General,
-- which is also where every chat without topics posts. A topic that is closed or deleted
-- sets its kinds back to NULL at the first post it refuses.
ALTER TABLE schedules ADD COLUMN topic_id INTEGER;
ALTER TABLE schedules ADD COLUMN topic_name TEXT;
