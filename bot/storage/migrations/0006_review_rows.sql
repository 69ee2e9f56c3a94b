-- The goals a quarterly review message asks about, in order, noted at its first press: a goal
-- dropped or achieved since loses its buttons, and its row must not vanish from the message.
-- chat_id is the chat the message was sent in, on purpose not following a chat that moves to
-- a new id (message ids start again there); rows go with their goal.
CREATE TABLE review_rows (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id, position)
);
CREATE INDEX review_rows_by_goal ON review_rows (goal_id);
