"""What happens when things go wrong: unexpected errors, Telegram refusals, long replies."""

from __future__ import annotations

import logging
import sys

import pytest
from telegram.error import BadRequest
from telegram.ext import Application

from bot.config import load_config
from bot.emulator import BotApiEmulator
from bot.emulator.server import DEFAULT_TOKEN
from bot.logs import Redacting
from tests.conftest import Group


async def test_unexpected_error_is_logged_and_the_user_hears_of_it(
    group: Group,
    bot: Application,
    caplog: pytest.LogCaptureFixture,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await bot.bot_data.db.close()  # the database goes away under the running bot
    with caplog.at_level(logging.ERROR):
        reply = await group.alice.say("/journal 1 secret-marker-words")
    assert "Sorry, something went wrong on my side" in reply.text
    assert "Traceback" not in reply.text
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info is not None
    record = errors[0]
    assert record.chat_id == group.chat.id and record.user_id == group.alice.user.id  # type: ignore[attr-defined]
    # Ids, never what was typed.
    assert all("secret-marker-words" not in r.getMessage() for r in caplog.records)
    assert all("secret-marker-words" not in str(r.__dict__) for r in errors)


async def test_emulator_refuses_what_telegram_refuses(
    group: Group,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")  # the chat exists for the emulator now
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.bot.send_message(group.chat.id, "Read <books> now")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.bot.send_message(group.chat.id, "x" * 4097)


async def test_emulator_knows_chat_admins(
    group: Group,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    admin = await bot.bot.get_chat_member(group.chat.id, group.alice.user.id)
    member = await bot.bot.get_chat_member(group.chat.id, group.bob.user.id)
    assert admin.status == "administrator" and member.status == "member"
    admins = await bot.bot.get_chat_administrators(group.chat.id)
    assert [a.user.first_name for a in admins] == ["Alice"]


async def test_long_lists_are_split_between_goals(group: Group, emulator: BotApiEmulator) -> None:
    for n in range(1, 31):
        person = group.alice if n % 2 else group.bob  # each stays under the flood limit
        title = f"Goal number {n} " + "with a long description " * 7
        await person.say(f"/goal {title.strip()} by 2027-06-01 target {n} pages")
        await person.say(f"/milestone {n} First part of goal {n} by 2027-03-01")
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/goals all")
    await emulator.wait_until(
        lambda: any(
            "Goal number 30 " in m.text for m in emulator.bot_messages(group.chat)[before:]
        ),
        what="the last goal to be listed",
    )
    parts = emulator.bot_messages(group.chat)[before:]
    assert len(parts) > 1
    assert all(len(p.text) <= 4096 for p in parts)
    listed = "\n".join(p.text for p in parts)
    for n in range(1, 31):
        assert listed.count(f"Goal number {n} ") == 1
        assert f"📍 {n}.1 First part of goal {n}" in listed


def test_token_stays_out_of_reprs_and_logs() -> None:
    config = load_config({"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN})
    assert DEFAULT_TOKEN not in repr(config)
    formatter = Redacting(DEFAULT_TOKEN)
    try:
        raise RuntimeError(f"failed POST https://api.telegram.org/bot{DEFAULT_TOKEN}/getMe")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "bot %s", (DEFAULT_TOKEN,), exc_info=True
        )
        record.exc_info = sys.exc_info()
    text = formatter.format(record)
    assert DEFAULT_TOKEN not in text and text.count("[token]") == 2
