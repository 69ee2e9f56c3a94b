"""What the bot says when a goal turns out to be a habit, and a habit's SMART check."""

from __future__ import annotations

from datetime import date

from bot.domain import smart
from bot.domain.frequencies import HabitSpec, find_amount, find_frequency
from bot.domain.habits import HabitGoal, HabitStats, Per
from bot.domain.languages import Lang
from bot.domain.models import Goal
from bot.render.habits import amount_rule, habit_created, how_much, how_often
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc, with_unit


def _mark(ok: bool) -> str:
    return "✅" if ok else "⚠️"


def _suggested(value: float, unit: str, words: Words) -> str | None:
    """An amount the SMART tips suggest ("20 pages"), its unit in the chat's language, in
    the words its /did reads; None for a unit written the same everywhere (km)."""
    n = int(value)
    match unit:
        case "minutes":
            return words.ngettext("{n} minute", "{n} minutes", n)
        case "pages":
            return words.ngettext("{n} page", "{n} pages", n)
        case "words":
            return words.ngettext("{n} word", "{n} words", n)
        case "hours":
            return words.ngettext("{n} hour", "{n} hours", n)
        case "glasses":
            return words.ngettext("{n} glass", "{n} glasses", n)
    return None


def _how_much_said(english: str, words: Words) -> tuple[str, str]:
    """An amount to suggest ("at least 20 pages") as the chat's language says it, and the
    amount alone for /did ("20 pages")."""
    found = find_amount(english)
    if found is None:
        return english, english.removeprefix("at least ")
    amount = found.amount
    said = _suggested(amount.value, amount.unit, words) if words.lang is not Lang.EN else None
    if said is None:
        value = with_unit(amount.value, amount.unit, grouped=True, words=words)
        return amount_rule(amount, words), esc(value)
    return words.gettext("at least {amount}", amount=esc(said)), esc(said)


def check_of(habit: HabitGoal, today: date, lang: Lang = Lang.EN) -> smart.HabitCheck:
    """The habit's SMART check today (its words read in the chat's language and English)."""
    rules = habit.rules
    has_amount = rules.amount is not None
    return smart.check_habit(
        habit.title, rules.frequency.per_day, has_amount, rules.until, today, lang=lang
    )


def smart_line(check: smart.HabitCheck, words: Words = ENGLISH) -> str:
    """'SMART ✅ specific ✅ measurable ✅ achievable ✅ time-bound' (a habit has no /why)."""
    return words.gettext(
        "SMART {specific} specific {measurable} measurable {achievable} achievable "
        "{time_bound} time-bound",
        specific=_mark(check.specific),
        measurable=_mark(check.measurable),
        achievable=_mark(check.achievable),
        time_bound=_mark(check.time_bound),
    )


def smart_tips(habit: HabitGoal, check: smart.HabitCheck, words: Words = ENGLISH) -> list[str]:
    """One tip, with the command that does it, for each quality that does not hold."""
    n, title = habit.number, esc(habit.title)
    often = how_often(habit.rules.frequency, words)
    tips = []
    if not check.specific:
        tips.append(
            words.gettext(
                "Be specific: say what you'll do each time, e.g. “Walk 30 minutes” or "
                "“Read 20 pages”."
            )
        )
    if not check.measurable and check.how_much is not None:
        rule, amount = _how_much_said(check.how_much, words)
        tips.append(
            words.gettext(
                "Measure it: say how much each time, e.g. “{how_much}”: "
                "/habit {title} {often} {how_much} (then /done {number} stops this one). "
                "Or note it as you go: /did {number} {amount}",
                how_much=rule,
                title=title,
                often=often,
                number=n,
                amount=amount,
            )
        )
    if not check.achievable:
        if habit.rules.frequency.per_day > smart.MAX_TIMES_A_DAY:
            tips.append(
                words.gettext(
                    "Achievable? {often} is a lot to keep up. Start smaller and raise it later: "
                    "/habit {title} {smaller}",
                    often=often,
                    title=title,
                    smaller=_how_often_said(_SMALLER, words),
                )
            )
        else:
            tips.append(
                words.gettext(
                    "Achievable? That end is more than 5 years away: pick a nearer one and start "
                    "again from there."
                )
            )
    return tips


