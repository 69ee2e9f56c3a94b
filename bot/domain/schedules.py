"""When a chat's scheduled posts fire: local wall-clock times, DST, periods."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import grammar
from bot.domain.languages import Lang


class Kind(StrEnum):
    """The kinds of scheduled work a chat has."""

    CHECKIN = "checkin"
    SUMMARY = "summary"
    MONTHLY_REVIEW = "review_monthly"
    QUARTERLY_REVIEW = "review_quarterly"
    REMINDERS = "reminders"
    HABITS = "habits"  # the daily habit prompt
    # Not a schedule of its own: the mentors' digest goes out with each summary.
    MENTOR_DIGEST = "mentor_digest"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_SETS = {"daily": WEEKDAYS, "weekdays": WEEKDAYS[:5], "weekends": WEEKDAYS[5:]}
QUARTER_MONTHS = (1, 4, 7, 10)
# Deadline reminders and nudges go out once a day, at this local time.
REMINDER_TIME = time(9, 0)
# The daily habit prompt's time until the chat sets its own.
HABIT_PROMPT_TIME = time(20, 0)
_CLOCK = re.compile(r"^(?P<h>\d{1,2})[:.](?P<m>\d{2})$")
# "7am", "4:30pm", "12pm": a 12-hour time.
_CLOCK_12 = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<half>am|pm)$", re.IGNORECASE)


@dataclass(frozen=True)
class Schedule:
    """One kind of scheduled post for one chat."""

    chat_id: int
    kind: Kind
    enabled: bool
    at: time = time(9, 0)
    days: tuple[str, ...] = ()
    day_of_month: int = 1
    lead_days: int = 2
    effective_from: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    # In a forum supergroup, the topic its posts go to (its message_thread_id) and the
    # topic's name when known; None: General.
    topic_id: int | None = None
    topic_name: str | None = None


# The kinds a chat posts on its schedules (the digest goes by direct message).
POSTED = (
    Kind.CHECKIN,
    Kind.SUMMARY,
    Kind.MONTHLY_REVIEW,
    Kind.QUARTERLY_REVIEW,
    Kind.REMINDERS,
    Kind.HABITS,
)


def digest_schedule(chat_id: int, summary: Schedule | None, since: datetime) -> Schedule:
    """The mentors' weekly digest: on the summary's first day and time, else Friday 17:00."""
    if summary is not None and summary.enabled and summary.days:
        return Schedule(
            chat_id, Kind.MENTOR_DIGEST, True, summary.at, summary.days[:1], effective_from=since
        )
    return Schedule(chat_id, Kind.MENTOR_DIGEST, True, time(17, 0), ("fri",), effective_from=since)


def default_schedules(chat_id: int, now: datetime) -> list[Schedule]:
    """What a newly registered chat gets."""
    return [
        Schedule(chat_id, Kind.CHECKIN, True, time(9, 0), ("mon",), effective_from=now),
        Schedule(chat_id, Kind.SUMMARY, True, time(17, 0), ("fri",), effective_from=now),
        Schedule(
            chat_id, Kind.MONTHLY_REVIEW, True, time(10, 0), day_of_month=1, effective_from=now
        ),
        Schedule(chat_id, Kind.QUARTERLY_REVIEW, True, time(10, 0), effective_from=now),
        Schedule(chat_id, Kind.REMINDERS, True, REMINDER_TIME, lead_days=2, effective_from=now),
        Schedule(chat_id, Kind.HABITS, True, HABIT_PROMPT_TIME, effective_from=now),
    ]


def parse_clock(text: str) -> time:
    """'09:00', '9:00', '17.30', '7am' or '4:30pm' as a time of day."""
    twelve = _CLOCK_12.fullmatch(text.strip())
    if twelve:
        hour, minute = int(twelve.group("h")), int(twelve.group("m") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise Usage(UsageProblem.BAD_TIME)
        return time(hour % 12 + (12 if twelve.group("half").lower() == "pm" else 0), minute)
    match = _CLOCK.fullmatch(text.strip())
    if not match or int(match.group("h")) > 23 or int(match.group("m")) > 59:
        raise Usage(UsageProblem.BAD_TIME)
    return time(int(match.group("h")), int(match.group("m")))


def _days_and_time(words: list[str]) -> tuple[str, str] | None:
    """'mon, thu 9 am' as words -> ('mon,thu', '9am'): the days, however listed, and the time."""
    if len(words) >= 2 and words[-1] in ("am", "pm"):
        words = [*words[:-2], words[-2] + words[-1]]
    days = [d for w in words[:-1] for d in w.split(",") if d and d != "and"]
    if not days:
        return None
    return ",".join(days), words[-1]


def parse_days(text: str, *, lang: Lang = Lang.EN) -> tuple[str, ...]:
    """'daily', 'weekdays', 'weekends', or a list such as 'mon,thu' ('täglich', 'Mo,Do')."""
    word = ",".join(_in_english(d, lang) for d in text.strip().lower().split(","))
    if word in DAY_SETS:
        return DAY_SETS[word]
    days = tuple(d.strip()[:3] for d in word.split(",") if d.strip())
    if not days or any(d not in WEEKDAYS for d in days):
        raise Usage(UsageProblem.BAD_DAYS)
    return tuple(d for d in WEEKDAYS if d in days)


def wall_time(day: date, at: time, tz: str) -> datetime:
    """The UTC moment a local wall-clock time happens on a day.

    A time that does not exist (clocks jump forward) fires at the next valid minute; a time
    that happens twice (clocks fall back) counts once, at its first occurrence.
    """
    zone = ZoneInfo(tz)
    local = datetime.combine(day, at, tzinfo=zone)  # fold=0: the first of two
    for _ in range(24 * 60):
        roundtrip = local.astimezone(UTC).astimezone(zone)
        if roundtrip.replace(tzinfo=None) == local.replace(tzinfo=None):
            return local.astimezone(UTC)
        local += timedelta(minutes=1)
    raise ValueError(f"no valid time near {day} {at} in {tz}")


def _fire_days(schedule: Schedule, start: date, end: date) -> list[date]:
    """Days between start and end (inclusive) on which the schedule fires."""
    days = []
    current = start
    while current <= end:
        if schedule.kind in (Kind.CHECKIN, Kind.SUMMARY):
            if WEEKDAYS[current.weekday()] in schedule.days:
                days.append(current)
        elif schedule.kind is Kind.MONTHLY_REVIEW:
            last = calendar.monthrange(current.year, current.month)[1]
            if current.day == min(schedule.day_of_month, last):
                days.append(current)
        elif schedule.kind is Kind.MENTOR_DIGEST:
            if WEEKDAYS[current.weekday()] in schedule.days:
                days.append(current)
        elif schedule.kind is Kind.QUARTERLY_REVIEW:
            if current.day == 1 and current.month in QUARTER_MONTHS:
                days.append(current)
        else:
            days.append(current)
        current += timedelta(days=1)
    return days


def fires_on(schedule: Schedule, day: date) -> bool:
    """True when the (enabled) schedule fires on this local day."""
    return schedule.enabled and bool(_fire_days(schedule, day, day))


def folded_into_quarterly(monthly_day: date, quarterly: Schedule | None) -> bool:
    """A monthly review on the day of a quarterly one is left out: the quarterly review asks
    for the same reflection, and its report covers the month too. One post, not two."""
    return quarterly is not None and fires_on(quarterly, monthly_day)


# How far to look for the previous or next firing of each kind.
_SEARCH = {
    Kind.CHECKIN: timedelta(days=8),
    Kind.SUMMARY: timedelta(days=8),
    Kind.MONTHLY_REVIEW: timedelta(days=32),
    Kind.QUARTERLY_REVIEW: timedelta(days=93),
    Kind.REMINDERS: timedelta(days=2),
    Kind.HABITS: timedelta(days=2),
    Kind.MENTOR_DIGEST: timedelta(days=8),
}


def latest_occurrence(
    schedule: Schedule, now: datetime, tz: str, *, owed_only: bool = True
) -> datetime | None:
    """The most recent firing at or before now.

    With owed_only, a firing from before the schedule took effect does not count: setting a
    schedule at 10:05 for 10:00 does not post at once.
    """
    today = now.astimezone(ZoneInfo(tz)).date()
    for day in reversed(_fire_days(schedule, today - _SEARCH[schedule.kind], today)):
        moment = wall_time(day, schedule.at, tz)
        if moment <= now:
            if owed_only and moment < schedule.effective_from:
                return None
            return moment
    return None


def next_occurrence(schedule: Schedule, now: datetime, tz: str) -> datetime | None:
    """The next firing strictly after now."""
    if not schedule.enabled:
        return None
    today = now.astimezone(ZoneInfo(tz)).date()
    for day in _fire_days(schedule, today, today + _SEARCH[schedule.kind]):
        moment = wall_time(day, schedule.at, tz)
        if moment > now:
            return moment
    return None


def checkin_prompt_for(
    schedule: Schedule, now: datetime, tz: str, member_tz: str | None = None
) -> datetime | None:
    """The firing of the check-in prompt whose period a check-in made now counts for.

    That is the latest firing at or before now, unless the prompt fires later today (in the
    checking-in member's own zone, member_tz, else the chat's): a check-in on the day of a
    prompt, before it is posted, is meant for the period that prompt opens, not the one that
    is ending. None: the schedule never fired.
    """
    upcoming = next_occurrence(schedule, now, tz)
    zone = ZoneInfo(member_tz or tz)
    if upcoming is not None and upcoming.astimezone(zone).date() == now.astimezone(zone).date():
        return upcoming
    return latest_occurrence(schedule, now, tz, owed_only=False)


@dataclass(frozen=True)
class PeriodDays:
    """The local days a check-in period covers: from its prompt's day to the day before the
    next prompt's."""

    first: date
    last: date


