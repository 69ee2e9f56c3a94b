"""The SMART check: which of specific, measurable, achievable, relevant, time-bound hold."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.models import Goal

MAX_YEARS_AHEAD = 5

# Words that leave "what exactly?" open unless a number pins them down.
_VAGUE = re.compile(
    r"\b(improve|better|more|less|fit|fitter|healthier|happier|shape|stuff|things|"
    r"productive|somehow|work on|try|increase|reduce|decrease|grow|boost|lose|gain|"
    r"learn more|get good)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SmartCheck:
    """Which SMART qualities a goal has."""

    specific: bool
    measurable: bool
    achievable: bool
    relevant: bool
    time_bound: bool

    @property
    def all_hold(self) -> bool:
        """True when nothing needs a tip."""
        return all(
            (self.specific, self.measurable, self.achievable, self.relevant, self.time_bound)
        )


def is_specific(title: str, has_target: bool) -> bool:
    """A title says exactly what: at least two words, and no vague word left without a number."""
    words = title.split()
    if len(words) < 2:
        return False
    if any(ch.isdigit() for ch in title) or has_target:
        return True
    return _VAGUE.search(title) is None


def latest_achievable(today: date) -> date:
    """The furthest deadline that still counts as achievable."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def check(goal: Goal, today: date) -> SmartCheck:
    """Assess a goal as it stands today."""
    return SmartCheck(
        specific=is_specific(goal.title, goal.target is not None),
        measurable=goal.target is not None or bool(goal.milestones),
        achievable=goal.deadline <= latest_achievable(today),
        relevant=bool(goal.why),
        time_bound=True,  # a goal cannot exist without a deadline
    )
