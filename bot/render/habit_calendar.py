"""A habit in a calendar file: one recurring event at the habit prompt time (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.domain.calendar_events import habit_revision
from bot.domain.habits import ALL_DAYS, Habit, HabitGoal, Per, period_of
from bot.render.habits import amount_rule, how_often
from bot.render.i18n import ENGLISH, Words

if TYPE_CHECKING:
    from icalendar import Event

HABIT_EVENT_LENGTH = timedelta(minutes=15)
# A monthly habit begun on the 29th to 31st repeats on each month's last day: a rule on the
# 31st would skip the shorter months.
LAST_SAFE_MONTH_DAY = 28
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _first_occurrence(rules: Habit) -> date:
    """The day a habit's event first happens, in step with its rule: a weekday habit's first
    day that is one of its days; a monthly one begun after the 28th, that month's last day."""
    starts = rules.starts
    if rules.frequency.per is Per.DAY:
        return next(
            starts + timedelta(days=n)
            for n in range(7)
            if rules.frequency.is_due(starts + timedelta(days=n))
        )
    if rules.frequency.per is Per.MONTH and starts.day > LAST_SAFE_MONTH_DAY:
        return period_of(Per.MONTH, starts).last
    return starts


def _rule(rules: Habit, first: date) -> dict[str, Any]:
    """FREQ=DAILY; WEEKLY with BYDAY for a weekday habit; WEEKLY or MONTHLY on the first
    day's weekday or day of the month for one done so many times a week or a month (the
    times are in the description)."""
    frequency = rules.frequency
    if frequency.per is Per.DAY:
        if frequency.weekdays == ALL_DAYS:
            return {"freq": "daily"}
        return {"freq": "weekly", "byday": [_BYDAY[d] for d in sorted(frequency.weekdays)]}
    if frequency.per is Per.WEEK:
        return {"freq": "weekly"}
    if first.day > LAST_SAFE_MONTH_DAY:
        return {"freq": "monthly", "bymonthday": -1}  # the last day, in every month
    return {"freq": "monthly"}


def habit_event(habit: HabitGoal, domain: str, tz: str, at: time, words: Words = ENGLISH) -> Event:
    """A habit as one recurring event at the habit prompt time, in the chat's zone, ending
    with its last day (its end date, or the day it was stopped)."""
    from icalendar import Event

    rules = habit.rules
    zone = UTC if tz == "UTC" else ZoneInfo(tz)
    first = _first_occurrence(rules)
    start = datetime.combine(first, at, zone)
    rule = _rule(rules, first)
    if rules.until is not None:  # RFC 5545: UNTIL in UTC when DTSTART has a zone
        rule["until"] = datetime.combine(rules.until, at, zone).astimezone(UTC)
    revision = habit_revision(habit)
    event = Event()
    if rules.until is not None and rules.until < first:
        event.add("status", "CANCELLED")  # stopped before it first came round
    event.add("uid", f"habit-{habit.id}@{domain}")
    event.add("summary", f"🔁 #{habit.number} {habit.title} ({habit.owner.first_name})")
    event.add("description", _habit_description(habit, words))
    event.add("dtstart", start)
    event.add("dtend", start + HABIT_EVENT_LENGTH)
    event.add("rrule", rule)
    event.add("dtstamp", revision.modified)
    event.add("last-modified", revision.modified)
    event.add("sequence", revision.sequence)
    event.add("transp", "TRANSPARENT")
    return event


def _habit_description(habit: HabitGoal, words: Words = ENGLISH) -> str:
    """'3 times a week, at least 20 pages. Log each time with /did 3.' (plain text)."""
    rules = habit.rules
    often = how_often(rules.frequency, words)
    often = f"{often[0].upper()}{often[1:]}"
    if rules.amount is not None:
        often = f"{often}, {amount_rule(rules.amount, words, escape=False)}"
    text = words.gettext(
        "{rule}. Log each time with /did {number}.", rule=often, number=habit.number
    )
    if not habit.is_active and rules.until is not None:
        text += " " + words.gettext("It ran until {day}.", day=rules.until.isoformat())
    return text
