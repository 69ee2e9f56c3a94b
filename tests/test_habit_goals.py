"""Goals that are habits: /goal recognises one, the guided /goal asks "once, or repeating?",
and the SMART tips say how to pin a habit down."""

from __future__ import annotations

from bot.emulator import BotApiEmulator, SentMessage
from tests.conftest import FakeClock, Group


async def test_goal_with_how_often_in_its_title_becomes_a_habit_until_its_date(
    group: Group, clock: FakeClock
) -> None:
    made = await group.alice.say("/goal Meditate 10 minutes every day this quarter")
    assert "Habit #1 for Alice: Meditate 10 minutes — every day, until Thu 31 Dec" in made.text
    assert "It says how often, so it's a habit, counted each day" in made.text
    assert "SMART ✅ specific ✅ measurable ✅ achievable ✅ time-bound" in made.text
    assert "/done 1 stops this, then: /goal Meditate 10 minutes by end of this quarter" in (
        made.text
    )
    logged = await group.alice.say("/did 1")
    assert "done today" in logged.text and "🔥 1 day" in logged.text

    reading = await group.bob.say("/goal Read 20 pages a day by end of march")
    assert "Habit #2 for Bob: Read 20 pages — every day, until Wed 31 Mar 2027" in reading.text
    gym = await group.carol.say("/goal Gym 3 times a week")
    assert "Habit #3 for Carol: Gym — 3 times a week, until you stop it" in gym.text
    assert "/goal Gym by end of month" in gym.text
    listing = await group.carol.say("/goals all")
    assert "🔁 #1 Meditate 10 minutes — every day" in listing.text
    assert "🔁 #3 Gym — 3 times a week" in listing.text


async def test_a_daily_target_is_each_days_amount_and_is_never_achieved_on_day_one(
    group: Group, clock: FakeClock
) -> None:
    made = await group.alice.say("/goal read 20 pages a day by end of march target 20 pages")
    assert "Habit #1 for Alice: read 20 pages — every day · at least 20 pages" in made.text
    done = await group.alice.say("/did 1 20 pages")
    assert "1/1 today" in done.text
    assert "🏆" not in done.text and "achieved" not in done.text.lower()
    again = await group.alice.say("/did 1 20 pages")
    assert "already counts in full for today" in again.text
    clock.advance(days=1)
    half = await group.alice.say("/did 1 10")
    assert "0.5/1 today" in half.text
    # Without a date it is a habit too: the target says how much each time.
    undated = await group.bob.say("/goal Meditate every day target 10 min")
    assert "Habit #2 for Bob: Meditate — every day · at least 10 min" in undated.text


async def test_one_off_goals_with_such_words_stay_goals(group: Group) -> None:
    marathon = await group.alice.say("/goal Run a marathon by May")
    assert "🎯 Goal #1 for Alice: Run a marathon" in marathon.text
    course = await group.alice.say("/goal Learn to code in a month by June")
    assert "🎯 Goal #2 for Alice: Learn to code in a month" in course.text
    day_off = await group.bob.say("/goal Take a day off by Friday")
    assert "🎯 Goal #3 for Bob: Take a day off" in day_off.text
    # A total to reach by a date is a goal; the reply says how to count it as a habit.
    total = await group.carol.say("/goal Read 20 pages a day by end of march target 600 pages")
    assert "🎯 Goal #4 for Carol: Read 20 pages a day" in total.text
    assert "0 / 600 pages" in total.text
    assert "/habit Read 20 pages every day until 2027-03-31 (then /abandon 4)" in total.text
    # A total without a date can't be a goal, and isn't each day's amount either.
    refused = await group.carol.say("/goal Read 20 pages a day target 600 pages")
    assert "It needs a date" in refused.text


async def test_saving_money_each_month_is_a_habit_with_its_amount_kept_in_the_title(
    group: Group,
) -> None:
    made = await group.alice.say("/goal Save $500 a month for a bike by June")
    assert "Habit #1 for Alice: Save $500 for a bike — every month, until Wed 30 Jun 2027" in (
        made.text
    )
    assert "/goal Save $500 for a bike by June" in made.text


async def test_a_vague_goal_about_something_people_repeat_gets_a_tip_toward_how_often(
    group: Group,
) -> None:
    vague = await group.alice.say("/goal exercise more by 2027-06-30")
    assert "🎯 Goal #1" in vague.text and "⚠️ specific" in vague.text
    assert "Be specific: say how often, e.g. /habit Exercise 3 times a week until 2027-06-30" in (
        vague.text
    )
    assert "increase sales" not in vague.text
    other = await group.bob.say("/goal improve sales by 2027-03-31")
    assert 'Be specific: say exactly what, e.g. "increase sales by 10%".' in other.text


