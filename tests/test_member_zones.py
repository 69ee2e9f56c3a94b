"""Each member's own time zone: set in their private chat, used for them in every group (the
dates they type, their today, their habits' days, their milestones' due days, their
reminders), while the group's scheduled posts keep the group's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.domain.dates import far_clock
from bot.emulator import BotApiEmulator, SentMessage
from bot.emulator.person import Person
from tests.conftest import FakeClock, Group, peek, run_tick

# Friday 4 December, 21:00 in New York; Saturday 5 December, 10:00 in Singapore.
NY_FRIDAY_NIGHT = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


def private(emulator: BotApiEmulator, person: Person) -> Person:
    return emulator.person(person.user, emulator.private_chat(person.user))


async def new_york_group(group: Group) -> None:
    assert "America/New_York" in (await group.alice.say("/timezone America/New_York")).text


async def own_zone(emulator: BotApiEmulator, person: Person, zone: str) -> None:
    reply = await private(emulator, person).say(f"/timezone {zone}")
    assert f"Your time zone is now {zone}" in reply.text


def member_block(summary: str, who: str) -> str:
    """A member's part of a summary: from their name to the next blank line."""
    (block,) = [b for b in summary.split("\n\n") if b.startswith(who)]
    return block


def posts(emulator: BotApiEmulator, group: Group, marker: str) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(group.chat) if marker in m.text]


async def test_a_member_sets_their_own_zone_in_private_and_the_group_keeps_its_own(
    group: Group, emulator: BotApiEmulator
) -> None:
    await new_york_group(group)
    bob = private(emulator, group.bob)
    assert "no time zone of your own" in (await bob.say("/timezone")).text
    near_miss = await bob.say("/timezone Singapur")
    assert "Did you mean Asia/Singapore?" in near_miss.text
    assert "Example: /timezone Asia/Singapore" in near_miss.text
    assert "no time zone of your own" in (await bob.say("/timezone")).text  # nothing stored

    set_reply = await bob.say("/timezone Asia/Singapore")
    assert "Your time zone is now Asia/Singapore (now Sat 17:00 there)" in set_reply.text
    assert "Back to each group's zone: /timezone off" in set_reply.text
    assert "Your time zone is Asia/Singapore" in (await bob.say("/timezone")).text

    in_group = await group.bob.say("/timezone")
    assert "This chat runs on America/New_York (now Sat 04:00)" in in_group.text
    assert "Yours: Asia/Singapore (now Sat 17:00)" in in_group.text
    assert "Yours" not in (await group.alice.say("/timezone")).text  # Alice has none

    assert "group's zone again" in (await bob.say("/timezone off")).text
    assert "no time zone of your own" in (await bob.say("/timezone")).text
    assert "Yours" not in (await group.bob.say("/timezone")).text
    # Bob is no admin of the group: his own zone is his, the group's is not his to change.
    assert "America/New_York" not in (await group.bob.say("/timezone Asia/Singapore")).text
    assert "This chat runs on America/New_York" in (await group.alice.say("/timezone")).text


