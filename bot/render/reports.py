"""Period reports, calendar files and the group's CSV export."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any, assert_never

from bot.domain.calendar_events import (
    Changes,
    Revision,
    goal_revision,
    milestone_revision,
)
from bot.domain.errors import NothingToChart
from bot.domain.habit_history import HabitRate
from bot.domain.habits import (
    PROMPT_TIME,
    HabitGoal,
    Per,
)
from bot.domain.models import Goal, GoalStatus
from bot.domain.numbers import format_amount
from bot.domain.report import CheckinRate, PeriodKind, Report, ReportPeriod
from bot.render.errors import explain
from bot.render.habit_calendar import habit_event
from bot.render.text import day, esc, name, plural

if TYPE_CHECKING:
    from icalendar import Event

CALENDAR_CAPTION = "📅 Deadlines as all-day events. Import it again later to update them."
HABITS_CAPTION = (
    "📅 Deadlines as all-day events, habits as repeating events at {at}. "
    "Import it again later to update them."
)
# How far ahead a zone's rules are written into the file (the ten-year date horizon, and more).
TIMEZONE_YEARS = 12
EXPORT_CAPTION = (
    "🗂 This group's goals, milestones, progress, check-ins and habits (CSV). "
    "Your own data from every chat: /export in a private chat with me."
)


def timeline_title(chat_title: str | None) -> str:
    """The heading of a timeline picture."""
    return f"Goals timeline · {chat_title or 'personal'}"


def chart_title(goal: Goal) -> str:
    """The heading of a progress chart."""
    return f"#{goal.number} {goal.title} ({goal.owner.first_name})"


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _calendar_name(period: ReportPeriod, today: date) -> str:
    """'December' ('December 2026' in another year), 'Q1 2027'; 'this week' or 'last week'."""
    match period.kind:
        case PeriodKind.WEEK:
            return "last week" if period.whole else "this week"
        case PeriodKind.QUARTER:
            return f"Q{period.quarter} {period.first.year}"
        case PeriodKind.MONTH:
            name = _MONTH_NAMES[period.first.month - 1]
            return name if period.first.year == today.year else f"{name} {period.first.year}"
        case _:
            assert_never(period.kind)


def period_name(period: ReportPeriod, today: date) -> str:
    """'this week so far', 'December so far', 'Q1 2027 so far'; a whole one: 'last week',
    'November', 'December 2026', 'Q4 2026'."""
    name = _calendar_name(period, today)
    return name if period.whole else f"{name} so far"


def period_days(period: ReportPeriod, today: date) -> str:
    """The days counted: 'Since Tue 1 Dec'; a whole one: 'Tue 1 Dec – Thu 31 Dec 2026'."""
    if not period.whole:
        return f"Since {day(period.first, today)}"
    return f"{day(period.first, period.last)} – {day(period.last, today)}"


def report_text(title: str | None, report: Report) -> str:
    """The period's numbers, then who needs attention."""
    today = report.today
    head = f"📊 Report · {period_name(report.period, today)}"
    lines = [
        head + (f" · {esc(title)}" if title else ""),
        f"{period_days(report.period, today)}: {plural(len(report.started), 'goal')} started · "
        f"{plural(len(report.milestones_done), 'milestone')} ✅ · "
        f"{plural(len(report.goals_done), 'goal')} 🏆"
        + (f" · {len(report.goals_dropped)} dropped" if report.goals_dropped else ""),
    ]
    for goal, milestone in report.milestones_done:
        lines.append(
            f"  ✅ {goal.number}.{milestone.number} {esc(milestone.title)} ({name(goal.owner)})"
        )
    for goal in report.goals_done:
        lines.append(f"  🏆 #{goal.number} {esc(goal.title)} ({name(goal.owner)})")
    if report.rates:
        lines.append("")
        lines.append("Check-ins:")
        if not report.prompted:
            lines.append("  none were asked in this period")
        for rate in report.rates if report.prompted else ():
            streak = f" · 🔥 {rate.streak}" if rate.streak > 1 else ""
            lines.append(f"  {name(rate.member)}: {_rate(rate)}{streak}")
        if report.prompted and report.open_day:
            lines.append(
                f"  ⏰ Still open: the check-in of {day(report.open_day, today)} counts once "
                "answered, or when it closes."
            )
    if report.habits:
        lines.append("")
        lines += _habit_lines(report)
    if report.attention:
        lines.append("")
        lines.append("Needs attention:")
        for goal, status in report.attention:
            lines.append(
                f"  ⚠️ #{goal.number} {esc(goal.title)} ({name(goal.owner)}): {status.value}"
            )
    if report.just_begun:
        lines.append("")
        lines.append(_just_begun(report.period, today))
    return "\n".join(lines)


def _habit_lines(report: Report) -> list[str]:
    """'Habits: 83% done of what was asked', then each habit's rate and strength change."""
    group = report.habit_rate
    head = f"Habits: {group}% of what was asked done" if group is not None else "Habits:"
    lines = [head]
    for rate in report.habits:
        habit = rate.habit
        lines.append(
            f"  🔁 #{habit.number} {esc(habit.title)} ({name(habit.owner)}): "
            f"{habit_rate(rate)} · {strength_change(rate)}"
        )
    return lines


def habit_rate(rate: HabitRate) -> str:
    """'6 of 7 days (86%)', '5 of 6 times (83%)'; 'nothing counted yet'."""
    if not rate.asked:
        return "nothing counted yet"
    frequency = rate.habit.rules.frequency
    what = "days" if frequency.per is Per.DAY and frequency.times == 1 else "times"
    return f"{format_amount(round(rate.done, 1))} of {rate.asked} {what} ({rate.percent}%)"


