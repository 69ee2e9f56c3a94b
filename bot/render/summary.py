"""The group progress summary (scheduled, and on demand with /summary)."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Goal, GoalStatus
from bot.domain.pace import pace
from bot.domain.summary import DueItem, GroupProgress, MemberProgress
from bot.render.checkins import ICONS, WORDS
from bot.render.habits import habit_line
from bot.render.text import bar, clock, day, due, esc, name, pace_word, plural


def _status(entry: MemberProgress, checkins_on: bool, today: date) -> str:
    if entry.away:
        until = f" until {day(entry.away_until, today)}" if entry.away_until else ""
        streak = f" · streak {entry.streak} kept" if entry.streak > 1 else ""
        answered = f" · {WORDS[entry.checkin]}" if entry.checkin is not None else ""
        return f"🏖 away{until}{streak}{answered}"
    parts = []
    if entry.streak > 1:
        parts.append(f"🔥 {entry.streak} in a row")
    if entry.checkin is not None:
        parts.append(
            f"{WORDS[entry.checkin]}" if parts else f"{ICONS[entry.checkin]} {WORDS[entry.checkin]}"
        )
    elif checkins_on and entry.asked:
        parts.append("no check-in yet" if parts else "⚠️ no check-in yet")
    return " · ".join(parts)


def _goal_lines(goal: Goal, entry: MemberProgress, today: date) -> list[str]:
    """The goal, then under it its milestones done in the period and the next one due."""
    if goal.status is GoalStatus.COMPLETED:
        lines = [f"  🏆 #{goal.number} {esc(goal.title)} · achieved"]
    else:
        p = pace(goal, today)
        facts = [f"{bar(p.actual)} {p.percent}%"]
        if pace_word(p):
            facts.append(pace_word(p))
        facts.append(f"due {day(goal.deadline, today)}")
        lines = [f"  🎯 #{goal.number} {esc(goal.title)} " + " · ".join(facts)]
    for won_in, milestone in entry.recent_milestones:
        if won_in.id == goal.id:
            lines.append(f"     ✅ {goal.number}.{milestone.number} {esc(milestone.title)}")
    upcoming = goal.next_milestone() if goal.is_active else None
    if upcoming is not None:
        ref = f"{goal.number}.{upcoming.number} {esc(upcoming.title)}"
        if upcoming.due_date < today:
            lines.append(f"     ⚠️ Overdue: {ref} · {due(upcoming.due_date, today)}")
        else:
            lines.append(f"     📍 Next: {ref} · {day(upcoming.due_date, today)}")
    return lines


def _member_block(entry: MemberProgress, progress: GroupProgress) -> str:
    today = entry.today or progress.today  # their goals fall due and overdue on their own days
    status = _status(entry, progress.checkins_on, today)
    lines = [f"<b>{name(entry.member)}</b>{clock(entry.clock)}" + (f" {status}" if status else "")]
    for goal in entry.goals:
        lines += _goal_lines(goal, entry, today)
    for habit, stats in entry.habits:
        lines += habit_line(habit, stats, indent="  ")
    return "\n".join(lines)


def _due_line(item: DueItem, today: date) -> str:
    if item.milestone is not None:
        what = f"📍 {item.goal.number}.{item.milestone.number} {esc(item.milestone.title)}"
    else:
        what = f"🎯 #{item.goal.number} {esc(item.goal.title)}"
    return f"  {what} ({name(item.goal.owner)}) · {day(item.due, today)}"


def group_summary(
    title: str | None,
    progress: GroupProgress,
    heading: str = "Group progress",
    window: str = "in the last 7 days",
) -> str:
    """Per member: check-in, streak, goals, recent milestones, next due; then due soon and wins."""
    header = f"📊 {heading}: {esc(title)}" if title else f"📊 {heading}"
    if not progress.members:
        return (
            f"{header}\nNo active goals yet. Start with one: "
            "/goal Read 12 books by end of year target 12 books"
        )
    blocks = [header, *(_member_block(m, progress) for m in progress.members)]
    if progress.due_soon:
        blocks.append(
            "\n".join(
                [
                    "Due in the next 7 days:",
                    *(_due_line(i, progress.today) for i in progress.due_soon),
                ]
            )
        )
    blocks.append(
        f"Wins {window}: "
        f"{plural(progress.milestones_won, 'milestone')} ✅ · {plural(progress.goals_won, 'goal')} 🏆"
    )
    return "\n\n".join(blocks)