async def test_dates_a_member_types_are_read_on_their_own_calendar(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    clock.now = NY_FRIDAY_NIGHT
    bobs = await group.bob.say("/goal Read 3 books by tomorrow target 3 books")
    assert "due Sun 6 Dec (tomorrow)" in bobs.text  # Singapore's tomorrow
    alices = await group.alice.say("/goal Read 2 books by tomorrow target 2 books")
    assert "due Sat 5 Dec (tomorrow)" in alices.text  # New York's
    milestone = await group.bob.say("/milestone 1 First book by today")
    assert "due Sat 5 Dec (today)" in milestone.text
    moved = await group.bob.say("/reschedule 1 next monday")
    assert "now due Mon 7 Dec (in 2 days), moved from Sun 6 Dec" in moved.text
    hers = await group.alice.say("/milestone 2 First chapter by 2026-12-04")
    assert "📍 Milestone 2.1 for Alice: First chapter\n   due Fri 4 Dec (today)" in hers.text
    # Friday is already gone in Singapore: in the past for Bob, though New York is still on it.
    too_soon = await group.bob.say("/milestone 1 Prologue by 2026-12-04")
    assert "Fri 4 Dec is in the past: pick Sat 5 Dec or later." in too_soon.text
    assert "Prologue" not in (await group.bob.say("/goals")).text


async def test_a_members_habit_days_are_their_own(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    clock.now = NY_FRIDAY_NIGHT
    await group.bob.say("/habit Meditate every day")  # from Saturday, his today
    await group.alice.say("/habit Stretch every day")  # from Friday, hers
    before = await group.bob.say("/did 1 yesterday")  # Friday: before his habit began
    assert "Habit #1 wasn't running on that day" in before.text
    assert "done today" in (await group.bob.say("/did 1")).text
    assert "done today" in (await group.alice.say("/did 2")).text
    clock.advance(hours=4)  # New York: Saturday 01:00; Singapore: still Saturday, 14:00
    assert "already" in (await group.bob.say("/did 1")).text  # the same day for him
    assert "done today" in (await group.alice.say("/did 2")).text  # a new day for her
    listing = (await group.alice.say("/goals all")).text
    assert "🔥 1 day" in listing and "🔥 2 days" in listing
    clock.advance(hours=11)  # Singapore: Sunday 01:00; New York: Saturday 12:00
    assert "done today" in (await group.bob.say("/did 1")).text
    assert "already" in (await group.alice.say("/did 2")).text


async def test_summaries_and_goals_show_a_far_members_clock_beside_their_name(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)
    dana = emulator.add_user("Dana", "dana")
    dana_here = emulator.person(dana, group.chat)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    await own_zone(emulator, dana_here, "America/Chicago")  # an hour from New York
    clock.now = NY_FRIDAY_NIGHT
    await group.bob.say("/goal Read 3 books by 2027-03-31 target 3 books")
    await dana_here.say("/goal Swim 40 km by 2027-03-31 target 40 km")
    await group.alice.say("/goal Run 100 km by 2027-03-31 target 100 km")
    for text in (
        (await group.alice.say("/summary")).text,
        (await group.alice.say("/goals all")).text,
    ):
        assert "Bob · 10:00 in Singapore" in text
        assert "Dana ·" not in text and "Alice ·" not in text


async def test_a_milestone_falls_overdue_at_the_end_of_its_owners_day(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    clock.now = NY_FRIDAY_NIGHT
    await group.bob.say("/goal Read 3 books by 2027-03-31 target 3 books")
    await group.bob.say("/milestone 1 First book by tomorrow")  # Sunday 6 December
    await group.alice.say("/goal Run 100 km by 2027-03-31 target 100 km")
    await group.alice.say("/milestone 2 First 10 km by 2026-12-06")
    clock.now = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Singapore Monday 01:00; NY Sunday
    summary = (await group.alice.say("/summary")).text
    assert "⚠️ Overdue: 1.1 First book" in summary
    assert "⚠️ Overdue: 2.1" not in summary and "📍 Next: 2.1 First 10 km" in summary


async def test_reminders_go_at_the_reminder_time_on_each_owners_clock(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    await group.bob.say("/goal Read 3 books by 2027-03-31 target 3 books")
    await group.bob.say("/milestone 1 First book by 2026-12-03")
    await group.alice.say("/goal Run 100 km by 2027-03-31 target 100 km")
    await group.alice.say("/milestone 2 First 10 km by 2026-12-03")
    clock.now = datetime(2026, 12, 1, 0, 59, tzinfo=UTC)  # 08:59 in Singapore
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []
    clock.now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in Singapore, 20:00 in NY
    await run_tick(bot)
    await run_tick(bot)
    (bobs,) = posts(emulator, group, "is due")
    assert "Bob, milestone 1.1 First book is due Thu 3 Dec (in 2 days)" in bobs.text
    assert "Alice" not in bobs.text  # her 09:00 is still to come
    clock.now = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # 09:00 in New York
    await run_tick(bot)
    await run_tick(bot)
    _, alices = posts(emulator, group, "is due")
    assert "Alice, milestone 2.1 First 10 km is due Thu 3 Dec (in 2 days)" in alices.text
    assert "Bob" not in alices.text  # his went out once, in the morning of his day


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # New York moves its clocks on 14 March 2027, Berlin on 28 March: 09:00 in Berlin is
        # 08:00 UTC before the 28th, 07:00 UTC after it, whatever New York does.
        (datetime(2027, 3, 20, 7, 59, tzinfo=UTC), datetime(2027, 3, 20, 8, 0, tzinfo=UTC)),
        (datetime(2027, 3, 30, 6, 59, tzinfo=UTC), datetime(2027, 3, 30, 7, 0, tzinfo=UTC)),
        # And back: New York on 7 November, Berlin on 31 October 2027.
        (datetime(2027, 11, 2, 7, 59, tzinfo=UTC), datetime(2027, 11, 2, 8, 0, tzinfo=UTC)),
        (datetime(2027, 10, 27, 6, 59, tzinfo=UTC), datetime(2027, 10, 27, 7, 0, tzinfo=UTC)),
    ],
)
async def test_a_berlin_members_reminders_follow_berlins_summer_time_in_a_new_york_group(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    before: datetime,
    after: datetime,
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Europe/Berlin")
    due = (after + timedelta(days=2)).date()
    clock.now = after - timedelta(days=5)
    await group.bob.say("/goal Read 3 books by 2027-12-31 target 3 books")
    await group.bob.say(f"/milestone 1 First book by {due.isoformat()}")
    clock.now = before
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []
    clock.now = after
    await run_tick(bot)
    await run_tick(bot)
    (reminder,) = posts(emulator, group, "is due")
    assert "Bob, milestone 1.1 First book is due" in reminder.text


@pytest.mark.parametrize(
    ("zone", "nine_utc"),
    [("Asia/Kolkata", datetime(2026, 12, 1, 3, 30, tzinfo=UTC)),
     ("Asia/Kathmandu", datetime(2026, 12, 1, 3, 15, tzinfo=UTC))],
)  # fmt: skip
async def test_reminders_keep_half_and_quarter_hour_offsets(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    zone: str,
    nine_utc: datetime,
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, zone)
    await group.bob.say("/goal Read 3 books by 2027-03-31 target 3 books")
    await group.bob.say("/milestone 1 First book by 2026-12-03")
    clock.now = nine_utc - timedelta(minutes=1)
    await run_tick(bot)
    assert posts(emulator, group, "is due") == []
    clock.now = nine_utc
    await run_tick(bot)
    assert len(posts(emulator, group, "Bob, milestone 1.1 First book is due")) == 1


@pytest.mark.parametrize(
    ("zone", "group_zone", "at", "shown"),
    [
        ("Asia/Singapore", "America/New_York", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), "10:40"),
        ("America/Chicago", "America/New_York", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), None),
        ("Europe/London", "Europe/Berlin", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), None),
        ("Asia/Kathmandu", "UTC", datetime(2026, 12, 5, 9, 0, tzinfo=UTC), "14:45"),
        (
            "Asia/Kathmandu",
            "Asia/Kolkata",
            datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
            None,
        ),  # 15 minutes
        (
            "Asia/Kolkata",
            "Europe/Berlin",
            datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
            "14:30",
        ),  # 4 h 30 min
        # 6 hours in winter, 5 for the two weeks New York is on summer time and Berlin is not.
        ("Europe/Berlin", "America/New_York", datetime(2027, 3, 20, 12, 0, tzinfo=UTC), "13:00"),
        ("Asia/Singapore", "Asia/Singapore", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), None),
        (None, "America/New_York", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), None),
        ("Asia/Tokyo", "Australia/Brisbane", datetime(2026, 12, 5, 2, 40, tzinfo=UTC), None),  # 1 h
        (
            "Pacific/Kiritimati",
            "Pacific/Honolulu",
            datetime(2026, 12, 5, 2, 40, tzinfo=UTC),
            "16:40",
        ),
    ],
)
def test_a_members_clock_shows_only_three_hours_or_more_from_the_groups(
    zone: str | None, group_zone: str, at: datetime, shown: str | None
) -> None:
    found = far_clock(zone, group_zone, at)
    assert (found.at.strftime("%H:%M") if found else None) == shown


