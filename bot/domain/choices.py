"""Questions the bot asks with buttons instead of guessing, and what a press means.

Never silently wrong: a number that reads two ways for a goal ('79,250 kg': 79.25 or 79,250),
or a value that cannot be right (past the target in one step, or away from it by more than
the distance left), is asked about. Nothing is recorded until the member who wrote it picks
one of the options; the last button is always "neither".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from bot.domain.commands import GoalSpec, ProgressSpec, TargetSpec
from bot.domain.errors import UserError
from bot.domain.frequencies import DidSpec
from bot.domain.models import Goal
from bot.domain.numbers import plausible

TINY = 500  # a reading that moves a goal by less than 1/TINY of its whole way is implausible


class Asked(StrEnum):
    """Which command a question holds back."""

    PROGRESS = "progress"
    TARGET = "target"
    GOAL = "goal"
    DID = "did"  # /did with an amount that reads two ways
    STOP_HABIT = "stop_habit"  # /done on a habit: stopping it is confirmed first


class Doubt(StrEnum):
    """Why the bot asks."""

    READS_TWO_WAYS = "reads_two_ways"  # '1.500 €': 1.5 or 1,500
    PAST_TARGET = "past_target"  # past the whole remaining way in one step
    WRONG_WAY = "wrong_way"  # away from the target by more than the distance left
    NO_SUCH_GOAL = "no_such_goal"  # '/progress 78' with one goal: a value, not goal #78
    STOPS_HABIT = "stops_habit"  # /done on a habit ends it for good: sure?


@dataclass(frozen=True)
class TargetChange:
    """/target on an existing goal."""

    goal_number: int
    target: TargetSpec


@dataclass(frozen=True)
class HabitStop:
    """Stop habit #number (its /done, confirmed)."""

    number: int
    title: str


Option = ProgressSpec | TargetChange | GoalSpec | DidSpec | HabitStop


@dataclass
class Question(UserError):
    """Nothing recorded yet: the member picks one of `options`, or neither."""

    asked: Asked
    doubt: Doubt
    options: tuple[Option, ...]
    unit: str = ""
    goal: Goal | None = None  # the goal a progress question is about
    value: float | None = None  # the value that would be recorded (progress doubts)
    typed: str = ""  # what the member wrote, when the question quotes it


def did_reading(spec: DidSpec, readings: tuple[float, ...], unit: str) -> Question:
    """/did with an amount that reads two ways: one option per reading."""
    options = tuple(replace(spec, readings=(r,)) for r in readings)
    return Question(Asked.DID, Doubt.READS_TWO_WAYS, options, unit)


def stop_habit(number: int, title: str) -> Question:
    """/done on a habit: stop it (the one option), or keep it."""
    return Question(Asked.STOP_HABIT, Doubt.STOPS_HABIT, (HabitStop(number, title),))


def progress_reading(spec: ProgressSpec, goal: Goal) -> ProgressSpec:
    """The one reading of a progress value that fits the goal, or a Question."""
    candidates = spec.readings()
    if len(candidates) == 1:
        return spec
    values = [goal.current + c.amount if c.relative else c.amount for c in candidates]
    known = (goal.start_value, goal.current, goal.target or 0.0)
    fitting = plausible(tuple(values), known)
    # '+$2,500' toward $10,000: a step of $2.50 is not what a founder logs, nor 10 steps of
    # 10,000. A reading less than a 500th of the goal's whole way (an amount added, or a value
    # counted from the start) gives way to one that is more.
    whole = abs((goal.target or 0.0) - goal.start_value)

    def size(spec: ProgressSpec) -> float:
        return abs(spec.amount if spec.relative else spec.amount - goal.start_value)

    chosen = tuple(c for c, v in zip(candidates, values, strict=True) if v in fitting)
    meaningful = tuple(c for c in chosen if size(c) >= whole / TINY)
    if meaningful:
        chosen = meaningful
    if len(chosen) == 1:
        return chosen[0]
    options = tuple(replace(c, unit=c.unit or goal.unit) for c in chosen)
    raise Question(Asked.PROGRESS, Doubt.READS_TWO_WAYS, options, goal.unit, goal)


def progress_doubt(goal: Goal, value: float) -> Doubt | None:
    """Why a new value cannot simply be recorded, if it cannot: a jump past the target (a
    step longer than the goal's whole way, or beyond the target by more than was left), or a
    step away from the target by more than the distance left."""
    if goal.target is None:
        return None
    previous = goal.current
    left = abs(goal.target - previous)
    past = goal.reaches_target(value) and not goal.reaches_target(previous)
    if past and value != goal.target:
        whole = abs(goal.target - goal.start_value)
        if abs(value - previous) > whole or abs(value - goal.target) > left:
            return Doubt.PAST_TARGET
    toward = -1 if goal.goes_down else 1
    if goal.reaches_target(previous):
        return None  # at or past the target already: a correction, not a step the wrong way
    if (value - previous) * toward < 0 and abs(value - previous) > left:
        return Doubt.WRONG_WAY
    return None


def target_reading(target: TargetSpec, goal: Goal) -> TargetSpec:
    """The one reading of a new target that fits what the goal already knows (where it
    starts and stands), or a Question; with nothing known, it is asked about."""
    if not target.ambiguous:
        return target
    known = tuple(v for v in (goal.baseline, goal.current) if v)
    values = tuple(t.value for t in target.readings)
    fitting = plausible(values, known)
    chosen = tuple(t for t in target.readings if t.value in fitting)
    if len(chosen) == 1:
        return chosen[0]
    options = tuple(TargetChange(goal.number, t) for t in chosen)
    raise Question(Asked.TARGET, Doubt.READS_TWO_WAYS, options, target.unit, goal)


def goal_question(spec: GoalSpec) -> Question | None:
    """A new goal whose target reads two ways: the question to ask, else None."""
    readings = spec.readings()
    if len(readings) == 1:
        return None
    return Question(Asked.GOAL, Doubt.READS_TWO_WAYS, readings, spec.unit)
