"""Bad input at scale: random arguments for every command get one reply, never a crash, and
the database keeps its invariants; the command grammar of every language reads anything
typed without a crash.

PROPERTY_EXAMPLES sets how many inputs each command gets (CI uses the default, 25).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import Application

from bot.domain.errors import UserError
from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, Person
from tests.conftest import ON_POSTGRESQL, FakeClock, make_app, peek, start_bot, stop_bot

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "25"))
COMMANDS = [
    "goal", "milestone", "done", "progress", "why", "target", "goals", "reschedule", "abandon", "reopen",
    "summary", "checkin", "reflect", "schedule", "timezone", "partner", "unpartner", "mentor",
    "unmentor", "feedback", "journal", "pause", "resume", "calendar", "chart", "help", "start",
    "digest", "report", "timeline", "undo", "rename", "delete", "habit", "did",
]  # fmt: skip
FRAGMENTS = [
    "1", "1.1", "2.3", "#1", "-1", "+5", "0", "1e9", "99999999999", "by", "target", "because",
    "until", "2027-04-30", "2020-01-01", "30/04/2027", "04/30/2027", "next friday", "in 3 weeks",
    "end of month", "tomorrow", "yesterday", "@alice", "@nobody", "km", "%", "'; DROP TABLE goals;--",
    "<b>", "</i>", "&amp;", "\u200b", "\u202e", "🎯", "李", "daily", "09:00", "25:99", "mon,thu",
    "on-track", "help", "all", "mine", "week", "Europe/Berlin", "Mars/Base",
    "from", "for", "2 weeks", "last", "month", "quarter", "q2", "this quarter", "$", "$10k", "10k",
    "1.5M", "27:30", "5pm", "mon, thu", "9999-12-31", "on track", "miles", "−2",
    "15.02.", "3.1.", "15.2.27", "15.02.2027", "15/02", "31.02.", "1.13.", "next month", "next week",
    "by 15.02.", "79,250", "1.500 €", "0,750 km", "$10,000", "10.000 steps", "75,5", "1.000.000",
    "after christmas", "(morning weight)", "today", "done", "👍", "missed", "✅",
    "every day", "3 times a week", "4x/week", "twice a month", "on weekdays", "mon, wed, fri",
    "at least", "at most 2", "at least 20 pages", "0 times a day", "999 times a day", "3",
    "until end of march", "until", "yesterday", "1,500 steps",
]  # fmt: skip
ARGUMENTS = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS), st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
    ),
    max_size=8,
).map(" ".join) | st.text(max_size=400)


@pytest.fixture
async def quiet_bot(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot with flood control out of the way: this test is the flood."""
    app = make_app(emulator, db_path, clock, flood_per_minute=100_000)
    await start_bot(app)
    yield app
    await stop_bot(app)


def invariants(db_path: Path) -> None:
    conn = peek(db_path)
    try:
        if not ON_POSTGRESQL:  # PostgreSQL checks every foreign key as it is written
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute(
            """SELECT COUNT(*) FROM milestones m JOIN goals g ON g.id = m.goal_id
               WHERE m.due_date > g.deadline AND m.completed_at IS NULL AND g.status = 'active'"""
        ).fetchone() == (0,)
        for current, target, baseline, title, deadline, unit in conn.execute(
            "SELECT current, target, baseline, title, deadline, unit FROM goals"
        ):
            assert current >= 0 and (target is None or target >= 0)
            assert baseline is None or (baseline >= 0 and baseline != target)
            assert not (target == 0 and baseline is None)
            assert 0 < len(title) <= 200
            date.fromisoformat(deadline)
            # a start ('from 80') must never end up in the unit
            assert not re.search(r"from [0-9$+-]", unit) and unit != "from"
            assert not unit.endswith(" from"), unit
        # a habit is logged only on days it ran, and never with a title left empty
        assert conn.execute(
            """SELECT COUNT(*) FROM habit_entries e JOIN habits h ON h.id = e.habit_id
               WHERE e.day < h.starts_on OR (h.until IS NOT NULL AND e.day > h.until)
               OR h.title = '' OR h.weekdays = ''"""
        ).fetchone() == (0,)
    finally:
        conn.close()


@pytest.mark.parametrize("command", COMMANDS)
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(arguments=ARGUMENTS)
async def test_any_arguments_get_exactly_one_reply(
    command: str,
    arguments: str,
    emulator: BotApiEmulator,
    quiet_bot: Application,  # type: ignore[type-arg]
    db_path: Path,
) -> None:
    await one_reply(emulator, db_path, f"/{command} {arguments}".strip())


