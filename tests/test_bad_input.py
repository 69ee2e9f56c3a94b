"""Every malformed command gets a reason and a working example; nothing is half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import Chat, Message, MessageEntity, Update, User
from telegram.ext import TypeHandler

from bot.emulator import BotApiEmulator
from tests.conftest import START, FakeClock, Group, make_app

# (command, what the reply must say, the example it must show)
CASES = [
    ("/goal Run a marathon", "It needs a date", "Example: /goal Run a marathon by"),
    ("/goal by 2027-04-30", "The title is empty", "Example: /goal"),
    ("/goal " + "x" * 201 + " by 2027-04-30", "under 200 characters", "Example: /goal"),
    ("/goal Run by someday-ish", "I couldn't read “someday-ish” as a date", "Example: /goal"),
    ("/goal Run by 2027-02-30", "I couldn't read “2027-02-30” as a date", "Example: /goal"),
    (
        "/goal Run a marathon by 2026-11-20",
        "Fri 20 Nov is in the past: pick Sun 29 Nov or later",
        "Example: /goal",
    ),
    (
        "/goal Run a marathon by today",
        "Sat 28 Nov is too soon: pick Sun 29 Nov or later",
        "Example: /goal",
    ),
    (
        "/goal Run by 2027-04-30 target lots km",
        "The target must be a positive number",
        "Example: /goal",
    ),
    (
        "/goal Run by 2027-04-30 target -5 km",
        "The target must be a positive number",
        "Example: /goal",
    ),
    (
        "/goal Run by 2027-04-30 target 0 km",
        "The target must be a positive number",
        "Example: /goal",
    ),
    ("/goal Run by 2027-04-30 target 5 km target 6 km", "Give one target", "Example: /goal"),
    ("/goal Run by 2027-04-30 target 2 500 km", "must be a positive number", "Example: /goal"),
    ("/milestone", "Which goal?", "Example: /milestone 7 Half marathon by end of march"),
    ("/milestone x Half by 2027-01-01", "I couldn't read that number", "Example: /milestone"),
    ("/milestone 9 Half by 2027-01-01", "There's no goal #9 in this chat", "/goals"),
    ("/milestone 1 Half marathon", "It needs a date", "Example: /milestone 1 Half marathon by"),
    ("/milestone 1 by 2027-01-01", "The title is empty", "Example: /milestone 1"),
    (
        "/milestone 1 Ultra by 2027-06-01",
        "Tue 1 Jun 2027 is after goal #1's deadline (Fri 30 Apr 2027)",
        "/reschedule 1",
    ),
    ("/milestone 1 Half by 2026-11-01", "Sun 1 Nov is in the past", "Example: /milestone 1"),
    ("/milestone 1.1 Half by 2027-01-01", "That's a milestone number", "Example: /milestone 1"),
    ("/done", "Which goal or milestone?", "Example: /done 7.1"),
    ("/done abc", "I couldn't read that number", "Example: /done"),
    ("/done 1.9", "Goal #1 has no milestone 1.9; it has 1.1", "Example: /done 1.1"),
    ("/done 9", "There's no goal #9 in this chat", "/goals"),
    ("/done 1 now", "more after the number", "Example: /done 1.1"),
    ("/progress", "Which goal?", "Example: /progress 7 6"),
    ("/progress 2", "What's the new value?", "Example: /progress 2 6"),
    ("/progress 2 +2 500", "The value must be a number", "Example: /progress 2 6"),
    ("/progress 2 -3", "That would go below 0", "Example: /progress 2 6"),
    ("/progress 2 lots", "The value must be a number", "Example: /progress 2 6"),
    ("/progress 2 +", "The value must be a number", "Example: /progress 2 6"),
    ("/progress 2 1e999", "The value must be a number", "Example: /progress 2 6"),
    ("/progress 9 3", "There's no goal #9 in this chat", "/goals"),
    ("/progress 1 3", "Goal #1 has no numeric target", "/target 1 12 books"),
    ("/why", "Which goal?", "Example: /why 7"),
    ("/why 1", "Say why it matters", "Example: /why 1"),
    ("/why 1 " + "y" * 1001, "under 1000 characters", "Example: /why 1"),
    ("/target 1", "The target must be a positive number", "Example: /target 1 12 books"),
    ("/target 1 many books", "The target must be a positive number", "Example: /target 1"),
    ("/reschedule", "Which goal or milestone?", "Example: /reschedule 7"),
    ("/reschedule 1", "What's the new date?", "Example: /reschedule 1"),
    (
        "/reschedule 1 someday-ish",
        "I couldn't read “someday-ish” as a date",
        "Example: /reschedule 1",
    ),
    (
        "/reschedule 1 2026-11-01 because why not",
        "Sun 1 Nov is in the past",
        "Example: /reschedule 1",
    ),
    (
        "/reschedule 1.5 2027-01-01",
        "Goal #1 has no milestone 1.5",
        "Example: /reschedule 1.1 2027-01-01",  # what was typed after it, kept
    ),
    ("/rename 1.5 30 km run", "Goal #1 has no milestone 1.5", "Example: /rename 1.1 30 km run"),
    ("/reschedule 1.1 2027-05-15", "is after goal #1's deadline", "/reschedule 1"),
    ("/abandon", "Which goal?", "Example: /abandon 7"),
    ("/abandon soon", "I couldn't read that number", "Example: /abandon"),
    ("/abandon 9", "There's no goal #9 in this chat", "/goals"),
    ("/goals everything", "not something this command takes", "Example: /goals"),
]


@pytest.fixture
async def seeded(group: Group) -> Group:
    """Alice has goal #1 (no target) with milestone 1.1, and goal #2 with a target."""
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/goal Read 12 books by 2027-12-31 target 12 books")
    return group


