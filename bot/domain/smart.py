"""The SMART check: which of specific, measurable, achievable, relevant, time-bound hold."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from bot.domain.grammar import grammar
from bot.domain.languages import Lang
from bot.domain.models import Goal

MAX_YEARS_AHEAD = 5


@functools.cache
def _vague(lang: Lang) -> re.Pattern[str]:
    """Words that leave "what exactly?" open unless a number pins them down, in the chat's
    language and English."""
    words = "|".join(sorted(grammar(lang).words.vague, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


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


def is_specific(title: str, has_target: bool, *, lang: Lang = Lang.EN) -> bool:
    """A title says exactly what: a number pins it down (in it, or as its target; one word
    then does, as German's 'Abnehmen' says 'lose weight'), or at least two words and no vague
    word."""
    if any(ch.isdigit() for ch in title) or has_target:
        return bool(title.split())
    return len(title.split()) >= 2 and _vague(lang).search(title) is None


def latest_achievable(today: date) -> date:
    """The furthest deadline that still counts as achievable."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def check(goal: Goal, today: date, *, lang: Lang = Lang.EN) -> SmartCheck:
    """Assess a goal as it stands today."""
    return SmartCheck(
        specific=is_specific(goal.title, goal.target is not None, lang=lang),
        measurable=goal.target is not None or bool(goal.milestones),
        achievable=goal.deadline <= latest_achievable(today),
        relevant=bool(goal.why),
        time_bound=True,  # a goal cannot exist without a deadline
    )


# -- habits ----------------------------------------------------------------------------------

# Most habits a day could not fit: more than this many times a day is not achievable.
MAX_TIMES_A_DAY = 12.0


@dataclass(frozen=True)
class Activity:
    """Something people do again and again: how often a habit of it is usually kept, and the
    amount that pins one time down (None: it is done or not, like the gym or flossing)."""

    how_often: str
    how_much: str | None


# What people repeat, named in English, with how often a habit of it is usually kept and the
# amount that pins one time down; each language names them in its grammar's `activities`.
_ACTIVITIES: dict[str, tuple[str, Activity]] = {
    name: (words, Activity(often, much))
    for name, words, often, much in (
        ("meditate", r"meditat\w*|mindfulness", "every day", "at least 10 minutes"),
        ("read", r"read|reading", "every day", "at least 20 pages"),
        ("run", r"run|running|jog|jogging", "3 times a week", "at least 5 km"),
        ("walk", r"walk|walking|steps", "every day", "at least 30 minutes"),
        ("write", r"write|writing|journal\w*", "every day", "at least 300 words"),
        ("study", r"study|studying|practi[cs]e\w*|learn\w*|piano|guitar|duolingo", "every day",
         "at least 20 minutes"),
        ("exercise", r"exercis\w*|work\s?out\w*|training|yoga|stretch\w*|swim\w*|cycl\w*",
         "3 times a week", "at least 30 minutes"),
        ("gym", r"gym|floss\w*|vitamins?", "3 times a week", None),
        ("sleep", r"sleep\w*", "every day", "at least 7 hours"),
        ("water", r"drink\w*\s+(?:more\s+)?water", "every day", "at least 8 glasses"),
    )
}  # fmt: skip


@functools.cache
def _activity_patterns(lang: Lang) -> tuple[tuple[re.Pattern[str], Activity], ...]:
    """The activities' patterns in English and, first, in the chat's language."""
    named = grammar(lang).words.activities if lang is not Lang.EN else {}
    found = [
        (re.compile(rf"(?<!\w)(?:{named[name]})(?!\w)", re.IGNORECASE), activity)
        for name, (_, activity) in _ACTIVITIES.items()
        if name in named
    ]
    found += [
        (re.compile(rf"\b(?:{english})\b", re.IGNORECASE), activity)
        for english, activity in _ACTIVITIES.values()
    ]
    return tuple(found)


def activity_of(title: str, lang: Lang = Lang.EN) -> Activity | None:
    """The repeated activity a title names, in the chat's language or English, if it names
    one."""
    return next((a for pattern, a in _activity_patterns(lang) if pattern.search(title)), None)


def without_vague_words(title: str, *, lang: Lang = Lang.EN) -> str:
    """'exercise more' -> 'Exercise': the title as a habit's, the vague words taken out."""
    cleaned = " ".join(_vague(lang).sub(" ", title).split()) or title
    return cleaned[:1].upper() + cleaned[1:]


@dataclass(frozen=True)
class HabitCheck:
    """Which SMART qualities a habit has. Time-bound always holds: each day, week or month is
    a deadline of its own. `how_much` is the amount to suggest when it is not measurable."""

    specific: bool
    measurable: bool
    achievable: bool
    how_much: str | None = None
    time_bound: bool = True

    @property
    def all_hold(self) -> bool:
        """True when nothing needs a tip."""
        return self.specific and self.measurable and self.achievable


def check_habit(
    title: str,
    per_day: float,
    has_amount: bool,
    until: date | None,
    today: date,
    *,
    lang: Lang = Lang.EN,
) -> HabitCheck:
    """Assess a habit: what it is (a known activity counts, even in one word), how much each
    time where an amount fits ("Meditate every day": how long?), and whether it can be kept."""
    activity = activity_of(title, lang)
    counted = has_amount or any(ch.isdigit() for ch in title)
    vague = _vague(lang).search(title) is not None and not counted
    specific = not vague and (counted or len(title.split()) >= 2 or activity is not None)
    fits = activity.how_much if activity is not None else None
    measurable = counted or fits is None
    achievable = per_day <= MAX_TIMES_A_DAY and (until is None or until <= latest_achievable(today))
    return HabitCheck(specific, measurable, achievable, None if measurable else fits)
