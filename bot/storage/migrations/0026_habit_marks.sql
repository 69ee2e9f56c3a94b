-- How each habit stood at the end of a day that can no longer change (see
-- domain/habit_standing.Mark): summaries of many chats then read and walk only the days since
-- (from reads_from, the first day the strength's window needs), not each habit's whole log.
-- Derived data: a missing or old mark only makes the next reading longer.
CREATE TABLE habit_marks (
    habit_id   INTEGER PRIMARY KEY REFERENCES habits (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    score      REAL    NOT NULL,
    run        INTEGER NOT NULL,
    best       INTEGER NOT NULL,
    reads_from TEXT    NOT NULL
);
