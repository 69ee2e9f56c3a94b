"""The guided /goal, step by step, with its answers kept in the database across restarts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain import commands
from bot.domain.dates import local_today, parse_date
from bot.domain.drafts import GoalDraft, Kind, Step, is_skip, read_kind
from bot.domain.errors import DateTooSoon, ReadsTwoWays, Usage, UsageProblem
from bot.domain.frequencies import HabitSpec, find_amount, find_frequency
from bot.domain.languages import Lang
from bot.services.common import Actor, acting_zone, register
from bot.services.goals import resolve_goal_deadline
from bot.storage import chats, drafts, people
from bot.storage.work import UnitOfWork


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
                draft = titled(draft, commands.check_title(text), chat.language)
            case Step.KIND:
                kind = read_kind(text, chat.language)
                if kind is not None:
                    draft = chosen(draft, kind)
                else:  # "every day" answers both questions at once
                    typed = how_often(text, chat.language)
                    draft = replace(draft, step=Step.UNTIL, frequency_text=typed)
            case Step.HOW_OFTEN:
                typed = how_often(text, chat.language)
                draft = replace(draft, step=Step.UNTIL, frequency_text=typed)
            case Step.DEADLINE:
                zone = await acting_zone(conn, actor, chat)
                deadline = resolve_goal_deadline(text, now, zone, chat.language)
                draft = replace(draft, step=Step.TARGET, deadline=deadline.isoformat())
            case Step.TARGET:
                typed = text.strip()
                if is_skip(typed, chat.language):
                    draft = replace(draft, step=Step.WHY, target_text=None)
                else:
                    # Refused now, not at the end.
                    target = commands.parse_target(typed, lang=chat.language)
                    if target.ambiguous:  # asked now, while the member is at this question
                        values = tuple(t.value for t in target.readings)
                        raise ReadsTwoWays(typed, values, target.unit)
                    draft = replace(draft, step=Step.WHY, target_text=typed)
            case Step.WHY | Step.UNTIL:
                return draft  # the last answer creates the goal or habit: see take, habit
        await drafts.save(conn, actor.chat_id, actor.user_id, draft, now)
    return draft


async def take(
    work: UnitOfWork, actor: Actor, why: str | None, lang: Lang = Lang.EN
) -> commands.GoalSpec | None:
    """Close the draft and return the goal it describes (None: it was gone), its target read
    in the chat's language."""
    async with work.transaction() as conn:
        draft = await drafts.get(conn, actor.chat_id, actor.user_id)
        await drafts.drop(conn, actor.chat_id, actor.user_id)
    if draft is None:
        return None
    target = commands.parse_target(draft.target_text, lang=lang) if draft.target_text else None
    return replace(commands.goal_spec(draft.title, draft.deadline, target), why=why)


async def cancel(work: UnitOfWork, actor: Actor) -> bool:
    """Drop the actor's draft; False when there was none."""
    async with work.transaction() as conn:
        return await drafts.drop(conn, actor.chat_id, actor.user_id)


def titled(draft: GoalDraft, title: str, lang: Lang = Lang.EN) -> GoalDraft:
    """The title answered: a title that says how often is a habit already ("Meditate every
    day": only its end is left to ask); any other is asked "once, or repeating?"."""
    found = find_frequency(title, lang=lang)
    if found is None:
        return replace(draft, step=Step.KIND, title=title)
    amount = find_amount(found.rest, lang=lang)
    rest = amount.rest if amount is not None else found.rest
    return replace(draft, step=Step.UNTIL, title=commands.check_title(rest), frequency_text=title)


def chosen(draft: GoalDraft, kind: Kind) -> GoalDraft:
    """Once: the goal's questions follow. Repeating: how often."""
    if kind is Kind.ONCE:
        return replace(draft, step=Step.DEADLINE, frequency_text=None)
    return replace(draft, step=Step.HOW_OFTEN)


def how_often(text: str, lang: Lang = Lang.EN) -> str:
    """A how-often answer as typed, refused when it says no frequency (or a bad amount)."""
    typed = " ".join(text.split())
    found = find_frequency(typed, lang=lang)
    if found is None:
        raise Usage(UsageProblem.NO_FREQUENCY)
    # "at least 1,500 steps" is asked about now, not at the end.
    find_amount(found.rest, lang=lang)
    return typed


async def press(
    work: UnitOfWork, actor: Actor, draft: GoalDraft, answer: Kind | str, now: datetime
) -> GoalDraft | None:
    """A button pressed on the draft's question: a kind on "once, or repeating?", a frequency on
    "how often?". None when the draft is no longer at that question (an old message)."""
    if isinstance(answer, Kind) and draft.step is Step.KIND:
        draft = chosen(draft, answer)
    elif isinstance(answer, str) and draft.step is Step.HOW_OFTEN:
        # The buttons' frequencies are English words, read in every language.
        draft = replace(draft, step=Step.UNTIL, frequency_text=how_often(answer))
    else:
        return None
    async with work.transaction() as conn:
        await register(conn, actor, now)
        await drafts.save(conn, actor.chat_id, actor.user_id, draft, now)
    return draft


async def habit(
    work: UnitOfWork, actor: Actor, draft: GoalDraft, text: str, now: datetime
) -> tuple[HabitSpec, str | None]:
    """The habit a draft at its last question describes, with the end just answered (skip: none)
    and that end as typed. A bad end raises and keeps the draft where it was."""
    assert draft.frequency_text is not None
    typed = " ".join(text.split())
    # Read only: a transaction here would commit the update as handled before the habit is
    # made (in set_habit's own transaction).
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, actor.chat_id)
        own = await people.own_zone(conn, actor.user_id)
    lang = chat.language if chat is not None else Lang.EN
    until = None if is_skip(typed, lang) else typed
    if until is not None:
        tz = own or (chat.timezone if chat is not None else actor.default_timezone)
        today = local_today(now, tz)
        end = parse_date(until, now, tz, lang=lang)
        if end < today:
            raise DateTooSoon(end, today, today)
    found = find_frequency(draft.frequency_text, lang=lang)
    assert found is not None  # checked when it was answered
    amount = find_amount(found.rest, lang=lang)
    spec = HabitSpec(draft.title, found.frequency, amount.amount if amount else None, until)
    return spec, until
