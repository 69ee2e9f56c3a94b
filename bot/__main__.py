"""Command line: `python -m bot run` starts the bot."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError

from bot.config import Config, ConfigError, load_config
from bot.domain.errors import DatabaseGone
from bot.logs import FORMATS, HideSecretParameter
from bot.storage import maintenance
from bot.storage.database import BUSY_WAIT_SECONDS


def setup_logging(config: Config) -> None:
    """Plain logs on stderr, token and webhook secret redacted, HTTP client's request-URL
    lines silenced."""
    handler = logging.StreamHandler()
    handler.setFormatter(FORMATS[config.log_format](config.token, config.webhook_secret))
    logging.basicConfig(level=config.log_level, handlers=[handler])
    # The library's request lines (DEBUG) would show setWebhook's secret: masked at the source.
    for name in ("telegram.Bot", "telegram.ext.ExtBot"):
        logging.getLogger(name).addFilter(HideSecretParameter())
    # httpx logs every request URL at INFO, and Telegram URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def check_database_path(path: Path) -> None:
    """Fail early, in one line, when the database cannot be created or written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # As long as a command would wait for another process's write lock (a backup).
        conn = sqlite3.connect(path, timeout=BUSY_WAIT_SECONDS)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"DATABASE_PATH {str(path)!r} is not writable: {exc}") from exc


# Exit codes (documented in the README).
EXIT_OK, EXIT_CONFIG, EXIT_DATABASE, EXIT_TOKEN, EXIT_UNREACHABLE, EXIT_RUNNING = 0, 2, 3, 4, 5, 6
EXIT_NOT_RUNNING = 7
# The database file was deleted or replaced while the bot ran (not restarted by systemd: a
# start would make a new, empty database, or run on whatever was put in its place).
EXIT_DATABASE_GONE = 8


def _config(need_token: bool = True) -> Config | None:
    try:
        return load_config(need_token=need_token)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _existing_database() -> tuple[Config | None, int]:
    """The configuration, for a command that needs the database to exist already."""
    config = _config(need_token=False)
    if config is None:
        return None, EXIT_CONFIG
    if not config.database_path.exists():
        print(f"error: there is no database at {config.database_path}", file=sys.stderr)
        return None, EXIT_DATABASE
    return config, EXIT_OK


def run() -> int:
    """Start the bot (long polling, or a webhook when WEBHOOK_URL is set) until stopped."""
    config = _config()
    if config is None:
        return EXIT_CONFIG
    if config.on_postgresql:
        return _run_on_postgresql(config)
    problem = maintenance.sqlite_problem()
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_DATABASE
    # The run lock first: nothing, not even the check below, opens a database another bot
    # runs on (through a hard link SQLite would use a second WAL beside the same file).
    try:
        lock = maintenance.take_run_lock(config.database_path)
    except maintenance.Locked:
        print(f"error: another bot is running on {config.database_path}", file=sys.stderr)
        return EXIT_RUNNING
    except OSError as exc:
        path = str(config.database_path)
        print(f"error: DATABASE_PATH {path!r} is not writable: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        check_database_path(config.database_path)
    except ConfigError as exc:
        lock.close()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        return _run_app(config)
    finally:
        lock.close()  # after the database is closed (see take_run_lock)


def _run_on_postgresql(config: Config) -> int:
    """Start on PostgreSQL: no run lock (any number of replicas may share the database),
    but a database that cannot be reached is said in one line before anything starts."""
    problem = _postgresql_problem(config)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_DATABASE
    return _run_app(config)


def _postgresql_problem(config: Config) -> str | None:
    """Why the configured PostgreSQL database cannot be used, or None."""
    from bot.storage import postgres

    try:
        _, version, newest = asyncio.run(postgres.schema_state(config.database_url))
    except postgres.UNREACHABLE as exc:
        return f"PostgreSQL at {config.database_name} cannot be reached: {exc}"
    if version > newest:
        return f"the database's schema {version} is newer than this code ({newest})"
    return None


def _run_app(config: Config) -> int:
    """Run the bot on the configured database until stopped; the exit code."""
    setup_logging(config)
    from bot.app import build_application

    app = build_application(config)
    db = app.bot_data.db
    # python-telegram-bot's way to end run_polling/run_webhook from inside, gracefully.
    db.on_gone = app.stop_running
    try:
        _serve(app, config)
    except DatabaseGone:
        pass  # found while starting (the catch-up); told below
    except ConfigError as exc:  # e.g. the webhook's port is taken
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except InvalidToken:
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)", file=sys.stderr)
        return EXIT_TOKEN
    except NetworkError as exc:
        message = str(exc).replace(config.token, "[token]")
        print(f"error: Telegram could not be reached: {message}", file=sys.stderr)
        return EXIT_UNREACHABLE
    if db.gone is not None:
        print(
            f"error: {db.gone}; the bot stopped so nothing more was written to it", file=sys.stderr
        )
        if db.rescued is not None:
            print(
                f"error: what it held is saved in {db.rescued}; to carry on from there: "
                f"python -m bot restore {db.rescued}",
                file=sys.stderr,
            )
        return EXIT_DATABASE_GONE
    return EXIT_OK


