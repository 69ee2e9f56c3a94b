"""`python -m bot sandbox`: try the bot in a terminal, without Telegram or a token.

The real bot runs against the local Bot API emulator; you type as a member of a demo group.
Each update is handed to the bot and fully handled before the next line is read, so scripted
sessions (standard input not a terminal) print every reply in order and end with the input.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Config
from bot.delivery import PatientRateLimiter
from bot.emulator import BotApiEmulator, Chat, SentMessage, User
from bot.jobs.scheduled_posts import JOB_NAME
from bot.storage import chats, updates
from bot.storage.database import Database

HELP = """Sandbox commands (everything else goes to the bot as the current member):
  /as <name>        speak as another member (alice is the group's admin; new names join)
  /chat private     talk to the bot in private; /chat group goes back to the demo group
  /press <n>        press button n of the last message that had buttons
  /time +1d         move the clock (+30m, +3h, +2d, +1w): scheduled posts due by then are sent
  /sandbox          this help;  /quit  leave
Plain text answers the bot's last question to you (as a reply, like in Telegram)."""
_STEP = re.compile(r"^\+(\d{1,4})([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
TICK_STEP = timedelta(minutes=15)
# People and the demo group keep their ids from run to run, so with --db each person's goals,
# partners and check-ins stay theirs whatever order /as meets them in.
DEMO_GROUP_ID = -1_001_000_000_001  # what the emulator gave the sandbox's only group before
# Ten digits, like real Telegram user ids; clear of the bot's own id (from the token,
# 123456789) and of Telegram's stand-in senders (777000, 1087968824).
PERSON_IDS = range(2_000_000_000, 8_000_000_000)


def person_id(name: str) -> int:
    """A sandbox person's user id (and private chat id), from their name: the same every run."""
    # Not hash(): Python salts it differently in every process.
    digest = hashlib.sha256(name.lower().encode()).digest()
    return PERSON_IDS[int.from_bytes(digest[:8], "big") % len(PERSON_IDS)]


def new_person(emulator: BotApiEmulator, name: str) -> User:
    """A sandbox person: Alice for "alice", with the id person_id gives the name."""
    key = name.lower()
    return emulator.add_user(name.capitalize(), key, person_id(key))


def moment(when: datetime) -> str:
    """A time as the sandbox's own lines show it."""
    return f"{when:%a %d %b %Y %H:%M} UTC"


class SandboxClock:
    """The sandbox's time: starts now (or where a kept database left off), moves with /time."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Sandbox:
    """The emulator, the bot, the demo group and who is speaking."""

    emulator: BotApiEmulator
    app: Application  # type: ignore[type-arg]
    clock: SandboxClock
    out: TextIO
    files: Path
    group: Chat
    people: dict[str, User] = field(default_factory=dict)
    speaker: str = "alice"
    in_private: bool = False
    seen: dict[int, int] = field(default_factory=dict)  # id(message) -> edits printed
    buttons: list[tuple[SentMessage, str]] = field(default_factory=list)
    clock_file: Path | None = None  # with --db: where /time moves are kept for the next run

    @property
    def user(self) -> User:
        """Who is speaking."""
        return self.people[self.speaker]

    @property
    def chat(self) -> Chat:
        """Where they are speaking."""
        return self.emulator.private_chat(self.user) if self.in_private else self.group

    def member(self, name: str) -> User:
        """A demo member, created on first use."""
        key = name.lower()
        if key not in self.people:
            self.people[key] = new_person(self.emulator, key)
        return self.people[key]

    async def deliver(self) -> None:
        """Hand every pending update to the bot and wait until it is fully handled."""
        for raw in self.emulator.take_updates():
            await self.app.process_update(Update.de_json(raw, self.app.bot))

    def show(self) -> None:
        """Print bot messages (and edits) not shown yet, numbering buttons."""
        for message in self.emulator.messages:
            if not message.from_bot or self.seen.get(id(message)) == message.edits:
                continue
            edited = id(message) in self.seen
            self.seen[id(message)] = message.edits
            where = message.chat.title or f"private with {message.chat.first_name}"
            self.out.write(f"[{where}] bot{' (edited)' if edited else ''}:\n")
            for line in message.text.splitlines() or [""]:
                self.out.write(f"  {line}\n")
            if message.file is not None:
                path = self.files / f"{message.message_id}-{message.file.filename}"
                path.write_bytes(message.file.data)
                self.out.write(f"  [{message.file.kind} saved to {path}]\n")
            if message.buttons():
                self.buttons = [(message, b["text"]) for b in message.buttons()]
                labels = "  ".join(f"[{n}] {text}" for n, (_, text) in enumerate(self.buttons, 1))
                self.out.write(f"  {labels}\n")
        self.out.flush()

    def last_question(self) -> SentMessage | None:
        """The bot's latest message in this chat replying to the current member."""
        for message in reversed(self.emulator.bot_messages(self.chat)):
            if message.reply_to is not None and message.reply_to.sender == self.user:
                return message
        return None

    async def handle(self, line: str) -> bool:
        """One line of input; False when the session should end."""
        text = line.strip()
        if not text:
            return True
        word, _, rest = text.partition(" ")
        word = word.lower()
        if word in ("/quit", "/exit"):
            return False
        if word == "/sandbox":
            self.out.write(HELP + "\n")
        elif word == "/as" and rest.strip().lstrip("@"):
            name = rest.strip().split()[0].lstrip("@")
            self.member(name)
            self.speaker = name.lower()
            self.out.write(f"(you are {self.user.first_name} now)\n")
        elif word == "/chat" and rest.strip().lower() in ("private", "group"):
            self.in_private = rest.strip().lower() == "private"
            self.out.write(
                f"(in {'a private chat' if self.in_private else self.group.title} now)\n"
            )
        elif word == "/press":
            await self.press(rest.strip())
        elif word == "/time":
            await self.advance(rest.strip())
        else:
            reply_to = None if text.startswith("/") or self.in_private else self.last_question()
            await self.emulator.send(self.user, self.chat, text, reply_to)
            await self.deliver()
        self.show()
        return True

    async def press(self, which: str) -> None:
        """Press a numbered button."""
        if not which.isdigit() or not 1 <= int(which) <= len(self.buttons):
            self.out.write(f"(no button {which}; there are {len(self.buttons)})\n")
            return
        message, label = self.buttons[int(which) - 1]
        button = next((b for b in message.buttons() if b["text"] == label), None)
        if button is None:
            self.out.write("(that button is gone: the message changed)\n")
            return
        if "url" in button:  # a link: Telegram opens it, the bot hears nothing
            self.out.write(f"(opens {button['url']}){self.follow_link(button['url'])}\n")
            return
        query = await self.emulator.press(self.user, message, label)
        await self.deliver()
        answer: dict[str, Any] = self.emulator.callback_answers.get(query, {})
        if answer.get("text"):
            self.out.write(f"(toast: {answer['text']})\n")

    def follow_link(self, url: str) -> str:
        """What a link to the bot (t.me/<bot>?start=...) does in Telegram, and how to do it here."""
        link = urlsplit(url)
        if link.netloc != "t.me" or link.path.strip("/").lower() != self.app.bot.username.lower():
            return ""
        start = " ".join(["/start", *parse_qs(link.query).get("start", [])])
        return (
            f"\n(in Telegram: a private chat with the bot, whose Start button sends {start}; "
            f"here: /chat private, then {start})"
        )

    async def advance(self, step: str) -> None:
        """Move the clock and run the scheduler once, as its next tick would."""
        match = _STEP.fullmatch(step)
        if not match:
            self.out.write(
                "(say how far, up to 9999 units: /time +1d, /time +3h, /time +30m, /time +1w)\n"
            )
            return
        end = self.clock.now + timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
        assert self.app.job_queue is not None
        (job,) = self.app.job_queue.get_jobs_by_name(JOB_NAME)
        while self.clock.now < end:  # tick along the way, as the running bot would
            self.clock.now = min(self.clock.now + TICK_STEP, end)
            await job.run(self.app)
            self.show()
        self.out.write(f"(the time is now {moment(self.clock.now)})\n")
        if self.clock_file is not None:
            self.clock_file.write_text(self.clock.now.isoformat())


def tidy(workdir: Path, out: TextIO) -> None:
    """Drop the throwaway data; pictures and files the bot sent stay for you to open."""
    for leftover in workdir.glob("sandbox.sqlite3*"):  # the database, its WAL and lock
        leftover.unlink()
    if any(workdir.iterdir()):
        out.write(f"(pictures and files are in {workdir})\n")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass(frozen=True)
class LeftOff:
    """What a kept database says about the last session."""

    moment: datetime | None  # the latest moment it recorded; None: nothing yet
    bot_in_group: bool  # the bot was added to the demo group and is still there


async def where_it_left_off(db_path: Path | None) -> LeftOff:
    """Where the last session on this database left off (nothing, without one).

    The clock resumes at the later of the last /time move (kept in a file beside the
    database) and the last thing the data recorded, so nothing recorded is ahead of it.
    """
    if db_path is None:
        return LeftOff(None, bot_in_group=False)
    db = Database(db_path)
    await db.open()  # migrates, as the bot would: an older file reads the same way
    try:
        async with db.reading() as conn:
            latest = await updates.latest_moment(conn)
            in_group = await chats.is_active(conn, DEMO_GROUP_ID)
    finally:
        await db.close()
    kept = clock_file(db_path)
    if kept.exists():
        moved = datetime.fromisoformat(kept.read_text().strip())
        latest = moved if latest is None else max(latest, moved)
    return LeftOff(latest, in_group)


def clock_file(db_path: Path) -> Path:
    """Where a kept sandbox's clock is written after each /time move."""
    return db_path.with_name(db_path.name + ".sandbox-clock")


async def run(db_path: Path | None, timezone: str, stdin: TextIO, out: TextIO) -> int:
    """Start the emulator and the bot, then read lines until the input ends or /quit."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    # A kept database may hold data from a clock moved ahead with /time: carry on from there.
    left_off = await where_it_left_off(db_path)
    clock = SandboxClock(max(now, left_off.moment) if left_off.moment is not None else now)
    resumed = clock.now > now
    workdir = Path(tempfile.mkdtemp(prefix="bot-sandbox-"))
    emulator = BotApiEmulator()
    await emulator.start()
    config = Config(
        token=emulator.token,
        database_path=db_path or workdir / "sandbox.sqlite3",
        base_url=emulator.base_url,
        default_timezone=timezone,
        flood_per_minute=1_000_000,  # its clock stands still: a script is no flood
    )
    app = build_application(
        config, clock=clock, rate_limiter=PatientRateLimiter(overall_max_rate=0, group_max_rate=0),
        tick_seconds=10**9,
    )  # fmt: skip
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    alice = new_person(emulator, "alice")
    group = emulator.add_group("Demo group", admins=(alice,), chat_id=DEMO_GROUP_ID)
    sandbox = Sandbox(emulator, app, clock, out, workdir, group, {"alice": alice})
    sandbox.clock_file = clock_file(db_path) if db_path is not None else None
    interactive = stdin.isatty()
    out.write(
        f"Sandbox: the real bot, a demo group and a local Telegram stand-in. Data: "
        f"{config.database_path}\n"
        + (f"Resuming at {moment(clock.now)}, where that data left off.\n" if resumed else "")
        + "You are Alice, the group's admin. Try /goal, then /help. "
        "/sandbox lists the sandbox's own commands.\n"
    )
    if left_off.bot_in_group:  # a bot that restarts stays in its groups: no second hello
        out.write(f"(the bot is still in {group.title}, from last time)\n")
    else:  # Alice has just added the bot to her group: it introduces itself, as it would there.
        await emulator.add_bot(group, by=alice)
        await sandbox.deliver()
        sandbox.show()
    try:
        while True:
            if interactive:
                out.write(f"{sandbox.user.first_name}> ")
                out.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            if not interactive:
                out.write(f"{sandbox.user.first_name}> {line.rstrip()}\n")
            if not await sandbox.handle(line):
                break
    finally:
        await app.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
        await emulator.stop()
        tidy(workdir, out)
    return 0


def main(db_path: Path | None, timezone: str) -> int:
    """Run the sandbox on this terminal (or on piped input)."""
    return asyncio.run(run(db_path, timezone, sys.stdin, sys.stdout))
