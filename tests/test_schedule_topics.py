"""/schedule here: a forum supergroup's scheduled posts go to the topic an admin chose, and
come back to General, said once, when that topic is closed or deleted."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram.ext import Application

from bot.emulator import BotApiEmulator, SentMessage
from tests.conftest import FakeClock, Forum, Group, outside, run_tick
from tests.test_chat_life import rows_mentioning

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
FRIDAY_17 = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
LOST = "Admins: to choose a topic again, send /schedule here inside it"


def posts(emulator: BotApiEmulator, forum: Forum, marker: str) -> list[SentMessage]:
    """The bot's messages with this in them that answer no one: what it posted by itself."""
    return [m for m in emulator.bot_messages(forum.chat) if marker in m.text and not m.reply_to]


async def test_every_scheduled_post_goes_to_the_chosen_topic(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    reply = await forum.alice.say("/schedule here")
    assert "📌 Scheduled posts go to this topic from now on." in reply.text
    assert "📌 Posts go to the topic “Running”." in reply.text
    shown = await forum.bob_in_general.say("/schedule")
    assert "📌 Posts go to the topic “Running”." in shown.text
    assert "an admin sends /schedule here inside it" in shown.text
    await forum.bob_in_general.say("/goal Run a marathon by 2027-04-30")
    await forum.bob_in_general.say("/milestone 1 Half marathon by 2026-12-01")  # due soon
    before = len(outside(emulator, forum.chat, forum.topic))  # Bob's replies, in General
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    (reminder,) = posts(emulator, forum, ", milestone 1.1 Half marathon is ")
    assert prompt.topic is forum.topic and reminder.topic is forum.topic
    await forum.bob_in_general.press(prompt, "✅ On track")
    await emulator.wait_until(lambda: "Bob ✅" in prompt.text, what="Bob on the prompt")
    clock.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # monthly review
    await run_tick(bot)
    clock.now = FRIDAY_17
    await run_tick(bot)
    (review,) = posts(emulator, forum, "Monthly review")
    (summary,) = posts(emulator, forum, "Summary")
    assert review.topic is forum.topic and summary.topic is forum.topic
    assert len(outside(emulator, forum.chat, forum.topic)) == before


async def test_one_kind_goes_to_its_own_topic(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    weekly = await emulator.create_topic(forum.chat, "Weekly", forum.alice.user)
    alice_weekly = emulator.person(forum.alice.user, forum.chat, weekly)
    reply = await alice_weekly.say("/schedule here summary")
    assert "📌 Summaries go to this topic from now on." in reply.text
    assert "📌 Posts go to General, unless a line names a topic." in reply.text
    assert "Summary: Fri at 17:00 · next Fri 4 Dec 17:00 · in the topic “Weekly”" in reply.text
    assert "Check-in: Mon at 09:00 · next Mon 30 Nov 09:00\n" in reply.text
    reply = await forum.alice.say("/schedule here review")
    assert "📌 Monthly reviews and quarterly reviews go to this topic from now on." in reply.text
    assert "Quarterly review: 1 Jan, Apr, Jul, Oct at 10:00" in reply.text
    assert "in the topic “Running”" in reply.text
    clock.now = MONDAY_9
    await run_tick(bot)
    clock.now = FRIDAY_17
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    (summary,) = posts(emulator, forum, "Summary")
    assert prompt.topic is None and summary.topic is weekly


async def test_schedule_here_in_general_brings_the_posts_back(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await forum.alice.say("/schedule here")
    reply = await forum.alice_in_general.say("/schedule here")
    assert "📌 Scheduled posts go to General from now on." in reply.text
    assert "📌 Posts go to General." in reply.text
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is None


async def test_only_admins_choose_the_topic(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    refused = await forum.bob.say("/schedule here")
    assert "Only the group's admins can change its settings" in refused.text
    assert "/schedule" in refused.text
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is None


async def test_schedule_here_says_what_it_takes(forum: Forum) -> None:
    refused = await forum.alice.say("/schedule here sometimes")
    assert "name one kind if you like: checkin, summary, review, reminders or habits" in (
        refused.text
    )
    assert "/schedule here summary" in refused.text


async def test_a_group_without_topics_is_told_it_has_none(group: Group) -> None:
    no_topics = await group.alice.say("/schedule here")
    assert "This chat has no topics, so scheduled posts come here anyway." in no_topics.text
    assert "Example: /schedule here summary" in no_topics.text
    listing = await group.bob.say("/schedule")
    assert "📌" not in listing.text and "/schedule here" not in listing.text


async def test_a_closed_topic_gets_the_post_in_general_once_and_the_setting_falls_back(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await forum.alice.say("/schedule here")
    await emulator.close_topic(forum.topic, forum.alice.user)
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is None
    assert prompt.text.startswith(
        "⚠️ This was meant for the topic “Running”, which is closed, so it is here in General; "
        "scheduled posts come here from now on.\n"
    )
    assert LOST in prompt.text and "/schedule here summary" in prompt.text
    assert prompt.buttons()  # the check-in buttons came along
    await run_tick(bot)  # nothing is sent again
    assert len(posts(emulator, forum, "Check-in time")) == 1
    shown = await forum.bob_in_general.say("/schedule")
    assert "📌 Posts go to General." in shown.text
    await emulator.reopen_topic(forum.topic, forum.alice.user)  # reopening chooses nothing
    clock.now = FRIDAY_17
    await run_tick(bot)
    (summary,) = posts(emulator, forum, "Summary")
    assert summary.topic is None and "⚠️" not in summary.text
    sends = [
        c
        for c in emulator.calls_to("sendMessage")
        if c.params.get("message_thread_id") and not c.params.get("reply_parameters")
    ]
    assert len(sends) == 1  # the topic was tried once, never again


async def test_a_deleted_topic_is_said_so_and_reminders_fall_back_too(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    planning = await emulator.create_topic(forum.chat, "Planning", forum.alice.user)
    alice_planning = emulator.person(forum.alice.user, forum.chat, planning)
    await alice_planning.say("/schedule here reminders")
    await forum.bob.say("/goal Run a marathon by 2027-04-30")
    await forum.bob.say("/milestone 1 Half marathon by 2026-12-01")
    emulator.delete_topic(planning)
    clock.now = MONDAY_9
    await run_tick(bot)
    (reminder,) = posts(emulator, forum, ", milestone 1.1 Half marathon is ")
    assert reminder.topic is None
    assert reminder.text.startswith(
        "⚠️ This was meant for the topic “Planning”, which was deleted, so it is here in "
        "General; deadline reminders come here from now on.\n"
    )
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is None and "⚠️" not in prompt.text  # it never went to Planning
    shown = await forum.bob.say("/schedule")
    assert "Planning" not in shown.text


async def test_the_habit_prompt_and_what_a_press_on_it_celebrates_stay_in_the_topic(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await forum.alice.say("/schedule here habits")
    await forum.bob_in_general.say("/habit Stretch every day")
    for _ in range(6):  # six days in a row; the seventh is pressed on the prompt
        await forum.bob_in_general.say("/did 1")
        clock.advance(days=1)
    clock.now = clock.now.replace(hour=20)
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Habits for")
    assert prompt.topic is forum.topic and prompt.buttons()
    await forum.bob_in_general.press(prompt, prompt.buttons()[0]["text"])
    await emulator.wait_until(
        lambda: bool(posts(emulator, forum, "days in a row")), what="the streak celebration"
    )
    (celebration,) = posts(emulator, forum, "days in a row")
    assert "🎉 Bob has kept Stretch 7 days in a row! 🔥" in celebration.text
    assert celebration.topic is forum.topic


async def test_a_celebration_after_a_press_on_a_prompt_whose_topic_closed_goes_to_general(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await forum.alice.say("/schedule here habits")
    await forum.bob_in_general.say("/habit Stretch every day")
    for _ in range(6):
        await forum.bob_in_general.say("/did 1")
        clock.advance(days=1)
    clock.now = clock.now.replace(hour=20)
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Habits for")
    await emulator.close_topic(forum.topic, forum.alice.user)  # closed after the prompt
    await forum.bob_in_general.press(prompt, prompt.buttons()[0]["text"])
    await emulator.wait_until(
        lambda: bool(posts(emulator, forum, "days in a row")), what="the streak celebration"
    )
    (celebration,) = posts(emulator, forum, "days in a row")
    assert celebration.topic is None  # in General, not lost
    assert celebration.text.startswith("⚠️ This was meant for the topic “Running”, which is closed")
    assert "🎉 Bob has kept Stretch 7 days in a row! 🔥" in celebration.text
    assert "📌 Posts go to General." in (await forum.bob_in_general.say("/schedule")).text


async def test_a_group_that_became_a_forum_keeps_the_topic_chosen_there(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    old = emulator.add_group("Book Club", admins=(group.alice.user,), supergroup=False)
    await emulator.person(group.alice.user, old).say("/goal Read 12 books by 2027-12-31")
    new = await emulator.upgrade_to_supergroup(old, group.alice.user, notify=False, forum=True)
    topic = await emulator.create_topic(new, "Check-ins", group.alice.user)
    # The bot meets the supergroup before Telegram tells it of the move.
    await emulator.person(group.alice.user, new, topic).say("/schedule here checkin")
    await emulator.announce_upgrade(old, new, group.alice.user)
    listing = await emulator.person(group.alice.user, new).say("/schedule")
    assert "Check-in: Mon at 09:00 · next Mon 30 Nov 09:00 · in the topic “Check-ins”" in (
        listing.text
    )
    goals = await emulator.person(group.alice.user, new).say("/goals")
    assert "Read 12 books" in goals.text
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = [m for m in emulator.bot_messages(new) if "Check-in time" in m.text]
    assert prompt.topic is topic


async def test_forgetme_forgets_the_admin_and_keeps_the_groups_topic(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
    db_path: object,
) -> None:
    await forum.alice.say("/schedule here")
    await forum.alice.say("/goal Run a marathon by 2027-04-30")
    question = await forum.alice.say("/forgetme")
    assert question.topic is forum.topic
    await forum.alice.press(question, "Delete everything")
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    alice = forum.alice.user
    assert rows_mentioning(db_path, [alice.id, "Alice", "alice"]) == []  # type: ignore[arg-type]
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is forum.topic  # the group's setting, not hers


async def test_a_check_in_after_its_prompts_topic_was_deleted_is_answered_without_fuss(
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await forum.alice.say("/schedule here checkin")
    clock.now = MONDAY_9
    await run_tick(bot)
    (prompt,) = posts(emulator, forum, "Check-in time")
    assert prompt.topic is forum.topic
    emulator.delete_topic(forum.topic)  # the prompt goes with it
    reply = await forum.bob_in_general.say("/checkin on track")
    assert "Bob checked in: on track." in reply.text
    await forum.bob_in_general.say("/help")  # handled after the check-in, in order
    sorry = [m for m in emulator.bot_messages(forum.chat) if "went wrong" in m.text]
    assert sorry == []
