"""Forged button presses: a modified client can send any callback data on any message the bot
sent. A press counts only with data that is on the very message it was pressed on; anything
else (another message's, another chat's or another feature's data, a made-up period, digits
that are not ASCII, numbers too big for SQLite, garbage) gets one short answer and changes
nothing: not a row in the database, not a word or a button of any message."""

from __future__ import annotations

import copy
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram.ext import Application, CallbackQueryHandler

from bot.app import build_application
from bot.domain import callbacks
from bot.domain.checkins import CheckinStatus, ReviewChoice, ReviewResult
from bot.emulator import BotApiEmulator, Person, SentMessage, User
from bot.handlers import buttons
from bot.render.common import STALE_BUTTON
from bot.services import checkins as checkins_service
from bot.services import choices as choices_service
from bot.services import goals as goals_service
from bot.services import milestones as milestones_service
from bot.services import partners as partners_service
from bot.storage.work import UnitOfWork
from tests.conftest import (
    FakeClock,
    Group,
    columns_of,
    make_app,
    make_config,
    peek,
    run_tick,
    start_bot,
    stop_bot,
    tables_of,
)

QUARTER_BEGINS = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)  # a quarterly review goes out
MONDAY = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # the check-in prompt of 2027-01-04
BATCH = 200  # presses in flight at once


