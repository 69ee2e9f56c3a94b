"""Table tests: a /goal line read as a goal or a habit, words that only look like a frequency,
and the SMART check of a habit."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.domain import habit_standing
from bot.domain.errors import Usage, UsageProblem
from bot.domain.frequencies import find_frequency
from bot.domain.habit_goals import read_goal_line
from bot.domain.habits import Amount, Break, Day, Direction, Frequency, Habit, Per, stats
from bot.domain.smart import check_habit, without_vague_words

DAILY = Frequency(1, Per.DAY)
TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    "text",
    [
        "Learn to code in a month",
        "Take a day off",
        "Plan a week in Rome",
        "Ship v2 in a week",
        "Finish the thesis within a month",
        "Book a week away",
        "More than a day late",
    ],
)
def test_a_duration_or_a_day_off_is_no_frequency(text: str) -> None:
    assert find_frequency(text) is None


@pytest.mark.parametrize(
    ("text", "times", "per", "rest"),
    [
        ("Save $500 a month for a bike", 1, Per.MONTH, "Save $500 for a bike"),
        ("Save 500 a month", 1, Per.MONTH, "Save 500"),
        ("Gym 3 a week", 3, Per.WEEK, "Gym"),
        ("Spend €20 a day at most", 1, Per.DAY, "Spend €20 at most"),
        ("Eat an apple a day", 1, Per.DAY, "Eat an apple"),
        ("Read 20 pages a day in bed", 1, Per.DAY, "Read 20 pages in bed"),
        ("Floss once a day", 1, Per.DAY, "Floss"),
    ],
)
def test_money_and_amounts_before_a_period_are_not_counts(
    text: str, times: int, per: Per, rest: str
) -> None:
    found = find_frequency(text)
    assert found is not None
    assert found.frequency == Frequency(times, per)
    assert found.rest == rest


@pytest.mark.parametrize(
    ("text", "title", "frequency", "amount", "until", "total"),
    [
        ("Meditate 10 minutes every day this quarter", "Meditate 10 minutes", DAILY, None,
         "end of this quarter", False),
        ("Read 20 pages a day by end of march", "Read 20 pages", DAILY, None, "end of march",
         False),
        ("Gym 3 times a week", "Gym", Frequency(3, Per.WEEK), None, None, False),
        ("Gym 3 times a week until end of march", "Gym", Frequency(3, Per.WEEK), None,
         "end of march", False),
        ("read 20 pages a day target 20 pages", "read 20 pages", DAILY,
         Amount(Direction.AT_LEAST, 20, "pages"), None, False),
        ("Read 20 pages a day by june target 20", "Read 20 pages", DAILY,
         Amount(Direction.AT_LEAST, 20, "pages"), "june", False),
        ("Meditate every day target 10 min", "Meditate", DAILY,
         Amount(Direction.AT_LEAST, 10, "min"), None, False),
        ("Walk every day at least 8000 steps by june", "Walk", DAILY,
         Amount(Direction.AT_LEAST, 8000, "steps"), "june", False),
        ("Read 20 pages a day by june target 600 pages", "Read 20 pages", DAILY, None, "june",
         True),
        ("Run every day by june target 300 km", "Run", DAILY, None, "june", True),
        ("Save $500 a month for a bike by June", "Save $500 for a bike",
         Frequency(1, Per.MONTH), None, "June", False),
    ],
)  # fmt: skip
def test_a_goal_line_that_says_how_often_reads_as_a_habit(
    text: str,
    title: str,
    frequency: Frequency,
    amount: Amount | None,
    until: str | None,
    total: bool,
) -> None:
    line = read_goal_line(text)
    assert line.habit is not None
    assert (line.habit.title, line.habit.frequency, line.habit.amount) == (title, frequency, amount)
    assert line.habit.until_text == until
    assert line.total_target is total
    dated = " by " in text or text.endswith("quarter")  # a goal needs a "by" date
    assert (line.goal is None) is not dated


@pytest.mark.parametrize(
    "text", ["Run a marathon by May", "Learn to code in a month by June", "Take a day off by fri"]
)
def test_a_one_off_goal_reads_as_a_goal_only(text: str) -> None:
    line = read_goal_line(text)
    assert line.goal is not None and line.habit is None


@pytest.mark.parametrize(
    "text", ["Run a marathon", "Read 20 pages a day target 600 pages", "Learn to code in a month"]
)
def test_without_a_date_and_without_a_habit_the_goal_needs_a_date(text: str) -> None:
    with pytest.raises(Usage) as refused:
        read_goal_line(text)
    assert refused.value.problem is UsageProblem.NO_DEADLINE


@pytest.mark.parametrize(
    ("title", "per_day", "amount", "until", "specific", "measurable", "achievable", "hint"),
    [
        ("Meditate", 1, False, None, True, False, True, "at least 10 minutes"),
        ("Meditate", 1, True, None, True, True, True, None),
        ("Meditate 10 minutes", 1, False, None, True, True, True, None),
        ("Read", 1, False, None, True, False, True, "at least 20 pages"),
        ("Gym", 3 / 7, False, None, True, True, True, None),
        ("No alcohol", 5 / 7, False, None, True, True, True, None),
        ("Exercise more", 3 / 7, False, None, False, False, True, "at least 30 minutes"),
        ("Stuff", 1, False, None, False, True, True, None),
        ("Drink water", 20, False, None, True, False, False, "at least 8 glasses"),
        ("Call mum", 2 / 30, False, date(2040, 1, 1), True, True, False, None),
    ],
)  # fmt: skip
def test_a_habits_smart_check(
    title: str,
    per_day: float,
    amount: bool,
    until: date | None,
    specific: bool,
    measurable: bool,
    achievable: bool,
    hint: str | None,
) -> None:
    check = check_habit(title, per_day, amount, until, TODAY)
    assert (check.specific, check.measurable, check.achievable) == (
        specific, measurable, achievable,
    )  # fmt: skip
    assert check.how_much == hint
    assert check.time_bound


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [("exercise more", "Exercise"), ("Read more books", "Read books"), ("more", "More")],
)
def test_a_vague_title_as_a_habits_title(title: str, cleaned: str) -> None:
    assert without_vague_words(title) == cleaned


def _random_habits(seed: int, count: int) -> list[tuple[Habit, dict[date, Day], date]]:
    """Habits of every kind with random logs, breaks and ends, and a day to look at them."""
    rng = random.Random(seed)
    kinds = [
        Frequency(1, Per.DAY), Frequency(2, Per.DAY), Frequency(1, Per.DAY, frozenset({0, 2, 4})),
        Frequency(3, Per.WEEK), Frequency(1, Per.WEEK), Frequency(2, Per.MONTH),
        Frequency(10, Per.MONTH),
    ]  # fmt: skip
    amounts = [None, Amount(Direction.AT_LEAST, 20, "pages"), Amount(Direction.AT_MOST, 2, "")]
    found = []
    for _ in range(count):
        starts = date(2026, 1, 1) + timedelta(days=rng.randrange(60))
        today = starts + timedelta(days=rng.randrange(0, 200))
        until = starts + timedelta(days=rng.randrange(0, 250)) if rng.random() < 0.3 else None
        breaks = []
        for _ in range(rng.randrange(3)):
            first = starts + timedelta(days=rng.randrange(200))
            last = first + timedelta(days=rng.randrange(20)) if rng.random() < 0.8 else None
            planned = first - timedelta(days=rng.randrange(-3, 15))
            breaks.append(Break(first, last, planned))
        amount = rng.choice(amounts)
        habit = Habit(rng.choice(kinds), starts, amount, until, tuple(breaks))
        log = {}
        for n in range(-3, (today - starts).days + 1):
            if rng.random() < 0.6:
                values = [
                    rng.choice([None, 5.0, 20.0, 30.0, 1.0, 3.0])
                    for _ in range(rng.randrange(1, 4))
                ]
                log[starts + timedelta(days=n)] = Day(tuple(values))
        found.append((habit, log, today))
    return found


@pytest.mark.parametrize("seed", range(8))
def test_the_one_pass_standing_equals_the_rules_one_by_one(seed: int) -> None:
    for habit, log, today in _random_habits(seed, 150):
        assert habit_standing.standing(habit, log, today) == stats(habit, log, today), (
            habit,
            today,
        )


@pytest.mark.parametrize("seed", range(8))
def test_a_standing_from_a_mark_equals_one_from_the_whole_log(seed: int) -> None:
    for habit, log, today in _random_habits(seed, 150):
        whole = habit_standing.standing(habit, log, today)
        for back in (0, 3, 9, 40):  # marks taken today and on days before, then read today
            taken = habit_standing.mark(habit, log, today - timedelta(days=back))
            if taken is None:
                continue
            assert taken.day <= today - timedelta(days=2)
            since = taken.reads_from(habit)
            recent = {d: day for d, day in log.items() if d >= since}  # all a mark needs
            later = habit_standing.mark(habit, recent, today, taken)  # moved on from it
            for start in (taken, later):
                assert start is not None
                got = habit_standing.standing(
                    habit,
                    recent
                    if start is taken
                    else {d: day for d, day in log.items() if d >= start.reads_from(habit)},
                    today,
                    start,
                )
                assert got.streak == whole.streak, (habit, today, start)
                assert (got.done, got.asked, got.safety) == (whole.done, whole.asked, whole.safety)
                assert got.strength == whole.strength


@pytest.mark.parametrize("seed", range(4))
def test_the_standing_and_the_moved_mark_from_one_walk_equal_each_asked_alone(seed: int) -> None:
    for habit, log, today in _random_habits(seed, 150):
        for back in (3, 9, 40):
            taken = habit_standing.mark(habit, log, today - timedelta(days=back))
            recent = (
                log
                if taken is None
                else {d: day for d, day in log.items() if d >= taken.reads_from(habit)}
            )
            shown, moved = habit_standing.standing_and_mark(habit, recent, today, taken)
            assert moved == habit_standing.mark(habit, recent, today, taken), (habit, today)
            assert shown == habit_standing.standing(habit, recent, today, taken), (habit, today)
            assert shown.strength == habit_standing.standing(habit, log, today).strength
