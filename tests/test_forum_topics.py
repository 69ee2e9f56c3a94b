"""Forum supergroups: whatever a command or a press in a topic brings goes to that topic."""

from __future__ import annotations

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Forum, outside


async def test_the_emulator_keeps_topics_apart(forum: Forum, emulator: BotApiEmulator) -> None:
    reply = await forum.alice.say("/start")
    assert reply.topic is forum.topic
    general = await forum.alice_in_general.say("/help")
    assert general.topic is None
    (call, _) = emulator.calls_to("sendMessage")[-2:]
    assert call.params.get("message_thread_id") == forum.topic.thread_id


async def test_every_answer_to_a_command_in_a_topic_stays_in_it(
    forum: Forum, emulator: BotApiEmulator
) -> None:
    alice, bob = forum.alice, forum.bob
    await alice.say("/start")
    await alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await alice.say("/milestone 1 Half marathon by 2027-02-15")
    await alice.say("/milestone 1 Long run by 2027-03-15")
    done = await alice.say("/done 1.1")
    assert "🎉 Alice completed milestone 1.1" in done.text
    asked = await alice.say("/progress 1 60")  # past the target in one step: a question
    assert asked.buttons()
    toast = await alice.press(asked, "Yes, log 60 km")
    assert toast["text"]
    await emulator.wait_until(
        lambda: any("🏆" in m.text for m in emulator.bot_messages(forum.chat)),
        what="the achievement",
    )
    await bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    question = await bob.say("/abandon 2")
    await bob.press(question, "Abandon #2")
    picture = await alice.say("/timeline")
    assert picture.file is not None and picture.file.kind == "photo"
    calendar = await alice.say("/calendar")
    assert calendar.file is not None and calendar.file.kind == "document"
    export = await alice.say("/export")
    assert export.file is not None
    await bob.say("/habit Stretch every day")
    await bob.say("/did 3")
    await bob.say("/goals all")
    await bob.say("/summary")
    await bob.say("/schedule")
    refused = await bob.say("/frobnicate@goals_test_bot")
    assert "I don't know" in refused.text
    assert outside(emulator, forum.chat, forum.topic) == []


async def test_a_partner_told_in_the_group_hears_it_in_the_topic(
    forum: Forum, emulator: BotApiEmulator
) -> None:
    await forum.bob.say("/goals")  # the bot has seen @bob now
    invite = await forum.alice.say("/partner @bob")
    await forum.bob.press(invite, "Accept")
    await forum.alice.say("/goal Run a marathon by 2027-04-30")
    await forum.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await forum.alice.say("/milestone 1 Long run by 2027-03-15")
    await forum.alice.say("/done 1.1")
    await emulator.wait_until(
        lambda: any("your partner Alice" in m.text for m in emulator.bot_messages(forum.chat)),
        what="the partner notice",
    )
    assert outside(emulator, forum.chat, forum.topic) == []


async def test_a_command_in_a_topic_replies_to_nobody_but_its_sender(forum: Forum) -> None:
    # Every message in a topic answers the topic's first one (Alice opened it): /partner
    # alone from Bob names no one, and does not invite Alice.
    reply = await forum.bob.say("/partner")
    assert "Alice" not in reply.text
    reply = await forum.bob.say("/mentor")
    assert "Alice" not in reply.text


async def test_the_goal_wizard_asks_and_answers_in_the_topic(
    forum: Forum, emulator: BotApiEmulator
) -> None:
    question = await forum.bob.say("/goal")
    title = await forum.bob.say("Read 12 books", reply_to=question)
    assert title.topic is forum.topic
    assert outside(emulator, forum.chat, forum.topic) == []


async def test_topic_service_messages_get_no_answer(
    forum: Forum, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await forum.alice.say("/start")
    before = len(emulator.bot_messages(forum.chat))
    other = await emulator.create_topic(forum.chat, "Reading", forum.alice.user)
    await emulator.close_topic(other, forum.alice.user)
    await emulator.reopen_topic(other, forum.alice.user)
    reply = await forum.alice.say("/help")  # handled after the service messages, in order
    assert reply.topic is forum.topic
    assert len(emulator.bot_messages(forum.chat)) == before + 1
