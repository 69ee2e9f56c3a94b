"""/delete: removing a milestone after a confirmation, for good."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, run_tick
from tests.test_rename import calendar_events


async def test_the_owner_removes_a_milestone_after_confirming(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Long run by 2027-03-01")
    await group.alice.say("/done 1.1")
    assert "50%" in (await group.alice.say("/goals")).text
    question = await group.alice.say("/delete 1.2")
    assert "Remove milestone 1.2 Long run (due Mon 1 Mar 2027" in question.text
    assert "/reopen can't bring it back." in question.text
    toast = await group.bob.press(question, "Remove 1.2")
    assert toast["text"] == "Only Alice can remove milestone 1.2."
    # Two quick presses: the second one finds it removed and does nothing.
    first, second = await asyncio.gather(
        group.alice.press(question, "Remove 1.2"), group.alice.press(question, "Remove 1.2")
    )
    assert [first["text"], second["text"]] == [
        "Milestone removed",
        "Milestone 1.2 is already removed.",
    ]
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    assert "🗑 Milestone 1.2 Long run was removed by Alice." in question.text
    assert question.buttons() == []
    listing = await group.alice.say("/goals")
    assert "1.2" not in listing.text and "Long run" not in listing.text
    assert "100%" in listing.text  # pace counts the milestones left: 1 of 1
    reopen = await group.alice.say("/reopen 1.2")
    assert "Milestone 1.2 Long run was removed, so it can't change or come back." in reopen.text
    assert "was removed" in (await group.alice.say("/done 1.2")).text
    journal = await group.carol.say("/journal 1")
    assert "🗑" in journal.text and "milestone 1.2 Long run removed" in journal.text
    added = await group.alice.say("/milestone 1 Long run by 2027-03-01")
    assert "Milestone 1.3 for Alice: Long run" in added.text  # its number is not given again


async def test_keep_it_keeps_the_milestone(group: Group, emulator: BotApiEmulator) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    question = await group.alice.say("/delete 1.1")
    assert (await group.alice.press(question, "Keep it"))["text"] == "Kept"
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    assert "Milestone 1.1 Half marathon stays on." in question.text
    assert "1.1 Half marathon" in (await group.alice.say("/goals")).text


async def test_a_removed_milestone_gets_no_reminder_and_leaves_summaries(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Buy shoes by 2026-12-01")
    await group.alice.say("/milestone 1 Long run by 2026-12-01")
    question = await group.alice.say("/delete 1.2")
    await group.alice.press(question, "Remove 1.2")
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    summary = await group.carol.say("/summary")
    assert "Buy shoes" in summary.text and "Long run" not in summary.text
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    reminders = [m.text for m in emulator.bot_messages(group.chat) if m.text.startswith("⏰")]
    assert any("Buy shoes" in text for text in reminders), reminders
    assert not any("Long run" in text for text in reminders), reminders


async def test_a_removed_milestones_event_is_cancelled_for_good(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    before = await calendar_events(group, emulator, clock)
    assert before["milestone-1"] == ("📍 1.1 Half marathon (Alice)", 0, "")
    question = await group.alice.say("/delete 1.1")
    await group.alice.press(question, "Remove 1.1")
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    removed = await calendar_events(group, emulator, clock)
    assert removed["milestone-1"] == ("📍 1.1 Half marathon (Alice)", 1, "CANCELLED")
    await group.alice.say("/done 1")
    await group.alice.say("/reopen 1")  # the goal comes back; the removed milestone does not
    reopened = await calendar_events(group, emulator, clock)
    assert reopened["milestone-1"][2] == "CANCELLED" and reopened["milestone-1"][1] == 3
    assert reopened["goal-1"][2] == ""


async def test_bad_deletes_say_what_works(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    reply = await group.alice.say("/delete 1")
    assert "/delete removes a milestone: give its number, like 7.2." in reply.text
    assert "Example: /delete 1.2  (a milestone; a whole goal: /abandon 1)" in reply.text
    reply = await group.alice.say("/delete 1.5")
    assert "Goal #1 has no milestone 1.5; it has 1.1." in reply.text
    reply = await group.bob.say("/delete 1.1")
    assert "only Alice can change it" in reply.text
    help_text = (await group.alice.say("/help")).text
    assert "/delete 1.2" in help_text