def checkin_period_days(schedule: Schedule, key: str) -> PeriodDays:
    """The days of the check-in period with this key (the local date of its prompt)."""
    first = date.fromisoformat(key)
    following = _fire_days(schedule, first + timedelta(days=1), first + _SEARCH[Kind.CHECKIN])
    return PeriodDays(first, following[0] - timedelta(days=1) if following else first)


def first_due(schedule: Schedule, tz: str) -> datetime | None:
    """The first firing at or after the schedule took effect (None when switched off)."""
    return next_occurrence(schedule, schedule.effective_from - timedelta(microseconds=1), tz)


def previous_occurrences(
    schedule: Schedule, before: datetime, tz: str, count: int, since: date | None = None
) -> list[datetime]:
    """Up to `count` firings strictly before `before`, newest first, on local days from
    `since` on if given (for streaks)."""
    found: list[datetime] = []
    end = before.astimezone(ZoneInfo(tz)).date()
    while len(found) < count:
        start = end - _SEARCH[schedule.kind]
        days = _fire_days(schedule, start, end)
        if not days and start < date(2000, 1, 1):
            break
        for day in reversed(days):
            moment = wall_time(day, schedule.at, tz)
            if moment < before and len(found) < count and (since is None or day >= since):
                found.append(moment)
        end = start - timedelta(days=1)
        if end < date(2000, 1, 1) or (since is not None and end < since):
            break
    return found


