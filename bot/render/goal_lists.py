"""/goals: each goal with its bar, pace, deadline and milestones, for one member, for everyone
in a chat, or, in a private chat, from every chat."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.domain.calendar_events import Changes
from bot.domain.dates import LocalClock
from bot.domain.models import Chat, Goal, GoalStatus, Milestone
from bot.domain.pace import pace
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import (
    amount,
    bar,
    clock,
    day,
    due,
    esc,
    example_date,
    local_day,
    name,
    pace_word,
)

Moves = Mapping[tuple[int, int | None], Changes]


def _moved(
    moves: Moves, goal: Goal, milestone: Milestone | None = None, words: Words = ENGLISH
) -> str:
    """' · moved 3×' for a date moved more than once, so a slipping plan shows; else ''."""
    found = moves.get((goal.id, milestone.id if milestone else None))
    if not found or found.count <= 1:
        return ""
    return " · " + words.ngettext("moved {n}×", "moved {n}×", found.count)


def milestone_line(
    milestone: Milestone,
    goal: Goal,
    today: date,
    tz: str,
    moves: Moves | None = None,
    words: Words = ENGLISH,
) -> str:
    """'✅ 7.1 Half marathon · done Tue 16 Feb' or '📍 7.2 30 km long run · due Sat 20 Mar'."""
    ref = f"{goal.number}.{milestone.number}"
    if milestone.completed_at is not None:
        done_day = day(local_day(milestone.completed_at, tz), today, words)
        done = words.gettext("done {day}", day=done_day)
        return f"✅ {ref} {esc(milestone.title)} · {done}"
    icon = "⚠️" if milestone.due_date < today else "📍"
    moved = _moved(moves or {}, goal, milestone, words)
    return f"{icon} {ref} {esc(milestone.title)} · {due(milestone.due_date, today, words)}{moved}"


def goal_block(
    goal: Goal,
    today: date,
    tz: str,
    indent: str = "",
    moves: Moves | None = None,
    words: Words = ENGLISH,
) -> list[str]:
    """A goal with its bar, pace, deadline (and how often it moved) and every milestone."""
    if goal.status is GoalStatus.COMPLETED and goal.completed_at is not None:
        achieved = words.gettext(
            "achieved {day}", day=day(local_day(goal.completed_at, tz), today, words)
        )
        return [f"{indent}🏆 #{goal.number} {esc(goal.title)} · {achieved}"]
    p = pace(goal, today)
    facts = [f"{bar(p.actual)} {p.percent}%"]
    if goal.target is not None:
        facts.append(amount(goal, words=words))
    if pace_word(p, words):
        facts.append(pace_word(p, words))
    facts.append(due(goal.deadline, today, words) + _moved(moves or {}, goal, words=words))
    lines = [f"{indent}🎯 #{goal.number} {esc(goal.title)}", f"{indent}   " + " · ".join(facts)]
    by_date = sorted(goal.milestones, key=lambda m: (m.due_date, m.number))  # in route order
    lines += [f"{indent}   {milestone_line(m, goal, today, tz, moves, words)}" for m in by_date]
    return lines


def _with_dropped(text: str, dropped: int, yours: bool, words: Words = ENGLISH) -> str:
    """Lists leave dropped goals out: say how many, so none seems lost."""
    if not dropped:
        return text
    if yours:
        note = words.ngettext(
            "Your {n} dropped goal is off the list.",
            "Your {n} dropped goals are off the list.",
            dropped,
        )
    else:
        note = words.ngettext(
            "{n} dropped goal is off the list.", "{n} dropped goals are off the list.", dropped
        )
    return f"{text}\n\n{note}"


def _new_goal_example(today: date, words: Words = ENGLISH) -> str:
    """A one-line /goal to copy, in the chat's words."""
    return words.gettext(
        "/goal Read 12 books by {date} target 12 books", date=example_date(today, 180)
    )


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
    words: Words = ENGLISH,
) -> str:
    """/goals: the caller's goals, or everyone's grouped by member (each with their own clock
    where it is far from the chat's); dropped ones only counted."""
    if not goals:
        example = _new_goal_example(today, words)
        if everyone and dropped:
            return words.ngettext(
                "No active or achieved goals in this chat; {n} dropped goal is off the list.\n"
                "Set a new one: {example}",
                "No active or achieved goals in this chat; {n} dropped goals are off the list.\n"
                "Set a new one: {example}",
                dropped,
                example=example,
            )
        if dropped:
            return words.ngettext(
                "You have no active or achieved goals here, {name}; your {n} dropped goal is "
                "off the list.\nSet a new one: {example}",
                "You have no active or achieved goals here, {name}; your {n} dropped goals are "
                "off the list.\nSet a new one: {example}",
                dropped,
                name=esc(first_name),
                example=example,
            )
        if everyone:
            return words.gettext(
                "No goals in this chat yet. Be the first: {example}", example=example
            )
        return words.gettext(
            "You have no goals in this chat yet, {name}. Set one: {example}",
            name=esc(first_name),
            example=example,
        )
    todays = todays or {}
    if not everyone:
        blocks = [
            "\n".join(
                goal_block(g, todays.get(g.owner.user_id, today), tz, moves=moves, words=words)
            )
            for g in goals
        ]
        head = words.gettext("Goals of {name}", name=name(goals[0].owner))
        text = f"{head}\n\n" + "\n\n".join(blocks)
        return _with_dropped(text, dropped, yours=True, words=words)
    blocks = []
    owners = list(dict.fromkeys(g.owner.user_id for g in goals))
    for owner_id in owners:
        own = [g for g in goals if g.owner.user_id == owner_id]
        lines = [f"<b>{name(own[0].owner)}</b>{clock((clocks or {}).get(owner_id), words)}"]
        for goal in own:
            mine = todays.get(owner_id, today)
            lines += goal_block(goal, mine, tz, indent="  ", moves=moves, words=words)
        blocks.append("\n".join(lines))
    text = words.gettext("Everyone's goals") + "\n\n" + "\n\n".join(blocks)
    return _with_dropped(text, dropped, yours=False, words=words)