# A short pause between long polls: under load each getUpdates call then brings the updates
# of many chats instead of one, which cuts the CPU per command by about a third (see
# docs/PERFORMANCE.md). An idle bot still answers at once: its poll is already waiting on
# Telegram when a message arrives. python-telegram-bot grows its wait after a failed poll
# from this pause (45 ms, then 1.5 times longer each time, up to 30 s) instead of from 1 s:
# a few more retries and log lines in the first seconds of an outage.
POLL_PAUSE = 0.03  # seconds


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


def _serve(app: Any, config: Config) -> None:
    """Take updates until stopped: a webhook when configured, else long polling.

    A stop signal is ours to handle, not python-telegram-bot's: app.begin_stop starts no new
    updates and bounds every wait on Telegram, so the process exits within 10 s however many
    replies wait for Telegram's send budget (the updates not started are kept for next time).
    """
    from bot.app import ALLOWED_UPDATES, begin_stop  # loaded with the application, as in run

    if config.webhook_url:
        # The project's own receiver (bot/webhook.py): the secret and the size are checked
        # before anything is read, each update is handled before Telegram is answered.
        from bot import webhook

        asyncio.run(webhook.serve(app, config, ALLOWED_UPDATES, STOP_SIGNALS))
        return
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # python-telegram-bot runs on the current loop
    for stop_signal in STOP_SIGNALS:
        loop.add_signal_handler(stop_signal, begin_stop, app)
    # run_polling deletes any webhook first.
    app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=POLL_PAUSE, stop_signals=None)


