"""Where habits show: the summaries, /goals in private, /report, /chart, /calendar, /export
and the mentors' digest, as members see them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from telegram.ext import Application

from bot.domain.habit_history import DayMark, HabitCalendar, habit_calendar, habit_rate
from bot.domain.habits import (
    ALL_DAYS,
    Amount,
    Break,
    Day,
    Direction,
    Frequency,
    Habit,
    HabitGoal,
    HabitStatus,
    Per,
    ran_until,
)
from bot.domain.models import Member
from bot.emulator import BotApiEmulator, Person
from bot.emulator.models import SentMessage
from bot.render.habit_charts import habit_caption, habit_figure, png
from bot.render.reports import calendar_file
from tests.conftest import START, FakeClock, Group, carol_mentors, peek, run_tick


def block(text: str, first_line: str) -> str:
    """The paragraph of a message that begins with these words."""
    (found,) = [b for b in text.split("\n\n") if b.startswith(first_line)]
    return found


async def test_the_summary_shows_each_members_habits_with_count_streak_and_strength(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.alice.say("/did 1")
    clock.advance(days=1)  # Sunday 29 November
    await group.alice.say("/did 1")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    clock.advance(days=1)  # Monday 30 November
    await group.carol.say("/habit Gym 3 times a week")
    await group.carol.say("/did 3")
    text = (await group.bob.say("/summary")).text
    # Alice has no goal, only a habit: she is listed for it. Two days of one: 1 − m² = 10%.
    alice = block(text, "Alice")
    assert "🔁 #1 Meditate — every day" in alice
    assert "0/1 today · 🔥 2 days · strength 10%" in alice
    bob = block(text, "Bob")
    assert "Read 12 books" in bob and "🔁" not in bob
    carol = block(text, "Carol")
    assert "🔁 #3 Gym — 3 times a week" in carol
    assert "1/3 this week · no streak yet · strength 1%" in carol
    assert "2 more this week, 7 days left" in carol

    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await group.carol.say("/did 3")
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # Friday: the scheduled summary
    await run_tick(bot)
    (scheduled,) = [m.text for m in emulator.bot_messages(group.chat) if "Summary:" in m.text]
    assert "🔁 #1 Meditate — every day" in scheduled
    assert "0/1 today · no streak yet" in scheduled  # Alice stopped on Monday
    assert "2/3 this week · no streak yet" in scheduled
    assert "1 more this week, 3 days left" in scheduled


async def test_goals_in_private_lists_the_members_habits_from_every_chat(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.alice.say("/did 1")
    await group.bob.say("/habit Stretch every day")
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    await private.say("/habit Journal on weekdays")
    text = (await private.say("/goals")).text
    assert "Your habits everywhere" in text
    group_part = text[text.index("Runners Club") : text.index("Personal (this chat)")]
    assert "🔁 #1 Meditate — every day" in group_part and "1/1 today" in group_part
    assert "🔁 #1 Journal — on weekdays" in text[text.index("Personal (this chat)") :]
    assert "Stretch" not in text  # Bob's
    assert "Group habits are logged in their group" in text
    # In the group, /goals stays the group's own.
    here = (await group.alice.say("/goals")).text
    assert "Meditate" in here and "Journal" not in here


async def test_the_report_gives_each_habits_completion_and_strength_change(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/habit Meditate every day")
    for n in range(9):  # Saturday 28 November to Sunday 6 December, but for Tuesday
        if n != 3:
            await group.alice.say("/did 1")
        clock.advance(days=1)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await group.carol.say("/habit Gym 3 times a week")
    await group.carol.say("/did 2")
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await group.carol.say("/did 2")
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # Monday
    text = (await group.bob.say("/report last week")).text
    # 6 of 7 days and 2 of 3 times: 8 of 10 asked.
    assert "Habits: 80% of what was asked done" in text
    # Strength by Loop's score, hand-computed: 10% on Sunday 29, 34% a week later.
    assert "🔁 #1 Meditate (Alice): 6 of 7 days (86%) · strength 10% → 34% (+24)" in text
    assert "🔁 #2 Gym (Carol): 2 of 3 times (67%) · strength 6%, new" in text
    so_far = (await group.bob.say("/report")).text  # this week, on its first morning
    assert "Meditate (Alice): nothing counted yet" in so_far


def stretch_calendar() -> HabitCalendar:
    """Stretching on weekdays, at least 20 minutes, from Saturday 28 November: three days
    done, one short, one missed, a week done, a planned week away, and Monday 21 December."""
    rules = Habit(
        Frequency(1, Per.DAY, frozenset(range(5))),
        date(2026, 11, 28),
        Amount(Direction.AT_LEAST, 20, "minutes"),
        breaks=(Break(date(2026, 12, 14), date(2026, 12, 18), date(2026, 12, 5)),),
    )
    habit = HabitGoal(
        1, -1, 1, Member(1, "Alice"), "Stretch", rules, HabitStatus.ACTIVE,
        datetime(2026, 11, 28, 9, tzinfo=UTC),
    )  # fmt: skip
    done = [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 21)]
    done += [date(2026, 12, d) for d in range(7, 12)]
    log = {d: Day((None,)) for d in done} | {date(2026, 12, 3): Day((10.0,))}
    return habit_calendar(habit, log, date(2026, 12, 21))


def test_the_habit_heatmap_draws_each_kind_of_day_in_its_own_shape() -> None:
    view = stretch_calendar()
    figure = habit_figure(view)
    grid, strength = figure.axes[:2]
    drawn = {str(line.get_gid()): line for line in grid.lines}
    counts = {gid: len(line.get_xdata()) for gid, line in drawn.items()}  # type: ignore[arg-type]
    # 12 weeks from Monday 5 October: 54 days before it began, 8 weekend days off, 9 done,
    # 1 short, 1 missed, 5 away, and the 6 days after today are not drawn.
    assert counts == {
        "day_done": 9, "day_part": 1, "day_missed": 1, "day_break": 5, "day_off": 8,
        "day_outside": 54,
    }  # fmt: skip
    shapes = {gid: line.get_marker() for gid, line in drawn.items()}
    assert shapes["day_done"] == shapes["day_part"] == "s"  # squares for days done, by colour
    assert len({shapes[g] for g in ("day_done", "day_missed", "day_break", "day_off")}) == 4
    assert drawn["day_missed"].get_markerfacecolor() != drawn["day_break"].get_markerfacecolor()
    # Friday 4 December, the miss, is in the ninth week's Friday row.
    assert list(drawn["day_missed"].get_ydata()) == [4]  # type: ignore[arg-type]
    (line,) = [ln for ln in strength.lines if ln.get_gid() == "strength"]
    assert len(line.get_xdata()) == 24  # type: ignore[arg-type]  # 28 Nov to 21 Dec
    assert max(line.get_ydata()) <= 100  # type: ignore[type-var]
    assert png(figure).startswith(b"\x89PNG")


async def test_chart_on_a_habit_sends_its_heatmap_with_the_facts_in_words(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/habit Stretch on weekdays at least 20 minutes")  # Saturday 28 Nov
    for offset, entry in ((2, "/did 1"), (3, "/did 1"), (4, "/did 1"), (5, "/did 1 10")):
        clock.now = START + timedelta(days=offset)
        await group.alice.say(entry)
    clock.now = START + timedelta(days=7)  # Saturday 5 December: a week away, planned ahead
    await group.alice.say("/pause from 2026-12-14 until 2026-12-18")
    for offset in range(9, 14):
        clock.now = START + timedelta(days=offset)
        await group.alice.say("/did 1")
    clock.now = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    await group.alice.say("/did 1")
    await emulator.send(group.bob.user, group.chat, "/chart 1")
    await emulator.wait_until(lambda: photos(emulator, group) != [], what="the heatmap")
    (picture,) = photos(emulator, group)
    assert picture.file is not None and picture.file.filename == "habit.png"
    caption = picture.text
    assert "🔁 #1 Stretch (Alice) — on weekdays · at least 20 minutes: the last 12 weeks" in (
        caption
    )
    assert (
        "9 days done, 1 day done in part, 1 day missed, 5 days on a break, 8 days off, "
        "54 days before it began."
    ) in caption
    assert "Met 9 of 11 days counted." in caption
    assert "streak 🔥 6 days, best 6 days." in caption  # the planned week away breaks nothing


def photos(emulator: BotApiEmulator, group: Group) -> list[SentMessage]:
    """The pictures the bot sent to the group."""
    return [m for m in emulator.bot_messages(group.chat) if m.file and m.file.kind == "photo"]


async def test_calendar_makes_each_habit_one_repeating_event_that_ends_where_it_stopped(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/timezone Europe/Berlin")
    await group.alice.say("/habit Meditate every day")  # Saturday 28 November
    await group.bob.say("/habit Gym 3 times a week until 2027-03-31")
    await group.carol.say("/habit Journal on weekdays")
    await group.carol.say("/habit Call home twice a month")
    berlin = ZoneInfo("Europe/Berlin")

    async def fetch(command: str, person: Person) -> tuple[Calendar, str]:
        before = len(emulator.bot_messages(group.chat))
        await emulator.send(person.user, group.chat, command)
        reply = await emulator.next_bot_message(group.chat, before)
        assert reply.file is not None and reply.file.filename == "goals.ics"
        return Calendar.from_ical(reply.file.data), reply.text

    calendar, caption = await fetch("/calendar", group.carol)
    assert "habits as repeating events at 20:00" in caption
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "🔁 #1 Meditate (Alice)", "🔁 #2 Gym (Bob)", "🔁 #3 Journal (Carol)",
        "🔁 #4 Call home (Carol)",
    }  # fmt: skip
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    meditate = events["🔁 #1 Meditate (Alice)"]
    assert meditate.decoded("dtstart") == datetime(2026, 11, 28, 20, 0, tzinfo=berlin)
    assert meditate["rrule"].to_ical() == b"FREQ=DAILY"
    gym = events["🔁 #2 Gym (Bob)"]
    # UNTIL in UTC: 20:00 in Berlin on 31 March, in summer time by then, is 18:00 UTC.
    assert gym["rrule"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270331T180000Z"
    assert str(gym["description"]).startswith("3 times a week. Log each time with /did 2.")
    journal = events["🔁 #3 Journal (Carol)"]
    assert journal["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    # Its first day is its first weekday: Monday, not the Saturday it was set on.
    assert journal.decoded("dtstart") == datetime(2026, 11, 30, 20, 0, tzinfo=berlin)
    assert events["🔁 #4 Call home (Carol)"]["rrule"].to_ical() == b"FREQ=MONTHLY"
    assert str(events["🔁 #4 Call home (Carol)"]["description"]).startswith("Twice a month.")
    assert all(str(e["uid"]).endswith("@goals_test_bot.t.me") for e in events.values())

    clock.now = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # Thursday: Carol stops journaling
    question = await group.carol.say("/done 3")
    before = len(emulator.bot_messages(group.chat))
    await group.carol.press(question, "Yes, stop #3")
    await emulator.next_bot_message(group.chat, before)
    again, _ = await fetch("/calendar", group.alice)
    updated = {str(e["uid"]): e for e in again.walk("VEVENT")}
    assert set(updated) == {str(e["uid"]) for e in events.values()}  # updates, no copies
    stopped = updated[str(journal["uid"])]
    # Nothing logged on the day it stopped: its last day was Wednesday.
    assert stopped["rrule"].to_ical() == b"FREQ=WEEKLY;UNTIL=20261209T190000Z;BYDAY=MO,TU,WE,TH,FR"
    assert stopped["sequence"] == 1 and updated[str(meditate["uid"])]["sequence"] == 0
    mine, _ = await fetch("/calendar mine", group.bob)
    assert [str(e["summary"]) for e in mine.walk("VEVENT")] == ["🔁 #2 Gym (Bob)"]
    # The events follow the chat's habit prompt when an admin moves it.
    assert "07:30" in (await group.alice.say("/schedule habits 07:30")).text
    moved, caption = await fetch("/calendar", group.alice)
    assert "habits as repeating events at 07:30" in caption
    dawn = {str(e["uid"]): e for e in moved.walk("VEVENT")}[str(meditate["uid"])]
    assert dawn.decoded("dtstart") == datetime(2026, 11, 28, 7, 30, tzinfo=berlin)


async def test_exports_hold_every_habit_and_each_occurrence_with_its_day_amount_and_note(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/habit Read every day at least 20 pages")
    await group.alice.say("/did 1 25 pages before bed")
    clock.advance(days=1)
    await group.alice.say("/did 1 yesterday")  # refused: Saturday already counts in full
    await group.alice.say("/did 1 12")
    await group.bob.say("/habit Gym 3 times a week")
    await group.bob.say("/did 2 legs")
    await group.carol.say('/habit =HYPERLINK("http://example.com") every day')
    await group.carol.say("/did 3 =1+1")  # a note a spreadsheet would run, too
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/export")
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.file is not None and "habits" in reply.text
    archive = zipfile.ZipFile(io.BytesIO(reply.file.data))

    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    habits = table("habits.csv")
    assert [(h["number"], h["owner"], h["title"], h["per"]) for h in habits] == [
        ("1", "Alice", "Read", "day"), ("2", "Bob", "Gym", "week"),
        ("3", "Carol", """'=HYPERLINK("http://example.com")""", "day"),
    ]  # fmt: skip
    assert (habits[0]["direction"], habits[0]["amount"], habits[0]["unit"]) == (
        "at_least", "20.0", "pages",
    )  # fmt: skip
    entries = [(e["habit"], e["owner"], e["day"], e["amount"], e["note"])
               for e in table("habit_entries.csv")]  # fmt: skip
    assert entries == [
        ("1", "Alice", "2026-11-28", "25.0", "before bed"),
        ("1", "Alice", "2026-11-29", "12.0", ""),
        ("2", "Bob", "2026-11-29", "", "legs"),
        ("3", "Carol", "2026-11-29", "", "'=1+1"),
    ]
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    document = await private.say("/export")
    assert document.file is not None
    mine = json.loads(document.file.data)
    assert [h["title"] for h in mine["habits"]] == ["Read"]
    assert [(e["day"], e["amount"], e["note"]) for e in mine["habit_entries"]] == [
        ("2026-11-28", 25.0, "before bed"), ("2026-11-29", 12.0, None),
    ]  # fmt: skip


