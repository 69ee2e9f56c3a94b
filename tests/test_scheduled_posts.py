"""What fires: check-in prompts, summaries, reviews, reminders; once each, on the fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import Application

from bot.emulator import BotApiEmulator, SentMessage
from bot.jobs.scheduled_posts import SUMMARY_BATCH
from tests.conftest import FakeClock, Group, run_tick

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def posts(emulator: BotApiEmulator, group: Group, marker: str) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(group.chat) if marker in m.text]


async def test_checkin_prompt_buttons_and_summary(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "Check-in time")
    assert [b["text"] for b in prompt.buttons()] == ["✅ On track", "⚠️ Behind", "🆘 Need help"]

    toast = await group.alice.press(prompt, "✅ On track")
    assert toast["text"].startswith("Checked in for the week from Mon 30 Nov: on track")
    await emulator.wait_until(lambda: "Alice ✅" in prompt.text, what="Alice on the prompt")
    await group.bob.press(prompt, "⚠️ Behind")
    await emulator.wait_until(lambda: "Bob ⚠️" in prompt.text, what="Bob on the prompt")
    await group.bob.press(prompt, "🆘 Need help")  # a second press changes it, never duplicates
    await emulator.wait_until(lambda: "Bob 🆘" in prompt.text, what="Bob's new answer")
    assert prompt.text.count("Bob") == 2  # in the roll call, and in "Who can help Bob?"
    assert prompt.buttons(), "the buttons stay for others"

    await run_tick(bot)  # the same period never prompts twice
    assert len(posts(emulator, group, "Check-in time")) == 1

    summary = await group.carol.say("/summary")
    assert "Alice</b>" not in summary.text  # tags are not shown to people
    assert "Alice ✅ on track" in summary.text
    assert "Bob 🆘 needs help" in summary.text


async def test_checkin_by_text_updates_the_prompt(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "Check-in time")
    reply = await group.bob.say("/checkin behind lost a week to flu")
    assert "Bob checked in: behind." in reply.text
    assert "“lost a week to flu”" in reply.text
    await emulator.wait_until(lambda: "Bob ⚠️" in prompt.text, what="the prompt to show Bob")
    refused = await group.bob.say("/checkin sideways")
    assert "on-track, behind or help" in refused.text


async def test_checkin_words_as_people_type_them(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, group, "Check-in time")
    reply = await group.alice.say("/checkin On track felt great")  # the button's words
    assert "Alice checked in: on track." in reply.text
    assert "“felt great”" in reply.text
    reply = await group.bob.say("/checkin stuck on chapter 3")
    assert "Bob checked in: needs help." in reply.text
    assert "“stuck on chapter 3”" in reply.text
    reply = await group.carol.say("/checkin okay")
    assert "Carol checked in: on track." in reply.text
    await emulator.wait_until(
        lambda: "Checked in: Alice ✅, Bob 🆘, Carol ✅" in prompt.text,
        what="the prompt to show all three",
    )
    refused = await group.carol.say("/checkin sideways on track")
    assert "Say how it's going: on-track, behind or help" in refused.text
    assert "/checkin behind lost a week to flu" in refused.text


async def test_streaks_count_consecutive_periods(
    group: Group,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    clock.now = MONDAY_9
    for week in range(3):
        await run_tick(bot)
        await group.alice.say("/checkin on-track")
        if week != 1:
            await group.bob.say("/checkin on-track")
        clock.advance(days=7)
    await run_tick(bot)  # week four's prompt: asked again
    clock.advance(days=1)  # Tuesday of week four, before anyone checked in
    summary = await group.carol.say("/summary")
    assert "Alice 🔥 3 in a row · no check-in yet" in summary.text
    assert "Bob ⚠️ no check-in yet" in summary.text  # week two broke Bob's streak: 1 is no streak
    reply = await group.alice.say("/checkin on-track")
    assert "🔥 4 check-ins in a row." in reply.text


async def test_scheduled_summary_goes_out_once(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-02")
    await group.alice.say("/milestone 1 Long run by 2027-03-01")
    await group.alice.say("/done 1.1")
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (summary,) = posts(emulator, group, "Summary: Runners Club")
    assert "✅ 1.1 Half marathon" in summary.text
    assert "Wins since the last summary: 1 milestone ✅ · 0 goals 🏆" in summary.text


async def test_summary_shows_what_is_due_in_the_next_week(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Buy shoes by 2026-12-03")
    await group.bob.say("/goal Finish the essay by 2026-12-01")
    summary = await group.carol.say("/summary")
    assert "Due in the next 7 days:" in summary.text
    assert summary.text.index("🎯 #2 Finish the essay (Bob) · Tue 1 Dec") < summary.text.index(
        "📍 1.1 Buy shoes (Alice) · Thu 3 Dec"
    )


async def test_monthly_review_lists_goals_behind_and_takes_reflections(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-02-28 target 12 books")
    await group.alice.say("/goal Run 100 km by 2027-06-30 target 100 km")
    await group.alice.say("/progress 2 30")
    clock.now = datetime(2027, 1, 31, 10, 0, tzinfo=UTC)
    await run_tick(bot)  # nothing on the 31st
    clock.now = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    (review,) = posts(emulator, group, "Monthly review")
    assert "what worked, what didn't, what will you adjust?" in review.text
    behind_line = next(line for line in review.text.splitlines() if "#1 Read 12 books" in line)
    assert "(Bob) · 0%" in behind_line
    assert "behind pace" in behind_line or "at risk" in behind_line
    assert "Run 100 km" not in review.text
    reply = await group.bob.say("/reflect Evenings were too busy; reading at lunch now")
    assert "Noted, Bob" in reply.text


async def test_a_quarter_day_brings_one_review_not_two(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    clock.now = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (review,) = posts(emulator, group, "🧭 Quarterly review")
    assert "reflect on the quarter: /reflect <your thoughts>" in review.text
    assert posts(emulator, group, "🗓 Monthly review") == []
    assert len(posts(emulator, group, "📊 Report · Q4 2026")) == 1
    assert posts(emulator, group, "📊 Report · December") == []

    await group.alice.say("/schedule off review quarterly")  # now the month's review goes out
    clock.now = datetime(2027, 4, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    assert len(posts(emulator, group, "🗓 Monthly review")) == 1
    assert len(posts(emulator, group, "🧭 Quarterly review")) == 1


async def test_quarterly_review_keep_adjust_drop_by_owner_only(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    clock.now = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    (review,) = posts(emulator, group, "Quarterly review")
    assert len(review.buttons()) == 6

    toast = await group.bob.press(review, "#1 drop")
    assert toast["text"] == "Only Alice can decide about goal #1."
    toast = await group.alice.press(review, "#1 keep")
    assert toast["text"] == "Keeping goal #1. Onward!"
    await emulator.wait_until(lambda: "✅ keep" in review.text, what="the choice on the review")
    await group.bob.press(review, "#2 drop")  # asks for a second tap
    await emulator.wait_until(lambda: "Tap again to drop #2" in str(review.buttons()), what="ask")
    await group.bob.press(review, "Tap again to drop #2")
    await emulator.wait_until(lambda: "❌ drop" in review.text, what="Bob's choice")
    listing = await group.bob.say("/goals")
    assert "your 1 dropped goal is off the list" in listing.text


async def test_reminders_before_and_nudges_after_deadlines_once_each(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2026-12-10")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-02")
    clock.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []  # 3 days ahead: not yet
    clock.now = datetime(2026, 11, 30, 8, 59, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []  # before the reminder time of day
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (reminder,) = posts(emulator, group, "is due")
    assert "Alice, milestone 1.1 Half marathon is due Wed 2 Dec (in 2 days)" in reminder.text
    assert f'href="tg://user?id={group.alice.user.id}"' in reminder.html

    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (nudge,) = posts(emulator, group, "was due")
    assert "milestone 1.1 Half marathon was due Wed 2 Dec" in nudge.text
    assert "/reschedule 1.1" in nudge.text and "/done 1.1" in nudge.text

    await group.alice.say("/reschedule 1.1 2026-12-08")  # a new date earns a new reminder
    clock.now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert len(posts(emulator, group, "is due Tue 8 Dec")) == 1
    clock.now = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    assert len(posts(emulator, group, "goal #1 Run a marathon was due Thu 10 Dec")) == 1


@pytest.mark.parametrize(
    ("earlier", "late", "at", "expected"),
    [
        # set at 22:18, inside its window
        ([], "/milestone 1 Long run by 2026-12-02", datetime(2026, 11, 30, 22, 18, tzinfo=UTC),
         "milestone 1.1 Long run is due Wed 2 Dec (tomorrow)"),
        # moved into its window
        (["/milestone 1 Long run by 2026-12-10"], "/reschedule 1.1 2026-11-30",
         datetime(2026, 11, 29, 10, 0, tzinfo=UTC), "milestone 1.1 Long run is due Mon 30 Nov (today)"),
    ],
)  # fmt: skip
async def test_a_date_set_inside_the_reminder_window_is_reminded_next_morning(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    earlier: list[str],
    late: str,
    at: datetime,
    expected: str,
) -> None:
    await group.alice.say("/goal Run a marathon by 2026-12-20")
    for command in earlier:
        await group.alice.say(command)
    clock.now = at
    await group.alice.say(late)
    clock.now = at + timedelta(minutes=1)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []  # the reply just gave the date
    clock.now = (at + timedelta(days=1)).replace(hour=9, minute=0)
    await run_tick(bot)
    await run_tick(bot)
    (reminder,) = posts(emulator, group, "is due")
    assert expected in reminder.text


async def test_a_goal_is_reminded_before_its_deadline_with_its_progress(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Read 12 books by 2026-12-10 target 12 books")
    await group.alice.say("/progress 1 9")
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []  # 3 days ahead: not yet
    clock.now = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    clock.now = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    (reminder,) = posts(emulator, group, "is due")
    assert (
        "⏰ Alice, goal #1 Read 12 books is due Thu 10 Dec (in 2 days). 9 / 12 books so far."
        in reminder.text
    )
    assert "/done 1" in reminder.text and "/reschedule 1" in reminder.text


async def test_reminders_can_be_switched_off(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2026-12-10")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-02")
    await group.alice.say("/schedule off reminders")
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []


async def test_switched_off_posts_do_not_fire(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/schedule off checkin")
    clock.now = MONDAY_9
    await run_tick(bot)
    assert posts(emulator, group, "Check-in time") == []


async def test_a_schedule_set_after_its_time_waits_for_the_next(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    clock.now = datetime(2026, 11, 30, 10, 5, tzinfo=UTC)
    await group.alice.say("/schedule checkin daily 10:00")
    await run_tick(bot)
    assert posts(emulator, group, "Check-in time") == []
    clock.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    assert len(posts(emulator, group, "Check-in time")) == 1


async def test_a_long_summary_is_split_between_members(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    people = [emulator.person(emulator.add_user(f"Member{n:02d}"), group.chat) for n in range(40)]
    for n, person in enumerate(people):
        title = f"Goal of member {n:02d} " + "with a long and detailed description " * 3
        await person.say(f"/goal {title.strip()} by 2027-06-01 target 10 pages")
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    before = len(emulator.bot_messages(group.chat))
    await run_tick(bot)
    summary_parts = emulator.bot_messages(group.chat)[before:]
    assert len(summary_parts) > 1
    assert summary_parts[0].text.startswith("📊 Summary: Runners Club")
    assert "Wins since the last summary" in summary_parts[-1].text
    assert all(len(p.text) <= 4096 for p in summary_parts)
    for n in range(40):
        holder = [p for p in summary_parts if f"Member{n:02d}" in p.text]
        assert len(holder) == 1, n
        assert f"Goal of member {n:02d}" in holder[0].text  # a member's block is never cut


async def test_summaries_due_together_each_tell_their_own_group(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    """More groups than one batch of summaries: each gets its own, and only once."""
    others = []
    for n in range(SUMMARY_BATCH + 2):
        chat = emulator.add_group(f"Club {n}")
        person = emulator.person(emulator.add_user(f"Member{n}"), chat)
        await person.say(f"/goal Swim {n + 1} km by 2027-04-30 target {n + 1} km")
        others.append((chat, person))
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # this week's check-in period
    for _, person in others:
        await person.say("/checkin on-track")
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    for n, (chat, _) in enumerate(others):
        (summary,) = [m for m in emulator.bot_messages(chat) if "Summary:" in m.text]
        assert f"Summary: Club {n}" in summary.text
        assert f"Swim {n + 1} km" in summary.text and "Run a marathon" not in summary.text
        assert f"Member{n}" in summary.text and "✅ on track" in summary.text
    (ours,) = posts(emulator, group, "Summary: Runners Club")
    assert "Run a marathon" in ours.text and "Swim" not in ours.text


async def test_checkin_alone_shows_the_three_buttons(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    prompt = await group.alice.say("/checkin")
    assert [b["text"] for b in prompt.buttons()] == ["✅ On track", "⚠️ Behind", "🆘 Need help"]
    await group.alice.press(prompt, "⚠️ Behind")
    await emulator.wait_until(lambda: prompt.edits == 1, what="the roll call")
    assert "Checked in: Alice ⚠️" in prompt.text