def backup(target: Path) -> int:
    """A consistent copy of the database, safe while the bot runs."""
    config = _config(need_token=False)
    if config is not None and config.on_postgresql:
        return _postgresql_tool("backup", "pg_dump --format=custom --file=bot.dump")
    config, failed = _existing_database()
    if config is None:
        return failed
    try:
        maintenance.backup(config.database_path, target)
    except (OSError, sqlite3.Error) as exc:
        print(f"error: backup failed: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    print(f"backed up {config.database_path} to {target} (integrity ok)")
    return EXIT_OK


def _postgresql_tool(task: str, example: str) -> int:
    """On PostgreSQL, backups are PostgreSQL's own tools' work: say which, exit 2."""
    print(
        f"error: {task} copies the SQLite file; on PostgreSQL (DATABASE_URL) use PostgreSQL's "
        f"own tools, e.g. {example} (see deploy/README.md)",
        file=sys.stderr,
    )
    return EXIT_CONFIG


def restore(source: Path) -> int:
    """Replace the database with a backup; refused while a bot runs on it."""
    config = _config(need_token=False)
    if config is None:
        return EXIT_CONFIG
    if config.on_postgresql:
        return _postgresql_tool("restore", "pg_restore --clean --dbname=... bot.dump")
    try:
        maintenance.restore(source, config.database_path)
    except maintenance.Locked:
        print(f"error: a bot is running on {config.database_path}; stop it first", file=sys.stderr)
        return EXIT_RUNNING
    except (OSError, sqlite3.Error) as exc:
        print(f"error: restore failed: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    print(f"restored {source} to {config.database_path}")
    return EXIT_OK


def check(offline: bool, running: bool = False) -> int:
    """Configuration, database (schema, integrity), a running bot, and unless offline the token."""
    config = _config(need_token=not offline)
    if config is None:
        return EXIT_CONFIG
    print("configuration: ok")
    if config.on_postgresql:
        return _check_postgresql(config, offline, running)
    problem = maintenance.sqlite_problem()
    if problem is not None:
        print(f"sqlite: {problem}", file=sys.stderr)
        return EXIT_DATABASE
    print(f"sqlite: ok ({sqlite3.sqlite_version})")
    if running:
        if not maintenance.is_running(config.database_path):
            print(f"bot: not running on {config.database_path}", file=sys.stderr)
            return EXIT_NOT_RUNNING
        print("bot: running")
    path = config.database_path
    if path.exists():
        try:
            version, newest = maintenance.schema_state(path)
            verdict = maintenance.integrity(path)
        except sqlite3.Error as exc:
            print(f"database: cannot be read: {exc}", file=sys.stderr)
            return EXIT_DATABASE
        if verdict != "ok":
            print(f"database: integrity check failed: {verdict}", file=sys.stderr)
            return EXIT_DATABASE
        if version > newest:
            print(f"database: schema {version} is newer than this code ({newest})", file=sys.stderr)
            return EXIT_DATABASE
        note = (
            "current" if version == newest else f"{newest - version} migrations to apply at start"
        )
        print(f"database: ok ({path}, schema {version}, {note})")
    else:
        print(f"database: not created yet ({path}); it will be at start")
    if offline:
        return EXIT_OK
    return asyncio.run(_check_token(config))


def _check_postgresql(config: Config, offline: bool, running: bool) -> int:
    """`check` on PostgreSQL: the server, the schema version, a bot running on this host
    (`--running`: one connected to the database from here), then the token."""
    from bot.storage import postgres

    try:
        server, version, newest = asyncio.run(postgres.schema_state(config.database_url))
    except postgres.UNREACHABLE as exc:
        print(f"database: PostgreSQL at {config.database_name} cannot be reached: {exc}",
              file=sys.stderr)  # fmt: skip
        return EXIT_DATABASE
    if version > newest:
        print(f"database: schema {version} is newer than this code ({newest})", file=sys.stderr)
        return EXIT_DATABASE
    if version == 0:
        note = "empty; the schema is made at start"
    else:
        note = (
            "current" if version == newest else f"{newest - version} migrations to apply at start"
        )
    print(f"database: ok (PostgreSQL {server} at {config.database_name}, schema {version}, {note})")
    if running:
        try:
            here, everywhere = asyncio.run(postgres.bots_connected(config.database_url))
        except postgres.UNREACHABLE as exc:
            print(f"database: PostgreSQL at {config.database_name} cannot be reached: {exc}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_DATABASE
        if not here:
            print(f"bot: not running on this host ({everywhere} connected from elsewhere)",
                  file=sys.stderr)  # fmt: skip
            return EXIT_NOT_RUNNING
        print(f"bot: running ({here} on this host, {everywhere} connected in all)")
    if offline:
        return EXIT_OK
    return asyncio.run(_check_token(config))


async def _check_token(config: Config) -> int:
    from telegram import Bot

    try:
        async with Bot(config.token, base_url=config.base_url) as bot:
            print(f"token: ok (@{bot.username})")
    except InvalidToken:
        print("token: rejected by Telegram", file=sys.stderr)
        return EXIT_TOKEN
    except NetworkError as exc:
        print(f"token: Telegram could not be reached: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    return EXIT_OK


def copy(target_url: str) -> int:
    """Copy the SQLite database (DATABASE_PATH) into an empty PostgreSQL database."""
    config, failed = _existing_database()
    if config is None:
        return failed
    if urlparse(target_url).scheme not in ("postgresql", "postgres"):
        print(
            f"error: --to {target_url!r} is not a PostgreSQL address, "
            "e.g. postgresql://bot@127.0.0.1:5432/bot",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if maintenance.is_running(config.database_path):
        print(f"error: a bot is running on {config.database_path}; stop it first", file=sys.stderr)
        return EXIT_RUNNING
    from bot.storage import postgres
    from bot.storage.copying import CopyResult, copy_to_postgresql

    where = replace(config, database_url=target_url).database_name
    try:
        copied = asyncio.run(copy_to_postgresql(config.database_path, target_url))
    except postgres.UNREACHABLE as exc:
        print(f"error: PostgreSQL at {where} cannot be reached: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except sqlite3.Error as exc:
        print(f"error: cannot read {config.database_path}: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    if copied.result is CopyResult.NOT_EMPTY:
        print(
            f"error: the database at {where} already holds data ({', '.join(copied.holding)}); "
            "copy into an empty database",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    for table in copied.tables:
        mark = "ok" if table.same else "DIFFERENT"
        print(f"{table.name}: {table.rows} rows, {table.copied} copied, checksum {mark}")
    if copied.result is CopyResult.MISMATCH:
        print("error: some tables differ after the copy; do not switch to it", file=sys.stderr)
        return EXIT_DATABASE
    rows = sum(t.rows for t in copied.tables)
    print(
        f"copied {config.database_path} (schema {copied.schema}) to {where}: "
        f"{len(copied.tables)} tables, {rows} rows, every checksum equal; "
        "set DATABASE_URL to that address to run the bot on it"
    )
    return EXIT_OK


def stats() -> int:
    """Numbers for the operator."""
    config = _config(need_token=False)
    if config is not None and config.on_postgresql:
        from bot.storage import postgres

        try:
            numbers = asyncio.run(postgres.stats(config.database_url))
        except postgres.UNREACHABLE as exc:
            print(f"error: cannot read the database at {config.database_name}: {exc}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_DATABASE
        return _print_stats(numbers)
    config, failed = _existing_database()
    if config is None:
        return failed
    try:
        numbers = maintenance.stats(config.database_path)
    except sqlite3.Error as exc:
        print(f"error: cannot read the database: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    return _print_stats(numbers)


def _print_stats(numbers: maintenance.Stats) -> int:
    goals = numbers.goals
    print(f"groups: {numbers.groups_active} active, {numbers.groups_inactive} inactive")
    print(f"private chats: {numbers.private_chats}")
    print(f"members: {numbers.members}")
    print(
        f"goals: {goals['active']} active, {goals['completed']} achieved, {goals['abandoned']} abandoned"
    )
    print(f"milestones: {numbers.milestones_done} done, {numbers.milestones_open} open")
    print(f"last scheduled post: {numbers.last_post or 'none yet'}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and dispatch."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (reads .env and the environment)")
    sandbox = sub.add_parser("sandbox", help="try the bot in this terminal, no token needed")
    sandbox.add_argument("--db", type=Path, help="keep the sandbox's data in this SQLite file")
    sandbox.add_argument("--timezone", default="UTC", help="the demo group's time zone")
    sub.add_parser("backup", help="copy the database safely, even while the bot runs").add_argument(
        "path", type=Path
    )
    sub.add_parser("restore", help="put a backup in place (the bot must be stopped)").add_argument(
        "path", type=Path
    )
    checking = sub.add_parser("check", help="check configuration, database and token")
    checking.add_argument("--offline", action="store_true", help="skip asking Telegram")
    checking.add_argument("--running", action="store_true", help="also require a running bot")
    sub.add_parser("stats", help="groups, members, goals, milestones, last scheduled post")
    copying = sub.add_parser("copy", help="copy the SQLite database into an empty PostgreSQL one")
    copying.add_argument("--to", required=True, metavar="URL", help="postgresql://user@host/db")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run()
    if args.command == "backup":
        return backup(args.path)
    if args.command == "restore":
        return restore(args.path)
    if args.command == "check":
        return check(args.offline, args.running)
    if args.command == "stats":
        return stats()
    if args.command == "copy":
        return copy(args.to)
    if args.command == "sandbox":
        logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)
        from bot import sandbox as sandbox_module

        return sandbox_module.main(args.db, args.timezone)
    return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
