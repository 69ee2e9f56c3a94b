"""Timeline and progress pictures, period reports, calendar files and the group export."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from matplotlib import dates as mdates
from matplotlib.image import imread
from telegram.ext import Application

from bot.domain.errors import Usage
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.report import PeriodKind, parse_period, report_period
from bot.domain.timeline import MAX_ROWS, MarkerState, build_progress, build_timeline
from bot.emulator import BotApiEmulator, SentMessage
from bot.render.charts import png, progress_figure, timeline_figure
from bot.render.reports import calendar_file, period_days, period_name
from tests.conftest import START, FakeClock, Group, run_tick

TODAY = date(2027, 1, 20)


def goal(
    number: int, owner: Member, milestones: tuple[Milestone, ...] = (), **extra: object
) -> Goal:
    made = datetime(2026, 11, 1, tzinfo=UTC)
    base = dict(
        id=number, chat_id=-1, number=number, owner=owner, title=f"Goal {number}",
        deadline=date(2027, 6, 1), status=GoalStatus.ACTIVE, created_at=made, milestones=milestones,
    )  # fmt: skip
    base.update(extra)
    return Goal(**base)  # type: ignore[arg-type]


def milestone(n: int, due: date, done: bool = False) -> Milestone:
    made = datetime(2026, 11, 1, tzinfo=UTC)
    return Milestone(n, 1, n, f"step {n}", due, made, made if done else None)


ALICE, BOB = Member(1, "Alice"), Member(2, "Bob")


def test_timeline_rows_are_grouped_by_member_with_milestone_states() -> None:
    goals = [
        goal(1, BOB),
        goal(
            2,
            ALICE,
            (
                milestone(1, date(2027, 1, 1), done=True),
                milestone(2, date(2027, 1, 10)),
                milestone(3, date(2027, 3, 1)),
            ),
        ),
        goal(3, BOB, deadline=date(2027, 2, 1)),
        goal(4, ALICE, status=GoalStatus.COMPLETED),
    ]
    timeline = build_timeline(goals, TODAY, "UTC")
    assert [(r.member.first_name, r.goal_number) for r in timeline.rows] == [
        ("Bob", 3), ("Bob", 1), ("Alice", 2)
    ]  # fmt: skip
    markers = timeline.rows[2].markers
    assert [m.state for m in markers] == [
        MarkerState.DONE, MarkerState.OVERDUE, MarkerState.UPCOMING
    ]  # fmt: skip
    assert markers[0].when == date(2026, 11, 1)  # the day it was done, not its due date
    only_alice = build_timeline(goals, TODAY, "UTC", member_id=ALICE.user_id)
    assert [r.goal_number for r in only_alice.rows] == [2]


def test_timeline_keeps_40_rows_and_counts_the_rest() -> None:
    goals = [goal(n, ALICE if n % 2 else BOB) for n in range(1, 46)]
    timeline = build_timeline(goals, TODAY, "UTC")
    assert len(timeline.rows) == MAX_ROWS and timeline.left_out == 5


@pytest.mark.parametrize("count", [1, 12, 40])
def test_timeline_picture_is_built_from_its_rows(count: int) -> None:
    goals = [
        goal(n, ALICE if n % 3 else BOB, (milestone(1, date(2027, 1, 5), done=True),
                                           milestone(2, date(2027, 1, 15)), milestone(3, date(2027, 4, 1))))
        for n in range(1, count + 1)
    ]  # fmt: skip
    timeline = build_timeline(goals, TODAY, "UTC")
    figure = timeline_figure(timeline, "Goals timeline · Runners Club")
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"{r.member.first_name} · #{r.goal_number} {r.title}" for r in timeline.rows]
    bars = [p for p in ax.patches if p.get_gid() == "goal"]
    assert len(bars) == count
    assert mdates.num2date(bars[0].get_x()).date() == timeline.rows[0].start
    for state in MarkerState:
        (drawn,) = [line for line in ax.lines if line.get_gid() == f"milestone_{state.value}"]
        assert len(drawn.get_xdata()) == count  # one milestone of each state per goal
    shapes = {
        line.get_gid(): line.get_marker() for line in ax.lines if "milestone" in str(line.get_gid())
    }
    assert (
        len(set(shapes.values())) == 3
    )  # done, upcoming, overdue differ in shape, not only colour
    (today_line,) = [line for line in ax.lines if line.get_gid() == "today"]
    assert today_line.get_xdata()[0] == mdates.date2num(TODAY)
    image = imread(io.BytesIO(png(figure)), format="png")
    height, width = image.shape[:2]
    assert width == 1000 and 250 <= height <= 1800


def test_progress_picture_shows_actual_against_the_pace_line() -> None:
    made = datetime(2026, 11, 1, tzinfo=UTC)
    g = goal(1, ALICE, target=42.0, unit="km", current=12.0, created_at=made)
    history = [(made + timedelta(days=10), 5.0), (made + timedelta(days=40), 12.0)]
    series = build_progress(g, history, TODAY, "UTC")
    assert series.points[0] == (date(2026, 11, 1), 0.0)
    assert series.points[-1] == (TODAY, 12.0)
    assert series.expected == ((date(2026, 11, 1), 0.0), (date(2027, 6, 1), 42.0))
    figure = progress_figure(series, "#1 Goal 1")
    ax = figure.axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert {"progress", "pace needed", "target 42 km", "deadline", "today"} <= set(labels)
    image = imread(io.BytesIO(png(figure)), format="png")
    assert image.shape[1] == 1000


def test_a_milestone_goals_pace_line_steps_the_day_after_each_is_due() -> None:
    g = goal(1, ALICE, (milestone(1, date(2027, 1, 1), done=True), milestone(2, date(2027, 3, 1))))
    series = build_progress(g, [], TODAY, "UTC")
    assert series.stepped and series.unit == "milestones"
    assert series.expected == (
        (date(2026, 11, 1), 0.0), (date(2027, 1, 2), 1.0), (date(2027, 3, 2), 2.0),
        (date(2027, 6, 1), 2.0),
    )  # fmt: skip
    (line,) = [
        ln for ln in progress_figure(series, "#1").axes[0].lines if ln.get_label() == "pace needed"
    ]
    assert line.get_drawstyle() == "steps-post"
    ticks = progress_figure(series, "#1").axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks)  # whole milestones


def photos(emulator: BotApiEmulator, chat: object) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(chat) if m.file is not None and m.file.kind == "photo"]  # type: ignore[arg-type]


async def wait_photo(emulator: BotApiEmulator, group: Group, before: int) -> SentMessage:
    await emulator.wait_until(lambda: len(photos(emulator, group.chat)) > before, what="a picture")
    return photos(emulator, group.chat)[-1]


async def test_timeline_command_sends_a_picture_with_its_facts(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    await emulator.send(group.carol.user, group.chat, "/timeline")
    picture = await wait_photo(emulator, group, 0)
    assert picture.file is not None
    assert imread(io.BytesIO(picture.file.data), format="png").shape[1] == 1000
    assert "2 goals" in picture.text
    assert "#1 Run a marathon (Alice): Sat 28 Nov → Fri 30 Apr 2027, 0%" in picture.text
    assert "1.1 upcoming Mon 15 Feb 2027" in picture.text
    await emulator.send(group.carol.user, group.chat, "/timeline @bob")
    only_bob = await wait_photo(emulator, group, 1)
    assert "Read 12 books" in only_bob.text and "marathon" not in only_bob.text


async def test_a_milestone_done_early_shows_on_the_day_it_was_done(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/goal Swim 20 km by 2027-03-01")
    await group.alice.say("/milestone 1 First 5 km by 2026-12-20")
    await group.alice.say("/milestone 1 Next 10 km by 2027-01-20")
    clock.advance(days=6)
    await group.alice.say("/done 1.1")
    await emulator.send(group.carol.user, group.chat, "/timeline")
    picture = await wait_photo(emulator, group, 0)
    assert "1.1 done Fri 4 Dec" in picture.text
    assert "20 Dec" not in picture.text


async def test_a_crowded_timeline_says_what_it_left_out(
    group: Group, emulator: BotApiEmulator
) -> None:
    people = [group.alice, group.bob]
    for n in range(42):
        await people[n % 2].say(f"/goal Goal number {n} by 2027-06-01 target 5 km")
    await emulator.send(group.carol.user, group.chat, "/timeline")
    picture = await wait_photo(emulator, group, 0)
    assert "40 goals (2 more not shown; see one person with /timeline @name)" in picture.text
    assert len(picture.text) <= 1024


async def test_chart_command(group: Group, emulator: BotApiEmulator, clock: FakeClock) -> None:
    await group.bob.say("/goal Read 12 books by 2027-11-28 target 12 books")
    clock.advance(days=30)
    await group.bob.say("/progress 1 2")
    await emulator.send(group.alice.user, group.chat, "/chart 1")
    picture = await wait_photo(emulator, group, 0)
    assert "#1 Read 12 books (Bob): 2 / 12 books now" in picture.text
    refused = await group.alice.say("/chart 9")
    assert "There's no goal #9" in refused.text


async def test_chart_of_a_target_that_goes_down(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.carol.say("/goal Lose weight by 2027-02-26 target 75 kg from 80 kg")
    clock.advance(days=45)  # halfway
    await group.carol.say("/progress 1 79")
    await emulator.send(group.alice.user, group.chat, "/chart 1")
    picture = await wait_photo(emulator, group, 0)
    assert (
        "#1 Lose weight (Carol): 79 kg (80 → 75 kg) now; "
        "the straight line to the target says 77.5 kg by today · ⚠️ behind pace."
    ) in picture.text


async def test_chart_caption_gives_the_same_pace_as_the_goal_list(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.bob.say("/goal Learn to swim by 2027-03-01")
    await group.bob.say("/milestone 1 Float by 2026-12-05")
    await group.bob.say("/milestone 1 One length by 2027-02-01")
    clock.advance(days=10)  # Float is overdue
    assert "⚠️ behind pace" in (await group.bob.say("/goals")).text
    await emulator.send(group.alice.user, group.chat, "/chart 1")
    picture = await wait_photo(emulator, group, 0)
    assert "0 / 2 milestones now; 1 due by today · ⚠️ behind pace." in picture.text
    await group.bob.say("/done 1")
    await emulator.send(group.alice.user, group.chat, "/chart 1")
    picture = await wait_photo(emulator, group, 1)
    assert "· achieved." in picture.text


async def test_report_counts_the_period(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.carol.say("/goal Learn the cello by 2027-04-30")  # Sat 28 Nov: last week
    clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 2 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 2 Long run by 2027-03-15")
    await group.bob.say("/goal Ship the beta by 2027-01-31")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await group.alice.say("/checkin on-track")
    await group.alice.say("/done 2.1")
    await group.bob.say("/done 3")
    clock.now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    reply = await group.carol.say("/report week")
    text = reply.text
    assert text.startswith("📊 Report · this week so far · Runners Club\n")
    assert "Since Mon 30 Nov: 2 goals started · 1 milestone ✅ · 1 goal 🏆" in text
    assert "Alice: 1 of 1 (100%)" in text
    await wait_photo(emulator, group, 0)
    refused = await group.carol.say("/report decade")
    assert refused.text == (
        "Pick week, month or quarter for this one so far, or last week, last month or last "
        "quarter for the whole one before.\n"
        "Example: /report month  or  /report quarter  or  /report last month"
    )


async def test_report_counts_what_was_done_a_moment_ago(group: Group) -> None:
    await group.alice.say("/goal Swim 10 km by 2027-03-01 target 10 km")
    await group.bob.say("/goal Run a half marathon by 2027-03-01")
    await group.bob.say("/milestone 2 First 10 km by 2027-01-01")
    await group.bob.say("/milestone 2 First 15 km by 2027-02-01")
    await group.bob.say("/done 2.1")
    reply = await group.carol.say("/report week")
    assert "2 goals started · 1 milestone ✅ · 0 goals 🏆" in reply.text


async def test_report_still_counts_a_dropped_goal_as_started(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/goal Swim 10 km by 2027-03-01 target 10 km")
    await group.bob.say("/goal Learn the cello by 2027-03-01")
    question = await group.bob.say("/abandon 2")
    await group.bob.press(question, "Abandon #2")
    clock.advance(hours=1)
    reply = await group.carol.say("/report week")
    assert "2 goals started · 0 milestones ✅ · 0 goals 🏆 · 1 dropped" in reply.text
    clock.advance(days=2)  # Monday: a new week, the same month
    reply = await group.carol.say("/report week")
    assert "Since Mon 30 Nov: 0 goals started · 0 milestones ✅ · 0 goals 🏆\n" in reply.text
    reply = await group.carol.say("/report month")
    assert "2 goals started · 0 milestones ✅ · 0 goals 🏆 · 1 dropped" in reply.text


async def test_the_monthly_review_includes_the_months_report(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/done 1.1")
    clock.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    texts = [m.text for m in emulator.bot_messages(group.chat)]
    assert any("Monthly review" in t for t in texts)
    assert any("📊 Report · November" in t and "1 milestone ✅" in t for t in texts)


async def test_calendar_file_parses_back_with_stable_ids(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.bob.say("/goal Read 12 books by 2027-12-31")

    async def fetch(command: str, person: object) -> Calendar:
        before = len(emulator.bot_messages(group.chat))
        await emulator.send(person.user, group.chat, command)  # type: ignore[attr-defined]
        reply = await emulator.next_bot_message(group.chat, before)
        assert reply.file is not None and reply.file.filename == "goals.ics"
        return Calendar.from_ical(reply.file.data)

    first = await fetch("/calendar", group.carol)
    events = {str(e["summary"]): e for e in first.walk("VEVENT")}
    assert set(events) == {
        "🎯 #1 Run a marathon (Alice)", "📍 1.1 Half marathon (Alice)", "🎯 #2 Read 12 books (Bob)"
    }  # fmt: skip
    marathon = events["🎯 #1 Run a marathon (Alice)"]
    assert marathon.decoded("dtstart") == date(2027, 4, 30)
    assert marathon.decoded("dtend") == date(2027, 5, 1)
    await group.alice.say("/reschedule 1 2027-05-30")
    again = await fetch("/calendar", group.carol)
    uids = {str(e["uid"]): e.decoded("dtstart") for e in again.walk("VEVENT")}
    assert set(uids) == {str(e["uid"]) for e in first.walk("VEVENT")}  # same ids: updates
    assert all(uid.endswith("@goals_test_bot.t.me") for uid in uids)  # this bot's events
    assert uids[str(marathon["uid"])] == date(2027, 5, 30)
    mine = await fetch("/calendar mine", group.bob)
    assert [str(e["summary"]) for e in mine.walk("VEVENT")] == ["🎯 #2 Read 12 books (Bob)"]


async def test_calendar_events_are_revised_when_their_date_or_status_changes(
    group: Group,
    emulator: BotApiEmulator,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    goal_uid, milestone_uid = "goal-1@goals_test_bot.t.me", "milestone-1@goals_test_bot.t.me"

    async def events() -> dict[str, tuple[int, datetime, datetime, str]]:
        """SEQUENCE, LAST-MODIFIED, DTSTAMP and STATUS of each event, by UID."""
        clock.advance(hours=1)  # exported later than anything changed
        before = len(emulator.bot_messages(group.chat))
        await emulator.send(group.carol.user, group.chat, "/calendar")
        reply = await emulator.next_bot_message(group.chat, before)
        assert reply.file is not None
        return {
            str(e["uid"]): (
                int(e["sequence"]), e.decoded("last-modified"), e.decoded("dtstamp"),
                str(e.get("status", "")),
            )
            for e in Calendar.from_ical(reply.file.data).walk("VEVENT")
        }  # fmt: skip

    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    set_at = clock.now
    first = await events()
    assert first == {goal_uid: (0, set_at, set_at, ""), milestone_uid: (0, set_at, set_at, "")}
    clock.advance(days=1)
    await group.alice.say("/progress 1 5")  # no event shows progress
    assert await events() == first

    clock.advance(days=1)
    await group.alice.say("/reschedule 1 2027-05-30")
    moved_at = clock.now
    moved = await events()
    assert moved[goal_uid] == (1, moved_at, moved_at, "")
    assert moved[milestone_uid] == first[milestone_uid]  # its own date stayed
    clock.advance(days=1)
    await group.alice.say("/reschedule 1.1 2027-03-01")
    moved_at = clock.now
    assert (await events())[milestone_uid] == (1, moved_at, moved_at, "")

    clock.advance(days=1)
    await group.alice.say("/done 1")  # achieved with its milestone open: that one is cancelled
    done_at = clock.now
    done = await events()
    assert done == {
        goal_uid: (2, done_at, done_at, ""), milestone_uid: (2, done_at, done_at, "CANCELLED")
    }  # fmt: skip
    clock.advance(days=1)
    await group.alice.say("/reopen 1")  # back again: newer still, never back to an old number
    reopened = await events()
    assert reopened[goal_uid][0] == 3 and reopened[milestone_uid][0] == 3
    assert reopened[milestone_uid][3] == "" and reopened[goal_uid][1] > done_at

    clock.advance(days=1)
    await group.alice.say("/done 1.1")
    assert (await events())[milestone_uid][0] == 4
    clock.advance(days=1)
    await group.alice.say("/reopen 1.1")  # done by mistake: its event moves on, not back
    reopened_at = clock.now
    assert (await events())[milestone_uid] == (5, reopened_at, reopened_at, "")


def test_calendar_ids_name_the_bot_so_two_bots_files_stay_apart() -> None:
    goals = [goal(1, ALICE, (milestone(1, date(2027, 3, 1)),))]

    def uids(bot_username: str) -> set[str]:
        ics = calendar_file(goals, {}, None, bot_username)
        return {str(e["uid"]) for e in Calendar.from_ical(ics).walk("VEVENT")}

    assert uids("Runners_bot") == uids("runners_bot") == {
        "goal-1@runners_bot.t.me", "milestone-1@runners_bot.t.me"
    }  # fmt: skip
    assert not uids("runners_bot") & uids("readers_bot")


async def test_group_export_is_for_admins_and_holds_csv_tables(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/progress 1 5")
    await group.alice.say("/progress 1 5.8")
    await group.alice.say("/progress 1 -0.8")  # in floating point, 5.8 - 0.8 is 4.999…
    await group.bob.say('/goal =HYPERLINK("http://example.com","Ünïcode 🎯") by 2027-04-30')
    await group.alice.say("/journal 1 Long run felt easy")
    await group.alice.say("/reflect Mornings work better for me")
    await group.alice.say("/reschedule 1.1 2027-02-20 because a cold")
    await group.alice.say("/rename 1.1 Half marathon race")
    await group.bob.say("/pause until 2026-12-20 because ski trip")
    refused = await group.bob.say("/export")
    assert "For your own, send me /export in a private chat." in refused.text
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/export")
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.file is not None and reply.file.filename == "group-data.zip"
    archive = zipfile.ZipFile(io.BytesIO(reply.file.data))
    assert sorted(archive.namelist()) == [
        "checkins.csv",
        "deadline_changes.csv",
        "goals.csv",
        "habit_entries.csv",
        "habits.csv",
        "journal.csv",
        "milestones.csv",
        "pauses.csv",
        "progress.csv",
        "reflections.csv",
        "title_changes.csv",
    ]

    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    assert table("journal.csv")[0]["text"] == "Long run felt easy"
    assert table("reflections.csv")[0]["text"] == "Mornings work better for me"
    moved = table("deadline_changes.csv")[0]
    assert (moved["goal"], moved["milestone"], moved["reason"]) == ("1", "1", "a cold")
    assert table("pauses.csv")[0]["reason"] == "ski trip"
    renamed = table("title_changes.csv")[0]
    assert (renamed["milestone"], renamed["old_title"]) == ("1", "Half marathon")
    assert [row["delta"] for row in table("progress.csv")] == ["5.0", "0.8", "-0.8"]
    goals_csv = archive.read("goals.csv")
    assert goals_csv.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read UTF-8
    goals = list(csv.DictReader(io.StringIO(goals_csv.decode("utf-8-sig"))))
    assert goals[0]["title"] == "Run a marathon" and goals[0]["owner"] == "Alice"
    assert float(goals[0]["current"]) == 5
    # A title a spreadsheet would run as a formula stays text.
    assert goals[1]["title"] == '\'=HYPERLINK("http://example.com","Ünïcode 🎯")'
    assert archive.read("checkins.csv").decode("utf-8-sig").startswith("period,member,status")


def test_start_is_a_saturday() -> None:
    assert START.weekday() == 5


def test_dollar_signs_and_a_one_day_span_still_draw() -> None:
    made = datetime(2027, 1, 20, tzinfo=UTC)
    goals = [goal(1, ALICE, title="Save $1,000 (50% of $2,000)", created_at=made,
                  deadline=date(2027, 1, 21))]  # fmt: skip
    timeline = build_timeline(goals, TODAY, "UTC")
    figure = timeline_figure(timeline, "Budget $ club")
    assert png(figure).startswith(b"\x89PNG")
    ax = figure.axes[0]
    left, right = ax.get_xlim()
    assert left < mdates.date2num(TODAY) < right  # the today line is in view
    assert r"Save \$1,000" in ax.get_yticklabels()[0].get_text()  # drawn as a plain "$"


async def test_the_monthly_review_reports_the_calendar_month(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    for n in range(1, 4):
        await group.alice.say(f"/milestone 1 Step {n} by 2027-02-15")
    clock.now = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    await group.alice.say("/done 1.1")  # December
    clock.now = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    await group.alice.say("/done 1.2")  # January
    clock.now = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)

    def reports() -> dict[str, list[str]]:
        return {
            (lines := m.text.split("\n"))[0]: lines[1:]
            for m in emulator.bot_messages(group.chat)
            if m.text.startswith("📊 Report")
        }

    # 1 January ends a quarter: one review, whose report is the whole of Q4 (December too).
    assert set(reports()) == {"📊 Report · Q4 2026"}
    quarter = "\n".join(reports()["📊 Report · Q4 2026"])
    assert "Thu 1 Oct – Thu 31 Dec 2026: 1 goal started · 1 milestone ✅" in quarter
    assert "1.1 Step 1" in quarter and "1.2" not in quarter
    clock.now = datetime(2027, 2, 1, 7, 0, tzinfo=UTC)
    await group.alice.say("/done 1.3")  # February, after the review's month
    clock.now = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    month = "\n".join(reports()["📊 Report · January"])
    assert "Fri 1 Jan – Sun 31 Jan: 0 goals started · 1 milestone ✅" in month
    assert "1.2 Step 2" in month and "1.1" not in month and "1.3" not in month


async def test_the_weekly_report_counts_only_check_ins_asked_in_its_week(
    group: Group,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    for monday in (
        datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 7, 9, 0, tzinfo=UTC),
    ):
        clock.now = monday
        await run_tick(bot)
        await group.alice.say("/checkin on-track")
    clock.now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    reply = await group.alice.say("/report week")
    assert "Alice: 1 of 1 (100%) · 🔥 2" in reply.text


async def test_reports_do_not_count_an_open_check_in_or_one_asked_while_away(
    group: Group,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    await group.carol.say("/goal Swim 20 km by 2027-06-30 target 20 km")
    await group.carol.say("/pause until 2026-12-31 because winter break")
    await group.alice.say("/checkin on-track")  # before the first prompt: a streak of 1
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await group.alice.say("/checkin on-track")  # Bob lets it pass
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    clock.now = datetime(2026, 12, 7, 9, 17, tzinfo=UTC)  # this week's check-in just began

    week = (await group.alice.say("/report week")).text
    assert "Alice: nothing due yet · 🔥 2" in week
    assert "Bob: nothing due yet" in week and "Carol: nothing due yet" in week
    assert "⏰ Still open: the check-in of Mon 7 Dec counts once answered" in week
    quarter = (await group.alice.say("/report quarter")).text
    assert "Alice: 1 of 1 (100%) · 🔥 2" in quarter
    assert "Bob: 0 of 1 (0%)" in quarter
    assert "Carol: away for 1 check-in" in quarter  # and the open one is not due yet

    await group.alice.say("/checkin on-track")  # counts at once, as done
    week = (await group.alice.say("/report week")).text
    assert "Alice: 1 of 1 (100%) · 🔥 3" in week


async def test_a_check_in_made_while_away_counts_as_made(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    await group.alice.say("/pause until 2027-01-06 because winter break")
    for week in range(4):  # Mondays 14 Dec to 4 Jan, while Alice is away
        clock.now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC) + timedelta(weeks=week)
        await run_tick(bot)
    prompt = [m for m in emulator.bot_messages(group.chat) if "Check-in time" in m.text][-1]
    clock.now = datetime(2027, 1, 6, 12, 0, tzinfo=UTC)  # the pause's last day
    reply = await group.alice.say("/checkin on track")
    assert "Alice checked in: on track." in reply.text
    await emulator.wait_until(lambda: "Checked in: Alice ✅" in prompt.text, what="the prompt")
    summary = (await group.bob.say("/summary")).text
    assert "Alice 🏖 away until Wed 6 Jan · on track" in summary

    clock.now = datetime(2027, 1, 11, 12, 0, tzinfo=UTC)  # that period has ended
    month = (await group.bob.say("/report month")).text  # January: the prompt of 4 Jan
    assert "Alice: 1 of 1 (100%)\n" in month
    december = (await group.bob.say("/report last month")).text
    assert "Alice: away for 3 check-ins" in december
    reply = await group.alice.say("/checkin good")
    assert "🔥 2 check-ins in a row." in reply.text  # and it counts in her streak


async def test_calendar_cancels_what_was_abandoned(group: Group, emulator: BotApiEmulator) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    question = await group.alice.say("/abandon 1")
    await group.alice.press(question, "Abandon #1")
    await emulator.wait_until(lambda: question.edits == 1, what="the abandon")
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/calendar")
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.file is not None
    events = list(Calendar.from_ical(reply.file.data).walk("VEVENT"))
    assert len(events) == 2 and all(str(e["status"]) == "CANCELLED" for e in events)


async def test_a_goal_with_nothing_to_measure_has_no_chart(group: Group) -> None:
    await group.alice.say("/goal Be kinder by 2027-04-30")
    reply = await group.alice.say("/chart 1")
    assert "no target or milestones yet" in reply.text and "/target 1 10 km" in reply.text


@pytest.mark.parametrize(
    ("kind", "today", "whole", "first", "after"),
    [
        ("week", date(2026, 12, 10), False, date(2026, 12, 7), date(2026, 12, 14)),  # Thursday
        ("week", date(2026, 12, 7), False, date(2026, 12, 7), date(2026, 12, 14)),  # Monday
        ("week", date(2026, 12, 13), False, date(2026, 12, 7), date(2026, 12, 14)),  # Sunday
        ("week", date(2027, 1, 1), False, date(2026, 12, 28), date(2027, 1, 4)),
        ("week", date(2027, 1, 4), True, date(2026, 12, 28), date(2027, 1, 4)),
        ("month", date(2026, 12, 1), False, date(2026, 12, 1), date(2027, 1, 1)),
        ("month", date(2026, 12, 31), False, date(2026, 12, 1), date(2027, 1, 1)),
        ("month", date(2027, 1, 8), True, date(2026, 12, 1), date(2027, 1, 1)),
        ("month", date(2027, 3, 31), True, date(2027, 2, 1), date(2027, 3, 1)),
        ("quarter", date(2026, 11, 15), False, date(2026, 10, 1), date(2027, 1, 1)),
        ("quarter", date(2027, 3, 31), False, date(2027, 1, 1), date(2027, 4, 1)),
        ("quarter", date(2027, 4, 1), False, date(2027, 4, 1), date(2027, 7, 1)),
        ("quarter", date(2027, 1, 1), True, date(2026, 10, 1), date(2027, 1, 1)),
        ("quarter", date(2027, 5, 20), True, date(2027, 1, 1), date(2027, 4, 1)),
    ],
)
def test_report_periods_are_calendar_weeks_months_and_quarters(
    kind: str, today: date, whole: bool, first: date, after: date
) -> None:
    period = report_period(PeriodKind(kind), today, whole)
    assert (period.first, period.after, period.whole) == (first, after, whole)


def test_a_report_counts_from_the_first_days_midnight_in_the_chats_zone() -> None:
    now = datetime(2026, 12, 28, 12, 0, tzinfo=UTC)
    december = report_period(PeriodKind.MONTH, date(2026, 12, 28))
    assert december.start("Europe/Berlin") == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert december.end("Europe/Berlin", now) == now + timedelta(seconds=1)
    november = report_period(PeriodKind.MONTH, date(2026, 12, 28), whole=True)
    assert november.end("Europe/Berlin", now) == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    # Paraguay's summer time skipped the midnight of 1 Oct 2023: the day began at 01:00 -03.
    october = report_period(PeriodKind.MONTH, date(2023, 10, 15))
    assert october.start("America/Asuncion") == datetime(2023, 10, 1, 4, 0, tzinfo=UTC)
    september = report_period(PeriodKind.MONTH, date(2023, 10, 15), whole=True)
    assert september.end("America/Asuncion", now) == datetime(2023, 10, 1, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "today", "whole", "name", "days"),
    [
        ("week", date(2026, 12, 10), False, "this week so far", "Since Mon 7 Dec"),
        ("week", date(2027, 1, 4), True, "last week", "Mon 28 Dec 2026 – Sun 3 Jan"),
        ("month", date(2026, 12, 28), False, "December so far", "Since Tue 1 Dec"),
        ("month", date(2027, 1, 8), True, "December 2026", "Tue 1 Dec – Thu 31 Dec 2026"),
        ("month", date(2027, 3, 1), True, "February", "Mon 1 Feb – Sun 28 Feb"),
        ("quarter", date(2027, 2, 3), False, "Q1 2027 so far", "Since Fri 1 Jan"),
        ("quarter", date(2027, 1, 1), True, "Q4 2026", "Thu 1 Oct – Thu 31 Dec 2026"),
    ],
)
def test_report_periods_are_named_by_the_calendar(
    kind: str, today: date, whole: bool, name: str, days: str
) -> None:
    period = report_period(PeriodKind(kind), today, whole)
    assert (period_name(period, today), period_days(period, today)) == (name, days)


async def test_report_month_counts_the_chats_first_of_the_month_and_nothing_before(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/timezone Europe/Berlin")
    clock.now = datetime(2026, 11, 30, 22, 59, 59, tzinfo=UTC)  # 23:59:59 on 30 Nov in Berlin
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    clock.now = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # midnight of 1 Dec in Berlin
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    clock.now = datetime(2026, 12, 28, 12, 0, tzinfo=UTC)
    month = (await group.carol.say("/report month")).text
    assert month.startswith("📊 Report · December so far · Runners Club\n")
    assert "Since Tue 1 Dec: 1 goal started · 0 milestones ✅ · 0 goals 🏆" in month
    quarter = (await group.carol.say("/report quarter")).text
    assert quarter.startswith("📊 Report · Q4 2026 so far · Runners Club\n")
    assert "Since Thu 1 Oct: 2 goals started" in quarter


@pytest.mark.parametrize(
    ("typed", "kind", "whole"),
    [
        ("", "week", False),
        ("month", "month", False),
        ("this quarter", "quarter", False),
        ("  Last  Month ", "month", True),
        ("last week", "week", True),
        ("last quarter", "quarter", True),
        ("monthly", "month", False),
        ("previous quarter", "quarter", True),
    ],
)
def test_report_reads_this_or_last_period(typed: str, kind: str, whole: bool) -> None:
    assert parse_period(typed) == (kind, whole)


@pytest.mark.parametrize("typed", ["decade", "last", "this", "last decade", "month last"])
def test_report_refuses_other_periods(typed: str) -> None:
    with pytest.raises(Usage):
        parse_period(typed)


async def test_on_a_quarters_first_day_report_points_to_the_last_one(
    group: Group, clock: FakeClock
) -> None:
    clock.now = datetime(2027, 3, 15, 10, 0, tzinfo=UTC)
    await group.alice.say("/goal Run a marathon by 2027-06-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-05-15")
    await group.alice.say("/milestone 1 Long run by 2027-06-01")
    clock.now = datetime(2027, 3, 31, 20, 0, tzinfo=UTC)
    await group.alice.say("/done 1.1")
    clock.now = datetime(2027, 4, 1, 8, 0, tzinfo=UTC)  # Thursday, the first of Q2
    await group.bob.say("/goal Read 12 books by 2027-12-31")

    quarter = (await group.carol.say("/report quarter")).text.split("\n")
    assert quarter[:2] == [
        "📊 Report · Q2 2027 so far · Runners Club",
        "Since Thu 1 Apr: 1 goal started · 0 milestones ✅ · 0 goals 🏆",
    ]
    assert quarter[-1] == "Q2 2027 began today; for all of Q1 2027: /report last quarter"
    month = (await group.carol.say("/report month")).text.split("\n")
    assert month[0] == "📊 Report · April so far · Runners Club"
    assert month[-1] == "April began today; for all of March: /report last month"
    week = (await group.carol.say("/report")).text
    assert "Since Mon 29 Mar: 1 goal started · 1 milestone ✅ · 0 goals 🏆" in week
    assert "began today" not in week  # the week began on Monday

    last = (await group.carol.say("/report last quarter")).text
    assert last.startswith(
        "📊 Report · Q1 2027 · Runners Club\n"
        "Fri 1 Jan – Wed 31 Mar: 1 goal started · 1 milestone ✅ · 0 goals 🏆\n"
        "  ✅ 1.1 Half marathon (Alice)"
    )
    assert "began today" not in last
    last = (await group.carol.say("/report last month")).text
    assert last.startswith(
        "📊 Report · March · Runners Club\n"
        "Mon 1 Mar – Wed 31 Mar: 1 goal started · 1 milestone ✅ · 0 goals 🏆\n"
    )
    last = (await group.carol.say("/report last week")).text
    assert "Mon 22 Mar – Sun 28 Mar: 0 goals started" in last

    clock.now = datetime(2027, 4, 2, 8, 0, tzinfo=UTC)
    assert "began today" not in (await group.carol.say("/report quarter")).text
