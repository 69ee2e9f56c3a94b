"""Where habits show: the summaries, /goals in private, /report, /chart, /calendar, /export
and the mentors' digest, as members see them."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, run_tick


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