async def one_reply(emulator: BotApiEmulator, db_path: Path, text: str, *first: str) -> None:
    """Send a command in the fuzzed group and check it got exactly one reply, no apology, and
    the database kept its invariants. One bot serves all of a test's examples (hypothesis
    shares function fixtures): the group, `first` and Alice's goals come with the first."""
    alice = emulator.users.get(10_001) or emulator.add_user("Alice", "alice")
    chat = next(iter(emulator.chats.values()), None) or emulator.add_group(
        "Fuzz Club", admins=(alice,)
    )
    me = Person(emulator, alice, chat)
    if not emulator.bot_messages(chat):
        for line in first:
            await me.say(line)
        await me.say("/goal Run a marathon by 2027-04-30 target 42 km")
        await me.say("/milestone 1 Half marathon by 2027-02-15")
        await me.say("/habit Walk every day at least 2000 steps")  # habit #2
    sent_before = len(emulator.messages)
    reply = await me.say(text, timeout=20)
    sent = emulator.messages[sent_before]
    answers = [m for m in emulator.bot_messages(chat) if m.reply_to is sent]
    assert len(answers) == 1, (text, [a.text for a in answers])
    assert "went wrong" not in reply.text, text
    invariants(db_path)


# -- the command grammar in every language -------------------------------------------------

LOCAL_FRAGMENTS = [
    "bis", "Ziel", "von", "weil", "für", "läuft", "hinterher", "Hilfe", "täglich", "werktags",
    "3 mal pro Woche", "mindestens", "höchstens", "Ende März", "nächsten Freitag", "gestern",
    "para", "antes del", "hasta", "meta", "objetivo", "desde", "porque", "durante", "bien",
    "atrasado", "ayuda", "todos los días", "3 veces por semana", "al menos", "fin de mes",
    "до", "к", "цель", "от", "с", "потому что", "на", "каждый день", "3 раза в неделю",
    "по плану", "отстаю", "до конца марта", "вчера", "пн,чт",
    "até", "desde", "porque", "por", "3 vezes por semana", "pelo menos", "fim do mês",
    "até sexta-feira", "ontem", "seg e qui", "1.500", "79,250", "1.500,5", "Mo,Do",
]  # fmt: skip
LOCAL_ARGUMENTS = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS + LOCAL_FRAGMENTS),
        st.text(st.characters(blacklist_categories=["Cs"]), max_size=40),
    ),
    max_size=8,
).map(" ".join)


def _readers() -> dict[str, Callable[[str, Lang], object]]:
    from bot.domain import checkins, commands, frequencies, habit_goals, schedules
    from bot.domain.dates import parse_date

    now = datetime(2026, 12, 4, 10, tzinfo=UTC)
    return {
        "goal": lambda t, lang: habit_goals.read_goal_line(t, lang=lang),
        "milestone": lambda t, lang: commands.parse_milestone(t, lang=lang),
        "progress": lambda t, lang: commands.parse_progress(t, lang=lang),
        "target": lambda t, lang: commands.parse_target_command(t, lang=lang),
        "reschedule": lambda t, lang: commands.parse_reschedule(t, lang=lang),
        "pause": lambda t, lang: commands.parse_pause(t, lang=lang),
        "habit": lambda t, lang: frequencies.parse_habit(t, lang=lang),
        "did": lambda t, lang: frequencies.parse_did(t, lang=lang),
        "checkin": lambda t, lang: checkins.parse_checkin(t, lang=lang),
        "schedule": lambda t, lang: schedules.parse_schedule_command(t, lang=lang),
        "date": lambda t, lang: parse_date(t, now, "Europe/Berlin", lang=lang),
    }


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("reader", sorted(_readers()))
@settings(max_examples=EXAMPLES * 4, deadline=None, derandomize=True)
@given(arguments=LOCAL_ARGUMENTS)
def test_the_command_grammar_reads_any_arguments_in_every_language(
    lang: Lang, reader: str, arguments: str
) -> None:
    # Anything typed is read or refused with a reason the user can act on: never a crash.
    with contextlib.suppress(UserError):
        _readers()[reader](arguments, lang)


LOCAL_COMMANDS = ["goal", "milestone", "progress", "target", "reschedule", "pause", "habit", "did",
                  "checkin", "schedule"]  # fmt: skip


@pytest.mark.parametrize("lang", [lang for lang in Lang if lang is not Lang.EN], ids=str)
@pytest.mark.parametrize("command", LOCAL_COMMANDS)
@settings(
    max_examples=max(5, EXAMPLES // 3), deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(arguments=LOCAL_ARGUMENTS)
async def test_any_arguments_in_a_groups_own_language_get_exactly_one_reply(
    lang: Lang,
    command: str,
    arguments: str,
    emulator: BotApiEmulator,
    quiet_bot: Application,  # type: ignore[type-arg]
    db_path: Path,
) -> None:
    # As above, in a group that speaks this language.
    text = f"/{command} {arguments}".strip()
    await one_reply(emulator, db_path, text, f"/language {lang.value}")
