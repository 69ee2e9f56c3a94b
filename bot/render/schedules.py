"""/timezone and /schedule."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.lists import format_list

from bot.domain.errors import AdminCheckFailed, NotAdmin, NoTopics, UnknownTimezone
from bot.domain.languages import Lang
from bot.domain.models import Chat
from bot.domain.schedules import POSTED, WEEKDAYS, Kind, Schedule
from bot.render.errors import explain
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc

NAMES = {
    Kind.CHECKIN: N_("Check-in"),
    Kind.SUMMARY: N_("Summary"),
    Kind.MONTHLY_REVIEW: N_("Monthly review"),
    Kind.QUARTERLY_REVIEW: N_("Quarterly review"),
    Kind.REMINDERS: N_("Deadline reminders"),
    Kind.HABITS: N_("Habit prompt"),
}


# What each kind's posts are called when saying where they go.
POSTS = {
    Kind.CHECKIN: N_("check-in prompts"),
    Kind.SUMMARY: N_("summaries"),
    Kind.MONTHLY_REVIEW: N_("monthly reviews"),
    Kind.QUARTERLY_REVIEW: N_("quarterly reviews"),
    Kind.REMINDERS: N_("deadline reminders"),
    Kind.HABITS: N_("habit prompts"),
}
CHOOSE_TOPIC = N_(
    "To choose a topic, an admin sends /schedule here inside it "
    "(or /schedule here summary for one kind); /schedule here in General brings them back."
)
GENERAL = N_("General")


def _place(schedule: Schedule, words: Words) -> str:
    """Where a schedule's posts go: 'General', or the topic by name (by number if unseen)."""
    if schedule.topic_id is None:
        return words.gettext(GENERAL)
    if schedule.topic_name:
        return words.gettext("the topic “{name}”", name=esc(schedule.topic_name))
    return words.gettext("topic no. {number}", number=schedule.topic_id)


def _days(days: tuple[str, ...], words: Words) -> str:
    if days == WEEKDAYS:
        return words.gettext("daily")
    if days == WEEKDAYS[:5]:
        return words.pgettext("schedule", "weekdays")  # Monday to Friday
    return ", ".join(words.weekday(WEEKDAYS.index(d)) for d in days)


def _when(schedule: Schedule, words: Words) -> str:
    at = schedule.at.strftime("%H:%M")
    if schedule.kind in (Kind.CHECKIN, Kind.SUMMARY):
        return words.gettext("{days} at {time}", days=_days(schedule.days, words), time=at)
    if schedule.kind is Kind.MONTHLY_REVIEW:
        return words.gettext(
            "day {day} of each month at {time}", day=schedule.day_of_month, time=at
        )
    if schedule.kind is Kind.QUARTERLY_REVIEW:
        return words.gettext("1 Jan, Apr, Jul, Oct at {time}", time=at)
    if schedule.kind is Kind.HABITS:
        return words.gettext("daily at {time}, for members with habits", time=at)
    return words.ngettext(
        "{n} day before each milestone and goal deadline, at {time}",
        "{n} days before each milestone and goal deadline, at {time}",
        schedule.lead_days,
        time=at,
    )


def _next(moment: datetime | None, tz: str, today: date, words: Words) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(tz))
    when = words.gettext(
        "next {day} {time}", day=words.day(local.date(), today), time=f"{local:%H:%M}"
    )
    return f" · {when}"


def _listing(items: list[str], words: Words) -> str:
    if words.lang is Lang.EN:  # 'a, b and c', as it always read
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
    return words.listing(items)


