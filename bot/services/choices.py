"""Questions asked with buttons: stored until the member who was asked picks an option."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.domain.choices import Asked, HabitStop, Option, Question, TargetChange
from bot.domain.commands import GoalSpec, ProgressSpec, TargetSpec
from bot.domain.frequencies import DidSpec
from bot.services.common import Actor, register
from bot.storage import choices
from bot.storage.work import UnitOfWork


def _plain(option: Option) -> dict[str, Any]:
    """An option as JSON-ready data (one reading each: nothing left to ask)."""
    match option:
        case ProgressSpec():
            return asdict(replace(option, other_amount=None))
        case TargetChange():
            return {"goal_number": option.goal_number,
                    "target": asdict(replace(option.target, readings=()))}  # fmt: skip
        case GoalSpec():
            return asdict(replace(option, target_readings=()))
        case DidSpec() | HabitStop():
            return asdict(option)


def _option(asked: Asked, data: dict[str, Any]) -> Option:
    match asked:
        case Asked.PROGRESS:
            return ProgressSpec(**data)
        case Asked.TARGET:
            target = TargetSpec(**{**data["target"], "readings": ()})
            return TargetChange(int(data["goal_number"]), target)
        case Asked.GOAL:
            return GoalSpec(**{**data, "target_readings": ()})
        case Asked.DID:
            return DidSpec(**{**data, "readings": tuple(data["readings"])})
        case Asked.STOP_HABIT:
            return HabitStop(**data)


async def offer(work: UnitOfWork, actor: Actor, question: Question, now: datetime) -> int:
    """Store the question's options for the actor to pick from; the id for its buttons."""
    options = json.dumps([_plain(o) for o in question.options])
    async with work.transaction() as conn:
        await register(conn, actor, now)
        return await choices.offer(
            conn, actor.chat_id, actor.user_id, question.asked.value, options, now
        )


class PickProblem(StrEnum):
    """Why a press on a question's button does nothing."""

    NOT_YOURS = "not_yours"  # someone else was asked
    ANSWERED = "answered"  # picked already (or the question is gone)
    NO_SUCH_OPTION = "no_such_option"  # past the question's last button


@dataclass(frozen=True)
class Picked:
    """The option picked (None: neither), for the command it holds back."""

    asked: Asked
    option: Option | None


async def pick(
    work: UnitOfWork, chat_id: int, user_id: int, choice_id: int, index: int, now: datetime
) -> Picked | PickProblem:
    """The member's pick. The question is marked answered with the unit of work's next
    commit (what the pick does), so a second press, or anyone else's, picks nothing."""
    async with work.reading() as conn:
        found = await choices.get(conn, choice_id)
    if found is None or found.chat_id != chat_id or found.taken:
        return PickProblem.ANSWERED
    if found.user_id != user_id:
        return PickProblem.NOT_YOURS
    asked, options = Asked(found.asked), json.loads(found.options)
    if not 0 <= index <= len(options):
        return PickProblem.NO_SUCH_OPTION
    work.note_picked(choice_id, now)
    if index == len(options):  # the last button: neither
        return Picked(asked, None)
    return Picked(asked, _option(asked, options[index]))
