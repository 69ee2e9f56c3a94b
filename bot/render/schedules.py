"""/timezone and /schedule."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.models import Chat
from bot.domain.schedules import WEEKDAYS, Kind, Schedule
from bot.render.text import day, esc, plural

NAMES = {
    Kind.CHECKIN: "Check-in",
    Kind.SUMMARY: "Summary",
    Kind.MONTHLY_REVIEW: "Monthly review",
    Kind.QUARTERLY_REVIEW: "Quarterly review",
    Kind.REMINDERS: "Deadline reminders",
}


def _days(days: tuple[str, ...]) -> str:
    if days == WEEKDAYS:
        return "daily"
    if days == WEEKDAYS[:5]:
        return "weekdays"
    return ", ".join(d.capitalize() for d in days)


def _when(schedule: Schedule) -> str:
    at = schedule.at.strftime("%H:%M")
    if schedule.kind in (Kind.CHECKIN, Kind.SUMMARY):
        return f"{_days(schedule.days)} at {at}"
    if schedule.kind is Kind.MONTHLY_REVIEW:
        return f"day {schedule.day_of_month} of each month at {at}"
    if schedule.kind is Kind.QUARTERLY_REVIEW:
        return f"1 Jan, Apr, Jul, Oct at {at}"
    return f"{plural(schedule.lead_days, 'day')} before each milestone and goal deadline, at {at}"


def _next(moment: datetime | None, tz: str, today: date) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(tz))
    return f" · next {day(local.date(), today)} {local:%H:%M}"


def schedule_list(
    chat: Chat, found: dict[Kind, Schedule], next_at: dict[Kind, datetime | None], today: date
) -> str:
    """Every schedule with when it fires next, in the chat's time."""
    lines = [f"⏰ Schedules here (time zone {esc(chat.timezone)})"]
    for kind in Kind:
        schedule = found.get(kind)
        if schedule is None:
            continue
        if not schedule.enabled:
            lines.append(f"{NAMES[kind]}: off")
            continue
        lines.append(
            f"{NAMES[kind]}: {_when(schedule)}{_next(next_at.get(kind), chat.timezone, today)}"
        )
    lines.append(
        "Change: /schedule checkin mon,thu 08:30 · /schedule summary fri 17:00 · "
        "/schedule review monthly 1 10:00 · /schedule review quarterly 10:00 · "
        "/schedule reminders 3 days · /schedule off summary"
    )
    return "\n".join(lines)


def timezone_now(chat: Chat, now: datetime) -> str:
    """/timezone alone."""
    local = now.astimezone(ZoneInfo(chat.timezone))
    return (
        f"🕰 This chat runs on {esc(chat.timezone)} (now {local:%a %H:%M}).\n"
        "Admins can change it: /timezone Europe/Berlin"
    )


def timezone_set(chat: Chat, now: datetime) -> str:
    """The reply to /timezone <zone>."""
    local = now.astimezone(ZoneInfo(chat.timezone))
    return (
        f"🕰 Time zone set to {esc(chat.timezone)} (now {local:%a %H:%M} there). "
        "Schedules and dates follow it. See them: /schedule"
    )
