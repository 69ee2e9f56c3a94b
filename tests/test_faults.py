"""Faults Telegram throws at a bot: repeats, gateway errors, a polling connection in trouble."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, make_app, start_bot, stop_bot


async def test_an_update_delivered_twice_is_handled_once(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Long run by 2027-03-15")
    await group.alice.say("/done 1.1")
    await emulator.redeliver_last_update()  # the same /done, same update_id
    listing = await group.alice.say("/goals")
    assert listing.text.count("Run a marathon") == 1
    celebrations = [m for m in emulator.bot_messages(group.chat) if "completed milestone" in m.text]
    assert len(celebrations) == 1
    await emulator.redeliver_last_update()  # and /goals again: no second answer
    reply = await group.bob.say("/goals")
    assert sum("Goals of Alice" in m.text for m in emulator.bot_messages(group.chat)) == 1
    assert "no goals" in reply.text


async def test_a_reply_telegram_could_not_take_is_sent_again(
    group: Group, emulator: BotApiEmulator
) -> None:
    emulator.fail_next_send(group.chat, 502, "Bad Gateway")
    emulator.fail_next_send(group.chat, 503, "Service Unavailable")
    reply = await group.alice.say("/goal Run a marathon by 2027-04-30")
    assert "Goal #1 for Alice" in reply.text
    listing = await group.alice.say("/goals")
    assert listing.text.count("Run a marathon") == 1
    assert sum("Goal #1 for Alice" in m.text for m in emulator.bot_messages(group.chat)) == 1


async def test_polling_survives_gateway_errors(group: Group, emulator: BotApiEmulator) -> None:
    for _ in range(2):
        emulator.fail_next_call("getUpdates", 502, "Bad Gateway")
    reply = await group.alice.say("/goal Run a marathon by 2027-04-30", timeout=30)
    assert "Goal #1 for Alice" in reply.text


@pytest.fixture
async def impatient(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> AsyncIterator[Group]:
    """A group whose bot waits only 2 s for Telegram's answer to a send (30 s in production),
    so a send that times out does so quickly."""
    app = make_app(emulator, db_path, clock, send_timeout=2.0)
    await start_bot(app)
    users = [emulator.add_user(n, n.lower()) for n in ("Alice", "Bob", "Carol")]
    chat = emulator.add_group("Runners Club", admins=users[:1])
    try:
        yield Group(chat, *(emulator.person(u, chat) for u in users))
    finally:
        await stop_bot(app)


async def test_a_reply_that_times_out_is_not_sent_twice(
    impatient: Group, emulator: BotApiEmulator
) -> None:
    group = impatient
    emulator.delay_next_send(group.chat, 4.0)  # longer than the bot waits for an answer
    reply = await group.alice.say("/goal Run a marathon by 2027-04-30", timeout=30)
    assert "Goal #1 for Alice" in reply.text
    listing = await group.alice.say("/goals")
    assert listing.text.count("Run a marathon") == 1
    texts = [m.text for m in emulator.bot_messages(group.chat)]
    assert sum("Goal #1 for Alice" in t for t in texts) == 1
    assert not any("went wrong" in t for t in texts)  # it may have arrived: no apology


async def test_polling_survives_a_connection_dropped_mid_answer(
    group: Group, emulator: BotApiEmulator
) -> None:
    emulator.drop_next_answer("getUpdates")
    emulator.drop_next_answer("getUpdates")
    reply = await group.alice.say("/goal Run a marathon by 2027-04-30", timeout=30)
    assert "Goal #1 for Alice" in reply.text
    listing = await group.alice.say("/goals")
    assert listing.text.count("Run a marathon") == 1


async def test_polling_survives_a_connection_that_times_out(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> None:
    app = make_app(emulator, db_path, clock)
    await start_bot(app, poll_timeout=1)  # so the bot gives up on a silent poll after ~6 s
    try:
        alice = emulator.add_user("Alice", "alice")
        chat = emulator.add_group("Runners Club", admins=(alice,))
        person = emulator.person(alice, chat)
        emulator.hang_next_call("getUpdates")
        polls = len(emulator.calls_to("getUpdates"))
        reply = await person.say("/goal Run a marathon by 2027-04-30", timeout=60)
        assert "Goal #1 for Alice" in reply.text
        assert len(emulator.calls_to("getUpdates")) >= polls + 2  # it polled again after
        listing = await person.say("/goals", timeout=30)
        assert listing.text.count("Run a marathon") == 1
    finally:
        await stop_bot(app)


async def test_a_reply_whose_connection_times_out_loses_nothing(
    impatient: Group, emulator: BotApiEmulator
) -> None:
    group = impatient
    emulator.hang_next_call("sendMessage")  # never answered: the bot's request times out
    await emulator.send(group.alice.user, group.chat, "/goal Run a marathon by 2027-04-30")
    listing = await group.alice.say("/goals", timeout=30)  # updates are handled in order
    assert listing.text.count("Run a marathon") == 1
    texts = [m.text for m in emulator.bot_messages(group.chat)]
    assert not any("went wrong" in t for t in texts)
    await group.bob.say("/goal Swim 10 km by 2027-05-31")  # and the bot carries on


async def test_a_slow_chat_does_not_hold_up_another(group: Group, emulator: BotApiEmulator) -> None:
    other = emulator.add_group("Book Club")
    dana = emulator.person(emulator.add_user("Dana", "dana"), other)
    emulator.delay_next_send(group.chat, 3.0)  # Telegram is slow to take this group's reply
    await emulator.send(group.alice.user, group.chat, "/goal Run a marathon by 2027-04-30")
    await emulator.wait_until(lambda: bool(emulator.calls_to("sendMessage")), what="a send")
    reply = await dana.say("/goal Read 12 books by 2027-06-30")
    assert "Goal #1 for Dana" in reply.text
    assert not any("Run a marathon" in m.text for m in emulator.bot_messages(group.chat))
    first = await group.alice.say("/goals", timeout=30)  # the group's own order is kept
    texts = [m.text for m in emulator.bot_messages(group.chat)]
    assert "Goal #1 for Alice" in texts[0] and first.text == texts[1]
