"""Period reports, calendar files and the group's CSV export."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any, assert_never

from babel.dates import get_month_names

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
from bot.domain.languages import Lang
from bot.domain.models import Goal, GoalStatus
from bot.domain.pace import PaceStatus
from bot.domain.report import CheckinRate, PeriodKind, Report, ReportPeriod
from bot.render.errors import explain
from bot.render.habit_calendar import habit_event
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import day, esc, name

if TYPE_CHECKING:
    from icalendar import Event

CALENDAR_CAPTION = N_("📅 Deadlines as all-day events. Import it again later to update them.")
HABITS_CAPTION = N_(
    "📅 Deadlines as all-day events, habits as repeating events at {at}. "
    "Import it again later to update them."
)
# How far ahead a zone's rules are written into the file (the ten-year date horizon, and more).
TIMEZONE_YEARS = 12
EXPORT_CAPTION = N_(
    "🗂 This group's goals, milestones, progress, check-ins and habits (CSV). "
    "Your own data from every chat: /export in a private chat with me."
)
STATUS_WORDS = {
    PaceStatus.DONE: N_("done"),
    PaceStatus.ON_TRACK: N_("on track"),
    PaceStatus.BEHIND: N_("behind pace"),
    PaceStatus.AT_RISK: N_("at risk"),
    PaceStatus.OVERDUE: N_("overdue"),
    PaceStatus.ABANDONED: N_("abandoned"),
    PaceStatus.UNMEASURED: N_("unmeasured"),
}


def status_word(status: PaceStatus, words: Words = ENGLISH) -> str:
    """'on track', 'behind pace', … (no emoji: for pictures, captions and reports)."""
    return words.gettext(STATUS_WORDS[status])


def export_caption(words: Words = ENGLISH) -> str:
    """What the group's CSV export holds, said with it."""
    return words.gettext(EXPORT_CAPTION)


def timeline_title(chat_title: str | None, words: Words = ENGLISH) -> str:
    """The heading of a timeline picture."""
    if chat_title:
        return words.gettext("Goals timeline · {chat}", chat=chat_title)
    return words.gettext("Goals timeline · personal")


def chart_title(goal: Goal) -> str:
    """The heading of a progress chart."""
    return f"#{goal.number} {goal.title} ({goal.owner.first_name})"


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _month_name(month: int, words: Words) -> str:
    """'December' ('Dezember', 'diciembre', 'декабрь'): the name on its own (CLDR's)."""
    if words.lang is Lang.EN:
        return _MONTH_NAMES[month - 1]
    return str(get_month_names("wide", context="stand-alone", locale=words.lang.babel)[month])


def _calendar_name(period: ReportPeriod, today: date, words: Words = ENGLISH) -> str:
    """'December' ('December 2026' in another year), 'Q1 2027'; 'this week' or 'last week'."""
    match period.kind:
        case PeriodKind.WEEK:
            return words.gettext("last week") if period.whole else words.gettext("this week")
        case PeriodKind.QUARTER:
            return words.gettext(
                "Q{quarter} {year}", quarter=period.quarter, year=period.first.year
            )
        case PeriodKind.MONTH:
            name = _month_name(period.first.month, words)
            return name if period.first.year == today.year else f"{name} {period.first.year}"
        case _:
            assert_never(period.kind)


def period_name(period: ReportPeriod, today: date, words: Words = ENGLISH) -> str:
    """'this week so far', 'December so far', 'Q1 2027 so far'; a whole one: 'last week',
    'November', 'December 2026', 'Q4 2026'."""
    name = _calendar_name(period, today, words)
    return name if period.whole else words.gettext("{period} so far", period=name)


def period_days(period: ReportPeriod, today: date, words: Words = ENGLISH) -> str:
    """The days counted: 'Since Tue 1 Dec'; a whole one: 'Tue 1 Dec – Thu 31 Dec 2026'."""
    if not period.whole:
        return words.gettext("Since {day}", day=day(period.first, today, words))
    return f"{day(period.first, period.last, words)} – {day(period.last, today, words)}"


def _totals(report: Report, words: Words) -> str:
    """'Since Tue 1 Dec: 2 goals started · 1 milestone ✅ · 0 goals 🏆 · 1 dropped'."""
    values = {
        "days": period_days(report.period, report.today, words),
        "started": words.ngettext("{n} goal started", "{n} goals started", len(report.started)),
        "milestones": words.ngettext(
            "{n} milestone", "{n} milestones", len(report.milestones_done)
        ),
        "goals": words.ngettext("{n} goal", "{n} goals", len(report.goals_done)),
    }
    if report.goals_dropped:
        return words.ngettext(
            "{days}: {started} · {milestones} ✅ · {goals} 🏆 · {n} dropped",
            "{days}: {started} · {milestones} ✅ · {goals} 🏆 · {n} dropped",
            len(report.goals_dropped),
            **values,
        )
    return words.gettext("{days}: {started} · {milestones} ✅ · {goals} 🏆", **values)


