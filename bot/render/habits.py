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
from bot.domain.grammar import words_of
from bot.domain.habits import Amount, Direction, Frequency, HabitGoal, HabitStats, Per
from bot.domain.languages import Lang
from bot.render.errors import explain
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import day, esc, name, with_unit

EXAMPLE = N_(
    "/habit Meditate 10 minutes every day  or  /habit Gym 3 times a week until end of march"
)


def periods(count: int, per: Per, words: Words = ENGLISH) -> str:
    """'1 day', '5 weeks', '2 months'."""
    if per is Per.DAY:
        return words.ngettext("{n} day", "{n} days", count)
    if per is Per.WEEK:
        return words.ngettext("{n} week", "{n} weeks", count)
    return words.ngettext("{n} month", "{n} months", count)


def _where(days: list[int], words: Words) -> str:
    if days == [0, 1, 2, 3, 4]:
        return words.gettext("on weekdays")
    if days == [5, 6]:
        return words.gettext("on weekends")
    if words.lang is Lang.EN:
        names = ", ".join(words.weekday(d) for d in days)
    else:  # "montags und donnerstags", "los lunes y jueves": as /habit reads them back
        every = words_of(words.lang).every_weekday
        names = words.listing([every[d] for d in days])
    return words.gettext("on {days}", days=names)


def how_often(frequency: Frequency, words: Words = ENGLISH) -> str:
    """'every day', '3 times a week', 'twice a month', 'on weekdays', 'on Mon, Wed, Fri'."""
    days = sorted(frequency.weekdays)
    times = frequency.times
    if frequency.per is Per.DAY and len(days) < 7:
        where = _where(days, words)
        if times == 1:
            return where
        if times == 2:
            return words.gettext("twice a day {where}", where=where)
        return words.ngettext("{n} time a day {where}", "{n} times a day {where}", times,
                              where=where)  # fmt: skip
    if frequency.per is Per.DAY:
        if times == 1:
            return words.gettext("every day")
        if times == 2:
            return words.gettext("twice a day")
        return words.ngettext("{n} time a day", "{n} times a day", times)
    if frequency.per is Per.WEEK:
        if times == 1:
            return words.gettext("every week")
        if times == 2:
            return words.gettext("twice a week")
        return words.ngettext("{n} time a week", "{n} times a week", times)
    if times == 1:
        return words.gettext("every month")
    if times == 2:
        return words.gettext("twice a month")
    return words.ngettext("{n} time a month", "{n} times a month", times)


def amount_rule(amount: Amount, words: Words = ENGLISH, escape: bool = True) -> str:
    """'at least 20 pages', 'at most 2 coffees'."""
    value = with_unit(amount.value, amount.unit, grouped=True, words=words)
    value = esc(value) if escape else value
    if amount.direction is Direction.AT_LEAST:
        return words.gettext("at least {amount}", amount=value)
    return words.gettext("at most {amount}", amount=value)


def how_much(amount: Amount | None, words: Words = ENGLISH) -> str:
    """' · at least 20 pages' (empty without an amount)."""
    if amount is None:
        return ""
    return f" · {amount_rule(amount, words)}"


def rule_text(habit: HabitGoal, words: Words = ENGLISH) -> str:
    """'3 times a week · at least 20 pages'."""
    return how_often(habit.rules.frequency, words) + how_much(habit.rules.amount, words)


def _streak(stats: HabitStats, words: Words) -> str:
    if stats.streak.current == 0:
        return words.gettext("no streak yet")
    return f"🔥 {periods(stats.streak.current, stats.per, words)}"


def count_done(done: float, asked: int, per: Per, words: Words = ENGLISH) -> str:
    """'3/4 this week', '1/1 today'."""
    values = {"done": words.number(round(done, 2)), "asked": asked}
    if per is Per.DAY:
        return words.gettext("{done}/{asked} today", **values)
    if per is Per.WEEK:
        return words.gettext("{done}/{asked} this week", **values)
    return words.gettext("{done}/{asked} this month", **values)


def _count_done(stats: HabitStats, words: Words) -> str:
    if stats.asked != 0:
        return count_done(stats.done, stats.asked, stats.per, words)
    done = words.number(round(stats.done, 2))
    if stats.per is Per.DAY:
        return words.gettext("{done} today (a day off)", done=done)
    if stats.per is Per.WEEK:
        return words.gettext("{done} this week (a day off)", done=done)
    return words.gettext("{done} this month (a day off)", done=done)


def _too_late(per: Per, words: Words) -> str:
    if per is Per.DAY:
        return words.gettext("Today can't be met any more; next one fresh.")
    if per is Per.WEEK:
        return words.gettext("This week can't be met any more; next one fresh.")
    return words.gettext("This month can't be met any more; next one fresh.")


def _still_to_do(per: Per, still: int, left: int, words: Words) -> str:
    if per is Per.DAY:
        return words.ngettext("{still} more today, {n} day left",
                              "{still} more today, {n} days left", left, still=still)  # fmt: skip
    if per is Per.WEEK:
        return words.ngettext("{still} more this week, {n} day left",
                              "{still} more this week, {n} days left", left, still=still)  # fmt: skip
    return words.ngettext("{still} more this month, {n} day left",
                          "{still} more this month, {n} days left", left, still=still)  # fmt: skip


