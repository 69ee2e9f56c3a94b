"""Reading how often a habit is meant to happen, as people write it: "every day",
"3 times a week", "4x/week", "twice a month", "on weekdays", "mon, wed, fri",
"at least 4 days a week"; and its amount: "at least 20 pages", "at most 2 coffees"."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from bot.domain.commands import MAX_NOTE, check_title, parse_goal_number
from bot.domain.errors import AmountReadsTwoWays, Usage, UsageProblem
from bot.domain.grammar import Words, alt, grammar
from bot.domain.habits import ALL_DAYS, Amount, Direction, Frequency, Per
from bot.domain.languages import Lang
from bot.domain.numbers import CURRENCIES, read_amount

_PERS = {"day": Per.DAY, "week": Per.WEEK, "month": Per.MONTH}
MAX_TIMES = {Per.DAY: 24, Per.WEEK: 7 * 24, Per.MONTH: 31 * 24}
# "3 a week" is a count; "$500 a month" and "save 500 a month" are money or amounts: a bare
# number (no "times", "x" or "days") reads as a count only up to what fits the period.
_BARE_COUNT_MAX = {Per.DAY: 12, Per.WEEK: 7, Per.MONTH: 31}


@dataclass(frozen=True)
class _Reading:
    """The patterns of how often, and of an amount, in one language (and English)."""

    words: Words
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    day: str  # a weekday's name, as a regular expression
    amount: re.Pattern[str]
    says_times: re.Pattern[str]
    count_before: re.Pattern[str]
    until: re.Pattern[str]
    yesterday: re.Pattern[str]
    late_yesterday: re.Pattern[str]
    further_back: re.Pattern[str]


@functools.cache
def _reading(lang: Lang) -> _Reading:
    w = grammar(lang).words
    count = rf"(?<![:.,])(?P<n>\d{{1,3}}|{alt(w.counts)})"
    unit = rf"(?P<per>{alt(w.units)})"
    day = rf"(?:{alt(w.weekdays)})"
    joined = rf"\s*(?:,|/|&|\+|(?<!\w)(?:{alt(w.and_words)})(?!\w))\s*"
    times = alt(w.times)
    every = alt(w.on_days)
    patterns = tuple(
        (name, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE))
        for name, pattern in (
            # "3 times a week", "4x/week", "4 x per week", "twice a month", "once every day",
            # "at least 4 days a week", "5 days per week", "3 mal pro Woche", "3 раза в неделю"
            ("count", rf"(?:(?:{alt(w.at_least)})\s+)?{count}\s*(?:{times}|{alt(w.count_days)})?"
                      rf"\s*(?:{alt(w.per)})\s*{unit}"),
            ("count", rf"{count}\s*(?:times?|x)\s+(?:a|per|each|every)?\s*"
                      r"(?P<per>day|week|month)ly"),
            ("weekdays", alt(w.on_weekdays)),
            ("weekends", alt(w.on_weekends)),
            # "on mondays and thursdays", "every monday", "jeden Montag", "по понедельникам";
            # a bare day name only in a list ("mon, wed, fri"), so "a walk in the sun" names
            # no day
            ("days", rf"(?:{every})\s+{day}(?:{joined}{day})*"),
            ("days", rf"{day}(?:{joined}{day})+"),
            ("days", alt(w.weekday_adverbs)),  # "montags": on Mondays
            ("daily", alt(w.daily)),
            ("weekly", alt(w.weekly)),
            ("monthly", alt(w.monthly)),
        )
    )  # fmt: skip
    amount = re.compile(
        rf"(?<!\w)(?P<dir>{alt((*w.at_least, *w.at_most))})\s+"
        r"(?P<value>\d[\d.,]*)\s*(?P<unit>[^\W\d][\w%]*)?",
        re.IGNORECASE,
    )
    says_times = re.compile(rf"(?:{times}|{alt(w.count_days)})(?!\w)|x(?=\s*/)", re.IGNORECASE)
    count_before = re.compile(rf"(?<!\w){count}\s*(?P<word>[^\W\d]+)\s*$", re.IGNORECASE)
    yesterday = alt(w.yesterday)
    # A day further back than yesterday, as people write one: "2 days ago", "the day before
    # yesterday", "last friday", "on monday", "monday", "28.11.", "2026-11-28". Refused, never
    # read as an amount and a note ("2" and "days ago") logged for today.
    further_back = re.compile(
        rf"^(?:\d+\s*days?\s+ago|{alt(w.before_yesterday)}|"
        rf"(?:(?:last|on|{every})\s+)?{day}|(?:on\s+)?\d{{1,2}}[./]\d{{1,2}}[./]\d{{0,4}}|"
        r"(?:on\s+)?\d{4}-\d{2}-\d{2})(?!\w)",
        re.IGNORECASE,
    )
    return _Reading(
        words=w,
        patterns=patterns,
        day=day,
        amount=amount,
        says_times=says_times,
        count_before=count_before,
        until=grammar(lang).until,
        yesterday=re.compile(rf"^(?:{yesterday})(?!\w)\s*", re.IGNORECASE),
        late_yesterday=re.compile(
            rf"^(?:(?P<unit>[^\W\d]\S*)\s+)?(?:{yesterday})(?!\w)\s*", re.IGNORECASE
        ),
        further_back=further_back,
    )


@dataclass(frozen=True)
class FrequencyFound:
    """A frequency read from a text, and the text with those words taken out."""

    frequency: Frequency
    rest: str


def _day(word: str, words: Words) -> int:
    word = " ".join(word.lower().split())
    return words.weekdays.get(word, words.weekdays.get(word[:-1], 0))


def _count(word: str, words: Words) -> int:
    return int(word) if word.isascii() and word.isdigit() else words.counts[word.lower()]


def _per(word: str, words: Words) -> Per:
    return _PERS[words.units.get(word.lower(), word.lower())]


def _frequency(name: str, match: re.Match[str], reading: _Reading) -> Frequency | None:
    words = reading.words
    if name == "count":
        times, per = _count(match["n"], words), _per(match["per"], words)
        if not 1 <= times <= MAX_TIMES[per]:
            return None
        return Frequency(times, per)
    if name == "weekdays":
        return Frequency(1, Per.DAY, frozenset(range(5)))
    if name == "weekends":
        return Frequency(1, Per.DAY, frozenset({5, 6}))
    if name == "days":
        names = re.findall(rf"(?<!\w){reading.day}(?!\w)", match[0], re.IGNORECASE)
        return Frequency(1, Per.DAY, frozenset(_day(n, words) for n in names) or ALL_DAYS)
    per = {"daily": Per.DAY, "weekly": Per.WEEK, "monthly": Per.MONTH}[name]
    return Frequency(1, per)


def _word_before(text: str, at: int) -> str:
    words = text[:at].split()
    return words[-1].lower() if words else ""


def _word_after(text: str, at: int) -> str:
    words = text[at:].split()
    return words[0].lower().strip(",.;:!?") if words else ""


def _not_a_frequency(name: str, match: re.Match[str], text: str, reading: _Reading) -> bool:
    """Words that look like a frequency and are not: a duration ("in a week"), a day off
    ("a day off"), money ("$500 a month") or an amount ("save 500 a month")."""
    if name == "count" and match["n"].isdigit():
        before = text[: match.start()].rstrip()
        if before.endswith(tuple(CURRENCIES)):
            return True
        said = reading.says_times.search(match[0], len(match["n"]))
        per = _per(match["per"], reading.words)
        return said is None and int(match["n"]) > _BARE_COUNT_MAX[per]
    if name in ("daily", "weekly", "monthly") and match[0].lower().startswith("a"):
        return (
            _word_before(text, match.start()) in reading.words.duration_before
            or _word_after(text, match.end()) in reading.words.duration_after
        )
    return False


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split())).strip(" ,;-")


def find_frequency(text: str, *, lang: Lang = Lang.EN) -> FrequencyFound | None:
    """The way of saying how often found in the text: the most specific where two overlap
    ("3 times a week" over "a week"), and the last where two do not, since how often comes
    after what ("weekly review every week": the title is "weekly review"); None when the
    text says none."""
    reading = _reading(lang)
    found: list[tuple[int, int, Frequency]] = []
    # Words that say a count no habit can have ("0 times a day"): no shorter reading inside
    # them ("a day") is taken either.
    refused: list[tuple[int, int]] = []
    for name, pattern in reading.patterns:
        for match in pattern.finditer(text):
            if _not_a_frequency(name, match, text, reading):
                continue
            frequency = _frequency(name, match, reading)
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
    if _mistyped_count(text[:start], reading):
        return None  # "3 tims a week" is not once a week: better asked than guessed
    return FrequencyFound(frequency, _tidy(text[:start] + " " + text[end:]))


def _mistyped_count(before: str, reading: _Reading) -> bool:
    """True when the words before a period read like a count with "times" mistyped
    ("3 tims", "twice tmes", "3 mla"), not a count of something ("20 pages")."""
    match = reading.count_before.search(before)
    if match is None:
        return False
    word = match["word"].lower()
    said = [t for t in reading.words.times if len(t) > 1]
    if word in reading.words.times:
        return False
    close = difflib.get_close_matches(word, said, n=1, cutoff=0.75)
    # "tims", "tiems"; not "items", "tomatoes"
    return bool(close) and word[:1] == close[0][:1]


@dataclass(frozen=True)
class AmountFound:
    """An amount read from a text ("at least 20 pages"), and the text without it."""

    amount: Amount
    rest: str


def find_amount(text: str, *, lang: Lang = Lang.EN) -> AmountFound | None:
    """An at-least or at-most amount in the text, if one is there. A number that reads two
    ways ("1,500" in English: 1.5 or 1500) is refused rather than guessed."""
    reading = _reading(lang)
    match = reading.amount.search(text)
    if match is None:
        return None
    words = " ".join(match["dir"].lower().split())
    direction = Direction.AT_MOST if words in reading.words.at_most else Direction.AT_LEAST
    readings = read_amount(match["value"].rstrip(".,"), lang=lang)
    if readings is None:
        raise Usage(UsageProblem.BAD_HABIT_AMOUNT)
    if len(readings) > 1:
        raise AmountReadsTwoWays(match["value"], readings)
    amount = Amount(direction, readings[0], match["unit"] or "")  # as written: "Seiten"
    return AmountFound(amount, _tidy(text[: match.start()] + " " + text[match.end() :]))


# -- /habit and /did ----------------------------------------------------------------------

_FIRST = re.compile(r"^(?P<first>\S+)\s*(?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class HabitSpec:
    """/habit <title> <frequency> [at least|at most <amount> <unit>] [until <date>]."""

    title: str
    frequency: Frequency
    amount: Amount | None = None
    until_text: str | None = None


def parse_habit(text: str, *, lang: Lang = Lang.EN) -> HabitSpec:
    """Read /habit's words: a frequency is required; an amount and an end are not."""
    text = " ".join(text.split())
    until_text = None
    parts = _reading(lang).until.split(" " + text, maxsplit=1)
    if len(parts) == 2:
        text, until_text = parts[0].strip(), parts[1].strip()
        if not until_text:
            raise Usage(UsageProblem.NO_DATE)
    found = find_frequency(text, lang=lang)
    if found is None:
        raise Usage(UsageProblem.NO_FREQUENCY)
    amount = find_amount(found.rest, lang=lang)
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


