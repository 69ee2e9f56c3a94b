"""The guided /goal, step by step, with its answers kept in the database across restarts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain import commands
from bot.domain.drafts import GoalDraft, Step
from bot.domain.errors import ReadsTwoWays
from bot.services.common import Actor, register
from bot.services.goals import resolve_goal_deadline
from bot.storage import drafts
from bot.storage.work import UnitOfWork

SKIP = {"skip", "no", "none", "-", "/skip"}


async def start(work: UnitOfWork, actor: Actor, now: datetime) -> None:
    """Open a new draft (a bare /goal again starts over)."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        await drafts.save(conn, actor.chat_id, actor.user_id, GoalDraft(), now)


async def current(work: UnitOfWork, actor: Actor) -> GoalDraft | None:
    """The actor's open draft in this chat."""
    async with work.reading() as conn:
        return await drafts.get(conn, actor.chat_id, actor.user_id)


async def answer(
    work: UnitOfWork, actor: Actor, draft: GoalDraft, text: str, now: datetime
) -> GoalDraft:
    """Take the answer to the draft's question and move to the next one. A bad answer
    raises the refusal and keeps the draft where it was."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        match draft.step:
            case Step.TITLE:
                draft = replace(draft, step=Step.DEADLINE, title=commands.check_title(text))
            case Step.DEADLINE:
                deadline = resolve_goal_deadline(text, now, chat.timezone)
                draft = replace(draft, step=Step.TARGET, deadline=deadline.isoformat())
            case Step.TARGET:
                typed = text.strip()
                if typed.lower() in SKIP:
                    draft = replace(draft, step=Step.WHY, target_text=None)
                else:
                    target = commands.parse_target(typed)  # refused now, not at the end
                    if target.ambiguous:  # asked now, while the member is at this question
                        values = tuple(t.value for t in target.readings)
                        raise ReadsTwoWays(typed, values, target.unit)
                    draft = replace(draft, step=Step.WHY, target_text=typed)
            case Step.WHY:
                return draft  # the last answer creates the goal: see take
        await drafts.save(conn, actor.chat_id, actor.user_id, draft, now)
    return draft


async def take(work: UnitOfWork, actor: Actor, why: str | None) -> commands.GoalSpec | None:
    """Close the draft and return the goal it describes (None: it was gone)."""
    async with work.transaction() as conn:
        draft = await drafts.get(conn, actor.chat_id, actor.user_id)
        await drafts.drop(conn, actor.chat_id, actor.user_id)
    if draft is None:
        return None
    target = commands.parse_target(draft.target_text) if draft.target_text else None
    return replace(commands.goal_spec(draft.title, draft.deadline, target), why=why)


async def cancel(work: UnitOfWork, actor: Actor) -> bool:
    """Drop the actor's draft; False when there was none."""
    async with work.transaction() as conn:
        return await drafts.drop(conn, actor.chat_id, actor.user_id)
