"""Welcome and help."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc

COMMANDS: list[tuple[str, str, str]] = [
    ("goal", N_("set a goal with a deadline"), "/goal Run a marathon by 2027-04-30 target 42 km"),
    ("milestone", N_("add a checkpoint to a goal"), "/milestone 1 Half marathon by end of march"),
    ("done", N_("complete a milestone or a goal"), "/done 1.1  or  /done 1"),
    ("progress", N_("log progress toward a target"), "/progress 1 21  or  /progress 1 +5  or  -1"),
    ("why", N_("say why a goal matters"), "/why 1 I want to feel strong at 40"),
    ("target", N_("give a goal a number to reach"), "/target 1 42 km  or  /target 1 75 kg from 80"),
    ("habit", N_("set a habit: how often, how much"), "/habit Meditate 10 minutes every day"),
    (
        "did",
        N_("log a habit done today (or yesterday)"),
        "/did 2  or  /did 2 25 pages  or  /did 2 yesterday",
    ),
    ("goals", N_("your goals here (or everyone's)"), "/goals  or  /goals all"),
    ("summary", N_("everyone's progress in this chat"), "/summary"),
    ("checkin", N_("say how it's going"), "/checkin behind lost a week to flu"),
    ("reflect", N_("answer a review"), "/reflect Mornings work better for me"),
    (
        "schedule",
        N_("when check-ins, summaries, reviews come; /schedule here: to a topic"),
        "/schedule checkin mon,thu 09:00",
    ),
    ("timezone", N_("the chat's time zone; in private, your own"), "/timezone Europe/Berlin"),
    ("language", N_("the language I speak here"), "/language de"),
    ("partner", N_("pair up with an accountability partner"), "/partner @username"),
    ("unpartner", N_("end your partnership"), "/unpartner"),
    ("mentor", N_("the group's mentors (admins add them)"), "/mentor @coach"),
    ("unmentor", N_("admins: remove a mentor"), "/unmentor @coach"),
    ("feedback", N_("mentors: feedback for a member"), "/feedback @username Great month!"),
    ("digest", N_("mentors: your groups' digest, now"), "/digest"),
    ("journal", N_("a goal's journal: write or read"), "/journal 1 Ran 12 km today"),
    ("pause", N_("step away for a while"), "/pause until 2027-01-15 because holiday"),
    ("resume", N_("come back early"), "/resume"),
    ("timeline", N_("the chat's goals as a picture"), "/timeline"),
    ("chart", N_("a goal's progress against its pace"), "/chart 1"),
    (
        "report",
        N_("numbers for this week, month or quarter so far, or the last one"),
        "/report month",
    ),
    ("calendar", N_("deadlines as a calendar file"), "/calendar mine"),
    ("export", N_("your data (in a group, admins: the group's)"), "/export"),
    ("forgetme", N_("delete everything about you"), "/forgetme"),
    ("reschedule", N_("move a deadline"), "/reschedule 1.1 next friday because I was ill"),
    (
        "rename",
        N_("fix a goal's or milestone's title"),
        "/rename 1 Run a half marathon  or  /rename 1.2 30 km run",
    ),
    ("delete", N_("remove a milestone (asks first)"), "/delete 1.2"),
    ("abandon", N_("drop a goal (asks first)"), "/abandon 1"),
    ("reopen", N_("undo a /done: a goal, or a milestone"), "/reopen 1  or  /reopen 1.2"),
    ("undo", N_("take back your last /progress, or a habit's last /did"), "/undo 1"),
    ("cancel", N_("stop a guided /goal"), "/cancel"),
    ("help", N_("this list"), "/help"),
]


GROUP_ONLY = {"summary", "partner", "unpartner", "mentor", "unmentor", "feedback"}
PRIVATE_ONLY = {"forgetme", "digest"}

# In a private chat /goals lists the member's goals from every chat; "all" adds nothing.
IN_PRIVATE = {"goals": (N_("your goals from every chat"), "/goals")}

# What a group-only command sent in private gets instead: where it works, and what to use here.
GROUP_ONLY_REPLIES = {
    "summary": (
        "/summary shows everyone's progress in a group, so send it there. "
        "Here, /goals lists your goals from every chat."
    ),
    "partner": "Partners pair up in a group: send /partner @username there.",
    "unpartner": "Partnerships belong to a group: send /unpartner there.",
    "mentor": "Mentors belong to a group: its admins appoint them there with /mentor @username.",
    "unmentor": "Mentors belong to a group: its admins remove them there with /unmentor @username.",
    "feedback": "Mentors give feedback in their group: send /feedback @username … there.",
}


def _commands(hidden: set[str], private: bool) -> list[tuple[str, str, str]]:
    """The commands not hidden, described for a private chat or a group."""
    found = []
    for command, what, sample in COMMANDS:
        if command in hidden:
            continue
        if private and command in IN_PRIVATE:
            what, sample = IN_PRIVATE[command]
        found.append((command, what, sample))
    return found


def menu(private: bool, words: Words = ENGLISH) -> list[tuple[str, str]]:
    """The command menu Telegram shows: group commands in groups, personal ones in private."""
    hidden = GROUP_ONLY if private else PRIVATE_ONLY
    return [(command, words.gettext(what)) for command, what, _ in _commands(hidden, private)]


def description(words: Words = ENGLISH) -> tuple[str, str]:
    """What Telegram shows before a chat with the bot starts, and its one-line profile."""
    return (
        words.gettext(
            "I help groups reach their goals: SMART goals with milestones, habits, check-ins, "
            "reminders and a celebration for every win. Add me to a group, or press Start to "
            "set goals of your own."
        ),
        words.gettext("Goals, milestones, habits and check-ins for accountability groups."),
    )


def help_text(private: bool, words: Words = ENGLISH) -> str:
    """The commands that work in this chat, one example each; in private, which need a group."""
    lines = ["<b>" + words.gettext("Commands") + "</b>"]
    for command, what, sample in _commands(GROUP_ONLY if private else set(), private):
        lines.append(f"/{command}: {words.gettext(what)}\n   <code>{esc(sample)}</code>")
    lines.append(words.gettext("Dates: 2027-04-30, next friday, in 3 weeks, end of month."))
    if private:
        in_groups = ", ".join(f"/{command}" for command, _, _ in COMMANDS if command in GROUP_ONLY)
        lines.append(words.gettext("In a group also: {commands}.", commands=in_groups))
    return "\n".join(lines)


def group_only(command: str) -> str:
    """Reply to a group-only command sent in a private chat."""
    return GROUP_ONLY_REPLIES[command]


def welcome(is_group: bool, chat_title: str | None, first_name: str, words: Words = ENGLISH) -> str:
    """What the bot does, then the commands."""
    if is_group:
        intro = words.gettext(
            "👋 Hi {group}! I help this group reach its goals: set SMART goals, break them "
            "into milestones, and I'll celebrate every win here.",
            group=esc(chat_title) if chat_title else words.gettext("everyone"),
        )
    else:
        intro = words.gettext(
            "👋 Hi {name}! I help you reach your goals: set SMART goals, break them into "
            "milestones, and track your progress.",
            name=esc(first_name),
        )
    return f"{intro}\n\n{help_text(not is_group, words)}"


# Commands most bots have: in a group, a near miss of one (/stats, /hlep) may be another
# bot's, so only the bot's own words are guessed at there.
COMMON_TO_BOTS = {"start", "help", "cancel"}


def command_names(private: bool) -> list[str]:
    """The commands a mistyped one may be matched with, without the slash."""
    names = [name for name, _, _ in COMMANDS] + ["start"]
    if private:  # a group-only command would only be pointed elsewhere
        return [n for n in names if n not in GROUP_ONLY]
    return [n for n in names if n not in COMMON_TO_BOTS and n not in PRIVATE_ONLY]


def unknown_command(word: str, meant: str | None = None, args: str = "") -> str:
    """Reply to a command the bot does not have, with the one it probably meant (and the
    rest of what was typed, ready to send again)."""
    if meant:
        again = f"/{meant} {esc(args)}".rstrip()
        return f"I don't know {esc(word)}. Did you mean {again}? Everything I can do: /help"
    return f"I don't know {esc(word)}. Here's what I can do: /help"


def commands_only() -> str:
    """Reply to plain chat in private."""
    return "I work with commands. Start with /goal, or see everything with /help."


def introduction(title: str | None, bot_username: str) -> tuple[str, InlineKeyboardMarkup]:
    """What the bot says when added to a group, with a button to open a private chat."""
    text = (
        f"👋 Hi {esc(title or 'everyone')}! I'm your accountability bot: set SMART goals, break "
        "them into milestones, check in weekly, and I'll celebrate every win here.\n"
        "Start with /goal, or see everything with /help.\n"
        "Tap below once so I can send you private notes (partners, mentors)."
    )
    button = InlineKeyboardButton(
        "Open a private chat", url=f"https://t.me/{bot_username}?start=hello"
    )
    return text, InlineKeyboardMarkup([[button]])


def slow_down(first_name: str, cooldown: timedelta) -> str:
    """The one notice a member gets for sending commands too fast."""
    minutes = max(1, round(cooldown.total_seconds() / 60))
    return (
        f"Whoa, {esc(first_name)}, that's a lot of commands at once. I'll take a "
        f"{minutes}-minute breather from yours, then carry on."
    )


EDITED_COMMAND = (
    "I act on new messages only, so that edit changed nothing. Send the command again as a "
    "new message."
)
