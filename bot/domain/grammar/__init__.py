"""How commands are read in each language: one shared grammar, and one module of words per
language (en.py, de.py, ...). A new language needs only its words module, named after its
Lang's Babel locale in lower case (pt_br.py for pt-BR).

Each language reads its own words and English's: a German group may type "by friday".
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable

from bot.domain.grammar.words import Words
from bot.domain.languages import Lang

__all__ = ["Grammar", "Words", "grammar", "words_of"]

ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONEY = "[$€£¥₹]"


def alt(phrases: Iterable[str]) -> str:
    """A regular expression matching any of the phrases (longest first, so "bis zum" wins
    over "bis"), spaces in them matching any run of spaces."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return "(?!)"  # no words: matches nothing
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def words_of(lang: Lang) -> Words:
    """The words of one language alone, from its module."""
    module = importlib.import_module(f"{__name__}.{lang.babel.lower()}")
    words: Words = module.WORDS
    return words


class Grammar:
    """The patterns of every command, built from one language's words (and English's)."""

    def __init__(self, words: Words) -> None:
        self.words = w = words
        flags = re.IGNORECASE
        self.by = re.compile(rf"\s+(?:{alt(w.by)})\s+", flags)
        self.target = re.compile(rf"\s+(?:{alt(w.target)})(?:\s+(?P<rest>.*?))?\s*$", flags)
        self.has_target = re.compile(rf"(?<!\w)(?:{alt(w.target)})(?!\w)", flags)
        number = rf"{_MONEY}?\d[\d.,]*\s*[^\d\s]*"
        self.target_in_title = re.compile(
            rf"\s+(?:{alt(w.target)})\s+(?P<rest>{number}(?:\s+(?:{alt(w.start)})\s+{number})?)\s*$",
            flags,
        )
        # Only a number (or a currency, or a sign) follows "from"; "50 interviews from users"
        # is a unit.
        self.start = re.compile(rf"\s+(?:{alt(w.start)})(?:\s+(?=\d|{_MONEY}|[+\-−])|\s*$)", flags)
        this_next = alt((*w.this, *w.next))
        periods = alt(w.periods)
        period = rf"(?:{this_next})\s+(?:{periods})|(?:{periods})\s+(?:{alt(w.next_after)})"
        self.period_at_end = re.compile(
            rf"\s+(?P<period>{period})(?P<target>\s+(?:{alt(w.target)})(?!\w).*)?$", flags
        )
        tail = alt((*w.title_tail, *w.articles, *w.by))
        self.title_tail = re.compile(rf"\s+(?:{tail})\s*$", flags)
        self.because = re.compile(rf"\s+(?:{alt(w.because)})(?:\s+|$)", flags)
        self.until = re.compile(rf"\s+(?:{alt(w.until)})\s+", flags)
        self.leading_by = re.compile(rf"^(?:(?:{alt((*w.by, *w.until))})\s+)+", flags)
        self.pause = re.compile(
            rf"^(?:(?:{alt(w.pause_from)})\s+(?P<start>.+?))?\s*"
            rf"(?:(?:{alt(w.until)}|to)\s+(?P<until>.+?)|(?:(?:{alt(w.pause_for)})\s+)?"
            rf"(?P<n>\d{{1,3}})\s*(?P<unit>{alt((*w.day_units, *w.week_units))})(?!\w))?"
            rf"\s*(?:(?<!\w)(?:{alt(w.because)})\s+(?P<reason>.+))?$",
            flags | re.DOTALL,
        )
        self.end_of = re.compile(rf"^(?:{alt(w.end_of)})\s+(?P<rest>.+)$", flags)
        self.articles = (
            re.compile(rf"^(?:(?:{alt(w.articles)})\s+)+", flags) if w.articles else None
        )
        self.next_after = (
            re.compile(rf"^(?P<what>\S+)\s+(?:{alt(w.next_after)})$", flags)
            if w.next_after
            else None
        )

    # -- dates ----------------------------------------------------------------------------

    def date_in_english(self, phrase: str) -> str:
        """A date phrase with this language's words said the English way, for the one date
        reader: "Ende März" -> "end of März" (dateparser knows March in German),
        "nächsten Freitag" -> "next friday", "fim do mês" -> "end of month"."""
        text = " ".join(phrase.lower().split())
        found = self.words.date_phrases.get(text)
        if found is not None:
            return found
        end_of = self.end_of.match(text)
        if end_of:
            return f"end of {self._period_or_day(end_of['rest'])}"
        return self._period_or_day(text)

    def _period_or_day(self, text: str) -> str:
        if self.articles is not None:
            text = self.articles.sub("", text)
        w = self.words
        found = w.date_phrases.get(text)
        if found is not None:
            return found
        parts = text.split()
        if len(parts) == 1 and parts[0] in w.periods:
            return w.periods[parts[0]]
        if len(parts) == 1 and parts[0] in w.weekdays:
            return ENGLISH_DAYS[w.weekdays[parts[0]]]
        if len(parts) == 2 and (parts[0] in w.this or parts[0] in w.next):
            which = "this" if parts[0] in w.this else "next"
            if parts[1] in w.periods:
                return f"{which} {w.periods[parts[1]]}"
            if parts[1] in w.weekdays:
                return f"{which} {ENGLISH_DAYS[w.weekdays[parts[1]]]}"
        after = self.next_after.match(text) if self.next_after is not None else None
        if after is not None:
            what = after["what"]
            if what in w.periods:
                return f"next {w.periods[what]}"
            if what in w.weekdays:
                return f"next {ENGLISH_DAYS[w.weekdays[what]]}"
        return text


@functools.cache
def grammar(lang: Lang = Lang.EN) -> Grammar:
    """The grammar a chat in this language reads commands with (its words and English's);
    built once per language."""
    english = words_of(Lang.EN)
    words = english if lang is Lang.EN else words_of(lang).merged(english)
    return Grammar(words)