def report_text(title: str | None, report: Report, words: Words = ENGLISH) -> str:
    """The period's numbers, then who needs attention."""
    today = report.today
    head = words.gettext("📊 Report · {period}", period=period_name(report.period, today, words))
    lines = [head + (f" · {esc(title)}" if title else ""), _totals(report, words)]
    for goal, milestone in report.milestones_done:
        lines.append(
            f"  ✅ {goal.number}.{milestone.number} {esc(milestone.title)} ({name(goal.owner)})"
        )
    for goal in report.goals_done:
        lines.append(f"  🏆 #{goal.number} {esc(goal.title)} ({name(goal.owner)})")
    if report.rates:
        lines.append("")
        lines.append(words.gettext("Check-ins:"))
        if not report.prompted:
            lines.append("  " + words.gettext("none were asked in this period"))
        for rate in report.rates if report.prompted else ():
            streak = f" · 🔥 {rate.streak}" if rate.streak > 1 else ""
            lines.append(f"  {name(rate.member)}: {_rate(rate, words)}{streak}")
        if report.prompted and report.open_day:
            lines.append(
                "  "
                + words.gettext(
                    "⏰ Still open: the check-in of {day} counts once answered, or when it closes.",
                    day=day(report.open_day, today, words),
                )
            )
    if report.habits:
        lines.append("")
        lines += _habit_lines(report, words)
    if report.attention:
        lines.append("")
        lines.append(words.gettext("Needs attention:"))
        for goal, status in report.attention:
            lines.append(
                f"  ⚠️ #{goal.number} {esc(goal.title)} ({name(goal.owner)}): "
                f"{status_word(status, words)}"
            )
    if report.just_begun:
        lines.append("")
        lines.append(_just_begun(report.period, today, words))
    return "\n".join(lines)


def _habit_lines(report: Report, words: Words = ENGLISH) -> list[str]:
    """'Habits: 83% done of what was asked', then each habit's rate and strength change."""
    group = report.habit_rate
    head = (
        # {percent} is '83%' already: '% o' in the sentence would read as a printf format
        words.gettext(
            "Habits: {percent} of what was asked done",
            percent=words.gettext("{n}%", n=group),
        )
        if group is not None
        else words.gettext("Habits:")
    )
    lines = [head]
    for rate in report.habits:
        habit = rate.habit
        lines.append(
            f"  🔁 #{habit.number} {esc(habit.title)} ({name(habit.owner)}): "
            f"{habit_rate(rate, words)} · {strength_change(rate, words)}"
        )
    return lines


def habit_rate(rate: HabitRate, words: Words = ENGLISH) -> str:
    """'6 of 7 days (86%)', '5 of 6 times (83%)'; 'nothing counted yet'."""
    if not rate.asked:
        return words.gettext("nothing counted yet")
    frequency = rate.habit.rules.frequency
    values = {"done": words.number(round(rate.done, 1)), "percent": rate.percent}
    if frequency.per is Per.DAY and frequency.times == 1:
        return words.ngettext(
            "{done} of {n} day ({percent}%)", "{done} of {n} days ({percent}%)", rate.asked,
            **values,
        )  # fmt: skip
    return words.ngettext(
        "{done} of {n} time ({percent}%)", "{done} of {n} times ({percent}%)", rate.asked,
        **values,
    )  # fmt: skip


def strength_change(rate: HabitRate, words: Words = ENGLISH) -> str:
    """'strength 40% → 52% (+12)'; one begun within the period: 'strength 52%, new'."""
    if rate.strength_before is None:
        return words.gettext("strength {after}%, new", after=rate.strength_after)
    if rate.change == 0:
        return words.gettext("strength {after}%, unchanged", after=rate.strength_after)
    sign = "+" if rate.change > 0 else "−"
    return words.gettext(
        "strength {before}% → {after}% ({change})",
        before=rate.strength_before,
        after=rate.strength_after,
        change=f"{sign}{abs(rate.change)}",
    )


def _just_begun(period: ReportPeriod, today: date, words: Words = ENGLISH) -> str:
    """'December began today; for all of November: /report last month'."""
    began = _calendar_name(period, today, words)
    before = _calendar_name(period.before(), today, words)
    began = began[0].upper() + began[1:]
    match period.kind:
        case PeriodKind.WEEK:
            return words.gettext("This week began today; for all of last week: /report last week")
        case PeriodKind.MONTH:
            return words.gettext(
                "{began} began today; for all of {before}: /report last month",
                began=began,
                before=before,
            )
        case PeriodKind.QUARTER:
            return words.gettext(
                "{began} began today; for all of {before}: /report last quarter",
                began=began,
                before=before,
            )
        case _:
            assert_never(period.kind)


