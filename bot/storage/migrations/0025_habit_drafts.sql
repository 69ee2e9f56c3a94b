-- The guided /goal may set a habit: how often, as typed or pressed ("every day", "3 times a
-- week"), read again when the habit is created. NULL: the draft is for a goal reached once.
-- A habit's end date, when it has one, is kept in deadline.
ALTER TABLE goal_drafts ADD COLUMN frequency_text TEXT;