async def test_a_members_zone_stays_theirs_when_the_group_becomes_a_supergroup(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    new = await emulator.upgrade_to_supergroup(group.chat, by=group.alice.user)
    bob_there = emulator.person(group.bob.user, new)
    clock.now = NY_FRIDAY_NIGHT
    assert "Yours: Asia/Singapore" in (await bob_there.say("/timezone")).text
    goal = await bob_there.say("/goal Read 3 books by tomorrow target 3 books")
    assert "due Sun 6 Dec (tomorrow)" in goal.text


async def test_forgetme_forgets_a_members_own_zone(
    group: Group, emulator: BotApiEmulator, db_path: Path
) -> None:
    await own_zone(emulator, group.bob, "Asia/Kathmandu")
    question = await group.bob.say("/forgetme")
    await group.bob.press(question, "Delete everything")
    await emulator.wait_until(lambda: question.edits == 1, what="the confirmation")
    conn = peek(db_path)
    try:
        found = conn.execute(
            "SELECT COUNT(*) FROM members WHERE timezone = 'Asia/Kathmandu'"
        ).fetchone()
        chats = conn.execute("SELECT COUNT(*) FROM chats WHERE timezone = 'Asia/Kathmandu'")
        assert (found, chats.fetchone()) == ((0,), (0,))
    finally:
        conn.close()
    assert "no time zone of your own" in (await private(emulator, group.bob).say("/timezone")).text


async def test_a_checkin_before_the_prompt_on_its_day_counts_for_the_coming_week_on_their_calendar(
    group: Group, emulator: BotApiEmulator, clock: FakeClock
) -> None:
    await new_york_group(group)  # the check-in prompt: Mondays 09:00 in New York
    await own_zone(emulator, group.bob, "Asia/Singapore")
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Singapore
    bobs = await group.bob.say("/checkin on track")  # Monday for him: the prompt's day
    assert "Counted for the week from Mon 30 Nov." in bobs.text
    alices = await group.alice.say("/checkin on track")  # still Sunday in New York
    assert "Counted for the week from Mon 23 Nov." in alices.text


async def test_a_habit_reminder_goes_at_the_reminder_time_on_its_owners_clock(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Asia/Singapore")
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Singapore
    await group.bob.say("/habit Gym 3 times a week")
    clock.now = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
    await group.alice.say("/habit Swim 3 times a week")
    await run_tick(bot)
    clock.now = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # Thursday 09:00 in Singapore
    await run_tick(bot)
    assert posts(emulator, group, "needs today") == []  # 3 to do in 4 days: not yet
    clock.now = datetime(2026, 12, 4, 0, 59, tzinfo=UTC)
    await run_tick(bot)
    assert posts(emulator, group, "needs today") == []
    clock.now = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)  # Friday 09:00 in Singapore
    await run_tick(bot)
    await run_tick(bot)
    (bobs,) = posts(emulator, group, "needs today")
    assert "Bob, #1 Gym needs today: 3 more this week, 3 days left." in bobs.text
    assert "Swim" not in bobs.text  # Thursday evening in New York: Alice's day is not over
    clock.now = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)  # Friday 09:00 in New York
    await run_tick(bot)
    await run_tick(bot)
    _, alices = posts(emulator, group, "needs today")
    assert "Alice, #2 Swim needs today: 3 more this week, 3 days left." in alices.text
    assert "Gym" not in alices.text  # Bob's went out once, on the morning of his Friday