def strength_change(rate: HabitRate) -> str:
    """'strength 40% → 52% (+12)'; one begun within the period: 'strength 52%, new'."""
    if rate.strength_before is None:
        return f"strength {rate.strength_after}%, new"
    if rate.change == 0:
        return f"strength {rate.strength_after}%, unchanged"
    sign = "+" if rate.change > 0 else "−"
    return f"strength {rate.strength_before}% → {rate.strength_after}% ({sign}{abs(rate.change)})"


def _just_begun(period: ReportPeriod, today: date) -> str:
    """'December began today; for all of November: /report last month'."""
    began = _calendar_name(period, today)
    before = _calendar_name(period.before(), today)
    began = began[0].upper() + began[1:]
    return f"{began} began today; for all of {before}: /report last {period.kind}"


def _rate(rate: CheckinRate) -> str:
    """'2 of 3 (67%)'; a check-in still open or asked while away is not counted."""
    if rate.asked:
        text = f"{rate.answered} of {rate.asked} ({round(100 * rate.answered / rate.asked)}%)"
        return text + (f" · away for {rate.away} more" if rate.away else "")
    if rate.away:
        return f"away for {plural(rate.away, 'check-in')}"
    return "nothing due yet"


def calendar_file(
    goals: list[Goal],
    moves: dict[tuple[int, int | None], Changes],
    chat_title: str | None,
    bot_username: str,
    renames: Mapping[tuple[int, int | None], Changes] | None = None,
    habits: Sequence[HabitGoal] = (),
    tz: str = "UTC",
    at: time = PROMPT_TIME,
) -> bytes:
    """An .ics file: every goal and milestone deadline as an all-day event, and every habit
    as one recurring event at the habit prompt time, in the chat's zone.

    UIDs are derived from the goal and milestone ids and the bot's username, so importing a
    newer file from the same bot updates the events instead of adding copies, and files from
    two bots (two installations, each numbering its own goals) never mistake each other's
    events for their own. An abandoned goal, and a milestone left open when its goal ended, go
    out as cancelled so a re-import removes them from the calendar; so does a removed milestone.
    A stopped or ended habit's rule ends on its last day, so its past stays in the calendar.
    """
    from icalendar import Calendar  # loaded with the first export, not at start-up

    # Telegram usernames are unique, so the bot's address (t.me/<username>) names it.
    domain = f"{bot_username.lower()}.t.me"
    renames = renames or {}
    calendar = Calendar()
    calendar.add("prodid", "-//accountability-bot//goals//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Goals: {chat_title}" if chat_title else "My goals")
    for goal in goals:
        ended = not goal.is_active
        done = "✅ " if goal.status is GoalStatus.COMPLETED else ""
        calendar.add_component(
            _event(
                f"goal-{goal.id}@{domain}",
                f"{done}🎯 #{goal.number} {goal.title} ({goal.owner.first_name})",
                goal.deadline,
                goal_revision(goal, moves.get((goal.id, None)), renames.get((goal.id, None))),
                cancelled=goal.status is GoalStatus.ABANDONED,
            )
        )
        for m in sorted((*goal.milestones, *goal.removed_milestones), key=lambda m: m.number):
            done = "✅ " if m.is_done else ""
            calendar.add_component(
                _event(
                    f"milestone-{m.id}@{domain}",
                    f"{done}📍 {goal.number}.{m.number} {m.title} ({goal.owner.first_name})",
                    m.due_date,
                    milestone_revision(
                        goal, m, moves.get((goal.id, m.id)), renames.get((goal.id, m.id))
                    ),
                    cancelled=m.removed_at is not None or (ended and not m.is_done),
                )
            )
    for habit in habits:
        calendar.add_component(habit_event(habit, domain, tz, at))
    if habits:
        first = min(h.rules.starts for h in habits) - timedelta(days=1)
        calendar.add_missing_timezones(first, date(first.year + TIMEZONE_YEARS, 1, 1))
    return bytes(calendar.to_ical())


def _event(
    uid: str, summary: str, when: date, revision: Revision, cancelled: bool = False
) -> Event:
    from icalendar import Event

    event = Event()
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(days=1))
    # The file has no METHOD, so RFC 5545 makes DTSTAMP the time the event last changed, the
    # same as LAST-MODIFIED (not the time of the export): an unchanged event exports the same.
    event.add("dtstamp", revision.modified)
    event.add("last-modified", revision.modified)
    event.add("sequence", revision.sequence)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_caption(habits: Sequence[HabitGoal], at: time = PROMPT_TIME) -> str:
    """What the .ics file holds, said with it."""
    return HABITS_CAPTION.format(at=at.strftime("%H:%M")) if habits else CALENDAR_CAPTION


def _cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula ('=HYPERLINK(…)' as a goal title) is kept as
    text by a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def csv_zip(tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> bytes:
    """One CSV file per table (header first), zipped. UTF-8 with a byte order mark, so
    spreadsheets show accents and emoji."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (columns, rows) in tables.items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(columns)
            writer.writerows([_cell(value) for value in row] for row in rows)
            archive.writestr(f"{table}.csv", text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


@explain.register
def _nothing_to_chart(error: NothingToChart, command: str, args: str = "") -> str:
    n = error.goal_number
    return (
        f"Goal #{n} has no target or milestones yet, so there's no progress to draw. "
        f"Add one: /target {n} 10 km  or  /milestone {n} First step by end of month"
    )
