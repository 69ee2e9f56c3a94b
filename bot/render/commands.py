"""How each command is used: its example, and what a command that could not be read is told."""

from __future__ import annotations

import re

from bot.domain.dates import format_day
from bot.domain.errors import BeyondHorizon, DateTooSoon, DateUnreadable, Usage, UsageProblem
from bot.render.errors import explain
from bot.render.text import esc

EXAMPLES = {
    "goal": "/goal Run a marathon by end of june target 42 km",
    "milestone": "/milestone {n} Half marathon by end of march",
    "done": "/done {n}.1  (a milestone)  or  /done {n}  (the whole goal)",
    "progress": "/progress {n} 6  or  /progress {n} +2  or  /progress {n} -1",
    "why": "/why {n} I want to run with my kids",
    "target": "/target {n} 12 books  or  /target {n} 75 kg from 80 kg",
    "reschedule": "/reschedule {n} end of june because I was ill  or  /reschedule {n}.2 next friday",
    "abandon": "/abandon {n}",
    "rename": "/rename {n} Run a half marathon  or  /rename {n}.2 30 km long run",
    "delete": "/delete {n}.2  (a milestone; a whole goal: /abandon {n})",
    "reopen": "/reopen {n}  (a goal)  or  /reopen {n}.1  (a milestone)",
    "undo": "/undo {n}",
    "habit": "/habit Meditate 10 minutes every day  or  /habit Gym 3 times a week until end of march",
    "did": "/did {n}  or  /did {n} 25 pages  or  /did {n} yesterday",
    "goals": "/goals  or  /goals all",
    "partner": "/partner @username  (or reply to their message with /partner)",
    "unpartner": "/unpartner",
    "mentor": "/mentor @coach",
    "unmentor": "/unmentor @coach",
    "feedback": "/feedback @username Great pace this month, keep the long runs",
    "digest": "/digest",
    "journal": "/journal {n} Ran 12 km, knee felt fine  (or /journal {n} to read it)",
    "pause": "/pause until 2027-01-15 because family holiday  or  /pause from dec 24 for 10 days",
    "resume": "/resume",
    "forgetme": "/forgetme",
    "timeline": "/timeline  or  /timeline @username",
    "chart": "/chart {n}",
    "report": "/report month  or  /report quarter  or  /report last month",
    "calendar": "/calendar  or  /calendar mine",
    "export": "/export",
    "wizard_title": "Read 12 books",
    "wizard_deadline": "end of year",
    "wizard_why": "I want to read to my kids",
    "wizard_how_often": "4 times a week",
    "wizard_until": "end of march",
    "schedule": "/schedule checkin mon,thu 09:00",
    "timezone": "/timezone Europe/Berlin",
    "language": "/language de",
    "checkin": "/checkin on-track  or  /checkin behind lost a week to flu  or  /checkin help",
    "reflect": "/reflect Mornings worked; evenings didn't. Moving runs to 7am.",
}

