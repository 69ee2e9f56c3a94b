"""The emulator posting updates to a webhook as Telegram does: in order per chat, and again
and again while the bot does not answer with 200 (it is down, or it timed out)."""

from __future__ import annotations

import signal

from bot.emulator import BotApiEmulator
from bot.emulator.balancer import free_port
from tests.conftest import BotProcess
from tests.test_webhook_shutdown import SECRET


async def test_an_update_posted_while_the_bot_is_down_arrives_once_it_is_back(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = {"WEBHOOK_URL": url, "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port),
                "WEBHOOK_SECRET": SECRET}  # fmt: skip
    emulator.deliver_by_webhook = True
    await process.start(ready="setWebhook", **settings)
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    first = await emulator.person(alice, chat).say("/goal Run a marathon by 2030-01-01")
    assert "Goal #1 for Alice: Run a marathon" in first.text
    # Delivered once the bot answers the post (after its reply): only then is it not posted again.
    await emulator.wait_until(lambda: not emulator.waiting_updates(), what="the first delivered")
    assert process.proc is not None
    process.proc.send_signal(signal.SIGKILL)
    await process.proc.wait()
    # Posted while nobody listens: refused, posted again and again, kept meanwhile.
    second = await emulator.send(alice, chat, "/goal Swim 5 km by 2030-01-01")
    third = await emulator.send(alice, chat, "/goals")
    await emulator.wait_until(
        lambda: sum(p.status is None for p in emulator.pushes) >= 2, what="refused posts"
    )
    assert len(emulator.waiting_updates()) == 2
    await process.start(ready="setWebhook", **settings)
    await emulator.wait_until(lambda: not emulator.waiting_updates(), what="both delivered")
    await emulator.wait_until(
        lambda: len([m for m in emulator.bot_messages(chat) if m.reply_to in (second, third)]) == 2,
        what="both answered",
    )
    replies = [m for m in emulator.bot_messages(chat) if m.reply_to in (second, third)]
    # In the chat's order: the goal first, then the list that shows it.
    assert [m.reply_to for m in replies] == [second, third]
    assert "Swim 5 km" in replies[1].text
    assert await process.stop() == 0