def period_key(kind: Kind, moment: datetime, tz: str) -> str:
    """The period a firing belongs to: one post per period, whatever the clocks do."""
    local = moment.astimezone(ZoneInfo(tz)).date()
    if kind is Kind.MONTHLY_REVIEW:
        return f"{local:%Y-%m}"
    if kind is Kind.QUARTERLY_REVIEW:
        return f"{local.year}-Q{(local.month - 1) // 3 + 1}"
    if kind is Kind.MENTOR_DIGEST:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.isoformat()


@dataclass(frozen=True)
class ScheduleChange:
    """What a /schedule command asks for; unset fields stay as they are."""

    kinds: tuple[Kind, ...]
    enabled: bool
    at: time | None = None
    days: tuple[str, ...] | None = None
    day_of_month: int | None = None
    lead_days: int | None = None


@dataclass(frozen=True)
class TopicChange:
    """/schedule here [kind]: these kinds' posts go where the command was sent (a forum topic,
    or General)."""

    kinds: tuple[Kind, ...]


_OFF_NAMES = {
    "checkin": (Kind.CHECKIN,),
    "checkins": (Kind.CHECKIN,),
    "summary": (Kind.SUMMARY,),
    "review": (Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW),
    "reviews": (Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW),
    "reminders": (Kind.REMINDERS,),
    "habits": (Kind.HABITS,),
    "habit": (Kind.HABITS,),
}


def _parse_here(rest: list[str]) -> TopicChange:
    """What follows /schedule here: nothing (every kind), or one kind."""
    if not rest:
        return TopicChange(POSTED)
    if len(rest) == 2 and rest[0] in ("review", "reviews") and rest[1] in ("monthly", "quarterly"):
        return TopicChange(
            (Kind.MONTHLY_REVIEW if rest[1] == "monthly" else Kind.QUARTERLY_REVIEW,)
        )
    if len(rest) == 1 and rest[0] in _OFF_NAMES:
        return TopicChange(_OFF_NAMES[rest[0]])
    raise Usage(UsageProblem.BAD_SCHEDULE_HERE)


