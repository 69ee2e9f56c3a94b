"""/timezone and /schedule."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.errors import AdminCheckFailed, NotAdmin, UnknownTimezone
from bot.domain.models import Chat
from bot.domain.schedules import WEEKDAYS, Kind, Schedule
from bot.render.errors import explain
from bot.render.text import day, esc, plural

NAMES = {
    Kind.CHECKIN: "Check-in",
    Kind.SUMMARY: "Summary",
    Kind.MONTHLY_REVIEW: "Monthly review",
    Kind.QUARTERLY_REVIEW: "Quarterly review",
    Kind.REMINDERS: "Deadline reminders",
    Kind.HABITS: "Habit prompt",
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
    if schedule.kind is Kind.HABITS:
        return f"daily at {at}, for members with habits"
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
        "/schedule reminders 3 days · /schedule habits 20:00 · /schedule off summary"
    )
    return "\n".join(lines)


def timezone_now(chat: Chat, now: datetime, own: str | None = None) -> str:
    """/timezone alone, in a group (with the asking member's own zone, when it differs)."""
    local = now.astimezone(ZoneInfo(chat.timezone))
    return (
        f"🕰 This chat runs on {esc(chat.timezone)} (now {local:%a %H:%M}).\n"
        "Admins can change it: /timezone Europe/Berlin" + own_zone_line(own, chat, now)
    )


def timezone_set(chat: Chat, now: datetime) -> str:
    """The reply to /timezone <zone>."""
    local = now.astimezone(ZoneInfo(chat.timezone))
    return (
        f"🕰 Time zone set to {esc(chat.timezone)} (now {local:%a %H:%M} there). "
        "Schedules and dates follow it. See them: /schedule"
    )


def own_zone_now(zone: str | None, now: datetime) -> str:
    """/timezone alone, in a private chat."""
    if zone is None:
        return (
            "🕰 You have no time zone of your own: in each group I read your dates and days "
            "in the group's zone.\nSet yours and I use it for you everywhere: "
            "/timezone Asia/Singapore"
        )
    local = now.astimezone(ZoneInfo(zone))
    return (
        f"🕰 Your time zone is {esc(zone)} (now {local:%a %H:%M} there), in every group.\n"
        "Change it: /timezone Europe/Berlin · back to each group's zone: /timezone off"
    )


def own_zone_set(zone: str, now: datetime) -> str:
    """The reply to /timezone <zone> in a private chat."""
    local = now.astimezone(ZoneInfo(zone))
    return (
        f"🕰 Your time zone is now {esc(zone)} (now {local:%a %H:%M} there). In every group "
        "I read the dates you type, your today and your habits' days in it. Each group's "
        "scheduled posts keep the group's time.\nBack to each group's zone: /timezone off"
    )


def own_zone_cleared(chat: Chat) -> str:
    """The reply to /timezone off in a private chat."""
    return (
        "🕰 Done: in each group I read your dates and days in the group's zone again; this "
        f"private chat stays on {esc(chat.timezone)}. Set your own again: /timezone Asia/Singapore"
    )


def own_zone_line(zone: str | None, chat: Chat, now: datetime) -> str:
    """Under a group's /timezone: the asking member's own zone, when it differs."""
    if zone is None or zone == chat.timezone:
        return ""
    local = now.astimezone(ZoneInfo(zone))
    return f"\nYours: {esc(zone)} (now {local:%a %H:%M}), set in our private chat."


# Refusals about a group's settings.

# Admin-only actions, each refusal saying what the member can do instead.
ADMIN_ONLY = {
    "mentor": "Only the group's admins appoint mentors. See who they are with /mentor.",
    "unmentor": "Only the group's admins remove mentors. See who they are with /mentor.",
    "export": (
        "Only the group's admins can export the group's data. "
        "For your own, send me /export in a private chat."
    ),
}


@explain.register
def _not_admin(error: NotAdmin, command: str, args: str = "") -> str:
    if command in ADMIN_ONLY:
        return ADMIN_ONLY[command]
    return (
        "Only the group's admins can change its settings. "
        "Ask one of them, or see the current ones with /schedule."
    )


@explain.register
def _admin_check_failed(error: AdminCheckFailed, command: str, args: str = "") -> str:
    return "I couldn't check with Telegram whether you're an admin just now. Please try again in a minute."


@explain.register
def _unknown_timezone(error: UnknownTimezone, command: str, args: str = "") -> str:
    text = f"I don't know the time zone “{esc(error.name)}”."
    if error.suggestions:
        text += f" Did you mean {' or '.join(error.suggestions)}?"
    return (
        f"{text} Use an Area/City name such as Europe/Berlin, America/New_York, "
        f"Asia/Kolkata or UTC.\nExample: /timezone {error.suggestions[0] if error.suggestions else 'Europe/Berlin'}"
    )
