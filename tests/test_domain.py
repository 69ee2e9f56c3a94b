"""Pure rules: argument parsing, dates, the SMART check and pace."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import commands, smart
from bot.domain.dates import LocalClock, find_timezone, format_day, humanize_days, parse_date
from bot.domain.errors import DateUnreadable, Usage
from bot.domain.languages import Lang
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.numbers import read_amount_with_unit, same_unit
from bot.domain.pace import PaceStatus, pace
from bot.emulator.html_text import visible_text
from bot.render.i18n import Words
from bot.render.text import clock, split_message, split_smaller, units

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "title", "date_text", "target", "unit"),
    [
        ("Run a marathon by 2027-04-30 target 42 km", "Run a marathon", "2027-04-30", 42, "km"),
        ("Stand by me by next friday", "Stand by me", "next friday", None, ""),
        ("Increase sales by 10% by 2027-03-31", "Increase sales by 10%", "2027-03-31", None, ""),
        ("Read books BY end of month TARGET 6,5 books", "Read books", "end of month", 6.5, "books"),
        ("Save money by 2027-01-01 target 500", "Save money", "2027-01-01", 500, ""),
        ("Save money by end of year target 1,000,000 EUR", "Save money", "end of year", 1e6, "EUR"),
        ("Lose weight by 2027-06-01 target 5.5kg", "Lose weight", "2027-06-01", 5.5, "kg"),
        ("Save by 2027-01-01 target 5000€", "Save", "2027-01-01", 5000, "€"),
        ("Hit my sales target by end of march", "Hit my sales target", "end of march", None, ""),
        ("Run target 42 km by 2027-04-30", "Run", "2027-04-30", 42, "km"),
    ],
)
def test_parse_goal(text: str, title: str, date_text: str, target: float | None, unit: str) -> None:
    assert commands.parse_goal(text) == commands.GoalSpec(title, date_text, target, unit)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Run a marathon", "no_deadline"),
        ("by 2027-01-01", "empty_title"),
        ("Run by 2027-01-01 target x km", "bad_target"),
        ("Run by 2027-01-01 target 0", "bad_target"),
    ],
)
def test_parse_goal_refusals(text: str, problem: str) -> None:
    with pytest.raises(Usage) as info:
        commands.parse_goal(text)
    assert info.value.problem == problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("75 kg from 80 kg", commands.TargetSpec(75, "kg", 80)),
        ("75 kg from 80", commands.TargetSpec(75, "kg", 80)),
        ("25 from 28.5 min", commands.TargetSpec(25, "min", 28.5)),
        ("0 cigarettes from 20", commands.TargetSpec(0, "cigarettes", 20)),
        ("100 kg FROM 80 kg", commands.TargetSpec(100, "kg", 80)),
        ("50 interviews from users", commands.TargetSpec(50, "interviews from users")),
        ("$10k from $2k", commands.TargetSpec(10_000, "$", 2_000)),
        ("0 from $5,000.00", commands.TargetSpec(0, "$", 5_000)),
        ("25 min from 28 mins", commands.TargetSpec(25, "min", 28)),
    ],
)
def test_parse_target_from_a_baseline(text: str, expected: commands.TargetSpec) -> None:
    assert commands.parse_target(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("75 kg from 80 lb", "bad_baseline"),
        ("75 kg from -5", "bad_baseline"),
        ("75 from", "bad_baseline"),
        ("75 kg from 80 kg from 90", "bad_baseline"),
        ("75 kg from 75 kg", "baseline_is_target"),
        ("0 from 0", "baseline_is_target"),
        ("0 kg", "bad_target"),
    ],
)
def test_parse_target_refusals(text: str, problem: str) -> None:
    with pytest.raises(Usage) as info:
        commands.parse_target(text)
    assert info.value.problem == problem


def test_a_goal_due_this_quarter_needs_no_by() -> None:
    assert commands.parse_goal("Talk to 50 customers this quarter") == (
        commands.GoalSpec("Talk to 50 customers", "end of this quarter")
    )
    assert commands.parse_goal("Hire 2 engineers next quarter") == (
        commands.GoalSpec("Hire 2 engineers", "end of next quarter")
    )
    assert commands.parse_goal("Plan the offsite for next year") == (
        commands.GoalSpec("Plan the offsite", "end of next year")
    )
    assert commands.parse_goal("Run 300 km next quarter target 300 km") == (
        commands.GoalSpec("Run 300 km", "end of next quarter", 300, "km")
    )
    with pytest.raises(Usage):
        commands.parse_goal("this month")


def test_goal_with_a_target_from_a_baseline() -> None:
    assert commands.parse_goal("Lose weight by march target 75 kg from 80 kg") == (
        commands.GoalSpec("Lose weight", "march", 75, "kg", 80)
    )
    assert commands.parse_goal("Run 5k target 25 min from 28 by 2027-03-01") == (
        commands.GoalSpec("Run 5k", "2027-03-01", 25, "min", 28)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42 km", (42, "km")),
        ("$10k", (10_000, "$")),
        ("€5k", (5_000, "€")),
        ("$2,500.50", (2_500.5, "$")),
        ("10k USD", (10_000, "USD")),
        ("1.5M", (1_500_000, "")),
        ("10km", (10, "km")),
        ("10kg", (10, "kg")),
        ("27:30", (27.5, "min")),
        ("1:45:00", (105, "min")),
        ("2 500", None),
        ("99:99", None),
        ("$", None),
    ],
)
def test_amounts_as_people_type_them(text: str, expected: tuple[float, str] | None) -> None:
    found = read_amount_with_unit(text)
    assert (found if found is None else (*found[0], found[1])) == expected


def test_a_start_that_reads_two_ways_is_kept_both_ways() -> None:
    spec = commands.parse_target("0 from $5,000")
    assert spec.ambiguous
    assert [(t.value, t.baseline) for t in spec.readings] == [(0, 5), (0, 5000)]


def test_a_bare_k_is_asked_about() -> None:
    with pytest.raises(Usage) as info:
        read_amount_with_unit("10k")
    assert info.value.problem == "bare_k"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("km", "kms", True), ("min", "minutes", True), ("$", "USD", True), ("books", "book", True),
        ("KM", "km", True), ("km", "miles", False), ("kg", "lbs", False), ("pages", "books", False),
    ],
)  # fmt: skip
def test_same_unit(a: str, b: str, same: bool) -> None:
    assert same_unit(a, b) is same


def test_refs_and_progress() -> None:
    assert commands.parse_done("7.2") == commands.Ref(7, 2)
    assert commands.parse_done("#7") == commands.Ref(7)
    assert commands.parse_progress("3 +2.5") == commands.ProgressSpec(3, 2.5, True)
    assert commands.parse_progress("3 10") == commands.ProgressSpec(3, 10, False)
    assert commands.parse_progress("3 +3 km") == commands.ProgressSpec(3, 3, True, "km")
    assert commands.parse_progress("3 1,500") == commands.ProgressSpec(
        3, 1.5, False, other_amount=1500
    )
    assert commands.parse_progress("3 1,500,000") == commands.ProgressSpec(3, 1_500_000, False)
    assert commands.parse_progress("3 -0.5 kg") == commands.ProgressSpec(3, -0.5, True, "kg")
    assert commands.parse_progress("3 −2") == commands.ProgressSpec(3, -2, True)
    spec = commands.parse_reschedule("7.1 in 2 weeks because")
    assert spec == commands.RescheduleSpec(commands.Ref(7, 1), "in 2 weeks", None)
    spec = commands.parse_reschedule("7.1 next friday because I was ill")
    assert spec == commands.RescheduleSpec(commands.Ref(7, 1), "next friday", "I was ill")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-04-30", date(2027, 4, 30)),
        ("next friday", date(2026, 12, 4)),
        ("in 3 weeks", date(2026, 12, 19)),
        ("end of month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("end of year", date(2026, 12, 31)),
        ("end of march", date(2027, 3, 31)),
        ("tomorrow", date(2026, 11, 29)),
        ("end of quarter", date(2026, 12, 31)),
        ("end of q1", date(2027, 3, 31)),
        ("Q2", date(2027, 6, 30)),
        ("q4", date(2026, 12, 31)),
        ("q1 2028", date(2028, 3, 31)),
        ("next quarter", date(2027, 3, 31)),
        ("tmrw", date(2026, 11, 29)),
        ("tomorow", date(2026, 11, 29)),
        ("mid december", date(2026, 12, 15)),
        ("christmas", date(2026, 12, 25)),
        ("new year's eve", date(2026, 12, 31)),
        ("eoy", date(2026, 12, 31)),
        ("next weekend", date(2026, 12, 5)),
        ("31/12/2027", date(2027, 12, 31)),
        ("31/12", date(2026, 12, 31)),
        ("12/31/2026", date(2026, 12, 31)),
        ("end of week", date(2026, 11, 29)),
        # "next month" is next month's end, as a title ending in "next month" is.
        ("next month", date(2026, 12, 31)),
        ("this month", date(2026, 11, 30)),
        ("next week", date(2026, 12, 6)),
        ("this week", date(2026, 11, 29)),
        ("next year", date(2027, 12, 31)),
        ("in a month", date(2026, 12, 28)),
        ("by next month", date(2026, 12, 31)),
        ("by end of month", date(2026, 11, 30)),
        ("in 2 months", date(2027, 1, 28)),
        ("march 15", date(2027, 3, 15)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, NOW, "Europe/Berlin") == expected


FRIDAY = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        # Day and month that only fit as month/day are read so, never as a year.
        (NOW, "12/31", date(2026, 12, 31)),
        (NOW, "1/30", date(2027, 1, 30)),
        # The end of next week is the Sunday after the end of this week.
        (NOW, "end of next week", date(2026, 12, 6)),
        (FRIDAY, "end of next week", date(2026, 12, 13)),
        (FRIDAY, "the end of the next week", date(2026, 12, 13)),
        # A month or a year alone is a deadline at its end.
        (NOW, "march", date(2027, 3, 31)),
        (NOW, "december", date(2026, 12, 31)),
        (NOW, "september 2027", date(2027, 9, 30)),
        (NOW, "november", date(2026, 11, 30)),
        (FRIDAY, "november", date(2027, 11, 30)),
        (NOW, "2027", date(2027, 12, 31)),
        # A day alone is the next such day.
        (NOW, "1st", date(2026, 12, 1)),
        (NOW, "the 1st", date(2026, 12, 1)),
        (NOW, "15", date(2026, 12, 15)),
        (NOW, "the 31st", date(2026, 12, 31)),
        (FRIDAY, "the 1st", date(2027, 1, 1)),
        (datetime(2027, 1, 31, 9, 0, tzinfo=UTC), "29", date(2027, 3, 29)),
    ],
)
def test_parse_date_fills_in_what_a_deadline_leaves_out(
    now: datetime, text: str, expected: date
) -> None:
    assert parse_date(text, now, "UTC") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Day first, with or without the year; without it, the next such day (NOW: 28 Nov).
        ("15.02.", date(2027, 2, 15)),
        ("15.02", date(2027, 2, 15)),
        ("01.05.", date(2027, 5, 1)),
        ("23.12.", date(2026, 12, 23)),
        ("28.11.", date(2026, 11, 28)),  # today is today, not next year
        ("27.11.", date(2027, 11, 27)),
        ("3.1.", date(2027, 1, 3)),
        ("3.1", date(2027, 1, 3)),
        ("1.5.", date(2027, 5, 1)),
        ("15.2.27", date(2027, 2, 15)),
        ("15.2.27.", date(2027, 2, 15)),
        ("15.02.2027", date(2027, 2, 15)),
        ("29.02.2028", date(2028, 2, 29)),
        ("29.02.", date(2028, 2, 29)),  # the next 29 February
        ("15/02", date(2027, 2, 15)),
        ("15/2/27", date(2027, 2, 15)),
        ("15/02/2027", date(2027, 2, 15)),
        ("02/03", date(2027, 3, 2)),  # day first: 2 March
        ("by 15.02.", date(2027, 2, 15)),  # "by" typed where only a date is asked for
        ("until by 15.02.", date(2027, 2, 15)),
        ("01.12.", date(2026, 12, 1)),
    ],
)
def test_dates_in_numbers_are_day_first(text: str, expected: date) -> None:
    assert parse_date(text, NOW, "Europe/Berlin") == expected


@pytest.mark.parametrize(
    "text", ["31.02.", "1.13.", "29.02.2027", "0.5.", "15.02.202", "32.1.", "13/13"]
)
def test_numbers_that_are_no_day_are_refused(text: str) -> None:
    with pytest.raises(DateUnreadable):
        parse_date(text, NOW, "Europe/Berlin")


def test_dates_are_read_in_the_chats_zone() -> None:
    late_evening_utc = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    assert parse_date("tomorrow", late_evening_utc, "UTC") == date(2026, 11, 29)
    assert parse_date("tomorrow", late_evening_utc, "Asia/Tokyo") == date(2026, 11, 30)


@pytest.mark.parametrize(
    "text",
    ["", "someday-ish", "2027-13-01", "2027-02-30", "2/30", "13/13", "+5", "-1", "in 5", "one"],
)
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(DateUnreadable):
        parse_date(text, NOW, "UTC")


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "tomorrow"), (4, "in 4 days"), (21, "in 3 weeks"), (153, "in 5 months"),
     (-2, "2 days ago"), (900, "in 2 years")],
)  # fmt: skip
def test_humanize_days(days: int, text: str) -> None:
    assert humanize_days(days) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2026, 11, 30), "Mon 30 Nov"), (date(2026, 1, 4), "Sun 4 Jan"),
     (date(2027, 4, 30), "Fri 30 Apr 2027"), (date(2025, 12, 31), "Wed 31 Dec 2025"),
     (date(2028, 2, 29), "Tue 29 Feb 2028")],
)  # fmt: skip
def test_days_are_written_in_english_with_the_year_only_when_another(day: date, text: str) -> None:
    assert format_day(day, NOW.date()) == text


@pytest.mark.parametrize(
    ("typed", "zone", "suggested"),
    [
        ("Europe/Berlin", "Europe/Berlin", ()),
        ("europe/berlin", "Europe/Berlin", ()),
        ("utc", "UTC", ()),
        ("Etc/GMT-3", "Etc/GMT-3", ()),  # any valid name typed in full
        # a city alone is suggested, never set: one word can name places a day apart
        ("Berlin", None, ("Europe/Berlin",)),
        ("sao paulo", None, ("America/Sao_Paulo",)),
        ("east", None, ("Pacific/Easter",)),  # not the alias Brazil/East
        ("Europe/Berln", None, ("Europe/Berlin",)),  # the closest first
        ("Tokio", None, ("Asia/Tokyo",)),
        # a city as each of the bot's languages names it
        ("Москва", None, ("Europe/Moscow",)), ("moskau", None, ("Europe/Moscow",)),
        ("Nueva York", None, ("America/New_York",)), ("Нью-Йорк", None, ("America/New_York",)),
        ("Singapura", None, ("Asia/Singapore",)),
        ("CET", None, ()),  # an abbreviation names no one place
        ("UTC+2", None, ()),  # nor does an offset, which summer time changes
        ("Mars/Olympus", None, ()),
    ],
)  # fmt: skip
def test_time_zones_as_people_type_them(
    typed: str, zone: str | None, suggested: tuple[str, ...]
) -> None:
    found, suggestions = find_timezone(typed)
    assert found == zone
    assert suggestions[:1] == suggested and len(suggestions) <= 3


def goal(**changes: object) -> Goal:
    base = Goal(
        id=1, chat_id=-1, number=1, owner=Member(1, "Alice"), title="Run a marathon",
        deadline=date(2027, 11, 28), status=GoalStatus.ACTIVE, created_at=NOW,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def milestone(number: int, due: date, done: bool = False) -> Milestone:
    return Milestone(number, 1, number, f"m{number}", due, NOW, NOW if done else None)


D1, D2 = date(2027, 1, 1), date(2027, 2, 1)


@pytest.mark.parametrize(
    ("target", "current", "milestones", "work_left"),
    [
        (None, 0.0, (milestone(1, D1, done=True), milestone(2, D2, done=True)), False),
        (None, 0.0, (milestone(1, D1, done=True), milestone(2, D2)), True),
        (100.0, 0.0, (milestone(1, D1, done=True),), True),  # the target is still ahead
        (100.0, 100.0, (milestone(1, D1, done=True),), False),
        (100.0, 100.0, (milestone(1, D1),), True),
        (100.0, 40.0, (), True),
        (None, 0.0, (), False),  # nothing to measure: only /done finishes it
        (75.0, 80.0, (milestone(1, D1, done=True),), True),  # down from 80: not there
        (75.0, 75.0, (milestone(1, D1, done=True),), False),
        (0.0, 3.0, (), True),  # down to 0
    ],
)  # fmt: skip
def test_what_is_left_before_a_goal_is_finished(
    target: float | None,
    current: float,
    milestones: tuple[Milestone, ...],
    work_left: bool,
) -> None:
    baseline = 80.0 if target is not None and target < 80 else None
    g = goal(target=target, current=current, milestones=milestones, baseline=baseline)
    assert g.has_work_left is work_left


@pytest.mark.parametrize(
    ("title", "has_target", "specific"),
    [
        ("Run a marathon", False, True),
        ("improve sales", False, False),
        ("get fit", False, False),
        ("Increase sales by 10%", False, True),
        ("Increase sales", True, True),
        ("Fitness", False, False),
        ("Read 12 books", False, True),
        ("Abnehmen", True, True),  # one word with a target: 'lose weight', measured
        ("Fitness", True, True),
    ],
)
def test_specific(title: str, has_target: bool, specific: bool) -> None:
    assert smart.is_specific(title, has_target) is specific


def test_smart_check() -> None:
    today = NOW.date()
    check = smart.check(goal(why="for my kids", target=42.0), today)
    assert check.all_hold
    check = smart.check(goal(deadline=date(2032, 1, 1)), today)
    assert not check.achievable and not check.measurable and not check.relevant
    assert smart.check(goal(milestones=(milestone(1, date(2027, 1, 1)),)), today).measurable


@pytest.mark.parametrize(
    ("changes", "today", "status", "percent"),
    [
        ({"target": 12.0, "current": 6.0}, date(2027, 5, 29), PaceStatus.ON_TRACK, 50),
        ({"target": 12.0, "current": 3.0}, date(2027, 5, 29), PaceStatus.BEHIND, 25),
        ({"target": 12.0, "current": 0.0}, date(2027, 10, 1), PaceStatus.AT_RISK, 0),
        ({"target": 12.0, "current": 0.0}, date(2026, 11, 29), PaceStatus.ON_TRACK, 0),
        ({"target": 12.0, "current": 15.0}, date(2027, 1, 1), PaceStatus.ON_TRACK, 100),
        ({"target": 12.0, "current": 3.0}, date(2027, 12, 1), PaceStatus.OVERDUE, 25),
        ({"status": GoalStatus.COMPLETED}, date(2027, 12, 1), PaceStatus.DONE, 100),
        ({}, date(2027, 1, 1), PaceStatus.UNMEASURED, 0),
        ({"target": 5.0, "deadline": NOW.date()}, NOW.date(), PaceStatus.BEHIND, 0),
        # going down, from a baseline: 80 -> 75 kg, halfway through the year
        ({"target": 75.0, "baseline": 80.0, "current": 77.5}, date(2027, 5, 29), PaceStatus.ON_TRACK, 50),
        ({"target": 75.0, "baseline": 80.0, "current": 79.0}, date(2027, 5, 29), PaceStatus.BEHIND, 20),
        ({"target": 75.0, "baseline": 80.0, "current": 82.0}, date(2027, 5, 29), PaceStatus.BEHIND, 0),
        ({"target": 75.0, "baseline": 80.0, "current": 74.0}, date(2027, 5, 29), PaceStatus.ON_TRACK, 100),
        # up, from a baseline: a bench press from 80 to 100 kg
        ({"target": 100.0, "baseline": 80.0, "current": 90.0}, date(2027, 5, 29), PaceStatus.ON_TRACK, 50),
        ({"target": 100.0, "baseline": 80.0, "current": 80.0}, date(2027, 5, 29), PaceStatus.BEHIND, 0),
        (
            {"milestones": (milestone(1, date(2027, 1, 1), True), milestone(2, date(2027, 6, 1)))},
            date(2027, 2, 1), PaceStatus.ON_TRACK, 50,
        ),
        (
            {"milestones": (milestone(1, date(2027, 1, 1)), milestone(2, date(2027, 6, 1)))},
            date(2027, 2, 1), PaceStatus.BEHIND, 0,
        ),
        (  # a milestone due today is not late yet
            {"milestones": (milestone(1, NOW.date()), milestone(2, date(2027, 6, 1)))},
            NOW.date(), PaceStatus.ON_TRACK, 0,
        ),
    ],
)  # fmt: skip
def test_pace(changes: dict[str, object], today: date, status: PaceStatus, percent: int) -> None:
    result = pace(goal(**changes), today)
    assert result.status is status
    assert result.percent == percent


def test_split_message_keeps_lines_whole() -> None:
    lines = [f"<b>Member {i}</b> " + "x" * 90 for i in range(200)]
    text = "\n".join(lines)
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    assert "\n".join(chunks) == text


WORDS = ["<b>Ann</b>", "ran", "<i>5 km &amp; more</i>", "🏃", '<a href="tg://user?id=7">Bo</a>']


@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80), min_size=1, max_size=6),
    st.integers(min_value=80, max_value=600),
)
def test_split_message_never_drops_text_or_breaks_html(lines: list[list[str]], limit: int) -> None:
    text = "\n".join(" ".join(words) for words in lines)
    chunks = split_message(text, limit)
    assert all(units(c) <= limit for c in chunks)
    seen = " ".join(visible_text(c) for c in chunks)  # each chunk is valid HTML on its own
    assert seen.split() == visible_text(text).split()


def test_a_text_telegram_found_too_long_is_cut_in_two() -> None:
    text = "\n".join(f"<b>Member {i}</b> ran 5 km" for i in range(40))
    halves = split_smaller(text)
    assert len(halves) == 2
    assert "\n".join(halves) == text


@given(st.dates(min_value=date(2026, 11, 28), max_value=date(2036, 11, 1)))
def test_a_day_written_in_numbers_reads_back_as_that_day(day: date) -> None:
    for text in (f"{day.day}.{day.month}.{day.year}", f"{day.day:02}/{day.month:02}/{day.year}"):
        assert parse_date(text, NOW, "UTC") == day
    short = parse_date(f"{day.day:02}.{day.month:02}.", NOW, "UTC")
    assert (short.day, short.month) == (day.day, day.month)
    assert short >= NOW.date()  # the next such day: none between today and it
    assert all(
        date(year, day.month, day.day) < NOW.date()
        for year in range(NOW.year, short.year)
        if day.month != 2 or day.day != 29 or year % 4 == 0
    )


@pytest.mark.parametrize(
    ("title", "has_amount", "specific"),
    [("Lesen", True, True), ("Lesen", False, False), ("Читать", True, True), ("Read", False, True)],
)
def test_a_one_word_habit_is_specific_when_an_amount_pins_it(
    title: str, has_amount: bool, specific: bool
) -> None:
    today = date(2026, 12, 7)
    assert smart.check_habit(title, 1.0, has_amount, None, today).specific is specific


@pytest.mark.parametrize(
    ("lang", "shown"),
    [(Lang.EN, " · 21:40 in Singapore"), (Lang.DE, " · 21:40 in Singapur"),
     (Lang.RU, " · 21:40, Сингапур"), (Lang.PT_BR, " · 21:40 em Singapura")],
)  # fmt: skip
def test_a_members_clock_names_their_city_in_the_chats_language(lang: Lang, shown: str) -> None:
    at = datetime(2026, 12, 7, 21, 40, tzinfo=ZoneInfo("Asia/Singapore"))
    assert clock(LocalClock(at, "Asia/Singapore"), Words(lang)) == shown
