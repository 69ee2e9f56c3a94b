"""Flood control counts commands as they arrive, and a stop under a backlog ends in time.

What a member sees when they send 500 commands at once in a group, with Telegram's send
budget of 20 messages a minute there: the first FLOOD_PER_MINUTE (40) are answered, the one
"slow down" notice comes at once (not behind the 40 replies waiting for the budget), and the
other 459 are ignored. SIGTERM with replies still queued: the process exits 0 within 10 s;
the commands in flight finish, the ones not started are kept, and the next start handles each
of them exactly once.
"""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

import pytest
from telegram.error import NetworkError, TimedOut
from telegram.ext import Application

from bot.app import build_application
from bot.caches import COOLDOWN, Admission, MemoryFloodGate
from bot.delivery import Kind, PatientRateLimiter, Reason, StoppedWaiting, classify
from bot.delivery.policy import patiently
from bot.emulator import BotApiEmulator, Chat, SentMessage
from bot.jobs.scheduled_posts import Verdict, verdict
from tests.conftest import (
    START,
    TICK_NEVER,
    BotProcess,
    FakeClock,
    make_app,
    make_config,
    peek,
    run_tick,
    start_bot,
    stop_bot,
)
from tests.test_scheduled_posts import MONDAY_9

NOTICE = "that's a lot of commands"
DEADLINE = 10  # seconds: Docker's default between SIGTERM and SIGKILL


def goal_command(n: int) -> str:
    return f"/goal G{n:04d} by 2030-01-01"


def goals_in(db_path: Path) -> list[tuple[int, str]]:
    """(number, title) of every goal, by number."""
    conn = peek(db_path)
    try:
        return [(int(n), str(t)) for n, t in conn.execute("SELECT number, title FROM goals")]
    finally:
        conn.close()


def held_in(db_path: Path) -> int:
    conn = peek(db_path)
    try:
        row = conn.execute("SELECT COUNT(*) FROM updates_held").fetchone()
        return int(row[0])
    finally:
        conn.close()


CREATED = re.compile(r"Goal #(\d+) for Bob: (G\d{4})")


def replies(emulator: BotApiEmulator, chat: Chat) -> list[SentMessage]:
    """The bot's answers to Bob's /goal commands."""
    return [m for m in emulator.bot_messages(chat) if CREATED.search(m.text)]


def numbers_answered(emulator: BotApiEmulator, chat: Chat) -> list[int]:
    found = (CREATED.search(m.text) for m in replies(emulator, chat))
    return [int(match.group(1)) for match in found if match]


def notices(emulator: BotApiEmulator, chat: Chat) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(chat) if NOTICE in m.text]


# ---- the count ------------------------------------------------------------------------


async def test_the_window_counts_each_member_and_chat_then_cools_down() -> None:
    now = [START]
    gate = MemoryFloodGate(3, lambda: now[0])
    seen = [await gate.admit(-1, 7, now[0]) for _ in range(6)]
    assert seen == [Admission.HANDLE] * 3 + [Admission.NOTICE] + [Admission.IGNORE] * 2
    assert await gate.admit(-1, 8, now[0]) is Admission.HANDLE  # someone else
    assert await gate.admit(-2, 7, now[0]) is Admission.HANDLE  # the same member elsewhere
    now[0] += COOLDOWN - COOLDOWN / 60
    assert await gate.admit(-1, 7, now[0]) is Admission.IGNORE  # still cooling down
    now[0] += COOLDOWN / 30
    # The cooldown is over and nothing was counted meanwhile: a whole window again.
    seen = [await gate.admit(-1, 7, now[0]) for _ in range(4)]
    assert seen == [Admission.HANDLE] * 3 + [Admission.NOTICE]


async def test_the_window_moves_with_the_injected_clock() -> None:
    now = [START]
    gate = MemoryFloodGate(3, lambda: now[0])
    for _ in range(3):
        assert await gate.admit(-1, 7, now[0]) is Admission.HANDLE
        now[0] += COOLDOWN / 3
    # The first of the three is a minute old now: out of the window.
    assert await gate.admit(-1, 7, now[0]) is Admission.HANDLE
    assert await gate.admit(-1, 7, now[0]) is Admission.NOTICE


# ---- what the member sees -------------------------------------------------------------


