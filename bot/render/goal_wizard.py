"""The questions of the guided /goal."""

from __future__ import annotations

from telegram import ForceReply

from bot.render.text import esc

ASK_TITLE = (
    "🎯 Let's set a goal, {name}. What do you want to reach? Say exactly what, "
    "e.g. “Read 12 books” or “Run 5 km without stopping”.\n(/cancel to stop)"
)
ASK_DEADLINE = "By when? e.g. 2027-04-30, in 3 months, end of year."
ASK_TARGET = (
    "What number will show you're there? e.g. “12 books”, “42 km”, or “75 kg from 80 kg” "
    "for one that goes down. "
    "Answer skip if milestones fit better."
)
ASK_WHY = "Why does it matter to you? One sentence keeps you going when it gets hard. Or skip."
CANCELLED = "Okay, no goal set. Start again any time with /goal."
NOTHING_TO_CANCEL = "Nothing to cancel. Set a goal with /goal, or see /help."
BAD_TARGET = (
    "I need a number, then an optional unit, like “12 books” (or “75 kg from 80 kg”). Or skip."
)


def ask_title(first_name: str) -> str:
    """The first question."""
    return ASK_TITLE.format(name=esc(first_name))


def prompt(placeholder: str) -> ForceReply:
    """Answers arrive as replies: in groups the bot only sees replies to its own messages."""
    return ForceReply(selective=True, input_field_placeholder=placeholder)
