"""Settings from the environment (and .env): the only module that reads them."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

from dotenv import load_dotenv

from bot.domain.dates import is_timezone

TELEGRAM_API = "https://api.telegram.org/bot"
_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,80}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_LEVELS = {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}


class ConfigError(Exception):
    """A setting that keeps the bot from starting; the message is one line for the operator."""


@dataclass(frozen=True)
class Config:
    """Everything the bot needs to run."""

    token: str = field(repr=False)
    database_path: Path = Path("data/bot.sqlite3")
    # postgresql://user@host:port/db: PostgreSQL instead of the SQLite file (a password in
    # it is kept out of logs and reprs).
    database_url: str = field(default="", repr=False)
    # redis://host:port/db: flood control and Telegram's limits shared by the bot's processes.
    redis_url: str = field(default="", repr=False)
    base_url: str = TELEGRAM_API
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    log_format: str = "kv"
    catch_up_grace: timedelta = timedelta(hours=6)
    # How long a process holds a due post while it works out its text: if it dies in that
    # time, another process takes the post over once the lease ends (several replicas).
    claim_lease: timedelta = timedelta(minutes=2)
    flood_per_minute: int = 40  # commands and presses per member and chat before a cooldown
    rate_limits: bool = True  # off only for a local Bot API server (benchmarks)
    webhook_url: str = ""  # empty: long polling
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = field(default="", repr=False)

    @property
    def on_postgresql(self) -> bool:
        """True when DATABASE_URL names a PostgreSQL database (else SQLite at DATABASE_PATH)."""
        return bool(self.database_url)

    @property
    def database_name(self) -> str:
        """Where the data is, for messages: the file, or the server and database (no
        password)."""
        if not self.database_url:
            return str(self.database_path)
        url = urlparse(self.database_url)
        return f"{url.hostname or 'localhost'}:{url.port or 5432}{url.path or '/'}"

    @property
    def webhook_path(self) -> str:
        """The path Telegram posts to, taken from WEBHOOK_URL."""
        return urlparse(self.webhook_url).path.lstrip("/")


def load_config(
    env: Mapping[str, str] | None = None,
    dotenv: Path | None = Path(".env"),
    *,
    need_token: bool = True,
) -> Config:
    """Read and check the settings; raises ConfigError with a one-line reason.

    need_token=False is for operator commands that only touch the database.
    """
    if env is None:
        if dotenv is not None and dotenv.is_file():
            load_dotenv(dotenv, override=False)
        env = os.environ
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token and need_token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather and put it in .env"
        )
    if token and not _TOKEN.fullmatch(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)"
        )
    tz = env.get("DEFAULT_TIMEZONE", "").strip() or "UTC"
    if not is_timezone(tz):
        raise ConfigError(f"DEFAULT_TIMEZONE {tz!r} is not a known time zone, e.g. Europe/Berlin")
    level = (env.get("LOG_LEVEL", "").strip() or "INFO").upper()
    if level not in _LEVELS:
        raise ConfigError(f"LOG_LEVEL {level!r} must be one of {', '.join(sorted(_LEVELS))}")
    log_format = (env.get("LOG_FORMAT", "").strip() or "kv").lower()
    if log_format not in ("kv", "json", "text"):
        raise ConfigError(f"LOG_FORMAT {log_format!r} must be kv, json or text")
    base_url = env.get("TELEGRAM_BASE_URL", "").strip() or TELEGRAM_API
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"TELEGRAM_BASE_URL {base_url!r} must start with http:// or https://")
    path = Path(env.get("DATABASE_PATH", "").strip() or "data/bot.sqlite3")
    database_url = env.get("DATABASE_URL", "").strip()
    if database_url and urlparse(database_url).scheme not in ("postgresql", "postgres"):
        raise ConfigError(
            "DATABASE_URL must be a PostgreSQL address, e.g. "
            "postgresql://bot@127.0.0.1:5432/bot (leave it out for SQLite)"
        )
    grace_text = env.get("CATCH_UP_GRACE_HOURS", "").strip() or "6"
    try:
        grace = timedelta(hours=float(grace_text))
    except ValueError:
        grace = timedelta(-1)
    if not timedelta(0) <= grace <= timedelta(days=7):
        raise ConfigError(
            f"CATCH_UP_GRACE_HOURS {grace_text!r} must be a number of hours from 0 to 168"
        )
    lease_text = env.get("CLAIM_LEASE_SECONDS", "").strip() or "120"
    if not lease_text.isdigit() or not 10 <= int(lease_text) <= 3600:
        raise ConfigError(
            f"CLAIM_LEASE_SECONDS {lease_text!r} must be a whole number of seconds from 10 to 3600"
        )
    flood_text = env.get("FLOOD_PER_MINUTE", "").strip() or "40"
    if not flood_text.isdigit() or int(flood_text) < 1:
        raise ConfigError(f"FLOOD_PER_MINUTE {flood_text!r} must be a whole number above 0")
    flood = int(flood_text)
    webhook_url = env.get("WEBHOOK_URL", "").strip()
    secret = env.get("WEBHOOK_SECRET", "").strip()
    port_text = env.get("WEBHOOK_PORT", "").strip() or "8443"
    if webhook_url:
        if not webhook_url.startswith(("https://", "http://")):
            raise ConfigError(f"WEBHOOK_URL {webhook_url!r} must be an https:// address")
        if not _SECRET.fullmatch(secret):
            raise ConfigError(
                "WEBHOOK_SECRET is required with WEBHOOK_URL: 1 to 256 letters, digits, _ or -"
            )
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(f"WEBHOOK_PORT {port_text!r} must be a port number")
    redis_url = env.get("REDIS_URL", "").strip()
    if redis_url and urlparse(redis_url).scheme not in ("redis", "rediss"):
        raise ConfigError(
            "REDIS_URL must be a Redis address, e.g. redis://127.0.0.1:6379/0 (leave it out "
            "to count flood limits in this process)"
        )
    return Config(
        token=token,
        database_path=path,
        database_url=database_url,
        redis_url=redis_url,
        base_url=base_url,
        default_timezone=tz,
        log_level=level,
        log_format=log_format,
        catch_up_grace=grace,
        claim_lease=timedelta(seconds=int(lease_text)),
        flood_per_minute=flood,
        rate_limits=(env.get("RATE_LIMITS", "").strip().lower() or "on") != "off",
        webhook_url=webhook_url,
        webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
        webhook_port=int(port_text) if port_text.isdigit() else 8443,
        webhook_secret=secret,
    )
