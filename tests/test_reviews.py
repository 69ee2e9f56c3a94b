"""The quarterly review's buttons once a goal is dropped or achieved, and where dropped goals go."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from telegram.ext import Application

from bot.emulator import BotApiEmulator, SentMessage
from bot.emulator.person import Person
from tests.conftest import FakeClock, Group, run_tick

NEW_QUARTER = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)


async def quarterly_review(
    emulator: BotApiEmulator,
    group: Group,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> SentMessage:
    clock.now = NEW_QUARTER
    await run_tick(bot)
    (review,) = [m for m in emulator.bot_messages(group.chat) if "Quarterly review" in m.text]
    return review


@pytest.fixture
async def review(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> SentMessage:
    """The new quarter's review of Alice's goal #1 Learn piano and Bob's #2 Swim 20 km."""
    await group.alice.say("/goal Learn piano by 2027-06-30")
    await group.bob.say("/goal Swim 20 km by 2027-12-31 target 20 km")
    return await quarterly_review(emulator, group, bot, clock)


def row(review: SentMessage, number: int) -> str:
    found = [line for line in review.text.splitlines() if line.startswith(f"#{number} ")]
    assert found, f"no row for goal #{number} in {review.text!r}"
    return found[0]


def labels(review: SentMessage) -> list[str]:
    return [b["text"] for b in review.buttons()]


async def drop(
    person: Person, emulator: BotApiEmulator, review: SentMessage, number: int
) -> dict[str, object]:
    """Drop a goal in the review: the first tap asks, the second drops; the second's toast."""
    await person.press(review, f"#{number} drop")
    again = f"Tap again to drop #{number}"
    await emulator.wait_until(lambda: again in labels(review), what="the second tap's button")
    return await person.press(review, again)


async def at_once(
    emulator: BotApiEmulator, review: SentMessage, taps: list[tuple[Person, str]]
) -> list[str]:
    """Taps made before the bot has handled any of them: Telegram still shows the buttons
    each was made on. Their toasts, in order."""
    ids = [await emulator.press(person.user, review, label) for person, label in taps]
    await emulator.wait_until(
        lambda: all(i in emulator.callback_answers for i in ids), what="the taps' answers"
    )
    return [str(emulator.callback_answers[i]["text"]) for i in ids]


