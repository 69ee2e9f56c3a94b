"""Numbers as people type and read them."""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from babel.numbers import get_decimal_symbol, get_group_symbol

from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import words_of
from bot.domain.languages import Lang

# One separator and exactly three digits after it: "79,250", "1.500", "10.000". A decimal
# point to some people, a thousands separator to others: both readings are kept.
_EITHER = re.compile(r"^(?P<whole>[1-9]\d{0,2})[.,](?P<part>\d{3})$")
# Grouped so that only one reading fits: "1,000,000", "1,500.5", "1.000.000", "1.500,5".
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:(?:,\d{3}){2,}(?:\.\d{1,4})?|(?:,\d{3})+\.\d{1,4})$")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:(?:\.\d{3}){2,}(?:,\d{1,4})?|(?:\.\d{3})+,\d{1,4})$")
_NUMBER = re.compile(r"^\d{1,12}(?:[.,]\d{1,4})?$")
# '42 km', '5.5kg', '5000€', '1,000 EUR', '27:30': a number, then a unit spaced or glued on.
_WITH_UNIT = re.compile(
    r"^(?P<amount>\d[\d.,:]*)(?:\s+(?P<spaced>.+?)|(?P<glued>[^\d\s.,:][^\d]*?))?\s*$"
)
# A time as a stopwatch shows it, counted in minutes: '27:30', '1:45:00'.
_CLOCK = re.compile(r"^(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,3}):(?P<s>[0-5]\d)$")
# '10k USD', '1.5M', '50к': thousands and millions, glued to the number.
_SCALED = re.compile(r"^(?P<scale>[kKMкК])(?:\s+(?P<unit>.+))?$")
SCALES = {"k": 1_000, "K": 1_000, "M": 1_000_000, "к": 1_000, "К": 1_000}
# '10 000 ₽', '2 500': thousands grouped by spaces, each group of three digits, read where
# the locale groups them so (Russian: the bot writes them so itself); elsewhere refused.
_SPACE_GROUPS = re.compile(r"^(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?=[^\d]|$)")
# '2½', '1 ¾ h': a whole number and a vulgar fraction (or the fraction alone).
_FRACTION = re.compile(r"^(?P<whole>\d{1,12})?\s?(?P<part>[¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])(?P<rest>.*)$")
CURRENCIES = "$€£¥₹"
# Dollars written with their country, before the number: 'R$ 1.500', 'US$ 500'.
CURRENCY_PREFIXES = ("US$", "CA$", "AU$", "NZ$", "HK$", "MX$", "R$", "A$", "C$", "S$")

# Ways of writing the same unit, so '+3 kms' counts on a goal in km. Not conversions.
_SAME_UNITS = [
    {"km", "kilometer", "kilometre"},
    {"mi", "mile"},
    {"m", "meter", "metre"},
    {"min", "minute", "mn"},
    {"h", "hr", "hour"},
    {"kg", "kilo", "kilogram"},
    {"lb", "pound"},
    {"$", "usd", "dollar"},
    {"€", "eur", "euro"},
    {"£", "gbp"},
    {"%", "percent", "pct"},
]


@functools.cache
def decimal_mark(lang: Lang) -> str:
    """The locale's decimal mark, from Babel's locale data: ',' in de, es, ru and pt-BR
    (where a dot groups thousands), '.' in English."""
    return get_decimal_symbol(lang.babel)


@functools.cache
def groups_with_spaces(lang: Lang) -> bool:
    """Does the locale group thousands with a space ('10 000' in ru), from Babel's data?"""
    return get_group_symbol(lang.babel).isspace()


