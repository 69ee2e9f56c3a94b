"""Messages about goals: created, why, target, the list, reschedule and abandon."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.calendar_events import Changes
from bot.domain.dates import LocalClock, format_day
from bot.domain.errors import (
    AlreadyDue,
    AlreadyNamed,
    AlreadySet,
    GoalBeforeMilestones,
    GoalNotActive,
    GoalNotFound,
    NotOwner,
)
from bot.domain.models import AbandonResult, Chat, Goal, GoalStatus, Milestone
from bot.domain.numbers import format_amount
from bot.domain.pace import pace
from bot.domain.smart import SmartCheck, latest_achievable
from bot.render.commands import example_line, typed_number
from bot.render.common import GOAL_GONE
from bot.render.errors import explain
from bot.render.habit_goals import frequency_tip
from bot.render.text import (
    amount,
    bar,
    clock,
    day,
    due,
    esc,
    example_date,
    local_day,
    measure,
    name,
    pace_word,
    with_unit,
)

# A one-line /goal sent while a guided one was open.
DRAFT_DROPPED = "The guided /goal you had started is dropped: this goal takes its place."


def _mark(ok: bool) -> str:
    return "✅" if ok else "⚠️"


def smart_line(check: SmartCheck) -> str:
    """'SMART ✅ specific ✅ measurable ...' with ⚪ for a missing 'why'."""
    relevant = "✅" if check.relevant else "⚪"
    return (
        f"SMART {_mark(check.specific)} specific {_mark(check.measurable)} measurable "
        f"{_mark(check.achievable)} achievable {relevant} relevant "
        f"{_mark(check.time_bound)} time-bound"
    )


# "Talk to 50 customers" -> "50 customers": the number the title already names, as a target.
_COUNTED = re.compile(r"(?<![\w.,-])(\d[\d.,]*)\s+([^\W\d_]{2,20})\b")


def _target_hint(title: str) -> str:
    """A target to suggest: the title's own number and noun, else a placeholder."""
    found = _COUNTED.search(title)
    if found:
        return f"{found.group(1)} {esc(found.group(2))}"
    return "&lt;number&gt; &lt;unit&gt;"


def smart_tips(goal: Goal, check: SmartCheck, today: date, private: bool = False) -> list[str]:
    """One concrete tip for each SMART quality that does not hold yet."""
    n = goal.number
    tips = []
    if not check.specific:
        # "exercise more": something people repeat is made specific by how often
        tips.append(
            frequency_tip(goal) or 'Be specific: say exactly what, e.g. "increase sales by 10%".'
        )
    if not check.measurable:
        tips.append(
            f"Measure it: how will you know you're there? Add a target "
            f"(/target {n} {_target_hint(goal.title)}) or milestones (/milestone {n} …)."
        )
    if not check.achievable:
        tips.append(
            "Achievable? That deadline is more than 5 years away. Pick a nearer one and "
            f"get there in steps: /reschedule {n} {example_date(today, 365)}"
        )
    if not check.relevant:
        who = "write down" if private else "tell the group"
        tips.append(f"Tip: {who} why it matters: /why {n} &lt;reason&gt;")
    return tips


def goal_headline(goal: Goal, today: date) -> str:
    """'0 / 42 km · due Fri 30 Apr 2027 (in 5 months)'."""
    parts = []
    if goal.target is not None:
        parts.append(amount(goal))
    parts.append(due(goal.deadline, today))
    return " · ".join(parts)


def goal_created(goal: Goal, check: SmartCheck, today: date, private: bool = False) -> str:
    """The reply to a new goal: number, deadline, SMART check and the next step."""
    lines = [
        f"🎯 Goal #{goal.number} for {name(goal.owner)}: {esc(goal.title)}",
        f"   {goal_headline(goal, today)}",
        smart_line(check),
        *smart_tips(goal, check, today, private),
    ]
    lines.append(
        f"Next: break it into milestones: /milestone {goal.number} First step by "
        f"{halfway(today, goal.deadline).isoformat()}"
    )
    return "\n".join(lines)


def why_recorded(goal: Goal, check: SmartCheck) -> str:
    """The reply to /why."""
    return "\n".join(
        [
            f"🎯 Goal #{goal.number} {esc(goal.title)}: why it matters is noted.",
            f"“{esc(goal.why or '')}”",
            smart_line(check),
        ]
    )


