"""Numbers as people write them: one reading taken when only one fits, else asked with buttons,
and progress that cannot be right asked about every time. Nothing is recorded until a press."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime

import pytest

from bot.domain import commands
from bot.domain.choices import Doubt, Question, progress_doubt, progress_reading
from bot.domain.models import Goal, GoalStatus, Member
from bot.domain.numbers import read_amount, read_amount_with_unit
from bot.emulator import BotApiEmulator, Person, SentMessage
from tests.conftest import Group


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("75,5", (75.5,)),
        ("0,750", (0.75,)),  # no one groups thousands after a leading 0
        ("79,250", (79.25, 79250)),
        ("1.500", (1.5, 1500)),
        ("10.000", (10, 10000)),
        ("2,500", (2.5, 2500)),
        ("10,000", (10, 10000)),
        ("1,000,000", (1_000_000,)),
        ("1.000.000", (1_000_000,)),
        ("1.500,5", (1500.5,)),
        ("1,500.5", (1500.5,)),
        ("42", (42,)),
        ("6.5", (6.5,)),
        ("1,5", (1.5,)),
        ("12,3456", (12.3456,)),
        ("0.750", (0.75,)),
        ("1234,567", (1234.567,)),  # thousands would be written 1,234,567
        ("1,2,3", None),
        ("", None),
    ],
)
def test_how_a_number_as_written_can_read(text: str, readings: tuple[float, ...] | None) -> None:
    assert read_amount(text) == readings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$10,000", ((10, 10000), "$")),
        ("1.500 €", ((1.5, 1500), "€")),
        ("79,250 kg", ((79.25, 79250), "kg")),
        ("0,750 km", ((0.75,), "km")),
        ("10.000 steps", ((10, 10000), "steps")),
        ("75,5kg", ((75.5,), "kg")),
        ("1.5k steps", ((1500,), "steps")),
    ],
)
def test_amounts_with_units_keep_every_reading(
    text: str, expected: tuple[tuple[float, ...], str]
) -> None:
    assert read_amount_with_unit(text) == expected


def weight_goal(current: float) -> Goal:
    return Goal(
        id=1, chat_id=-1, number=1, owner=Member(1, "Ana", None), title="Lose weight",
        deadline=date(2027, 6, 30), status=GoalStatus.ACTIVE,
        created_at=datetime(2026, 11, 1, tzinfo=UTC), target=75.5, unit="kg", current=current,
        baseline=82.3,
    )  # fmt: skip


def test_the_goal_tells_which_reading_is_meant() -> None:
    spec = commands.parse_progress("1 79,250 kg")
    assert progress_reading(spec, weight_goal(80)).amount == 79.25


def goal_to(target: float, current: float = 0, baseline: float | None = None) -> Goal:
    return Goal(
        id=2, chat_id=-1, number=2, owner=Member(1, "Ana", None), title="Walk",
        deadline=date(2027, 6, 30), status=GoalStatus.ACTIVE,
        created_at=datetime(2026, 11, 1, tzinfo=UTC), target=target, unit="", current=current,
        baseline=baseline,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("goal", "typed", "amount"),
    [
        (goal_to(10_000), "2 10.000", 10_000),  # 10 steps of 10,000 moves it nowhere
        (goal_to(10_000, 2_500), "2 +2,500", 2_500),
        (goal_to(5), "2 1,500", 1.5),  # 1,500 km on a 5 km goal is off the scale
        (goal_to(0, 2_000, 2_000), "2 -1.500", -1_500),  # paying down a debt of 2,000
        (goal_to(3_000, 2_000), "2 1,999", 1_999),  # a setback of 1, not a fall to 1.999
    ],
)
def test_the_only_plausible_reading_is_taken(goal: Goal, typed: str, amount: float) -> None:
    assert progress_reading(commands.parse_progress(typed), goal).amount == amount


def test_a_number_both_readings_fit_is_asked_about() -> None:
    with pytest.raises(Question) as asked:
        progress_reading(commands.parse_progress("2 2,500"), goal_to(100, 3_000))  # past it
    assert [o.amount for o in asked.value.options] == [2.5, 2500]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("current", "value", "doubt"),
    [
        (82.3, 2.5, Doubt.PAST_TARGET),  # "/progress 1 2,5 kg": not a weight anyone has
        (80, 79.25, None),
        (80, 75.5, None),  # exactly the target: achieved
        (76, 75, None),  # just past the target: a finish, celebrated
        (78, 70, Doubt.PAST_TARGET),  # past it by more than was left: asked, every time
        (80, 90, Doubt.WRONG_WAY),  # away by more than the 4.5 kg left
        (80, 82, None),  # a bad week: away, but by less than is left
        (75, 74, None),  # already past: going further is no jump
    ],
)
def test_progress_that_cannot_simply_be_right(
    current: float, value: float, doubt: Doubt | None
) -> None:
    assert progress_doubt(weight_goal(current), value) is doubt


async def settled(person: Person) -> None:
    """Updates are handled in order: once a later one is answered, earlier ones are done."""
    await person.say("/help")


def last_reply(emulator: BotApiEmulator, group: Group, before: int = 0) -> SentMessage:
    return emulator.bot_messages(group.chat)[-1 - before]


async def test_a_weight_written_with_a_comma_is_read_by_the_goal(group: Group) -> None:
    created = await group.alice.say("/goal Lose weight by 2027-06-30 target 75,5 kg from 82,3 kg")
    assert "82.3 kg (82.3 → 75.5 kg)" in created.text
    reply = await group.alice.say("/progress 1 79,250 kg")
    assert "79.25 kg" in reply.text and "79250" not in reply.text


async def test_a_jump_past_the_target_is_asked_about_and_not_celebrated(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Lose weight by 2027-06-30 target 75.5 kg from 82.3 kg")
    await group.alice.say("/progress 1 80")
    question = await group.alice.say("/progress 1 2,5 kg")
    assert "2.5 kg is past #1's target of 75.5 kg in one step" in question.text
    assert "achieved" not in emulator.bot_messages(group.chat)[-2].text
    assert [b["text"] for b in question.buttons()] == ["Yes, log 2.5 kg", "No, log nothing"]
    toast = await group.bob.press(question, "Yes, log 2.5 kg")
    assert toast["text"] == "This question is for the member who wrote the command."
    await group.alice.press(question, "No, log nothing")
    await settled(group.alice)
    assert question.text.endswith(
        "in one step, so I haven't logged it yet. Log it, and #1 is achieved?\nNothing recorded."
    )
    assert question.buttons() == []
    listing = await group.alice.say("/goals")
    assert "80 kg (82.3 → 75.5 kg)" in listing.text
    # Relative entries are asked about too: -10 kg from 80 is past 75.5.
    question = await group.alice.say("/progress 1 -10 kg")
    assert "70 kg is past #1's target" in question.text


async def test_a_first_value_past_the_target_is_asked_achieved(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Ride 50 km by 2027-06-30 target 50 km")
    question = await group.alice.say("/progress 1 60")
    assert "60 km is past #1's target of 50 km in one step" in question.text
    assert "Log it, and #1 is achieved?" in question.text
    assert "number to get down to" not in question.text  # a long ride, not a start
    await group.alice.press(question, "Yes, log 60 km")
    await settled(group.alice)
    celebration = last_reply(emulator, group, before=1)
    assert "achieved" in celebration.text.lower()
    toast = await group.alice.press(question, "Yes, log 60 km") if question.buttons() else None
    assert toast is None  # the buttons are gone once answered


async def test_a_step_the_wrong_way_by_more_than_is_left_is_asked(group: Group) -> None:
    await group.alice.say("/goal Lose weight by 2027-06-30 target 75.5 kg from 82.3 kg")
    await group.alice.say("/progress 1 80")
    question = await group.alice.say("/progress 1 +20")
    assert "100 kg would take #1 away from its target of 75.5 kg" in question.text


async def test_a_new_target_that_reads_two_ways_is_asked_and_stored_once_chosen(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.alice.say("/goal Save for a bike by 2027-06-30 target 1.500 €")
    assert "I can read that two ways: €1.50 or €1,500" in question.text
    assert [b["text"] for b in question.buttons()] == ["€1.50", "€1,500", "Neither"]
    listing = await group.alice.say("/goals")
    assert "Save for a bike" not in listing.text  # nothing stored before the press
    await group.alice.press(question, "€1,500")
    await settled(group.alice)
    created = last_reply(emulator, group, before=1)
    assert "Goal #1 for Alice: Save for a bike" in created.text
    assert "€0 / €1,500" in created.text
    assert question.text.endswith("Nothing is recorded until you choose.\n✓ €1,500")
    listing = await group.alice.say("/goals")
    assert listing.text.count("Save for a bike") == 1


async def test_a_second_press_on_an_old_question_records_nothing(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.alice.say("/goal Walk more by 2027-06-30 target 10.000 steps")
    stale = copy.copy(question)  # what a phone that has not seen the edit still shows
    # Two taps before the bot has handled either: the second finds the question answered.
    first = await emulator.press(group.alice.user, question, "10,000 steps")
    second = await emulator.press(group.alice.user, question, "10 steps")
    await emulator.wait_until(lambda: second in emulator.callback_answers, what="the answers")
    assert emulator.callback_answers[first]["text"] != emulator.callback_answers[second]["text"]
    assert emulator.callback_answers[second]["text"] == "That question was answered already."
    await settled(group.alice)
    # A tap after the edit: the buttons are gone from the message, so it is out of date.
    toast = await group.alice.press(stale, "10 steps")
    assert toast["text"] == "This button is out of date."
    listing = await group.alice.say("/goals")
    assert listing.text.count("Walk more") == 1
    assert "10,000 steps" in listing.text


async def test_target_on_a_goal_uses_where_it_stands(group: Group) -> None:
    await group.alice.say("/goal Lose weight by 2027-06-30 target 75 kg from 82 kg")
    reply = await group.alice.say("/target 1 74,500 kg")  # 74.5, next to 82; 74500 is not
    assert "74.5 kg" in reply.text
    await group.bob.say("/goal Walk more by 2027-06-30")
    question = await group.bob.say("/target 2 10.000 steps")
    assert "I can read that two ways: 10 steps or 10,000 steps" in question.text


async def test_the_guided_goal_asks_about_a_target_that_reads_two_ways(
    group: Group, emulator: BotApiEmulator
) -> None:
    question = await group.carol.say("/goal")
    question = await group.carol.say("Save for a bike", reply_to=question)
    question = await group.carol.say("once", reply_to=question)  # a goal, not a habit
    question = await group.carol.say("2027-06-30", reply_to=question)
    asked = await group.carol.say("1.500 €", reply_to=question)
    assert "“1.500 €” reads two ways: €1.50 or €1,500." in asked.text
    assert "Write it so it reads one way, e.g. €1.5 or €1500." in asked.text
    question = await group.carol.say("1500 €", reply_to=asked)
    assert "Why does it matter" in question.text
    created = await group.carol.say("to ride to work", reply_to=question)
    assert "Goal #1 for Carol: Save for a bike" in created.text
    assert "€0 / €1,500" in created.text and "✅ relevant" in created.text


async def test_an_old_question_does_not_touch_a_new_guided_goal(
    group: Group, emulator: BotApiEmulator
) -> None:
    old = await group.carol.say("/goal Save money by 2027-06-30 target $10,000")
    question = await group.carol.say("/goal")
    question = await group.carol.say("Walk more", reply_to=question)
    question = await group.carol.say("once", reply_to=question)  # a goal, not a habit
    await group.carol.press(old, "$10,000")
    await settled(group.carol)
    created = last_reply(emulator, group, before=1)
    assert "Goal #1 for Carol: Save money" in created.text
    assert "dropped" not in created.text
    question = await group.carol.say("end of month", reply_to=question)
    assert "What number" in question.text  # the Walk draft carries on


async def test_a_lone_value_for_the_one_goal_is_offered_as_its_progress(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Lose weight by 2027-06-30 target 75 kg from 82 kg")
    question = await group.alice.say("/progress 78")
    assert "You have no goal #78. Did you mean /progress 1 78?" in question.text
    await group.alice.press(question, "Yes, /progress 1 78")
    await settled(group.alice)
    recorded = last_reply(emulator, group, before=1)
    assert "78 kg (82 → 75 kg)" in recorded.text
    assert question.text.endswith("✓ 78 kg")
    for typed, value in (
        ("77,5 kg", "77.5 kg"),
        ("-1", "76.5 kg"),
        ("77 after christmas", "77 kg"),
    ):
        question = await group.alice.say(f"/progress {typed}")
        assert f"Did you mean /progress 1 {typed}?" in question.text
        await group.alice.press(question, f"Yes, /progress 1 {typed}")
        await settled(group.alice)
        assert f"{value} (82 → 75 kg)" in last_reply(emulator, group, before=1).text
    # With goal #1 itself, or with two goals, the usual hint stays.
    await group.alice.say("/goal Run 100 km by 2027-06-30 target 100 km")
    refused = await group.alice.say("/progress 5")
    assert "You have no goal #5" not in refused.text and not refused.buttons()


@pytest.mark.parametrize(
    ("typed", "amount", "unit", "note"),
    [
        ("1 78,5 after christmas", 78.5, "", "after christmas"),
        ("1 78.5kg (morning weight)", 78.5, "kg", "(morning weight)"),
        ("1 +2 km felt good", 2, "km", "felt good"),
        ("1 5 miles", 5, "miles", ""),  # a unit: checked against the goal's
        ("1 3 books read on the train", 3, "", "books read on the train"),
    ],
)
def test_words_after_a_value_are_a_unit_then_a_note(
    typed: str, amount: float, unit: str, note: str
) -> None:
    spec = commands.parse_progress(typed)
    assert (spec.amount, spec.unit, spec.note) == (amount, unit, note)


async def test_a_note_after_the_value_is_kept_and_shown_in_the_journal(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Lose weight by 2027-06-30 target 75 kg from 82 kg")
    reply = await group.alice.say("/progress 1 78,5 after christmas")
    assert "78.5 kg (82 → 75 kg)" in reply.text
    await group.alice.say("/progress 1 78kg (morning weight)")
    reply = await group.alice.say("/progress 1 -1 today")
    assert "77 kg (82 → 75 kg)" in reply.text
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    reply = await group.bob.say("/progress 2 3 books read on the train")
    assert "3 / 12 books" in reply.text
    refused = await group.bob.say("/progress 2 5 miles")
    assert "Goal #2 counts books, not miles, and I don't convert." in refused.text
    refused = await group.alice.say("/progress 1 2 books")  # books are counted here
    assert "Goal #1 counts kg, not books" in refused.text
    journal = await group.alice.say("/journal 1")
    assert "78.5 kg, after christmas" in journal.text
    assert "78 kg, (morning weight)" in journal.text
    assert "77 kg, today" in journal.text
    journal = await group.bob.say("/journal 2")
    assert "3 books, read on the train" in journal.text
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    exported = await private.say("/export")
    assert exported.file is not None
    notes = [row["note"] for row in json.loads(exported.file.data)["progress_log"]]
    assert notes == ["after christmas", "(morning weight)", "today"]


async def test_undo_takes_back_the_last_entry_and_the_achievement_it_caused(
    group: Group,
) -> None:
    await group.bob.say("/goal Read 10 books by 2027-03-01 target 10 books")
    await group.bob.say("/progress 1 4")
    reply = await group.bob.say("/progress 1 +6")
    assert "🏆 Bob achieved goal #1" in reply.text
    undone = await group.bob.say("/undo 1")
    assert "↩️ Took back #1's last entry (10 books): Read 10 books is at 4 / 10 books" in (
        undone.text
    )
    assert "🏆 Taken back: goal #1 is not achieved after all, it's active again." in undone.text
    listing = await group.bob.say("/goals")
    assert "4 / 10 books" in listing.text
    undone = await group.bob.say("/undo 1")
    assert "at 0 / 10 books again" in undone.text and "Taken back" not in undone.text
    refused = await group.bob.say("/undo 1")
    assert "Goal #1 has no progress entry to take back. A /done by mistake? /reopen 1" in (
        refused.text
    )
    refused = await group.alice.say("/undo 1")
    assert "Goal #1 is Bob's: only Bob can change it." in refused.text
    refused = await group.bob.say("/undo")
    assert "Example: /undo 7" in refused.text


async def test_undo_leaves_an_achievement_a_done_made(group: Group) -> None:
    await group.bob.say("/goal Read 12 books by 2027-03-01 target 12 books")
    await group.bob.say("/progress 1 5")
    await group.bob.say("/done 1")
    undone = await group.bob.say("/undo 1")
    assert "Taken back" not in undone.text
    listing = await group.bob.say("/goals all")
    assert "Read 12 books" in listing.text
