"""deploy/: the compose file parses, the Dockerfile and the systemd unit hold what they promise."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.emulator import BotApiEmulator
from tests.conftest import BotProcess, bot_env

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            steps.append((word.upper(), " ".join(rest.split())))
    return steps


def test_dockerfile_runs_the_bot_as_a_user_with_its_data_on_a_volume() -> None:
    steps = dockerfile()
    assert steps[0][0] == "FROM" and "slim" in steps[0][1]
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert ("VOLUME", '["/data"]') in steps
    assert any(word == "ENV" and "DATABASE_PATH=/data/bot.sqlite3" in args for word, args in steps)
    health = next(args for word, args in steps if word == "HEALTHCHECK")
    assert '"check", "--offline", "--running"' in health
    assert ("ENTRYPOINT", '["python", "-m", "bot"]') in steps and ("CMD", '["run"]') in steps
    for word, args in steps:  # everything it copies exists
        if word == "COPY":
            for source in args.split()[:-1]:
                assert (ROOT / source).exists(), source


def test_compose_file_has_the_volume_env_and_restart_policy() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    bot = compose["services"]["bot"]
    assert bot["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).exists()
    assert bot["env_file"] == "../.env"
    assert "bot-data:/data" in bot["volumes"] and "bot-data" in compose["volumes"]
    assert bot["environment"]["DATABASE_PATH"] == "/data/bot.sqlite3"
    assert bot["restart"] == "unless-stopped"


def test_the_replicas_compose_file_runs_three_bots_on_postgresql_behind_the_balancer() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.replicas.yaml").read_text())
    services = compose["services"]
    bots = [services[name] for name in ("bot1", "bot2", "bot3")]
    for bot in bots:
        env = bot["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgresql://bot:")
            and "@postgres:5432/bot" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["WEBHOOK_PORT"] == "8443"
        assert bot["depends_on"]["postgres"] == {"condition": "service_healthy"}
        assert bot["healthcheck"]["test"][-3:] == ["check", "--offline", "--running"]
        assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).exists()
    assert services["postgres"]["image"].startswith("postgres:15")
    balancer = services["balancer"]
    assert "./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in balancer["volumes"]
    config = (DEPLOY / "haproxy.cfg").read_text()
    for name in ("bot1", "bot2", "bot3"):
        assert f"server {name} {name}:8443" in config


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="HAProxy is not installed")
def test_the_balancers_configuration_is_valid() -> None:
    checked = subprocess.run(
        ["haproxy", "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string((DEPLOY / "accountability-bot.service").read_text())
    return parser


def test_systemd_unit_restarts_on_failure_and_is_hardened() -> None:
    service = unit()["Service"]
    assert shlex.split(service["ExecStart"])[1:] == ["-m", "bot", "run"]
    assert service["Restart"] == "on-failure" and service["KillSignal"] == "SIGTERM"
    for option in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices"):
        assert service[option] == "yes", option
    assert service["ProtectSystem"] == "strict"
    assert service["CapabilityBoundingSet"] == ""
    assert service["ReadWritePaths"] == "/var/lib/accountability-bot"
    assert service["Environment"].endswith("/var/lib/accountability-bot/bot.sqlite3")
    assert unit()["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_finds_no_syntax_errors(tmp_path: Path) -> None:
    # The unit names paths of an installed server; verify the syntax with stand-ins for them.
    text = (DEPLOY / "accountability-bot.service").read_text()
    text = text.replace("/opt/accountability-bot/.venv/bin/python", sys.executable)
    (tmp_path / "accountability-bot.service").write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(tmp_path / "accountability-bot.service")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    problems = [
        line for line in result.stderr.splitlines()
        if "Unknown key" in line or "Invalid" in line or "Failed to parse" in line
        or "Unknown section" in line
    ]  # fmt: skip
    assert problems == [], result.stderr


async def test_the_health_check_knows_whether_the_bot_runs(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    def health() -> int:
        return subprocess.run(
            [sys.executable, "-m", "bot", "check", "--offline", "--running"], cwd=tmp_path,
            env=bot_env(tmp_path), capture_output=True, text=True, timeout=60,
        ).returncode  # fmt: skip

    assert health() == 7  # on PostgreSQL: no bot connected from this host
    await process.start()
    assert health() == 0
    assert await process.stop() == 0
