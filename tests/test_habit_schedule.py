"""Habits on the schedule: the daily prompt and its buttons, reminders, celebrations, a run's
end, and partners told of a broken streak; on the fake clock, through the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.delivery import ratelimit
from bot.domain import callbacks
from bot.domain.habit_days import (
    CelebrationKind,
    broken_streak,
    earned,
    first_met_week,
    open_on,
    reminder_due,
    run_summary,
)
from bot.domain.habits import Amount, Break, Day, Direction, Frequency, Habit, Per
from bot.emulator import BotApiEmulator, SentMessage
from tests.conftest import FakeClock, Group, make_app, run_tick, start_bot, stop_bot

SATURDAY_20 = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


@pytest.fixture
async def bot(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot, with flood control loose enough for weeks of presses in seconds of real time
    (flood control counts real minutes)."""
    app = make_app(emulator, db_path, clock, flood_per_minute=10_000)
    await start_bot(app)
    yield app
    await stop_bot(app)


def posts(emulator: BotApiEmulator, group: Group, marker: str) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(group.chat) if marker in m.text]


async def said(emulator: BotApiEmulator, group: Group, marker: str) -> SentMessage:
    """The bot's message in the group with this in it, once it is there."""
    await emulator.wait_until(lambda: bool(posts(emulator, group, marker)), what=repr(marker))
    return posts(emulator, group, marker)[-1]


def labels(message: SentMessage) -> list[str]:
    return [b["text"] for b in message.buttons()]


async def test_one_prompt_for_the_group_with_a_button_per_habit_and_only_owners_log(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.bob.say("/habit Gym 3 times a week")
    listing = await group.carol.say("/schedule")
    assert "Habit prompt: daily at 20:00" in listing.text
    clock.now = SATURDAY_20
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "🔁 Habits for")
    assert labels(prompt) == ["✅ Meditate · Alice", "✅ Gym · Bob"]
    assert "⬜ Alice · Meditate" in prompt.text and "⬜ Bob · Gym · 0/1 this week" in prompt.text
    for button in prompt.buttons():
        assert len(button["callback_data"].encode()) <= callbacks.MAX_BYTES

    toast = await group.bob.press(prompt, "✅ Meditate · Alice")
    assert "only Alice can log it" in toast["text"]
    toast = await group.alice.press(prompt, "✅ Meditate · Alice")
    assert toast["text"].startswith("✅ Meditate: done today · 🔥 1 day")
    await emulator.wait_until(
        lambda: "✅ Alice · Meditate" in prompt.text, what="the prompt edited"
    )
    assert labels(prompt) == ["✅ Gym · Bob"]
    listing = await group.alice.say("/goals")
    assert "1/1 today" in listing.text

    await run_tick(bot)  # the same day never prompts twice
    clock.advance(minutes=30)
    await run_tick(bot)
    assert len(posts(emulator, group, "🔁 Habits for")) == 1

    toast = await group.bob.press(prompt, "✅ Gym · Bob")
    assert toast["text"].startswith("✅ Gym: done today")
    await emulator.wait_until(lambda: "All done for the day" in prompt.text, what="all done")
    assert prompt.buttons() == []


async def test_a_did_shows_on_the_prompt_and_a_day_with_nothing_to_ask_posts_nothing(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    clock.now = SATURDAY_20
    await run_tick(bot)  # nobody has a habit yet: nothing to ask
    assert posts(emulator, group, "🔁 Habits for") == []
    await group.alice.say("/habit Meditate every day")
    await group.bob.say("/habit Stretch every day")
    clock.advance(days=1)
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "🔁 Habits for Sun 29 Nov")
    await group.bob.say("/did 2")
    await emulator.wait_until(lambda: "✅ Bob · Stretch" in prompt.text, what="the /did shown")
    assert labels(prompt) == ["✅ Meditate · Alice"]
    await group.alice.say("/did 1")
    await group.alice.say("/undo 1")
    await emulator.wait_until(lambda: "⬜ Alice · Meditate" in prompt.text, what="undo shown")
    await group.alice.say("/did 1")
    clock.advance(days=1, hours=-2)  # Monday 18:00: both done before the prompt
    await group.alice.say("/did 1")
    await group.bob.say("/did 2")
    clock.advance(hours=2)
    await run_tick(bot)
    assert posts(emulator, group, "🔁 Habits for Mon 30 Nov") == []