def checked(habit: HabitGoal, today: date, words: Words = ENGLISH) -> list[str]:
    """The SMART line and its tips, for a new habit's reply."""
    check = check_of(habit, today, words.lang)
    return [smart_line(check, words), *smart_tips(habit, check, words)]


# "counted each day": one sentence for each period, so a language can decline it.
_IS_A_HABIT = {
    Per.DAY: N_(
        "It says how often, so it's a habit, counted each day. Meant one goal to reach once? "
        "/done {number} stops this, then: /goal {title} by {when}"
    ),
    Per.WEEK: N_(
        "It says how often, so it's a habit, counted each week. Meant one goal to reach once? "
        "/done {number} stops this, then: /goal {title} by {when}"
    ),
    Per.MONTH: N_(
        "It says how often, so it's a habit, counted each month. Meant one goal to reach "
        "once? /done {number} stops this, then: /goal {title} by {when}"
    ),
}


def from_goal(
    habit: HabitGoal,
    stats: HabitStats,
    today: date,
    one_off: str,
    date_text: str | None,
    words: Words = ENGLISH,
) -> str:
    """The reply to a /goal whose title said how often: the habit it became, and how to set a
    goal reached once instead."""
    when = esc(date_text) if date_text else words.gettext("end of month")
    lines = [
        habit_created(habit, stats, today, words),
        *checked(habit, today, words),
        words.gettext(
            _IS_A_HABIT[habit.rules.frequency.per],
            number=habit.number,
            title=esc(one_off),
            when=when,
        ),
    ]
    return "\n".join(lines)


_INSTEAD = {
    Per.DAY: N_(
        "Counting it each day instead, with a streak? /habit {title} {rule} until {date} "
        "(then /abandon {number})"
    ),
    Per.WEEK: N_(
        "Counting it each week instead, with a streak? /habit {title} {rule} until {date} "
        "(then /abandon {number})"
    ),
    Per.MONTH: N_(
        "Counting it each month instead, with a streak? /habit {title} {rule} until {date} "
        "(then /abandon {number})"
    ),
}


def habit_instead(goal: Goal, habit: HabitSpec, words: Words = ENGLISH) -> str:
    """For a goal whose title says how often but whose target is a total: the habit it could be."""
    rule = how_often(habit.frequency, words) + how_much(habit.amount, words).replace(" · ", " ")
    return words.gettext(
        _INSTEAD[habit.frequency.per],
        title=esc(habit.title),
        rule=rule,
        date=goal.deadline.isoformat(),
        number=goal.number,
    )


def frequency_tip(goal: Goal, words: Words = ENGLISH) -> str | None:
    """A vague goal about something people repeat ("exercise more"): say how often, as a
    habit. None for other goals."""
    activity = smart.activity_of(goal.title, words.lang)
    if activity is None:
        return None
    title = esc(smart.without_vague_words(goal.title, lang=words.lang))
    return words.gettext(
        "Be specific: say how often, e.g. /habit {title} {how_often} until {date}. "
        "A habit counts each day or week, with a streak.",
        title=title,
        how_often=_how_often_said(activity.how_often, words),
        date=goal.deadline.isoformat(),
    )


# A start that can be kept up, for a habit asked too often.
_SMALLER = "3 times a day"


def _how_often_said(english: str, words: Words) -> str:
    """A frequency written in English words ("3 times a week") as the chat's language says
    it, in the words its /habit reads."""
    found = find_frequency(english)
    return how_often(found.frequency, words) if found is not None else english


def guided_habit(habit: HabitGoal, stats: HabitStats, today: date, words: Words = ENGLISH) -> str:
    """The guided /goal's last reply, when it set a habit."""
    return "\n".join([habit_created(habit, stats, today, words), *checked(habit, today, words)])