def my_goals_everywhere(
    goals: list[Goal],
    titles: dict[int, str | None],
    here: Chat,
    today: date,
    dropped: int = 0,
    moves: Moves | None = None,
    words: Words = ENGLISH,
) -> str:
    """In a private chat: the member's goals from every chat, grouped by chat."""
    if not goals:
        example = _new_goal_example(today, words)
        if dropped:
            return words.ngettext(
                "You have no active or achieved goals; your {n} dropped goal is off the list.\n"
                "Set a new one here: {example}",
                "You have no active or achieved goals; your {n} dropped goals are off the list.\n"
                "Set a new one here: {example}",
                dropped,
                example=example,
            )
        return words.gettext(
            "You have no goals yet. Set a personal one here: {example}", example=example
        )
    blocks = []
    for chat_id in dict.fromkeys(g.chat_id for g in goals):
        if chat_id == here.chat_id:
            title = esc(words.gettext("Personal (this chat)"))
        else:
            found = titles.get(chat_id)
            title = esc(found) if found else words.gettext("A group")
        lines = [f"<b>{title}</b>"]
        for goal in (g for g in goals if g.chat_id == chat_id):
            lines += goal_block(goal, today, here.timezone, indent="  ", moves=moves, words=words)
        blocks.append("\n".join(lines))
    text = words.gettext("Your goals everywhere") + "\n\n" + "\n\n".join(blocks)
    if any(g.chat_id != here.chat_id for g in goals):
        if any(g.chat_id == here.chat_id for g in goals):
            note = N_(
                "Group goals are changed in their group; commands here act on your personal goals."
            )
        else:
            note = N_("Group goals are changed in their group; set a personal one here with /goal.")
        text += "\n\n" + words.gettext(note)
    return _with_dropped(text, dropped, yours=True, words=words)