def standing(stats: HabitStats, words: Words = ENGLISH) -> str:
    """'3/4 this week · 🔥 5 weeks · strength 42%', and what is left when it is tight."""
    line = words.gettext(
        "{count} · {streak} · strength {strength}%",
        count=_count_done(stats, words),
        streak=_streak(stats, words),
        strength=stats.strength,
    )
    safety = stats.safety
    if safety is not None and not safety.met:
        if safety.can_wait < 0:
            line += "\n" + _too_late(stats.per, words)
        else:
            line += "\n" + _still_to_do(stats.per, safety.still_to_do, safety.days_left, words)
    return line


def habit_line(
    habit: HabitGoal, stats: HabitStats, indent: str = "", words: Words = ENGLISH
) -> list[str]:
    """A habit in a listing: its number, title and rule, then how it stands."""
    return [
        f"{indent}🔁 #{habit.number} {esc(habit.title)} — {rule_text(habit, words)}",
        f"{indent}   {standing(stats, words)}".replace("\n", f"\n{indent}   "),
    ]


def habit_created(habit: HabitGoal, stats: HabitStats, today: date, words: Words = ENGLISH) -> str:
    """The reply to /habit."""
    values = {
        "n": habit.number,
        "name": name(habit.owner),
        "title": esc(habit.title),
        "rule": rule_text(habit, words),
    }
    until = habit.rules.until
    if until:
        head = words.gettext(
            "🔁 Habit #{n} for {name}: {title} — {rule}, until {day}.",
            day=day(until, today, words), **values,
        )  # fmt: skip
    else:
        head = words.gettext("🔁 Habit #{n} for {name}: {title} — {rule}, until you stop it.",
                             **values)  # fmt: skip
    return "\n".join([
        head,
        words.gettext("Each time you do it: /did {n}. Forgot yesterday? /did {n} yesterday.",
                      n=habit.number),
        words.gettext("Streak and strength show in /goals."),
    ])  # fmt: skip


def did(
    habit: HabitGoal,
    stats: HabitStats,
    on: date,
    today: date,
    amount: float | None = None,
    words: Words = ENGLISH,
) -> str:
    """The reply to /did: done, or (with an amount) logged short of the habit's amount, or
    over an at-most habit's limit."""
    is_today = on == today
    values: dict[str, object] = {"number": habit.number, "title": esc(habit.title)}
    rule = habit.rules.amount
    if amount is not None and rule is not None:
        values["amount"] = esc(with_unit(amount, rule.unit, grouped=True, words=words))
        values["limit"] = esc(with_unit(rule.value, rule.unit, grouped=True, words=words))
        daily_met = habit.rules.frequency.per is Per.DAY and is_today and stats.period_met
        if rule.direction is Direction.AT_LEAST and amount < rule.value and not daily_met:
            text = (
                words.gettext("📝 #{number} {title}: {amount} logged today, of {limit} each time.",
                              **values)
                if is_today
                else words.gettext(
                    "📝 #{number} {title}: {amount} logged yesterday, of {limit} each time.",
                    **values)
            )  # fmt: skip
            return f"{text}\n{standing(stats, words)}"
        over = habit.rules.frequency.per is Per.DAY and is_today and stats.done < 1
        if rule.direction is Direction.AT_MOST and over:
            text = words.gettext(
                "⚠️ #{number} {title}: {amount} logged today, over the {limit} limit.", **values
            )
            return f"{text}\n{standing(stats, words)}"
    text = (
        words.gettext("✅ #{number} {title}: done today.", **values)
        if is_today
        else words.gettext("✅ #{number} {title}: done yesterday.", **values)
    )
    return f"{text}\n{standing(stats, words)}"


def undone(
    habit: HabitGoal, stats: HabitStats, on: date, today: date, words: Words = ENGLISH
) -> str:
    """The reply to /undo on a habit."""
    values = {"number": habit.number, "title": esc(habit.title)}
    text = (
        words.gettext("↩️ Took back today's entry for #{number} {title}.", **values)
        if on == today
        else words.gettext("↩️ Took back yesterday's entry for #{number} {title}.", **values)
    )
    return f"{text}\n{standing(stats, words)}"


def stopped(habit: HabitGoal, stats: HabitStats, words: Words = ENGLISH) -> str:
    """The habit was stopped with /done (confirmed)."""
    return words.gettext(
        "⏹ Habit #{number} {title} is stopped. Best streak: {best}; strength at the end: "
        "{strength}%.",
        number=habit.number,
        title=esc(habit.title),
        best=periods(stats.streak.best, stats.per, words),
        strength=stats.strength,
    )


