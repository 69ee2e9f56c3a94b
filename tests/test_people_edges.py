"""Edge cases of the people features: re-pausing, pausing mid-period, strangers' usernames,
direct messages for newcomers, weekly digests, and supergroups the bot already knew."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, carol_mentors, columns_of, peek, run_tick, tables_of
from tests.test_partners import make_partners

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def test_a_new_pause_replaces_only_your_own(group: Group, clock: FakeClock) -> None:
    await group.bob.say("/pause")
    await group.alice.say("/pause")
    clock.advance(hours=1)
    await group.alice.say("/pause until 2026-12-05")
    clock.now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    summary = await group.carol.say("/summary")
    assert "Alice 🏖" not in summary.text  # her open-ended pause was replaced, and has ended
    assert "Bob 🏖 away" in summary.text


async def test_a_bare_pause_while_away_shows_the_pause_and_keeps_it(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/pause until 2026-12-20 because holiday")
    reply = await group.alice.say("/pause")
    assert "🏖 You're already away until Sun 20 Dec (holiday), Alice." in reply.text
    assert "To change it: /pause until <date> · Back early? /resume" in reply.text
    clock.advance(days=3)
    assert "🏖 away until Sun 20 Dec" in (await group.carol.say("/summary")).text
    reply = await group.alice.say("/pause until 2026-12-27")
    assert "🏖 Changed, Alice: you're away until Sun 27 Dec." in reply.text


async def test_pausing_before_answering_a_prompt_is_not_a_miss(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    clock.now = MONDAY_9
    await run_tick(bot)
    await group.alice.say("/checkin on-track")
    clock.now = MONDAY_9 + timedelta(days=7)
    await run_tick(bot)
    clock.advance(hours=3)
    await group.alice.say("/pause until 2026-12-10")  # paused before answering this one
    clock.now = MONDAY_9 + timedelta(days=14)
    await run_tick(bot)
    missed = [m.text for m in emulator.bot_messages(group.chat) if "missed the last" in m.text]
    assert not [t for t in missed if "partner Alice missed" in t]
    assert [t for t in missed if "partner Bob missed" in t]  # Bob never checked in: he missed
    reply = await group.alice.say("/checkin on-track")
    assert "🔥 2 check-ins in a row." in reply.text  # the paused week neither broke nor counted


async def test_a_username_from_another_group_does_not_reach_in(
    group: Group, emulator: BotApiEmulator
) -> None:
    dave = emulator.add_user("Dave", "dave")
    elsewhere = emulator.add_group("Chess Club")
    await emulator.person(dave, elsewhere).say("/goal Win 3 games by 2027-03-01 target 3 games")
    await group.carol.say("/goals")
    await group.alice.say("/mentor @carol")
    reply = await group.carol.say("/feedback @dave good luck")
    assert "I haven't seen @dave here yet" in reply.text
    reply = await group.alice.say("/partner @dave")
    assert "I haven't seen @dave here yet" in reply.text
    assert "Dave" not in (await group.alice.say("/summary")).text


async def test_a_newcomer_who_opens_the_private_chat_first_gets_direct_messages(
    group: Group, emulator: BotApiEmulator
) -> None:
    newcomer = emulator.add_user("Erin", "erin")
    private = emulator.private_chat(newcomer)
    await emulator.person(newcomer, private).say("/start")  # the welcome button, first thing
    erin = emulator.person(newcomer, group.chat)
    await erin.say("/goals")
    invite = await group.alice.say("/partner @erin")
    await erin.press(invite, "Accept")
    await emulator.wait_until(lambda: invite.edits == 1, what="the acceptance")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Long run by 2027-03-15")
    before = len(emulator.bot_messages(private))
    await group.alice.say("/done 1.1")
    note = await emulator.next_bot_message(private, before)
    assert "your partner Alice just completed" in note.text


async def test_the_mentor_digest_is_weekly_whatever_the_summary_does(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    carol_private = await carol_mentors(group, emulator)
    await group.alice.say("/schedule summary daily 17:00")
    for day in range(30, 30 + 14):  # two weeks of daily summaries
        clock.now = datetime(2026, 11, 1, 17, 0, tzinfo=UTC) + timedelta(days=day - 1)
        await run_tick(bot)
    digests = [m for m in emulator.bot_messages(carol_private) if "Weekly digest" in m.text]
    assert len(digests) == 2
    await group.alice.say("/schedule off summary")
    clock.now = datetime(2026, 12, 18, 17, 0, tzinfo=UTC)  # a Friday: the digest still comes
    await run_tick(bot)
    digests = [m for m in emulator.bot_messages(carol_private) if "Weekly digest" in m.text]
    assert len(digests) == 3


async def test_unblocking_the_bot_in_private_turns_its_posts_back_on(
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    dave = emulator.add_user("Dave")
    private = emulator.private_chat(dave)
    me = emulator.person(dave, private)
    await me.say("/goal Meditate 100 days by 2027-06-01 target 100 days")
    await emulator.remove_bot(private, by=dave)  # blocked
    await emulator.add_bot(private, by=dave)  # unblocked
    await me.say("/help")
    clock.now = MONDAY_9
    await run_tick(bot)
    assert [m for m in emulator.bot_messages(private) if "Check-in time" in m.text]


async def test_an_upgrade_into_a_supergroup_the_bot_already_knew(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    new = await emulator.upgrade_to_supergroup(group.chat, by=group.alice.user, notify=False)
    alice_new = emulator.person(group.alice.user, new)
    carol_new = emulator.person(group.carol.user, new)
    await carol_new.say("/goal Swim 5 km by 2027-03-01 target 5 km")  # the bot meets the new id
    invite = await alice_new.say("/partner @carol")
    await carol_new.press(invite, "Accept")
    clock.now = MONDAY_9
    await run_tick(bot)  # the supergroup's own prompt; then the group's send is refused
    await run_tick(bot)
    assert sum("Check-in time" in m.text for m in emulator.bot_messages(new)) == 1
    assert "partner here is Bob" in (await alice_new.say("/partner")).text
    assert "no accountability partner" in (await carol_new.say("/partner")).text
    listing = await alice_new.say("/goals all")
    assert "Run a marathon" in listing.text and "Swim 5 km" in listing.text


def mentions(db_path: Path, user_id: int, names: list[str]) -> list[str]:
    """Every table.column holding the id, or the id or a name inside text."""
    conn = peek(db_path)
    found = []
    for table in tables_of(conn):
        for column in columns_of(conn, table):
            sql = (
                f"SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) = ?"
                f" OR CAST({column} AS TEXT) LIKE ?"
            )
            for needle in [str(user_id), *names]:
                if conn.execute(sql, (needle, f"%{needle}%")).fetchone()[0]:
                    found.append(f"{table}.{column} ~ {needle}")
    conn.close()
    return found


async def test_forgetme_also_forgets_the_private_chat_and_digests(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,
    db_path: Path,  # type: ignore[type-arg]
) -> None:
    carol = group.carol.user
    private = emulator.private_chat(carol)
    me = emulator.person(carol, private)
    await me.say("/start")
    await me.say("/goal Meditate 100 days by 2027-06-01 target 100 days")
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    await group.carol.say("/goals")
    await group.alice.say("/mentor @carol")
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    await run_tick(bot)
    assert any("Weekly digest" in m.text for m in emulator.bot_messages(private))
    assert mentions(db_path, carol.id, ["Carol", "carol"])
    question = await me.say("/forgetme")
    await me.press(question, "Delete everything")
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    assert mentions(db_path, carol.id, ["Carol", "carol"]) == []
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    before = len(emulator.bot_messages(private))
    await run_tick(bot)
    assert len(emulator.bot_messages(private)) == before  # nothing scheduled for her any more


async def test_inviting_someone_already_partnered_says_what_to_do(
    group: Group, emulator: BotApiEmulator
) -> None:
    await make_partners(group, emulator)
    refused = await group.carol.say("/partner @bob")
    assert (
        "Bob already has a partner here, and partners come in pairs. "
        "Invite someone else: /partner @username"
    ) in refused.text


async def test_a_mentor_asks_for_the_digest_in_private(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-02-28 target 12 books")
    reply = await group.carol.say("/digest")
    assert "Digests are private: send me /digest in a private chat." in reply.text
    private = await carol_mentors(group, emulator)
    reply = await emulator.person(group.carol.user, private).say("/digest")
    assert "🧭 Digest now: Runners Club" in reply.text
    assert "#1 Read 12 books" in reply.text
    dave = emulator.add_user("Dave")
    refused = await emulator.person(dave, emulator.private_chat(dave)).say("/digest")
    assert "You don't mentor any group yet." in refused.text


async def test_a_mentor_whose_private_chat_is_gone_is_not_sent_digests_again(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
    caplog: pytest.LogCaptureFixture,
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    carol_private = await carol_mentors(group, emulator)
    emulator.fail_next_send(carol_private, 400, "Bad Request: chat not found")  # account gone
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # Friday: the digest is due
    await run_tick(bot)
    assert "scheduled work failed" not in caplog.text  # expected, not an error
    clock.now = datetime(2026, 12, 11, 17, 0, tzinfo=UTC)
    await run_tick(bot)
    assert not [m for m in emulator.bot_messages(carol_private) if "Weekly digest" in m.text]
