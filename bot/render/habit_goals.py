"""What the bot says when a goal turns out to be a habit, and a habit's SMART check."""

from __future__ import annotations

from datetime import date

from bot.domain import smart
from bot.domain.frequencies import HabitSpec
from bot.domain.habits import HabitGoal, HabitStats
from bot.domain.models import Goal
from bot.render.habits import habit_created, how_much, how_often
from bot.render.text import esc


def _mark(ok: bool) -> str:
    return "✅" if ok else "⚠️"


def check_of(habit: HabitGoal, today: date) -> smart.HabitCheck:
    """The habit's SMART check today."""
    rules = habit.rules
    has_amount = rules.amount is not None
    return smart.check_habit(habit.title, rules.frequency.per_day, has_amount, rules.until, today)


def smart_line(check: smart.HabitCheck) -> str:
    """'SMART ✅ specific ✅ measurable ✅ achievable ✅ time-bound' (a habit has no /why)."""
    return (
        f"SMART {_mark(check.specific)} specific {_mark(check.measurable)} measurable "
        f"{_mark(check.achievable)} achievable {_mark(check.time_bound)} time-bound"
    )


def smart_tips(habit: HabitGoal, check: smart.HabitCheck) -> list[str]:
    """One tip, with the command that does it, for each quality that does not hold."""
    n, title = habit.number, esc(habit.title)
    often = how_often(habit.rules.frequency)
    tips = []
    if not check.specific:
        tips.append(
            "Be specific: say what you'll do each time, e.g. “Walk 30 minutes” or “Read 20 pages”."
        )
    if not check.measurable and check.how_much is not None:
        tips.append(
            f"Measure it: say how much each time, e.g. “{check.how_much}”: "
            f"/habit {title} {often} {check.how_much} (then /done {n} stops this one). "
            f"Or note it as you go: /did {n} {check.how_much.removeprefix('at least ')}"
        )
    if not check.achievable:
        if habit.rules.frequency.per_day > smart.MAX_TIMES_A_DAY:
            tips.append(
                f"Achievable? {often} is a lot to keep up. Start smaller and raise it later: "
                f"/habit {title} 3 times a day"
            )
        else:
            tips.append(
                "Achievable? That end is more than 5 years away: pick a nearer one and start "
                "again from there."
            )
    return tips


def checked(habit: HabitGoal, today: date) -> list[str]:
    """The SMART line and its tips, for a new habit's reply."""
    check = check_of(habit, today)
    return [smart_line(check), *smart_tips(habit, check)]


def from_goal(
    habit: HabitGoal, stats: HabitStats, today: date, one_off: str, date_text: str | None
) -> str:
    """The reply to a /goal whose title said how often: the habit it became, and how to set a
    goal reached once instead."""
    when = esc(date_text) if date_text else "end of month"
    lines = [
        habit_created(habit, stats, today),
        *checked(habit, today),
        f"It says how often, so it's a habit, counted each {_period(habit)}. Meant one goal "
        f"to reach once? /done {habit.number} stops this, then: /goal {esc(one_off)} by {when}",
    ]
    return "\n".join(lines)


def _period(habit: HabitGoal) -> str:
    return habit.rules.frequency.per.value


def habit_instead(goal: Goal, habit: HabitSpec) -> str:
    """For a goal whose title says how often but whose target is a total: the habit it could be."""
    rule = how_often(habit.frequency) + how_much(habit.amount).replace(" · ", " ")
    return (
        f"Counting it each {habit.frequency.per.value} instead, with a streak? "
        f"/habit {esc(habit.title)} {rule} until {goal.deadline.isoformat()} "
        f"(then /abandon {goal.number})"
    )


def frequency_tip(goal: Goal) -> str | None:
    """A vague goal about something people repeat ("exercise more"): say how often, as a
    habit. None for other goals."""
    activity = smart.activity_of(goal.title)
    if activity is None:
        return None
    title = esc(smart.without_vague_words(goal.title))
    return (
        f"Be specific: say how often, e.g. /habit {title} {activity.how_often} until "
        f"{goal.deadline.isoformat()}. A habit counts each day or week, with a streak."
    )


def guided_habit(habit: HabitGoal, stats: HabitStats, today: date) -> str:
    """The guided /goal's last reply, when it set a habit."""
    return "\n".join([habit_created(habit, stats, today), *checked(habit, today)])