async def test_a_three_zone_group_lives_through_march_on_each_members_own_days(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    """New York group; Bob in Berlin, Carol in Singapore. March 2027 moves New York's clocks on
    the 14th and Berlin's on the 28th. Every reminder, habit day, overdue flag and check-in
    lands on the member's own day, hour by hour."""
    await new_york_group(group)
    await own_zone(emulator, group.bob, "Europe/Berlin")
    await own_zone(emulator, group.carol, "Asia/Singapore")
    people = {"Alice": group.alice, "Bob": group.bob, "Carol": group.carol}
    zones = {"Alice": "America/New_York", "Bob": "Europe/Berlin", "Carol": "Asia/Singapore"}
    due = {"Alice": date(2027, 3, 16), "Bob": date(2027, 3, 30), "Carol": date(2027, 3, 15)}
    clock.now = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)
    for n, (who, person) in enumerate(people.items()):
        await person.say(f"/goal Learn {who} by 2027-04-30")
        await person.say(f"/milestone {n + 1} Step by {due[who].isoformat()}")
    for who, person in people.items():
        await person.say(f"/habit Journal of {who} every day")  # #4, #5, #6: from their today
    habit = {"Alice": 4, "Bob": 5, "Carol": 6}
    days_done = dict.fromkeys(people, 0)
    reminded: dict[str, list[datetime]] = {who: [] for who in people}
    nudged: dict[str, list[datetime]] = {who: [] for who in people}
    seen = 0
    while clock.now < datetime(2027, 4, 1, 12, 0, tzinfo=UTC):
        await run_tick(bot)
        messages = emulator.bot_messages(group.chat)
        for message in messages[seen:]:
            for who in people:
                local = clock.now.astimezone(ZoneInfo(zones[who]))
                if f"{who}, milestone" in message.text and "is due" in message.text:
                    reminded[who].append(local)
                if f"{who}, milestone" in message.text and "was due" in message.text:
                    nudged[who].append(local)
        seen = len(messages)
        for who, person in people.items():
            local = clock.now.astimezone(ZoneInfo(zones[who]))
            if local.date() >= date(2027, 4, 1):
                continue
            if local.hour == 0 and local.date() > date(2027, 3, 1):  # first thing of their day
                assert "done today" in (await person.say(f"/did {habit[who]}")).text, local
                days_done[who] += 1
            if local.hour == 23 and local.date() > date(2027, 3, 1):  # last thing: same day
                again = await person.say(f"/did {habit[who]}")
                assert "already" in again.text, (who, local)
            if local.hour == 23 and local.date() == due[who]:  # the due day's last hour
                block = member_block((await group.alice.say("/summary")).text, who)
                assert "📍 Next:" in block and "⚠️ Overdue" not in block, (who, local)
            if local.hour == 0 and local.date() == due[who] + timedelta(days=1):
                block = member_block((await group.alice.say("/summary")).text, who)
                assert "⚠️ Overdue:" in block, (who, local)
            if local.weekday() == 0 and local.hour == 8:  # Monday 08:00 on their clock
                counted = await person.say("/checkin on track")
                assert f"Counted for the week from {local:%a} {local.day} Mar" in counted.text
        clock.advance(hours=1)
    for who in people:
        assert [(t.date(), t.hour) for t in reminded[who]] == [(due[who] - timedelta(days=2), 9)], (
            who
        )
        assert [(t.date(), t.hour) for t in nudged[who]] == [(due[who] + timedelta(days=1), 9)]
        assert days_done[who] == 30
    listing = (await group.alice.say("/goals all")).text
    assert listing.count("🔥 30 days") == 3
