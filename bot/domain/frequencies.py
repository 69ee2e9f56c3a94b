"""Reading how often a habit is meant to happen, as people write it: "every day",
"3 times a week", "4x/week", "twice a month", "on weekdays", "mon, wed, fri",
"at least 4 days a week"; and its amount: "at least 20 pages", "at most 2 coffees"."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.domain.commands import MAX_NOTE, check_title, parse_goal_number
from bot.domain.errors import AmountReadsTwoWays, Usage, UsageProblem
from bot.domain.habits import ALL_DAYS, Amount, Direction, Frequency, Per
from bot.domain.numbers import CURRENCIES, read_amount

_COUNTS = {
    "once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_DAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_PERS = {"day": Per.DAY, "week": Per.WEEK, "month": Per.MONTH}
MAX_TIMES = {Per.DAY: 24, Per.WEEK: 7 * 24, Per.MONTH: 31 * 24}

_COUNT = r"(?<![:.,])(?P<n>\d{1,3}|" + "|".join(_COUNTS) + r")"
_UNIT = r"(?P<per>day|week|month)"
_DAY = r"(?:" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + r")s?"
_AND = r"\s*(?:,|/|&|\band\b|\+)\s*"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE))
    for name, pattern in (
        # "3 times a week", "4x/week", "4 x per week", "twice a month", "once every day",
        # "at least 4 days a week", "5 days per week"
        ("count", rf"(?:at least\s+)?{_COUNT}\s*(?:times?|x|days?)?\s*"
                  rf"(?:a|an|per|each|every|/|in\s+a)\s*{_UNIT}"),
        ("count", rf"{_COUNT}\s*(?:times?|x)\s+(?:a|per|each|every)?\s*{_UNIT}ly"),
        ("weekdays", r"(?:on\s+|every\s+)?(?:weekdays|week\s*days|every\s+weekday)"),
        ("weekends", r"(?:on\s+|every\s+)?(?:weekends|every\s+weekend)"),
        # "on mondays and thursdays", "every monday"; a bare day name only in a list
        # ("mon, wed, fri", "mon/wed/fri"), so "a walk in the sun" names no day
        ("days", rf"(?:on|every)\s+{_DAY}(?:{_AND}{_DAY})*"),
        ("days", rf"{_DAY}(?:{_AND}{_DAY})+"),
        ("daily", r"(?:every\s*day|each\s+day|daily|a\s+day|per\s+day|every\s+single\s+day)"),
        ("weekly", r"(?:every\s+week|each\s+week|weekly|a\s+week|per\s+week)"),
        ("monthly", r"(?:every\s+month|each\s+month|monthly|a\s+month|per\s+month)"),
    )
)  # fmt: skip
_AMOUNT = re.compile(
    r"(?<!\w)(?P<dir>at\s+least|at\s+most|no\s+more\s+than|min(?:imum)?|max(?:imum)?)\s+"
    r"(?P<value>\d[\d.,]*)\s*(?P<unit>[^\W\d][\w%]*)?",
    re.IGNORECASE,
)
_AT_MOST = ("at most", "no more than", "max", "maximum")
# "Learn to code in a month", "Take a day off", "a week in Rome": "a day" / "a week" that says
# how long or which, not how often. The word before or after gives it away.
_DURATION_BEFORE = frozenset({
    "in", "within", "for", "after", "over", "than", "of", "take", "takes", "taking", "spend",
    "spent", "plan", "book", "only", "just", "once", "half", "whole", "entire",
})  # fmt: skip
_DURATION_AFTER = frozenset({
    "off", "trip", "trips", "break", "away", "old", "long", "later", "ago", "early", "earlier",
    "late", "before",
})  # fmt: skip
# "3 a week" is a count; "$500 a month" and "save 500 a month" are money or amounts: a bare
# number (no "times", "x" or "days") reads as a count only up to what fits the period.
_BARE_COUNT_MAX = {Per.DAY: 12, Per.WEEK: 7, Per.MONTH: 31}
_SAYS_TIMES = re.compile(r"(?:times?|x|days?)\b|x(?=\s*/)", re.IGNORECASE)


@dataclass(frozen=True)
class FrequencyFound:
    """A frequency read from a text, and the text with those words taken out."""

    frequency: Frequency
    rest: str


def _day(word: str) -> int:
    word = word.lower()
    return _DAY_NAMES[word] if word in _DAY_NAMES else _DAY_NAMES[word[:-1]]


def _count(word: str) -> int:
    return int(word) if word.isascii() and word.isdigit() else _COUNTS[word.lower()]


def _frequency(name: str, match: re.Match[str]) -> Frequency | None:
    if name == "count":
        times, per = _count(match["n"]), _PERS[match["per"].lower()]
        if not 1 <= times <= MAX_TIMES[per]:
            return None
        return Frequency(times, per)
    if name == "weekdays":
        return Frequency(1, Per.DAY, frozenset(range(5)))
    if name == "weekends":
        return Frequency(1, Per.DAY, frozenset({5, 6}))
    if name == "days":
        words = re.findall(rf"(?<!\w){_DAY}(?!\w)", match[0], re.IGNORECASE)
        return Frequency(1, Per.DAY, frozenset(_day(w) for w in words) or ALL_DAYS)
    per = {"daily": Per.DAY, "weekly": Per.WEEK, "monthly": Per.MONTH}[name]
    return Frequency(1, per)


def _word_before(text: str, at: int) -> str:
    words = text[:at].split()
    return words[-1].lower() if words else ""


def _word_after(text: str, at: int) -> str:
    words = text[at:].split()
    return words[0].lower().strip(",.;:!?") if words else ""


def _not_a_frequency(name: str, match: re.Match[str], text: str) -> bool:
    """Words that look like a frequency and are not: a duration ("in a week"), a day off
    ("a day off"), money ("$500 a month") or an amount ("save 500 a month")."""
    if name == "count" and match["n"].isdigit():
        before = text[: match.start()].rstrip()
        if before.endswith(tuple(CURRENCIES)):
            return True
        said = _SAYS_TIMES.search(match[0], len(match["n"]))
        per = _PERS[match["per"].lower()]
        return said is None and int(match["n"]) > _BARE_COUNT_MAX[per]
    if name in ("daily", "weekly", "monthly") and match[0].lower().startswith("a"):
        return (
            _word_before(text, match.start()) in _DURATION_BEFORE
            or _word_after(text, match.end()) in _DURATION_AFTER
        )
    return False


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split())).strip(" ,;-")


def find_frequency(text: str) -> FrequencyFound | None:
    """The way of saying how often found in the text: the most specific where two overlap
    ("3 times a week" over "a week"), and the last where two do not, since how often comes
    after what ("weekly review every week": the title is "weekly review"); None when the
    text says none."""
    found: list[tuple[int, int, Frequency]] = []
    # Words that say a count no habit can have ("0 times a day"): no shorter reading inside
    # them ("a day") is taken either.
    refused: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if _not_a_frequency(name, match, text):
                continue
            frequency = _frequency(name, match)
            if frequency is None:
                refused.append(match.span())
                continue
            found.append((match.start(), match.end(), frequency))
    spans = refused + [(a, b) for a, b, _ in found]
    standing = [
        (a, b, f)
        for a, b, f in found
        if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans)
        and (a, b) not in refused
    ]
    if not standing:
        return None
    start, end, frequency = max(standing, key=lambda c: (c[0], c[1] - c[0]))
    if _mistyped_count(text[:start]):
        return None  # "3 tims a week" is not once a week: better asked than guessed
    return FrequencyFound(frequency, _tidy(text[:start] + " " + text[end:]))


_COUNT_BEFORE = re.compile(rf"(?<!\w){_COUNT}\s*(?P<word>[^\W\d]+)\s*$", re.IGNORECASE)


def _mistyped_count(before: str) -> bool:
    """True when the words before a period read like a count with "times" mistyped
    ("3 tims", "twice tmes"), not a count of something ("20 pages")."""
    match = _COUNT_BEFORE.search(before)
    if match is None:
        return False
    word = match["word"].lower()
    if word in ("times", "time", "x"):
        return False
    close = difflib.get_close_matches(word, ["times", "time"], n=1, cutoff=0.75)
    return word.startswith("t") and bool(close)  # "tims", "tiems"; not "items", "tomatoes"


@dataclass(frozen=True)
class AmountFound:
    """An amount read from a text ("at least 20 pages"), and the text without it."""

    amount: Amount
    rest: str


def find_amount(text: str) -> AmountFound | None:
    """An at-least or at-most amount in the text, if one is there. A number that reads two
    ways ("1,500": 1.5 or 1500) is refused rather than guessed."""
    match = _AMOUNT.search(text)
    if match is None:
        return None
    words = " ".join(match["dir"].lower().split())
    direction = Direction.AT_MOST if words in _AT_MOST else Direction.AT_LEAST
    readings = read_amount(match["value"].rstrip(".,"))
    if readings is None:
        raise Usage(UsageProblem.BAD_HABIT_AMOUNT)
    if len(readings) > 1:
        raise AmountReadsTwoWays(match["value"], readings)
    amount = Amount(direction, readings[0], (match["unit"] or "").lower())
    return AmountFound(amount, _tidy(text[: match.start()] + " " + text[match.end() :]))


# -- /habit and /did ----------------------------------------------------------------------

_UNTIL = re.compile(r"\s+(?:until|till|til|through)\s+", re.IGNORECASE)
_YESTERDAY = re.compile(r"^yesterday\b\s*", re.IGNORECASE)
# A day further back than yesterday, as people write one: "2 days ago", "the day before
# yesterday", "last friday", "on monday", "monday", "28.11.", "2026-11-28". Refused, never
# read as an amount and a note ("2" and "days ago") logged for today.
_FURTHER_BACK = re.compile(
    r"^(?:\d+\s*days?\s+ago|(?:the\s+)?day\s+before\s+yesterday|"
    rf"(?:(?:last|on)\s+)?{_DAY}|(?:on\s+)?\d{{1,2}}[./]\d{{1,2}}[./]\d{{0,4}}|"
    r"(?:on\s+)?\d{4}-\d{2}-\d{2})(?!\w)",
    re.IGNORECASE,
)
_FIRST = re.compile(r"^(?P<first>\S+)\s*(?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class HabitSpec:
    """/habit <title> <frequency> [at least|at most <amount> <unit>] [until <date>]."""

    title: str
    frequency: Frequency
    amount: Amount | None = None
    until_text: str | None = None


def parse_habit(text: str) -> HabitSpec:
    """Read /habit's words: a frequency is required; an amount and an end are not."""
    text = " ".join(text.split())
    until_text = None
    parts = _UNTIL.split(" " + text, maxsplit=1)
    if len(parts) == 2:
        text, until_text = parts[0].strip(), parts[1].strip()
        if not until_text:
            raise Usage(UsageProblem.NO_DATE)
    found = find_frequency(text)
    if found is None:
        raise Usage(UsageProblem.NO_FREQUENCY)
    amount = find_amount(found.rest)
    title = amount.rest if amount is not None else found.rest
    return HabitSpec(
        check_title(title), found.frequency, amount.amount if amount else None, until_text
    )


