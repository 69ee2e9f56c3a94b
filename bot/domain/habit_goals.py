"""A one-line /goal read both ways: a goal reached once, and a habit when its title says how
often ("Meditate 10 minutes every day this quarter", "Gym 3 times a week").

The reading only gathers the facts; services/habit_goals.py decides which one to set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.commands import GoalSpec, TargetSpec, check_title, parse_goal, parse_target
from bot.domain.errors import AmountReadsTwoWays, Usage, UsageProblem
from bot.domain.frequencies import HabitSpec, find_amount, find_frequency
from bot.domain.grammar import grammar
from bot.domain.habits import Amount, Direction
from bot.domain.languages import Lang
from bot.domain.numbers import read_amount, same_unit

# "20 pages", "10 minutes", "$500": a number in a title, with the word after it.
_QUANTITY = re.compile(r"(?<![\w.,])(?P<value>\d[\d.,]*)\s*(?P<unit>[^\W\d_]{1,20})?")


@dataclass(frozen=True)
class GoalLine:
    """What a one-line /goal can be: a goal (None: it has no date), a habit (None: its title
    says no frequency), and how a target relates to the habit."""

    goal: GoalSpec | None
    habit: HabitSpec | None
    # The target names a total ("20 pages a day target 600 pages"), not each time's amount.
    total_target: bool = False

    @property
    def date_text(self) -> str | None:
        """The date as typed: the goal's deadline, or the habit's end."""
        if self.goal is not None:
            return self.goal.date_text
        return self.habit.until_text if self.habit is not None else None


def _title_quantities(title: str, lang: Lang) -> list[tuple[tuple[float, ...], str]]:
    found = []
    for match in _QUANTITY.finditer(title):
        readings = read_amount(match["value"].rstrip(".,"), lang=lang)
        if readings:
            found.append((readings, (match["unit"] or "").lower()))
    return found


def _each_time(target: TargetSpec, title: str, lang: Lang) -> bool:
    """True when the target is what the title already asks for each time ("Read 20 pages a
    day target 20 pages"), so it is the habit's amount rather than a total."""
    for readings, unit in _title_quantities(title, lang):
        if target.value in readings and (
            not target.unit or not unit or same_unit(unit, target.unit)
        ):
            return True
    return False


def _amount_of(target: TargetSpec, title: str, lang: Lang) -> Amount:
    """The target as each time's at-least amount, in the title's unit when it gives none."""
    if target.ambiguous:
        raise AmountReadsTwoWays(f"{target.value:g}", tuple(t.value for t in target.readings))
    unit = target.unit
    if not unit:
        unit = next((u for r, u in _title_quantities(title, lang) if target.value in r), "")
    return Amount(Direction.AT_LEAST, target.value, unit)


def _habit(
    title: str, date_text: str | None, target: TargetSpec | None, dated: bool, lang: Lang
) -> tuple[HabitSpec, bool] | None:
    """The habit a title says, if it says how often; and whether the target is a total: one
    that is not the title's own number, and with a date (a goal's "target"), any other."""
    found = find_frequency(title, lang=lang)
    if found is None:
        return None
    amount = find_amount(found.rest, lang=lang)
    rest = amount.rest if amount is not None else found.rest
    each = amount.amount if amount is not None else None
    total = False
    if target is not None and each is None:
        if _each_time(target, rest, lang) or not (dated or _title_quantities(rest, lang)):
            each = _amount_of(target, rest, lang)
        else:
            total = True
    return HabitSpec(check_title(rest), found.frequency, each, date_text), total


def _target(spec: GoalSpec) -> TargetSpec | None:
    if spec.target is None:
        return None
    readings = tuple(TargetSpec(t.value, t.unit, t.baseline) for t in spec.target_readings)
    return TargetSpec(spec.target, spec.unit, spec.baseline, readings)


def read_goal_line(text: str, *, lang: Lang = Lang.EN) -> GoalLine:
    """Read /goal's words both ways. A title that says how often may go without a date (the
    habit runs until stopped) or end with "until <date>"; without either reading, the goal's
    refusal stands."""
    text = " ".join(text.split())
    try:
        goal = parse_goal(text, lang=lang)
    except Usage as error:
        if error.problem is not UsageProblem.NO_DEADLINE:
            raise
        return _undated(text, error, lang)
    read = _habit(goal.title, goal.date_text, _target(goal), dated=True, lang=lang)
    if read is None:
        if find_frequency(goal.date_text, lang=lang) is not None:
            # "Leer para dormir todos los días", "Sleep by 23:00 every day": the word taken
            # for "by" belongs to the title, and how often follows it.
            try:
                return _undated(text, Usage(UsageProblem.NO_DEADLINE), lang)
            except Usage as error:
                if error.problem is not UsageProblem.NO_DEADLINE:
                    raise
        return GoalLine(goal, None)
    habit, total = read
    return GoalLine(goal, habit, total)


def _undated(text: str, problem: Usage, lang: Lang) -> GoalLine:
    """A /goal with no "by": a habit (until stopped, or until a date), or the refusal."""
    reading = grammar(lang)
    until = None
    parts = reading.until.split(" " + text, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        text, until = parts[0].strip(), parts[1].strip()
    target = None
    found = reading.target.search(" " + (until if until is not None else text))
    if found is not None:
        if until is not None:
            until = (" " + until)[: found.start()].strip() or None
        else:
            text = (" " + text)[: found.start()].strip()
        target = parse_target(found["rest"] or "", lang=lang)
    read = _habit(text, until, target, dated=False, lang=lang)
    if read is None:
        raise problem
    habit, total = read
    if total:  # a total to reach needs a date: that is a goal without one
        raise problem
    return GoalLine(None, habit)
