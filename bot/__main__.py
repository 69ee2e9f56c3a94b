"""Command line: `python -m bot run` starts the bot."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from pathlib import Path

from telegram import Update

from bot.config import Config, ConfigError, load_config

EXIT_CONFIG = 2


class RedactingFormatter(logging.Formatter):
    """Keep the bot token out of every log line and traceback, whatever logged it."""

    def __init__(self, token: str, fmt: str) -> None:
        super().__init__(fmt)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self.token, "[token]")


def setup_logging(config: Config) -> None:
    """Plain logs on stderr, token redacted, HTTP client's request-URL lines silenced."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter(config.token, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(level=config.log_level, handlers=[handler])
    # httpx logs every request URL at INFO, and Telegram URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def check_database_path(path: Path) -> None:
    """Fail early, in one line, when the database cannot be created or written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"DATABASE_PATH {str(path)!r} is not writable: {exc}") from exc


def run() -> int:
    """Start the bot with long polling until interrupted."""
    try:
        config = load_config()
        check_database_path(config.database_path)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(config)
    from bot.app import build_application

    app = build_application(config)
    app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and dispatch."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (reads .env and the environment)")
    sandbox = sub.add_parser("sandbox", help="try the bot in this terminal, no token needed")
    sandbox.add_argument("--db", type=Path, help="keep the sandbox's data in this SQLite file")
    sandbox.add_argument("--timezone", default="UTC", help="the demo group's time zone")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run()
    if args.command == "sandbox":
        logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)
        from bot import sandbox as sandbox_module

        return sandbox_module.main(args.db, args.timezone)
    return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
