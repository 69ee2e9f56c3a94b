"""/timezone and /schedule: defaults, admin-only changes, next firing in local time."""

from __future__ import annotations

import pytest

from bot.emulator import BotApiEmulator, Chat
from tests.conftest import FakeClock, Group


async def test_a_new_group_gets_the_default_schedules(group: Group) -> None:
    await group.alice.say("/start")
    reply = await group.bob.say("/schedule")
    text = reply.text
    assert "time zone UTC" in text
    assert "Check-in: Mon at 09:00 · next Mon 30 Nov 09:00" in text
    assert "Summary: Fri at 17:00 · next Fri 4 Dec 17:00" in text
    assert "Monthly review: day 1 of each month at 10:00 · next Tue 1 Dec 10:00" in text
    assert "Quarterly review: 1 Jan, Apr, Jul, Oct at 10:00 · next Fri 1 Jan 2027 10:00" in text
    assert "Deadline reminders: 2 days before each milestone and goal deadline, at 09:00" in text


async def test_timezone_is_shown_to_all_and_set_by_admins(group: Group) -> None:
    reply = await group.bob.say("/timezone")
    assert "This chat runs on UTC" in reply.text
    refused = await group.bob.say("/timezone Europe/Berlin")
    assert "Only the group's admins can change its settings" in refused.text
    reply = await group.alice.say("/timezone Europe/Berlin")
    assert "Time zone set to Europe/Berlin (now Sat 10:00 there)" in reply.text
    schedule = await group.bob.say("/schedule")
    assert "time zone Europe/Berlin" in schedule.text
    assert "Check-in: Mon at 09:00 · next Mon 30 Nov 09:00" in schedule.text
    unknown = await group.alice.say("/timezone Mars/Olympus")
    assert "I don't know the time zone “Mars/Olympus”" in unknown.text
    assert "Example: /timezone Europe/Berlin" in unknown.text


async def test_a_time_zone_may_be_named_as_people_say_it(group: Group) -> None:
    unknown = await group.alice.say("/timezone new york")
    assert "Did you mean America/New_York?" in unknown.text
    assert "This chat runs on UTC" in (await group.bob.say("/timezone")).text  # not set
    reply = await group.alice.say("/timezone europe/berlin")
    assert "Time zone set to Europe/Berlin" in reply.text
    unknown = await group.alice.say("/timezone Tokio")
    assert "Did you mean Asia/Tokyo?" in unknown.text
    assert "Example: /timezone Asia/Tokyo" in unknown.text
    unknown = await group.alice.say("/timezone CET")
    assert "Did you mean" not in unknown.text and "Area/City" in unknown.text
    assert "time zone Europe/Berlin" in (await group.bob.say("/schedule")).text


async def test_dates_follow_the_chats_time_zone(group: Group, clock: FakeClock) -> None:
    clock.advance(hours=11)  # Sat 20:00 UTC is Sun 10:00 in Kiritimati (UTC+14)
    await group.alice.say("/timezone Pacific/Kiritimati")
    reply = await group.alice.say("/goal Read 3 books by tomorrow target 3 books")
    assert "due Mon 30 Nov (tomorrow)" in reply.text


async def test_admins_change_schedules(group: Group) -> None:
    reply = await group.alice.say("/schedule checkin mon,thu 08:30")
    assert "Check-in: Mon, Thu at 08:30 · next Mon 30 Nov 08:30" in reply.text
    reply = await group.alice.say("/schedule summary weekdays 18:00")
    assert "Summary: weekdays at 18:00 · next Mon 30 Nov 18:00" in reply.text
    reply = await group.alice.say("/schedule review monthly 15 09:00")
    assert "Monthly review: day 15 of each month at 09:00 · next Tue 15 Dec 09:00" in reply.text
    reply = await group.alice.say("/schedule review quarterly 11:00")
    assert "Quarterly review: 1 Jan, Apr, Jul, Oct at 11:00" in reply.text
    reply = await group.alice.say("/schedule reminders 5 days")
    assert "Deadline reminders: 5 days before each milestone" in reply.text
    reply = await group.alice.say("/schedule reminders 1 day")
    assert "Deadline reminders: 1 day before each milestone and goal deadline" in reply.text
    reply = await group.alice.say("/schedule off review")
    assert "Monthly review: off" in reply.text and "Quarterly review: off" in reply.text
    reply = await group.alice.say("/schedule on review monthly")
    assert "Monthly review: day 15 of each month at 09:00" in reply.text
    assert "Quarterly review: off" in reply.text


