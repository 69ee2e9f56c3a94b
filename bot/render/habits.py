"""What the bot says about habits: set, logged, taken back, stopped, and how each stands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bot.domain.errors import (
    AlreadyDoneToday,
    AmountReadsTwoWays,
    HabitAlreadySet,
    HabitNotActive,
    HabitNotFound,
    HabitNotStarted,
    HabitUnitMismatch,
    IsAHabit,
    NotAHabit,
    NotHabitOwner,
    NothingToTakeBack,
)
from bot.domain.habits import Amount, Direction, Frequency, HabitGoal, HabitStats, Per
from bot.domain.numbers import format_amount
from bot.render.errors import explain
from bot.render.text import day, esc, name, plural, with_unit

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_TIMES = {1: "once", 2: "twice"}
_PER_WORD = {Per.DAY: "day", Per.WEEK: "week", Per.MONTH: "month"}
_THIS = {Per.DAY: "today", Per.WEEK: "this week", Per.MONTH: "this month"}
EXAMPLE = "/habit Meditate 10 minutes every day  or  /habit Gym 3 times a week until end of march"


def how_often(frequency: Frequency) -> str:
    """'every day', '3 times a week', 'twice a month', 'on weekdays', 'on Mon, Wed, Fri'."""
    days = sorted(frequency.weekdays)
    if frequency.per is Per.DAY and len(days) < 7:
        if days == [0, 1, 2, 3, 4]:
            where = "on weekdays"
        elif days == [5, 6]:
            where = "on weekends"
        else:
            where = "on " + ", ".join(_DAY_NAMES[d] for d in days)
        return where if frequency.times == 1 else f"{_count(frequency.times)} a day {where}"
    if frequency.times == 1:
        return "every " + _PER_WORD[frequency.per]
    return f"{_count(frequency.times)} a {_PER_WORD[frequency.per]}"


def _count(times: int) -> str:
    return _TIMES.get(times, f"{times} times")


def how_much(amount: Amount | None) -> str:
    """' · at least 20 pages' (empty without an amount)."""
    if amount is None:
        return ""
    words = "at least" if amount.direction is Direction.AT_LEAST else "at most"
    return f" · {words} {esc(with_unit(amount.value, amount.unit, grouped=True))}"


def _streak(stats: HabitStats) -> str:
    if stats.streak.current == 0:
        return "no streak yet"
    return f"🔥 {plural(stats.streak.current, _PER_WORD[stats.per])}"


def _count_done(stats: HabitStats) -> str:
    done = format_amount(round(stats.done, 2))
    if stats.asked == 0:
        return f"{done} {_THIS[stats.per]} (a day off)"
    return f"{done}/{stats.asked} {_THIS[stats.per]}"


def standing(stats: HabitStats) -> str:
    """'3/4 this week · 🔥 5 weeks · strength 42%', and what is left when it is tight."""
    line = f"{_count_done(stats)} · {_streak(stats)} · strength {stats.strength}%"
    safety = stats.safety
    if safety is not None and not safety.met:
        if safety.can_wait < 0:
            line += f"\n{_THIS[stats.per].capitalize()} can't be met any more; next one fresh."
        else:
            line += (
                f"\n{safety.still_to_do} more {_THIS[stats.per]}, "
                f"{plural(safety.days_left, 'day')} left"
            )
    return line


def habit_line(habit: HabitGoal, stats: HabitStats, indent: str = "") -> list[str]:
    """A habit in a listing: its number, title and rule, then how it stands."""
    rule = how_often(habit.rules.frequency) + how_much(habit.rules.amount)
    return [
        f"{indent}🔁 #{habit.number} {esc(habit.title)} — {rule}",
        f"{indent}   {standing(stats)}".replace("\n", f"\n{indent}   "),
    ]


def habit_created(habit: HabitGoal, stats: HabitStats, today: date) -> str:
    """The reply to /habit."""
    rule = how_often(habit.rules.frequency) + how_much(habit.rules.amount)
    until = habit.rules.until
    end = f", until {day(until, today)}" if until else ", until you stop it"
    n = habit.number
    return (
        f"🔁 Habit #{n} for {name(habit.owner)}: {esc(habit.title)} — {rule}{end}.\n"
        f"Each time you do it: /did {n}. Forgot yesterday? /did {n} yesterday.\n"
        "Streak and strength show in /goals."
    )


def did(
    habit: HabitGoal, stats: HabitStats, on: date, today: date, amount: float | None = None
) -> str:
    """The reply to /did: done, or (with an amount) logged short of the habit's amount, or
    over an at-most habit's limit."""
    when = "today" if on == today else "yesterday"
    head = f"#{habit.number} {esc(habit.title)}"
    rule = habit.rules.amount
    if amount is not None and rule is not None:
        shown = esc(with_unit(amount, rule.unit, grouped=True))
        limit = esc(with_unit(rule.value, rule.unit, grouped=True))
        daily_met = habit.rules.frequency.per is Per.DAY and on == today and stats.period_met
        if rule.direction is Direction.AT_LEAST and amount < rule.value and not daily_met:
            return f"📝 {head}: {shown} logged {when}, of {limit} each time.\n{standing(stats)}"
        over = habit.rules.frequency.per is Per.DAY and on == today and stats.done < 1
        if rule.direction is Direction.AT_MOST and over:
            return f"⚠️ {head}: {shown} logged {when}, over the {limit} limit.\n{standing(stats)}"
    return f"✅ {head}: done {when}.\n{standing(stats)}"


