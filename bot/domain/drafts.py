"""The guided /goal: the questions in order, and the answers given so far."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.languages import Lang


class Step(StrEnum):
    """The question a draft waits on."""

    TITLE = "title"
    KIND = "kind"  # once, or repeating?
    DEADLINE = "deadline"
    TARGET = "target"
    WHY = "why"
    HOW_OFTEN = "how_often"  # a habit: every day, on weekdays, 3 times a week, or typed
    UNTIL = "until"  # a habit's end date, or none


class Kind(StrEnum):
    """The answer to "once, or repeating?"."""

    ONCE = "once"
    REPEATING = "repeating"


# The how-often buttons, in the words find_frequency reads.
HOW_OFTEN_CHOICES = ("every day", "on weekdays", "3 times a week")

_ONCE_WORDS = {"once", "one", "one-off", "one off", "once only", "just once", "goal"}
_REPEATING_WORDS = {"repeating", "repeat", "repeated", "recurring", "habit", "regularly"}
# The same answers typed in a chat's own language (English is read in every chat).
_ONCE_IN = {
    Lang.DE: {"einmal", "einmalig", "ziel"},
    Lang.ES: {"una vez", "una sola vez", "meta"},
    Lang.PT_BR: {"uma vez", "uma só vez", "meta"},
    Lang.RU: {"один раз", "однократно", "цель"},
}
_REPEATING_IN = {
    Lang.DE: {"wiederkehrend", "wiederholt", "regelmäßig", "gewohnheit"},
    Lang.ES: {"repetido", "repetida", "regularmente", "hábito", "habito"},
    Lang.PT_BR: {"repetindo", "repetido", "repetida", "regularmente", "hábito", "habito"},
    Lang.RU: {"регулярно", "повторяющаяся", "привычка"},
}
# "Skip" for the questions that may be left out (a target, a reason, a habit's end).
SKIP = {"skip", "no", "none", "-", "/skip"}
_SKIP_IN = {
    Lang.DE: {"überspringen", "nein", "keins", "keiner", "keine"},
    Lang.ES: {"saltar", "omitir", "ninguno", "ninguna"},
    Lang.PT_BR: {"pular", "não", "nao", "nenhum", "nenhuma"},
    Lang.RU: {"пропустить", "пропуск", "нет"},
}


def _said(text: str) -> str:
    """An answer as compared: lower case, spaces collapsed, a button's emoji and a final
    point or exclamation mark left out."""
    said = " ".join(text.lower().split()).strip(".!")
    return said.removeprefix("🎯 ").removeprefix("🔁 ")


def read_kind(text: str, lang: Lang = Lang.EN) -> Kind | None:
    """A typed answer to "once, or repeating?", in English or the chat's language (None:
    neither)."""
    said = _said(text)
    if said in _ONCE_WORDS or said in _ONCE_IN.get(lang, ()):
        return Kind.ONCE
    if said in _REPEATING_WORDS or said in _REPEATING_IN.get(lang, ()):
        return Kind.REPEATING
    return None


def is_skip(text: str, lang: Lang = Lang.EN) -> bool:
    """Does the answer leave the question out ("skip", or the chat's word for it)?"""
    said = _said(text)
    return said in SKIP or said in _SKIP_IN.get(lang, ())


@dataclass(frozen=True)
class GoalDraft:
    """A goal or habit being set up step by step; the target as typed (None: skipped), and for
    a habit how often as typed (None: a goal reached once). A habit's end is kept in
    `deadline` (empty: until stopped)."""

    step: Step = Step.TITLE
    title: str = ""
    deadline: str = ""
    target_text: str | None = None
    frequency_text: str | None = None