@pytest.fixture
async def bot(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot, with flood control out of the way of thousands of presses by one member."""
    app = make_app(emulator, db_path, clock, flood_per_minute=1_000_000)
    await start_bot(app)
    yield app
    await stop_bot(app)


@dataclass(frozen=True)
class Button:
    """A button the bot put on a message, and who its press acts for."""

    message: SentMessage
    data: str
    label: str
    presser: User


@dataclass
class Scene:
    """Two groups and a private chat, each with a message of every kind that has buttons."""

    runners: Group
    dave: Person  # admin of the Book Club; Carol is in both groups
    alice_private: Person
    buttons: list[Button]
    plain: list[SentMessage]  # a bot message without buttons, a member's own message

    @property
    def barrier(self) -> list[Person]:
        """One member per chat, already known there, to say /goals after everything else."""
        return [self.runners.alice, self.dave, self.alice_private]


def data_on(message: SentMessage) -> set[str]:
    """The callback data of the buttons the message has now."""
    return {str(b["callback_data"]) for b in message.buttons() if "callback_data" in b}


async def scene(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> Scene:
    alice, bob, carol = group.alice, group.bob, group.carol
    dave_user = emulator.add_user("Dave", "dave")
    books = emulator.add_group("Book Club", admins=(dave_user,))
    dave, carol_there = emulator.person(dave_user, books), emulator.person(carol.user, books)
    alice_private = emulator.person(alice.user, emulator.private_chat(alice.user))
    await alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await bob.say("/goal Swim 20 km by 2027-12-31 target 20 km")
    await alice.say("/milestone 1 Half marathon by 2027-02-15")
    await carol.say("/goals")
    await dave.say("/goal Read 24 books by 2027-12-31 target 24 books")
    await carol_there.say("/goal CAROL-B-ONLY goal by 2027-09-30")
    await dave.say("/milestone 1 First 12 books by 2027-06-30")
    await alice_private.say("/goal Learn piano by 2027-06-30")
    clock.now = QUARTER_BEGINS
    await run_tick(bot)
    clock.now = MONDAY
    await run_tick(bot)
    plain = [await alice.say("/goals")]
    for person, commands in (
        (alice, ["/abandon 1", "/delete 1.1", "/partner @bob", "/forgetme"]),
        (alice, ["/goal Save for a bike by 2027-06-30 target 1.500 €"]),
        (dave, ["/abandon 1", "/delete 1.1", "/partner @carol", "/forgetme", "/progress 1 30"]),
        (alice_private, ["/abandon 1", "/forgetme"]),
    ):
        for command in commands:
            await person.say(command)
    plain.append(next(m for m in emulator.messages if m.text == "/abandon 1"))
    # A habit in each group, the evening's habit prompt, and a guided /goal's question.
    await alice.say("/habit Meditate every day")
    await dave.say("/habit Read every day")
    started = await bob.say("/goal")
    await bob.say("Practice piano", reply_to=started)
    clock.now = MONDAY.replace(hour=20)
    await run_tick(bot)
    # Who a genuine press acts for: the asker, the invitee, the goal's owner in a review.
    owners = {
        group.chat.id: {"#1": alice.user, "#2": bob.user},
        books.id: {"#1": dave_user, "#2": carol.user},
        alice.user.id: {"#1": alice.user},
    }
    invitees = {group.chat.id: bob.user, books.id: carol.user}
    found = []
    for message in emulator.messages:
        for button in message.buttons() if message.from_bot else ():
            data, label = str(button["callback_data"]), str(button["text"])
            if message.reply_to is not None:
                presser = message.reply_to.sender
            elif data.startswith(f"{callbacks.VERSION}:rv:"):
                presser = owners[message.chat.id][label.split()[0]]
            else:  # the check-in prompt: anyone there
                presser = {group.chat.id: alice.user, books.id: dave_user}.get(
                    message.chat.id, alice.user
                )
            if data.startswith(f"{callbacks.VERSION}:pt:"):
                presser = invitees[message.chat.id]
            if data.startswith(f"{callbacks.VERSION}:hb:"):  # "✅ Meditate · Alice": hers
                presser = {"Alice": alice.user, "Dave": dave_user}[label.rsplit("· ", 1)[1]]
            assert presser is not None
            found.append(Button(message, data, label, presser))
    kinds = {b.data.split(":")[1] for b in found}
    assert kinds == {"abandon", "ci", "rv", "pt", "fm", "rm", "pick", "hb", "gd"}, kinds
    return Scene(group, dave, alice_private, found, plain)


# ---- what must not change ---------------------------------------------------------------


def database(db_path: Path) -> tuple[list[str], set[str]]:
    """Every table's rows (a dump), and apart from them which updates were handled: those
    rows change with every update, the barrier's too."""
    conn = peek(db_path)
    try:
        lines = list(conn.iterdump())
    finally:
        conn.close()
    handled = {line for line in lines if line.startswith('INSERT INTO "updates_seen"')}
    return [line for line in lines if line not in handled], handled


def messages(emulator: BotApiEmulator) -> dict[tuple[int, int], tuple[object, ...]]:
    """Every message in every chat: its text, its buttons, how often it was edited."""
    return {
        (m.chat.id, m.message_id): (
            m.text,
            m.html,
            json.dumps(m.reply_markup, sort_keys=True),
            m.edits,
        )
        for m in emulator.messages
    }


async def barrier(scene: Scene) -> None:
    """Each chat handles its updates in order, so an answer to /goals there means every
    press sent there before it is done with, whatever it would have done after answering.
    /goals stores that it was handled before it answers, and nothing else (its sender was
    seen there today already)."""
    for person in scene.barrier:
        await person.say("/goals")


class Unchanged:
    """Asserts, on leaving, that the database and every message are as they were."""

    def __init__(self, scene: Scene, emulator: BotApiEmulator, db_path: Path) -> None:
        self.scene, self.emulator, self.db_path = scene, emulator, db_path

    async def __aenter__(self) -> Unchanged:
        await barrier(self.scene)
        self.rows, self.handled = database(self.db_path)
        self.messages = messages(self.emulator)
        self.calls = len(self.emulator.calls)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if exc[0] is not None:
            return
        await barrier(self.scene)
        rows, handled = database(self.db_path)
        assert [r for r in rows if r not in self.rows] == []
        assert [r for r in self.rows if r not in rows] == []
        chats = len(self.scene.barrier)
        # The barrier's own updates only (rows days old may be forgotten meanwhile).
        assert len(handled - self.handled) == chats, "a forged press was recorded as handled"
        now = messages(self.emulator)
        changed = [k for k, v in self.messages.items() if now[k] != v]
        assert changed == [], f"messages changed: {changed}"
        new = [
            m for k, m in zip(now, self.emulator.messages, strict=True) if k not in self.messages
        ]
        assert [m.text for m in new if not m.from_bot] == ["/goals"] * chats
        assert len(new) == 2 * chats, [m.text for m in new]
        methods = Counter(c.method for c in self.emulator.calls[self.calls :])
        del methods["getUpdates"], methods["answerCallbackQuery"]
        assert methods == {"sendMessage": chats}, methods


# ---- the presses ------------------------------------------------------------------------


@dataclass(frozen=True)
class Forged:
    """One forged press: what is pressed where, by whom, and what it forges."""

    message: SentMessage
    data: str | None
    presser: User
    what: str


async def press_all(emulator: BotApiEmulator, presses: list[Forged]) -> int:
    """Send the presses (a batch at a time) and check each got the short answer, once."""
    wrong = []
    for start in range(0, len(presses), BATCH):
        batch = presses[start : start + BATCH]
        ids = [await emulator.press_data(p.presser, p.message, p.data) for p in batch]
        await emulator.wait_until(
            lambda ids=ids: all(i in emulator.callback_answers for i in ids),  # type: ignore[misc]
            timeout=60,
            what=f"answers to presses {start} to {start + len(batch)}",
        )
        for query_id, press in zip(ids, batch, strict=True):
            got = emulator.callback_answers[query_id]
            if got.get("text") != STALE_BUTTON or got.get("show_alert"):
                wrong.append(f"{press.what}: {press.data!r} -> {got.get('text')!r}")
    assert wrong == [], f"{len(wrong)} of {len(presses)} forged presses acted:\n" + "\n".join(
        wrong[:40]
    )
    return len(presses)


def misplaced(scene: Scene, deleted: SentMessage) -> Iterator[Forged]:
    """Genuine data pressed where it does not belong: on another message of the same chat
    (the same feature's or another's), in another chat, on a message without buttons, on a
    member's message, on a deleted message; by the person it would act for, and by the one
    the target message is for."""
    targets = {id(b.message): b for b in scene.buttons}
    for target in [*(b.message for b in targets.values()), *scene.plain, deleted]:
        here = data_on(target) if target is not deleted else set()
        own = targets.get(id(target))
        for button in scene.buttons:
            if button.data in here:
                continue
            where = "another chat" if button.message.chat != target.chat else "another message"
            what = f"{where} ({target.text.splitlines()[0][:40]!r})"
            pressers = {button.presser, own.presser if own else button.presser}
            for presser in sorted(pressers, key=lambda u: u.id):
                yield Forged(target, button.data, presser, what)
    for button in scene.buttons:
        yield Forged(button.message, None, button.presser, "no data at all")


# Values for any field: empty, spaces, words, digits that are not ASCII ('²' superscript,
# '١' Arabic-Indic, '１' full-width, '𝟙' mathematical), signs, floats, hex, numbers too big
# for SQLite's integers, over-long, control characters, emoji, SQL.
ANY_FIELD = [
    "", " ", "x", "garbage", "²", "١", "١٢", "１", "𝟙", "0", "-1", "+1", " 1", "1 ", "1.0",
    "1e3", "0x1", "01", str(10**30), str(2**63), str(2**63 - 1), "9" * 70, "\x00", "🙂",
    "None", "null", "'; DROP TABLE goals; --",
]  # fmt: skip
VERSIONS = ["v0", "v2", "V1", "v1 ", "v"]
TAGS = ["abandon", "ci", "rv", "pt", "fm", "rm", "pick", "hb", "gd", "ABANDON", "checkin", "review"]
PERIODS = [
    "2026-11-02", "2026-12-28", "2026-12-21", "2027-01-11", "2027-02-01", "9999-12-31",
    "0001-01-01", "2027-02-30", "2027-13-01", "2027-1-4", "20270104", "2027-01-04T09:00",
    "2026-Q4", "2027-Q2", "2027-Q5", "9999-Q9", "2027-q1", "2027",
    "20261128", "20270103", "20270105", "99991231", "20270230", "2027010", "202701045",
]  # fmt: skip
CODES = [s.value for s in CheckinStatus] + ["yes", "no", "y", "n", "k", "a", "d", "dd", "kk"]
CODES += [str(r) for r in ReviewChoice] + ["2", "3", "99", "100"]
CODES += ["once", "rep", "type", "h0", "h3", "h4", "h99", "h-1", "h١"]  # the guided /goal


def forged_fields(scene: Scene, ids: list[int]) -> Iterator[Forged]:
    """Every field of every message's data replaced, one at a time (on its first button; the
    others differ from it only in fields replaced the same way): by anything hostile, by
    what another kind has in that place, by every id in the database for an id (another
    chat's goal, milestone, invitation, question or member), by past and future periods for
    a period, by every status and choice for a choice."""
    in_place: dict[int, set[str]] = {}
    for button in scene.buttons:
        for i, value in enumerate(button.data.split(":")):
            in_place.setdefault(i, set()).add(value)
    first = {id(b.message): b for b in reversed(scene.buttons)}
    for button in first.values():
        here = data_on(button.message)
        fields = button.data.split(":")
        made: set[str] = set()
        for i, field in enumerate(fields):
            if i == 0:
                typed = VERSIONS
            elif i == 1:
                typed = TAGS
            elif field.isdigit():
                typed = [str(n) for n in ids]
            elif field[:1].isdigit():
                typed = PERIODS
            else:
                typed = CODES
            for value in [*ANY_FIELD, *typed, *sorted(in_place.get(i, ()))]:
                made.add(":".join([*fields[:i], value, *fields[i + 1 :]]))
        # Fields missing, added, or split differently.
        made |= {":".join(fields[:-1]), button.data + ":", button.data + ":1", ":" + button.data}
        made |= {button.data.replace(":", "::", 1), button.data + " ", button.data.upper()}
        made |= {"", "garbage", "v1", "v1:", ":", "x" * 64, "v1:" + "1" * 80}
        for data in sorted(made - here):
            yield Forged(button.message, data, button.presser, f"a forged field on {fields[1]}")


def every_id(db_path: Path) -> list[int]:
    """Every id in the database: goals, milestones, invitations, questions, members, chats."""
    conn = peek(db_path)
    try:
        tables = tables_of(conn)
        found: set[int] = {999, 10**6}
        for table in tables:
            for column in columns_of(conn, table):
                if column == "id" or column.endswith("_id"):
                    query = f"SELECT DISTINCT {column} FROM {table}"
                    found |= {v for (v,) in conn.execute(query) if isinstance(v, int)}
    finally:
        conn.close()
    return sorted(found)


async def test_forged_presses_change_nothing_and_get_the_short_answer(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    the = await scene(group, emulator, bot, clock)
    deleted = await the.runners.alice.say("/abandon 1")  # asked twice; the second is deleted
    emulator.delete(deleted)
    async with Unchanged(the, emulator, db_path):
        sent = await press_all(emulator, list(misplaced(the, deleted)))
        sent += await press_all(emulator, list(forged_fields(the, every_id(db_path))))
        on_deleted = [Forged(deleted, d, group.alice.user, "deleted") for d in data_on(deleted)]
        sent += await press_all(emulator, on_deleted)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []  # no unhandled error, no apology
    assert sent > 5_000, sent


async def test_the_issues_forgeries_each_change_nothing(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    the = await scene(group, emulator, bot, clock)
    caplog.set_level(logging.INFO, logger="bot.updates")
    prompt = next(b.message for b in the.buttons if "Check-in time, Runners" in b.message.text)
    review = next(b.message for b in the.buttons if "Quarterly review, Runners" in b.message.text)
    question = next(b.message for b in the.buttons if "Abandon goal #1 Run" in b.message.text)
    keep_2 = next(d for d in data_on(review) if d.endswith(":k") and ":2:" in d)
    daves = next(
        b.data
        for b in the.buttons
        if b.data.startswith("v1:abandon:") and b.presser.first_name == "Dave"
    )
    carols = next(
        b.data
        for b in the.buttons
        if b.data.startswith("v1:rv:") and b.presser.first_name == "Carol"
    )
    async with Unchanged(the, emulator, db_path):
        # Another feature's data on the group's check-in prompt: the prompt stays as it is.
        toast = await group.bob.press_data(prompt, keep_2)
        assert toast["text"] == STALE_BUTTON
        # Another chat's goal through this chat's messages: neither its title nor its owner.
        for data, where in ((daves, question), (carols, review), (daves, prompt)):
            toast = await group.alice.press_data(where, data)
            assert toast["text"] == STALE_BUTTON
        # Check-ins for weeks the prompt did not open: no streak of 5 from one check-in.
        for period in ("2026-11-02", "2026-12-28", "9999-12-31", "garbage", ""):
            toast = await group.alice.press_data(prompt, f"v1:ci:{period}:on_track")
            assert toast["text"] == STALE_BUTTON
        # Digits that are not ASCII and numbers too big for SQLite: answered, never an error.
        for goal in ("²", "١", str(10**30)):
            toast = await group.alice.press_data(question, f"v1:abandon:{goal}:yes")
            assert toast["text"] == STALE_BUTTON
        await group.alice.press_data(question, "<script>:alert(1)")
    # The log names a press's kind, never a client's own data.
    logged = {getattr(r, "button", None) for r in caplog.records if r.name == "bot.updates"}
    assert logged - {None} == {"ci", "rv", "abandon", "unreadable"}


async def test_genuine_presses_of_every_kind_still_act(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
) -> None:
    """The gate lets every kind of genuine press through: each is answered by its feature and
    changes its message (the forged ones above are not vacuous)."""
    the = await scene(group, emulator, bot, clock)
    wanted = {
        "ci": "✅ On track", "rv": "#1 keep", "abandon": "Abandon #1", "rm": "Remove 1.1",
        "pt": "Accept", "fm": "Keep it", "pick": "€1,500", "hb": "✅ Meditate · Alice",
        "gd": "🔁 Repeating",
    }  # fmt: skip
    pressed = set()
    for button in the.buttons:
        kind, label = button.data.split(":")[1], button.label
        if kind in pressed or label != wanted[kind] or button.message.chat != group.chat:
            continue
        pressed.add(kind)
        edits, rows = button.message.edits, database(db_path)[0]
        presser = emulator.person(button.presser, button.message.chat)
        toast = await presser.press(button.message, label)
        assert toast["text"] != STALE_BUTTON, kind
        await emulator.wait_until(lambda m=button.message, e=edits: m.edits > e, what=kind)  # type: ignore[misc]
        await barrier(the)  # what the press does after its answer is done too
        assert database(db_path)[0] != rows or kind == "fm", kind  # Keep it keeps everything
    assert pressed == set(wanted)


async def test_a_press_on_a_button_since_taken_off_its_message_is_out_of_date(
    group: Group, emulator: BotApiEmulator, db_path: Path
) -> None:
    """The phone may still show buttons the bot has taken off; Telegram sends the message as
    it is now, so the press is out of date, and changes nothing."""
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    question = await group.alice.say("/abandon 1")
    shown = copy.copy(question)  # what Alice's phone still shows
    toast = await group.alice.press(question, "Keep it")
    assert toast["text"] != STALE_BUTTON
    await emulator.wait_until(lambda: not question.buttons(), what="the buttons gone")
    rows = database(db_path)[0]
    toast = await group.alice.press(shown, "Abandon #1")
    assert toast["text"] == STALE_BUTTON
    assert database(db_path)[0] == rows
    assert "Run a marathon" in (await group.alice.say("/goals")).text


async def test_services_find_nothing_of_another_chat(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
) -> None:
    """Beneath the gate, each button's service looks its ids up in the chat of the press: a
    goal, milestone or invitation of the Book Club, pressed for in the Runners Club, is not
    found (nothing about it is named), and a question has no option past its last button."""
    the = await scene(group, emulator, bot, clock)
    books = the.dave.chat.id

    def ids_of(kind: str) -> int:
        data = next(
            b.data for b in the.buttons if b.message.chat.id == books and f":{kind}:" in b.data
        )
        return int(data.split(":")[2])

    work, here, now = UnitOfWork(bot.bot_data.db), group.chat.id, clock.now
    dave, carol = the.dave.user.id, group.carol.user.id
    rows = database(db_path)[0]
    abandoned = await goals_service.answer_abandon(work, here, dave, ids_of("abandon"), True, now)
    assert abandoned.goal is None
    removed = await milestones_service.answer_remove(work, here, dave, ids_of("rm"), True, now)
    assert removed.found.goal is None and removed.found.milestone is None
    accepted = await partners_service.answer(work, here, ids_of("pt"), carol, True, now)
    assert accepted == partners_service.InviteAnswer(partners_service.InviteResult.STALE)
    where = checkins_service.ReviewMessage(here, 10**6, [ids_of("abandon")])
    kept = await checkins_service.answer_review(
        work, dave, ids_of("abandon"), "2027-Q1", ReviewChoice.KEEP, where, now
    )
    assert kept.result is ReviewResult.GONE and kept.goals == [] and kept.goal is None
    picked = await choices_service.pick(work, here, dave, ids_of("pick"), 0, now)
    assert picked is choices_service.PickProblem.ANSWERED
    picked = await choices_service.pick(work, books, dave, ids_of("pick"), 99, now)
    assert picked is choices_service.PickProblem.NO_SUCH_OPTION
    assert database(db_path)[0] == rows


def test_no_button_handler_runs_before_the_gate(tmp_path: Path) -> None:
    """Every feature's button handler is in a group after the gate's, and every kind of data
    the gate lets through has exactly one handler (none is left unanswered)."""
    emulator = BotApiEmulator()
    app = build_application(make_config(emulator, tmp_path / "bot.sqlite3"))
    handlers = [
        (group, h) for group, hs in app.handlers.items() for h in hs
        if isinstance(h, CallbackQueryHandler)
    ]  # fmt: skip
    assert handlers
    assert all(group > buttons.GROUP for group, _ in handlers)
    (gate,) = app.handlers[buttons.GROUP]
    assert gate.callback is buttons.check
    samples = [
        callbacks.abandon(1, True), callbacks.checkin("2027-01-04", CheckinStatus.HELP),
        callbacks.review(1, "2027-Q1", ReviewChoice.DROP, confirmed=True),
        callbacks.partner(1, False), callbacks.forget(1, True),
        callbacks.remove_milestone(1, True), callbacks.pick(1, 2),
    ]  # fmt: skip
    for data in samples:
        assert callbacks.parse(data) is not None, data
        matching = [h for _, h in handlers if h.pattern is not None and h.pattern.match(data)]  # type: ignore[union-attr]
        assert len(matching) == 1, data
    for data in ("v1:abandon:²:yes", f"v1:abandon:{10**30}:yes", "v1:ci:2027-02-30:help"):
        assert callbacks.parse(data) is None, data