@dataclass(frozen=True)
class DidSpec:
    """/did <habit#> [yesterday] [amount] [note]: the amount as it may read, and what follows."""

    number: int
    yesterday: bool = False
    readings: tuple[float, ...] = ()
    rest: str = ""


def parse_did(text: str) -> DidSpec:
    """Read /did's words; the service tells a unit from a note (it knows the habit's unit)."""
    match = _FIRST.match(text.strip())
    if match is None:
        raise Usage(UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(match["first"])
    rest = match["rest"]
    yesterday = _YESTERDAY.match(rest)
    if yesterday:
        rest = rest[yesterday.end() :]
    elif _FURTHER_BACK.match(rest):
        raise Usage(UsageProblem.DID_TOO_FAR_BACK)
    readings: tuple[float, ...] = ()
    value = _FIRST.match(rest)
    if value is not None and value["first"][:1] in ("-", "−") and value["first"][1:2].isdigit():
        raise Usage(UsageProblem.NEGATIVE_DID)  # "-5 pages" is no amount done
    if value is not None and value["first"][0].isdigit():
        read = read_amount(value["first"])
        if read is None:
            raise Usage(UsageProblem.BAD_VALUE)
        readings, rest = read, value["rest"]
        # "20 pages yesterday": the day may come after the amount (and its unit) too.
        late = re.match(r"^(?:(?P<unit>[^\W\d]\S*)\s+)?yesterday\b\s*", rest, re.IGNORECASE)
        if late is not None and not yesterday:
            yesterday = late
            rest = f"{late['unit'] or ''} {rest[late.end() :]}".strip()
    if len(rest) > MAX_NOTE:
        raise Usage(UsageProblem.LONG_NOTE)
    return DidSpec(number, yesterday is not None, readings, rest.strip())
