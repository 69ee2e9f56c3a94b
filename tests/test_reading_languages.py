"""What each language reads: dates and numbers as a chat in German, Spanish, Russian or
Brazilian Portuguese writes them, beside English (table tests with a fixed now and zone)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.commands import parse_everyone, parse_mine
from bot.domain.dates import date_parser, parse_date
from bot.domain.errors import BeyondHorizon, DateUnreadable, Usage
from bot.domain.frequencies import find_frequency
from bot.domain.habits import Frequency, Per
from bot.domain.languages import Lang
from bot.domain.numbers import read_amount, read_amount_with_unit, same_unit
from bot.domain.report import PeriodKind, parse_period
from bot.render.habits import how_often
from bot.render.i18n import Words

# Friday 4 December 2026, 10:00 UTC: 11:00 in Berlin.
NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)
ZONE = "Europe/Berlin"
REFUSED = None  # the date is refused (unreadable, no such day, beyond the horizon)

DATES = {
    Lang.DE: [
        ("bis Ende März", date(2027, 3, 31)),
        ("nächsten Freitag", date(2026, 12, 11)),
        ("Freitag", date(2026, 12, 11)),
        ("kommenden Montag", date(2026, 12, 7)),
        ("morgen", date(2026, 12, 5)),
        ("übermorgen", date(2026, 12, 6)),
        ("in 3 Wochen", date(2026, 12, 25)),
        ("in zwei Wochen", date(2026, 12, 18)),
        ("Ende des Monats", date(2026, 12, 31)),
        ("Monatsende", date(2026, 12, 31)),
        ("Ende dieses Monats", date(2026, 12, 31)),
        ("Ende nächster Woche", date(2026, 12, 13)),
        ("nächste Woche", date(2026, 12, 13)),
        ("nächsten Monat", date(2027, 1, 31)),
        ("Ende des Jahres", date(2026, 12, 31)),
        ("Ende Quartal", date(2026, 12, 31)),
        ("am 30. April", date(2027, 4, 30)),
        ("30. April 2027", date(2027, 4, 30)),
        ("bis zum 15.3.", date(2027, 3, 15)),
        ("März", date(2027, 3, 31)),
        ("Weihnachten", date(2026, 12, 25)),
        ("by friday", date(2026, 12, 11)),
        ("end of month", date(2026, 12, 31)),
        ("31.02.", REFUSED),
        ("Blumenkohl", REFUSED),
        ("31.12.2099", REFUSED),
    ],
    Lang.ES: [
        ("hasta el 30 de abril", date(2027, 4, 30)),
        ("el próximo viernes", date(2026, 12, 11)),
        ("el viernes que viene", date(2026, 12, 11)),
        ("viernes", date(2026, 12, 11)),
        ("mañana", date(2026, 12, 5)),
        ("pasado mañana", date(2026, 12, 6)),
        ("en 3 semanas", date(2026, 12, 25)),
        ("dentro de 2 semanas", date(2026, 12, 18)),
        ("fin de mes", date(2026, 12, 31)),
        ("fin del mes", date(2026, 12, 31)),
        ("finales de marzo", date(2027, 3, 31)),
        ("a finales de marzo", date(2027, 3, 31)),
        ("el mes que viene", date(2027, 1, 31)),
        ("el próximo mes", date(2027, 1, 31)),
        ("este mes", date(2026, 12, 31)),
        ("la semana que viene", date(2026, 12, 13)),
        ("fin de semana", date(2026, 12, 5)),
        ("marzo", date(2027, 3, 31)),
        ("30 de abril de 2027", date(2027, 4, 30)),
        ("para el 15 de marzo", date(2027, 3, 15)),
        ("antes del 1 de junio", date(2027, 6, 1)),
        ("Navidad", date(2026, 12, 25)),
        ("by friday", date(2026, 12, 11)),
        ("31.02.", REFUSED),
        ("coliflor", REFUSED),
    ],
    Lang.RU: [
        ("до конца марта", date(2027, 3, 31)),
        ("до пятницы", date(2026, 12, 11)),
        ("к пятнице", date(2026, 12, 11)),
        ("в пятницу", date(2026, 12, 11)),
        ("следующую пятницу", date(2026, 12, 11)),
        ("завтра", date(2026, 12, 5)),
        ("послезавтра", date(2026, 12, 6)),
        ("через 3 недели", date(2026, 12, 25)),
        ("через две недели", date(2026, 12, 18)),
        ("конец месяца", date(2026, 12, 31)),
        ("до конца месяца", date(2026, 12, 31)),
        ("до конца недели", date(2026, 12, 6)),
        ("до конца следующей недели", date(2026, 12, 13)),
        ("в следующем месяце", date(2027, 1, 31)),
        ("следующий месяц", date(2027, 1, 31)),
        ("в этом месяце", date(2026, 12, 31)),
        ("30 апреля", date(2027, 4, 30)),
        ("до 30 апреля", date(2027, 4, 30)),
        ("к 1 мая", date(2027, 5, 1)),
        ("марта", date(2027, 3, 31)),
        ("в конце года", date(2026, 12, 31)),
        ("на выходных", date(2026, 12, 5)),
        ("by friday", date(2026, 12, 11)),
        ("15.02.", date(2027, 2, 15)),
        ("31.02.", REFUSED),
        ("капуста", REFUSED),
    ],
    Lang.PT_BR: [
        ("até sexta-feira", date(2026, 12, 11)),
        ("fim do mês", date(2026, 12, 31)),
        ("sexta", date(2026, 12, 11)),
        ("até sexta", date(2026, 12, 11)),
        ("próxima sexta", date(2026, 12, 11)),
        ("amanhã", date(2026, 12, 5)),
        ("depois de amanhã", date(2026, 12, 6)),
        ("em 3 semanas", date(2026, 12, 25)),
        ("próxima semana", date(2026, 12, 13)),
        ("semana que vem", date(2026, 12, 13)),
        ("mês que vem", date(2027, 1, 31)),
        ("próximo mês", date(2027, 1, 31)),
        ("este mês", date(2026, 12, 31)),
        ("fim de março", date(2027, 3, 31)),
        ("final do ano", date(2026, 12, 31)),
        ("30 de abril", date(2027, 4, 30)),
        ("até 30 de abril", date(2027, 4, 30)),
        ("até o dia 30 de abril", date(2027, 4, 30)),
        ("março", date(2027, 3, 31)),
        ("fim de semana", date(2026, 12, 5)),
        ("natal", date(2026, 12, 25)),
        ("by friday", date(2026, 12, 11)),
        ("15/02", date(2027, 2, 15)),
        ("31.02.", REFUSED),
        ("couve-flor", REFUSED),
    ],
}

# The number as written, and what it reads as: one value, or None (not a number).
NUMBERS = {
    lang: [
        ("79,250", (79.25,)),
        ("1.500", (1500.0,)),
        ("10.000", (10000.0,)),
        ("1.000.000", (1_000_000.0,)),
        ("1.500,5", (1500.5,)),
        ("75,5", (75.5,)),
        ("0,750", (0.75,)),
        ("1,5", (1.5,)),
        ("1.5", (1.5,)),  # a dot with no three digits after it can only be a decimal
        ("42", (42.0,)),
        ("1,000,000", (1_000_000.0,)),
        ("abc", None),
        ("1.2.3", None),
    ]
    for lang in (Lang.DE, Lang.ES, Lang.RU, Lang.PT_BR)
}
# With a unit or a currency, as /progress and /target read them.
WITH_UNITS = {
    lang: [
        ("79,250 kg", ((79.25,), "kg")),
        ("1.500 €", ((1500.0,), "€")),
        ("$2.500", ((2500.0,), "$")),
        ("10.000 Schritte", ((10000.0,), "Schritte")),
        ("5,5kg", ((5.5,), "kg")),
        ("27:30", ((27.5,), "min")),
        ("€5k", ((5000.0,), "€")),
        ("1,5M", ((1_500_000.0,), "")),
    ]
    for lang in (Lang.DE, Lang.ES, Lang.RU, Lang.PT_BR)
}
# Thousands and millions as words, halves and quarters as one character, and (where the locale
# groups so) thousands grouped by spaces.
WITH_UNITS[Lang.DE] += [
    ("100 Tsd. €", ((100_000.0,), "€")), ("1,5 Mio. €", ((1_500_000.0,), "€")),
    ("2½ km", ((2.5,), "km")), ("1 ¾ h", ((1.75,), "h")), ("10 000 €", None),
]  # fmt: skip
WITH_UNITS[Lang.RU] += [
    ("100 тыс ₽", ((100_000.0,), "₽")), ("1,5 млн ₽", ((1_500_000.0,), "₽")),
    ("1,5 тыс", ((1500.0,), "")), ("50к ₽", ((50_000.0,), "₽")), ("10 000 ₽", ((10_000.0,), "₽")),
    ("2\u00a0500 км", ((2500.0,), "км")), ("½ ч", ((0.5,), "ч")),
]  # fmt: skip
WITH_UNITS[Lang.ES] += [
    ("50 mil pesos", ((50_000.0,), "pesos")), ("1,5 millones €", ((1_500_000.0,), "€")),
]  # fmt: skip
WITH_UNITS[Lang.PT_BR] += [
    ("50 mil reais", ((50_000.0,), "reais")), ("2 milhões", ((2_000_000.0,), "")),
    ("R$ 1.500", ((1500.0,), "R$")), ("R$1.500,50", ((1500.5,), "R$")), ("US$ 500", ((500.0,), "US$")),
]  # fmt: skip


def _dates() -> list[tuple[Lang, str, date | None]]:
    return [(lang, text, want) for lang, rows in DATES.items() for text, want in rows]


@pytest.mark.parametrize(("lang", "text", "want"), _dates())
def test_a_date_reads_in_the_chats_language_and_english(
    lang: Lang, text: str, want: date | None
) -> None:
    if want is None:
        with pytest.raises((DateUnreadable, BeyondHorizon)):
            parse_date(text, NOW, ZONE, lang=lang)
    else:
        assert parse_date(text, NOW, ZONE, lang=lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [(lang, text, want) for lang, rows in NUMBERS.items() for text, want in rows],
)
def test_a_number_reads_by_the_chats_locale(
    lang: Lang, text: str, want: tuple[float, ...] | None
) -> None:
    assert read_amount(text, lang=lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [(lang, text, want) for lang, rows in WITH_UNITS.items() for text, want in rows],
)
def test_an_amount_with_a_unit_reads_by_the_chats_locale(
    lang: Lang, text: str, want: tuple[tuple[float, ...], str] | None
) -> None:
    assert read_amount_with_unit(text, lang=lang) == want


@pytest.mark.parametrize("lang", [Lang.DE, Lang.ES, Lang.RU, Lang.PT_BR])
def test_every_new_language_has_thirty_spellings_of_dates_and_numbers(lang: Lang) -> None:
    assert len(DATES[lang]) + len(NUMBERS[lang]) + len(WITH_UNITS[lang]) >= 30


@pytest.mark.parametrize(
    ("text", "want"),
    [("79,250", (79.25, 79250.0)), ("1.500", (1.5, 1500.0)), ("$10,000", None)],
)
def test_english_still_asks_about_a_number_that_reads_two_ways(
    text: str, want: tuple[float, ...] | None
) -> None:
    if want is None:  # with a currency: both readings as well
        parsed = read_amount_with_unit(text)
        assert parsed is not None and parsed[0] == (10.0, 10000.0)
    else:
        assert read_amount(text) == want


def test_english_chats_read_dates_in_english_only() -> None:
    assert parse_date("next friday", NOW, ZONE) == date(2026, 12, 11)
    with pytest.raises(DateUnreadable):
        parse_date("nächsten Freitag", NOW, ZONE)


def test_a_date_reader_is_built_once_for_its_languages_and_settings() -> None:
    settings = (("PREFER_DATES_FROM", "future"), ("RELATIVE_BASE", NOW.replace(tzinfo=None)))
    first = date_parser(("de", "en"), settings)
    assert date_parser(("de", "en"), settings) is first
    assert date_parser(("es", "en"), settings) is not first
    assert first.languages == ["de", "en"]  # never every language


# In a chat that writes a decimal comma, one separator and three digits read the chat's way,
# unless that reading cannot be meant: a fraction of something counted whole, or money to the
# thousandth. Then both are kept, the chat's first, to be asked about.
TWO_WAY_IN_COMMA_CHATS = [
    (Lang.DE, "1,500 Schritte", (1.5, 1500.0)),
    (Lang.DE, "10,000 €", (10.0, 10000.0)),
    (Lang.DE, "$10,000", (10.0, 10000.0)),
    (Lang.ES, "1,500 páginas", (1.5, 1500.0)),
    (Lang.RU, "1,500 шагов", (1.5, 1500.0)),
    (Lang.PT_BR, "2,000 passos", (2.0, 2000.0)),
    (Lang.DE, "1,500 steps", (1.5, 1500.0)),  # English units too
    (Lang.DE, "79,250 kg", (79.25,)),  # weighed to the gram: the chat's reading
    (Lang.RU, "1,250 км", (1.25,)),
    (Lang.DE, "1.500 Schritte", (1500.0,)),  # a dot groups: one reading
    (Lang.PT_BR, "2,5 km", (2.5,)),
]


@pytest.mark.parametrize(("lang", "text", "want"), TWO_WAY_IN_COMMA_CHATS)
def test_a_reading_that_cannot_be_meant_is_asked_about_beside_the_chats(
    lang: Lang, text: str, want: tuple[float, ...]
) -> None:
    parsed = read_amount_with_unit(text, lang=lang)
    assert parsed is not None and parsed[0] == want


@pytest.mark.parametrize(
    ("typed", "unit", "same"),
    [
        ("км", "km", True),
        ("километров", "km", True),
        ("Kilometer", "km", True),
        ("kilómetros", "km", True),
        ("quilômetros", "km", True),
        ("кг", "kg", True),
        ("Minuten", "min", True),
        ("минут", "minutes", True),
        ("horas", "h", True),
        ("Seiten", "pages", True),
        ("страниц", "page", True),
        ("páginas", "pages", True),
        ("Schritte", "steps", True),
        ("км", "kg", False),
        ("Seiten", "Bücher", False),
    ],
)
def test_a_unit_written_in_any_of_the_languages_is_the_same_unit(
    typed: str, unit: str, same: bool
) -> None:
    assert same_unit(typed, unit) is same


# /report's periods, /goals' "all" and /calendar's "mine", as each language says them.
OPTIONS = {
    Lang.DE: (["letzten Monat", "letzte Woche", "vorigen Monat", "letztes Quartal", "Monat",
               "dieses Quartal", "Woche"], "alle", "meine"),
    Lang.ES: (["el mes pasado", "semana pasada", "el último mes", "trimestre anterior", "mes",
               "este trimestre", "semana"], "todas", "mías"),
    Lang.RU: (["прошлый месяц", "прошлую неделю", "предыдущий месяц", "прошлый квартал", "месяц",
               "этот квартал", "неделя"], "все", "мои"),
    Lang.PT_BR: (["mês passado", "semana passada", "o último mês", "trimestre anterior", "mês",
                  "este trimestre", "semana"], "todas", "minhas"),
}  # fmt: skip
PERIODS_READ = [
    (PeriodKind.MONTH, True), (PeriodKind.WEEK, True), (PeriodKind.MONTH, True),
    (PeriodKind.QUARTER, True), (PeriodKind.MONTH, False), (PeriodKind.QUARTER, False),
    (PeriodKind.WEEK, False),
]  # fmt: skip


@pytest.mark.parametrize("lang", list(OPTIONS), ids=str)
def test_report_periods_all_and_mine_read_in_the_chats_language(lang: Lang) -> None:
    periods, everyone, mine = OPTIONS[lang]
    assert [parse_period(p, lang) for p in periods] == PERIODS_READ
    assert parse_period("last month", lang) == (PeriodKind.MONTH, True)  # English too
    assert parse_everyone(everyone, lang=lang) and parse_everyone("all", lang=lang)
    assert not parse_everyone("", lang=lang)
    assert parse_mine(mine, lang=lang) and parse_mine("mine", lang=lang)
    for wrong in (mine, "jahr", "год", "año", "ano"):  # a year, or another option's word
        with pytest.raises(Usage):
            parse_everyone(wrong, lang=lang)
    with pytest.raises(Usage):
        parse_mine(everyone, lang=lang)
    with pytest.raises(Usage):
        parse_period(f"{periods[0]} {periods[4]}", lang)  # two periods: which one?


@pytest.mark.parametrize(
    ("one", "other"),
    [("Meilen", "mi"), ("миль", "miles"), ("millas", "mile"), ("milhas", "mi"), ("мили", "mi")],
)
def test_miles_in_every_language_are_miles_not_kilometres(one: str, other: str) -> None:
    assert same_unit(one, other) and not same_unit(one, "km")


def test_words_for_thousands_are_read_only_in_their_language() -> None:
    # '50 mil' is fifty thousand in Spanish; in English '5 mil' may mean five million.
    assert read_amount_with_unit("50 mil", lang=Lang.ES) == ((50_000.0,), "")
    assert read_amount_with_unit("5 mil", lang=Lang.EN) == ((5.0,), "mil")
    assert read_amount_with_unit("100 тыс ₽", lang=Lang.DE) == ((100.0,), "тыс ₽")


@pytest.mark.parametrize("lang", list(Lang), ids=str)
def test_every_habit_frequency_the_bot_writes_reads_back_the_same(lang: Lang) -> None:
    # What the bot suggests ("/habit Correr los lunes y jueves …") must work when copied.
    words = Words(lang)
    for per, counts in ((Per.DAY, (1, 2, 3)), (Per.WEEK, (1, 2, 4)), (Per.MONTH, (1, 2, 3))):
        for times in counts:
            # Several times a day on chosen days is not read yet, in any language: left out.
            days_sets = range(1, 128) if per is Per.DAY and times == 1 else (127,)
            for bits in days_sets:
                days = frozenset(d for d in range(7) if bits >> d & 1)
                frequency = Frequency(times, per, days)
                written = how_often(frequency, words)
                found = find_frequency(written, lang=lang)
                assert found is not None and found.frequency == frequency, (written, frequency)