async def test_the_mentor_digest_shows_each_habits_strength_and_its_change_since_the_last(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.bob.say("/habit Read every day")  # Bob has a habit and no goal
    carol_private = await carol_mentors(group, emulator)

    async def digest_on(friday: datetime) -> str:
        clock.now = friday
        before = len(emulator.bot_messages(carol_private))
        await run_tick(bot)
        (text,) = [
            m.text for m in emulator.bot_messages(carol_private)[before:] if "digest" in m.text
        ]
        return text

    for n in range(14):  # Saturday 28 November to Friday 11 December, but for Wednesday 9th
        clock.now = START + timedelta(days=n)
        if n != 11:
            await group.bob.say("/did 2")
        if n == 6:  # Loop's score after 7 days of 7: 1 − m⁷ = 31%
            first = await digest_on(datetime(2026, 12, 4, 17, 0, tzinfo=UTC))
            assert "Bob" in first and "Alice" in first
            assert "🔁 #2 Read · strength 31% (new in the past week)" in first
    second = await digest_on(datetime(2026, 12, 11, 17, 0, tzinfo=UTC))
    assert "🔁 #2 Read · strength 48% (+17 since the last digest)" in second
    private = emulator.person(group.carol.user, carol_private)
    clock.advance(hours=1)
    asked = (await private.say("/digest")).text  # the same, asked for after the weekly one
    assert "🔁 #2 Read · strength 48% (unchanged since the last digest)" in asked


async def statements_for_summary_with_habits(
    emulator: BotApiEmulator,
    bot: Application,
    size: int,  # type: ignore[type-arg]
) -> int:
    chat = emulator.add_group(f"Habits of {size}")
    people = [Person(emulator, emulator.add_user(f"H{size}x{n}"), chat) for n in range(size)]
    for n, person in enumerate(people):
        await person.say(f"/habit Habit {n} 3 times a week")
        await person.say(f"/did {n + 1}")
        await person.say("/pause from 2026-12-14 until 2026-12-18")
    seen: list[str] = []
    db = bot.bot_data.db
    await db.trace(seen.append)
    reply = await people[0].say("/summary")
    await db.trace(None)
    assert "🔁 #1 Habit 0 — 3 times a week" in reply.text
    return len([s for s in seen if s.strip().upper().startswith(("SELECT", "INSERT", "UPDATE"))])


async def test_the_summary_reads_habits_in_the_same_queries_for_5_and_50_members(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    small = await statements_for_summary_with_habits(emulator, bot, 5)
    large = await statements_for_summary_with_habits(emulator, bot, 50)
    assert small == large, (small, large)


def gym_twice_a_week(status: HabitStatus = HabitStatus.ACTIVE) -> HabitGoal:
    """Gym twice a week from Monday 2 November 2026 (stopped on Thursday 12th, or running)."""
    stopped = datetime(2026, 11, 12, 10, tzinfo=UTC) if status is HabitStatus.STOPPED else None
    rules = Habit(Frequency(2, Per.WEEK), date(2026, 11, 2))
    return HabitGoal(
        2, -1, 2, Member(2, "Bob"), "Gym", rules, status,
        datetime(2026, 11, 2, 9, tzinfo=UTC), stopped,
    )  # fmt: skip


GYM_LOG = {date(2026, 11, d): Day((None,)) for d in (3, 5, 11, 16)}
LETTER = {DayMark.DONE: "D", DayMark.REST: "r", DayMark.MISSED: "X", DayMark.OPEN: "o",
          DayMark.AHEAD: "-"}  # fmt: skip


def test_a_weekly_habits_empty_days_are_misses_only_in_a_week_that_ended_short() -> None:
    view = habit_calendar(gym_twice_a_week(), GYM_LOG, date(2026, 11, 18), weeks=3)
    weeks = ["".join(LETTER[c.mark] for c in view.cells[n : n + 7]) for n in (0, 7, 14)]
    assert weeks == ["rDrDrrr", "XXDXXXX", "Dro----"]  # met; short; this week, still open
    assert (view.periods_met, view.periods_counted) == (1, 2)
    rate = habit_rate(gym_twice_a_week(), GYM_LOG, date(2026, 11, 2), date(2026, 11, 15),
                      date(2026, 11, 18))  # fmt: skip
    assert (rate.done, rate.asked, rate.percent) == (3.0, 4, 75)


def test_a_stopped_habit_ran_to_the_day_before_unless_something_was_logged_that_day() -> None:
    stopped = gym_twice_a_week(HabitStatus.STOPPED)
    assert ran_until(stopped, "UTC", GYM_LOG).until == date(2026, 11, 11)
    logged = GYM_LOG | {date(2026, 11, 12): Day((None,))}
    assert ran_until(stopped, "UTC", logged).until == date(2026, 11, 12)
    # The day is the chat's: in Pago Pago 10:00 UTC on the 12th is 23:00 on the 11th, a day
    # with an entry, which counts.
    assert ran_until(stopped, "Pacific/Pago_Pago", GYM_LOG).until == date(2026, 11, 11)
    assert ran_until(stopped, "Pacific/Pago_Pago", {}).until == date(2026, 11, 10)
    assert ran_until(gym_twice_a_week(), "UTC", GYM_LOG) == gym_twice_a_week().rules


ZONES = ("UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/St_Johns", "Australia/Lord_Howe")


@st.composite
def habits_with_logs(draw: st.DrawFn) -> tuple[HabitGoal, dict[date, Day], date, str]:
    """Any habit a member could set within the ten-year horizon, any log, breaks, and day."""
    per = draw(st.sampled_from(Per))
    weekdays = ALL_DAYS
    if per is Per.DAY:
        weekdays = frozenset(draw(st.sets(st.integers(0, 6), min_size=1)))
    frequency = Frequency(draw(st.integers(1, 5)), per, weekdays)
    starts = START.date() + timedelta(days=draw(st.integers(0, 3650)))
    today = starts + timedelta(days=draw(st.integers(0, 400)))
    until = draw(st.none() | st.integers(0, 500).map(lambda n: starts + timedelta(days=n)))
    amount = draw(st.none() | st.builds(
        Amount, st.sampled_from(Direction), st.floats(0, 5000), st.sampled_from(("", "pages")),
    ))  # fmt: skip
    breaks = []
    for _ in range(draw(st.integers(0, 3))):
        first = today + timedelta(days=draw(st.integers(-120, 10)))
        length = draw(st.none() | st.integers(0, 30))
        last = None if length is None else first + timedelta(days=length)
        breaks.append(Break(first, last, first - timedelta(days=draw(st.integers(-3, 10)))))
    rules = Habit(frequency, starts, amount, until, tuple(breaks))
    days = draw(st.sets(st.integers(-5, (today - starts).days + 5), max_size=120))
    entry = st.none() | st.floats(0, 10_000)
    log = {starts + timedelta(days=n): Day(tuple(draw(st.lists(entry, min_size=1, max_size=3))))
           for n in days}  # fmt: skip
    tz = draw(st.sampled_from(ZONES))
    stopped = draw(st.booleans())
    created = datetime.combine(starts, datetime.min.time(), UTC)
    ended = created + timedelta(days=draw(st.integers(0, 400))) if stopped else None
    status = HabitStatus.STOPPED if stopped else HabitStatus.ACTIVE
    habit = HabitGoal(7, -1, 3, Member(5, "Dora $x$ 🎯"), "<b>Run</b> & $\\alpha$ 🔥; a, b",
                      rules, status, created, ended)  # fmt: skip
    return replace(habit, rules=ran_until(habit, tz, log)), log, today, tz


@settings(max_examples=200, deadline=None, derandomize=True)
@given(case=habits_with_logs())
def test_any_habit_gives_a_whole_heatmap_a_caption_a_rate_and_one_calendar_event(
    case: tuple[HabitGoal, dict[date, Day], date, str],
) -> None:
    habit, log, today, tz = case
    view = habit_calendar(habit, log, today)
    assert len(view.cells) == 84 and view.first.weekday() == 0
    assert [c.day for c in view.cells] == [view.first + timedelta(days=n) for n in range(84)]
    assert all((c.mark is DayMark.AHEAD) == (c.day > today) for c in view.cells)
    assert all(c.mark is DayMark.OUTSIDE for c in view.cells if c.day < habit.rules.starts)
    assert 0 <= view.periods_met <= view.periods_counted
    assert all(0 <= s <= 1 for _, s in view.strength)
    caption = habit_caption(view)
    assert len(caption) <= 1024 and "<b>" not in caption and "&lt;b&gt;Run" in caption
    rate = habit_rate(habit, log, today - timedelta(days=30), today, today)
    assert 0 <= rate.done <= rate.asked + 1e-9 and 0 <= rate.strength_after <= 100
    ics = calendar_file([], {}, None, "goals_test_bot", habits=[habit], tz=tz)
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["summary"]) == "🔁 #3 <b>Run</b> & $\\alpha$ 🔥; a, b (Dora $x$ 🎯)"
    assert event.decoded("dtstart").date() >= habit.rules.starts


@settings(max_examples=8, deadline=None, derandomize=True)
@given(case=habits_with_logs())
def test_any_habit_heatmap_draws(case: tuple[HabitGoal, dict[date, Day], date, str]) -> None:
    habit, log, today, _ = case
    assert png(habit_figure(habit_calendar(habit, log, today))).startswith(b"\x89PNG")


async def test_a_habit_title_with_markup_is_shown_as_typed_everywhere_it_shows(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    title = "<b>Read</b> & <i>write"
    created = await group.alice.say(f"/habit {title} every day")
    assert title in created.text
    await group.alice.say("/did 1")
    clock.advance(days=1)
    assert f"🔁 #1 {title} — every day" in (await group.bob.say("/summary")).text
    assert f"🔁 #1 {title} (Alice): 1 of 1 day" in (await group.bob.say("/report")).text
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    assert f"🔁 #1 {title} — every day" in (await private.say("/goals")).text
    await emulator.wait_until(lambda: len(photos(emulator, group)) == 1, what="/report's timeline")
    await emulator.send(group.bob.user, group.chat, "/chart 1")
    await emulator.wait_until(lambda: len(photos(emulator, group)) == 2, what="the heatmap")
    assert f"🔁 #1 {title} (Alice)" in photos(emulator, group)[-1].text


async def test_summaries_read_habits_from_their_mark_and_say_what_the_whole_log_says(
    group: Group, clock: FakeClock, db_path: Path
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.alice.say("/habit Gym 3 times a week")
    await group.alice.say("/habit Call home twice a month")
    for n in range(40):
        if n % 5:
            await group.alice.say("/did 1")
        if n % 7 in (0, 2, 4):
            await group.alice.say("/did 2")
        if n % 11 == 3:  # the month's window reaches back before the mark: kept with it
            await group.alice.say("/did 3")
        clock.advance(days=1)

    def habit_lines(text: str) -> list[str]:
        lines = text.splitlines()
        return [ln.strip() for n, ln in enumerate(lines) if "🔁" in ln or "🔁" in lines[n - 1]]

    first = await group.alice.say("/summary")  # read from the whole log; the marks are kept
    conn = peek(db_path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM habit_marks").fetchone() == (3,)
    finally:
        conn.close()
    for n in range(9):  # more days, read from the marks
        await group.alice.say("/did 1")
        if n == 4:
            await group.alice.say("/did 3")
        clock.advance(days=1)
    again = await group.alice.say("/summary")
    listing = await group.alice.say("/goals")  # /goals reads each habit's whole log
    assert habit_lines(again.text) == habit_lines(listing.text)
    assert habit_lines(first.text) != habit_lines(again.text)  # and it did move on