def _in_english(word: str, lang: Lang) -> str:
    """A word of /schedule the English way: 'aus' -> 'off', 'Fr' or 'freitag' -> 'fri',
    'werktags' -> 'weekdays'; a list ('mo,do') word by word; any other word as it is."""
    if "," in word:
        return ",".join(_in_english(part, lang) for part in word.split(","))
    words = grammar(lang).words
    if word in words.schedule:
        return words.schedule[word]
    day = words.weekday_abbreviations.get(word, words.weekdays.get(word))
    return WEEKDAYS[day] if day is not None else word


def parse_schedule_command(text: str, *, lang: Lang = Lang.EN) -> ScheduleChange | TopicChange:
    """The arguments of /schedule (anything but the bare command), in the chat's language or
    English ('checkin werktags 9:00', 'zusammenfassung fr 17:00', 'привычки выкл')."""
    words = [_in_english(w, lang) for w in text.lower().split()]
    if not words:
        raise Usage(UsageProblem.BAD_SCHEDULE)
    head, rest = words[0], words[1:]
    if head == "here":
        return _parse_here(rest)
    if head in ("off", "on"):
        if (
            len(rest) == 2
            and rest[0] in ("review", "reviews")
            and rest[1] in ("monthly", "quarterly")
        ):
            kind = Kind.MONTHLY_REVIEW if rest[1] == "monthly" else Kind.QUARTERLY_REVIEW
            return ScheduleChange((kind,), head == "on")
        if len(rest) != 1 or rest[0] not in _OFF_NAMES:
            raise Usage(UsageProblem.BAD_SCHEDULE_OFF)
        return ScheduleChange(_OFF_NAMES[rest[0]], head == "on")
    if head in ("checkin", "checkins", "summary"):
        days_and_time = _days_and_time(rest)
        if days_and_time is None:
            summary = head == "summary"
            raise Usage(
                UsageProblem.BAD_SCHEDULE_SUMMARY if summary else UsageProblem.BAD_SCHEDULE_CHECKIN
            )
        days, at = days_and_time
        kind = Kind.SUMMARY if head == "summary" else Kind.CHECKIN
        return ScheduleChange((kind,), True, at=parse_clock(at), days=parse_days(days))
    if head == "review":
        if len(rest) == 3 and rest[0] == "monthly":
            if not rest[1].isdigit() or not 1 <= int(rest[1]) <= 31:
                raise Usage(UsageProblem.BAD_DAY_OF_MONTH)
            return ScheduleChange(
                (Kind.MONTHLY_REVIEW,), True, at=parse_clock(rest[2]), day_of_month=int(rest[1])
            )
        if len(rest) == 2 and rest[0] == "quarterly":
            return ScheduleChange((Kind.QUARTERLY_REVIEW,), True, at=parse_clock(rest[1]))
        raise Usage(UsageProblem.BAD_SCHEDULE_REVIEW)
    if head in ("habits", "habit"):
        if rest in (["off"], ["on"]):
            return ScheduleChange((Kind.HABITS,), rest[0] == "on")
        clock = "".join(rest)  # "20:00", "8pm", "8 pm"
        if len(rest) in (1, 2) and (_CLOCK.fullmatch(clock) or _CLOCK_12.fullmatch(clock)):
            return ScheduleChange((Kind.HABITS,), True, at=parse_clock(clock))
        raise Usage(UsageProblem.BAD_SCHEDULE_HABITS)
    if head == "reminders":
        if len(rest) in (1, 2) and rest[0].isdigit() and rest[1:] in ([], ["days"], ["day"]):
            lead = int(rest[0])
            if not 0 <= lead <= 30:
                raise Usage(UsageProblem.BAD_LEAD_DAYS)
            return ScheduleChange((Kind.REMINDERS,), True, lead_days=lead)
        if any(_CLOCK.fullmatch(w) or _CLOCK_12.fullmatch(w) or w in ("am", "pm") for w in rest):
            raise Usage(
                UsageProblem.REMINDER_TIME_FIXED
            )  # reminders have one time: say so, not "how many"
        raise Usage(UsageProblem.BAD_SCHEDULE_REMINDERS)
    raise Usage(UsageProblem.BAD_SCHEDULE)


def apply(schedule: Schedule, change: ScheduleChange, now: datetime) -> Schedule:
    """The schedule after a change (in the same topic); owed from now on."""
    return replace(
        schedule,
        enabled=change.enabled,
        at=change.at or schedule.at,
        days=change.days or schedule.days,
        day_of_month=change.day_of_month or schedule.day_of_month,
        lead_days=schedule.lead_days if change.lead_days is None else change.lead_days,
        effective_from=now,
    )
