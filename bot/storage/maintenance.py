"""Operator tasks on the database file: a run lock, online backup, restore, checks, numbers.

These use the standard library's sqlite3 directly (no event loop): they run as their own
short commands, not inside the bot.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.storage.database import migration_scripts

# INSERT .. RETURNING came in 3.35; the JSON functions are checked by using them.
SQLITE_NEEDED = (3, 35, 0)


def sqlite_problem() -> str | None:
    """Why this Python's SQLite cannot run the bot, or None when it can."""
    found = sqlite3.sqlite_version
    if sqlite3.sqlite_version_info < SQLITE_NEEDED:
        return f"SQLite {found} is too old: the bot needs 3.35 or newer"
    try:
        with closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("SELECT json_group_array(json_array(1))").fetchone()
    except sqlite3.OperationalError:
        return f"SQLite {found} was built without the JSON functions the bot needs"
    return None


class Locked(Exception):
    """Another process (a running bot) holds the database's run lock."""


def take_run_lock(db_path: Path) -> IO[bytes]:
    """Hold the run lock for as long as the returned file stays open; Locked if taken.

    The lock is an flock() on the database file itself (created empty if need be), so it
    follows the file and not its name: a second bot reaching the same file through a
    symbolic or a hard link finds it taken. SQLite locks the file with POSIX locks, which
    flock() leaves alone on local file systems (not on NFS, where SQLite's WAL does not work
    either); but closing any descriptor of a file drops the process's POSIX locks on it, so
    the returned file is closed only after the process's SQLite connections to it are.
    Raises OSError when the file cannot be created or opened for writing.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # 0o644, before the umask, as SQLite would have created it.
    fd = os.open(db_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    handle = os.fdopen(fd, "r+b", buffering=0)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise Locked(str(db_path)) from exc
    return handle


def is_running(db_path: Path) -> bool:
    """True while a bot holds the run lock on this database (by whatever path it runs)."""
    try:
        with open(db_path, "rb") as handle:
            # Shared: two probes at once do not see each other as a bot.
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except FileNotFoundError:
        return False  # no file, no bot on it
    except BlockingIOError:
        return True
    return False


def _read_only(path: Path) -> str:
    """A read-only SQLite URI for the file (the path escaped: '#' and '?' are fine in it)."""
    return path.resolve().as_uri() + "?mode=ro"


def integrity(path: Path) -> str:
    """SQLite's own verdict: 'ok', or what is wrong."""
    with closing(sqlite3.connect(_read_only(path), uri=True)) as conn:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows)


def backup(source: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite's backup API), checked afterwards."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with (
        closing(sqlite3.connect(_read_only(source), uri=True)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst)
        # A copy is a single file: no WAL beside it, readable from a read-only place.
        dst.execute("PRAGMA journal_mode=DELETE")
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink()
        raise sqlite3.DatabaseError(f"the copy failed its integrity check: {verdict}")
    partial.replace(target)


def restore(backup_file: Path, target: Path) -> None:
    """Put a backup in place of the database; refused while a bot runs on it."""
    verdict = integrity(backup_file)
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"the backup failed its integrity check: {verdict}")
    # Locked when a bot runs on this file, by whatever path; held so none starts meanwhile.
    lock = take_run_lock(target)
    try:
        with (
            closing(sqlite3.connect(_read_only(backup_file), uri=True)) as src,
            closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
    finally:
        lock.close()


def schema_state(path: Path) -> tuple[int, int]:
    """(the database's schema version, the newest this code knows)."""
    with closing(sqlite3.connect(path)) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return version, migration_scripts()[-1][0]


@dataclass(frozen=True)
class Stats:
    """Numbers for the operator."""

    groups_active: int
    groups_inactive: int
    private_chats: int
    members: int
    goals: dict[str, int]
    milestones_done: int
    milestones_open: int
    last_post: str | None


# The numbers `stats` shows, each one query both databases run as written.
STATS_QUERIES = {
    "groups_active": "SELECT COUNT(*) FROM chats WHERE type != 'private' AND active = 1",
    "groups_inactive": "SELECT COUNT(*) FROM chats WHERE type != 'private' AND active = 0",
    "private_chats": "SELECT COUNT(*) FROM chats WHERE type = 'private'",
    "members": "SELECT COUNT(*) FROM members",
    "active": "SELECT COUNT(*) FROM goals WHERE status = 'active'",
    "completed": "SELECT COUNT(*) FROM goals WHERE status = 'completed'",
    "abandoned": "SELECT COUNT(*) FROM goals WHERE status = 'abandoned'",
    "milestones_done": "SELECT COUNT(*) FROM milestones"
    " WHERE completed_at IS NOT NULL AND removed_at IS NULL",
    "milestones_open": "SELECT COUNT(*) FROM milestones"
    " WHERE completed_at IS NULL AND removed_at IS NULL",
    "last_post": "SELECT MAX(updated_at) FROM deliveries WHERE status = 'sent'",
}


def stats_of(values: dict[str, Any]) -> Stats:
    """The numbers from the answers to STATS_QUERIES."""

    def count(name: str) -> int:
        return int(values[name] or 0)

    last = values["last_post"]
    return Stats(
        groups_active=count("groups_active"),
        groups_inactive=count("groups_inactive"),
        private_chats=count("private_chats"),
        members=count("members"),
        goals={s: count(s) for s in ("active", "completed", "abandoned")},
        milestones_done=count("milestones_done"),
        milestones_open=count("milestones_open"),
        last_post=None if last is None else str(last),
    )


def stats(path: Path) -> Stats:
    """Count what the SQLite database holds."""
    with closing(sqlite3.connect(_read_only(path), uri=True)) as conn:
        return stats_of(
            {name: conn.execute(sql).fetchone()[0] for name, sql in STATS_QUERIES.items()}
        )
