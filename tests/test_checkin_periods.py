"""Which period a check-in counts for, and who is asked for one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram.ext import Application

from bot.emulator import BotApiEmulator, SentMessage
from tests.conftest import (
    FakeClock,
    Group,
    carol_mentors,
    make_app,
    run_tick,
    start_bot,
    stop_bot,
)
from tests.test_partners import make_partners

# New York is five hours behind UTC in December; Singapore eight ahead.
NY_MON_30_NOV_9 = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
NY_MON_7_DEC_7 = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)  # 20:00 on Monday in Singapore
NY_MON_7_DEC_9 = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


def prompts(emulator: BotApiEmulator, group: Group) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(group.chat) if "Check-in time" in m.text]


def told(emulator: BotApiEmulator, group: Group, who: str) -> int:
    return sum(
        f"your partner {who} missed the last check-in" in m.text
        for m in emulator.bot_messages(group.chat)
    )


async def test_a_check_in_before_the_prompt_on_its_day_counts_for_the_new_week(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/timezone America/New_York")
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    clock.now = NY_MON_30_NOV_9
    await run_tick(bot)
    await group.alice.say("/checkin on track")
    reply = await group.bob.say("/checkin on track")
    assert "Counted for the week from Mon 30 Nov." in reply.text

    clock.now = NY_MON_7_DEC_7  # Bob, in Singapore, checks in on Monday evening
    reply = await group.bob.say("/checkin behind slow week")
    assert "Bob checked in: behind." in reply.text
    assert "Counted for the week from Mon 7 Dec." in reply.text
    assert "“slow week”" in reply.text

    clock.now = NY_MON_7_DEC_9
    await run_tick(bot)
    prompt = prompts(emulator, group)[-1]
    assert "Checked in: Bob ⚠️" in prompt.text
    assert told(emulator, group, "Bob") == 0  # he checked in for last week too

    clock.now = datetime(2026, 12, 11, 12, 0, tzinfo=UTC)  # Friday
    summary = (await group.carol.say("/summary")).text
    assert "Bob 🔥 2 in a row · behind" in summary
    assert "Bob ⚠️ no check-in yet" not in summary
    assert "Alice ⚠️ no check-in yet" in summary

    clock.now = datetime(2026, 12, 14, 14, 0, tzinfo=UTC)  # the next prompt
    await run_tick(bot)
    assert told(emulator, group, "Alice") == 1  # Alice let the week of 7 Dec pass
    assert told(emulator, group, "Bob") == 0


async def test_daily_check_ins_count_for_the_day_of_the_prompt(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/timezone America/New_York")
    await group.alice.say("/schedule checkin daily 9:00")
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    clock.now = NY_MON_7_DEC_9
    await run_tick(bot)
    clock.now = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)  # 07:00 on Tuesday in New York
    reply = await group.bob.say("/checkin on track")
    assert "Counted for Tue 8 Dec." in reply.text
    clock.now = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    await run_tick(bot)
    assert "Checked in: Bob ✅" in prompts(emulator, group)[-1].text
    clock.now = datetime(2026, 12, 9, 4, 0, tzinfo=UTC)  # 23:00 on Tuesday in New York
    reply = await group.bob.say("/checkin behind")
    assert "Counted for Tue 8 Dec." in reply.text
    clock.now = datetime(2026, 12, 9, 13, 59, tzinfo=UTC)  # 08:59 on Wednesday
    reply = await group.bob.say("/checkin on track")
    assert "Counted for Wed 9 Dec." in reply.text
    assert "🔥 2 check-ins in a row." in reply.text


async def test_nobody_is_missing_before_the_first_prompt(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    summary = (await group.carol.say("/summary")).text  # Saturday: no prompt yet
    assert "no check-in yet" not in summary
    assert "Alice\n" in summary and "Bob\n" in summary

    clock.now = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday, before the first prompt
    reply = await group.alice.say("/checkin on track")
    assert "Counted for the week from Mon 30 Nov." in reply.text
    assert "no check-in yet" not in (await group.carol.say("/summary")).text

    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert "Checked in: Alice ✅" in prompts(emulator, group)[-1].text
    summary = (await group.carol.say("/summary")).text
    assert "Alice ✅ on track" in summary
    assert "Bob ⚠️ no check-in yet" in summary  # asked now


async def test_a_first_goal_set_after_the_prompt_asks_nothing_of_that_period(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    carol_private = await carol_mentors(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await group.alice.say("/checkin on track")
    clock.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # Wednesday: Bob's first goal
    await group.bob.say("/goal Read 12 books by 2027-06-30")

    clock.now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    summary = (await group.carol.say("/summary")).text
    assert "Bob\n  🎯 #2 Read 12 books" in summary  # shown, but not as missing
    assert "no check-in yet" not in summary

    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    assert told(emulator, group, "Bob") == 0  # never asked for the week of 30 Nov
    await group.alice.say("/checkin on track")

    clock.now = datetime(2026, 12, 11, 17, 0, tzinfo=UTC)  # Friday: summary and digest
    before = len(emulator.bot_messages(carol_private))
    await run_tick(bot)
    await run_tick(bot)
    (digest,) = [
        m.text for m in emulator.bot_messages(carol_private)[before:] if "digest" in m.text
    ]
    assert "Bob" in digest and "Bob · missed" not in digest
    (scheduled,) = [m.text for m in emulator.bot_messages(group.chat) if "Summary:" in m.text]
    assert "Bob ⚠️ no check-in yet" in scheduled  # this week's prompt did ask him

    clock.now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert told(emulator, group, "Bob") == 1  # the week of 7 Dec was his to check in for
    clock.now = datetime(2026, 12, 14, 12, 0, tzinfo=UTC)
    report = (await group.carol.say("/report quarter")).text  # the prompts of 30 Nov, 7 Dec
    assert "Alice: 2 of 2 (100%)" in report
    assert "Bob: 0 of 1 (0%)" in report


async def test_streaks_skip_periods_nobody_was_asked_about(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    db_path: Path,
    clock: FakeClock,
) -> None:
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.carol.say("/goal Swim 5 km by 2026-12-20")
    clock.now = monday
    await run_tick(bot)
    await group.alice.say("/checkin on track")
    await group.carol.say("/checkin on track")
    clock.now = monday + timedelta(days=2)  # Bob's first goal, after the prompt of 30 Nov
    await group.bob.say("/goal Read 12 books by 2027-06-30")

    clock.now = monday + timedelta(weeks=1)
    await run_tick(bot)
    for person in (group.alice, group.bob, group.carol):
        await person.say("/checkin on track")
    clock.advance(days=1)
    await group.carol.say("/done 2")  # no goal when the prompt of 21 Dec goes out

    # The bot is down over the prompt of 14 Dec, past the grace window: it never goes out.
    await stop_bot(bot)
    clock.now = monday + timedelta(weeks=2, hours=7)
    again = make_app(emulator, db_path, clock)
    await start_bot(again)
    try:
        await run_tick(again)
        assert len(prompts(emulator, group)) == 2

        clock.now = monday + timedelta(weeks=3)
        await run_tick(again)
        assert "🔥 3 check-ins in a row." in (await group.alice.say("/checkin on track")).text
        assert "🔥 2 check-ins in a row." in (await group.bob.say("/checkin on track")).text
        clock.advance(days=1)  # Carol's next goal, after the prompt of 21 Dec
        await group.carol.say("/goal Swim 10 km by 2027-03-31")

        clock.now = monday + timedelta(weeks=4)
        await run_tick(again)
        clock.advance(days=1)  # Tuesday 29 Dec, before anyone checked in
        summary = (await group.alice.say("/summary")).text
        assert "Alice 🔥 3 in a row · no check-in yet" in summary
        assert "Bob 🔥 2 in a row · no check-in yet" in summary
        assert "Carol 🔥 2 in a row · no check-in yet" in summary
        assert "🔥 3 check-ins in a row." in (await group.carol.say("/checkin on track")).text
        report = (await group.alice.say("/report quarter")).text
        assert "Alice: 3 of 3 (100%) · 🔥 3" in report
        assert "Bob: 2 of 2 (100%) · 🔥 2" in report
    finally:
        await stop_bot(again)
