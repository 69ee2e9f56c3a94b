"""Several bot processes on one PostgreSQL database behind a real load balancer (HAProxy),
with the emulator posting updates to the webhook as Telegram does (again and again until a
post is answered with 200). Replicas are SIGKILLed at random moments and started again.

Runs when TEST_DATABASE_URL names a PostgreSQL server and HAProxy is installed (.ci/run
installs it from the system's packages); the figures are printed.
"""

from __future__ import annotations

import asyncio
import random
import re
import shutil
import signal
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator, SentMessage
from tests.conftest import ON_POSTGRESQL, BotProcess, peek
from tests.test_webhook_shutdown import free_port

HAPROXY = shutil.which("haproxy")
pytestmark = [
    pytest.mark.skipif(not ON_POSTGRESQL, reason="replicas share a PostgreSQL database"),
    pytest.mark.skipif(HAPROXY is None, reason="HAProxy is not installed"),
]

REPLICAS, GROUPS, MEMBERS, COMMANDS, KILLS = 3, 6, 3, 120, 5
SECRET = "replica-secret_1"
TITLE = re.compile(r"Goal #\d+ for \w+: (R\d{3})")


def haproxy_config(listen: int, replicas: list[int]) -> str:
    """Round robin over the replicas; a post to one that is down goes to another, and one
    found down is left out until it answers its health check again."""
    servers = "\n".join(
        f"    server r{n} 127.0.0.1:{port} check inter 300ms fall 1 rise 1"
        for n, port in enumerate(replicas)
    )
    return f"""global
    maxconn 512
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
frontend telegram
    bind 127.0.0.1:{listen}
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk
    http-check send meth GET uri /
    http-check expect rstatus (2|3|4)[0-9][0-9]
{servers}
"""


@pytest.fixture
async def balancer(tmp_path: Path) -> AsyncIterator[tuple[str, list[int]]]:
    """HAProxy in front of REPLICAS ports: the webhook's address, and the replicas' ports."""
    listen, ports = free_port(), [free_port() for _ in range(REPLICAS)]
    config = tmp_path / "haproxy.cfg"
    config.write_text(haproxy_config(listen, ports))
    assert HAPROXY is not None
    proc = await asyncio.create_subprocess_exec(
        HAPROXY, "-db", "-f", str(config),
        stdout=asyncio.subprocess.DEVNULL, stderr=(tmp_path / "haproxy.log").open("w"),
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{listen}/telegram-hook", ports
    finally:
        proc.kill()
        await proc.wait()


async def test_replicas_behind_a_balancer_apply_every_command_once_through_sigkills(
    emulator: BotApiEmulator,
    tmp_path: Path,
    balancer: tuple[str, list[int]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, ports = balancer
    rng = random.Random(20)
    emulator.deliver_by_webhook = True
    emulator.push_timeout = 5.0
    replicas = []
    for n, port in enumerate(ports):
        folder = tmp_path / f"replica{n}"
        folder.mkdir()
        replica = BotProcess(folder, emulator)
        await replica.start(
            ready="setWebhook", WEBHOOK_URL=url, WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET, RATE_LIMITS="off",
        )  # fmt: skip
        replicas.append((replica, port))
    users = [emulator.add_user(f"Member{n}") for n in range(MEMBERS * GROUPS)]
    groups = [emulator.add_group(f"Group {g}") for g in range(GROUPS)]
    kill_at = set(rng.sample(range(10, COMMANDS - 5), KILLS))
    sent: dict[str, SentMessage] = {}
    for i in range(COMMANDS):
        g = i % GROUPS
        user = users[g * MEMBERS + rng.randrange(MEMBERS)]
        title = f"R{i:03d}"
        sent[title] = await emulator.send(
            user, groups[g], f"/goal {title} by 2030-01-01 target 5 km"
        )
        if i in kill_at:
            replica, port = replicas[rng.randrange(REPLICAS)]
            assert replica.proc is not None
            replica.proc.send_signal(signal.SIGKILL)
            await replica.proc.wait()
            await replica.start(
                ready="setWebhook", WEBHOOK_URL=url, WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET, RATE_LIMITS="off",
            )  # fmt: skip
    # Telegram posts every update until a replica answers it: in the end none is waiting.
    await emulator.wait_until(
        lambda: not emulator.waiting_updates(), timeout=120, what="every update delivered"
    )
    for replica, _ in replicas:
        assert await replica.stop() == 0
    answers = Counter(
        (m.chat.id, m.reply_to.message_id)
        for m in emulator.messages
        if m.from_bot and m.reply_to is not None
    )
    replied = {t for t, m in sent.items() if answers[(m.chat.id, m.message_id)]}
    conn = peek(tmp_path)
    titles = [r[0] for r in conn.execute("SELECT title FROM goals")]
    stored = set(titles)
    posts = emulator.pushes
    again = sum(1 for n in Counter(p.update_id for p in posts if p.status == 200).values() if n > 1)
    with capsys.disabled():
        print(
            f"\nreplicas: {REPLICAS} behind HAProxy, {COMMANDS} commands in {GROUPS} groups, "
            f"{KILLS} SIGKILLs; {len(replied)} answered, {len(stored)} stored, "
            f"{len(set(sent) - stored)} lost, {len(titles) - len(stored)} applied twice, "
            f"{sum(1 for n in answers.values() if n > 1)} answered twice; "
            f"{len(posts)} posts by the emulator, {sum(p.status != 200 for p in posts)} of them "
            f"failed or unanswered, {again} updates delivered twice"
        )
    assert stored == set(sent)  # nothing lost: what was not answered was posted again
    assert len(titles) == len(stored)  # nothing applied twice
    assert all(n == 1 for n in answers.values())  # nothing answered twice
    # A command killed between its commit and its reply keeps its effect, unanswered: at most
    # one per kill. Every other one was answered.
    assert len(replied) >= COMMANDS - KILLS
