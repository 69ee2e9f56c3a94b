"""Accountability partners: invitations only the invitee answers, and what partners hear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram.ext import Application

from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, run_tick


async def test_partner_invitation_only_the_invitee_can_answer(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.bob.say("/goals")  # the bot has seen @bob now
    invite = await group.alice.say("/partner @bob")
    assert "Alice asks Bob to be accountability partners" in invite.text
    assert f'href="tg://user?id={group.bob.user.id}"' in invite.html

    toast = await group.carol.press(invite, "Accept")
    assert toast["text"] == "Only Bob can answer this."
    assert invite.edits == 0
    waiting = (await group.alice.say("/partner")).text
    assert "no accountability partner" in waiting
    assert "⏳ Waiting for Bob to accept your invitation." in waiting
    assert (
        "⏳ Alice invited you: tap Accept on the invitation."
        in (await group.bob.say("/partner")).text
    )
    assert "⏳" not in (await group.carol.say("/partner")).text

    toast = await group.bob.press(invite, "Accept")
    assert toast["text"] == "You're partners now"
    await emulator.wait_until(lambda: invite.edits == 1, what="the invitation to show the answer")
    assert "Alice and Bob are accountability partners now" in invite.text
    assert "partner here is Bob" in (await group.alice.say("/partner")).text
    assert "partner here is Alice" in (await group.bob.say("/partner")).text
    assert invite.buttons() == []  # answered: the buttons are gone


async def test_partner_refusals(group: Group) -> None:
    reply = await group.alice.say("/partner @nobody_here")
    assert "I haven't seen @nobody_here here yet" in reply.text
    assert "reply to one of their messages" in reply.text
    await group.alice.say("/goals")
    reply = await group.alice.say("/partner @alice")
    assert "can't partner with yourself" in reply.text
    reply = await group.alice.say("/unpartner")
    assert "You have no partner here" in reply.text


async def test_partner_by_reply_and_decline_and_unpartner(
    group: Group, emulator: BotApiEmulator
) -> None:
    # Carol never used a command, so only a reply to her message can name her.
    hello = await emulator.send(group.carol.user, group.chat, "hi all, new here")
    invite = await group.alice.say("/partner", reply_to=hello)
    assert "Alice asks Carol" in invite.text
    await group.carol.press(invite, "Decline")
    await emulator.wait_until(lambda: invite.edits == 1, what="the decline")
    assert "Carol declined" in invite.text

    await group.bob.say("/goals")
    invite = await group.alice.say("/partner @bob")
    await group.bob.press(invite, "Accept")
    await emulator.wait_until(lambda: invite.edits == 1, what="the acceptance")
    refused = await group.alice.say("/partner", reply_to=hello)
    assert "You already have a partner here: Bob" in refused.text
    reply = await group.bob.say("/unpartner")  # either side may end it
    assert "You and Alice are no longer partners here" in reply.text
    assert "no accountability partner" in (await group.alice.say("/partner")).text


async def make_partners(group: Group, emulator: BotApiEmulator) -> None:
    await group.bob.say("/goals")
    invite = await group.alice.say("/partner @bob")
    await group.bob.press(invite, "Accept")
    await emulator.wait_until(lambda: invite.edits == 1, what="the acceptance")


async def test_partner_hears_of_a_completed_milestone_by_direct_message(
    group: Group, emulator: BotApiEmulator
) -> None:
    await make_partners(group, emulator)
    bob_private = emulator.private_chat(group.bob.user)
    await emulator.person(group.bob.user, bob_private).say("/start")  # Bob opened a private chat
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Long run by 2027-03-15")
    before = len(emulator.bot_messages(bob_private))
    await group.alice.say("/done 1.1")
    note = await emulator.next_bot_message(bob_private, before)
    assert (
        'your partner Alice just completed milestone 1.1 "Half marathon" in Runners Club'
        in note.text
    )


async def test_partner_without_a_private_chat_is_mentioned_in_the_group(
    group: Group, emulator: BotApiEmulator
) -> None:
    await make_partners(group, emulator)
    await group.bob.say("/goal Read 12 books by 2027-12-31")
    await group.bob.say("/milestone 1 First book by 2027-01-15")
    await group.bob.say("/milestone 1 Second book by 2027-02-15")
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.bob.user, group.chat, "/done 1.1")
    await emulator.wait_until(
        lambda: any(
            "your partner Bob" in m.text for m in emulator.bot_messages(group.chat)[before:]
        ),
        what="the partner notice in the group",
    )
    note = next(m for m in emulator.bot_messages(group.chat)[before:] if "your partner" in m.text)
    assert f'href="tg://user?id={group.alice.user.id}"' in note.html


async def test_partner_hears_of_an_overdue_milestone_and_a_missed_checkin_once(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-01")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday: the first check-in prompt
    await run_tick(bot)
    await group.bob.say("/checkin on-track")  # Alice does not check in

    clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # the milestone is overdue
    await run_tick(bot)
    await run_tick(bot)
    overdue = [
        m
        for m in emulator.bot_messages(group.chat)
        if "milestone 1.1 Half marathon is overdue" in m.text
    ]
    assert len(overdue) == 1 and "your partner Alice" in overdue[0].text

    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # the next prompt: Alice missed the last
    await run_tick(bot)
    await run_tick(bot)
    missed = [m for m in emulator.bot_messages(group.chat) if "missed the last check-in" in m.text]
    assert len(missed) == 1
    assert "your partner Alice missed" in missed[0].text  # told to Bob; Bob checked in


async def test_a_member_whose_goals_are_achieved_is_not_asked_to_check_in(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Ship the beta by 2027-01-31")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await group.alice.say("/checkin on track")
    await group.bob.say("/checkin on track")
    clock.now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    await group.bob.say("/done 2")  # Bob's only goal is achieved
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await run_tick(bot)  # nobody checks in this week

    clock.now = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    summary = (await group.carol.say("/summary")).text
    assert "Alice ⚠️ no check-in yet" in summary
    assert "Bob\n  🏆 #2 Ship the beta · achieved" in summary  # nothing asked of him

    clock.now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    missed = [m.text for m in emulator.bot_messages(group.chat) if "missed the last" in m.text]
    assert [t for t in missed if "your partner Alice missed" in t]
    assert not [t for t in missed if "your partner Bob missed" in t]
    clock.now = datetime(2026, 12, 14, 12, 0, tzinfo=UTC)
    report = (await group.carol.say("/report quarter")).text  # the prompts of 30 Nov and 7 Dec
    assert "Alice: 1 of 2 (50%)" in report
    assert "Bob: 1 of 1 (100%)" in report


async def test_a_partner_hears_once_for_each_run_of_missed_check_ins(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await make_partners(group, emulator)
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-06-30")

    def told_about_alice() -> int:
        return sum(
            "your partner Alice missed the last check-in" in m.text
            for m in emulator.bot_messages(group.chat)
        )

    heard = []
    for week in range(8):  # Mondays from 30 Nov; Alice checks in the first and the fifth week
        clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC) + timedelta(weeks=week)
        await run_tick(bot)
        await run_tick(bot)
        heard.append(told_about_alice())
        await group.bob.say("/checkin on track")
        if week in (0, 4):
            await group.alice.say("/checkin on track")
        if week == 6:  # they part and pair up again: a new partnership hears afresh
            clock.advance(days=1)
            await group.bob.say("/unpartner")
            await make_partners(group, emulator)
    # Told when the second week was missed, not again for the third and fourth; after her
    # check-in in the fifth, told of the sixth; and by the new partnership of the seventh.
    assert heard == [0, 0, 1, 1, 1, 1, 2, 3]
    assert "your partner Bob missed" not in " ".join(
        m.text for m in emulator.bot_messages(group.chat)
    )


async def test_a_member_who_only_asked_for_help_can_be_invited(
    group: Group, emulator: BotApiEmulator
) -> None:
    dana = emulator.add_user("Dana", username="dana")
    ed = emulator.add_user("Ed", username="ed")
    await emulator.person(dana, group.chat).say("/help")
    await emulator.send(ed, group.chat, "/nosuchcommand")  # not ours: no answer
    await group.carol.say("/help")  # updates are handled in order: Ed's is done
    invite = await group.alice.say("/partner @dana")
    assert "haven't seen" not in invite.text and invite.buttons()
    added = await group.alice.say("/mentor @ed")
    assert "haven't seen" not in added.text