def parse_did(text: str, *, lang: Lang = Lang.EN) -> DidSpec:
    """Read /did's words; the service tells a unit from a note (it knows the habit's unit)."""
    reading = _reading(lang)
    match = _FIRST.match(text.strip())
    if match is None:
        raise Usage(UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(match["first"])
    rest = match["rest"]
    yesterday = reading.yesterday.match(rest)
    if yesterday:
        rest = rest[yesterday.end() :]
    elif reading.further_back.match(rest):
        raise Usage(UsageProblem.DID_TOO_FAR_BACK)
    readings: tuple[float, ...] = ()
    value = _FIRST.match(rest)
    if value is not None and value["first"][:1] in ("-", "−") and value["first"][1:2].isdigit():
        raise Usage(UsageProblem.NEGATIVE_DID)  # "-5 pages" is no amount done
    if value is not None and value["first"][0].isdigit():
        read = read_amount(value["first"], lang=lang)
        if read is None:
            raise Usage(UsageProblem.BAD_VALUE)
        readings, rest = read, value["rest"]
        # "20 pages yesterday": the day may come after the amount (and its unit) too.
        late = reading.late_yesterday.match(rest)
        if late is not None and not yesterday:
            yesterday = late
            rest = f"{late['unit'] or ''} {rest[late.end() :]}".strip()
    if len(rest) > MAX_NOTE:
        raise Usage(UsageProblem.LONG_NOTE)
    return DidSpec(number, yesterday is not None, readings, rest.strip())