async def test_schedules_as_people_type_them(group: Group) -> None:
    reply = await group.alice.say("/schedule checkin tuesday 7am")
    assert "Check-in: Tue at 07:00" in reply.text
    reply = await group.alice.say("/schedule checkin mon, thu 4:30 pm")
    assert "Check-in: Mon, Thu at 16:30" in reply.text
    reply = await group.alice.say("/schedule summary fri 12pm")
    assert "Summary: Fri at 12:00" in reply.text


async def test_non_admins_cannot_change_schedules(group: Group) -> None:
    refused = await group.bob.say("/schedule checkin daily 07:00")
    assert "Only the group's admins" in refused.text
    reply = await group.bob.say("/schedule")
    assert "Check-in: Mon at 09:00" in reply.text


async def test_anyone_is_admin_in_their_private_chat(emulator: BotApiEmulator, bot: object) -> None:
    dave = emulator.add_user("Dave")
    me = emulator.person(dave, emulator.private_chat(dave))
    reply = await me.say("/schedule checkin daily 07:00")
    assert "Check-in: daily at 07:00" in reply.text


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        ("/schedule checkin someday 09:00", "Days are daily, weekdays, weekends, or a list"),
        ("/schedule checkin mon 25:00", "Times are like 09:00, 17:30 or 5pm"),
        ("/schedule checkin mon 13pm", "Times are like 09:00, 17:30 or 5pm"),
        (
            "/schedule reminders 2 days 14:00",
            "Reminders always go out at 09:00; say only how many days ahead.\n"
            "Example: /schedule reminders 2 days",
        ),
        ("/schedule checkin mon", "Give the days, then the time"),
        (
            "/schedule review monthly 40 10:00",
            "1 to 31 (short months use their last day).\nExample: /schedule review monthly 31 10:00",
        ),
        ("/schedule review weekly 10:00", "/schedule review monthly 1 10:00"),
        ("/schedule reminders 99 days", "0 to 30 days ahead.\nExample: /schedule reminders 3 days"),
        (
            "/schedule reminders soon",
            "Say how many days ahead.\nExample: /schedule reminders 3 days",
        ),
        ("/schedule off everything", "Say what to switch"),
        ("/schedule party 10:00", "I know checkin, summary, review, reminders"),
    ],
)
async def test_bad_schedule_commands_are_explained(group: Group, command: str, reason: str) -> None:
    before = (await group.alice.say("/schedule")).text
    reply = await group.alice.say(command)
    assert reason in reply.text
    assert "Example: /schedule" in reply.text
    assert (await group.alice.say("/schedule")).text == before


async def test_an_anonymous_admin_counts_as_admin_for_settings_only(
    group: Group, emulator: BotApiEmulator
) -> None:
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/timezone Asia/Tokyo", as_group=True)
    reply = await emulator.next_bot_message(group.chat, before)
    assert "Time zone set to Asia/Tokyo" in reply.text
    await emulator.send(
        group.alice.user, group.chat, "/goal Run a marathon by 2027-04-30", as_group=True
    )
    reply = await emulator.next_bot_message(group.chat, before + 1)
    assert "post as the group" in reply.text


async def test_a_command_sent_as_a_channel_gets_one_reply_that_says_why(
    group: Group, emulator: BotApiEmulator
) -> None:
    channel = Chat(-1009990001, "channel", title="Club news")
    for text in ("/timezone Asia/Tokyo", "/goal Run a marathon by 2027-04-30", "/goal"):
        before = len(emulator.bot_messages(group.chat))
        await emulator.send(group.alice.user, group.chat, text, as_channel=channel)
        reply = await emulator.next_bot_message(group.chat, before)
        assert "I can't tell who you are when you post as a channel." in reply.text
    listing = await group.alice.say("/goals")
    assert "Run a marathon" not in listing.text
    assert len(emulator.bot_messages(group.chat)) == before + 2  # one answer each, no more
