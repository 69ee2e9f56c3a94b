"""Dates as people type them, read in the chat's time zone."""

from __future__ import annotations

import calendar
import difflib
import functools
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser
from babel.dates import get_timezone_location
from dateparser.date import DateData, DateDataParser

from bot.domain.errors import BeyondHorizon, DateUnreadable
from bot.domain.grammar import grammar
from bot.domain.languages import Lang

# Phrases people use for deadlines that dateparser does not read, said in its words instead.
_ALIASES = {
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "eom": "end of month",
    "eoy": "end of year",
    "weekend": "saturday",
    "this weekend": "saturday",
    "christmas": "25 december",
    "christmas eve": "24 december",
    "new year": "1 january",
    "new year's day": "1 january",
    "new year's eve": "31 december",
    "new years eve": "31 december",
}
# "end of quarter", "end of next quarter", "q2", "end of q1 2027": a quarter's last day.
_QUARTER = re.compile(
    r"^(?:(?:the\s+)?end\s+of\s+(?:the\s+)?)?"
    r"(?:(?:this\s+|(?P<next>next\s+))?quarter|q(?P<q>[1-4])(?:\s+(?P<year>\d{4}))?)$",
    re.IGNORECASE,
)
_WEEK_END = re.compile(
    r"^(?:the\s+)?end\s+of\s+(?:the\s+)?(?:this\s+|(?P<next>next\s+))?week$", re.IGNORECASE
)
_MID = re.compile(r"^mid[\s-]+(?P<month>[a-z]+)$", re.IGNORECASE)
_END_OF = re.compile(r"^\s*(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<rest>.+?)\s*$", re.IGNORECASE)
# dateparser reads "this month" / "next year" / "march" as a whole period; asking it to
# prefer the last day then gives the period's end. These are the bare words it needs help with.
_BARE_PERIOD = {"month": "this month", "year": "this year"}
# Spans from today ("in 2 months", "next month") are read apart from dates on the calendar
# ("march", "2027", "the 1st", "31/12"), which may name a whole period or leave a part out.
_FROM_TODAY = ["relative-time"]
_ON_THE_CALENDAR = ["timestamp", "custom-formats", "absolute-time"]
_END_OF_PERIOD = {"PREFER_DAY_OF_MONTH": "last", "PREFER_MONTH_OF_YEAR": "last"}
# Day first, as written across Europe: 15.02., 3.1., 15.2.27, 15.02.2027, 15/02, 15/02/2027.
# Read here rather than by dateparser, which takes "15.02." for a quarter past three today.
_NUMERIC = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[./])(?P<month>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2})?)?\.?"
)
# "next month" and "this week" mean the period's end, whether after "by" or ending a title.
_PERIOD = re.compile(r"(?:this|next)\s+(?:week|month|quarter|year)", re.IGNORECASE)


def local_today(now: datetime, tz: str) -> date:
    """Today's date in the chat's time zone."""
    return now.astimezone(ZoneInfo(tz)).date()


# A member's clock is shown beside their name where it is this far from the group's.
FAR_APART = timedelta(hours=3)


@dataclass(frozen=True)
class LocalClock:
    """A member's own clock at a moment: the time there and the zone."""

    at: datetime
    zone: str


def far_clock(zone: str | None, group_zone: str, now: datetime) -> LocalClock | None:
    """The member's clock now, when their own zone is 3 hours or more from the group's (at
    this moment: the two may change for summer time on different dates); else None."""
    if zone is None or zone == group_zone:
        return None
    mine = now.astimezone(ZoneInfo(zone))
    offset, theirs = mine.utcoffset(), now.astimezone(ZoneInfo(group_zone)).utcoffset()
    assert offset is not None and theirs is not None
    return LocalClock(mine, zone) if abs(offset - theirs) >= FAR_APART else None


