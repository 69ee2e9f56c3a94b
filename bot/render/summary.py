"""The group progress summary."""

from __future__ import annotations

from bot.domain.models import GoalStatus
from bot.domain.pace import pace
from bot.domain.summary import GroupProgress, MemberProgress
from bot.render.text import bar, day, esc, name, pace_word, plural


def _member_block(entry: MemberProgress, progress: GroupProgress) -> str:
    today = progress.today
    lines = [f"<b>{name(entry.member)}</b>"]
    for goal in entry.goals:
        if goal.status is GoalStatus.COMPLETED:
            lines.append(f"  🏆 #{goal.number} {esc(goal.title)} · achieved")
            continue
        p = pace(goal, today)
        facts = [f"{bar(p.actual)} {p.percent}%"]
        if pace_word(p):
            facts.append(pace_word(p))
        facts.append(f"due {day(goal.deadline, today)}")
        lines.append(f"  🎯 #{goal.number} {esc(goal.title)} " + " · ".join(facts))
    for goal, milestone in entry.recent_milestones:
        lines.append(f"     ✅ {goal.number}.{milestone.number} {esc(milestone.title)}")
    if entry.next_milestone is not None:
        goal, milestone = entry.next_milestone
        lines.append(
            f"     📍 Next: {goal.number}.{milestone.number} {esc(milestone.title)} · "
            f"{day(milestone.due_date, today)}"
        )
    return "\n".join(lines)


def group_summary(title: str | None, progress: GroupProgress) -> str:
    """Per member: goals with progress, recent milestones, next due; then the week's wins."""
    header = f"📊 Group progress: {esc(title)}" if title else "📊 Your progress"
    if not progress.members:
        return (
            f"{header}\nNo active goals yet. Start with one: "
            "/goal Read 12 books by end of year target 12 books"
        )
    blocks = [header, *(_member_block(m, progress) for m in progress.members)]
    wins = (
        f"Wins in the last 7 days: {plural(progress.milestones_won, 'milestone')} ✅ · "
        f"{plural(progress.goals_won, 'goal')} 🏆"
    )
    blocks.append(wins)
    return "\n\n".join(blocks)