def read_amount(text: str, *, lang: Lang = Lang.EN) -> tuple[float, ...] | None:
    """What a non-negative number as written can stand for: one value ('42', '6,5', '0,750',
    '1,000,000', '1.500,5'), or two when one separator with three digits after it may be a
    decimal point or a thousands separator ('79,250': 79.25 or 79250), the decimal reading
    first. None when it is not a number.

    Where the chat's locale writes a decimal comma (de, es, ru, pt-BR), that separator reads
    one way: '79,250' is 79.25 and '1.500' is 1500. English chats are asked: people from
    either side of the comma write in English."""
    cleaned = text.strip()
    either = _EITHER.fullmatch(cleaned)
    if either:
        whole, part = either.group("whole"), either.group("part")
        if decimal_mark(lang) == ",":
            decimal = cleaned[len(whole)] == ","
            return (float(f"{whole}.{part}") if decimal else float(whole + part),)
        return float(f"{whole}.{part}"), float(whole + part)
    if _COMMA_GROUPS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif _DOT_GROUPS.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _NUMBER.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")
    else:
        return None
    value = float(cleaned)
    return (value,) if math.isfinite(value) else None


def plausible(readings: tuple[float, ...], known: tuple[float, ...]) -> tuple[float, ...]:
    """The readings that fit the numbers already known about a goal (where it starts, stands
    and ends): within the range they span, widened by its own width on each side. When none
    or all fit, every reading stays, to be asked about."""
    if len(readings) < 2 or not known:
        return readings
    low, high = min(known), max(known)
    width = (high - low) or abs(high) or 1.0
    fitting = tuple(r for r in readings if low - width <= r <= high + width)
    return fitting or readings


def _clock_minutes(text: str) -> float | None:
    match = _CLOCK.fullmatch(text)
    if not match:
        return None
    hours = int(match.group("h") or 0)
    return hours * 60 + int(match.group("m")) + int(match.group("s")) / 60


def read_amount_with_unit(
    text: str, bare_k_ok: bool = False, *, lang: Lang = Lang.EN
) -> tuple[tuple[float, ...], str] | None:
    """'42 km' -> ((42,), 'km'), '5.5kg' -> ((5.5,), 'kg'), '12' -> ((12,), ''),
    '$10k' -> ((10000,), '$'), '10k USD' -> ((10000,), 'USD'), '27:30' -> ((27.5,), 'min'),
    '79,250 kg' -> ((79.25, 79250), 'kg'); None when it is not a number.

    A bare '10k' could be ten thousand or a 10 km race, so it is refused with
    Usage(UsageProblem.BARE_K), unless the caller knows what is counted (bare_k_ok: thousands).
    """
    cleaned = text.strip()
    currency = ""
    prefix = next((p for p in CURRENCY_PREFIXES if cleaned.upper().startswith(p)), None)
    if prefix is not None:
        currency, cleaned = prefix, cleaned[len(prefix) :].lstrip()
    elif cleaned and cleaned[0] in CURRENCIES:
        currency, cleaned = cleaned[0], cleaned[1:].lstrip()
    grouped = _SPACE_GROUPS.match(cleaned) if groups_with_spaces(lang) else None
    if grouped:
        cleaned = re.sub(r"\s", "", grouped.group("number")) + cleaned[grouped.end() :]
    fraction = _FRACTION.fullmatch(cleaned)
    if fraction:
        value = int(fraction.group("whole") or 0) + unicodedata.numeric(fraction.group("part"))
        unit = " ".join(fraction.group("rest").split()) or currency
        return _scaled((value,), unit, lang)
    match = _WITH_UNIT.fullmatch(cleaned)
    if not match:
        return None
    unit = match.group("spaced") or match.group("glued") or ""
    if unit[:1].isdigit():  # "2 500": a number written with a space, not 2 of "500"
        return None
    amount_text = match.group("amount")
    readings: tuple[float, ...] | None
    if ":" in amount_text:
        minutes = _clock_minutes(amount_text)
        readings = None if minutes is None else (minutes,)
        unit = unit or "min"
    else:
        readings = read_amount(amount_text, lang=lang)
    if readings is None:
        return None
    scaled = _SCALED.fullmatch(match.group("glued") or "")
    if scaled:
        unit = scaled.group("unit") or ""
        if not unit and not currency and scaled.group("scale") != "M" and not bare_k_ok:
            raise Usage(UsageProblem.BARE_K)
        readings = tuple(r * SCALES[scaled.group("scale")] for r in readings)
    if currency and not unit:
        unit = currency
    unit = " ".join(unit.split())
    worded = _scaled(readings, unit, lang)
    if worded != (readings, unit):
        return worded
    either = _EITHER.fullmatch(amount_text)
    if either and len(readings) == 1 and decimal_mark(lang) == "," and not scaled:
        # '1,500 Schritte' or '10,000 €' in a chat that writes a decimal comma: one and a
        # half steps, or ten euros to the thousandth, cannot be meant, and a member who writes
        # English numbers may have typed it. Both readings are asked about (or the goal's
        # known numbers pick one), the chat's own reading first.
        whole = float(either.group("whole") + either.group("part"))
        if readings[0] != whole and (is_countable(unit) or is_money(unit)):
            readings = (readings[0], whole)
    return readings, unit


