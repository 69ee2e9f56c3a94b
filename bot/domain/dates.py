"""Dates as people type them, read in the chat's time zone."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

from bot.domain.errors import DateUnreadable

# Phrases people use for deadlines that dateparser does not read, said in its words instead.
_ALIASES = {
    "eom": "end of month",
    "eoy": "end of year",
    "end of the week": "end of week",
    "weekend": "saturday",
    "this weekend": "saturday",
    "christmas": "25 december",
    "christmas eve": "24 december",
    "new year": "1 january",
    "new year's day": "1 january",
    "new year's eve": "31 december",
    "new years eve": "31 december",
}
_QUARTER = re.compile(
    r"^(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?P<this>this\s+)?quarter|q(?P<q>[1-4]))$", re.IGNORECASE
)
_MID = re.compile(r"^mid[\s-]+(?P<month>[a-z]+)$", re.IGNORECASE)
_END_OF = re.compile(r"^\s*(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<rest>.+?)\s*$", re.IGNORECASE)
# dateparser reads "this month" / "next year" / "march" as a whole period; asking it to
# prefer the last day then gives the period's end. These are the bare words it needs help with.
_BARE_PERIOD = {"month": "this month", "year": "this year", "week": "sunday", "this week": "sunday"}


def local_today(now: datetime, tz: str) -> date:
    """Today's date in the chat's time zone."""
    return now.astimezone(ZoneInfo(tz)).date()


def is_timezone(name: str) -> bool:
    """True for a known IANA time zone name such as Europe/Berlin."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def parse_date(text: str, now: datetime, tz: str) -> date:
    """Read an ISO date or a phrase like 'next friday', 'in 3 weeks', 'end of month'."""
    phrase = " ".join(text.strip().split())
    if not phrase:
        raise DateUnreadable(text)
    base = now.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
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
        settings["PREFER_DAY_OF_MONTH"] = "last"
        settings["PREFER_MONTH_OF_YEAR"] = "last"
    # ISO dates are read strictly, so 2027-02-30 is an error rather than a guess.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return date.fromisoformat(phrase)
        except ValueError as exc:
            raise DateUnreadable(text) from exc
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        raise DateUnreadable(text)
    return parsed.date()


def _special(phrase: str, today: date) -> date | None:
    """End of a quarter, 'mid <month>', and 'next weekend': date arithmetic, not parsing."""
    quarter = _QUARTER.fullmatch(phrase)
    if quarter:
        number = int(quarter.group("q") or (today.month - 1) // 3 + 1)
        end = _quarter_end(today.year, number)
        return end if end >= today else _quarter_end(today.year + 1, number)
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
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(d: date, today: date) -> str:
    """'Fri 30 Apr 2027', dropping the year when it is this year."""
    text = f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"