async def test_a_habits_smart_check_asks_how_much_where_it_fits(group: Group) -> None:
    meditate = await group.alice.say("/habit Meditate every day")
    assert "SMART ✅ specific ⚠️ measurable ✅ achievable ✅ time-bound" in meditate.text
    assert "Measure it: say how much each time, e.g. “at least 10 minutes”" in meditate.text
    assert "/habit Meditate every day at least 10 minutes (then /done 1 stops this one)" in (
        meditate.text
    )
    assert "/did 1 10 minutes" in meditate.text
    gym = await group.bob.say("/habit Gym 3 times a week")
    assert "SMART ✅ specific ✅ measurable ✅ achievable ✅ time-bound" in gym.text
    assert "Measure it" not in gym.text
    counted = await group.carol.say("/habit Meditate every day at least 10 minutes")
    assert "✅ measurable" in counted.text
    vague = await group.carol.say("/habit Do stuff every day")
    assert "⚠️ specific" in vague.text and "say what you'll do each time" in vague.text
    much = await group.carol.say("/habit Drink water 20 times a day")
    assert "⚠️ achievable" in much.text and "a lot to keep up" in much.text


def _labels(message: SentMessage) -> list[str]:
    return [b["text"] for b in message.buttons()]


async def _press(
    group: Group, emulator: BotApiEmulator, question: SentMessage, label: str, who: str = "alice"
) -> SentMessage:
    """Press a button as a member; the bot's next message in the chat (its next question)."""
    before = len(emulator.bot_messages(group.chat))
    await getattr(group, who).press(question, label)
    return await emulator.next_bot_message(group.chat, before)


async def test_guided_goal_asks_once_or_repeating_and_sets_a_habit(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.alice.say("/goal")
    kind = await group.alice.say("Practice piano", reply_to=question)
    assert "Once, or repeating?" in kind.text
    assert _labels(kind) == ["🎯 Once", "🔁 Repeating"]
    # Someone else's press is not an answer.
    toast = await group.bob.press(kind, "🔁 Repeating")
    assert "for the member who started it" in toast["text"]
    often = await _press(group, emulator, kind, "🔁 Repeating")
    assert "How often?" in often.text
    assert _labels(often) == ["Every day", "On weekdays", "3 times a week", "Other: type it"]
    assert "→ 🔁 Repeating" in kind.text and not kind.buttons()  # edited in place
    until = await _press(group, emulator, often, "On weekdays")
    assert "Until when?" in until.text
    assert until.reply_markup is not None and until.reply_markup["force_reply"] is True
    assert until.reply_to is not None and until.reply_to.sender == group.alice.user
    refused = await group.alice.say("someday-ish", reply_to=until)
    assert "I couldn't read “someday-ish” as a date" in refused.text
    made = await group.alice.say("end of march", reply_to=refused)
    assert "Habit #1 for Alice: Practice piano — on weekdays, until Wed 31 Mar 2027" in made.text
    assert "Measure it: say how much each time, e.g. “at least 20 minutes”" in made.text
    # A question from a guided /goal started over is answered no more.
    question = await group.alice.say("/goal")
    old = await group.alice.say("Swim", reply_to=question)
    await group.alice.say("/goal")
    stale = await group.alice.press(old, "🔁 Repeating")
    assert "already answered" in stale["text"]
    await group.alice.say("/cancel")
    logged = await group.alice.say("/did 1")
    assert "done today" in logged.text or "day off" in logged.text


async def test_guided_goal_takes_a_typed_frequency_and_skips_the_end(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.bob.say("/goal")
    kind = await group.bob.say("Call grandma", reply_to=question)
    often = await _press(group, emulator, kind, "🔁 Repeating", "bob")
    typed = await _press(group, emulator, often, "Other: type it", "bob")
    assert "e.g. “4 times a week”" in typed.text and typed.reply_markup is not None
    again = await group.bob.say("now and then", reply_to=typed)
    assert "Say how often" in again.text
    until = await group.bob.say("twice a month", reply_to=again)
    assert "Until when?" in until.text
    made = await group.bob.say("skip", reply_to=until)
    assert "Habit #1 for Bob: Call grandma — twice a month, until you stop it" in made.text


async def test_guided_goal_with_how_often_in_the_title_asks_only_the_end(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.carol.say("/goal")
    until = await group.carol.say("Walk every day at least 8000 steps", reply_to=question)
    assert "Until when?" in until.text
    made = await group.carol.say("skip", reply_to=until)
    assert "Habit #1 for Carol: Walk — every day · at least 8,000 steps" in made.text
    # Typed answers work too: "once" leads to the goal's questions.
    question = await group.carol.say("/goal")
    kind = await group.carol.say("Run a marathon", reply_to=question)
    deadline = await group.carol.say("once", reply_to=kind)
    assert "By when?" in deadline.text
    bad = await group.alice.say("/goal")
    kind = await group.alice.say("Learn Spanish", reply_to=bad)
    confused = await group.alice.say("maybe", reply_to=kind)
    assert "answer once or repeating" in confused.text
    until = await group.alice.say("3 times a week", reply_to=confused)
    assert "Until when?" in until.text