def schedule_list(
    chat: Chat,
    found: dict[Kind, Schedule],
    next_at: dict[Kind, datetime | None],
    today: date,
    *,
    forum: bool = False,
    words: Words = ENGLISH,
) -> str:
    """Every schedule with when it fires next, in the chat's time; in a forum supergroup
    (or where a topic is set), where its posts go."""
    lines = [words.gettext("⏰ Schedules here (time zone {zone})", zone=esc(chat.timezone))]
    places = {_place(s, words) for k, s in found.items() if k in POSTED}
    show_places = forum or places != {words.gettext(GENERAL)}
    one_place = len(places) == 1
    if show_places and one_place:
        lines.append(words.gettext("📌 Posts go to {place}.", place=next(iter(places))))
    elif show_places:
        lines.append(words.gettext("📌 Posts go to General, unless a line names a topic."))
    for kind in Kind:
        schedule = found.get(kind)
        if schedule is None:
            continue
        where = ""
        if show_places and not one_place and schedule.topic_id is not None:
            where = " · " + words.gettext("in {place}", place=_place(schedule, words))
        label = words.gettext(NAMES[kind])
        if not schedule.enabled:
            lines.append(words.gettext("{name}: off", name=label) + where)
            continue
        lines.append(
            f"{label}: {_when(schedule, words)}"
            f"{_next(next_at.get(kind), chat.timezone, today, words)}{where}"
        )
    lines.append(
        words.gettext(
            "Change: /schedule checkin mon,thu 08:30 · /schedule summary fri 17:00 · "
            "/schedule review monthly 1 10:00 · /schedule review quarterly 10:00 · "
            "/schedule reminders 3 days · /schedule habits 20:00 · /schedule off summary"
        )
    )
    if show_places:
        lines.append(words.gettext(CHOOSE_TOPIC))
    return "\n".join(lines)


def topic_set(kinds: tuple[Kind, ...], to_topic: bool, words: Words = ENGLISH) -> str:
    """The line that leads the reply to /schedule here."""
    if set(kinds) == set(POSTED):
        if to_topic:
            return words.gettext("📌 Scheduled posts go to this topic from now on.")
        return words.gettext("📌 Scheduled posts go to General from now on.")
    what = _listing([words.gettext(POSTS[k]) for k in kinds], words)
    what = what[0].upper() + what[1:]
    if to_topic:
        return words.gettext("📌 {posts} go to this topic from now on.", posts=what)
    return words.gettext("📌 {posts} go to General from now on.", posts=what)


def topic_lost(
    name: str | None, kinds: tuple[Kind, ...], closed: bool, words: Words = ENGLISH
) -> str:
    """The lines that lead a post sent to General because its topic refused it."""
    topic = words.gettext("the topic “{name}”", name=esc(name)) if name else None
    every = not kinds or set(kinds) == set(POSTED)
    what = (
        words.gettext("scheduled posts")
        if every
        else _listing([words.gettext(POSTS[k]) for k in kinds], words)
    )
    if topic and closed:
        first = words.gettext(
            "⚠️ This was meant for {topic}, which is closed, so it is here in General; "
            "{posts} come here from now on.",
            topic=topic,
            posts=what,
        )
    elif topic:
        first = words.gettext(
            "⚠️ This was meant for {topic}, which was deleted, so it is here in General; "
            "{posts} come here from now on.",
            topic=topic,
            posts=what,
        )
    elif closed:
        first = words.gettext(
            "⚠️ This was meant for its topic, which is closed, so it is here in General; "
            "{posts} come here from now on.",
            posts=what,
        )
    else:
        first = words.gettext(
            "⚠️ This was meant for its topic, which was deleted, so it is here in General; "
            "{posts} come here from now on.",
            posts=what,
        )
    return (
        first
        + "\n"
        + words.gettext(
            "Admins: to choose a topic again, send /schedule here inside it "
            "(or /schedule here summary for summaries only)."
        )
    )


def _either(items: list[str] | tuple[str, ...], words: Words) -> str:
    """'A or B' as the language says it (English: 'A or B or C', as it always read)."""
    if words.lang is Lang.EN or len(items) < 2:
        return " or ".join(items)
    return format_list(list(items), style="or", locale=words.lang.babel)


def _local_now(now: datetime, zone: str, words: Words) -> str:
    """'Sat 09:00' in the zone, the weekday in the language ('Sa. 09:00')."""
    local = now.astimezone(ZoneInfo(zone))
    if words.lang is Lang.EN:
        return f"{local:%a %H:%M}"
    return format_datetime(local, "EEE HH:mm", locale=words.lang.babel)


def timezone_now(chat: Chat, now: datetime, own: str | None = None, words: Words = ENGLISH) -> str:
    """/timezone alone, in a group (with the asking member's own zone, when it differs)."""
    return (
        words.gettext(
            "🕰 This chat runs on {zone} (now {time}).",
            zone=esc(chat.timezone),
            time=_local_now(now, chat.timezone, words),
        )
        + "\n"
        + words.gettext("Admins can change it: /timezone Europe/Berlin")
        + own_zone_line(own, chat, now, words)
    )


