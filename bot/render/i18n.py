"""The bot's words in a chat's language: gettext catalogs (bot/locales), English the source.

Every translated sentence is a whole sentence with named placeholders ("{name} checked in"),
looked up by its English text and filled in after translation, so a language can put the
names where its grammar wants them. Plurals go through ngettext, with the CLDR rules the
catalog's header names (Russian has three forms).
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files

from babel import Locale
from babel.dates import format_skeleton, format_timedelta, get_day_names, get_timezone_location
from babel.lists import format_list
from babel.numbers import format_decimal

from bot.domain.dates import WEEKDAY_NAMES, format_day, humanize_days
from bot.domain.languages import Lang
from bot.domain.numbers import format_amount

DOMAIN = "bot"


class CatalogMissing(RuntimeError):
    """A language's compiled catalog is not installed (the package was not built)."""


@functools.cache
def translations(lang: Lang) -> gettext.NullTranslations:
    """The language's compiled catalog (English: the source text itself)."""
    if lang is Lang.EN:
        return gettext.NullTranslations()
    compiled = files("bot.locales") / lang.babel / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not compiled.is_file():
        raise CatalogMissing(f"{lang.babel}: {compiled} is missing; install the package again")
    with compiled.open("rb") as source:
        return gettext.GNUTranslations(source)


@dataclass(frozen=True)
class Words:
    """The bot's words in one language."""

    lang: Lang = Lang.EN

    def gettext(self, message: str, **values: object) -> str:
        """The sentence in this language, its {placeholders} filled in."""
        text = translations(self.lang).gettext(message)
        return _filled(text, values) if values else text

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """The sentence as meant in this context, where one English text says two things
        ('weekdays': a schedule's Monday to Friday, or an export's column of days)."""
        text = translations(self.lang).pgettext(context, message)
        return _filled(text, values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The sentence in the plural form this language uses for n ({n} is filled in too)."""
        text = translations(self.lang).ngettext(singular, plural, n)
        return _filled(text, {"n": n, **values})

    def weekday(self, weekday: int) -> str:
        """'Mon' ('Mo.', 'lun', 'пн'): a weekday's short name, Monday 0 (CLDR's)."""
        if self.lang is Lang.EN:
            return WEEKDAY_NAMES[weekday]
        return str(get_day_names("abbreviated", locale=self.lang.babel)[weekday])

    def city(self, zone: str) -> str:
        """A zone's city as this language names it ("Singapur", "Сингапур"; CLDR's names);
        in English, the zone's last part ("New York")."""
        if self.lang is Lang.EN:
            return zone.rsplit("/", 1)[-1].replace("_", " ")
        return get_timezone_location(zone, locale=self.lang.babel, return_city=True)

    def relative(self, days: int) -> str:
        """'today', 'tomorrow', 'in 4 days', '2 days ago', as this language says them (CLDR
        relative times past the first three)."""
        if days == 0:
            return self.gettext("today")
        if days == 1:
            return self.gettext("tomorrow")
        if days == -1:
            return self.gettext("yesterday")
        if self.lang is Lang.EN:
            return humanize_days(days)
        return format_timedelta(
            timedelta(days=days), granularity="day", add_direction=True, locale=self.lang.babel
        )

    def number(self, value: float, grouped: bool = False) -> str:
        """A number as this language writes it: '2,5' and, grouped, '79.250' in German;
        at most two decimals (three when grouped, so a choice between readings shows them)."""
        if self.lang is Lang.EN:
            return format_amount(value, grouped)
        return _number(self.lang, float(value), grouped)

    def money(self, value: float, symbol: str) -> str:
        """An amount of money with the symbol the member typed, where this language puts it:
        '$10,000' in English, '1.500 €' in German ('$' stays '$': it may not be dollars)."""
        figure = self.number(value, grouped=True)
        if round(value, 2) != round(value):  # cents as cents: '2.000,50 €', not '2.000,5 €'
            figure = format_decimal(round(value, 2), "#,##0.00", locale=self.lang.babel)
        first, spaced = _money_shape(self.lang)
        gap = "\u00a0" if spaced else ""
        return f"{symbol}{gap}{figure}" if first else f"{figure}{gap}{symbol}"

    def listing(self, items: list[str]) -> str:
        """'Ann, Bob and Cem' as this language joins them ('Ann, Bob und Cem')."""
        if len(items) < 2:
            return "".join(items)
        return _listing(self.lang, tuple(items))

    def day(self, d: date, today: date) -> str:
        """A day as this language writes it ("Fri 30 Apr", "Fr., 30. Apr."), with the year
        when it is not this year's."""
        if self.lang is Lang.EN:
            return format_day(d, today)
        return _day(self.lang, d, d.year != today.year)


@functools.lru_cache(maxsize=4096)
def _day(lang: Lang, d: date, with_year: bool) -> str:
    """A day in CLDR's short form for the language (Babel's formatting is slow: kept)."""
    return format_skeleton("yMMMEd" if with_year else "MMMEd", d, locale=lang.babel)


def _filled(text: str, values: dict[str, object]) -> str:
    """The sentence with its placeholders filled in; a value that ends in an abbreviation's
    point ("30 Nov.", "Fr., 30. Apr.") takes the place of the sentence's own full stop."""
    for key, value in values.items():
        if isinstance(value, str) and value.endswith(".") and f"{{{key}}}." in text:
            text = text.replace(f"{{{key}}}.", f"{{{key}}}")
    return text.format(**values)


@functools.lru_cache(maxsize=8192)
def _number(lang: Lang, value: float, grouped: bool) -> str:
    pattern = "#,##0.###" if grouped else "0.##"
    return format_decimal(value, format=pattern, locale=lang.babel)


@functools.cache
def _money_shape(lang: Lang) -> tuple[bool, bool]:
    """Does the language write the currency first, and with a space? (CLDR's pattern.)"""
    pattern = Locale.parse(lang.babel).currency_formats["standard"].pattern.split(";")[0]
    first = pattern.lstrip().startswith("¤")
    spaced = any(
        f"{a}{b}" in pattern for a, b in (("¤", "\u00a0"), ("\u00a0", "¤"), ("¤", " "), (" ", "¤"))
    )
    return first, spaced


@functools.lru_cache(maxsize=1024)
def _listing(lang: Lang, items: tuple[str, ...]) -> str:
    return format_list(list(items), locale=lang.babel)


ENGLISH = Words(Lang.EN)


def N_(message: str) -> str:  # gettext's name for "marked, translated later"
    """Mark a sentence kept in a table for the catalogs; it is translated where it is used."""
    return message


def check_installed() -> None:
    """Load every language's catalog now: a missing one fails at start-up, not mid-reply."""
    for lang in Lang:
        translations(lang)
