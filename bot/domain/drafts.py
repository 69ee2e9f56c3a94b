"""The guided /goal: the questions in order, and the answers given so far."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    """The question a draft waits on."""

    TITLE = "title"
    KIND = "kind"  # once, or repeating?
    DEADLINE = "deadline"
    TARGET = "target"
    WHY = "why"
    HOW_OFTEN = "how_often"  # a habit: every day, on weekdays, 3 times a week, or typed
    UNTIL = "until"  # a habit's end date, or none


class Kind(StrEnum):
    """The answer to "once, or repeating?"."""

    ONCE = "once"
    REPEATING = "repeating"


# The how-often buttons, in the words find_frequency reads.
HOW_OFTEN_CHOICES = ("every day", "on weekdays", "3 times a week")

_ONCE_WORDS = {"once", "one", "one-off", "one off", "once only", "just once", "goal", "🎯 once"}
_REPEATING_WORDS = {"repeating", "repeat", "repeated", "recurring", "habit", "regularly",
                    "🔁 repeating"}  # fmt: skip


def read_kind(text: str) -> Kind | None:
    """A typed answer to "once, or repeating?" (None: neither)."""
    said = " ".join(text.lower().split()).strip(".!")
    if said in _ONCE_WORDS:
        return Kind.ONCE
    if said in _REPEATING_WORDS:
        return Kind.REPEATING
    return None


@dataclass(frozen=True)
class GoalDraft:
    """A goal or habit being set up step by step; the target as typed (None: skipped), and for
    a habit how often as typed (None: a goal reached once). A habit's end is kept in
    `deadline` (empty: until stopped)."""

    step: Step = Step.TITLE
    title: str = ""
    deadline: str = ""
    target_text: str | None = None
    frequency_text: str | None = None