def timezone_set(chat: Chat, now: datetime, words: Words = ENGLISH) -> str:
    """The reply to /timezone <zone>."""
    return words.gettext(
        "🕰 Time zone set to {zone} (now {time} there). "
        "Schedules and dates follow it. See them: /schedule",
        zone=esc(chat.timezone),
        time=_local_now(now, chat.timezone, words),
    )


def own_zone_now(zone: str | None, now: datetime, words: Words = ENGLISH) -> str:
    """/timezone alone, in a private chat."""
    if zone is None:
        return words.gettext(
            "🕰 You have no time zone of your own: in each group I read your dates and days "
            "in the group's zone.\nSet yours and I use it for you everywhere: "
            "/timezone Asia/Singapore"
        )
    return words.gettext(
        "🕰 Your time zone is {zone} (now {time} there), in every group.\n"
        "Change it: /timezone Europe/Berlin · back to each group's zone: /timezone off",
        zone=esc(zone),
        time=_local_now(now, zone, words),
    )


def own_zone_set(zone: str, now: datetime, words: Words = ENGLISH) -> str:
    """The reply to /timezone <zone> in a private chat."""
    return words.gettext(
        "🕰 Your time zone is now {zone} (now {time} there). In every group "
        "I read the dates you type, your today and your habits' days in it. Each group's "
        "scheduled posts keep the group's time.\nBack to each group's zone: /timezone off",
        zone=esc(zone),
        time=_local_now(now, zone, words),
    )


def own_zone_cleared(chat: Chat, words: Words = ENGLISH) -> str:
    """The reply to /timezone off in a private chat."""
    return words.gettext(
        "🕰 Done: in each group I read your dates and days in the group's zone again; this "
        "private chat stays on {zone}. Set your own again: /timezone Asia/Singapore",
        zone=esc(chat.timezone),
    )


def own_zone_line(zone: str | None, chat: Chat, now: datetime, words: Words = ENGLISH) -> str:
    """Under a group's /timezone: the asking member's own zone, when it differs."""
    if zone is None or zone == chat.timezone:
        return ""
    return "\n" + words.gettext(
        "Yours: {zone} (now {time}), set in our private chat.",
        zone=esc(zone),
        time=_local_now(now, zone, words),
    )


# Refusals about a group's settings.

# Admin-only actions, each refusal saying what the member can do instead.
ADMIN_ONLY = {
    "mentor": N_("Only the group's admins appoint mentors. See who they are with /mentor."),
    "unmentor": N_("Only the group's admins remove mentors. See who they are with /mentor."),
    "export": N_(
        "Only the group's admins can export the group's data. "
        "For your own, send me /export in a private chat."
    ),
}


@explain.register
def _not_admin(error: NotAdmin, command: str, args: str = "", words: Words = ENGLISH) -> str:
    if command in ADMIN_ONLY:
        return words.gettext(ADMIN_ONLY[command])
    return words.gettext(
        "Only the group's admins can change its settings. "
        "Ask one of them, or see the current ones with /schedule."
    )


@explain.register
def _no_topics(error: NoTopics, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "This chat has no topics, so scheduled posts come here anyway. "
        "In a group with topics, an admin sends /schedule here inside the topic they should go "
        "to.\nExample: /schedule here summary"
    )


@explain.register
def _admin_check_failed(
    error: AdminCheckFailed, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "I couldn't check with Telegram whether you're an admin just now. "
        "Please try again in a minute."
    )


@explain.register
def _unknown_timezone(
    error: UnknownTimezone, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    text = words.gettext("I don't know the time zone “{name}”.", name=esc(error.name))
    if error.suggestions:
        text += " " + words.gettext(
            "Did you mean {zones}?", zones=_either(error.suggestions, words)
        )
    example = error.suggestions[0] if error.suggestions else "Europe/Berlin"
    return (
        text
        + " "
        + words.gettext(
            "Use an Area/City name such as Europe/Berlin, America/New_York, Asia/Kolkata or "
            "UTC.\nExample: /timezone {zone}",
            zone=example,
        )
    )
