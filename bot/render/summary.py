"""The group progress summary (scheduled, and on demand with /summary)."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Goal, GoalStatus
from bot.domain.pace import pace
from bot.domain.summary import DueItem, GroupProgress, MemberProgress
from bot.render.checkins import ICONS, WORDS
from bot.render.habits import habit_line
from bot.render.i18n import ENGLISH, Words
from bot.render.text import bar, clock, due, esc, name, pace_word


def _status(entry: MemberProgress, checkins_on: bool, today: date, words: Words) -> str:
    if entry.away:
        if entry.away_until:
            lines = [words.gettext("🏖 away until {day}", day=words.day(entry.away_until, today))]
        else:
            lines = [words.gettext("🏖 away")]
        if entry.streak > 1:
            lines.append(words.gettext("streak {n} kept", n=entry.streak))
        if entry.checkin is not None:
            lines.append(words.gettext(WORDS[entry.checkin]))
        return " · ".join(lines)
    parts = []
    if entry.streak > 1:
        parts.append(words.gettext("🔥 {n} in a row", n=entry.streak))
    if entry.checkin is not None:
        said = words.gettext(WORDS[entry.checkin])
        parts.append(said if parts else f"{ICONS[entry.checkin]} {said}")
    elif checkins_on and entry.asked:
        parts.append(
            words.gettext("no check-in yet") if parts else words.gettext("⚠️ no check-in yet")
        )
    return " · ".join(parts)


def _goal_lines(goal: Goal, entry: MemberProgress, today: date, words: Words) -> list[str]:
    """The goal, then under it its milestones done in the period and the next one due."""
    if goal.status is GoalStatus.COMPLETED:
        achieved = words.gettext(
            "🏆 #{number} {title} · achieved", number=goal.number, title=esc(goal.title)
        )
        lines = [f"  {achieved}"]
    else:
        p = pace(goal, today)
        facts = [f"{bar(p.actual)} {p.percent}%"]
        if pace_word(p, words):
            facts.append(pace_word(p, words))
        facts.append(words.gettext("due {day}", day=words.day(goal.deadline, today)))
        lines = [f"  🎯 #{goal.number} {esc(goal.title)} " + " · ".join(facts)]
    for won_in, milestone in entry.recent_milestones:
        if won_in.id == goal.id:
            lines.append(f"     ✅ {goal.number}.{milestone.number} {esc(milestone.title)}")
    upcoming = goal.next_milestone() if goal.is_active else None
    if upcoming is not None:
        ref = f"{goal.number}.{upcoming.number} {esc(upcoming.title)}"
        if upcoming.due_date < today:
            text = words.gettext(
                "⚠️ Overdue: {milestone} · {due}",
                milestone=ref,
                due=due(upcoming.due_date, today, words),
            )
        else:
            text = words.gettext(
                "📍 Next: {milestone} · {day}",
                milestone=ref,
                day=words.day(upcoming.due_date, today),
            )
        lines.append(f"     {text}")
    return lines


def _member_block(entry: MemberProgress, progress: GroupProgress, words: Words) -> str:
    today = entry.today or progress.today  # their goals fall due and overdue on their own days
    status = _status(entry, progress.checkins_on, today, words)
    head = f"<b>{name(entry.member)}</b>{clock(entry.clock, words)}"
    lines = [head + (f" {status}" if status else "")]
    for goal in entry.goals:
        lines += _goal_lines(goal, entry, today, words)
    for habit, stats in entry.habits:
        lines += habit_line(habit, stats, indent="  ", words=words)
    return "\n".join(lines)


def _due_line(item: DueItem, today: date, words: Words) -> str:
    if item.milestone is not None:
        what = f"📍 {item.goal.number}.{item.milestone.number} {esc(item.milestone.title)}"
    else:
        what = f"🎯 #{item.goal.number} {esc(item.goal.title)}"
    return f"  {what} ({name(item.goal.owner)}) · {words.day(item.due, today)}"


def _header(title: str | None, scheduled: bool, words: Words) -> str:
    if scheduled:
        if title:
            return words.gettext("📊 Summary: {title}", title=esc(title))
        return words.gettext("📊 Summary")
    if title:
        return words.gettext("📊 Group progress: {title}", title=esc(title))
    return words.gettext("📊 Group progress")


def _wins(progress: GroupProgress, scheduled: bool, words: Words) -> str:
    milestones = words.ngettext("{n} milestone", "{n} milestones", progress.milestones_won)
    goals = words.ngettext("{n} goal", "{n} goals", progress.goals_won)
    if scheduled:
        return words.gettext(
            "Wins since the last summary: {milestones} ✅ · {goals} 🏆",
            milestones=milestones,
            goals=goals,
        )
    return words.gettext(
        "Wins in the last 7 days: {milestones} ✅ · {goals} 🏆", milestones=milestones, goals=goals
    )


def group_summary(
    title: str | None,
    progress: GroupProgress,
    scheduled: bool = False,
    words: Words = ENGLISH,
) -> str:
    """Per member: check-in, streak, goals, recent milestones, next due; then due soon and wins
    (scheduled: the summary post, counting since the last one; else the last 7 days)."""
    header = _header(title, scheduled, words)
    if not progress.members:
        return (
            header
            + "\n"
            + words.gettext(
                "No active goals yet. Start with one: "
                "/goal Read 12 books by end of year target 12 books"
            )
        )
    blocks = [header, *(_member_block(m, progress, words) for m in progress.members)]
    if progress.due_soon:
        blocks.append(
            "\n".join(
                [
                    words.gettext("Due in the next 7 days:"),
                    *(_due_line(i, progress.today, words) for i in progress.due_soon),
                ]
            )
        )
    blocks.append(_wins(progress, scheduled, words))
    return "\n\n".join(blocks)
