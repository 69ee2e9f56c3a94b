"""Poisoned dates: nothing beyond the ten-year horizon is read, and every picture, report and
calendar works for any date up to it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.dates import horizon, parse_date
from bot.domain.errors import BeyondHorizon
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.pace import pace
from bot.domain.report import PeriodKind, build_report, report_period
from bot.domain.timeline import build_progress, build_timeline
from bot.render.charts import (
    png,
    progress_caption,
    progress_figure,
    timeline_caption,
    timeline_figure,
)
from bot.render.goals import goal_progress_line
from bot.render.reports import calendar_file, report_text
from tests.conftest import Group

ZONES = ("UTC", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu")
ALICE = Member(1, "Alice")


@st.composite
def goals_up_to_the_horizon(draw: st.DrawFn) -> tuple[date, str, list[Goal]]:
    """A day between now and far ahead, a zone, and goals whose every date lies between ten
    years back and that day's horizon: the widest span the bot can ever hold."""
    today = draw(st.dates(date(2024, 1, 1), date(2080, 12, 31)))
    tz = draw(st.sampled_from(ZONES))
    last = horizon(today)
    days = st.dates(today - timedelta(days=3650), last)
    goals = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        created = draw(st.dates(today - timedelta(days=3650), today))
        created_at = datetime.combine(created, time(12), UTC)
        milestones = tuple(
            Milestone(
                id=number * 10 + n,
                goal_id=number,
                number=n,
                title=f"step {n}",
                due_date=draw(days),
                created_at=created_at,
                completed_at=draw(st.none() | st.just(created_at)),
            )
            for n in range(1, draw(st.integers(0, 3)) + 1)
        )
        target = draw(st.none() | st.floats(1, 10**6))
        goals.append(
            Goal(
                id=number,
                chat_id=-1,
                number=number,
                owner=ALICE,
                title=f"Goal {number}",
                deadline=draw(days),
                status=draw(st.sampled_from(GoalStatus)),
                created_at=created_at,
                target=target,
                unit="km" if target else "",
                current=draw(st.floats(0, 10**6)) if target else 0.0,
                milestones=milestones,
            )
        )
    return today, tz, goals


@settings(max_examples=150, deadline=None)
@given(world=goals_up_to_the_horizon())
def test_words_reports_and_calendars_work_up_to_the_horizon(
    world: tuple[date, str, list[Goal]],
) -> None:
    today, tz, goals = world
    now = datetime.combine(today, time(12), UTC)
    assert timeline_caption(build_timeline(goals, today, tz), "Goals")
    for goal in goals:
        pace(goal, today)
        assert goal_progress_line(goal, today)
        assert progress_caption(build_progress(goal, [(now, goal.current)], today, tz))
    ics = calendar_file(goals, {}, "Group", "goalbot")
    assert ics.count(b"BEGIN:VEVENT") == len(goals) + sum(len(g.milestones) for g in goals)
    for kind in PeriodKind:
        for whole in (False, True):
            period = report_period(kind, today, whole)
            start, end = period.start(tz), period.end(tz, now)
            built = build_report(period, goals, start, end, today, [], {}, [ALICE], {}, [], tz)
            assert report_text("Group", built)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world=goals_up_to_the_horizon())
def test_pictures_draw_up_to_the_horizon(world: tuple[date, str, list[Goal]]) -> None:
    today, tz, goals = world
    now = datetime.combine(today, time(12), UTC)
    assert png(timeline_figure(build_timeline(goals, today, tz), "Goals")).startswith(b"\x89PNG")
    series = build_progress(goals[0], [(now, goals[0].current)], today, tz)
    assert png(progress_figure(series, "Goal 1")).startswith(b"\x89PNG")


@given(
    today=st.dates(date(2024, 1, 1), date(2080, 12, 31)),
    ahead=st.integers(1, 3_000_000),
)
def test_no_date_past_the_horizon_is_read(today: date, ahead: int) -> None:
    now = datetime.combine(today, time(12), UTC)
    last = horizon(today)
    assert parse_date(last.isoformat(), now, "UTC") == last
    beyond = last + timedelta(days=ahead) if ahead < 2_900_000 else date.max
    with pytest.raises(BeyondHorizon):
        parse_date(beyond.isoformat(), now, "UTC")


# Every command that reads a date, with the year 9999 in it.
POISONED = (
    "/goal Live on Mars by 9999-12-31",
    "/goal Live on Mars by 31.12.9999",
    "/milestone 1 Build a rocket by 9999-12-31",
    "/reschedule 1 9999-12-31",
    "/reschedule 1.1 31.12.9999",
    "/pause from 9999-12-31 for 2 weeks",
    "/pause until 9999-12-31",
)


async def test_a_poisoned_date_is_refused_by_every_command_and_the_group_carries_on(
    group: Group,
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    for command in POISONED:
        refused = await group.alice.say(command)
        assert "further ahead than I plan" in refused.text, command
    listing = await group.alice.say("/goals")
    assert "9999" not in listing.text and "Mars" not in listing.text
    for command in ("/timeline", "/chart 1", "/report quarter", "/calendar", "/export"):
        answered = await group.alice.say(command)
        assert "went wrong" not in (answered.text).lower(), command
