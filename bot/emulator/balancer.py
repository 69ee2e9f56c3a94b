"""A real load balancer (HAProxy, from the system's packages) in front of bot replicas, for
the replica tests and benchmarks: round robin, a post to a replica that is down goes to
another, and one found down is left out until it answers its health check again."""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

HAPROXY = shutil.which("haproxy")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def haproxy_config(listen: int, replicas: list[int]) -> str:
    """HAProxy's configuration: `listen` on 127.0.0.1, the replicas on their ports."""
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


@asynccontextmanager
async def balancer(folder: Path, replicas: int) -> AsyncIterator[tuple[str, list[int]]]:
    """HAProxy running in front of `replicas` free ports (its config and log in `folder`):
    the webhook address to give Telegram, and the ports the replicas are to listen on."""
    if HAPROXY is None:
        raise RuntimeError("HAProxy is not installed (apt-get install haproxy)")
    listen, ports = free_port(), [free_port() for _ in range(replicas)]
    config = folder / "haproxy.cfg"
    config.write_text(haproxy_config(listen, ports))
    proc = await asyncio.create_subprocess_exec(
        HAPROXY, "-db", "-f", str(config),
        stdout=asyncio.subprocess.DEVNULL, stderr=(folder / "haproxy.log").open("w"),
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{listen}/telegram-hook", ports
    finally:
        proc.kill()
        await proc.wait()
