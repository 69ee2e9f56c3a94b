"""/timeline, /chart, /report, /calendar, and /export of a group's data."""

from __future__ import annotations

import asyncio

from telegram import InputFile, Message, Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply, reply_document, reply_photo
from bot.domain import commands
from bot.domain.errors import IsAHabit, NotAdmin, Usage, UsageProblem
from bot.domain.languages import Lang
from bot.domain.report import parse_period
from bot.domain.timeline import Timeline
from bot.handlers.common import actor, args_text, command, is_admin, spoken
from bot.handlers.people import username_arg
from bot.render import reports as render
from bot.render.i18n import Words
from bot.services import reports as service
from bot.services.common import Actor


async def send_timeline(message: Message, timeline: Timeline, title: str, words: Words) -> None:
    """Draw off the event loop, send the picture with its facts as the caption."""
    from bot.render import charts  # matplotlib loads with the first picture, not at start-up

    picture = await asyncio.to_thread(
        lambda: charts.png(charts.timeline_figure(timeline, title, words))
    )
    caption, *rest = charts.timeline_caption(timeline, title, words)
    await reply_photo(message, InputFile(picture, filename="timeline.png"), caption)
    for text in rest:
        await reply(message, text)


@command("timeline")
async def timeline(update: Update, context: BotContext) -> None:
    """The chat's goals on a timeline (/timeline @name: one person's)."""
    assert update.message is not None
    username, rest = username_arg(args_text(update.message))
    if rest:
        raise Usage(UsageProblem.BAD_TIMELINE)
    view = await service.timeline(context.work, actor(update, context), context.now(), username)
    words = Words(view.chat.language)
    title = render.timeline_title(view.chat.title, words)
    await send_timeline(update.message, view.timeline, title, words)


@command("chart")
async def chart(update: Update, context: BotContext) -> None:
    """A goal's progress against the pace it needs, or a habit's last weeks: /chart <#>."""
    assert update.message is not None
    number = commands.parse_single_goal(args_text(update.message))
    who = actor(update, context)
    try:
        series = await service.progress(context.work, who, number, context.now())
    except IsAHabit:
        await habit_chart(update.message, context, who, number, await spoken(update, context))
        return
    title = render.chart_title(series.goal)
    words = Words(await spoken(update, context))
    from bot.render import charts  # matplotlib loads with the first picture, not at start-up

    picture = await asyncio.to_thread(
        lambda: charts.png(charts.progress_figure(series, title, words))
    )
    caption = charts.progress_caption(series, words)
    await reply_photo(update.message, InputFile(picture, filename="progress.png"), caption)


async def habit_chart(
    message: Message, context: BotContext, who: Actor, number: int, language: Lang
) -> None:
    """A habit's calendar heatmap of the last 12 weeks with its strength line."""
    view = await service.habit_chart(context.work, who, number, context.now())
    words = Words(language)
    from bot.render import habit_charts  # matplotlib loads with the first picture

    picture = await asyncio.to_thread(
        lambda: habit_charts.png(habit_charts.habit_figure(view, words))
    )
    caption = habit_charts.habit_caption(view, words)
    await reply_photo(message, InputFile(picture, filename="habit.png"), caption)


@command("report")
async def report(update: Update, context: BotContext) -> None:
    """The period report: /report [last] [week|month|quarter], with the timeline."""
    assert update.message is not None
    kind, whole = parse_period(args_text(update.message), await spoken(update, context))
    view = await service.report_for(
        context.work, actor(update, context), kind, context.now(), whole
    )
    words = Words(view.chat.language)
    await reply(update.message, render.report_text(view.chat.title, view.report, words))
    title = render.timeline_title(view.chat.title, words)
    await send_timeline(update.message, view.timeline, title, words)


@command("calendar")
async def calendar(update: Update, context: BotContext) -> None:
    """An .ics file of the chat's deadlines (/calendar mine: only yours)."""
    assert update.message is not None
    mine = commands.parse_mine(args_text(update.message), lang=await spoken(update, context))
    data = await service.calendar(context.work, actor(update, context), mine, context.now())
    title = None if mine else data.chat.title
    words = Words(data.chat.language)
    ics = render.calendar_file(
        data.goals, data.moves, title, context.bot.username, data.renames,
        data.habits, data.chat.timezone, data.habit_time, words,
    )  # fmt: skip
    caption = render.calendar_caption(data.habits, data.habit_time, words)
    await reply_document(update.message, InputFile(ics, filename="goals.ics"), caption)


async def export_group(update: Update, context: BotContext) -> None:
    """(Admins) the group's goals, progress, check-ins and habits as CSV files in a zip."""
    assert update.message is not None
    if not await is_admin(update, context):
        raise NotAdmin()
    tables = await service.chat_export(context.work, actor(update, context), context.now())
    words = Words(await spoken(update, context))
    await reply_document(
        update.message,
        InputFile(render.csv_zip(tables, words), filename="group-data.zip"),
        render.export_caption(words),
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the picture and report commands."""
    for name, callback in (("timeline", timeline), ("chart", chart), ("report", report),
                           ("calendar", calendar)):  # fmt: skip
        app.add_handler(CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE))
