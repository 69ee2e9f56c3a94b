-- A member's own time zone, set with /timezone in their private chat with the bot and used
-- for them in every chat (the dates they type, their days and habits). NULL: each chat's.
ALTER TABLE members ADD COLUMN timezone TEXT;
