"""Telegram's faults, over real HTTP: a faulty proxy between the bot and the emulator returns
each fault for sendMessage, for a scheduled post and for a command's reply.

What the emulator records is what Telegram would have: a message appears exactly once when
the fault certainly kept it from Telegram (it is sent again until it goes through), and at
most once when it may have got there (never sent blindly again; the ledger and the log say
it may have arrived), except for a check-in prompt, which is sent once more, marked.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.delivery import policy, ratelimit
from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, Chat
from bot.emulator.api import BotApi
from bot.emulator.html_text import visible_text
from bot.emulator.models import ApiError
from bot.emulator.proxy import FaultyProxy
from bot.render.common import SENT_AGAIN
from bot.render.i18n import Words
from bot.render.text import split_message, units
from tests.conftest import FakeClock, Group, make_app, run_tick, start_bot, stop_bot

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the default weekly check-in prompt
FRIDAY_17 = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # the default weekly summary
PROMPT = "Check-in time"
SUMMARY = "📊 Summary: Runners Club"
GOAL = "/goal Run a marathon by 2027-04-30"
ANSWER = "Goal #1 for Alice"
AGAIN = "Sent again"
# Quick sends: the limiter's 3 retries take ~0.07 s, a reply's waits 0.2 s, 0.4 s, 0.5 s...
QUICK_RETRIES = 1 + ratelimit.GATEWAY_RETRIES


@pytest.fixture
async def proxy(emulator: BotApiEmulator) -> AsyncIterator[FaultyProxy]:
    faulty = FaultyProxy(emulator.base_url)
    await faulty.start()
    yield faulty
    await faulty.stop()


@pytest.fixture
async def app(
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    db_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot talking to Telegram through the proxy, with the production send timeout."""
    monkeypatch.setattr(ratelimit, "FIRST_BACKOFF", 0.01)
    monkeypatch.setattr(policy, "FIRST_WAIT", 0.2)
    monkeypatch.setattr(policy, "LONGEST_WAIT", 0.5)
    bot = make_app(emulator, db_path, clock, base_url=proxy.base_url)
    await start_bot(bot)
    yield bot
    await stop_bot(bot)


@pytest.fixture
def club(emulator: BotApiEmulator, app: Application) -> Group:  # type: ignore[type-arg]
    users = [emulator.add_user(n, n.lower()) for n in ("Alice", "Bob", "Carol")]
    chat = emulator.add_group("Runners Club", admins=users[:1])
    return Group(chat, *(emulator.person(u, chat) for u in users))


def texts(emulator: BotApiEmulator, chat: Chat, marker: str) -> list[str]:
    return [m.text for m in emulator.bot_messages(chat) if marker in m.text]


async def ledger(app: Application, chat: Chat, kind: str) -> tuple[str, int, str | None]:  # type: ignore[type-arg]
    """The latest record of a scheduled post: status, tries, last reason."""
    async with app.bot_data.db.reading() as conn:
        row = await conn.fetch_one(
            """SELECT status, tries, last_reason FROM deliveries WHERE chat_id = ? AND kind = ?
               ORDER BY due_at DESC LIMIT 1""",
            (chat.id, kind),
        )
    assert row is not None
    return row[0], row[1], row[2]


# ---- the faults ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """A fault, and what becomes of a scheduled check-in prompt and of a command's reply."""

    inject: Callable[[FaultyProxy, Chat], None]
    ambiguous: bool  # the bot cannot tell whether Telegram has it
    prompt_sends: int  # sendMessage calls for the prompt that reached the proxy
    prompts: int  # check-in prompts the group gets
    reply_sends: int  # sendMessage calls for the answer that reached the proxy
    replies: int  # answers to the command the member gets


