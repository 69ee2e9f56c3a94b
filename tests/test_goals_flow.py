"""Goals and milestones in a group, through the real bot and the HTTP emulator."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group


async def test_goal_gets_a_number_and_a_smart_check(group: Group) -> None:
    reply = await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    assert "Goal #1 for Alice: Run a marathon" in reply.text
    assert "0 / 42 km · due Fri 30 Apr 2027 (in 5 months)" in reply.text
    assert "SMART ✅ specific ✅ measurable ✅ achievable ⚪ relevant ✅ time-bound" in reply.text
    assert "/why 1" in reply.text
    assert "/milestone 1" in reply.text
    # The reply quotes Alice's command, as a reply to it.
    assert reply.reply_to is not None and reply.reply_to.text.startswith("/goal")


async def test_vague_goal_gets_tips_for_what_is_missing(group: Group) -> None:
    reply = await group.bob.say("/goal improve sales by 2027-03-31")
    assert "Goal #1 for Bob: improve sales" in reply.text
    assert "SMART ⚠️ specific ⚠️ measurable ✅ achievable ⚪ relevant ✅ time-bound" in reply.text
    assert 'say exactly what, e.g. "increase sales by 10%"' in reply.text
    assert "how will you know you're there? Add a target (/target 1 <number> <unit>)" in (
        reply.text
    )


async def test_the_target_tip_uses_the_titles_own_number(group: Group) -> None:
    reply = await group.carol.say("/goal Talk to 50 customers by end of march")
    assert "Add a target (/target 1 50 customers) or milestones (/milestone 1 …)" in reply.text


async def test_far_deadline_is_flagged_not_achievable(group: Group) -> None:
    reply = await group.alice.say("/goal Write a novel of 80000 words by 2033-01-01")
    assert "⚠️ achievable" in reply.text
    assert "more than 5 years away" in reply.text


async def test_goal_numbers_count_up_per_chat(group: Group, emulator: BotApiEmulator) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    reply = await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    assert "Goal #2 for Bob" in reply.text
    dave = emulator.add_user("Dave")
    other = emulator.add_group("Book Club")
    reply = await emulator.person(dave, other).say(
        "/goal Read 20 books by 2027-12-31 target 20 books"
    )
    assert "Goal #1 for Dave" in reply.text


async def test_natural_deadlines_are_read_in_the_chat(group: Group) -> None:
    reply = await group.alice.say("/goal Read 3 books by end of month target 3 books")
    assert "due Mon 30 Nov (in 2 days)" in reply.text
    reply = await group.alice.say("/goal Swim 10 km by in 3 weeks target 10 km")
    assert "due Sat 19 Dec" in reply.text
    reply = await group.alice.say("/goal Call grandma 4 times by next friday target 4 calls")
    assert "due Fri 4 Dec" in reply.text


async def test_deadlines_as_people_type_them(group: Group) -> None:
    reply = await group.alice.say("/goal Learn Polish by 12/31")
    assert "due Thu 31 Dec (in 5 weeks)" in reply.text
    reply = await group.alice.say("/milestone 1 Finish the A1 course by the 15th")
    assert "due Tue 15 Dec" in reply.text
    reply = await group.bob.say("/goal Read a Polish novel by march")
    assert "due Wed 31 Mar 2027" in reply.text
    reply = await group.bob.say("/reschedule 2 end of next week")
    assert "is now due Sun 6 Dec" in reply.text
    refused = await group.carol.say("/goal Learn Czech by 2/30")
    assert "“2/30” is no day on the calendar" in refused.text


async def test_why_makes_the_goal_relevant(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    reply = await group.alice.say("/why 1 I want to run with my kids")
    assert "“I want to run with my kids”" in reply.text
    assert "✅ relevant" in reply.text


async def test_target_makes_a_goal_measurable(group: Group) -> None:
    await group.alice.say("/goal Learn Spanish verbs by 2027-03-01")
    reply = await group.alice.say("/target 1 200 verbs")
    assert "0 / 200 verbs" in reply.text
    assert "✅ measurable" in reply.text


async def test_milestones_and_celebrations(group: Group, emulator: BotApiEmulator) -> None:
    alice = group.alice
    await alice.say("/goal Run a marathon by 2027-04-30")
    reply = await alice.say("/milestone 1 Run 10 km by 2026-12-20")
    assert "Milestone 1.1 for Alice: Run 10 km" in reply.text
    assert "due Sun 20 Dec" in reply.text
    await alice.say("/milestone 1 Half marathon by 2027-02-15")
    await alice.say("/milestone 1 30 km long run by 2027-03-20")

    reply = await alice.say("/done 1.1")
    assert '🎉 Alice completed milestone 1.1 "Run 10 km"!' in reply.text
    assert "Run a marathon: 1 of 3 milestones, 33% · on track" in reply.text
    assert "Next: 📍 1.2 Half marathon, due Mon 15 Feb 2027" in reply.text

    again = await alice.say("/done 1.1")
    assert '1.1 "Run 10 km" is already done (Sat 28 Nov). Next up is 1.2: /done 1.2' in again.text
    celebrations = [
        m for m in emulator.bot_messages(group.chat) if "completed milestone 1.1" in m.text
    ]
    assert len(celebrations) == 1

    await alice.say("/done 1.2")
    reply = await alice.say("/done 1.3")
    assert '🎉 Alice completed milestone 1.3 "30 km long run"!' in reply.text
    assert "Run a marathon: 3 of 3 milestones, 100%" in reply.text
    assert "achieved goal" not in reply.text  # milestones are checkpoints; she says when
    assert (
        "That was the last milestone. Reached the goal? /done 1 · "
        "More to do? /milestone 1 <next step> by <date>"
    ) in reply.text

    reply = await alice.say("/done 1")
    assert "🏆 Alice achieved goal #1 Run a marathon!" in reply.text
    assert "3 of 3 milestones" in reply.text
    reply = await alice.say("/done 1")
    assert "already achieved" in reply.text
    assert sum("🏆 Alice achieved" in m.text for m in emulator.bot_messages(group.chat)) == 1


async def test_done_on_a_goal_completes_it(group: Group) -> None:
    await group.bob.say("/goal Ship the beta by 2027-01-31")
    reply = await group.bob.say("/done 1")
    assert "🏆 Bob achieved goal #1 Ship the beta!" in reply.text
    reply = await group.bob.say("/milestone 1 Write docs by 2027-01-10")
    assert "already achieved" in reply.text


async def test_progress_sets_and_adds_until_the_target(group: Group) -> None:
    bob = group.bob
    await bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    reply = await bob.say("/progress 1 4")
    assert "4 / 12 books, 33%" in reply.text
    reply = await bob.say("/progress 1 +2")
    assert "6 / 12 books, 50% (+2)" in reply.text
    reply = await bob.say("/progress 1 +6.5")
    assert "🏆 Bob achieved goal #1 Read 12 books!" in reply.text
    assert "12.5 / 12 books" in reply.text
    reply = await bob.say("/progress 1 +1")
    assert "already achieved" in reply.text


async def test_a_target_that_goes_down(group: Group) -> None:
    carol = group.carol
    reply = await carol.say("/goal Lose weight by 2027-05-28 target 75 kg from 80 kg")
    assert "80 kg (80 → 75 kg) · due Fri 28 May 2027" in reply.text
    assert "✅ measurable" in reply.text
    reply = await carol.say("/progress 1 -2")
    assert "78 kg (80 → 75 kg), 40% (−2)" in reply.text
    reply = await carol.say("/progress 1 +0.5")
    assert "78.5 kg (80 → 75 kg), 30% (+0.5)" in reply.text
    assert "▓▓▓░░░░░░░ 30%" in (await carol.say("/goals")).text
    reply = await carol.say("/progress 1 74.8")
    assert "🏆 Carol achieved goal #1 Lose weight!" in reply.text
    assert "74.8 kg (80 → 75 kg)" in reply.text


async def test_the_same_goal_or_milestone_twice_is_not_added_twice(group: Group) -> None:
    await group.bob.say("/goal Run a half marathon by 2027-04-30")
    refused = await group.bob.say("/goal run a half marathon by 2027-04-30")
    assert (
        "You already have goal #1 “Run a half marathon”, due Fri 30 Apr 2027: nothing new was "
        "added. See it with /goals; to move it: /reschedule 1 <date>"
    ) in refused.text
    await group.bob.say("/milestone 1 10k race by 2027-01-17")
    refused = await group.bob.say("/milestone 1 10k race by 2027-01-17")
    assert "You already have milestone 1.1 “10k race”, due Sun 17 Jan 2027" in refused.text
    reply = await group.bob.say("/milestone 1 10k race by 2027-02-14")  # another, later one
    assert "Milestone 1.2 for Bob" in reply.text
    refused = await group.bob.say("/goal Run a half marathon by 2027-04-30 target 21.1 km")
    assert "A new target for it? /target 1 21.1 km" in refused.text
    reply = await group.alice.say("/goal Run a half marathon by 2027-04-30")  # hers: her own
    assert "Goal #2 for Alice" in reply.text
    assert "#1 Run a half marathon" in (await group.bob.say("/goals")).text
    assert "#3" not in (await group.carol.say("/goals all")).text


async def test_milestones_are_listed_by_date(group: Group) -> None:
    await group.alice.say("/goal Launch v2 by 2027-03-31")
    await group.alice.say("/milestone 1 Beta by 2027-02-01")
    await group.alice.say("/milestone 1 Spec by 2026-12-04")
    listing = (await group.alice.say("/goals")).text
    assert listing.index("1.2 Spec") < listing.index("1.1 Beta")


async def test_a_first_value_past_the_target_is_asked_about(group: Group) -> None:
    bob = group.bob
    await bob.say("/goal Get down to 75 kg by 2027-03-31 target 75 kg")
    refused = await bob.say("/progress 1 80")
    assert "🏆" not in refused.text
    assert (
        "80 kg is past #1's target of 75 kg in one step, so I haven't logged it yet. "
        "Log it, and #1 is achieved?\n"
        "Is 75 kg a number to get down to? Say where you start instead: /target 1 75 kg from 80"
    ) in refused.text
    reply = await bob.say("/target 1 75 kg from 80")
    assert "80 kg (80 → 75 kg)" in reply.text


async def test_a_first_jump_past_a_target_that_goes_down_is_asked_about(group: Group) -> None:
    await group.alice.say("/goal Lose weight by 2027-03-31 target 75 kg from 82 kg")
    refused = await group.alice.say("/progress 1 70")  # a typo for 80?
    assert (
        "70 kg is past #1's target of 75 kg in one step, so I haven't logged it yet. "
        "Log it, and #1 is achieved?"
    ) in refused.text
    assert [b["text"] for b in refused.buttons()] == ["Yes, log 70 kg", "No, log nothing"]
    reply = await group.alice.say("/progress 1 80")
    assert "80 kg (82 → 75 kg)" in reply.text


async def test_a_new_target_keeps_the_unit_and_a_new_unit_needs_a_new_start(
    group: Group,
) -> None:
    alice = group.alice
    await alice.say("/goal Run faster by 2027-03-01 target 25 min from 28")
    await alice.say("/progress 1 27")
    reply = await alice.say("/target 1 24")
    assert "27 min (28 → 24 min)" in reply.text
    refused = await alice.say("/target 1 24 km")
    assert (
        "Goal #1 counts min, and its progress can't be read as km. To count it in km, say "
        "where it stands now: /target 1 24 km from <number>"
    ) in refused.text
    reply = await alice.say("/target 1 10 km from 5")
    assert "5 km (5 → 10 km)" in reply.text


async def test_a_baseline_added_to_a_goal_set_earlier(group: Group) -> None:
    alice = group.alice
    await alice.say("/goal Run 5k faster by 2027-03-01")
    reply = await alice.say("/target 1 25 min from 28 min")
    assert "28 min (28 → 25 min)" in reply.text
    assert "Log progress with /progress 1 -1 min" in reply.text
    reply = await alice.say("/progress 1 26.5")
    assert "26.5 min (28 → 25 min), 50% (−1.5)" in reply.text
    reply = await alice.say("/target 1 24 min")  # a new target keeps where it started
    assert "26.5 min (28 → 24 min)" in reply.text
    refused = await alice.say("/target 1 28 min from 28")
    assert "That's where you start" in refused.text
    assert "Example: /target 1 12 books  or  /target 1 75 kg from 80 kg" in refused.text
    refused = await alice.say("/progress 1 -30")
    assert "That would go below 0" in refused.text
    assert "26.5 min (28 → 24 min)" in (await alice.say("/goals")).text


async def test_down_to_zero(group: Group) -> None:
    reply = await group.bob.say("/goal Clear the inbox by 2027-01-31 target 0 emails from 300")
    assert "300 emails (300 → 0 emails)" in reply.text
    reply = await group.bob.say("/target 1 10 emails")  # keeps where it started
    assert "300 emails (300 → 10 emails)" in reply.text
    reply = await group.bob.say("/target 1 0 emails")
    assert "300 emails (300 → 0 emails)" in reply.text
    refused = await group.bob.say("/goal Read nothing by 2027-01-31 target 0")
    assert "The target must be a positive number" in refused.text


async def test_minus_corrects_a_count_that_went_too_high(group: Group) -> None:
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    await group.bob.say("/progress 1 +5")
    reply = await group.bob.say("/progress 1 -1")
    assert "4 / 12 books, 33% (−1)" in reply.text


async def test_money_as_founders_write_it(group: Group) -> None:
    alice = group.alice
    reply = await alice.say("/goal Reach MRR by 2027-03-31 target $10k")
    assert "$0 / $10,000 · due Wed 31 Mar 2027" in reply.text
    reply = await alice.say("/progress 1 +$2,500")  # a step of $2.50 moves it nowhere
    assert "$2,500 / $10,000, 25% (+2,500)" in reply.text
    reply = await alice.say("/progress 1 +2k")  # the goal counts dollars: thousands
    assert "$4,500 / $10,000, 45% (+2,000)" in reply.text
    reply = await alice.say("/progress 1 +2k USD")
    assert "$6,500 / $10,000, 65% (+2,000)" in reply.text
    reply = await alice.say("/goal Save more target $10k by 2027-06-30")
    assert "Goal #2 for Alice: Save more" in reply.text and "$0 / $10,000" in reply.text
    await group.bob.say("/goal Run 300 km by 2027-02-28 target 300 km")
    refused = await group.bob.say("/progress 3 +10k")  # a 10k race, or 10,000 km?
    assert "Is that k thousands, or a distance?" in refused.text


async def test_progress_in_another_unit_is_refused(group: Group) -> None:
    bob = group.bob
    await bob.say("/goal Run 300 km by 2027-02-28 target 300 km")
    refused = await bob.say("/progress 1 +10 miles")
    assert (
        "Goal #1 counts km, not miles, and I don't convert. "
        "Log it in km: /progress 1 +<how many km>"
    ) in refused.text
    reply = await bob.say("/progress 1 +10 kms")
    assert "10 / 300 km" in reply.text


async def test_a_race_time_as_a_stopwatch_shows_it(group: Group) -> None:
    reply = await group.carol.say(
        "/goal Run 5k under 25 minutes by 2027-03-01 target 25:00 from 28:30"
    )
    assert "28.5 min (28.5 → 25 min)" in reply.text
    reply = await group.carol.say("/progress 1 27:15")
    assert "27.25 min (28.5 → 25 min), 36% (−1.25)" in reply.text


async def test_goals_lists_mine_or_everyones(group: Group, clock: FakeClock) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 30 km long run by 2027-03-20")
    await group.alice.say("/done 1.1")
    await group.bob.say("/goal Read 12 books by 2027-12-31 target 12 books")
    await group.bob.say("/progress 2 3")

    mine = await group.alice.say("/goals")
    assert "Run a marathon" in mine.text and "Read 12 books" not in mine.text
    assert "▓▓▓▓▓░░░░░ 50%" in mine.text
    assert "✅ 1.1 Half marathon · done Sat 28 Nov" in mine.text
    assert "📍 1.2 30 km long run · due Sat 20 Mar 2027" in mine.text

    everyone = await group.carol.say("/goals all")
    assert "Alice" in everyone.text and "Bob" in everyone.text
    assert "3 / 12 books" in everyone.text

    empty = await group.carol.say("/goals")
    assert "You have no goals in this chat yet, Carol" in empty.text


async def test_pace_shows_behind_when_time_passes(group: Group, clock: FakeClock) -> None:
    await group.bob.say("/goal Read 12 books by 2027-11-28 target 12 books")
    clock.advance(days=182)
    reply = await group.bob.say("/goals")
    assert "behind pace" in reply.text or "at risk" in reply.text


async def test_reschedule_moves_deadlines_and_keeps_history(group: Group) -> None:
    alice = group.alice
    await alice.say("/goal Run a marathon by 2027-04-30")
    await alice.say("/milestone 1 Half marathon by 2027-02-15")
    reply = await alice.say("/reschedule 1 2027-05-30 because of a knee injury")
    assert "Goal #1 Run a marathon is now due Sun 30 May 2027" in reply.text
    assert "moved from Fri 30 Apr 2027" in reply.text
    assert "Reason: of a knee injury" in reply.text
    reply = await alice.say("/reschedule 1.1 2027-03-01")
    assert "Milestone 1.1 Half marathon is now due Mon 1 Mar 2027" in reply.text
    refused = await alice.say("/reschedule 1 2027-02-01")
    assert "can't end on Mon 1 Feb 2027: a milestone is due Mon 1 Mar 2027" in refused.text
    refused = await alice.say("/reschedule 1.1 2027-03-01")
    assert "Milestone 1.1 is already due Mon 1 Mar 2027, so nothing moved." in refused.text
    refused = await alice.say("/reschedule 1 2027-05-30")
    assert "Goal #1 is already due Sun 30 May 2027, so nothing moved." in refused.text


async def test_abandon_asks_first_and_only_the_owner_decides(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    question = await group.alice.say("/abandon 1")
    assert "Abandon goal #1 Run a marathon?" in question.text

    toast = await group.bob.press(question, "Abandon #1")
    assert toast["text"] == "Only Alice can abandon goal #1."
    assert question.edits == 0

    toast = await group.alice.press(question, "Keep it")
    assert toast["text"] == "Kept"
    await emulator.wait_until(lambda: question.edits == 1, what="the question to show the choice")
    assert "stays on" in question.text
    assert question.buttons() == []

    question = await group.alice.say("/abandon 1")
    toast = await group.alice.press(question, "Abandon #1")
    assert toast["text"] == "Goal abandoned"
    await emulator.wait_until(lambda: question.edits == 1, what="the question to show the choice")
    assert "Goal #1 Run a marathon was abandoned by Alice" in question.text

    listing = await group.alice.say("/goals")
    assert "Run a marathon" not in listing.text
    refused = await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    assert "Goal #1 is already abandoned, so it can't change.\nWant it back? /reopen 1" in (
        refused.text
    )
    back = await group.alice.say("/reopen 1")
    assert "↩️ Goal #1 is active again (it was dropped)." in back.text
    assert "Run a marathon" in (await group.alice.say("/goals")).text


async def test_the_last_milestone_leaves_a_target_still_to_reach(group: Group) -> None:
    await group.alice.say("/goal Run 100 km by 2027-03-01 target 100 km")
    await group.alice.say("/milestone 1 First 25 km by 2026-12-10")
    reply = await group.alice.say("/done 1.1")
    assert '🎉 Alice completed milestone 1.1 "First 25 km"!' in reply.text
    assert "achieved goal" not in reply.text
    assert (
        "That was the last milestone. #1 is achieved when it reaches 100 km: /progress 1 100, "
        "or /done 1 if it's finished" in reply.text
    )
    reply = await group.alice.say("/progress 1 100")
    assert "🏆 Alice achieved goal #1 Run 100 km!" in reply.text
    assert "/reopen" not in reply.text  # nothing left to do: no undo offered


async def test_a_goal_finished_by_mistake_can_be_reopened(group: Group) -> None:
    await group.alice.say("/goal Run 100 km by 2027-03-01 target 100 km")
    await group.alice.say("/milestone 1 First 25 km by 2026-12-10")
    reply = await group.alice.say("/done 1")  # meant /done 1.1
    assert "🏆 Alice achieved goal #1 Run 100 km!" in reply.text
    assert "Not finished after all? /reopen 1" in reply.text
    refused = await group.alice.say("/progress 1 20")
    assert (
        "Goal #1 is already achieved, so it can't change.\nNot finished after all? /reopen 1"
        in (refused.text)
    )

    refused = await group.bob.say("/reopen 1")
    assert "Goal #1 is Alice's: only Alice can change it" in refused.text
    reply = await group.alice.say("/reopen 1")
    assert "↩️ Goal #1 is active again (it was achieved)." in reply.text
    assert "Run 100 km: 0 / 100 km" in reply.text and "due Mon 1 Mar 2027" in reply.text
    reply = await group.alice.say("/progress 1 20")
    assert "20 / 100 km" in reply.text
    summary = await group.carol.say("/summary")
    assert "0 goals 🏆" in summary.text and "🎯 #1 Run 100 km" in summary.text

    refused = await group.alice.say("/reopen 1")
    assert "Goal #1 is still active: there's nothing to reopen. Finished it? /done 1" in (
        refused.text
    )
    for bad, why in (
        ("/reopen", "Which goal or milestone? Use its number from /goals.\nExample: /reopen 7"),
        ("/reopen 1.1", "Milestone 1.1 isn't done yet: there's nothing to reopen. Finished it?"),
        ("/reopen 1.7", "Goal #1 has no milestone 1.7; it has 1.1."),
        ("/reopen 9", "There's no goal #9 in this chat."),
    ):
        refused = await group.alice.say(bad)
        assert why in refused.text, bad


async def test_a_milestone_done_by_mistake_can_be_reopened(group: Group, clock: FakeClock) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Run 10 km by 2026-12-10")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/done 1.2")  # meant 1.1
    clock.advance(days=14)  # 1.1's date has passed meanwhile
    refused = await group.bob.say("/reopen 1.2")
    assert "Goal #1 is Alice's: only Alice can change it" in refused.text
    reply = await group.alice.say("/reopen 1.2")
    assert '↩️ Milestone 1.2 "Half marathon" is open again.' in reply.text
    assert "Run a marathon: 0 of 2 milestones, 0%" in reply.text
    assert "📍 1.2 due Mon 15 Feb 2027" in reply.text
    goals = await group.alice.say("/goals")
    assert "📍 1.2 Half marathon · due Mon 15 Feb 2027" in goals.text
    reply = await group.alice.say("/done 1.1")
    assert '🎉 Alice completed milestone 1.1 "Run 10 km"!' in reply.text
    reply = await group.alice.say("/reopen 1.1")
    assert "Its date has passed: set a new one with /reschedule 1.1 <date>" in reply.text


async def test_reopening_a_goal_at_its_target_says_how_to_correct_it(group: Group) -> None:
    await group.bob.say("/goal Read 10 books by 2027-03-01 target 10 books")
    question = await group.bob.say("/progress 1 +11")  # meant +1, but says yes when asked
    await group.bob.press(question, "Yes, log 11 books")
    await group.bob.say("/help")  # handled in order: the press is done
    reply = await group.bob.say("/reopen 1")
    assert "It's at its target already: correct it with /progress 1 <value>" in reply.text
    reply = await group.bob.say("/progress 1 1")
    assert "1 / 10 books" in reply.text and "achieved" not in reply.text


async def test_only_the_owner_may_change_a_goal(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    for command in (
        "/done 1.1",
        "/done 1",
        "/progress 1 10",
        "/milestone 1 Sneaky by 2027-01-01",
        "/why 1 because",
        "/reschedule 1 2027-06-01",
        "/abandon 1",
        "/target 1 50 km",
    ):
        reply = await group.bob.say(command)
        assert "Goal #1 is Alice's: only Alice can change it" in reply.text, command
    mine = await group.alice.say("/goals")
    assert "0 / 42 km" in mine.text and "📍 1.1" in mine.text


async def test_summary_shows_each_member_and_the_weeks_wins(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 30 km long run by 2027-03-20")
    await group.alice.say("/done 1.1")
    await group.bob.say("/goal Ship the beta by 2027-01-31")
    await group.bob.say("/done 2")
    await group.carol.say("/goal Read 12 books by 2027-12-31 target 12 books")

    reply = await group.carol.say("/summary")
    text = reply.text
    assert "Group progress: Runners Club" in text
    assert text.index("Alice") < text.index("Bob") < text.index("Carol")
    assert "✅ 1.1 Half marathon" in text
    assert "📍 Next: 1.2 30 km long run · Sat 20 Mar 2027" in text
    assert "🏆 #2 Ship the beta · achieved" in text
    assert "Wins in the last 7 days: 1 milestone ✅ · 1 goal 🏆" in text


async def test_summary_puts_milestones_under_their_goals_and_flags_overdue_ones(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/goal Read 12 books by 2026-12-31 target 12 books")
    await group.alice.say("/milestone 1 First book by 2026-12-10")
    await group.alice.say("/milestone 1 Fifth book by 2026-12-20")
    await group.alice.say("/goal Write the thesis by 2027-03-31")
    await group.alice.say("/milestone 2 Outline by 2026-12-03")
    clock.advance(days=6)  # Friday 4 December
    await group.alice.say("/done 1.1")

    lines = [line.strip() for line in (await group.carol.say("/summary")).text.splitlines()]
    books = next(n for n, line in enumerate(lines) if "#1 Read 12 books" in line)
    assert lines[books + 1 : books + 3] == [
        "✅ 1.1 First book",
        "📍 Next: 1.2 Fifth book · Sun 20 Dec",
    ]
    thesis = next(n for n, line in enumerate(lines) if "#2 Write the thesis" in line)
    assert lines[thesis + 1] == "⚠️ Overdue: 2.1 Outline · due Thu 3 Dec (yesterday)"


async def test_summary_forgets_wins_older_than_a_week(group: Group, clock: FakeClock) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Full by 2027-04-01")
    await group.alice.say("/done 1.1")
    clock.advance(days=8)
    reply = await group.alice.say("/summary")
    assert "✅ 1.1" not in reply.text
    assert "0 milestones ✅" in reply.text


async def test_private_chat_goals_are_personal(emulator: BotApiEmulator, group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    reply = await private.say("/start")
    assert "Hi Alice" in reply.text and "/goal" in reply.text
    reply = await private.say("/goal Meditate 100 days by 2027-06-01 target 100 days")
    assert "Goal #1 for Alice: Meditate 100 days" in reply.text
    listing = await private.say("/goals")  # in private: your goals from every chat
    assert listing.text.index("Runners Club") < listing.text.index("Run a marathon")
    assert listing.text.index("Personal (this chat)") < listing.text.index("Meditate")
    bob_private = emulator.person(group.bob.user, emulator.private_chat(group.bob.user))
    assert "marathon" not in (await bob_private.say("/goals")).text
    in_group = await group.alice.say("/goals")  # a group never shows goals from elsewhere
    assert "Meditate" not in in_group.text
    reply = await private.say("/done 1")
    assert "🏆 Alice achieved goal #1 Meditate 100 days!" in reply.text


async def test_start_and_help_list_every_command(group: Group, emulator: BotApiEmulator) -> None:
    reply = await group.alice.say("/start")
    assert "Hi Runners Club" in reply.text
    for command in ("/goal", "/milestone", "/done", "/progress", "/goals", "/summary",
                    "/reschedule", "/abandon", "/why"):  # fmt: skip
        assert command in reply.text
    reply = await group.bob.say("/help@goals_test_bot")
    assert "/goal Run a marathon by 2027-04-30 target 42 km" in reply.text


async def test_commands_addressed_to_the_bot_by_name(group: Group) -> None:
    reply = await group.alice.say("/goal@goals_test_bot Run a marathon by 2027-04-30")
    assert "Goal #1 for Alice" in reply.text
    reply = await group.alice.say("/done@goals_test_bot 1")
    assert "achieved goal #1" in reply.text


async def test_command_menu_is_registered(emulator: BotApiEmulator, bot: object) -> None:
    groups = {c["command"] for c in emulator.commands["all_group_chats"]}
    private = {c["command"] for c in emulator.commands["all_private_chats"]}
    assert {"goal", "milestone", "done", "progress", "goals", "summary", "mentor"} <= groups
    assert {"goal", "milestone", "done", "goals", "export", "forgetme"} <= private
    assert "mentor" not in private and "forgetme" not in groups


async def test_user_text_is_escaped_and_stored_verbatim(group: Group) -> None:
    title = "Read <b>12</b> books & '; DROP TABLE goals; -- 📚"
    reply = await group.alice.say(f"/goal {title} by 2027-12-31 target 12 books")
    assert title in reply.text
    listing = await group.alice.say("/goals")
    assert title in listing.text


async def test_progress_accepts_the_unit_it_suggests(group: Group) -> None:
    await group.alice.say("/goal Run 100 km by 2027-06-30")
    reply = await group.alice.say("/target 1 100 km")
    assert "/progress 1 +1 km" in reply.text
    reply = await group.alice.say("/progress 1 +3 km")
    assert "3 / 100 km, 3%" in reply.text


async def test_a_target_already_reached_achieves_the_goal(group: Group) -> None:
    await group.bob.say("/goal Walk 10 km by 2027-06-30 target 10 km")
    await group.bob.say("/progress 1 4")
    reply = await group.bob.say("/target 1 3 km")
    assert "🏆 Bob achieved goal #1 Walk 10 km!" in reply.text


async def test_an_achieved_goal_takes_no_more_milestone_completions(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/progress 1 42")
    reply = await group.alice.say("/done 1.1")
    assert "Goal #1 is already achieved, so it can't change." in reply.text


async def test_a_far_reschedule_is_flagged(group: Group) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    reply = await group.alice.say("/reschedule 1 2035-01-01")
    assert "more than 5 years away" in reply.text


async def test_private_chat_speaks_to_one_person(emulator: BotApiEmulator, bot: object) -> None:
    dave = emulator.add_user("Dave")
    me = emulator.person(dave, emulator.private_chat(dave))
    reply = await me.say("hello")
    assert "I work with commands" in reply.text
    reply = await me.say("/goal Read 12 books by 2027-12-31 target 12 books")
    assert "Tip: write down why it matters: /why 1" in reply.text
    assert "tell the group" not in reply.text


async def test_a_new_goal_is_on_track_whatever_the_chats_time_zone(
    group: Group, clock: FakeClock
) -> None:
    await group.alice.say("/timezone Asia/Tokyo")
    clock.now = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)  # Saturday 08:00 in Tokyo
    await group.bob.say("/goal Read 10 chapters by 2026-12-05 target 10 chapters")
    listed = await group.bob.say("/goals")
    assert "on track" in listed.text and "behind" not in listed.text
    clock.now = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)  # Saturday 23:00 in Tokyo
    assert "on track" in (await group.bob.say("/goals")).text  # the same day, still nothing due


async def test_dotted_dates_are_days_wherever_a_date_is_asked_for(group: Group) -> None:
    reply = await group.alice.say("/goal Lose 5 kg by 15.02. target 75 kg from 80 kg")
    assert "due Mon 15 Feb 2027" in reply.text
    reply = await group.alice.say("/milestone 1 Halfway by 3.1.")
    assert "due Sun 3 Jan 2027" in reply.text
    reply = await group.alice.say("/reschedule 1.1 10.01.27 because of the holidays")
    assert "Sun 10 Jan 2027" in reply.text
    reply = await group.alice.say("/milestone 1 Nearly there by 31.02.")
    assert "“31.02.” is no day on the calendar (dates in numbers are day first" in reply.text
    assert "Example: /milestone 1 Half marathon by end of march" in reply.text
    goals = await group.alice.say("/goals")
    assert "Nearly there" not in goals.text  # refused, nothing stored


async def test_next_month_is_the_same_day_with_or_without_by(group: Group) -> None:
    first = await group.alice.say("/goal Read 2 books by next month")
    second = await group.bob.say("/goal Read 3 books next month")
    assert "due Thu 31 Dec" in first.text and "due Thu 31 Dec" in second.text
    first = await group.alice.say("/goal Call mum twice by next week")
    second = await group.bob.say("/goal Call dad twice next week")
    assert "due Sun 6 Dec" in first.text and "due Sun 6 Dec" in second.text


async def test_a_break_can_be_planned_with_dotted_dates(group: Group) -> None:
    reply = await group.alice.say("/pause from 24.12. until 3.1. because holiday")
    assert "Thu 24 Dec" in reply.text and "Sun 3 Jan 2027" in reply.text


async def test_a_date_beyond_ten_years_is_refused_and_every_picture_still_works(
    group: Group,
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    refused = await group.alice.say("/reschedule 1 9999-12-31")
    assert "Fri 31 Dec 9999 is further ahead than I plan: dates up to Fri 28 Nov 2036" in (
        refused.text
    )
    refused = await group.alice.say("/goal Live on Mars by 2040-01-01")
    assert "further ahead than I plan" in refused.text
    reply = await group.alice.say("/reschedule 1 2036-11-28")  # the last day that works
    assert "Fri 28 Nov 2036" in reply.text
    for command in ("/timeline", "/report quarter", "/calendar"):
        answered = await group.alice.say(command)
        assert "went wrong" not in answered.text.lower()


async def test_a_milestone_asked_of_an_achieved_goal_points_to_reopen(group: Group) -> None:
    await group.alice.say("/goal Read 12 books by 2027-06-30 target 12 books")
    await group.alice.say("/done 1")
    reply = await group.alice.say("/done 1.7")
    assert "/reopen 1" in reply.text and "/milestone" not in reply.text  # which would refuse