def target_set(goal: Goal, check: SmartCheck) -> str:
    """The reply to /target."""
    sign = "-" if goal.goes_down else "+"
    return "\n".join(
        [
            f"🎯 Goal #{goal.number} {esc(goal.title)}: {amount(goal)}",
            smart_line(check),
            f"Log progress with /progress {goal.number} {sign}{with_unit(1, goal.unit, False)}",
        ]
    )


Moves = Mapping[tuple[int, int | None], Changes]


def _moved(moves: Moves, goal: Goal, milestone: Milestone | None = None) -> str:
    """' · moved 3×' for a date moved more than once, so a slipping plan shows; else ''."""
    found = moves.get((goal.id, milestone.id if milestone else None))
    return f" · moved {found.count}×" if found and found.count > 1 else ""


def milestone_line(
    milestone: Milestone, goal: Goal, today: date, tz: str, moves: Moves | None = None
) -> str:
    """'✅ 7.1 Half marathon · done Tue 16 Feb' or '📍 7.2 30 km long run · due Sat 20 Mar'."""
    ref = f"{goal.number}.{milestone.number}"
    if milestone.completed_at is not None:
        done_day = day(local_day(milestone.completed_at, tz), today)
        return f"✅ {ref} {esc(milestone.title)} · done {done_day}"
    icon = "⚠️" if milestone.due_date < today else "📍"
    moved = _moved(moves or {}, goal, milestone)
    return f"{icon} {ref} {esc(milestone.title)} · {due(milestone.due_date, today)}{moved}"


def goal_block(
    goal: Goal, today: date, tz: str, indent: str = "", moves: Moves | None = None
) -> list[str]:
    """A goal with its bar, pace, deadline (and how often it moved) and every milestone."""
    if goal.status is GoalStatus.COMPLETED and goal.completed_at is not None:
        achieved = day(local_day(goal.completed_at, tz), today)
        return [f"{indent}🏆 #{goal.number} {esc(goal.title)} · achieved {achieved}"]
    p = pace(goal, today)
    facts = [f"{bar(p.actual)} {p.percent}%"]
    if goal.target is not None:
        facts.append(amount(goal))
    if pace_word(p):
        facts.append(pace_word(p))
    facts.append(due(goal.deadline, today) + _moved(moves or {}, goal))
    lines = [f"{indent}🎯 #{goal.number} {esc(goal.title)}", f"{indent}   " + " · ".join(facts)]
    by_date = sorted(goal.milestones, key=lambda m: (m.due_date, m.number))  # in route order
    lines += [f"{indent}   {milestone_line(m, goal, today, tz, moves)}" for m in by_date]
    return lines


def _dropped(count: int) -> str:
    return f"{count} dropped goal is" if count == 1 else f"{count} dropped goals are"


def _with_dropped(text: str, dropped: int, yours: bool) -> str:
    """Lists leave dropped goals out: say how many, so none seems lost."""
    if not dropped:
        return text
    return f"{text}\n\n{'Your ' if yours else ''}{_dropped(dropped)} off the list."


def goal_list(
    goals: list[Goal],
    today: date,
    tz: str,
    everyone: bool,
    first_name: str,
    dropped: int = 0,
    moves: Moves | None = None,
    clocks: Mapping[int, LocalClock] | None = None,
    todays: Mapping[int, date] | None = None,
) -> str:
    """/goals: the caller's goals, or everyone's grouped by member (each with their own clock
    where it is far from the chat's); dropped ones only counted."""
    if not goals:
        example = f"/goal Read 12 books by {example_date(today, 180)} target 12 books"
        if everyone and dropped:
            return (
                f"No active or achieved goals in this chat; {_dropped(dropped)} off the list.\n"
                f"Set a new one: {example}"
            )
        if dropped:
            return (
                f"You have no active or achieved goals here, {esc(first_name)}; your "
                f"{_dropped(dropped)} off the list.\nSet a new one: {example}"
            )
        if everyone:
            return f"No goals in this chat yet. Be the first: {example}"
        return f"You have no goals in this chat yet, {esc(first_name)}. Set one: {example}"
    todays = todays or {}
    if not everyone:
        blocks = [
            "\n".join(goal_block(g, todays.get(g.owner.user_id, today), tz, moves=moves))
            for g in goals
        ]
        text = f"Goals of {name(goals[0].owner)}\n\n" + "\n\n".join(blocks)
        return _with_dropped(text, dropped, yours=True)
    blocks = []
    owners = list(dict.fromkeys(g.owner.user_id for g in goals))
    for owner_id in owners:
        own = [g for g in goals if g.owner.user_id == owner_id]
        lines = [f"<b>{name(own[0].owner)}</b>{clock((clocks or {}).get(owner_id))}"]
        for goal in own:
            mine = todays.get(owner_id, today)
            lines += goal_block(goal, mine, tz, indent="  ", moves=moves)
        blocks.append("\n".join(lines))
    text = "Everyone's goals\n\n" + "\n\n".join(blocks)
    return _with_dropped(text, dropped, yours=False)


