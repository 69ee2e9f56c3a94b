"""/timezone and /schedule."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.errors import AdminCheckFailed, NotAdmin, NoTopics, UnknownTimezone
from bot.domain.models import Chat
from bot.domain.schedules import POSTED, WEEKDAYS, Kind, Schedule
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


# What each kind's posts are called when saying where they go.
POSTS = {
    Kind.CHECKIN: "check-in prompts",
    Kind.SUMMARY: "summaries",
    Kind.MONTHLY_REVIEW: "monthly reviews",
    Kind.QUARTERLY_REVIEW: "quarterly reviews",
    Kind.REMINDERS: "deadline reminders",
    Kind.HABITS: "habit prompts",
}
CHOOSE_TOPIC = (
    "To choose a topic, an admin sends /schedule here inside it "
    "(or /schedule here summary for one kind); /schedule here in General brings them back."
)


def _place(schedule: Schedule) -> str:
    """Where a schedule's posts go: 'General', or the topic by name (by number if unseen)."""
    if schedule.topic_id is None:
        return "General"
    if schedule.topic_name:
        return f"the topic “{esc(schedule.topic_name)}”"
    return f"topic no. {schedule.topic_id}"


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
    chat: Chat,
    found: dict[Kind, Schedule],
    next_at: dict[Kind, datetime | None],
    today: date,
    *,
    forum: bool = False,
) -> str:
    """Every schedule with when it fires next, in the chat's time; in a forum supergroup
    (or where a topic is set), where its posts go."""
    lines = [f"⏰ Schedules here (time zone {esc(chat.timezone)})"]
    places = {_place(s) for k, s in found.items() if k in POSTED}
    show_places = forum or places != {"General"}
    one_place = len(places) == 1
    if show_places and one_place:
        lines.append(f"📌 Posts go to {next(iter(places))}.")
    elif show_places:
        lines.append("📌 Posts go to General, unless a line names a topic.")
    for kind in Kind:
        schedule = found.get(kind)
        if schedule is None:
            continue
        where = ""
        if show_places and not one_place and schedule.topic_id is not None:
            where = f" · in {_place(schedule)}"
        if not schedule.enabled:
            lines.append(f"{NAMES[kind]}: off{where}")
            continue
        lines.append(
            f"{NAMES[kind]}: {_when(schedule)}"
            f"{_next(next_at.get(kind), chat.timezone, today)}{where}"
        )
    lines.append(
        "Change: /schedule checkin mon,thu 08:30 · /schedule summary fri 17:00 · "
        "/schedule review monthly 1 10:00 · /schedule review quarterly 10:00 · "
        "/schedule reminders 3 days · /schedule habits 20:00 · /schedule off summary"
    )
    if show_places:
        lines.append(CHOOSE_TOPIC)
    return "\n".join(lines)


def topic_set(kinds: tuple[Kind, ...], to_topic: bool) -> str:
    """The line that leads the reply to /schedule here."""
    what = "Scheduled posts" if set(kinds) == set(POSTED) else _and([POSTS[k] for k in kinds])
    where = "this topic" if to_topic else "General"
    return f"📌 {what[0].upper()}{what[1:]} go to {where} from now on."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def topic_lost(name: str | None, kinds: tuple[Kind, ...], closed: bool) -> str:
    """The lines that lead a post sent to General because its topic refused it."""
    topic = f"the topic “{esc(name)}”" if name else "its topic"
    why = "is closed" if closed else "was deleted"
    what = (
        "scheduled posts"
        if not kinds or set(kinds) == set(POSTED)
        else _and([POSTS[k] for k in kinds])
    )
    return (
        f"⚠️ This was meant for {topic}, which {why}, so it is here in General; "
        f"{what} come here from now on.\n"
        "Admins: to choose a topic again, send /schedule here inside it "
        "(or /schedule here summary for summaries only)."
    )


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
def _no_topics(error: NoTopics, command: str, args: str = "") -> str:
    return (
        "This chat has no topics, so scheduled posts come here anyway. "
        "In a group with topics, an admin sends /schedule here inside the topic they should go "
        "to.\nExample: /schedule here summary"
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