USAGE: dict[UsageProblem, str] = {
    UsageProblem.NO_DEADLINE: "It needs a date: add “by” and when, e.g. “by 2027-04-30” or “by end of month”.",
    UsageProblem.EMPTY_TITLE: "The title is empty.",
    UsageProblem.LONG_TITLE: "That title is too long: keep it under 200 characters.",
    UsageProblem.BAD_TARGET: "The target must be a positive number, then an optional unit, like “target 42 km”.",
    UsageProblem.TWO_TARGETS: "Give one target, like “target 42 km”.",
    UsageProblem.BAD_BASELINE: (
        "After “from”, say where you start, as a number in the target's unit, like "
        "“target 75 kg from 80 kg”."
    ),
    UsageProblem.BASELINE_IS_TARGET: (
        "That's where you start. Give a target to move to, like “target 75 kg from 80 kg”."
    ),
    UsageProblem.NO_GOAL_NUMBER: "Which goal? Start with its number from /goals.",
    UsageProblem.BAD_REF: "I couldn't read that number. Use the goal number from /goals, or 7.2 for a milestone.",
    UsageProblem.GOAL_NOT_MILESTONE: "That's a milestone number; this command takes a goal number.",
    UsageProblem.NO_REF: "Which goal or milestone? Use its number from /goals.",
    UsageProblem.EXTRA: "There's more after the number than I expected.",
    UsageProblem.NO_VALUE: "What's the new value?",
    UsageProblem.NEGATIVE_VALUE: "That would go below 0. Set the value directly instead.",
    UsageProblem.BAD_VALUE: "The value must be a number, like 6 or 2.5.",
    UsageProblem.BARE_K: (
        "Is that k thousands, or a distance? Write the number out (10000), give its unit "
        "(10k USD), or say km (10 km)."
    ),
    UsageProblem.EMPTY_WHY: "Say why it matters after the goal number.",
    UsageProblem.LONG_WHY: "That's a lot! Keep it under 1000 characters.",
    UsageProblem.NO_DATE: "What's the new date?",
    UsageProblem.NO_FREQUENCY: (
        "Say how often: “every day”, “3 times a week”, “twice a month”, “on weekdays” or "
        "“mon, wed, fri”."
    ),
    UsageProblem.NEGATIVE_DID: (
        "An amount done can't be below 0: log what you did, and /undo takes an entry back."
    ),
    UsageProblem.DID_TOO_FAR_BACK: (
        "A habit is logged for today, or for yesterday when it slipped your mind; days before "
        "that stay as they were, so a streak says what happened."
    ),
    UsageProblem.BAD_HABIT_AMOUNT: (
        "After “at least” or “at most”, give a number and a unit, like “at least 20 pages”."
    ),
    UsageProblem.LONG_REASON: "Keep the reason under 1000 characters.",
    UsageProblem.BAD_ARGS: "That's not something this command takes.",
    UsageProblem.BAD_TIME: "Times are like 09:00, 17:30 or 5pm.",
    UsageProblem.BAD_DAYS: "Days are daily, weekdays, weekends, or a list like mon,thu.",
    UsageProblem.BAD_SCHEDULE: "I know checkin, summary, review, reminders, habits, off, on and here.",
    UsageProblem.BAD_SCHEDULE_OFF: "Say what to switch: checkin, summary, review, reminders or habits.",
    UsageProblem.BAD_SCHEDULE_CHECKIN: "Give the days, then the time.",
    UsageProblem.BAD_SCHEDULE_SUMMARY: "Give the days, then the time.",
    UsageProblem.BAD_DAY_OF_MONTH: "The day of the month is a number from 1 to 31 (short months use their last day).",
    UsageProblem.BAD_SCHEDULE_REVIEW: "Say monthly and the day of the month, or quarterly; then the time.",
    UsageProblem.BAD_LEAD_DAYS: "Reminders can come 0 to 30 days ahead.",
    UsageProblem.BAD_SCHEDULE_REMINDERS: "Say how many days ahead.",
    UsageProblem.REMINDER_TIME_FIXED: "Reminders always go out at 09:00; say only how many days ahead.",
    UsageProblem.BAD_SCHEDULE_HABITS: "Give the time of the daily habit prompt, or off.",
    UsageProblem.BAD_SCHEDULE_HERE: (
        "Send it inside the topic the posts should go to; after here, name one kind if you "
        "like: checkin, summary, review, reminders or habits."
    ),
    UsageProblem.BAD_CHECKIN: "Say how it's going: on-track, behind or help, then a note if you like.",
    UsageProblem.LONG_NOTE: "Keep the note under 1000 characters.",
    UsageProblem.EMPTY_REFLECTION: "Write your reflection after the command.",
    UsageProblem.LONG_REFLECTION: "Keep it under 1000 characters.",
    UsageProblem.BAD_PARTNER: "Say who: an @username, or reply to their message.",
    UsageProblem.BAD_MENTOR: "Say who: an @username, or reply to their message.",
    UsageProblem.BAD_UNMENTOR: "Say who: an @username.",
    UsageProblem.BAD_FEEDBACK: "Say who the feedback is for: an @username, or reply to their message.",
    UsageProblem.EMPTY_FEEDBACK: "Write the feedback after the name.",
    UsageProblem.EMPTY_JOURNAL: "Write the entry after the goal number, or leave it out to read the journal.",
    UsageProblem.LONG_JOURNAL: "Keep an entry under 1000 characters.",
    UsageProblem.BAD_PAUSE: (
        "Say until when (until and a date, or for 2 weeks), from when if later, "
        "and/or because and a reason."
    ),
    UsageProblem.BAD_PERIOD: (
        "Pick week, month or quarter for this one so far, or last week, last month or "
        "last quarter for the whole one before."
    ),
    UsageProblem.BAD_TIMELINE: "Say whose: an @username, or nothing for everyone.",
    UsageProblem.BAD_CALENDAR: "Say mine for only your deadlines, or nothing for the whole chat.",
    UsageProblem.NO_NEW_TITLE: "What's the new title? Type it after the number.",
    UsageProblem.DELETE_GOAL: "/delete removes a milestone: give its number, like 7.2. A whole goal is dropped with /abandon.",
}

