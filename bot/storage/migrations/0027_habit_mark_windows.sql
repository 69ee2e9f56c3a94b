-- A mark keeps the credits of the strength's window ending on its day (see
-- domain/habit_standing.Mark), so a standing from it reads only the entries after that day
-- (reads_from is now the day after the mark). The marks kept so far lack them and go:
-- derived data, worked out again from each habit's whole log at its next reading.
DELETE FROM habit_marks;
ALTER TABLE habit_marks ADD COLUMN window_credits TEXT NOT NULL DEFAULT '';
