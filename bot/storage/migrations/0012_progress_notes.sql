-- What a member wrote after a progress value ("/progress 1 78,5 after christmas"): a note
-- kept with the entry, shown in /journal and the export.
ALTER TABLE progress_log ADD COLUMN note TEXT;