# The example that fits a problem better than the command's usual one.
PROBLEM_EXAMPLES: dict[UsageProblem, str] = {
    UsageProblem.BAD_SCHEDULE_SUMMARY: "/schedule summary fri 17:00",
    UsageProblem.BAD_SCHEDULE_REVIEW: "/schedule review monthly 1 10:00  or  /schedule review quarterly 10:00",
    UsageProblem.BAD_DAY_OF_MONTH: "/schedule review monthly 31 10:00",
    UsageProblem.BAD_SCHEDULE_REMINDERS: "/schedule reminders 3 days",
    UsageProblem.BAD_LEAD_DAYS: "/schedule reminders 3 days",
    UsageProblem.REMINDER_TIME_FIXED: "/schedule reminders 2 days",
    UsageProblem.BAD_SCHEDULE_HABITS: "/schedule habits 20:00  or  /schedule habits off",
    UsageProblem.BAD_SCHEDULE_HERE: "/schedule here  or  /schedule here summary",
}

_FIRST_NUMBER = re.compile(r"^\s*#?(\d{1,9})\b")


def typed_number(args: str) -> str:
    """The goal number the user typed first, or 7 when they gave none."""
    match = _FIRST_NUMBER.match(args)
    return match.group(1) if match else "7"


def example(command: str, args: str = "") -> str:
    """The command's example, with the user's goal number when they gave one."""
    return EXAMPLES[command].format(n=typed_number(args))


def example_line(command: str, args: str = "") -> str:
    """'Example: …' for the command, ready for HTML."""
    return f"Example: {esc(example(command, args))}"


@explain.register
def _usage(error: Usage, command: str, args: str = "") -> str:
    fitting = PROBLEM_EXAMPLES.get(error.problem)
    ex = f"Example: {esc(fitting)}" if fitting else example_line(command, args)
    return f"{USAGE[error.problem]}\n{ex}"


@explain.register
def _beyond_horizon(error: BeyondHorizon, command: str, args: str = "") -> str:
    return (
        f"{format_day(error.when, error.today)} is further ahead than I plan: dates up to "
        f"{format_day(error.limit, error.today)} work.\n{example_line(command, args)}"
    )


@explain.register
def _date_unreadable(error: DateUnreadable, command: str, args: str = "") -> str:
    if error.no_such_day:
        return (
            f"“{esc(error.text)}” is no day on the calendar (dates in numbers are day first: "
            f"15.02. is 15 February).\n{example_line(command, args)}"
        )
    return (
        f"I couldn't read “{esc(error.text)}” as a date. Try 2027-04-30, next friday, "
        f"in 3 weeks or end of month.\n{example_line(command, args)}"
    )


@explain.register
def _date_too_soon(error: DateTooSoon, command: str, args: str = "") -> str:
    past = "is in the past" if error.when < error.today else "is too soon"
    return (
        f"{format_day(error.when, error.today)} {past}: pick "
        f"{format_day(error.earliest, error.today)} or later.\n{example_line(command, args)}"
    )
