"""Schedules, DST, periods, streaks and reminders as pure rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.checkins import (
    CheckinStatus,
    Outcome,
    Period,
    Tally,
    missed_run_start,
    outcome,
    parse_checkin,
    prompted_periods,
    streak,
    tally,
    unasked,
)
from bot.domain.errors import Usage, UsageProblem
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.pauses import Pause
from bot.domain.reminders import ReminderKind, owed
from bot.domain.schedules import (
    POSTED,
    WEEKDAYS,
    Kind,
    PeriodDays,
    Schedule,
    TopicChange,
    checkin_period_days,
    checkin_prompt_for,
    latest_occurrence,
    next_occurrence,
    parse_days,
    parse_schedule_command,
    period_key,
    previous_occurrences,
    wall_time,
)

UTC0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        ("Europe/Berlin", date(2026, 3, 29), time(2, 30), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        ("Europe/Berlin", date(2026, 3, 29), time(1, 59), datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        ("Europe/Berlin", date(2026, 3, 29), time(3, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        ("Europe/Berlin", date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("Europe/Berlin", date(2026, 10, 25), time(3, 30), datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),
        ("America/New_York", date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        ("America/New_York", date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("Asia/Kolkata", date(2026, 6, 1), time(9, 0), datetime(2026, 6, 1, 3, 30, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_wall_time(zone: str, day: date, at: time, expected: datetime) -> None:
    assert wall_time(day, at, zone) == expected


def weekly(days: tuple[str, ...], at: time = time(9, 0), since: datetime = UTC0) -> Schedule:
    return Schedule(1, Kind.CHECKIN, True, at, days, effective_from=since)


def test_latest_and_next_occurrence() -> None:
    schedule = weekly(("mon", "thu"))
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday
    assert latest_occurrence(schedule, now, "UTC") == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert next_occurrence(schedule, now, "UTC") == datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    late = weekly(("mon", "thu"), since=datetime(2026, 12, 1, tzinfo=UTC))
    assert latest_occurrence(late, now, "UTC") is None
    assert latest_occurrence(late, now, "UTC", owed_only=False) is not None


NY = "America/New_York"


@pytest.mark.parametrize(
    ("days", "now", "expected"),
    [
        # Sunday night in New York: still the week of the last prompt.
        (("mon",), datetime(2026, 12, 7, 4, 59, tzinfo=UTC), datetime(2026, 11, 30, 14, 0, tzinfo=UTC)),
        # Monday from midnight in New York, before the 09:00 prompt: the week that prompt opens.
        (("mon",), datetime(2026, 12, 7, 5, 0, tzinfo=UTC), datetime(2026, 12, 7, 14, 0, tzinfo=UTC)),
        (("mon",), datetime(2026, 12, 7, 13, 59, tzinfo=UTC), datetime(2026, 12, 7, 14, 0, tzinfo=UTC)),
        (("mon",), datetime(2026, 12, 7, 14, 0, tzinfo=UTC), datetime(2026, 12, 7, 14, 0, tzinfo=UTC)),
        # Tuesday: the prompt of the day before.
        (("mon",), datetime(2026, 12, 8, 13, 0, tzinfo=UTC), datetime(2026, 12, 7, 14, 0, tzinfo=UTC)),
        # Daily: the calendar day in New York, whatever the time.
        (WEEKDAYS, datetime(2026, 12, 8, 6, 0, tzinfo=UTC), datetime(2026, 12, 8, 14, 0, tzinfo=UTC)),
        (WEEKDAYS, datetime(2026, 12, 9, 4, 59, tzinfo=UTC), datetime(2026, 12, 8, 14, 0, tzinfo=UTC)),
        # The day clocks go forward (8 Mar 2026): a prompt at 09:00 EDT.
        (("sun",), datetime(2026, 3, 8, 12, 0, tzinfo=UTC), datetime(2026, 3, 8, 13, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_a_check_in_on_the_day_of_a_prompt_belongs_to_the_period_it_opens(
    days: tuple[str, ...], now: datetime, expected: datetime
) -> None:
    assert checkin_prompt_for(weekly(days), now, NY) == expected


def test_a_switched_off_schedule_opens_no_period_ahead() -> None:
    off = replace(weekly(("mon",)), enabled=False)
    monday_early = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert checkin_prompt_for(off, monday_early, NY) == datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("days", "key", "expected"),
    [
        (("mon",), "2026-12-07", PeriodDays(date(2026, 12, 7), date(2026, 12, 13))),
        (WEEKDAYS, "2026-12-07", PeriodDays(date(2026, 12, 7), date(2026, 12, 7))),
        (("mon", "thu"), "2026-12-07", PeriodDays(date(2026, 12, 7), date(2026, 12, 9))),
        (("mon", "thu"), "2026-12-10", PeriodDays(date(2026, 12, 10), date(2026, 12, 13))),
    ],
)
def test_a_check_in_period_runs_until_the_day_before_the_next_prompt(
    days: tuple[str, ...], key: str, expected: PeriodDays
) -> None:
    assert checkin_period_days(weekly(days), key) == expected


def test_monthly_and_quarterly_occurrences() -> None:
    monthly = Schedule(
        1, Kind.MONTHLY_REVIEW, True, time(10, 0), day_of_month=31, effective_from=UTC0
    )
    assert next_occurrence(monthly, datetime(2027, 2, 1, tzinfo=UTC), "UTC") == datetime(
        2027, 2, 28, 10, 0, tzinfo=UTC
    )
    quarterly = Schedule(1, Kind.QUARTERLY_REVIEW, True, time(10, 0), effective_from=UTC0)
    assert next_occurrence(quarterly, datetime(2026, 11, 28, tzinfo=UTC), "UTC") == datetime(
        2027, 1, 1, 10, 0, tzinfo=UTC
    )
    assert (
        period_key(Kind.QUARTERLY_REVIEW, datetime(2027, 1, 1, 10, tzinfo=UTC), "UTC") == "2027-Q1"
    )
    assert period_key(Kind.MONTHLY_REVIEW, datetime(2027, 1, 1, 10, tzinfo=UTC), "UTC") == "2027-01"


def test_period_is_the_local_date() -> None:
    late_sunday_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert period_key(Kind.CHECKIN, late_sunday_utc, "UTC") == "2026-11-29"
    assert period_key(Kind.CHECKIN, late_sunday_utc, "Europe/Berlin") == "2026-11-30"


def test_previous_occurrences_walk_back() -> None:
    found = previous_occurrences(
        weekly(("mon",)), datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "UTC", 3
    )
    assert [d.date() for d in found] == [date(2026, 11, 23), date(2026, 11, 16), date(2026, 11, 9)]


def test_previous_occurrences_stop_at_a_day() -> None:
    before = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    found = previous_occurrences(weekly(("mon",)), before, "UTC", 104, date(2026, 11, 16))
    assert [d.date() for d in found] == [date(2026, 11, 23), date(2026, 11, 16)]
    assert previous_occurrences(weekly(("mon",)), before, "UTC", 104, date(2026, 11, 30)) == []


@pytest.mark.parametrize(
    ("text", "kinds", "enabled"),
    [
        ("checkin mon,thu 09:00", (Kind.CHECKIN,), True),
        ("summary fri 17:00", (Kind.SUMMARY,), True),
        ("review monthly 1 10:00", (Kind.MONTHLY_REVIEW,), True),
        ("review quarterly 10:00", (Kind.QUARTERLY_REVIEW,), True),
        ("reminders 3 days", (Kind.REMINDERS,), True),
        ("off review", (Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW), False),
        ("off checkin", (Kind.CHECKIN,), False),
        ("on summary", (Kind.SUMMARY,), True),
    ],
)
def test_parse_schedule_command(text: str, kinds: tuple[Kind, ...], enabled: bool) -> None:
    change = parse_schedule_command(text)
    assert change.kinds == kinds and change.enabled is enabled


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("here", POSTED),
        ("HERE", POSTED),
        ("here summary", (Kind.SUMMARY,)),
        ("here checkins", (Kind.CHECKIN,)),
        ("here review", (Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW)),
        ("here review quarterly", (Kind.QUARTERLY_REVIEW,)),
        ("here reminders", (Kind.REMINDERS,)),
        ("here habits", (Kind.HABITS,)),
    ],
)
def test_schedule_here_names_the_kinds_it_moves(text: str, kinds: tuple[Kind, ...]) -> None:
    assert parse_schedule_command(text) == TopicChange(kinds)


@pytest.mark.parametrize("text", ["here sometimes", "here summary checkin", "here review weekly"])
def test_schedule_here_with_anything_else_is_refused(text: str) -> None:
    with pytest.raises(Usage) as refused:
        parse_schedule_command(text)
    assert refused.value.problem is UsageProblem.BAD_SCHEDULE_HERE


@pytest.mark.parametrize(
    ("text", "days"),
    [("daily", WEEKDAYS), ("weekdays", WEEKDAYS[:5]), ("thu,mon", ("mon", "thu")),
     ("Monday,Friday", ("mon", "fri"))],
)  # fmt: skip
def test_parse_days(text: str, days: tuple[str, ...]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["checkin funday 09:00", "checkin mon 9", "summary fri 24:00", ""])
def test_bad_schedule_commands(text: str) -> None:
    with pytest.raises(Usage):
        parse_schedule_command(text)


@pytest.mark.parametrize(
    ("current", "previous", "checked", "expected"),
    [
        ("w4", ["w3", "w2", "w1"], {"w4", "w3", "w2", "w1"}, 4),
        ("w4", ["w3", "w2", "w1"], {"w3", "w2"}, 2),  # not yet this period: still standing
        ("w4", ["w3", "w2", "w1"], {"w4", "w2", "w1"}, 1),  # a missed period breaks it
        ("w4", ["w3", "w2", "w1"], set(), 0),
    ],
)
def test_streak(current: str, previous: list[str], checked: set[str], expected: int) -> None:
    assert streak(current, previous, checked) == expected


MON = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)
PROMPTS = [("2026-12-07", MON + WEEK), ("2026-11-30", MON)]  # any order


@pytest.mark.parametrize(
    ("current", "current_start", "expected"),
    [
        # The latest prompt's period is the current one: still open.
        ("2026-12-07", MON + WEEK,
         [Period("2026-11-30", MON, MON + WEEK), Period("2026-12-07", MON + WEEK, None)]),
        # The next period began (its prompt not sent, or not yet): both have ended.
        ("2026-12-14", MON + 2 * WEEK,
         [Period("2026-11-30", MON, MON + WEEK), Period("2026-12-07", MON + WEEK, MON + 2 * WEEK)]),
        # A prompt at or after the current period's (the schedule moved) is open too.
        ("2026-11-30", MON,
         [Period("2026-11-30", MON, None), Period("2026-12-07", MON + WEEK, None)]),
    ],
)  # fmt: skip
def test_prompted_periods_end_where_the_next_begins(
    current: str, current_start: datetime, expected: list[Period]
) -> None:
    assert prompted_periods(PROMPTS, current, current_start) == expected


ENDED_1 = Period("2026-11-30", MON, MON + WEEK)
ENDED_2 = Period("2026-12-07", MON + WEEK, MON + 2 * WEEK)
OPEN = Period("2026-12-14", MON + 2 * WEEK, None)


def away_from(starts: datetime, ends_on: date | None = None) -> Pause:
    return Pause(1, -1, 1, starts, ends_on, None, None)


def goal_of(
    set_at: datetime, status: GoalStatus = GoalStatus.ACTIVE, ended: datetime | None = None
) -> Goal:
    return Goal(
        1, -1, 1, Member(1, "Alice"), "Run", date(2027, 6, 1), status, set_at,
        completed_at=ended if status is GoalStatus.COMPLETED else None,
        abandoned_at=ended if status is GoalStatus.ABANDONED else None,
    )  # fmt: skip


GOALS = [goal_of(MON - WEEK)]  # an active goal all along


@pytest.mark.parametrize(
    ("checked_in", "pauses", "expected"),
    [
        ({"2026-11-30", "2026-12-07"}, [], Tally(2, 2, 0)),
        (set(), [], Tally(0, 2, 0)),  # the open period is not missed yet
        ({"2026-12-14"}, [], Tally(1, 3, 0)),  # a check-in for the open one counts at once
        ({"2026-11-30"}, [away_from(MON + WEEK)], Tally(1, 1, 1)),  # away when it began
        # Away for part of a period without checking in excuses it; a check-in before the
        # pause still counts.
        (set(), [away_from(MON + timedelta(days=3), date(2026, 12, 5))], Tally(0, 1, 1)),
        ({"2026-11-30"}, [away_from(MON + timedelta(days=3), date(2026, 12, 5))], Tally(1, 2, 0)),
        # A check-in made while away counts as made, in an ended period or the open one.
        ({"2026-11-30"}, [away_from(MON - timedelta(hours=1), date(2026, 12, 31))],
         Tally(1, 1, 1)),
        ({"2026-12-07", "2026-12-14"}, [away_from(MON + 2 * WEEK - timedelta(hours=1))],
         Tally(2, 3, 0)),
        # A break planned from Friday, called off on Wednesday before it began: never away.
        (set(), [replace(away_from(MON + timedelta(days=4), date(2026, 12, 20)),
                         resumed_at=MON + timedelta(days=2))], Tally(0, 2, 0)),
    ],
)  # fmt: skip
def test_tally_counts_ended_or_answered_periods_not_while_away(
    checked_in: set[str], pauses: list[Pause], expected: Tally
) -> None:
    result = tally([ENDED_1, ENDED_2, OPEN], checked_in, pauses, GOALS, "UTC")
    assert result == expected
    assert result.missed == expected.counted - expected.done


def test_no_prompts_no_periods() -> None:
    assert prompted_periods([], "2026-11-30", MON) == []


def test_only_an_open_period_counts_for_nobody_yet() -> None:
    assert tally([OPEN], set(), [], GOALS, "UTC") == Tally(0, 0, 0)


@pytest.mark.parametrize(
    ("goals", "checked_in", "expected"),
    [
        ([], set(), Tally(0, 0, 0)),  # no goal: nothing asked, nothing missed
        ([], {"2026-11-30"}, Tally(1, 1, 0)),  # but a check-in made counts as made
        # Set during the second period, after its prompt: that one asked nothing of them.
        ([goal_of(MON + WEEK + timedelta(days=2))], set(), Tally(0, 0, 0)),
        # Set before the second prompt: asked from then on.
        ([goal_of(MON + WEEK - timedelta(hours=1))], set(), Tally(0, 1, 0)),
        # Achieved during the first period: asked for that one only.
        ([goal_of(MON - WEEK, GoalStatus.COMPLETED, MON + timedelta(days=1))], set(),
         Tally(0, 1, 0)),
        # Dropped before the first prompt, then a new goal set after the second was posted:
        # neither prompt found an active goal.
        ([goal_of(MON - WEEK, GoalStatus.ABANDONED, MON - timedelta(days=1)),
          goal_of(MON + WEEK + timedelta(hours=1))], set(), Tally(0, 0, 0)),
        # A new goal set before the second prompt: asked for that one.
        ([goal_of(MON - WEEK, GoalStatus.ABANDONED, MON - timedelta(days=1)),
          goal_of(MON + WEEK - timedelta(hours=1))], set(), Tally(0, 1, 0)),
        # Set after the last period ended: none of them was asked.
        ([goal_of(MON + 2 * WEEK + timedelta(hours=1))], set(), Tally(0, 0, 0)),
    ],
)  # fmt: skip
def test_a_check_in_is_asked_only_of_members_with_an_active_goal(
    goals: list[Goal], checked_in: set[str], expected: Tally
) -> None:
    assert tally([ENDED_1, ENDED_2, OPEN], checked_in, [], goals, "UTC") == expected


@pytest.mark.parametrize(
    ("checked", "paused", "not_asked", "expected"),
    [
        ({"w4", "w2", "w1"}, set(), {"w3"}, 3),  # not asked for w3: skipped, like a pause
        ({"w4", "w2", "w1"}, {"w3"}, set(), 3),
        ({"w3", "w1"}, set(), {"w2"}, 2),  # not yet this period: still standing
        ({"w4", "w3", "w1"}, set(), {"w1"}, 2),  # w2 was asked and missed: it breaks
        ({"w4", "w1"}, {"w3"}, {"w2"}, 2),  # away, then not asked: neither breaks
        ({"w4", "w3", "w2"}, set(), {"w3", "w2"}, 3),  # a check-in made counts as made
        ({"w4", "w3"}, {"w3"}, set(), 2),  # even one made while away
        (set(), set(), {"w3", "w2", "w1"}, 0),  # never asked, never checked in: no streak
        ({"w1"}, set(), {"w3", "w2"}, 1),
    ],
)  # fmt: skip
def test_streak_skips_periods_away_or_not_asked(
    checked: set[str], paused: set[str], not_asked: set[str], expected: int
) -> None:
    previous = ["w3", "w2", "w1"]
    assert streak("w4", previous, checked, frozenset(paused), frozenset(not_asked)) == expected


@pytest.mark.parametrize(
    ("prompts", "goals", "expected"),
    [
        ({"w2": MON, "w1": MON - WEEK}, GOALS, set()),
        ({"w1": MON - WEEK}, GOALS, {"w2"}),  # w2's prompt never went out (an outage)
        # The first goal was set after w1's prompt: nobody asked about w1.
        ({"w2": MON, "w1": MON - WEEK}, [goal_of(MON - timedelta(days=3))], {"w1"}),
        ({"w2": MON, "w1": MON - WEEK}, [], {"w2", "w1"}),  # no goal at all
        # Achieved before w2's prompt: asked about w1 only.
        ({"w2": MON, "w1": MON - WEEK},
         [goal_of(MON - 2 * WEEK, GoalStatus.COMPLETED, MON - timedelta(days=1))], {"w2"}),
    ],
)  # fmt: skip
def test_unasked_periods(
    prompts: dict[str, datetime], goals: list[Goal], expected: set[str]
) -> None:
    assert unasked(["w2", "w1"], prompts, goals) == expected


@pytest.mark.parametrize(
    ("period", "checked_in", "pauses", "goals", "result"),
    [
        (ENDED_1, {"2026-11-30"}, [away_from(MON)], [], Outcome.DONE),
        (ENDED_1, set(), [], GOALS, Outcome.MISSED),
        (ENDED_1, set(), [away_from(MON)], GOALS, Outcome.AWAY),
        (ENDED_1, set(), [away_from(MON)], [], Outcome.NOT_ASKED),
        (OPEN, set(), [], GOALS, Outcome.OPEN),
    ],
)  # fmt: skip
def test_what_a_period_was_for_a_member(
    period: Period, checked_in: set[str], pauses: list[Pause], goals: list[Goal], result: Outcome
) -> None:
    assert outcome(period, checked_in, pauses, goals, "UTC") is result


RUN = [Period(f"w{n}", MON + n * WEEK, MON + (n + 1) * WEEK) for n in range(4)]


@pytest.mark.parametrize(
    ("checked_in", "pauses", "since", "first"),
    [
        ({"w0", "w1", "w2", "w3"}, [], MON, None),  # the last one was not missed
        ({"w0", "w1", "w2"}, [], MON, "w3"),  # a run begins
        ({"w0"}, [], MON, "w1"),  # the same run: told once, about w1
        (set(), [], MON, "w0"),
        ({"w0"}, [away_from(MON + WEEK, date(2026, 12, 9))], MON, "w2"),  # away does not end it
        # A check-in made while away ends it like any other.
        ({"w2"}, [away_from(MON + WEEK, date(2026, 12, 20))], MON, "w3"),
        # The partnership began during w2: the run starts there at the earliest.
        (set(), [], MON + 2 * WEEK + timedelta(days=2), "w2"),
        (set(), [], MON + 3 * WEEK, "w3"),
    ],
)  # fmt: skip
def test_a_run_of_missed_check_ins_begins_after_the_last_check_in(
    checked_in: set[str], pauses: list[Pause], since: datetime, first: str | None
) -> None:
    found = missed_run_start(RUN, checked_in, pauses, GOALS, "UTC", since)
    assert (found.key if found else None) == first


@pytest.mark.parametrize(
    ("text", "status", "note"),
    [
        ("on track", CheckinStatus.ON_TRACK, None),  # as the button reads
        ("On Track felt great", CheckinStatus.ON_TRACK, "felt great"),
        ("on-track", CheckinStatus.ON_TRACK, None),
        ("ONTRACK  legs   tired", CheckinStatus.ON_TRACK, "legs tired"),
        ("good", CheckinStatus.ON_TRACK, None),
        ("ok", CheckinStatus.ON_TRACK, None),
        ("Okay, 3 runs", CheckinStatus.ON_TRACK, "Okay, 3 runs"),  # the everyday word stays
        ("fine", CheckinStatus.ON_TRACK, None),
        ("great!", CheckinStatus.ON_TRACK, None),
        ("behind lost a week to flu", CheckinStatus.BEHIND, "lost a week to flu"),
        ("slow", CheckinStatus.BEHIND, None),
        ("Late again", CheckinStatus.BEHIND, "Late again"),
        ("bad week", CheckinStatus.BEHIND, "bad week"),
        ("help", CheckinStatus.HELP, None),
        ("help! knee hurts", CheckinStatus.HELP, "knee hurts"),
        ("Need help", CheckinStatus.HELP, None),  # as the button reads
        ("stuck on chapter 3", CheckinStatus.HELP, "stuck on chapter 3"),
        ("Behind - flu", CheckinStatus.BEHIND, "flu"),
        ("SOS", CheckinStatus.HELP, None),
        # Habit words: did it, or not.
        ("done", CheckinStatus.ON_TRACK, None),
        ("Yes", CheckinStatus.ON_TRACK, None),
        ("did it", CheckinStatus.ON_TRACK, None),
        ("Did it! 3 times", CheckinStatus.ON_TRACK, "Did it! 3 times"),
        ("✅", CheckinStatus.ON_TRACK, None),
        ("👍", CheckinStatus.ON_TRACK, None),
        ("missed", CheckinStatus.BEHIND, None),
        ("skipped it, travel", CheckinStatus.BEHIND, "skipped it, travel"),
        ("sick", CheckinStatus.BEHIND, None),
        ("meh", CheckinStatus.BEHIND, None),
    ],
)  # fmt: skip
def test_checkin_words_as_people_type_them(
    text: str, status: CheckinStatus, note: str | None
) -> None:
    assert parse_checkin(text) == (status, note)


@pytest.mark.parametrize("text", ["", "on", "track", "ontime", "sideways on track", "✅✅"])
def test_other_checkin_words_are_refused(text: str) -> None:
    with pytest.raises(Usage) as refused:
        parse_checkin(text)
    assert refused.value.problem == "bad_checkin"


def test_a_checkin_note_has_a_limit() -> None:
    with pytest.raises(Usage) as refused:
        parse_checkin("good " + "x" * 1001)
    assert refused.value.problem == "long_note"


def test_reminders_owed() -> None:
    goal = Goal(
        1, -1, 7, Member(1, "Alice"), "Run", date(2026, 12, 10), GoalStatus.ACTIVE, UTC0,
        milestones=(
            Milestone(11, 1, 1, "a", date(2026, 12, 2), UTC0),
            Milestone(12, 1, 2, "b", date(2026, 12, 8), UTC0),
            Milestone(13, 1, 3, "c", date(2026, 12, 1), UTC0, completed_at=UTC0),
        ),
    )  # fmt: skip
    kinds = {
        (r.milestone.number if r.milestone else 0, r.kind)
        for r in owed(goal, date(2026, 12, 3), 2, "UTC")
    }
    assert kinds == {(1, ReminderKind.OVERDUE)}
    kinds = {
        (r.milestone.number if r.milestone else 0, r.kind)
        for r in owed(goal, date(2026, 12, 6), 2, "UTC")
    }
    assert kinds == {(1, ReminderKind.OVERDUE), (2, ReminderKind.DUE_SOON)}
    kinds = {
        (r.milestone.number if r.milestone else 0, r.kind)
        for r in owed(goal, date(2026, 12, 11), 2, "UTC")
    }
    assert (0, ReminderKind.OVERDUE) in kinds


@pytest.mark.parametrize(
    ("today", "milestone_due", "expected"),
    [
        (date(2026, 12, 7), None, set()),  # 3 days ahead: not yet
        (date(2026, 12, 8), None, {(0, ReminderKind.DUE_SOON)}),
        (date(2026, 12, 10), None, {(0, ReminderKind.DUE_SOON)}),  # on the day
        (date(2026, 12, 11), None, {(0, ReminderKind.OVERDUE)}),
        # a milestone due on the deadline is reminded instead of the goal: one reminder
        (date(2026, 12, 8), date(2026, 12, 10), {(1, ReminderKind.DUE_SOON)}),
    ],
)  # fmt: skip
def test_a_goal_is_reminded_before_its_deadline(
    today: date, milestone_due: date | None, expected: set[tuple[int, ReminderKind]]
) -> None:
    milestones = (Milestone(11, 1, 1, "last", milestone_due, UTC0),) if milestone_due else ()
    goal = Goal(
        1, -1, 7, Member(1, "Alice"), "Run", date(2026, 12, 10), GoalStatus.ACTIVE, UTC0,
        milestones=milestones,
    )  # fmt: skip
    kinds = {
        (r.milestone.number if r.milestone else 0, r.kind) for r in owed(goal, today, 2, "UTC")
    }
    assert kinds == expected


def test_a_milestone_set_today_gets_its_reminder_from_tomorrow() -> None:
    late_evening = datetime(2026, 12, 5, 22, 18, tzinfo=UTC)  # Sunday 6 Dec in Auckland
    goal = Goal(
        1, -1, 7, Member(1, "Alice"), "Run", date(2026, 12, 20), GoalStatus.ACTIVE, UTC0,
        milestones=(Milestone(11, 1, 1, "a", date(2026, 12, 7), late_evening),),
    )  # fmt: skip
    assert owed(goal, date(2026, 12, 5), 2, "UTC") == []
    assert owed(goal, date(2026, 12, 6), 2, "Pacific/Auckland") == []
    (reminder,) = owed(goal, date(2026, 12, 6), 2, "UTC")
    assert reminder.kind is ReminderKind.DUE_SOON
    moved_today = {(1, 11): datetime(2026, 12, 6, 8, 0, tzinfo=UTC)}  # its date moved today
    assert owed(goal, date(2026, 12, 6), 2, "UTC", moved_today) == []
    moved_before = {(1, 11): datetime(2026, 12, 4, 8, 0, tzinfo=UTC)}
    assert len(owed(goal, date(2026, 12, 6), 2, "UTC", moved_before)) == 1
