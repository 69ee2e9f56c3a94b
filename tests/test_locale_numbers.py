"""Numbers, money and lists as each language writes them (Babel's CLDR data)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.languages import Lang
from bot.render.i18n import Words
from bot.render.text import with_unit

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "value", "grouped", "shown"),
    [
        (Lang.EN, 2.5, False, "2.5"),
        (Lang.EN, 79250, True, "79,250"),
        (Lang.EN, 79.25, True, "79.25"),
        (Lang.DE, 2.5, False, "2,5"),
        (Lang.DE, 79250, True, "79.250"),
        (Lang.DE, 79.25, True, "79,25"),
        (Lang.DE, 1.125, True, "1,125"),
        (Lang.ES, 2.5, False, "2,5"),
        (Lang.ES, 79250, True, "79.250"),
        (Lang.PT_BR, 0.33333, False, "0,33"),
        (Lang.PT_BR, 10000, True, "10.000"),
        (Lang.RU, 2.5, False, "2,5"),
        (Lang.RU, 79250, True, f"79{NBSP}250"),
        (Lang.DE, 10000, False, "10000"),
    ],
)
def test_numbers_follow_the_chat_language(lang: Lang, value: float, grouped: bool, shown: str):
    assert Words(lang).number(value, grouped) == shown


@pytest.mark.parametrize(
    ("lang", "value", "unit", "shown"),
    [
        (Lang.EN, 2.5, "kg", "2.5 kg"),
        (Lang.DE, 2.5, "kg", "2,5 kg"),
        (Lang.EN, 1500, "€", "€1,500"),
        (Lang.DE, 1500, "€", f"1.500{NBSP}€"),
        (Lang.ES, 1500, "€", f"1.500{NBSP}€"),
        (Lang.PT_BR, 1500, "$", f"${NBSP}1.500"),
        (Lang.RU, 12500, "steps", f"12{NBSP}500 steps"),
        (Lang.EN, 12500, "steps", "12,500 steps"),
    ],
)
def test_amounts_with_units_and_money(lang: Lang, value: float, unit: str, shown: str):
    assert with_unit(value, unit, words=Words(lang)) == shown


def test_a_command_to_copy_is_never_grouped():
    # '/target 1 10000 steps' must read one way in every language
    assert with_unit(10000, "steps", grouped=False, words=Words(Lang.DE)) == "10000 steps"


def test_lists_are_joined_as_the_language_joins_them():
    assert Words(Lang.DE).listing(["Ann", "Bob", "Cem"]) == "Ann, Bob und Cem"
    assert Words(Lang.RU).listing(["Аня", "Боря"]) == "Аня и Боря"
    assert Words(Lang.PT_BR).listing(["Ana"]) == "Ana"


def test_an_abbreviated_date_at_the_end_of_a_sentence_has_one_point():
    words = Words(Lang.RU)
    day = words.day(date(2026, 11, 30), date(2026, 11, 30))
    assert day.endswith(".")
    said = words.gettext("Counted {period}.", period=f"за неделю с {day}")
    assert said.endswith(day) and not said.endswith("..")


@pytest.mark.parametrize(
    ("lang", "shown"),
    [(Lang.EN, "$2,000.50"), (Lang.DE, "2.000,50\u00a0$"), (Lang.PT_BR, "$\u00a02.000,50")],
)
def test_money_with_cents_shows_both_digits_of_them(lang: Lang, shown: str) -> None:
    assert Words(lang).money(2000.5, "$") == shown