def is_timezone(name: str) -> bool:
    """True for a known IANA time zone name such as Europe/Berlin."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


_DAY_ALONE = re.compile(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?", re.IGNORECASE)
_OFFSET = re.compile(r"^(?:utc|gmt)?[+-]\d", re.IGNORECASE)


# The areas of the zone database's own names. Older aliases (US/Eastern, Brazil/East) are
# accepted when typed in full, but never suggested.
_AREAS = (
    "Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
    "Europe/", "Indian/", "Pacific/",
)  # fmt: skip


@functools.cache
def _zones() -> dict[str, str]:
    """Every zone name with a "/" (and UTC), by its lower-case form, read once."""
    names = [n for n in zoneinfo.available_timezones() if "/" in n]
    return {n.lower(): n for n in [*names, "UTC"]}


@functools.cache
def _cities() -> dict[str, list[str]]:
    """The zones worth suggesting, by their last part ("berlin": ["Europe/Berlin"]) and by
    their city as each of the bot's languages names it (CLDR's, through Babel: "moskau",
    "москва", "nueva_york")."""
    found: dict[str, list[str]] = {}
    for name in sorted(_zones().values()):
        if name.startswith(_AREAS):
            found.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
            for lang in Lang:
                city = get_timezone_location(name, locale=lang.babel, return_city=True)
                key = "_".join(city.casefold().split())
                if name not in found.setdefault(key, []):
                    found[key].append(name)
    return found


# What a member writes after /timezone, in their private chat, to go back to each chat's zone.
OWN_ZONE_OFF = frozenset({"off", "clear", "reset", "none"})


def find_timezone(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The zone a member names, in any case ("europe/berlin"); else None and up to three zones
    to suggest, for a city alone ("Berlin", "new york") or a near miss ("Tokio"). A guess is
    never taken on its own: one word can name places a day apart."""
    wanted = "_".join(text.strip().split()).lower()
    zones = _zones()
    if wanted in zones:
        return zones[wanted], ()
    if len(wanted) < 4 or _OFFSET.match(wanted):
        return None, ()  # CET, EST, UTC+2: abbreviations and offsets name no one place
    cities = _cities()
    guesses = list(cities.get(wanted, []))
    whole = [zones[k] for k in difflib.get_close_matches(wanted, zones, n=3, cutoff=0.75)]
    guesses += [name for name in whole if name.startswith(_AREAS)]
    for city in difflib.get_close_matches(wanted, cities, n=3, cutoff=0.75):
        guesses += cities[city]
    return None, tuple(dict.fromkeys(guesses))[:3]


HORIZON_YEARS = 10  # no date further ahead than this is read: every picture, report and
# calendar works up to it, and nobody plans a deadline in 9999


def horizon(today: date) -> date:
    """The last day a date may name."""
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def parse_date(text: str, now: datetime, tz: str, *, lang: Lang = Lang.EN) -> date:
    """Read an ISO date or a phrase like 'next friday', 'in 3 weeks', 'end of month', in the
    chat's language or English ("bis Ende März", "hasta el 30 de abril"); a date beyond the
    horizon is refused (BeyondHorizon)."""
    read = _parse_date(text, now, tz, lang)
    today = local_today(now, tz)
    if read > horizon(today):
        raise BeyondHorizon(read, horizon(today), today)
    return read


def _parse_date(text: str, now: datetime, tz: str, lang: Lang) -> date:
    reading = grammar(lang)
    phrase = " ".join(text.strip().split())
    # "by 15.02." typed where only the date is asked for (the guided /goal, /reschedule,
    # "until by …"): the same date as after "by" in a /goal.
    phrase = reading.leading_by.sub("", phrase)
    if not phrase:
        raise DateUnreadable(text)
    phrase = reading.date_in_english(phrase)
    languages = reading.words.dateparser
    base = now.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    numeric = _NUMERIC.fullmatch(phrase)
    if numeric:
        return _numeric_date(numeric, base.date(), text)
    if _PERIOD.fullmatch(phrase):
        phrase = f"end of {phrase}"
    special = _special(phrase.lower(), base.date())
    if special is not None:
        return special
    phrase = _ALIASES.get(phrase.lower(), phrase)
    settings: dict[str, object] = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    end_of = _END_OF.match(phrase)
    if end_of:
        rest = end_of.group("rest").lower()
        phrase = _BARE_PERIOD.get(rest, rest)
        settings.update(_END_OF_PERIOD)
    # ISO dates are read strictly, so 2027-02-30 is an error rather than a guess.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return date.fromisoformat(phrase)
        except ValueError as exc:
            raise DateUnreadable(text) from exc
    from_today = _read(phrase, {**settings, "PARSERS": _FROM_TODAY}, languages).date_obj
    if from_today is not None:
        return from_today.date()
    on_calendar = _read_calendar(
        phrase, {**settings, "PARSERS": _ON_THE_CALENDAR}, base.date(), languages
    )
    if on_calendar is None:
        raise DateUnreadable(text)
    return on_calendar


def _numeric_date(found: re.Match[str], today: date, text: str) -> date:
    """A date written in numbers, day first; without a year, the next such day from today.
    A slashed date that only fits month first (12/31) is read so; anything else that is not
    a real day (31.02., 1.13.) is refused, never guessed."""
    day, month = int(found.group("day")), int(found.group("month"))
    if found.group("sep") == "/" and month > 12 >= day:
        day, month = month, day
    year_text = found.group("year")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        years = [year]
    else:  # the next such day: this year's, else next year's (29.02. waits for a leap year)
        years = list(range(today.year, today.year + 9))
    for year in years:
        try:
            written = date(year, month, day)
        except ValueError:
            continue
        if year_text or written >= today:
            return written
    raise DateUnreadable(text, no_such_day=True)  # 31.02., 1.13., 29.02.2027