def my_goals_everywhere(
    goals: list[Goal],
    titles: dict[int, str | None],
    here: Chat,
    today: date,
    dropped: int = 0,
    moves: Moves | None = None,
) -> str:
    """In a private chat: the member's goals from every chat, grouped by chat."""
    if not goals:
        example = f"/goal Read 12 books by {example_date(today, 180)} target 12 books"
        if dropped:
            return (
                f"You have no active or achieved goals; your {_dropped(dropped)} off the list.\n"
                f"Set a new one here: {example}"
            )
        return f"You have no goals yet. Set a personal one here: {example}"
    blocks = []
    for chat_id in dict.fromkeys(g.chat_id for g in goals):
        title = "Personal (this chat)" if chat_id == here.chat_id else titles.get(chat_id)
        lines = [f"<b>{esc(title or 'A group')}</b>"]
        for goal in (g for g in goals if g.chat_id == chat_id):
            lines += goal_block(goal, today, here.timezone, indent="  ", moves=moves)
        blocks.append("\n".join(lines))
    text = "Your goals everywhere\n\n" + "\n\n".join(blocks)
    if any(g.chat_id != here.chat_id for g in goals):
        personal = any(g.chat_id == here.chat_id for g in goals)
        here_too = (
            "commands here act on your personal goals"
            if personal
            else "set a personal one here with /goal"
        )
        text += f"\n\nGroup goals are changed in their group; {here_too}."
    return _with_dropped(text, dropped, yours=True)


def rescheduled(
    goal: Goal, milestone: Milestone | None, old: date, reason: str | None, today: date
) -> str:
    """The reply to /reschedule: the new date against the old one."""
    if milestone is None:
        what = f"Goal #{goal.number} {esc(goal.title)}"
        new = goal.deadline
    else:
        what = f"Milestone {goal.number}.{milestone.number} {esc(milestone.title)}"
        new = milestone.due_date
    lines = [f"⏰ {what} is now {due(new, today)}, moved from {day(old, today)}."]
    if reason:
        lines.append(f"Reason: {esc(reason)}")
    if milestone is None and new > latest_achievable(today):
        lines.append("⚠️ That's more than 5 years away: is it still achievable? Milestones help.")
    return "\n".join(lines)


def renamed(goal: Goal, milestone: Milestone | None, old_title: str) -> str:
    """The reply to /rename: the new title, and where the old one is kept."""
    if milestone is None:
        what, new = f"🎯 Goal #{goal.number}", goal.title
    else:
        what, new = f"📍 Milestone {goal.number}.{milestone.number}", milestone.title
    return (
        f"{what} is now “{esc(new)}” (was “{esc(old_title)}”).\n"
        f"The old title stays in its history: /journal {goal.number}"
    )


def abandon_question(goal: Goal) -> tuple[str, InlineKeyboardMarkup]:
    """Ask the owner to confirm dropping a goal."""
    text = (
        f"Abandon goal #{goal.number} {esc(goal.title)}?\n"
        "It leaves your goal list and gets no more reminders."
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"Abandon #{goal.number}", callback_data=callbacks.abandon(goal.id, True)
                ),
                InlineKeyboardButton("Keep it", callback_data=callbacks.abandon(goal.id, False)),
            ]
        ]
    )
    return text, keyboard


def abandon_answer(goal: Goal, result: AbandonResult) -> tuple[str | None, str]:
    """(new message text or None to leave it, toast) for a press on the abandon question."""
    title = f"#{goal.number} {esc(goal.title)}"
    match result:
        case AbandonResult.ABANDONED:
            return (
                f"Goal {title} was abandoned by {name(goal.owner)}.\n"
                "Dropping a goal is a decision too. Set a new one any time: /goal",
                "Goal abandoned",
            )
        case AbandonResult.KEPT:
            return f"Goal {title} stays on. Keep going, {name(goal.owner)}!", "Kept"
        case AbandonResult.NOT_ACTIVE:
            return None, f"Goal #{goal.number} is already {goal.status.value}."
        case AbandonResult.NOT_OWNER:
            return None, f"Only {goal.owner.first_name} can abandon goal #{goal.number}."
        case AbandonResult.GONE:
            return None, GOAL_GONE
        case _:
            assert_never(result)


