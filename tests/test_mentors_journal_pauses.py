"""Mentors and their digest and feedback, goal journals, and pauses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, carol_mentors, run_tick


async def test_only_admins_appoint_mentors(group: Group) -> None:
    await group.carol.say("/goals")
    refused = await group.bob.say("/mentor @carol")
    assert "Only the group's admins appoint mentors. See who they are with /mentor." in refused.text
    assert "No mentors here yet" in (await group.bob.say("/mentor")).text
    reply = await group.alice.say("/mentor @carol")
    assert "Carol is now a mentor here" in reply.text
    assert "Mentors here: Carol" in (await group.bob.say("/mentor")).text
    assert "only" in (await group.bob.say("/unmentor @carol")).text.lower()
    assert "no longer a mentor" in (await group.alice.say("/unmentor @carol")).text
    assert "No mentors here yet" in (await group.bob.say("/mentor")).text


async def test_feedback_is_for_mentors_and_lands_in_the_journal(group: Group) -> None:
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    refused = await group.carol.say("/feedback @bob nice")
    assert "Only this chat's mentors give feedback" in refused.text
    await group.carol.say("/goals")
    await group.alice.say("/mentor @carol")
    posted = await group.carol.say("/feedback @bob Try 20 pages before bed")
    assert "Feedback from Carol for Bob" in posted.text
    assert f'href="tg://user?id={group.bob.user.id}"' in posted.html
    await group.bob.say("/journal 1 Finished book one")
    await group.bob.say("/reflect Evenings are hard; mornings work")
    journal = await group.alice.say("/journal 1")
    text = journal.text
    assert "Journal of goal #1 Read 12 books (Bob)" in text
    assert "Finished book one" in text
    assert "(Carol): Try 20 pages before bed" in text
    assert "Evenings are hard; mornings work" in text
    refused = await group.alice.say("/journal 1 sneaky note")
    assert "only Bob can change it" in refused.text


async def test_mentor_gets_a_weekly_digest_by_direct_message(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-02-28 target 12 books")
    await group.bob.say("/milestone 1 First book by 2026-12-01")
    carol_private = await carol_mentors(group, emulator)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)  # a check-in prompt Bob ignores
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    before = len(emulator.bot_messages(carol_private))
    await run_tick(bot)
    await run_tick(bot)
    digests = [
        m for m in emulator.bot_messages(carol_private)[before:] if "Weekly digest" in m.text
    ]
    assert len(digests) == 1
    text = digests[0].text
    assert "Weekly digest: Runners Club" in text
    assert "Bob · missed" not in text  # Monday's check-in is still open: not missed yet
    assert "#1 Read 12 books" in text and ("behind pace" in text or "at risk" in text)
    assert "overdue: 1.1 First book" in text


async def test_the_digest_counts_only_check_ins_whose_period_has_ended(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    carol_private = await carol_mentors(group, emulator)

    async def digest_on(friday: datetime) -> str:
        clock.now = friday
        before = len(emulator.bot_messages(carol_private))
        await run_tick(bot)
        await run_tick(bot)
        (text,) = [
            m.text for m in emulator.bot_messages(carol_private)[before:] if "digest" in m.text
        ]
        return text

    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)  # the first prompt ever; Bob lets it pass
    first = await digest_on(datetime(2026, 12, 4, 17, 0, tzinfo=UTC))
    assert "Bob" in first and "missed" not in first  # that period runs until Monday
    summary = await group.alice.say("/summary")
    assert "Bob ⚠️ no check-in yet" in summary.text

    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await group.bob.say("/checkin on-track")
    second = await digest_on(datetime(2026, 12, 11, 17, 0, tzinfo=UTC))
    assert "Bob · missed 1 of 1 check-in" in second  # the one that has ended

    clock.now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    third = await digest_on(datetime(2026, 12, 18, 17, 0, tzinfo=UTC))
    assert "Bob · missed 1 of the last 2 check-ins" in third


async def test_check_ins_are_asked_of_members_with_an_active_goal(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    carol_private = await carol_mentors(group, emulator)  # Carol sets no goal
    prompts = []
    for week in range(4):  # Mondays 30 Nov to 21 Dec
        clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC) + timedelta(weeks=week)
        await run_tick(bot)
        prompts.append(
            [m for m in emulator.bot_messages(group.chat) if "Check-in time" in m.text][-1]
        )
        await group.alice.say("/checkin on track")
        if week == 1:
            await group.carol.press(prompts[week], "✅ On track")
        if week == 2:
            clock.advance(days=2)
            await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    await emulator.wait_until(
        lambda: "Checked in: Alice ✅, Carol ✅" in prompts[1].text, what="Carol on the prompt"
    )

    clock.now = datetime(2026, 12, 25, 17, 0, tzinfo=UTC)  # Friday: summary and digest
    before = len(emulator.bot_messages(carol_private))
    await run_tick(bot)
    await run_tick(bot)
    (digest,) = [
        m.text for m in emulator.bot_messages(carol_private)[before:] if "digest" in m.text
    ]
    # Bob set his goal on 16 Dec, after that week's prompt: it asked nothing of him, and the
    # one of 21 Dec, which did, is still open.
    assert "Bob" in digest and "Bob · missed" not in digest
    report = (await group.alice.say("/report month")).text
    assert "Alice: 3 of 3 (100%)" in report  # December so far: the prompts of 7, 14, 21 Dec
    assert "Bob: nothing due yet" in report
    assert "Carol: 1 of 1 (100%)" in report  # the check-in she made, and nothing asked of her
    summary = (await group.alice.say("/summary")).text
    assert "Bob ⚠️ no check-in yet" in summary
    assert "Carol" not in summary


async def test_pause_stops_nudges_keeps_the_streak_and_shows_away(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.bob.say("/goal Read 12 books by 2027-06-30 target 12 books")
    await group.bob.say("/milestone 1 First book by 2026-12-16")
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    for week in range(2):  # two check-ins: a streak of 2
        clock.now = monday.replace(day=30) if week == 0 else datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
        await run_tick(bot)
        await group.bob.say("/checkin on-track")
    clock.advance(hours=1)
    reply = await group.bob.say("/pause until 2026-12-27 because family holiday")
    assert "You're away until Sun 27 Dec (family holiday)" in reply.text

    summary = await group.alice.say("/summary")
    assert "Bob 🏖 away until Sun 27 Dec · streak 2 kept" in summary.text
    for day in (14, 15, 21):  # prompts and the due-soon window pass while Bob is away
        clock.now = datetime(2026, 12, day, 9, 0, tzinfo=UTC)
        await run_tick(bot)
    assert not [m for m in emulator.bot_messages(group.chat) if "First book is due" in m.text]

    clock.now = datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # back: two weeks missed while away
    await run_tick(bot)
    reply = await group.bob.say("/checkin on-track")
    assert "🔥 3 check-ins in a row." in reply.text  # the paused weeks neither broke nor added
    nudges = [m for m in emulator.bot_messages(group.chat) if "First book was due" in m.text]
    assert len(nudges) == 1  # reminders resume after the pause


async def test_resume_ends_a_pause_early(group: Group) -> None:
    assert "You're not paused" in (await group.bob.say("/resume")).text
    reply = await group.bob.say("/pause")
    assert "until you /resume" in reply.text
    assert "🏖 away" in (await group.alice.say("/summary")).text
    assert "Welcome back, Bob" in (await group.bob.say("/resume")).text
    assert "🏖" not in (await group.alice.say("/summary")).text
    refused = await group.bob.say("/pause until 2020-01-01")
    assert "is in the past" in refused.text
    refused = await group.bob.say("/pause for a while")
    assert "Say until when (until and a date, or for 2 weeks)" in refused.text


async def test_a_break_can_be_planned_ahead(group: Group, clock: FakeClock) -> None:
    reply = await group.bob.say("/pause from dec 24 until jan 3 because ski trip")
    assert (
        "🏖 Planned, Bob: you're away from Thu 24 Dec until Sun 3 Jan 2027 (ski trip).\n"
        "Until then everything goes on as usual. Called off? /resume"
    ) in reply.text
    assert "🏖" not in (await group.alice.say("/summary")).text  # not away yet
    shown = await group.bob.say("/pause")
    assert "🏖 Your break is planned, Bob: you're away from Thu 24 Dec" in shown.text
    clock.now = datetime(2026, 12, 24, 8, 0, tzinfo=UTC)
    assert "Bob 🏖 away until Sun 3 Jan 2027" in (await group.alice.say("/summary")).text


async def test_a_planned_break_can_be_called_off_or_set_by_length(group: Group) -> None:
    await group.carol.say("/pause from 2026-12-20 for 2 weeks")
    reply = await group.carol.say("/resume")
    assert "👍 Your break from Sun 20 Dec is called off, Carol. Nothing changes." in reply.text
    assert "You're not paused" in (await group.carol.say("/resume")).text
    reply = await group.carol.say("/pause 2 weeks")
    assert "You're away until Fri 11 Dec" in reply.text
    reply = await group.carol.say("/pause 3 wks")
    assert "Changed, Carol: you're away until Fri 18 Dec" in reply.text
    refused = await group.carol.say("/pause from jan 10 until jan 5")
    assert "Tue 5 Jan 2027 is too soon: pick Sun 10 Jan 2027 or later." in refused.text
    refused = await group.carol.say("/pause from 9999-12-31 for 2 weeks")
    assert "Fri 31 Dec 9999 is further ahead than I plan: dates up to" in refused.text
    refused = await group.carol.say("/pause from 2028-06-01 for 2 weeks")
    assert "is a long way off: a break can be planned up to Mon 29 Nov 2027." in refused.text