FAULTS = {
    # Telegram's own JSON 500: it said it failed, so it is sent again at once.
    "500 JSON": Fault(lambda p, c: p.json_error(c.id, 500, "Internal Server Error"), False, 2, 1, 2, 1),
    "502 page": Fault(lambda p, c: p.page(c.id, 502), False, 2, 1, 2, 1),
    # More pages in a row than the quick retries: the prompt goes on the next tick, the reply
    # after a wait.
    "503 pages, 6 in a row": Fault(lambda p, c: p.page(c.id, 503, times=6), False, 7, 1, 7, 1),
    "429": Fault(lambda p, c: p.json_error(c.id, 429, "Too Many Requests: retry after 1", retry_after=1), False, 2, 1, 2, 1),
    # Ambiguous: a prompt goes once more, marked (so here it arrives once, marked); a reply is
    # never sent again (so here it is missing: the window that remains, see policy.py).
    "reset before passing on": Fault(lambda p, c: p.reset_before(c.id), True, 2, 1, 1, 0),
    "reset after passing on": Fault(lambda p, c: p.reset_after(c.id), True, 2, 2, 1, 1),
    "504 JSON after taken": Fault(lambda p, c: p.timeout_after_taken(c.id, html=False), True, 2, 2, 1, 1),
    "504 page after taken": Fault(lambda p, c: p.timeout_after_taken(c.id, html=True), True, 2, 2, 1, 1),
    # Waited for: the send timeout is 30 s.
    "slow answer, 8 s": Fault(lambda p, c: p.slow(c.id, 8.0), False, 1, 1, 1, 1),
}  # fmt: skip


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
async def test_a_scheduled_check_in_prompt_through_each_fault(
    fault: Fault,
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await club.alice.say("/start")
    fault.inject(proxy, club.chat)
    clock.now = MONDAY_9
    for _ in range(3):  # the tick it is due, and two more 30 s apart
        await run_tick(app)
        clock.advance(seconds=30)
    prompts = texts(emulator, club.chat, PROMPT)
    assert len(prompts) == fault.prompts
    assert sum(AGAIN in p for p in prompts) == (1 if fault.ambiguous else 0)
    assert AGAIN in prompts[-1] or not fault.ambiguous  # the one sent again says so
    assert len(proxy.sends(club.chat.id, PROMPT)) == fault.prompt_sends
    assert (await ledger(app, club.chat, "checkin"))[0] == "sent"
    assert emulator.bot_messages(club.chat)[-1].buttons()  # its buttons came too


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
async def test_a_commands_reply_through_each_fault(
    fault: Fault,
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fault.inject(proxy, club.chat)
    with caplog.at_level(logging.WARNING):
        await emulator.send(club.alice.user, club.chat, GOAL)
        listing = await club.alice.say("/goals", timeout=30)  # handled after the /goal
    assert listing.text.count("Run a marathon") == 1  # the command was applied once
    assert len(texts(emulator, club.chat, ANSWER)) == fault.replies
    assert len(proxy.sends(club.chat.id, ANSWER)) == fault.reply_sends
    assert not texts(emulator, club.chat, "went wrong")  # never an apology for Telegram
    unsure = [r.getMessage() for r in caplog.records if "may have arrived" in r.getMessage()]
    assert len(unsure) == (1 if fault.ambiguous else 0), unsure


async def test_connections_refused_a_post_goes_out_when_the_proxy_is_back(
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await club.alice.say("/start")
    await proxy.go_down()
    clock.now = MONDAY_9
    await run_tick(app)
    assert texts(emulator, club.chat, PROMPT) == []
    assert (await ledger(app, club.chat, "checkin"))[:2] == ("retry", 1)
    await proxy.come_back()
    clock.advance(seconds=30)
    await run_tick(app)
    clock.advance(seconds=30)
    await run_tick(app)
    assert len(texts(emulator, club.chat, PROMPT)) == 1
    assert await ledger(app, club.chat, "checkin") == ("sent", 2, "unreachable")


async def test_connections_refused_a_reply_goes_out_when_the_proxy_is_back(
    club: Group, emulator: BotApiEmulator, proxy: FaultyProxy
) -> None:
    await club.alice.say("/start")
    proxy.down_after_update(GOAL, seconds=1.5)  # it restarts as the bot gets the command
    reply = await club.alice.say(GOAL, timeout=30)
    assert ANSWER in reply.text
    assert len(texts(emulator, club.chat, ANSWER)) == 1
    assert len(proxy.sends(club.chat.id, ANSWER)) == 1  # the refused tries never got there


async def test_too_long_for_telegram_a_post_is_cut_smaller_never_dropped(
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await club.alice.say("/start")
    proxy.json_error(club.chat.id, 400, "Bad Request: message is too long")
    before = len(emulator.bot_messages(club.chat))
    clock.now = MONDAY_9
    await run_tick(app)
    whole = proxy.sends(club.chat.id, PROMPT)[0].text  # the one Telegram refused
    parts = emulator.bot_messages(club.chat)[before:]
    assert len(parts) >= 2
    assert " ".join(m.text for m in parts).split() == visible_text(whole).split()
    assert [bool(m.buttons()) for m in parts] == [False] * (len(parts) - 1) + [True]
    assert (await ledger(app, club.chat, "checkin"))[0] == "sent"


async def test_too_long_for_telegram_a_reply_is_cut_smaller_never_dropped(
    club: Group, emulator: BotApiEmulator, proxy: FaultyProxy
) -> None:
    whole = await club.alice.say("/help")
    proxy.json_error(club.chat.id, 400, "Bad Request: message is too long")
    before = len(emulator.bot_messages(club.chat))
    first = await club.alice.say("/help")
    await emulator.wait_until(
        lambda: (
            " ".join(m.text for m in emulator.bot_messages(club.chat)[before:]).split()
            == whole.text.split()
        ),
        what="every piece of the reply",
    )
    parts = emulator.bot_messages(club.chat)[before:]
    assert len(parts) >= 2 and parts[0] is first


def test_emoji_count_twice_against_telegrams_limit() -> None:
    """Telegram counts UTF-16 code units: 3,000 runners' emoji are 6,000 of them."""
    text = "\n".join(f"<b>Runner {n}</b> " + "🏃" * 100 for n in range(30))
    assert len(text) < 4096 < units(text)
    chunks = split_message(text)
    assert len(chunks) == 2 and all(units(c) <= 4096 for c in chunks)
    assert "\n".join(chunks) == text
    with pytest.raises(ApiError, match="too long"):
        BotApi._visible(text, "HTML")


# ---- the ambiguous case: both sides of the policy -------------------------------------------


async def test_a_summary_that_may_have_arrived_is_not_sent_again(
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await club.alice.say(GOAL)
    proxy.timeout_after_taken(club.chat.id, html=False)
    clock.now = FRIDAY_17
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            await run_tick(app)
            clock.advance(seconds=30)
    assert len(texts(emulator, club.chat, SUMMARY)) == 1  # it did arrive: once
    assert await ledger(app, club.chat, "summary") == ("unknown", 1, "gateway_timeout")
    logged = [r.getMessage() for r in caplog.records]
    assert any("may have arrived" in m and "not sent again" in m for m in logged), logged


async def test_a_summary_whose_connection_was_reset_is_recorded_as_may_have_arrived(
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    """The window that remains: to the bot a reset before the proxy passed the request on
    looks the same as one after, so the summary is not sent again, and it never came."""
    await club.alice.say(GOAL)
    proxy.reset_before(club.chat.id)
    clock.now = FRIDAY_17
    for _ in range(3):
        await run_tick(app)
        clock.advance(seconds=30)
    assert texts(emulator, club.chat, SUMMARY) == []
    assert await ledger(app, club.chat, "summary") == ("unknown", 1, "connection_lost")


@pytest.mark.parametrize("lang", [Lang.EN, Lang.DE], ids=str)
async def test_a_check_in_prompt_is_sent_once_more_at_most(
    lang: Lang,
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    app: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await club.alice.say(f"/language {lang.value}")
    proxy.timeout_after_taken(club.chat.id, html=True, times=5)
    clock.now = MONDAY_9
    for _ in range(4):
        await run_tick(app)
        clock.advance(seconds=30)
    prompts = texts(emulator, club.chat, "📋")
    # The one sent again says so, in the group's language.
    again = visible_text(Words(lang).gettext(SENT_AGAIN))
    assert len(prompts) == 2 and again in prompts[1] and (lang is Lang.EN) == (AGAIN in again)
    assert await ledger(app, club.chat, "checkin") == ("unknown", 2, "gateway_timeout")
    # The buttons of either prompt check in for the period.
    first, second = (m for m in emulator.bot_messages(club.chat) if "📋" in m.text)
    assert (await club.bob.press(first, first.buttons()[0]["text"])).get("text")
    assert (await club.carol.press(second, second.buttons()[0]["text"])).get("text")


# ---- giving up ---------------------------------------------------------------------------


async def test_a_post_still_failing_past_its_grace_window_is_given_up(
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    db_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(ratelimit, "FIRST_BACKOFF", 0.01)
    app = make_app(
        emulator, db_path, clock, base_url=proxy.base_url, catch_up_grace=timedelta(minutes=2)
    )
    await start_bot(app)
    try:
        alice = emulator.add_user("Alice", "alice")
        chat = emulator.add_group("Runners Club", admins=(alice,))
        await emulator.person(alice, chat).say("/start")
        proxy.page(chat.id, 503, times=1000)  # the gateway stays down
        clock.now = MONDAY_9
        with caplog.at_level(logging.WARNING):
            for _ in range(7):  # 09:00 to 09:03, every 30 s
                await run_tick(app)
                clock.advance(seconds=30)
        tries = len(proxy.sends(chat.id, PROMPT))
        assert tries == 5 * QUICK_RETRIES  # every tick within the 2 minutes tried again
        status, ticks, reason = await ledger(app, chat, "checkin")
        assert (status, ticks, reason) == ("failed", 5, "gateway_page")
        gave_up = [r for r in caplog.records if "gave up on checkin" in r.getMessage()]
        assert len(gave_up) == 1 and gave_up[0].levelno == logging.ERROR
        proxy.rules.clear()  # the gateway is back, but the post is over
        await run_tick(app)
        assert texts(emulator, chat, PROMPT) == []
        assert len(proxy.sends(chat.id, PROMPT)) == tries
    finally:
        await stop_bot(app)


async def test_a_reply_telegram_never_takes_is_given_up_after_a_while(
    club: Group,
    emulator: BotApiEmulator,
    proxy: FaultyProxy,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(policy, "REPLY_PATIENCE", 1.5)
    proxy.page(club.chat.id, 502, times=1000)
    with caplog.at_level(logging.WARNING):
        await emulator.send(club.alice.user, club.chat, GOAL)
        await emulator.wait_until(
            lambda: any("giving up" in r.getMessage() for r in caplog.records),
            timeout=10,
            what="the reply given up",
        )
    assert 2 * QUICK_RETRIES < len(proxy.sends(club.chat.id, ANSWER)) < 10 * QUICK_RETRIES
    proxy.rules.clear()
    listing = await club.alice.say("/goals")
    assert listing.text.count("Run a marathon") == 1