async def test_the_prompt_time_is_the_chats_and_can_be_switched_off(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.alice.say("/habit Meditate every day")
    refused = await group.bob.say("/schedule habits 07:30")
    assert "Only the group's admins" in refused.text
    bad = await group.alice.say("/schedule habits soon")
    assert "/schedule habits 20:00" in bad.text
    changed = await group.alice.say("/schedule habits 7:30")
    assert "Habit prompt: daily at 07:30" in changed.text
    clock.now = datetime(2026, 11, 29, 7, 30, tzinfo=UTC)
    await run_tick(bot)
    assert len(posts(emulator, group, "🔁 Habits for Sun 29 Nov")) == 1
    off = await group.alice.say("/schedule habits off")
    assert "Habit prompt: off" in off.text
    clock.advance(days=1)
    await run_tick(bot)
    assert posts(emulator, group, "🔁 Habits for Mon 30 Nov") == []
    await group.alice.say("/schedule on habits")
    clock.advance(days=1)
    await run_tick(bot)
    assert len(posts(emulator, group, "🔁 Habits for Tue 1 Dec")) == 1


async def test_a_weekly_habit_is_asked_until_the_week_is_met_and_a_press_logs_yesterday(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    clock.now = MONDAY
    await group.bob.say("/habit Gym twice a week")
    await group.alice.say("/habit Read every day")
    clock.now = MONDAY.replace(hour=20)
    await run_tick(bot)
    (monday,) = posts(emulator, group, "🔁 Habits for Mon 30 Nov")
    clock.advance(hours=5)  # past midnight: Monday's prompt still logs Monday
    toast = await group.bob.press(monday, "✅ Gym · Bob")
    assert toast["text"].startswith("✅ Gym: done yesterday")
    clock.now = MONDAY.replace(day=1, month=12, hour=20)
    await run_tick(bot)
    (tuesday,) = posts(emulator, group, "🔁 Habits for Tue 1 Dec")
    await group.bob.press(tuesday, "✅ Gym · Bob")  # 2 of 2: the week is met
    first = await said(emulator, group, "first one")
    assert "Bob met Gym for a whole week, the first one!" in first.text
    clock.advance(days=1)
    await run_tick(bot)
    (wednesday,) = posts(emulator, group, "🔁 Habits for Wed 2 Dec")
    assert labels(wednesday) == ["✅ Read · Alice"]  # Bob's week is met: not asked again
    clock.advance(days=2)
    toast = await group.alice.press(monday, "✅ Read · Alice")  # on Thursday
    assert "too far back to log" in toast["text"] and "/did 2" in toast["text"]


async def test_a_streak_milestone_is_celebrated_once_by_command_or_by_press(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.bob.say("/habit Stretch every day")
    for _ in range(6):  # Saturday to Thursday
        assert "🎉" not in (await group.alice.say("/did 1")).text
        await group.bob.say("/did 2")
        clock.advance(days=1)
    seventh = await group.alice.say("/did 1")  # Friday: 7 days in a row, said with the reply
    assert "🔥 7 days" in seventh.text
    assert "🎉 Alice has kept Meditate 7 days in a row! 🔥" in seventh.text
    await group.alice.say("/undo 1")
    again = await group.alice.say("/did 1")
    assert "🔥 7 days" in again.text and "🎉" not in again.text  # once, also after /undo

    clock.now = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "🔁 Habits for Fri 4 Dec")
    assert labels(prompt) == ["✅ Stretch · Bob"]
    toast = await group.bob.press(prompt, "✅ Stretch · Bob")
    assert "🔥 7 days" in toast["text"]
    cheer = await said(emulator, group, "Bob has kept Stretch")
    assert cheer.text == "🎉 Bob has kept Stretch 7 days in a row! 🔥"

    clock.now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    await group.alice.say("/did 1")
    clock.advance(days=1)  # Sunday: the first whole week, Monday to Sunday, every day done
    week = await group.alice.say("/did 1")
    assert "🎉 Alice's first full week of Meditate: every day done!" in week.text
    assert len(posts(emulator, group, "Alice has kept Meditate 7 days")) == 1


async def test_a_habit_reminder_on_the_last_day_a_week_can_wait_in_one_message_with_others(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    clock.now = MONDAY
    await group.bob.say("/habit Gym 3 times a week")
    await group.carol.say("/habit Swim 3 times a week")
    await group.carol.say("/pause from 2026-12-04 until 2026-12-06")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 3 Half marathon by 2026-12-06")
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # Thursday: 3 to do in 4 days
    await run_tick(bot)
    assert posts(emulator, group, "needs today") == []
    clock.advance(days=1)  # Friday: 3 to do in 3 days
    await run_tick(bot)
    await run_tick(bot)
    (batch,) = posts(emulator, group, "needs today")
    assert "Alice, milestone 3.1 Half marathon is due Sun 6 Dec" in batch.text
    assert "Bob, #1 Gym needs today: 3 more this week, 3 days left." in batch.text
    assert f'href="tg://user?id={group.bob.user.id}"' in batch.html
    assert "Swim" not in batch.text  # Carol is away
    assert len(posts(emulator, group, "is due")) == 1  # one message, not one per reminder
    await group.bob.say("/did 1")
    clock.advance(days=1)  # Saturday: 2 to do in 2 days, another day's reminder
    await run_tick(bot)
    await run_tick(bot)
    assert len(posts(emulator, group, "Gym needs today: 2 more this week, 2 days left")) == 1
    await group.bob.say("/did 1")
    await group.alice.say("/schedule off reminders")
    clock.advance(days=1)
    await run_tick(bot)
    assert len(posts(emulator, group, "needs today")) == 2  # reminders off: none on Sunday


async def test_a_habit_ends_at_its_end_date_with_a_summary_celebrated_when_strong(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.alice.say("/habit Meditate every day until 2026-12-31")
    await group.bob.say("/habit Floss every day until 2026-12-02")
    for n in range(34):  # Sat 28 Nov to Thu 31 Dec at 09:00, every day
        await run_tick(bot)
        await group.alice.say("/did 1")
        if n < 2:
            await group.bob.say("/did 2")
        if clock.now.date() == date(2026, 12, 3):
            weak = await said(emulator, group, "Floss of Bob has reached its end date")
            assert "(Wed 2 Dec)" in weak.text
            assert "Done 2 times from Sat 28 Nov · best streak 🔥 2 days" in weak.text
            assert "🎉" not in weak.text and "/habit" in weak.text
            ended = await group.bob.say("/did 2")
            assert "has ended" in ended.text
        clock.advance(days=1)
    clock.now = datetime(2027, 1, 1, 8, 59, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "Meditate of Alice has reached") == []
    clock.advance(minutes=1)
    await run_tick(bot)
    await run_tick(bot)
    (strong,) = posts(emulator, group, "Meditate of Alice has reached its end date (Thu 31 Dec")
    assert "Done 34 times" in strong.text and "best streak 🔥 34 days" in strong.text
    assert "🎉 A strong finish, Alice!" in strong.text
    clock.advance(days=1)
    await run_tick(bot)
    assert len(posts(emulator, group, "has reached its end date")) == 2
    listing = await group.alice.say("/goals")
    assert "Meditate" not in listing.text


async def test_a_partner_hears_once_when_a_streak_breaks(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.bob.say("/goals")
    invite = await group.alice.say("/partner @bob")
    await group.bob.press(invite, "Accept")
    await group.alice.say("/habit Meditate every day")
    for _ in range(3):  # Saturday to Monday
        await group.alice.say("/did 1")
        clock.advance(days=1)
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday: nothing missed yet
    await run_tick(bot)
    assert posts(emulator, group, "streak on") == []
    clock.advance(days=1)  # Wednesday: Tuesday is missed, but /did yesterday can still fill it
    await run_tick(bot)
    assert posts(emulator, group, "streak on") == []
    clock.advance(days=1)  # Thursday: Tuesday can no longer be logged
    await run_tick(bot)
    notice = await said(emulator, group, "streak on")
    assert "Bob, your partner Alice's streak on #1 Meditate (3 days) ended" in notice.text
    clock.advance(days=1)  # Friday: more missed days are the same break
    await run_tick(bot)
    assert len(posts(emulator, group, "streak on")) == 1


async def test_twelve_weeks_of_habits_with_a_planned_break_and_a_missed_week(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    """Alice meditates every day for twelve weeks, with a week's break planned two weeks
    ahead; Bob goes to the gym three times a week, late one week and not at all another.
    They are partners. Every day: the morning round at 09:00, the prompt at 20:00, presses."""
    await group.bob.say("/goals")
    invite = await group.alice.say("/partner @bob")
    await group.bob.press(invite, "Accept")
    clock.now = MONDAY
    await group.alice.say("/habit Meditate every day until 2027-02-21")
    await group.bob.say("/habit Gym 3 times a week")
    first = MONDAY.replace(hour=9)
    toasts: dict[date, str] = {}
    for n in range(12 * 7):
        week, weekday = n // 7 + 1, n % 7
        today = (first + timedelta(days=n)).date()
        clock.now = first + timedelta(days=n)
        await run_tick(bot)  # the morning round: reminders, a broken streak, the end
        if week == 3 and weekday == 0:
            planned = await group.alice.say("/pause from 2026-12-28 until 2027-01-03")
            assert "28 Dec" in planned.text
        clock.now = clock.now.replace(hour=20)
        await run_tick(bot)
        shown = posts(emulator, group, f"🔁 Habits for {today:%a} {today.day} {today:%b}")
        assert len(shown) <= 1
        alice_on = week != 5
        bob_on = weekday in (4, 5, 6) if week == 2 else week != 7 and weekday in (0, 2, 4)
        if alice_on or bob_on:
            (prompt,) = shown
            assert ("✅ Meditate · Alice" in labels(prompt)) is alice_on
            if alice_on:
                toast = await group.alice.press(prompt, "✅ Meditate · Alice")
                toasts[today] = toast["text"]
            if bob_on:
                await group.bob.press(prompt, "✅ Gym · Bob")
    clock.now = datetime(2027, 2, 22, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)

    # The planned break neither broke nor extended Alice's streak: 28 days, a week away, 29.
    assert "🔥 28 days" in toasts[date(2026, 12, 27)]
    assert "🔥 29 days" in toasts[date(2027, 1, 4)]
    assert "🔥 77 days" in toasts[date(2027, 2, 21)]
    # Reminders only on the days Bob could wait no longer: late in week 2, Friday of week 7.
    reminded = [m.text for m in posts(emulator, group, "Gym needs today")]
    assert [t.split(": ", 1)[1].split(".")[0] for t in reminded] == [
        "3 more this week, 3 days left",
        "2 more this week, 2 days left",
        "1 more this week, 1 day left",
        "3 more this week, 3 days left",
    ]
    # The missed week broke Bob's six-week streak; Alice heard once.
    (notice,) = posts(emulator, group, "streak on")
    assert "Alice, your partner Bob's streak on #2 Gym (6 weeks) ended" in notice.text
    # Milestones, once each; Bob's second run reached four weeks again, after the break.
    assert len(posts(emulator, group, "Alice has kept Meditate 7 days in a row")) == 1
    assert len(posts(emulator, group, "Alice has kept Meditate 30 days in a row")) == 1
    assert len(posts(emulator, group, "Bob has kept Gym 4 weeks in a row")) == 2
    assert len(posts(emulator, group, "first full week of Meditate")) == 1
    assert len(posts(emulator, group, "Bob met Gym for a whole week, the first one")) == 1
    # The end, with its summary, celebrated: it ended strong.
    (end,) = posts(emulator, group, "has reached its end date")
    assert "Habit #1 Meditate of Alice has reached its end date (Sun 21 Feb)" in end.text
    assert "Done 77 times from Mon 30 Nov 2026 · best streak 🔥 77 days" in end.text
    assert "🎉 A strong finish, Alice!" in end.text


def gateway_down(
    emulator: BotApiEmulator, group: Group, monkeypatch: pytest.MonkeyPatch, sends: int = 1
) -> None:
    """More 502s in a row than the rate limiter retries, for this many sends at once: the
    tick gives up on each."""
    monkeypatch.setattr(ratelimit, "FIRST_BACKOFF", 0.01)
    for _ in range(sends * (ratelimit.GATEWAY_RETRIES + 1)):
        emulator.fail_next_send(group.chat, 502, "Bad Gateway")


async def test_a_prompt_not_taken_is_sent_later_and_one_that_may_have_arrived_never_twice(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await group.alice.say("/habit Meditate every day")
    gateway_down(emulator, group, monkeypatch)
    clock.now = SATURDAY_20
    await run_tick(bot)
    assert posts(emulator, group, "🔁 Habits for") == []
    for _ in range(3):
        clock.advance(seconds=30)
        await run_tick(bot)
    (prompt,) = posts(emulator, group, "🔁 Habits for Sat 28 Nov")
    await group.alice.press(prompt, "✅ Meditate · Alice")  # the retried prompt's buttons work
    await emulator.wait_until(lambda: prompt.buttons() == [], what="the prompt edited")
    emulator.drop_reply_to_next_send(group.chat)  # Sunday's arrives; the answer is lost
    clock.advance(days=1)
    for _ in range(3):
        await run_tick(bot)
        clock.advance(seconds=30)
    assert len(posts(emulator, group, "🔁 Habits for Sun 29 Nov")) == 1


async def test_reminders_not_taken_go_out_later_together_and_an_end_is_announced_once(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock.now = MONDAY
    await group.bob.say("/habit Gym 3 times a week")
    await group.carol.say("/habit Floss every day until 2026-12-03")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 3 Half marathon by 2026-12-06")
    clock.now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # Friday: Bob's last day to wait
    gateway_down(emulator, group, monkeypatch, sends=2)  # the reminders, and Carol's end
    await run_tick(bot)
    assert posts(emulator, group, "needs today") == []
    assert posts(emulator, group, "has reached its end date") == []
    for _ in range(3):
        clock.advance(seconds=30)
        await run_tick(bot)
    (batch,) = posts(emulator, group, "needs today")
    assert "milestone 3.1 Half marathon is due" in batch.text
    assert len(posts(emulator, group, "is due")) == 1
    assert len(posts(emulator, group, "Floss of Carol has reached its end date")) == 1
    await group.bob.say("/did 1")
    emulator.drop_reply_to_next_send(group.chat)  # Saturday's reminder arrives, unheard
    clock.now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    for _ in range(3):
        await run_tick(bot)
        clock.advance(seconds=30)
    assert len(posts(emulator, group, "Gym needs today: 2 more this week, 2 days left")) == 1
    assert len(posts(emulator, group, "has reached its end date")) == 1


# -- the rules, as tables ----------------------------------------------------------------------

WEEK_START = date(2027, 1, 4)  # a Monday
DONE = Day((None,))


def logged(*offsets: int) -> dict[date, Day]:
    """One entry on each of these days (offsets from WEEK_START)."""
    return {WEEK_START + timedelta(days=n): DONE for n in offsets}


DAILY = Habit(Frequency(1, Per.DAY), WEEK_START)
WEEKLY = Habit(Frequency(3, Per.WEEK), WEEK_START)
AT_MOST = Habit(Frequency(1, Per.DAY), WEEK_START, Amount(Direction.AT_MOST, 2, "coffees"))
WEEKDAYS = Habit(Frequency(1, Per.DAY, frozenset(range(5))), WEEK_START)


@pytest.mark.parametrize(
    ("habit", "done", "on", "asked"),
    [
        (DAILY, (), 0, True),
        (DAILY, (0,), 0, False),  # done today
        (DAILY, (0,), 1, True),
        (WEEKLY, (0, 1), 2, True),  # 2 of 3: still asked
        (WEEKLY, (0, 1, 2), 3, False),  # the week is met
        (WEEKLY, (0, 1), 1, False),  # one a day counts: done today
        (WEEKLY, (0, 1, 2), 7, True),  # a new week
        (AT_MOST, (), 0, True),
        (AT_MOST, (0,), 0, False),  # an at-most day is logged once on the prompt
        (WEEKDAYS, (), 5, False),  # Saturday: not one of its days
        (DAILY, (), -1, False),  # before it began
    ],
)
def test_what_the_days_prompt_asks_for(
    habit: Habit, done: tuple[int, ...], on: int, asked: bool
) -> None:
    assert open_on(habit, logged(*done), WEEK_START + timedelta(days=on)) is asked


def test_a_planned_break_is_not_asked_for_and_an_unplanned_one_still_is() -> None:
    planned = Break(WEEK_START + timedelta(days=2), WEEK_START + timedelta(days=4), WEEK_START)
    late = Break(WEEK_START, WEEK_START + timedelta(days=4), WEEK_START)
    assert not open_on(replace(DAILY, breaks=(planned,)), {}, WEEK_START + timedelta(days=3))
    assert open_on(replace(DAILY, breaks=(late,)), {}, WEEK_START)  # planned the same day


@pytest.mark.parametrize(
    ("habit", "before", "new", "today", "expected"),
    [
        (DAILY, range(6), 6, 6, [(CelebrationKind.STREAK, 7, "7:2027-01-04"),
                                 (CelebrationKind.FIRST_WEEK, 0, "")]),
        (DAILY, range(5), 5, 5, []),  # 6 days: nothing yet
        (DAILY, (*range(5), 6), 5, 6, [(CelebrationKind.STREAK, 7, "7:2027-01-04"),
                                       (CelebrationKind.FIRST_WEEK, 0, "")]),  # yesterday
        (DAILY, range(7, 13), 13, 13, [(CelebrationKind.STREAK, 7, "7:2027-01-11"),
                                       (CelebrationKind.FIRST_WEEK, 0, "")]),  # the 2nd week
        (DAILY, range(29), 29, 29, [(CelebrationKind.STREAK, 30, "30:2027-01-04")]),
        (WEEKLY, (0, 1), 2, 2, [(CelebrationKind.FIRST_WEEK, 0, "")]),
        (WEEKLY, (0, 1, 2, 7, 8, 9, 14, 15, 16, 21, 22), 23, 23,
         [(CelebrationKind.STREAK, 4, "4:2027-01-04")]),
        (WEEKDAYS, range(4), 4, 4, [(CelebrationKind.FIRST_WEEK, 0, "")]),  # Mon to Fri
    ],
)  # fmt: skip
def test_what_an_entry_earns(
    habit: Habit,
    before: tuple[int, ...],
    new: int,
    today: int,
    expected: list[tuple[CelebrationKind, int, str]],
) -> None:
    was = logged(*before)
    now = {**was, **logged(new)}
    found = earned(habit, was, now, WEEK_START + timedelta(days=today))
    assert [(c.kind, c.length, c.subject) for c in found] == expected


def test_a_daily_habit_begun_midweek_has_its_first_full_week_the_week_after() -> None:
    wednesday = replace(DAILY, starts=WEEK_START + timedelta(days=2))
    log = logged(*range(2, 7))
    assert first_met_week(wednesday, log, WEEK_START + timedelta(days=6)) is None
    log = logged(*range(2, 14))
    week = first_met_week(wednesday, log, WEEK_START + timedelta(days=13))
    assert week is not None and week.first == WEEK_START + timedelta(days=7)


@pytest.mark.parametrize(
    ("habit", "done", "today", "missed", "length"),
    [
        (DAILY, (0, 1, 2), 5, 3, 3),  # Thursday missed after three days
        (DAILY, (0, 1, 2), 4, None, None),  # Friday: /did yesterday can still fill Thursday
        (DAILY, (0, 1, 2), 3, None, None),  # Thursday is still open
        (DAILY, (0,), 2, None, None),  # a one-day streak is not worth telling
        (DAILY, (0, 1, 2), 20, None, None),  # old news
        (WEEKLY, (0, 1, 2, 7, 8, 9), 14, None, None),  # two weeks met
        (WEEKLY, (0, 1, 2, 7, 8, 9), 22, 14, 2),  # the third week missed
        (WEEKLY, (0, 1, 2, 7, 8, 9), 21, None, None),  # Monday: Sunday can still be logged
        (WEEKDAYS, (0, 1, 2, 3, 4), 7, None, None),  # the weekend asks nothing
    ],
)
def test_a_broken_streak(
    habit: Habit, done: tuple[int, ...], today: int, missed: int | None, length: int | None
) -> None:
    found = broken_streak(habit, logged(*done), WEEK_START + timedelta(days=today))
    if missed is None:
        assert found is None
    else:
        assert found is not None and found.length == length
        assert found.missed.first == WEEK_START + timedelta(days=missed)


def test_a_planned_break_breaks_no_streak() -> None:
    away = Break(WEEK_START + timedelta(days=3), WEEK_START + timedelta(days=5), WEEK_START)
    habit = replace(DAILY, breaks=(away,))
    assert broken_streak(habit, logged(0, 1, 2, 6), WEEK_START + timedelta(days=7)) is None
    late = Break(
        WEEK_START + timedelta(days=3),
        WEEK_START + timedelta(days=5),
        WEEK_START + timedelta(days=4),
    )
    habit = replace(DAILY, breaks=(late,))
    found = broken_streak(habit, logged(0, 1, 2, 6), WEEK_START + timedelta(days=7))
    assert found is not None and found.missed.first == WEEK_START + timedelta(days=3)


@pytest.mark.parametrize(
    ("habit", "done", "today", "owed"),
    [
        (WEEKLY, (), 4, (3, 3)),  # Friday: 3 to do in 3 days
        (WEEKLY, (), 3, None),  # Thursday: one day to spare
        (WEEKLY, (), 5, None),  # Saturday: can't be met any more
        (WEEKLY, (0, 1), 6, (1, 1)),
        (WEEKLY, (0, 1, 2), 6, None),  # met
        (WEEKLY, (5,), 5, None),  # done today already: nothing more today
        (DAILY, (), 3, None),  # daily habits have the evening prompt
        (replace(WEEKLY, starts=WEEK_START + timedelta(days=4)), (), 4, None),  # its first day
    ],
)
def test_a_reminder_is_owed_on_the_last_day_a_period_can_wait(
    habit: Habit, done: tuple[int, ...], today: int, owed: tuple[int, int] | None
) -> None:
    found = reminder_due(habit, logged(*done), WEEK_START + timedelta(days=today))
    assert (None if found is None else (found.still_to_do, found.days_left)) == owed


def test_the_run_summary_counts_entries_to_its_last_day() -> None:
    habit = replace(DAILY, until=WEEK_START + timedelta(days=6))
    log = {**logged(0, 1, 2, 4, 5, 6, 8), WEEK_START: Day((None, None))}
    summary = run_summary(habit, log, WEEK_START + timedelta(days=6))
    assert (summary.occurrences, summary.best.best, summary.best.current) == (7, 3, 3)
    assert not summary.strong


@pytest.mark.parametrize(
    "data",
    [
        "v1:hb:12:20261128x", "v1:hb:12:2026-11-28", "v1:hb:-1:20261128", "v1:hb:12:20261332",
        "v1:hb::20261128", "v1:hb:12", "v2:hb:12:20261128", "v1:hb:12:20261128:1",
        "v1:hb:" + "9" * 40 + ":20261128", "v1:hb:١٢:20261128", "", ":::",
    ],
)  # fmt: skip
def test_a_habit_button_refuses_data_it_did_not_make(data: str) -> None:
    assert callbacks.parse_habit_done(data) is None


def test_a_habit_button_reads_back_what_it_made() -> None:
    data = callbacks.habit_done(10**18 - 1, date(9999, 12, 31))  # ids up to 18 digits
    assert len(data.encode()) <= callbacks.MAX_BYTES
    assert callbacks.parse_habit_done(data) == callbacks.HabitPress(10**18 - 1, date(9999, 12, 31))


async def test_a_private_chat_with_only_a_habit_gets_its_prompt(
    emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    dana = emulator.add_user("Dana", "dana")
    private = emulator.private_chat(dana)
    me = emulator.person(dana, private)
    await me.say("/habit Journal every day")
    clock.now = SATURDAY_20
    await run_tick(bot)
    (prompt,) = [m for m in emulator.bot_messages(private) if "🔁 Habits for" in m.text]
    toast = await me.press(prompt, "✅ Journal · Dana")
    assert toast["text"].startswith("✅ Journal: done today")


async def test_a_press_for_a_habit_stopped_since_the_prompt_logs_nothing_and_drops_its_button(
    group: Group, emulator: BotApiEmulator, bot: Application, clock: FakeClock
) -> None:
    await group.alice.say("/habit Read every day")
    await group.bob.say("/habit Run every day")
    clock.now = SATURDAY_20
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "🔁 Habits for")
    question = await group.alice.say("/done 1")
    await group.alice.press(question, "Yes, stop #1")
    await said(emulator, group, "is stopped")
    toast = await group.alice.press(prompt, "✅ Read · Alice")
    assert toast["text"] == "That habit isn't running any more."
    await emulator.wait_until(lambda: labels(prompt) == ["✅ Run · Bob"], what="the button gone")
