"""Goals dropped in the quarterly review: where they go."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram.ext import Application

from bot.emulator import BotApiEmulator, SentMessage
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


async def test_goals_lists_never_say_there_are_none_when_some_were_dropped(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Learn piano by 2027-06-30")
    review = await quarterly_review(emulator, group, bot, clock)
    await group.alice.press(review, "#1 drop")

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