def with_habits(
    goal_text: str,
    habits: Sequence[tuple[HabitGoal, HabitStats]],
    any_goals: bool,
    words: Words = ENGLISH,
) -> str:
    """/goals: the goals as listed, then the habits, by member (only the habits, when there
    are habits and no goals)."""
    if not habits:
        return goal_text
    lines = [words.gettext("Habits")]
    owners = list(dict.fromkeys(h.owner.user_id for h, _ in habits))
    for owner_id in owners:
        own = [(h, s) for h, s in habits if h.owner.user_id == owner_id]
        if len(owners) > 1:
            lines.append(f"<b>{name(own[0][0].owner)}</b>")
        for habit, stats in own:
            lines += habit_line(habit, stats, "  " if len(owners) > 1 else "", words)
    section = "\n".join(lines)
    return f"{goal_text}\n\n{section}" if any_goals else section


def with_habits_everywhere(
    goal_text: str,
    habits: Sequence[tuple[HabitGoal, HabitStats]],
    titles: Mapping[int, str | None],
    here_id: int,
    any_goals: bool,
    words: Words = ENGLISH,
) -> str:
    """/goals in a private chat: the goals as listed, then the member's habits from every
    chat, grouped by chat (only the habits, when there are habits and no goals)."""
    if not habits:
        return goal_text
    lines = [words.gettext("Your habits everywhere")]
    for chat_id in dict.fromkeys(h.chat_id for h, _ in habits):
        title = words.gettext("Personal (this chat)") if chat_id == here_id else titles.get(chat_id)
        lines.append(f"<b>{esc(title or words.gettext('A group'))}</b>")
        for habit, stats in habits:
            if habit.chat_id == chat_id:
                lines += habit_line(habit, stats, "  ", words)
    if any(h.chat_id != here_id for h, _ in habits):
        lines.append(words.gettext("Group habits are logged in their group: /did there."))
    section = "\n".join(lines)
    return f"{goal_text}\n\n{section}" if any_goals else section


# Refusals take the chat's words when the refusal registry hands them over (English until then).


@explain.register
def _is_a_habit(error: IsAHabit, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "#{n} {title} is a habit, and /{command} is for goals. A habit is logged with /did {n}, "
        "taken back with /undo {n}, stopped with /done {n}.",
        n=error.number,
        title=esc(error.title),
        command=esc(command),
    )


@explain.register
def _unit_mismatch(
    error: HabitUnitMismatch, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Habit #{n} counts {unit}, and {typed} isn't {unit}: nothing logged. "
        "Log it in {unit}, e.g. /did {n} 5 {unit}",
        n=error.number,
        unit=esc(error.unit),
        typed=esc(error.typed),
    )


@explain.register
def _habit_already_set(
    error: HabitAlreadySet, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "You have this habit already: #{n} {title}. Log it with /did {n}; "
        "to change how often, stop it with /done {n} and set it again.",
        n=error.number,
        title=esc(error.title),
    )


@explain.register
def _not_a_habit(error: NotAHabit, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "#{n} is a goal, not a habit: log its progress with /progress {n} and the new value, "
        "or finish it with /done {n}.",
        n=error.number,
    )


@explain.register
def _habit_not_found(
    error: HabitNotFound, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "There's no habit #{n} in this chat. See yours with /goals, or set one: {example}",
        n=error.number,
        example=words.gettext(EXAMPLE),
    )


@explain.register
def _not_habit_owner(
    error: NotHabitOwner, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Habit #{n} is {owner}'s: only {owner} can log it. Set your own with /habit.",
        n=error.number,
        owner=esc(error.owner_name),
    )


@explain.register
def _habit_not_active(
    error: HabitNotActive, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Habit #{n} {title} has ended. Start it again with /habit.",
        n=error.number,
        title=esc(error.title),
    )


@explain.register
def _already_done(
    error: AlreadyDoneToday, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    values = {"n": error.number, "title": esc(error.title)}
    if error.times <= 1:
        if error.yesterday:
            return words.gettext(
                "#{n} {title} already counts in full for yesterday. Logged it by mistake? "
                "/undo {n}",
                **values,
            )
        return words.gettext(
            "#{n} {title} already counts in full for today. Logged it by mistake? /undo {n}",
            **values,
        )
    if error.yesterday:
        return words.gettext(
            "#{n} {title} already counts in full for yesterday ({times} times). "
            "Logged it by mistake? /undo {n}",
            times=error.times,
            **values,
        )
    return words.gettext(
        "#{n} {title} already counts in full for today ({times} times). "
        "Logged it by mistake? /undo {n}",
        times=error.times,
        **values,
    )


@explain.register
def _not_started(
    error: HabitNotStarted, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Habit #{n} wasn't running on that day, so there's nothing to log for it. "
        "Log today with /did {n}.",
        n=error.number,
    )


@explain.register
def _nothing_to_take_back(
    error: NothingToTakeBack, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext("Habit #{n} has no entry today or yesterday to take back.", n=error.number)


@explain.register
def _amount_two_ways(
    error: AmountReadsTwoWays, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    a, b = (words.number(r, grouped=True) for r in error.readings[:2])
    plain = f"{error.readings[1]:g}"
    return words.gettext(
        "{text} reads two ways: {a} or {b}. Write it without the separator, "
        "e.g. “at least {plain} steps”, or with a decimal point for {a}.",
        text=esc(error.text),
        a=a,
        b=b,
        plain=plain,
    )