async def test_a_dropped_goal_keeps_its_row_but_loses_its_buttons(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    await group.alice.press(review, "#1 drop")
    await emulator.wait_until(lambda: "Tap again to drop #1" in labels(review), what="the ask")
    # What Alice's phone still shows once the edit is out, if it has not reached her yet.
    before_the_edit = copy.copy(review)
    # Taps that reach the bot before it has handled the drop: they find the goal dropped.
    toasts = await at_once(
        emulator,
        review,
        [
            (group.alice, "Tap again to drop #1"),
            (group.alice, "#1 adjust"),
            (group.alice, "#1 keep"),
        ],
    )
    assert toasts[0] == "Goal #1 dropped and off the goal list. Changed your mind? /reopen 1"
    assert (
        toasts[1:]
        == ["Goal #1 was dropped, so there's nothing left to decide. Want it back? /reopen 1"] * 2
    )
    await emulator.wait_until(lambda: "#1 keep" not in labels(review), what="#1's buttons gone")
    assert row(review, 1) == "#1 Learn piano (Alice) · ❌ dropped, off the goal list"
    assert labels(review) == ["#2 keep", "#2 adjust", "#2 drop"]

    # Taps after it: Telegram sends the message as it is now, without #1's buttons.
    for late in ("#1 adjust", "#1 keep"):
        toast = await group.alice.press(before_the_edit, late)
        assert toast["text"] == "This button is out of date.", late
    assert row(review, 1) == "#1 Learn piano (Alice) · ❌ dropped, off the goal list"
    mine = await group.alice.say("/goals")
    assert "Learn piano" not in mine.text, "a late keep does not bring the goal back"

    await group.bob.press(review, "#2 keep")
    await emulator.wait_until(lambda: "✅ keep" in review.text, what="Bob's choice")
    assert row(review, 1) == "#1 Learn piano (Alice) · ❌ dropped, off the goal list"
    assert labels(review) == ["#2 keep", "#2 adjust", "#2 drop"]

    everyone = await group.carol.say("/goals all")
    assert "Swim 20 km" in everyone.text and "Learn piano" not in everyone.text
    assert everyone.text.endswith("1 dropped goal is off the list.")


async def test_a_goal_dropped_in_the_review_and_reopened_gets_its_buttons_back(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    await drop(group.alice, emulator, review, 1)
    await emulator.wait_until(lambda: "#1 keep" not in labels(review), what="#1's buttons gone")
    await group.alice.say("/reopen 1")
    await group.bob.press(review, "#2 keep")
    await emulator.wait_until(lambda: "#1 keep" in labels(review), what="#1's buttons back")
    assert "drop" not in row(review, 1)  # the old answer no longer stands
    toast = await group.alice.press(review, "#1 keep")
    assert toast["text"] == "Keeping goal #1. Onward!"


async def test_review_buttons_of_a_goal_finished_elsewhere_say_so(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    before_the_edit = copy.copy(review)
    await group.alice.say("/done 1")
    question = await group.bob.say("/abandon 2")
    await group.bob.press(question, "Abandon #2")

    toasts = await at_once(
        emulator,
        review,
        [(group.alice, "#1 keep"), (group.alice, "#1 adjust"), (group.carol, "#2 keep")],
    )
    assert toasts[:2] == ["Goal #1 is already achieved 🏆 Nothing left to decide."] * 2
    assert toasts[2] == "Goal #2 was dropped, so there's nothing left to decide."  # not hers
    await emulator.wait_until(lambda: not review.buttons(), what="the finished goals' buttons gone")
    assert row(review, 1) == "#1 Learn piano (Alice) · 🏆 achieved"
    assert row(review, 2) == "#2 Swim 20 km (Bob) · ❌ dropped, off the goal list"
    # Taps on what a phone showed before that edit: the buttons are gone, so out of date.
    toast = await group.alice.press(before_the_edit, "#1 adjust")
    assert toast["text"] == "This button is out of date."
    toast = await group.carol.press(before_the_edit, "#2 keep")
    assert toast["text"] == "This button is out of date."
    assert row(review, 1) == "#1 Learn piano (Alice) · 🏆 achieved"
    assert row(review, 2) == "#2 Swim 20 km (Bob) · ❌ dropped, off the goal list"
    listing = await group.bob.say("/goals")
    assert "Swim 20 km" not in listing.text, "a late keep does not bring the goal back"


async def test_goals_lists_never_say_there_are_none_when_some_were_dropped(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Learn piano by 2027-06-30")
    review = await quarterly_review(emulator, group, bot, clock)
    await drop(group.alice, emulator, review, 1)

    everyone = await group.bob.say("/goals all")
    assert "No goals in this chat yet" not in everyone.text
    assert everyone.text.startswith(
        "No active or achieved goals in this chat; 1 dropped goal is off the list.\n"
        "Set a new one: /goal "
    )
    mine = await group.alice.say("/goals")
    assert mine.text.startswith(
        "You have no active or achieved goals here, Alice; your 1 dropped goal is off the list."
    )
    bobs = await group.bob.say("/goals")
    assert "You have no goals in this chat yet, Bob" in bobs.text

    await group.alice.say("/goal Learn guitar by 2027-06-30")
    mine = await group.alice.say("/goals")
    assert "Learn guitar" in mine.text and "Learn piano" not in mine.text
    assert mine.text.endswith("Your 1 dropped goal is off the list.")

    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    everywhere = await private.say("/goals")
    assert "Learn guitar" in everywhere.text
    assert everywhere.text.endswith("Your 1 dropped goal is off the list.")


async def test_a_review_still_works_after_an_owner_asked_to_be_forgotten(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    question = await group.alice.say("/forgetme")
    await group.alice.press(question, "Delete everything")

    toast = await group.bob.press(review, "#2 keep")
    assert toast["text"] == "Keeping goal #2. Onward!"
    await emulator.wait_until(lambda: "✅ keep" in review.text, what="Bob's choice")
    assert "Learn piano" not in review.text
    assert labels(review) == ["#2 keep", "#2 adjust", "#2 drop"]


async def test_adjust_keeps_its_how_to_on_the_review(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    toast = await group.bob.press(review, "#2 adjust")
    assert "/reschedule 2" in toast["text"]
    await emulator.wait_until(lambda: "✏️ adjust" in review.text, what="Bob's choice")
    assert row(review, 2).endswith("· ✏️ adjust: /reschedule 2 <date> or /target 2 <number>")


async def test_drop_asks_for_a_second_tap_so_a_mis_tap_drops_nothing(
    group: Group, emulator: BotApiEmulator, review: SentMessage
) -> None:
    toast = await group.alice.press(review, "#1 drop")
    assert toast["text"] == (
        "Drop goal #1? Tap “Tap again to drop #1” to drop it; any other button keeps it."
    )
    await emulator.wait_until(lambda: "Tap again to drop #1" in labels(review), what="the ask")
    assert labels(review) == [
        "#1 keep", "#1 adjust", "Tap again to drop #1", "#2 keep", "#2 adjust", "#2 drop"
    ]  # fmt: skip
    assert row(review, 1).endswith("· drop it? Tap again to drop")
    assert "Learn piano" in (await group.alice.say("/goals")).text  # not dropped yet
    toast = await group.bob.press(review, "Tap again to drop #1")
    assert toast["text"] == "Only Alice can decide about goal #1."
    # Another button lets the question go: the mis-tap dropped nothing.
    await group.alice.press(review, "#1 keep")
    await emulator.wait_until(lambda: "✅ keep" in row(review, 1), what="Alice's keep")
    assert "Tap again to drop #1" not in labels(review) and "Tap again" not in review.text
    assert "Learn piano" in (await group.alice.say("/goals")).text
    toast = await drop(group.alice, emulator, review, 1)
    assert toast["text"] == "Goal #1 dropped and off the goal list. Changed your mind? /reopen 1"
    await emulator.wait_until(lambda: "#1 keep" not in labels(review), what="#1's buttons gone")
    assert row(review, 1) == "#1 Learn piano (Alice) · ❌ dropped, off the goal list"
    assert "Learn piano" not in (await group.alice.say("/goals")).text
