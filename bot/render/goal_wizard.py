"""The questions of the guided /goal."""

from __future__ import annotations

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.drafts import HOW_OFTEN_CHOICES, Kind
from bot.render.text import esc

ASK_TITLE = (
    "🎯 Let's set a goal, {name}. What do you want to reach? Say exactly what, "
    "e.g. “Read 12 books” or “Run 5 km without stopping”.\n(/cancel to stop)"
)
ASK_KIND = (
    "Once, or repeating? A goal you reach once (“Run a marathon”), or a habit you keep "
    "(“Run 3 times a week”)."
)
BAD_KIND = "Press a button, or answer once or repeating."
ASK_HOW_OFTEN = "How often? Press one, or type your own."
ASK_TYPE_HOW_OFTEN = (
    "How often? e.g. “4 times a week”, “mon, wed, fri”, “twice a month”, or with an amount: "
    "“every day at least 20 pages”."
)
ASK_UNTIL = (
    "Until when? e.g. end of march, in 3 months. Or skip to keep it going until you stop it."
)
NOT_YOURS = "This question is for the member who started it. Start your own with /goal."
STALE = "That question is already answered."
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


_KIND_LABELS = {Kind.ONCE: "🎯 Once", Kind.REPEATING: "🔁 Repeating"}


def kind_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """Once / Repeating, for the member the question asks."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=callbacks.wizard(user_id, kind))
          for kind, label in _KIND_LABELS.items()]]
    )  # fmt: skip


def how_often_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """Every day / On weekdays / 3 times a week / Other: type it."""
    rows = [
        [InlineKeyboardButton(words.capitalize(), callback_data=callbacks.wizard(user_id, n))]
        for n, words in enumerate(HOW_OFTEN_CHOICES)
    ]
    rows.append(
        [InlineKeyboardButton("Other: type it", callback_data=callbacks.wizard(user_id, None))]
    )
    return InlineKeyboardMarkup(rows)


def answered(question: str, answer: str) -> str:
    """A pressed question as it stays in the chat: the question, then the answer."""
    return f"{question}\n→ {esc(answer)}"


def pressed_label(answer: Kind | str | None) -> str:
    """What a press answered, in words."""
    if isinstance(answer, Kind):
        return _KIND_LABELS[answer]
    return answer if answer is not None else "Other: type it"
