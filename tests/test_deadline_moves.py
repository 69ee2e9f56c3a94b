"""Deadline moves are visible: in /goals, in /journal with their reasons, and to mentors."""

from __future__ import annotations

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, carol_mentors


async def test_goals_show_a_date_moved_more_than_once(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/reschedule 1 2027-05-30")
    assert "moved" not in (await group.alice.say("/goals")).text  # once is a plan, not a slip
    await group.alice.say("/reschedule 1 2027-06-30")
    await group.alice.say("/reschedule 1 2027-07-30")
    for _ in range(2):
        await group.alice.say("/reschedule 1.1 2027-03-01")
        await group.alice.say("/reschedule 1.1 2027-02-20")
    listing = await group.alice.say("/goals")
    assert "due Fri 30 Jul 2027 (in 8 months) · moved 3×" in listing.text
    assert "📍 1.1 Half marathon · due Sat 20 Feb 2027 (in 3 months) · moved 4×" in listing.text
    assert "moved 3×" in (await group.bob.say("/goals all")).text


async def test_the_journal_lists_the_moves_with_their_reasons(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    clock.advance(days=1)
    await group.alice.say("/reschedule 1 2027-05-30 because I was ill")
    clock.advance(days=1)
    await group.alice.say("/reschedule 1.1 2027-03-01")
    journal = await group.bob.say("/journal 1")
    lines = journal.text.splitlines()
    assert lines[1] == "⏰ Mon 30 Nov: 1.1 moved from Mon 15 Feb 2027 to Mon 1 Mar 2027"
    assert lines[2] == (
        "⏰ Sun 29 Nov: deadline moved from Fri 30 Apr 2027 to Sun 30 May 2027 because I was ill"
    )


async def test_the_mentors_digest_flags_goals_moved_twice_in_the_last_month(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    private = await carol_mentors(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.bob.say("/goal Read 12 books by 2027-12-31")
    await group.bob.say("/reschedule 2 2027-11-30")  # once: not flagged
    await group.alice.say("/reschedule 1 2027-05-30")
    clock.advance(days=40)
    await group.alice.say("/reschedule 1 2027-06-30")  # the first move is over a month ago
    carol = emulator.person(group.carol.user, private)
    digest = await carol.say("/digest")
    assert "moved" not in digest.text
    await group.alice.say("/reschedule 1.1 2027-03-01")
    digest = await carol.say("/digest")
    marathon = next(line for line in digest.text.splitlines() if "Run a marathon" in line)
    assert marathon.endswith("⏰ moved 2× in the last month")
    books = next(line for line in digest.text.splitlines() if "Read 12 books" in line)
    assert "moved" not in books