@pytest.mark.parametrize(("command", "reason", "example"), CASES, ids=[c[0][:40] for c in CASES])
async def test_bad_input_is_explained_with_an_example(
    seeded: Group, emulator: BotApiEmulator, command: str, reason: str, example: str
) -> None:
    before = (await seeded.alice.say("/goals")).text
    reply = await seeded.alice.say(command)
    assert reason in reply.text
    assert example in reply.text
    after = (await seeded.alice.say("/goals")).text
    assert after == before, "a refused command changed something"
    assert not any("went wrong" in m.text for m in emulator.bot_messages(seeded.chat))


async def test_a_refused_goal_is_not_created(group: Group) -> None:
    await group.bob.say("/goal Read 12 books by 2020-01-01 target 12 books")
    reply = await group.bob.say("/goals")
    assert "You have no goals in this chat yet" in reply.text
    reply = await group.bob.say("/goal Read 12 books by 2027-01-01 target 12 books")
    assert "Goal #1" in reply.text


async def test_unknown_command_in_private_is_answered(
    emulator: BotApiEmulator, bot: object
) -> None:
    dave = emulator.add_user("Dave")
    private = emulator.person(dave, emulator.private_chat(dave))
    reply = await private.say("/fly to the moon")
    assert "I don't know /fly" in reply.text and "/help" in reply.text


async def test_unknown_command_in_a_group_stays_quiet_unless_addressed(
    group: Group, emulator: BotApiEmulator
) -> None:
    await emulator.send(group.alice.user, group.chat, "/weather")
    reply = await group.alice.say("/fly@goals_test_bot")
    assert "I don't know /fly@goals_test_bot" in reply.text
    assert not any("/weather" in m.text for m in emulator.bot_messages(group.chat))


async def test_a_mistyped_command_gets_the_one_it_meant(group: Group) -> None:
    await group.alice.say("/goal Read 12 books by 2027-01-01 target 12 books")
    reply = await group.alice.say("/progres 1 +1")
    assert "I don't know /progres. Did you mean /progress 1 +1? Everything I can do: /help" in (
        reply.text
    )
    reply = await group.bob.say("/gaols")
    assert "Did you mean /goals?" in reply.text
    assert "0 / 12 books" in (await group.alice.say("/goals")).text  # nothing was logged


async def test_another_bots_command_near_a_common_one_is_left_alone(
    group: Group, emulator: BotApiEmulator
) -> None:
    await emulator.send(group.alice.user, group.chat, "/stats")  # a statistics bot's
    reply = await group.alice.say("/goals")  # the next reply is to this, not to /stats
    assert "You have no goals in this chat yet" in reply.text
    assert not any("/stats" in m.text for m in emulator.bot_messages(group.chat))


async def test_edited_commands_do_not_create_a_second_goal(
    group: Group, emulator: BotApiEmulator
) -> None:
    # Editing a message re-delivers it as edited_message; only new messages are commands.
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    sent = next(m for m in emulator.messages if m.text.startswith("/goal"))
    await emulator.edit(sent, "/goal Run a marathon by 2027-05-30")
    reply = await group.alice.say("/goals")
    assert reply.text.count("Run a marathon") == 1
    assert "30 Apr 2027" in reply.text
    said = [m.text for m in emulator.bot_messages(group.chat)]
    assert (
        said.count(
            "I act on new messages only, so that edit changed nothing. Send the command again as a "
            "new message."
        )
        == 1
    )


async def test_no_handler_acts_on_an_edited_message(
    emulator: BotApiEmulator, db_path: Path
) -> None:
    """Every handler the bot registers, asked about an edited command: none takes it but the
    one that says edits change nothing. A new handler without the filter fails here."""
    app = make_app(emulator, db_path, FakeClock(START))
    await app.bot.initialize()  # command handlers match /cmd@bot against the bot's name
    chat = Chat(-100123, Chat.SUPERGROUP, title="Runners")
    user = User(42, "Ana", False)
    for text in ("/goal Run by 2027-04-30", "/progress 1 5", "/start", "/help", "/rename 1 x"):
        message = Message(1, START, chat, from_user=user, text=text,
                          entities=[MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split()[0]))])  # fmt: skip
        message.set_bot(app.bot)
        update = Update(1, edited_message=message)
        takers = [
            h.callback.__name__
            for handlers in app.handlers.values()
            for h in handlers
            if not isinstance(h, TypeHandler) and h.check_update(update)
        ]
        assert takers == ["edited"], (text, takers)
    await app.bot.shutdown()
