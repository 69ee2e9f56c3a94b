"""The guided /goal: the questions in order, and the answers given so far."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    """The question a draft waits on."""

    TITLE = "title"
    DEADLINE = "deadline"
    TARGET = "target"
    WHY = "why"


@dataclass(frozen=True)
class GoalDraft:
    """A goal being set up step by step; the target as typed (None: skipped)."""

    step: Step = Step.TITLE
    title: str = ""
    deadline: str = ""
    target_text: str | None = None