def undone(habit: HabitGoal, stats: HabitStats, on: date, today: date) -> str:
    """The reply to /undo on a habit."""
    when = "today's" if on == today else "yesterday's"
    return f"↩️ Took back {when} entry for #{habit.number} {esc(habit.title)}.\n{standing(stats)}"


def stopped(habit: HabitGoal, stats: HabitStats) -> str:
    """The habit was stopped with /done (confirmed)."""
    best = plural(stats.streak.best, _PER_WORD[stats.per])
    return (
        f"⏹ Habit #{habit.number} {esc(habit.title)} is stopped. Best streak: {best}; "
        f"strength at the end: {stats.strength}%."
    )


def with_habits(
    goal_text: str, habits: Sequence[tuple[HabitGoal, HabitStats]], any_goals: bool
) -> str:
    """/goals: the goals as listed, then the habits, by member (only the habits, when there
    are habits and no goals)."""
    if not habits:
        return goal_text
    lines = ["Habits"]
    owners = list(dict.fromkeys(h.owner.user_id for h, _ in habits))
    for owner_id in owners:
        own = [(h, s) for h, s in habits if h.owner.user_id == owner_id]
        if len(owners) > 1:
            lines.append(f"<b>{name(own[0][0].owner)}</b>")
        for habit, stats in own:
            lines += habit_line(habit, stats, "  " if len(owners) > 1 else "")
    section = "\n".join(lines)
    return f"{goal_text}\n\n{section}" if any_goals else section


def with_habits_everywhere(
    goal_text: str,
    habits: Sequence[tuple[HabitGoal, HabitStats]],
    titles: Mapping[int, str | None],
    here_id: int,
    any_goals: bool,
) -> str:
    """/goals in a private chat: the goals as listed, then the member's habits from every
    chat, grouped by chat (only the habits, when there are habits and no goals)."""
    if not habits:
        return goal_text
    lines = ["Your habits everywhere"]
    for chat_id in dict.fromkeys(h.chat_id for h, _ in habits):
        title = "Personal (this chat)" if chat_id == here_id else titles.get(chat_id)
        lines.append(f"<b>{esc(title or 'A group')}</b>")
        for habit, stats in habits:
            if habit.chat_id == chat_id:
                lines += habit_line(habit, stats, "  ")
    if any(h.chat_id != here_id for h, _ in habits):
        lines.append("Group habits are logged in their group: /did there.")
    section = "\n".join(lines)
    return f"{goal_text}\n\n{section}" if any_goals else section


@explain.register
def _is_a_habit(error: IsAHabit, command: str, args: str = "") -> str:
    n = error.number
    return (
        f"#{n} {esc(error.title)} is a habit, and /{esc(command)} is for goals. A habit is "
        f"logged with /did {n}, taken back with /undo {n}, stopped with /done {n}."
    )


@explain.register
def _unit_mismatch(error: HabitUnitMismatch, command: str, args: str = "") -> str:
    n, unit = error.number, esc(error.unit)
    return (
        f"Habit #{n} counts {unit}, and {esc(error.typed)} isn't {unit}: nothing logged. "
        f"Log it in {unit}, e.g. /did {n} 5 {unit}"
    )


@explain.register
def _habit_already_set(error: HabitAlreadySet, command: str, args: str = "") -> str:
    n = error.number
    return (
        f"You have this habit already: #{n} {esc(error.title)}. Log it with /did {n}; "
        f"to change how often, stop it with /done {n} and set it again."
    )


@explain.register
def _not_a_habit(error: NotAHabit, command: str, args: str = "") -> str:
    n = error.number
    return (
        f"#{n} is a goal, not a habit: log its progress with /progress {n} and the new value, "
        f"or finish it with /done {n}."
    )


@explain.register
def _habit_not_found(error: HabitNotFound, command: str, args: str = "") -> str:
    return (
        f"There's no habit #{error.number} in this chat. See yours with /goals, "
        f"or set one: {EXAMPLE}"
    )


@explain.register
def _not_habit_owner(error: NotHabitOwner, command: str, args: str = "") -> str:
    owner = esc(error.owner_name)
    return f"Habit #{error.number} is {owner}'s: only {owner} can log it. Set your own with /habit."


@explain.register
def _habit_not_active(error: HabitNotActive, command: str, args: str = "") -> str:
    return f"Habit #{error.number} {esc(error.title)} has ended. Start it again with /habit."


@explain.register
def _already_done(error: AlreadyDoneToday, command: str, args: str = "") -> str:
    when = "yesterday" if error.yesterday else "today"
    times = "" if error.times <= 1 else f" ({error.times} times)"
    return (
        f"#{error.number} {esc(error.title)} already counts in full for {when}{times}. "
        f"Logged it by mistake? /undo {error.number}"
    )


@explain.register
def _not_started(error: HabitNotStarted, command: str, args: str = "") -> str:
    return (
        f"Habit #{error.number} wasn't running on that day, so there's nothing to log for it. "
        f"Log today with /did {error.number}."
    )


@explain.register
def _nothing_to_take_back(error: NothingToTakeBack, command: str, args: str = "") -> str:
    return f"Habit #{error.number} has no entry today or yesterday to take back."


@explain.register
def _amount_two_ways(error: AmountReadsTwoWays, command: str, args: str = "") -> str:
    a, b = (format_amount(r, grouped=True) for r in error.readings[:2])
    plain = f"{error.readings[1]:g}"
    return (
        f"{esc(error.text)} reads two ways: {a} or {b}. Write it without the separator, "
        f"e.g. “at least {plain} steps”, or with a decimal point for {a}."
    )