def app_with_send_budget(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock, per_seconds: float
) -> tuple[Application, PatientRateLimiter]:  # type: ignore[type-arg]
    """The bot with Telegram's limits on: 30 messages a second, and 20 per `per_seconds` in a
    group (Telegram's is 20 a minute; a shorter period keeps the test short, same shape)."""
    limiter = PatientRateLimiter(group_max_rate=20, group_time_period=per_seconds, max_retries=2)
    config = make_config(emulator, db_path)
    app = build_application(config, clock=clock, rate_limiter=limiter, tick_seconds=TICK_NEVER)
    return app, limiter


async def test_a_burst_of_500_gets_40_answers_and_the_notice_at_once(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> None:
    app, _ = app_with_send_budget(emulator, db_path, clock, per_seconds=6)
    await start_bot(app)
    try:
        bob, alice = emulator.add_user("Bob", "bob"), emulator.add_user("Alice", "alice")
        chat = emulator.add_group("Runners Club", admins=(alice,))
        sent = [await emulator.send(bob, chat, goal_command(n)) for n in range(500)]
        await emulator.wait_until(lambda: bool(notices(emulator, chat)), what="the notice")
        # It went out beside the queue of replies, not behind it: at most the group's
        # instant budget (20) had gone out before it.
        assert len(replies(emulator, chat)) <= 20
        (notice,) = notices(emulator, chat)
        assert notice.reply_to is sent[40]  # the 41st command
        assert "1-minute breather" in notice.text
        await emulator.wait_until(lambda: len(replies(emulator, chat)) == 40, what="40 replies")
        # Alice's command comes after all of Bob's in the chat: once it is answered, Bob's
        # burst is done with.
        await emulator.person(alice, chat).say("/goals")
        assert numbers_answered(emulator, chat) == list(range(1, 41))
        assert len(notices(emulator, chat)) == 1
        assert goals_in(db_path) == [(n, f"G{n - 1:04d}") for n in range(1, 41)]
        # Bob is ignored for the cooldown, by the injected clock, then answered again.
        ignored = await emulator.send(bob, chat, "/goals")
        await emulator.person(alice, chat).say("/goals")
        assert not [m for m in emulator.bot_messages(chat) if m.reply_to is ignored]
        clock.advance(seconds=COOLDOWN.total_seconds() + 1)
        again = await emulator.person(bob, chat).say("/goals")
        assert "G0000" in again.text
    finally:
        await stop_bot(app)


async def test_commands_spread_over_minutes_of_the_injected_clock_are_no_flood(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> None:
    app = make_app(emulator, db_path, clock)  # FLOOD_PER_MINUTE 40
    await start_bot(app)
    try:
        bob, zed = emulator.add_user("Bob", "bob"), emulator.add_user("Zed")
        chat = emulator.add_group("Runners Club")
        for minute in range(3):  # 120 commands in seconds of real time, 3 minutes of the clock
            for n in range(40):
                await emulator.send(bob, chat, goal_command(minute * 40 + n))
            await emulator.person(zed, chat).say("/goals")  # after Bob's 40 in the chat
            clock.advance(minutes=1, seconds=1)
        assert not notices(emulator, chat)
        assert len(goals_in(db_path)) == 120
    finally:
        await stop_bot(app)


# ---- the stop's deadlines -------------------------------------------------------------


async def test_a_send_waiting_for_the_budget_at_the_stop_is_certainly_not_sent() -> None:
    limiter = PatientRateLimiter(group_max_rate=1, group_time_period=60)
    calls: list[str] = []
    sent, answered = asyncio.Event(), asyncio.Event()

    async def send(text: str) -> bool:
        calls.append(text)
        sent.set()
        await answered.wait()  # Telegram answers when the test says so
        return True

    def request(text: str) -> asyncio.Task[object]:
        return asyncio.create_task(
            limiter.process_request(send, (text,), {}, "sendMessage", {"chat_id": -5}, None)
        )

    loop = asyncio.get_running_loop()
    on_the_wire = request("first")  # takes the group's budget, then waits for Telegram
    waiting = request("second")  # waits for the budget: a minute
    await sent.wait()
    limiter.stop(loop.time() + 0.1, loop.time() + 5)
    with pytest.raises(StoppedWaiting):
        await waiting
    answered.set()
    assert await on_the_wire is True  # on the wire: it may finish until the cut-off
    with pytest.raises(StoppedWaiting):  # and nothing new waits after the stop
        await request("third")
    assert calls == ["first"]
    outcome = classify(StoppedWaiting("sendMessage"))
    assert (outcome.kind, outcome.reason) == (Kind.NOT_TAKEN, Reason.STOPPING)
    assert verdict(outcome) is Verdict.RETRY  # a scheduled post goes out at the next start


async def test_a_request_telegram_has_not_answered_by_the_cut_off_is_abandoned() -> None:
    limiter = PatientRateLimiter()

    on_the_wire, never = asyncio.Event(), asyncio.Event()

    async def hang() -> bool:
        on_the_wire.set()
        await never.wait()  # Telegram never answers
        return True

    loop = asyncio.get_running_loop()
    hung = asyncio.create_task(
        limiter.process_request(hang, (), {}, "sendMessage", {"chat_id": 5}, None)
    )
    await on_the_wire.wait()
    limiter.stop(loop.time(), loop.time() + 0.2)
    with pytest.raises(TimedOut):  # it may have arrived: never sent again
        await asyncio.wait_for(hung, 5)


async def test_a_post_the_stop_left_no_turn_goes_out_at_the_next_start(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> None:
    app, limiter = app_with_send_budget(emulator, db_path, clock, per_seconds=600)
    await start_bot(app)
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    for n in range(20):  # the group's budget is spent: the next message waits 30 s
        await emulator.person(alice, chat).say(goal_command(n))
    clock.now = MONDAY_9  # the default Monday check-in is due
    # The stop comes while the budget is spent: the prompt gets no turn (a request already
    # waiting at the stop is the test above, on the limiter itself).
    loop = asyncio.get_running_loop()
    limiter.stop(loop.time(), loop.time() + 1)
    await asyncio.wait_for(run_tick(app), 5)
    await stop_bot(app)
    assert not [m for m in emulator.bot_messages(chat) if "Check-in time" in m.text]
    again = make_app(emulator, db_path, clock)
    await start_bot(again)  # the start-up catch-up sends what is due
    try:
        await emulator.wait_until(
            lambda: any("Check-in time" in m.text for m in emulator.bot_messages(chat)),
            what="the check-in prompt",
        )
        await run_tick(again)
        assert sum("Check-in time" in m.text for m in emulator.bot_messages(chat)) == 1
    finally:
        await stop_bot(again)


# ---- SIGTERM under a backlog, as a process ----------------------------------------------


async def all_received(emulator: BotApiEmulator) -> None:
    """The bot has taken every update from Telegram (those it has not would simply come at the
    next start, as new)."""
    await emulator.wait_until(lambda: not emulator.unconfirmed_updates(), what="updates taken")


async def sigterm_within_the_deadline(process: BotProcess) -> None:
    assert process.proc is not None
    process.proc.send_signal(signal.SIGTERM)
    # Gone within Docker's grace period, and a clean exit.
    assert await asyncio.wait_for(process.proc.wait(), timeout=DEADLINE) == 0


async def handled_once_after_a_restart(
    process: BotProcess, emulator: BotApiEmulator, chat: Chat, db_path: Path, expected: int
) -> None:
    """Start again (Telegram's limits off, to be quick): the kept commands are handled."""
    await process.start(RATE_LIMITS="off")
    await emulator.wait_until(
        lambda: len(goals_in(db_path)) >= expected, timeout=60, what="every command applied"
    )
    someone = emulator.add_user("Zed")
    await emulator.person(someone, chat).say("/goals")  # after them all, in the chat's order
    assert goals_in(db_path) == [(n, f"G{n - 1:04d}") for n in range(1, expected + 1)]
    assert held_in(db_path) == 0
    assert await process.stop() == 0


async def test_sigterm_under_a_flood_exits_in_time_and_keeps_what_was_let_in(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "data" / "bot.sqlite3"
    bob = emulator.add_user("Bob", "bob")
    chat = emulator.add_group("Runners Club")
    await process.start()  # as in production: Telegram's limits on, FLOOD_PER_MINUTE 40
    for n in range(500):
        await emulator.send(bob, chat, goal_command(n))
    await emulator.wait_until(lambda: bool(notices(emulator, chat)), what="the notice")
    assert len(replies(emulator, chat)) <= 20  # it did not wait behind the queued replies
    await all_received(emulator)
    await sigterm_within_the_deadline(process)
    applied, kept = len(goals_in(db_path)), held_in(db_path)
    assert applied < 40 and applied + kept == 40  # the 460 past the limit were never let in
    await handled_once_after_a_restart(process, emulator, chat, db_path, expected=40)
    assert len(notices(emulator, chat)) == 1
    numbers = numbers_answered(emulator, chat)
    assert len(numbers) == len(set(numbers))  # no reply twice
    assert len(numbers) >= 39  # at most the one reply in flight at the stop went unsent


async def test_sigterm_with_500_replies_queued_exits_in_time_and_loses_nothing(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "data" / "bot.sqlite3"
    bob = emulator.add_user("Bob", "bob")
    chat = emulator.add_group("Runners Club")
    await process.start(FLOOD_PER_MINUTE="1000")  # no flood: a backlog of 500 replies
    for n in range(500):
        await emulator.send(bob, chat, goal_command(n))
    # The group's instant budget is out; the rest come one every 3 s.
    await emulator.wait_until(lambda: len(replies(emulator, chat)) > 20, timeout=20)
    await all_received(emulator)
    await sigterm_within_the_deadline(process)
    applied, kept = len(goals_in(db_path)), held_in(db_path)
    assert applied + kept == 500
    await handled_once_after_a_restart(process, emulator, chat, db_path, expected=500)
    numbers = numbers_answered(emulator, chat)
    assert len(numbers) == len(set(numbers))  # no reply twice
    assert len(numbers) >= 499  # at most the one reply in flight at the stop went unsent
    assert "updates not handled yet are kept for the next start" in process.log.read_text()


def test_the_stop_fits_dockers_grace_period() -> None:
    from bot import app

    assert app.STOP_WAIT < app.STOP_CUT_OFF < DEADLINE - 1


async def test_a_reply_that_cannot_go_out_before_the_deadline_is_dropped_not_the_command(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "data" / "bot.sqlite3"
    bob = emulator.add_user("Bob", "bob")
    chat = emulator.add_group("Runners Club")
    await process.start()
    # Telegram asks the bot to wait half a minute before sending there again.
    emulator.fail_next_send(chat, 429, "Too Many Requests: retry after 30", retry_after=30)
    await emulator.send(bob, chat, goal_command(0))
    await emulator.wait_until(lambda: bool(emulator.calls_to("sendMessage")), what="the 429")
    await sigterm_within_the_deadline(process)
    assert goals_in(db_path) == [(1, "G0000")]  # committed before the reply was due
    assert not replies(emulator, chat)
    assert "reply not sent: the bot was stopping" in process.log.read_text()
    await process.start()
    await emulator.person(emulator.add_user("Zed"), chat).say("/goals")
    assert goals_in(db_path) == [(1, "G0000")]  # not applied again
    assert not replies(emulator, chat)  # and its reply is not sent late
    assert await process.stop() == 0


async def test_sigterm_while_telegram_does_not_answer_a_send_exits_in_time(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    bob = emulator.add_user("Bob", "bob")
    chat = emulator.add_group("Runners Club")
    await process.start()
    emulator.hang_next_call("sendMessage")
    await emulator.send(bob, chat, goal_command(0))
    await emulator.wait_until(lambda: bool(emulator.calls_to("sendMessage")), what="the send")
    await sigterm_within_the_deadline(process)
    assert goals_in(tmp_path / "data" / "bot.sqlite3") == [(1, "G0000")]


async def test_a_reply_waiting_between_tries_gives_up_at_the_stop() -> None:
    limiter = PatientRateLimiter()
    tried = asyncio.Event()
    tries = 0

    async def refused() -> bool:  # a gateway's 502: certainly not taken, tried again later
        nonlocal tries
        tries += 1
        tried.set()
        raise NetworkError("Bad Gateway")

    waiting = asyncio.create_task(patiently(refused, "reply in chat 5", limiter.stopping))
    await tried.wait()  # the first try failed: the reply now waits 2 s for the next
    loop = asyncio.get_running_loop()
    limiter.stop(loop.time(), loop.time() + 1)
    outcome = await asyncio.wait_for(waiting, 1)  # at once, not after the wait
    assert (outcome.reason, tries) == (Reason.STOPPING, 1)
    assert isinstance(outcome.error, StoppedWaiting)  # logged as "reply not sent: stopping"