def _scaled(readings: tuple[float, ...], unit: str, lang: Lang) -> tuple[tuple[float, ...], str]:
    """Thousands or millions said as a word before the unit, in the chat's language ('100 тыс
    ₽', '1,5 Mio. €', '50 mil pesos'; only there: an English '5 mil' may mean millions): the
    readings multiplied, the unit what follows the word."""
    first, _, rest = unit.partition(" ")
    scale = words_of(lang).scales.get(first.casefold())
    if scale is None:
        return readings, unit
    return tuple(r * scale for r in readings), rest


@functools.cache
def _unit_names() -> dict[str, str]:
    """Every language's written units said the English way ('км' -> 'km', 'seiten' ->
    'page'): a unit names one thing whichever language the chat speaks."""
    names: dict[str, str] = {}
    for lang in Lang:
        names.update(words_of(lang).unit_names)
    return names


@functools.cache
def _countables() -> frozenset[str]:
    return frozenset(_unit_key(word) for lang in Lang for word in words_of(lang).countables)


def _unit_key(unit: str) -> str:
    word = " ".join(unit.casefold().split()).rstrip(".")
    english = _unit_names().get(word)
    if english is not None:
        word = english
    elif len(word) > 2 and word.endswith("s"):
        word = word[:-1]
    for group in _SAME_UNITS:
        if word in group:
            return min(group)
    return word


def is_known_unit(word: str) -> bool:
    """A word that only ever names a unit ('km', 'kgs', 'minutes', 'USD', '%'), so a word after
    a value that is not one ('after', 'today') starts a note instead."""
    key = _unit_key(word)
    return word in CURRENCIES or any(key in group for group in _SAME_UNITS)


def is_countable(unit: str) -> bool:
    """A unit counted in whole numbers ('steps', 'Seiten', 'страниц'): one and a half of it
    is not what anyone logs."""
    return _unit_key(unit) in _countables()


def same_unit(a: str, b: str) -> bool:
    """Do these name the same unit ('km' and 'kms', 'min' and 'minutes', '$' and 'USD')?"""
    return _unit_key(a) == _unit_key(b)


def format_amount(value: float, grouped: bool = False) -> str:
    """42.0 -> '42', 6.5 -> '6.5', 1/3 -> '0.33'; grouped, as a choice between two readings
    shows them: 79250 -> '79,250', 79.25 -> '79.25', 1.125 -> '1.125'."""
    if float(value).is_integer():
        return f"{int(value):,}" if grouped else str(int(value))
    text = f"{value:,.3f}" if grouped else f"{value:.2f}"
    return text.rstrip("0").rstrip(".")


def is_money(unit: str) -> bool:
    """$, €, £, R$ and their names: amounts shown with thousands separators and whole units."""
    return unit in CURRENCIES or is_symbol(unit) or any(same_unit(unit, c) for c in "$€£")


def is_symbol(unit: str) -> bool:
    """A currency's symbol ('€', 'R$'), written where the language puts it."""
    return (len(unit) == 1 and unit in CURRENCIES) or unit in CURRENCY_PREFIXES


def is_distance(unit: str) -> bool:
    """km, miles, metres: where a '10k' may be a race, not ten thousand."""
    return any(same_unit(unit, d) for d in ("km", "mi", "m"))