def goal_progress_line(goal: Goal, today: date) -> str:
    """'Run a marathon: 2 of 3 milestones, 67% · on track'."""
    p = pace(goal, today)
    parts = [f"{esc(goal.title)}: {measure(goal, p)}".rstrip(": ")]
    if pace_word(p):
        parts.append(pace_word(p))
    return " · ".join(parts)


def halfway(today: date, deadline: date) -> date:
    """A date for a first milestone in examples: halfway there, and within four weeks."""
    return today + timedelta(days=min(max((deadline - today).days // 2, 1), 28))


# Refusals about goals.


def in_groups(number: int, groups: tuple[str, ...], command: str, args: str) -> str:
    """In a private chat: where the member's goals with this number are, to be changed there."""
    typed = args.strip()
    if len(typed) > 30:
        typed = typed.split(maxsplit=1)[0] + " …"
    again = esc(f"/{command} {typed}".strip())
    if len(groups) == 1:
        return f"Your goal #{number} is in {esc(groups[0])}: send {again} there."
    names = ", ".join(esc(title) for title in groups[:-1]) + f" and {esc(groups[-1])}"
    return f"Your goals #{number} are in {names}: send {again} in the one you mean."


@explain.register
def _goal_not_found(error: GoalNotFound, command: str, args: str = "") -> str:
    n = error.number
    if not error.private:
        return f"There's no goal #{n} in this chat. See the goals here with /goals."
    missing = f"You have no personal goal #{n} in this chat."
    if error.elsewhere:
        return f"{missing}\n{in_groups(n, error.elsewhere, command, args)}"
    return f"{missing} See yours with /goals (a group's goals are changed in that group)."


@explain.register
def _not_owner(error: NotOwner, command: str, args: str = "") -> str:
    return (
        f"Goal #{error.goal_number} is {esc(error.owner_name)}'s: only "
        f"{esc(error.owner_name)} can change it. Set your own with /goal."
    )


@explain.register
def _goal_not_active(error: GoalNotActive, command: str, args: str = "") -> str:
    n = error.goal_number
    completed = error.status is GoalStatus.COMPLETED
    word = "achieved" if completed else error.status.value
    again = "Not finished after all?" if completed else "Want it back?"
    return f"Goal #{n} is already {word}, so it can't change.\n{again} /reopen {n}"


@explain.register
def _already_due(error: AlreadyDue, command: str, args: str = "") -> str:
    milestone = error.ref.milestone_number is not None
    what = f"Milestone {error.ref}" if milestone else f"Goal #{error.ref}"
    when = format_day(error.when, error.today)
    return (
        f"{what} is already due {when}, so nothing moved. Pick another date.\n"
        f"{example_line(command, args)}"
    )


@explain.register
def _already_named(error: AlreadyNamed, command: str, args: str = "") -> str:
    what = "Milestone " if error.ref.milestone_number is not None else "Goal #"
    return (
        f"{what}{error.ref} is already called “{esc(error.title)}”, so nothing changed. "
        f"Type the new title after the number.\n{example_line(command, args)}"
    )


@explain.register
def _already_set(error: AlreadySet, command: str, args: str = "") -> str:
    milestone = error.ref.milestone_number is not None
    what = f"milestone {error.ref}" if milestone else f"goal #{error.ref}"
    text = (
        f"You already have {what} “{esc(error.title)}”, due "
        f"{format_day(error.due, error.today)}: nothing new was added. "
        f"See it with /goals; to move it: /reschedule {error.ref} &lt;date&gt;"
    )
    if error.target is not None:
        start = f" from {format_amount(error.baseline)}" if error.baseline is not None else ""
        target = with_unit(error.target, error.unit, grouped=False)
        text += f"\nA new target for it? /target {error.ref} {target}{start}"
    return text


@explain.register
def _goal_before_milestones(error: GoalBeforeMilestones, command: str, args: str = "") -> str:
    n, m = typed_number(args), error.milestone_number
    return (
        f"Goal #{n} can't end on {format_day(error.limit, error.today)}: a milestone is due "
        f"{format_day(error.when, error.today)}. Move milestone {n}.{m} first "
        f"(/reschedule {n}.{m} …) or pick a later date."
    )