def _read(phrase: str, settings: dict[str, object], languages: tuple[str, ...]) -> DateData:
    """What dateparser makes of a phrase, with the parts it read and those it filled in."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in settings.items()))
    return date_parser(languages, frozen).get_date_data(phrase)


@functools.lru_cache(maxsize=256)
def date_parser(
    languages: tuple[str, ...], settings: tuple[tuple[str, object], ...]
) -> DateDataParser:
    """A dateparser reader of these languages only (never all of them: slower, and it
    guesses wrong), kept for reuse. Bounded: the key holds the chat's moment, so entries for
    past moments are never asked for again and fall out; processes need not agree."""
    given = {k: list(v) if isinstance(v, tuple) else v for k, v in settings}
    return DateDataParser(languages=list(languages), settings=given)


def _parts(data: DateData) -> set[str]:
    """The parts of the date the person typed, as opposed to those dateparser filled in."""
    return set(data.parts)  # type: ignore[attr-defined]  # DateData.parts is new in 1.5


def _read_calendar(
    phrase: str, settings: dict[str, object], today: date, languages: tuple[str, ...]
) -> date | None:
    """A date on the calendar, with the parts people leave out filled in for a deadline."""
    data = _read(phrase, settings, languages)
    parts = _parts(data)
    if {"day", "year"} <= parts and "month" not in parts:
        # "12/31" read as the 12th of this month in 2031: a year made up from a day or month.
        # Day first did not fit, so the numbers can only be month and day, or not a date.
        data = _read(
            phrase,
            {**settings, "DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month"]},
            languages,
        )
    elif parts and parts <= {"month", "year"}:
        # A month or a year alone is a deadline at its end: "by march" is 31 March.
        data = _read(phrase, {**settings, **_END_OF_PERIOD}, languages)
    elif data.date_obj is None or parts == {"day"}:
        if not _DAY_ALONE.fullmatch(phrase):
            return None  # "+5", "in 5", "one": not a day of the month anyone writes so
        return _next_day_of_month(phrase, settings, today, data, languages)
    return data.date_obj.date() if data.date_obj else None


def _next_day_of_month(
    phrase: str,
    settings: dict[str, object],
    today: date,
    data: DateData,
    languages: tuple[str, ...],
) -> date | None:
    """'the 1st', '15': the next such day. dateparser reads a day alone in this month, past or
    not, and not at all when this month is too short for it (the 31st in November)."""
    for months_ahead in range(3):  # any day of the month comes round within three months
        start = _month_start(today, months_ahead)
        if months_ahead:
            month_base = datetime.combine(start, datetime.min.time())
            data = _read(phrase, {**settings, "RELATIVE_BASE": month_base}, languages)
        day = data.date_obj.date() if data.date_obj is not None else None
        # The 29th read in a February of 28 days moves to a leap year: not the next such day.
        if day and _parts(data) == {"day"} and day > today and day.replace(day=1) == start:
            return day
    return None


def _month_start(today: date, months_ahead: int) -> date:
    years, month = divmod(today.month - 1 + months_ahead, 12)
    return date(today.year + years, month + 1, 1)


def _special(phrase: str, today: date) -> date | None:
    """End of a week or quarter, 'mid <month>', 'next weekend': date arithmetic, not parsing."""
    week_end = _WEEK_END.fullmatch(phrase)
    if week_end:
        # Weeks end on Sunday; on a Sunday "end of week" is the next one, as dateparser reads
        # "sunday" from today. "End of next week" is the Sunday after that.
        sunday = today + timedelta(days=6 - today.weekday() or 7)
        return sunday + timedelta(weeks=1) if week_end.group("next") else sunday
    quarter = _QUARTER.fullmatch(phrase)
    if quarter:
        if quarter.group("year"):
            return _quarter_end(int(quarter.group("year")), int(quarter.group("q")))
        number = int(quarter.group("q") or (today.month - 1) // 3 + 1)
        if quarter.group("next"):
            number += 1
        year, number = today.year + (number - 1) // 4, (number - 1) % 4 + 1
        end = _quarter_end(year, number)
        return end if end >= today else _quarter_end(year + 1, number)
    mid = _MID.fullmatch(phrase)
    if mid:
        parsed = dateparser.parse(f"15 {mid.group('month')}", languages=["en"],
                                  settings={"PREFER_DATES_FROM": "future",
                                            "RELATIVE_BASE": datetime.combine(today, datetime.min.time())})  # fmt: skip
        return parsed.date() if parsed else None
    if phrase == "next weekend":
        return today + timedelta(days=(5 - today.weekday()) % 7 + 7)
    return None


def _quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def humanize_days(days: int) -> str:
    """'today', 'tomorrow', 'in 4 days', 'in 3 weeks', 'in 5 months', '2 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    n = abs(days)
    if n < 14:
        amount = f"{n} days"
    elif n < 60:
        amount = f"{round(n / 7)} weeks"
    elif n < 730:
        amount = f"{round(n / 30.44)} months"
    else:
        amount = f"{round(n / 365.25)} years"
    return f"in {amount}" if days > 0 else f"{amount} ago"


# English names whatever the machine's locale (strftime's %a and %b follow it); a table is also
# several times faster, and a scheduled fan-out formats tens of thousands of days.
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # English, short
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(d: date, today: date) -> str:
    """'Fri 30 Apr 2027', dropping the year when it is this year."""
    text = f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"
