"""The questions of the guided /goal."""

from __future__ import annotations

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.drafts import HOW_OFTEN_CHOICES, Kind
from bot.domain.languages import Lang
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc

ASK_TITLE = N_(
    "🎯 Let's set a goal, {name}. What do you want to reach? Say exactly what, "
    "e.g. “Read 12 books” or “Run 5 km without stopping”.\n(/cancel to stop)"
)
ASK_KIND = N_(
    "Once, or repeating? A goal you reach once (“Run a marathon”), or a habit you keep "
    "(“Run 3 times a week”)."
)
BAD_KIND = N_("Press a button, or answer once or repeating.")
ASK_HOW_OFTEN = N_("How often? Press one, or type your own.")
ASK_TYPE_HOW_OFTEN = N_(
    "How often? e.g. “4 times a week”, “mon, wed, fri”, “twice a month”, or with an amount: "
    "“every day at least 20 pages”."
)
ASK_UNTIL = N_(
    "Until when? e.g. end of march, in 3 months. Or skip to keep it going until you stop it."
)
NOT_YOURS = N_("This question is for the member who started it. Start your own with /goal.")
STALE = N_("That question is already answered.")
ASK_DEADLINE = N_("By when? e.g. 2027-04-30, in 3 months, end of year.")
ASK_TARGET = N_(
    "What number will show you're there? e.g. “12 books”, “42 km”, or “75 kg from 80 kg” "
    "for one that goes down. "
    "Answer skip if milestones fit better."
)
ASK_WHY = N_("Why does it matter to you? One sentence keeps you going when it gets hard. Or skip.")
CANCELLED = N_("Okay, no goal set. Start again any time with /goal.")
NOTHING_TO_CANCEL = N_("Nothing to cancel. Set a goal with /goal, or see /help.")
BAD_TARGET = N_(
    "I need a number, then an optional unit, like “12 books” (or “75 kg from 80 kg”). Or skip."
)

# What the input field shows for each question (answers in the chat's words).
TITLE_EXAMPLE = N_("Read 12 books")
DEADLINE_EXAMPLE = N_("end of year")
TARGET_EXAMPLE = N_("12 books")
HOW_OFTEN_EXAMPLE = N_("4 times a week")
SKIP = N_("skip")  # the chat's word for it, or English: both are read


def ask_title(first_name: str, words: Words = ENGLISH) -> str:
    """The first question."""
    return words.gettext(ASK_TITLE, name=esc(first_name))


def prompt(placeholder: str, words: Words = ENGLISH) -> ForceReply:
    """Answers arrive as replies: in groups the bot only sees replies to its own messages."""
    return ForceReply(selective=True, input_field_placeholder=words.gettext(placeholder))


_KIND_LABELS = {Kind.ONCE: N_("🎯 Once"), Kind.REPEATING: N_("🔁 Repeating")}
# The buttons' frequencies (bot.domain.drafts.HOW_OFTEN_CHOICES), as each language says them.
_HOW_OFTEN_LABELS = {
    "every day": N_("Every day"),
    "on weekdays": N_("On weekdays"),
    "3 times a week": N_("3 times a week"),
}
OTHER = N_("Other: type it")


def kind_keyboard(user_id: int, words: Words = ENGLISH) -> InlineKeyboardMarkup:
    """Once / Repeating, for the member the question asks."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(words.gettext(label), callback_data=callbacks.wizard(user_id, kind))
          for kind, label in _KIND_LABELS.items()]]
    )  # fmt: skip


def _how_often_label(choice: str, words: Words) -> str:
    label = _HOW_OFTEN_LABELS.get(choice)
    return words.gettext(label) if label else choice.capitalize()


def how_often_keyboard(user_id: int, words: Words = ENGLISH) -> InlineKeyboardMarkup:
    """Every day / On weekdays / 3 times a week / Other: type it."""
    rows = [
        [
            InlineKeyboardButton(
                _how_often_label(choice, words), callback_data=callbacks.wizard(user_id, n)
            )
        ]
        for n, choice in enumerate(HOW_OFTEN_CHOICES)
    ]
    rows.append(
        [InlineKeyboardButton(words.gettext(OTHER), callback_data=callbacks.wizard(user_id, None))]
    )
    return InlineKeyboardMarkup(rows)


def answered(question: str, answer: str) -> str:
    """A pressed question as it stays in the chat: the question, then the answer."""
    return f"{question}\n→ {esc(answer)}"


def pressed_label(answer: Kind | str | None, words: Words = ENGLISH) -> str:
    """What a press answered, in words."""
    if isinstance(answer, Kind):
        return words.gettext(_KIND_LABELS[answer])
    if answer is None:
        return words.gettext(OTHER)
    label = _HOW_OFTEN_LABELS.get(answer)
    return words.gettext(label).lower() if label and words.lang is not Lang.EN else answer
