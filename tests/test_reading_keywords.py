"""The command keywords in each language beside the English ones, through the domain's
readers: /goal, /milestone, /progress, /target, /reschedule, /pause, /habit, /did, /checkin,
/schedule and the SMART check."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain import commands, frequencies, smart
from bot.domain.checkins import CheckinStatus, parse_checkin
from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import words_of
from bot.domain.habit_goals import read_goal_line
from bot.domain.habits import Direction, Frequency, Per
from bot.domain.languages import Lang
from bot.domain.schedules import Kind, ScheduleChange, parse_schedule_command

DE, ES, RU, PT = Lang.DE, Lang.ES, Lang.RU, Lang.PT_BR
WEEK = Frequency(3, Per.WEEK)
DAILY = Frequency(1, Per.DAY)


@pytest.mark.parametrize(
    ("lang", "text", "title", "date_text", "target", "unit", "baseline"),
    [
        (DE, "Marathon laufen bis Ende März Ziel 42 km", "Marathon laufen", "Ende März", 42, "km", None),
        (DE, "75 kg wiegen bis Juni Ziel 75 kg von 80 kg", "75 kg wiegen", "Juni", 75, "kg", 80),
        (DE, "Sparen Ziel 1.500 € bis Juni", "Sparen", "Juni", 1500, "€", None),
        (DE, "Run a marathon by friday target 42 km", "Run a marathon", "friday", 42, "km", None),
        (ES, "Correr un maratón hasta el 30 de abril meta 42 km", "Correr un maratón", "30 de abril", 42, "km", None),
        (ES, "Ahorrar para un coche para junio objetivo 1.500 €", "Ahorrar para un coche", "junio", 1500, "€", None),
        (ES, "Bajar de peso antes del 1 de junio meta 75 kg desde 80 kg", "Bajar de peso", "1 de junio", 75, "kg", 80),
        (RU, "Пробежать марафон до конца марта цель 42 км", "Пробежать марафон", "конца марта", 42, "км", None),
        (RU, "Подготовиться к экзамену к 30 апреля", "Подготовиться к экзамену", "30 апреля", None, "", None),
        (RU, "Похудеть до июня цель 75 кг от 80 кг", "Похудеть", "июня", 75, "кг", 80),
        (PT, "Correr uma maratona até sexta-feira meta 42 km", "Correr uma maratona", "sexta-feira", 42, "km", None),
        (PT, "Perder peso até junho meta 75 kg desde 80 kg", "Perder peso", "junho", 75, "kg", 80),
        (PT, "Guardar dinheiro para a viagem para junho objetivo 2.500 R$", "Guardar dinheiro para a viagem", "junho", 2500, "R$", None),
    ],
)  # fmt: skip
def test_goal_keywords(
    lang: Lang, text: str, title: str, date_text: str, target: float | None, unit: str,
    baseline: float | None,
) -> None:  # fmt: skip
    spec = commands.parse_goal(text, lang=lang)
    assert (spec.title, spec.date_text, spec.target, spec.unit, spec.baseline) == (
        title, date_text, target, unit, baseline,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "text", "title", "date_text"),
    [
        (DE, "2 Bücher lesen nächsten Monat", "2 Bücher lesen", "end of nächsten Monat"),
        (RU, "Прочитать 2 книги в следующем месяце", "Прочитать 2 книги", "end of следующем месяце"),
        (ES, "Leer 2 libros el mes que viene", "Leer 2 libros", "end of mes que viene"),
        (PT, "Ler 2 livros no próximo mês", "Ler 2 livros", "end of próximo mês"),
    ],
)  # fmt: skip
def test_a_title_ending_in_a_period_is_due_at_its_end(
    lang: Lang, text: str, title: str, date_text: str
) -> None:
    spec = commands.parse_goal(text, lang=lang)
    assert (spec.title, spec.date_text) == (title, date_text)


def test_a_goal_without_a_deadline_word_is_refused_in_every_language() -> None:
    for lang in Lang:
        with pytest.raises(Usage) as raised:
            commands.parse_goal("Marathon", lang=lang)
        assert raised.value.problem is UsageProblem.NO_DEADLINE


@pytest.mark.parametrize(
    ("lang", "text", "title", "date_text"),
    [
        (DE, "1 Halbmarathon bis 15.02.", "Halbmarathon", "15.02."),
        (ES, "1 Media maratón para el 15 de febrero", "Media maratón", "15 de febrero"),
        (RU, "1 Полумарафон до 15 февраля", "Полумарафон", "15 февраля"),
        (PT, "1 Meia maratona até 15 de fevereiro", "Meia maratona", "15 de fevereiro"),
        (PT, "1 Meia maratona by 2027-02-15", "Meia maratona", "2027-02-15"),
    ],
)
def test_milestone_keywords(lang: Lang, text: str, title: str, date_text: str) -> None:
    spec = commands.parse_milestone(text, lang=lang)
    assert (spec.goal_number, spec.title, spec.date_text) == (1, title, date_text)


@pytest.mark.parametrize("lang", [DE, ES, RU, PT])
def test_progress_reads_the_locales_numbers(lang: Lang) -> None:
    spec = commands.parse_progress("1 79,250 kg", lang=lang)
    assert (spec.amount, spec.unit, spec.other_amount) == (79.25, "kg", None)
    step = commands.parse_progress("1 +1.500", lang=lang)
    assert (step.amount, step.relative, step.other_amount) == (1500, True, None)
    english = commands.parse_progress("1 79,250 kg")
    assert (english.amount, english.other_amount) == (79.25, 79250)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        (DE, "7 25 min von 28 min", (7, 25, "min", 28)),
        (ES, "7 25 min desde 28 min", (7, 25, "min", 28)),
        (RU, "7 25 мин от 28 мин", (7, 25, "мин", 28)),
        (PT, "7 25 min desde 28 min", (7, 25, "min", 28)),
        (DE, "7 25 min from 28 min", (7, 25, "min", 28)),
    ],
)
def test_target_keywords(lang: Lang, text: str, want: tuple[int, float, str, float]) -> None:
    number, target = commands.parse_target_command(text, lang=lang)
    assert (number, target.value, target.unit, target.baseline) == want


@pytest.mark.parametrize(
    ("lang", "text", "date_text", "reason"),
    [
        (DE, "7.2 nächsten Freitag weil ich krank war", "nächsten Freitag", "ich krank war"),
        (ES, "7.2 el próximo viernes porque estuve enfermo", "el próximo viernes", "estuve enfermo"),
        (RU, "7.2 следующую пятницу потому что болел", "следующую пятницу", "болел"),
        (PT, "7.2 próxima sexta porque fiquei doente", "próxima sexta", "fiquei doente"),
        (RU, "7.2 next friday because I was ill", "next friday", "I was ill"),
    ],
)  # fmt: skip
def test_reschedule_keywords(lang: Lang, text: str, date_text: str, reason: str) -> None:
    spec = commands.parse_reschedule(text, lang=lang)
    assert (spec.date_text, spec.reason) == (date_text, reason)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        (DE, "ab 24.12. bis 3.1. weil Urlaub", commands.PauseSpec("24.12.", "3.1.", None, "Urlaub")),
        (DE, "für 3 Tage", commands.PauseSpec(None, None, 3, None)),
        (DE, "2 Wochen weil krank", commands.PauseSpec(None, None, 14, "krank")),
        (ES, "desde el 24 de diciembre hasta el 3 de enero porque vacaciones",
         commands.PauseSpec("24 de diciembre", "3 de enero", None, "vacaciones")),
        (ES, "durante 5 días", commands.PauseSpec(None, None, 5, None)),
        (RU, "на 2 недели потому что отпуск", commands.PauseSpec(None, None, 14, "отпуск")),
        (RU, "с 24 декабря до 3 января", commands.PauseSpec("24 декабря", "3 января", None, None)),
        (PT, "de 24 de dezembro até 3 de janeiro porque férias",
         commands.PauseSpec("24 de dezembro", "3 de janeiro", None, "férias")),
        (PT, "por 10 dias", commands.PauseSpec(None, None, 10, None)),
        (PT, "for 2 weeks because holiday", commands.PauseSpec(None, None, 14, "holiday")),
    ],
)  # fmt: skip
def test_pause_keywords(lang: Lang, text: str, want: commands.PauseSpec) -> None:
    assert commands.parse_pause(text, lang=lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "title", "frequency"),
    [
        (DE, "Gym 3 mal pro Woche", "Gym", WEEK),
        (DE, "Gym dreimal die Woche", "Gym", WEEK),
        (DE, "Lesen täglich", "Lesen", DAILY),
        (DE, "Lesen jeden Tag", "Lesen", DAILY),
        (DE, "Meditieren werktags", "Meditieren", Frequency(1, Per.DAY, frozenset(range(5)))),
        (DE, "Wandern am Wochenende", "Wandern", Frequency(1, Per.DAY, frozenset({5, 6}))),
        (DE, "Gym montags und donnerstags", "Gym", Frequency(1, Per.DAY, frozenset({0, 3}))),
        (DE, "Laufen jeden Freitag", "Laufen", Frequency(1, Per.DAY, frozenset({4}))),
        (DE, "Putzen zweimal im Monat", "Putzen", Frequency(2, Per.MONTH)),
        (ES, "Gimnasio 3 veces por semana", "Gimnasio", WEEK),
        (ES, "Gimnasio 3 veces a la semana", "Gimnasio", WEEK),
        (ES, "Leer todos los días", "Leer", DAILY),
        (ES, "Correr los lunes y jueves", "Correr", Frequency(1, Per.DAY, frozenset({0, 3}))),
        (ES, "Meditar entre semana", "Meditar", Frequency(1, Per.DAY, frozenset(range(5)))),
        (ES, "Pasear los fines de semana", "Pasear", Frequency(1, Per.DAY, frozenset({5, 6}))),
        (RU, "Спортзал 3 раза в неделю", "Спортзал", WEEK),
        (RU, "Читать каждый день", "Читать", DAILY),
        (RU, "Читать ежедневно", "Читать", DAILY),
        (RU, "Бегать по понедельникам и четвергам", "Бегать", Frequency(1, Per.DAY, frozenset({0, 3}))),
        (RU, "Йога по будням", "Йога", Frequency(1, Per.DAY, frozenset(range(5)))),
        (RU, "Уборка 2 раза в месяц", "Уборка", Frequency(2, Per.MONTH)),
        (PT, "Academia 3 vezes por semana", "Academia", WEEK),
        (PT, "Ler todos os dias", "Ler", DAILY),
        (PT, "Correr às segundas e quintas", "Correr", Frequency(1, Per.DAY, frozenset({0, 3}))),
        (PT, "Meditar em dias úteis", "Meditar", Frequency(1, Per.DAY, frozenset(range(5)))),
        (PT, "Gym 3 times a week", "Gym", WEEK),
    ],
)  # fmt: skip
def test_habit_frequencies(lang: Lang, text: str, title: str, frequency: Frequency) -> None:
    spec = frequencies.parse_habit(text, lang=lang)
    assert (spec.title, spec.frequency) == (title, frequency)


@pytest.mark.parametrize(
    ("lang", "text", "direction", "value", "unit", "until"),
    [
        (DE, "Lesen täglich mindestens 20 Seiten bis Ende März", Direction.AT_LEAST, 20, "Seiten", "Ende März"),
        (DE, "Kaffee täglich höchstens 2 Tassen", Direction.AT_MOST, 2, "Tassen", None),
        (DE, "Laufen 3 mal pro Woche mindestens 5,5 km", Direction.AT_LEAST, 5.5, "km", None),
        (ES, "Leer todos los días al menos 20 páginas hasta el 31 de marzo", Direction.AT_LEAST, 20, "páginas", "31 de marzo"),
        (ES, "Café al día como máximo 2 tazas", Direction.AT_MOST, 2, "tazas", None),
        (RU, "Читать каждый день не менее 20 страниц до конца марта", Direction.AT_LEAST, 20, "страниц", "конца марта"),
        (RU, "Кофе каждый день не более 2 чашек", Direction.AT_MOST, 2, "чашек", None),
        (PT, "Ler todos os dias pelo menos 20 páginas até o fim de março", Direction.AT_LEAST, 20, "páginas", "o fim de março"),
        (PT, "Café por dia no máximo 2 xícaras", Direction.AT_MOST, 2, "xícaras", None),
        (PT, "Walk every day at least 1.500 steps", Direction.AT_LEAST, 1500, "steps", None),
    ],
)  # fmt: skip
def test_habit_amounts_and_ends(
    lang: Lang, text: str, direction: Direction, value: float, unit: str, until: str | None
) -> None:
    spec = frequencies.parse_habit(text, lang=lang)
    assert spec.amount is not None
    assert (spec.amount.direction, spec.amount.value, spec.amount.unit) == (direction, value, unit)
    assert spec.until_text == until


def test_a_goal_line_that_says_how_often_is_a_habit_in_each_language() -> None:
    line = read_goal_line("Gym 3 mal pro Woche bis Ende März", lang=DE)
    assert line.habit is not None and line.habit.frequency == WEEK
    assert line.habit.title == "Gym" and line.date_text == "Ende März"
    line = read_goal_line("Ler 20 páginas por dia", lang=PT)
    assert line.goal is None and line.habit is not None and line.habit.frequency == DAILY


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        (ES, "Leer para dormir todos los días", "Leer para dormir"),
        (PT, "Ler para dormir todos os dias", "Ler para dormir"),
        (RU, "Готовиться к экзамену каждый день", "Готовиться к экзамену"),
        (Lang.EN, "Sleep by 23:00 every day", "Sleep by 23:00"),
    ],
)
def test_a_deadline_word_followed_by_how_often_belongs_to_the_habits_title(
    lang: Lang, text: str, title: str
) -> None:
    line = read_goal_line(text, lang=lang)
    assert line.goal is None and line.habit is not None
    assert (line.habit.title, line.habit.frequency) == (title, DAILY)


@pytest.mark.parametrize(
    ("lang", "text"),
    [(DE, "3 vorgestern"), (ES, "3 anteayer"), (RU, "3 позавчера"), (PT, "3 anteontem"),
     (DE, "3 Montag"), (RU, "3 в понедельник"), (Lang.EN, "3 the day before yesterday")],
)  # fmt: skip
def test_did_further_back_than_yesterday_is_refused(lang: Lang, text: str) -> None:
    with pytest.raises(Usage) as raised:
        frequencies.parse_did(text, lang=lang)
    assert raised.value.problem is UsageProblem.DID_TOO_FAR_BACK


@pytest.mark.parametrize(
    ("lang", "text", "yesterday", "readings", "rest"),
    [
        (DE, "3 gestern 12 Seiten", True, (12.0,), "Seiten"),
        (DE, "3 1.500 Schritte", False, (1500.0,), "Schritte"),
        (ES, "3 ayer 12 páginas", True, (12.0,), "páginas"),
        (RU, "3 вчера", True, (), ""),
        (PT, "3 12 páginas ontem", True, (12.0,), "páginas"),
        (PT, "3 yesterday", True, (), ""),
    ],
)
def test_did_words(
    lang: Lang, text: str, yesterday: bool, readings: tuple[float, ...], rest: str
) -> None:
    spec = frequencies.parse_did(text, lang=lang)
    assert (spec.yesterday, spec.readings, spec.rest) == (yesterday, readings, rest)


@pytest.mark.parametrize(
    ("lang", "text", "status", "note"),
    [
        (DE, "läuft", CheckinStatus.ON_TRACK, None),
        (DE, "läuft, 3 Läufe", CheckinStatus.ON_TRACK, "3 Läufe"),
        (DE, "hinterher", CheckinStatus.BEHIND, None),
        (DE, "Hilfe!", CheckinStatus.HELP, None),
        (DE, "krank diese Woche", CheckinStatus.BEHIND, "krank diese Woche"),
        (DE, "on track", CheckinStatus.ON_TRACK, None),
        (ES, "bien", CheckinStatus.ON_TRACK, None),
        (ES, "bien, 3 carreras", CheckinStatus.ON_TRACK, "bien, 3 carreras"),
        (ES, "atrasado", CheckinStatus.BEHIND, None),
        (ES, "ayuda", CheckinStatus.HELP, None),
        (ES, "necesito ayuda con el plan", CheckinStatus.HELP, "con el plan"),
        (RU, "по плану", CheckinStatus.ON_TRACK, None),
        (RU, "отстаю", CheckinStatus.BEHIND, None),
        (RU, "нужна помощь", CheckinStatus.HELP, None),
        (PT, "no caminho", CheckinStatus.ON_TRACK, None),
        (PT, "atrasado", CheckinStatus.BEHIND, None),
        (PT, "ajuda", CheckinStatus.HELP, None),
        (PT, "behind", CheckinStatus.BEHIND, None),
    ],
)
def test_checkin_words(lang: Lang, text: str, status: CheckinStatus, note: str | None) -> None:
    assert parse_checkin(text, lang=lang) == (status, note)


def test_a_checkin_word_of_another_language_is_refused() -> None:
    with pytest.raises(Usage):
        parse_checkin("hinterher", lang=ES)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        (DE, "checkin werktags 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), WEEKDAYS)),
        (DE, "checkin täglich 8:00", ScheduleChange((Kind.CHECKIN,), True, time(8), (*WEEKDAYS, "sat", "sun"))),
        (DE, "checkin Mo,Do 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), ("mon", "thu"))),
        (DE, "zusammenfassung Fr 17:00", ScheduleChange((Kind.SUMMARY,), True, time(17), ("fri",))),
        (DE, "aus erinnerungen", ScheduleChange((Kind.REMINDERS,), False)),
        (ES, "resumen viernes 17:00", ScheduleChange((Kind.SUMMARY,), True, time(17), ("fri",))),
        (ES, "checkin lun,jue 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), ("mon", "thu"))),
        (RU, "checkin пн,чт 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), ("mon", "thu"))),
        (RU, "checkin будни 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), WEEKDAYS)),
        (RU, "выкл привычки", ScheduleChange((Kind.HABITS,), False)),
        (PT, "checkin seg e qui 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), ("mon", "thu"))),
        (PT, "resumo sexta 17:00", ScheduleChange((Kind.SUMMARY,), True, time(17), ("fri",))),
        (PT, "checkin mon,thu 9:00", ScheduleChange((Kind.CHECKIN,), True, time(9), ("mon", "thu"))),
    ],
)  # fmt: skip
def test_schedule_words(lang: Lang, text: str, want: ScheduleChange) -> None:
    assert parse_schedule_command(text, lang=lang) == want


@pytest.mark.parametrize(
    ("lang", "title", "specific"),
    [
        (DE, "Fitter werden", False),
        (DE, "Umsatz verbessern", False),
        (DE, "Einen Marathon laufen", True),
        (DE, "Umsatz um 10% steigern", True),
        (ES, "Mejorar las ventas", False),
        (ES, "Correr un maratón", True),
        (RU, "Улучшить продажи", False),
        (RU, "Пробежать марафон", True),
        (PT, "Melhorar as vendas", False),
        (PT, "Correr uma maratona", True),
        (PT, "improve sales", False),
    ],
)
def test_vague_words_in_each_language(lang: Lang, title: str, specific: bool) -> None:
    assert smart.is_specific(title, False, lang=lang) is specific
    habit = smart.check_habit(title, 1.0, False, None, date(2026, 12, 4), lang=lang)
    assert habit.specific is specific


@pytest.mark.parametrize("lang", list(Lang))
def test_every_language_has_its_words_module_with_every_keyword(lang: Lang) -> None:
    words = words_of(lang)
    for name in ("by", "target", "start", "because", "until", "pause_for", "on_track", "behind",
                 "help", "daily", "weekly", "times", "at_least", "at_most", "yesterday",
                 "vague"):  # fmt: skip
        assert getattr(words, name), (lang, name)
    assert len(set(words.weekdays.values())) == 7
    assert len(set(words.weekday_abbreviations.values())) == 7