def _rate(rate: CheckinRate, words: Words = ENGLISH) -> str:
    """'2 of 3 (67%)'; a check-in still open or asked while away is not counted."""
    if rate.asked:
        text = words.gettext(
            "{answered} of {asked} ({percent}%)",
            answered=rate.answered,
            asked=rate.asked,
            percent=round(100 * rate.answered / rate.asked),
        )
        if rate.away:
            text += " · " + words.gettext("away for {n} more", n=rate.away)
        return text
    if rate.away:
        return words.ngettext("away for {n} check-in", "away for {n} check-ins", rate.away)
    return words.gettext("nothing due yet")


def calendar_file(
    goals: list[Goal],
    moves: dict[tuple[int, int | None], Changes],
    chat_title: str | None,
    bot_username: str,
    renames: Mapping[tuple[int, int | None], Changes] | None = None,
    habits: Sequence[HabitGoal] = (),
    tz: str = "UTC",
    at: time = PROMPT_TIME,
    words: Words = ENGLISH,
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
    calendar.add(
        "x-wr-calname",
        words.gettext("Goals: {chat}", chat=chat_title)
        if chat_title
        else words.gettext("My goals"),
    )
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
        calendar.add_component(habit_event(habit, domain, tz, at, words))
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


def calendar_caption(
    habits: Sequence[HabitGoal], at: time = PROMPT_TIME, words: Words = ENGLISH
) -> str:
    """What the .ics file holds, said with it."""
    if habits:
        return words.gettext(HABITS_CAPTION, at=at.strftime("%H:%M"))
    return words.gettext(CALENDAR_CAPTION)


# Column headers as a spreadsheet user reads them; English keeps the names the columns have.
COLUMNS = {
    "amount": N_("amount"),
    "author": N_("author"),
    "baseline": N_("baseline"),
    "changed_at": N_("changed at"),
    "completed_at": N_("completed at"),
    "created_at": N_("created at"),
    "current": N_("current"),
    "day": N_("day"),
    "deadline": N_("deadline"),
    "delta": N_("change"),
    "direction": N_("direction"),
    "due_date": N_("due date"),
    "ended_at": N_("ended at"),
    "ends_on": N_("ends on"),
    "goal": N_("goal"),
    "habit": N_("habit"),
    "kind": N_("kind"),
    "logged_at": N_("logged at"),
    "member": N_("member"),
    "milestone": N_("milestone"),
    "new_date": N_("new date"),
    "new_title": N_("new title"),
    "note": N_("note"),
    "number": N_("number"),
    "old_date": N_("old date"),
    "old_title": N_("old title"),
    "owner": N_("owner"),
    "per": N_("per"),
    "period": N_("period"),
    "reason": N_("reason"),
    "removed_at": N_("removed at"),
    "resumed_at": N_("resumed at"),
    "starts_at": N_("starts at"),
    "starts_on": N_("starts on"),
    "status": N_("status"),
    "target": N_("target"),
    "text": N_("text"),
    "times": N_("times"),
    "title": N_("title"),
    "unit": N_("unit"),
    "until": N_("until"),
    "value": N_("value"),
    "weekdays": N_("weekdays"),
    "why": N_("why"),
}


def column_name(column: str, words: Words = ENGLISH) -> str:
    """A column's header in the language ('created_at' stays as it is in English)."""
    if words.lang is Lang.EN or column not in COLUMNS:
        return column
    return words.gettext(COLUMNS[column])


def _cell(value: Any, comma: bool = False) -> Any:
    """Text a spreadsheet would run as a formula ('=HYPERLINK(…)' as a goal title) is kept as
    text by a leading apostrophe; numbers stay numbers, a fraction with a decimal comma where
    the language writes one (repr's digits: it reads back to the same value)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    if comma and isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def csv_zip(
    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]], words: Words = ENGLISH
) -> bytes:
    """One CSV file per table (header first), zipped. UTF-8 with a byte order mark, so
    spreadsheets show accents and emoji. Where the language writes a decimal comma, the
    fields are separated by ';' and fractions written with the comma, as a spreadsheet in
    that language opens them."""
    comma = words.number(1.5) == "1,5"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (columns, rows) in tables.items():
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";") if comma else csv.writer(text)
            writer.writerow([column_name(c, words) for c in columns])
            writer.writerows([_cell(value, comma) for value in row] for row in rows)
            archive.writestr(f"{table}.csv", text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


@explain.register
def _nothing_to_chart(
    error: NothingToChart, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Goal #{n} has no target or milestones yet, so there's no progress to draw. "
        "Add one: /target {n} 10 km  or  /milestone {n} First step by end of month",
        n=error.goal_number,
    )
