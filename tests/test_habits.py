"""Habits in a group: set, logged, counted, taken back and stopped, as members see them."""

from __future__ import annotations

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group


async def test_a_habit_is_numbered_with_the_goals_and_logged_once_a_day(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    created = await group.alice.say("/habit Meditate 10 minutes every day")
    assert "Habit #2 for Alice: Meditate 10 minutes — every day, until you stop it" in (
        created.text
    )
    assert "/did 2" in created.text
    first = await group.alice.say("/did 2")
    assert "done today" in first.text and "1/1 today" in first.text
    assert "🔥 1 day" in first.text
    again = await group.alice.say("/did 2")
    assert "already counts in full for today" in again.text and "/undo 2" in again.text
    clock.advance(days=1)
    second = await group.alice.say("/did 2")
    assert "🔥 2 days" in second.text
    listing = await group.alice.say("/goals")
    assert "Run a marathon" in listing.text
    assert "🔁 #2 Meditate 10 minutes — every day" in listing.text and "🔥 2 days" in listing.text


async def test_yesterday_counts_but_not_before_the_habit_began(
    group: Group, clock: FakeClock
) -> None:
    await group.bob.say("/habit Stretch daily")
    refused = await group.bob.say("/did 1 yesterday")
    assert "wasn't running on that day" in refused.text
    clock.advance(days=2)
    late = await group.bob.say("/did 1 yesterday")
    assert "done yesterday" in late.text
    assert "0/1 today" in late.text  # today is still open, and breaks nothing yet
    assert "🔥 1 day" in late.text


async def test_a_weekly_habit_counts_the_week_and_says_how_long_one_can_wait(
    group: Group, clock: FakeClock
) -> None:
    clock.advance(days=2)  # Monday 30 November
    await group.carol.say("/habit Gym 3 times a week")
    done = await group.carol.say("/did 1")
    assert "1/3 this week" in done.text
    assert "2 more this week, 7 days left" in done.text
    clock.advance(days=4)  # Friday
    done = await group.carol.say("/did 1")
    assert "2/3 this week" in done.text and "1 more this week, 3 days left" in done.text


async def test_an_amount_counts_toward_the_habit_and_one_that_reads_two_ways_is_asked(
    group: Group, emulator: BotApiEmulator
) -> None:
    created = await group.alice.say("/habit Walk every day at least 2000 steps")
    assert "every day · at least 2,000 steps" in created.text
    half = await group.alice.say("/did 1 1000 steps")
    assert "0.5/1 today" in half.text
    question = await group.alice.say("/did 1 1,500 steps felt good")
    assert "two ways" in question.text and "Nothing is recorded" in question.text
    assert question.reply_markup is not None
    before = len(emulator.bot_messages(group.chat))
    await group.alice.press(question, "1,500 steps")
    logged = await emulator.next_bot_message(group.chat, before)
    assert "done today" in logged.text
    assert "1/1 today" in logged.text  # 1,000 + 1,500 steps: the day counts once, in full


async def test_done_on_a_habit_asks_then_stops_it_and_undo_takes_an_entry_back(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/habit Read 20 pages a day")
    await group.alice.say("/did 1")
    undone = await group.alice.say("/undo 1")
    assert "Took back today's entry" in undone.text and "0/1 today" in undone.text
    nothing = await group.alice.say("/undo 1")
    assert "no entry today or yesterday" in nothing.text
    question = await group.alice.say("/done 1")
    assert "Stop habit #1 Read 20 pages for good?" in question.text
    await group.alice.press(question, "No, keep it")
    still = await group.alice.say("/did 1")
    assert "done today" in still.text
    question = await group.alice.say("/done 1")
    before = len(emulator.bot_messages(group.chat))
    await group.alice.press(question, "Yes, stop #1")
    stopped = await emulator.next_bot_message(group.chat, before)
    assert "Habit #1 Read 20 pages is stopped" in stopped.text
    ended = await group.alice.say("/did 1")
    assert "has ended" in ended.text
    listing = await group.alice.say("/goals")
    assert "Read 20 pages" not in listing.text


async def test_habit_commands_refuse_what_they_cannot_do_with_an_example(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/habit Meditate every day")
    cases = {
        "/habit Meditate": "Say how often",
        "/habit every day": "title is empty",
        "/habit Walk every day at least 1,500 steps": "reads two ways",
        "/habit Walk every day until yesterday": "",
        "/did": "/did",
        "/did abc": "/did",
        "/did 1": "is a goal, not a habit",
        "/did 7": "no habit #7",
        "/progress 2 5": "is a habit, and /progress is for goals. A habit is logged with /did 2",
        "/did 2 lots": "",
    }
    for command, expected in cases.items():
        reply = await group.alice.say(command)
        assert expected in reply.text, (command, reply.text)
        assert "went wrong" not in reply.text.lower(), command
    other = await group.bob.say("/did 2")
    assert "Alice's: only Alice can log it" in other.text


async def test_forgetting_a_member_forgets_their_habits(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/habit Meditate every day")
    await group.alice.say("/did 1")
    private = emulator.private_chat(group.alice.user)
    me = emulator.person(group.alice.user, private)
    question = await me.say("/forgetme")
    await me.press(question, question.reply_markup["inline_keyboard"][0][0]["text"])
    listing = await group.bob.say("/goals all")
    assert "Meditate" not in listing.text


async def test_a_day_before_yesterday_is_refused_not_read_as_an_amount(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/habit Stretch daily")
    clock.advance(days=3)
    for command in ("/did 1 2 days ago", "/did 1 last friday", "/did 1 monday", "/did 1 28.11."):
        refused = await group.alice.say(command)
        assert "for today, or for yesterday" in refused.text, command
        assert "/did 1 yesterday" in refused.text or "/did 1" in refused.text
    listing = await group.alice.say("/goals")
    assert "0/1 today" in listing.text  # nothing was logged by any of them
    noted = await group.alice.say("/did 1 on the train")
    assert "done today" in noted.text


async def test_what_could_be_read_wrong_is_refused_and_nothing_is_logged(group: Group) -> None:
    await group.alice.say("/habit Read every day at least 20 pages")  # #1
    await group.alice.say("/habit Run every day at least 5 km")  # #2
    cases = {
        "/did 1 -5 pages": "can't be below 0",
        "/did 1 10 km": "counts pages, and km isn't pages",
        "/did 2 3 miles": "counts km, and miles isn't km",
        "/did 2 30 minutes": "counts km",
        "/habit gym 3 tims a week": "Say how often",
        "/habit Read every day at least 20 pages": "You have this habit already: #1",
    }
    for command, expected in cases.items():
        reply = await group.alice.say(command)
        assert expected in reply.text, (command, reply.text)
    listing = await group.alice.say("/goals")
    assert listing.text.count("0/1 today") == 2  # nothing logged by any of them
    assert "gym" not in listing.text


async def test_an_amount_short_of_the_habits_is_logged_as_such_and_the_day_can_come_after_it(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/habit Read every day at least 20 pages")
    await group.alice.say("/habit Coffee every day at most 2 cups")
    clock.advance(days=1)
    short = await group.alice.say("/did 1 10 pages")
    assert "📝 #1 Read: 10 pages logged today, of 20 pages each time" in short.text
    late = await group.alice.say("/did 1 20 pages yesterday")
    assert "done yesterday" in late.text
    over = await group.alice.say("/did 2 3 cups")
    assert "⚠️ #2 Coffee: 3 cups logged today, over the 2 cups limit" in over.text
    wrong = await group.alice.say("/rename 1 Read more")
    assert "/rename is for goals" in wrong.text


async def test_a_habit_stopped_the_day_it_was_set_says_what_its_chart_says(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    clock.advance(days=5)  # Thursday 3 December
    await group.alice.say("/habit Gym 3 times a week")
    await group.alice.say("/did 1")
    question = await group.alice.say("/done 1")
    before = len(emulator.bot_messages(group.chat))
    await group.alice.press(question, "Yes, stop #1")
    stopped = await emulator.next_bot_message(group.chat, before)
    # Set on a Thursday and stopped that evening: the one day it ran asked for one visit.
    assert "Best streak: 1 week" in stopped.text
