"""/rename: fixing a goal's or a milestone's title, with the old one kept in the history."""

from __future__ import annotations

from icalendar import Calendar

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group


async def calendar_events(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> dict[str, tuple[str, int, str]]:
    """SUMMARY, SEQUENCE and STATUS of each event of the chat's calendar file, by UID."""
    clock.advance(hours=1)
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.carol.user, group.chat, "/calendar")
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.file is not None
    return {
        str(e["uid"]).split("@")[0]: (
            str(e["summary"]), int(e["sequence"]), str(e.get("status", ""))
        )
        for e in Calendar.from_ical(reply.file.data).walk("VEVENT")
    }  # fmt: skip


async def test_the_owner_renames_a_goal_and_a_milestone(group: Group) -> None:
    await group.alice.say("/goal Run a marathn by 2027-04-30")
    await group.alice.say("/milestone 1 Half marahton by 2027-02-15")
    reply = await group.alice.say("/rename 1 Run a marathon")
    assert "🎯 Goal #1 is now “Run a marathon” (was “Run a marathn”)." in reply.text
    assert "/journal 1" in reply.text
    reply = await group.alice.say("/rename 1.1   Half   marathon ")
    assert "📍 Milestone 1.1 is now “Half marathon” (was “Half marahton”)." in reply.text
    listing = await group.alice.say("/goals")
    assert "🎯 #1 Run a marathon" in listing.text and "1.1 Half marathon" in listing.text
    assert "marathn" not in listing.text and "marahton" not in listing.text


async def test_the_journal_keeps_the_old_titles(group: Group, clock: FakeClock) -> None:
    await group.alice.say("/goal Run a marathn by 2027-04-30")
    await group.alice.say("/milestone 1 Half marahton by 2027-02-15")
    await group.alice.say("/journal 1 First long run")
    clock.advance(days=1)
    await group.alice.say("/rename 1 Run a marathon")
    await group.alice.say("/rename 1.1 Half marathon")
    journal = await group.bob.say("/journal 1")
    lines = journal.text.splitlines()
    assert lines[0].startswith("📓 Journal of goal #1 Run a marathon (Alice)")
    assert "renamed from “Run a marathn” to “Run a marathon”" in journal.text
    assert "1.1 renamed from “Half marahton” to “Half marathon”" in journal.text
    assert lines[-1].startswith("📓") and lines[-1].endswith("First long run")  # oldest last


async def test_a_rename_updates_the_calendar_event(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await group.alice.say("/goal Run a marathn by 2027-04-30")
    await group.alice.say("/milestone 1 Half marahton by 2027-02-15")
    first = await calendar_events(group, emulator, clock)
    assert first["goal-1"] == ("🎯 #1 Run a marathn (Alice)", 0, "")
    await group.alice.say("/rename 1 Run a marathon")
    await group.alice.say("/rename 1.1 Half marathon")
    renamed = await calendar_events(group, emulator, clock)
    assert renamed["goal-1"] == ("🎯 #1 Run a marathon (Alice)", 1, "")
    assert renamed["milestone-1"] == ("📍 1.1 Half marathon (Alice)", 1, "")


async def test_only_the_owner_renames(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    reply = await group.bob.say("/rename 1 Walk a marathon")
    assert "Goal #1 is Alice's: only Alice can change it." in reply.text
    assert "Run a marathon" in (await group.alice.say("/goals")).text


async def test_bad_renames_say_what_works(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    reply = await group.alice.say("/rename 1")
    assert "What's the new title? Type it after the number." in reply.text
    assert "Example: /rename 1 Run a half marathon  or  /rename 1.2 30 km long run" in reply.text
    reply = await group.alice.say("/rename")
    assert "Which goal or milestone?" in reply.text and "Example: /rename" in reply.text
    reply = await group.alice.say("/rename one Run far")
    assert "I couldn't read that number." in reply.text
    reply = await group.alice.say("/rename 1 " + "x" * 201)
    assert "That title is too long: keep it under 200 characters." in reply.text
    reply = await group.alice.say("/rename 1.4 Long run")
    assert "Goal #1 has no milestone 1.4; it has 1.1." in reply.text
    reply = await group.alice.say("/rename 2 Long run")
    assert "There's no goal #2 in this chat." in reply.text
    reply = await group.alice.say("/rename 1 Run a marathon")
    assert "Goal #1 is already called “Run a marathon”, so nothing changed." in reply.text
    journal = await group.alice.say("/journal 1")
    assert "renamed" not in journal.text


async def test_help_lists_rename(group: Group) -> None:
    reply = await group.alice.say("/help")
    assert "/rename 1 Run a half marathon" in reply.text
