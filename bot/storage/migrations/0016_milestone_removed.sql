-- A milestone its owner removed (/delete): kept, so its number is never given again, the
-- journal can say so and its calendar event goes out cancelled; nothing else counts it.
ALTER TABLE milestones ADD COLUMN removed_at TEXT;
