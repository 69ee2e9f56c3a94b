"""The guided /goal: questions as selective ForceReply, answers as replies (privacy mode)."""

from __future__ import annotations

from pathlib import Path

from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, make_app, start_bot, stop_bot


async def test_guided_goal_in_a_group(group: Group, emulator: BotApiEmulator) -> None:
    alice = group.alice
    question = await alice.say("/goal")
    assert "What do you want to reach?" in question.text
    assert question.reply_markup == {
        "force_reply": True,
        "selective": True,
        "input_field_placeholder": "Read 12 books",
    }
    assert question.reply_to is not None and question.reply_to.sender == alice.user

    # A plain message that is not a reply never reaches the bot in a group.
    await emulator.send(alice.user, group.chat, "just chatting")

    question = await alice.say("Read 12 books", reply_to=question)
    question = await alice.say("once", reply_to=question)  # a goal, not a habit
    assert "By when?" in question.text
    question = await alice.say("someday-ish", reply_to=question)
    assert "I couldn't read “someday-ish” as a date" in question.text
    question = await alice.say("end of next year", reply_to=question)
    assert "What number will show you're there?" in question.text
    question = await alice.say("twelve", reply_to=question)
    assert "I need a number, then an optional unit" in question.text
    question = await alice.say("12 books", reply_to=question)
    assert "Why does it matter to you?" in question.text
    created = await alice.say("To read to my kids every night", reply_to=question)

    assert "Goal #1 for Alice: Read 12 books" in created.text
    assert "0 / 12 books · due Fri 31 Dec 2027" in created.text
    assert "SMART ✅ specific ✅ measurable ✅ achievable ✅ relevant ✅ time-bound" in created.text


async def test_guided_goal_skips_and_is_per_person(group: Group) -> None:
    alice_q = await group.alice.say("/goal")
    bob_q = await group.bob.say("/goal")
    alice_q = await group.alice.say("Run a marathon", reply_to=alice_q)
    alice_q = await group.alice.say("once", reply_to=alice_q)  # a goal, not a habit
    bob_q = await group.bob.say("Learn 200 Spanish verbs", reply_to=bob_q)
    bob_q = await group.bob.say("once", reply_to=bob_q)  # a goal, not a habit
    assert "By when?" in alice_q.text and "By when?" in bob_q.text
    alice_q = await group.alice.say("2027-04-30", reply_to=alice_q)
    alice_q = await group.alice.say("skip", reply_to=alice_q)
    created = await group.alice.say("skip", reply_to=alice_q)
    assert "Goal #1 for Alice: Run a marathon" in created.text
    assert "⚠️ measurable" in created.text and "⚪ relevant" in created.text
    bob_q = await group.bob.say("in 3 months", reply_to=bob_q)
    assert "What number" in bob_q.text


async def test_guided_goal_takes_a_target_that_goes_down(group: Group) -> None:
    question = await group.carol.say("/goal")
    question = await group.carol.say("Run 5k in under 25 minutes", reply_to=question)
    question = await group.carol.say("once", reply_to=question)  # a goal, not a habit
    question = await group.carol.say("2027-03-01", reply_to=question)
    question = await group.carol.say("25 min from 28", reply_to=question)
    created = await group.carol.say("skip", reply_to=question)
    assert "28 min (28 → 25 min) · due Mon 1 Mar 2027" in created.text


async def test_cancel_leaves_nothing_behind(group: Group) -> None:
    question = await group.alice.say("/goal")
    question = await group.alice.say("Run a marathon", reply_to=question)
    question = await group.alice.say("once", reply_to=question)  # a goal, not a habit
    reply = await group.alice.say("/cancel")
    assert "no goal set" in reply.text
    listing = await group.alice.say("/goals")
    assert "no goals in this chat yet" in listing.text
    reply = await group.alice.say("/cancel")
    assert "Nothing to cancel" in reply.text


async def test_a_one_line_goal_mid_way_replaces_the_guided_one(group: Group) -> None:
    question = await group.alice.say("/goal")
    await group.alice.say("Run a marathon", reply_to=question)
    reply = await group.alice.say("/goal Swim 10 km by 2027-03-01 target 10 km")
    assert "Goal #1 for Alice: Swim 10 km" in reply.text
    assert "The guided /goal you had started is dropped" in reply.text
    reply = await group.alice.say("/cancel")
    assert "Nothing to cancel" in reply.text  # not "no goal set": one was
    assert "Swim 10 km" in (await group.alice.say("/goals")).text


async def test_guided_goal_in_private_takes_plain_answers(
    emulator: BotApiEmulator, bot: object
) -> None:
    dave = emulator.add_user("Dave")
    me = emulator.person(dave, emulator.private_chat(dave))
    assert "What do you want to reach?" in (await me.say("/goal")).text
    assert "Once, or repeating?" in (await me.say("Meditate 100 days")).text
    assert "By when?" in (await me.say("once")).text
    assert "What number" in (await me.say("in 4 months")).text
    assert "Why does it matter" in (await me.say("100 days")).text
    created = await me.say("skip")
    assert "Goal #1 for Dave: Meditate 100 days" in created.text
    assert "0 / 100 days" in created.text


async def test_uppercase_and_repeated_bare_goal_start_over(group: Group) -> None:
    question = await group.alice.say("/GOAL")
    assert "What do you want to reach?" in question.text
    question = await group.alice.say("Run a marathon", reply_to=question)
    question = await group.alice.say("once", reply_to=question)  # a goal, not a habit
    assert "By when?" in question.text
    question = await group.alice.say("/goal")
    assert "What do you want to reach?" in question.text
    question = await group.alice.say("Swim 5 km", reply_to=question)
    question = await group.alice.say("once", reply_to=question)  # a goal, not a habit
    question = await group.alice.say("someday-ish", reply_to=question)
    assert "Example: end of year" in question.text


async def test_guided_goal_reads_a_dotted_date(group: Group) -> None:
    question = await group.carol.say("/goal")
    question = await group.carol.say("Lose 5 kg", reply_to=question)
    question = await group.carol.say("once", reply_to=question)  # a goal, not a habit
    question = await group.carol.say("15.02.", reply_to=question)
    assert "What number" in question.text
    question = await group.carol.say("skip", reply_to=question)
    created = await group.carol.say("skip", reply_to=question)
    assert "due Mon 15 Feb 2027" in created.text


async def test_a_restart_mid_way_loses_no_answer(
    group: Group, emulator: BotApiEmulator, bot: Application, db_path: Path, clock: FakeClock
) -> None:  # type: ignore[type-arg]
    question = await group.alice.say("/goal")
    question = await group.alice.say("Run a marathon", reply_to=question)
    question = await group.alice.say("once", reply_to=question)  # a goal, not a habit
    question = await group.alice.say("2027-04-30", reply_to=question)
    assert "What number" in question.text
    await stop_bot(bot)
    again = make_app(emulator, db_path, clock)
    await start_bot(again)
    question = await group.alice.say("42 km", reply_to=question)
    assert "Why does it matter" in question.text
    created = await group.alice.say("to run with my kids", reply_to=question)
    assert "Goal #1 for Alice: Run a marathon" in created.text
    assert "0 / 42 km · due Fri 30 Apr 2027" in created.text
    reply = await group.alice.say("/cancel")
    assert "Nothing to cancel" in reply.text  # the draft closed with the goal
    await stop_bot(again)
