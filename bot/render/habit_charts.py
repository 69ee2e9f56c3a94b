"""A habit's picture: a calendar heatmap of its last weeks, one square per day, and its
strength line under it; the caption carries the same facts in words.

Drawn like the other pictures (render/charts.py): matplotlib's object API on the Agg canvas,
so it can be drawn in a worker thread. Each kind of day is one line of markers whose gid is
`day_<mark>`, the strength line's is `strength`, so tests can read what was drawn.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from bot.domain.habit_history import DayCell, DayMark, HabitCalendar
from bot.domain.habits import Per
from bot.render.charts import DPI, WIDTH_IN, _plain, date_axis, png
from bot.render.habits import periods, rule_text
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import day, esc

__all__ = ["habit_caption", "habit_figure", "png"]

SQUARE_PT = 15.0
# Shape tells the kind of day as well as colour: squares for days done (darker the more was
# done) and days that asked nothing yet, a cross for a miss, a circle for a break, a dash for
# a day off, a dot for a day outside the habit's run.
DAY_STYLE: dict[DayMark, dict[str, Any]] = {
    DayMark.DONE: {"marker": "s", "markerfacecolor": "#2e7d32", "markeredgecolor": "#1b5e20"},
    DayMark.PART: {"marker": "s", "markerfacecolor": "#a5d6a7", "markeredgecolor": "#2e7d32"},
    DayMark.MISSED: {"marker": "X", "markerfacecolor": "#c62828", "markeredgecolor": "#8e0000"},
    DayMark.REST: {"marker": "s", "markerfacecolor": "white", "markeredgecolor": "#bdbdbd"},
    DayMark.OPEN: {"marker": "s", "markerfacecolor": "white", "markeredgecolor": "#1565c0"},
    DayMark.BREAK: {"marker": "o", "markerfacecolor": "#42a5f5", "markeredgecolor": "#0d47a1"},
    DayMark.OFF: {"marker": "_", "markerfacecolor": "#9e9e9e", "markeredgecolor": "#9e9e9e"},
    DayMark.OUTSIDE: {"marker": ".", "markerfacecolor": "#cccccc", "markeredgecolor": "#cccccc"},
}
DAY_LABEL = {
    DayMark.DONE: N_("done"),
    DayMark.PART: N_("done in part"),
    DayMark.MISSED: N_("missed"),
    DayMark.REST: N_("no entry, none needed"),
    DayMark.OPEN: N_("today, still open"),
    DayMark.BREAK: N_("on a break"),
    DayMark.OFF: N_("day off"),
    DayMark.OUTSIDE: N_("not running"),
}
# Days done in part: a lighter green the less of the day's count was done.
PART_SHADES = ((1 / 3, "#e8f5e9"), (2 / 3, "#c8e6c9"), (1.0, "#81c784"))
_SIZE = {DayMark.DONE: 1.0, DayMark.PART: 1.0, DayMark.REST: 1.0, DayMark.OPEN: 1.0,
         DayMark.OUTSIDE: 0.5}  # fmt: skip


def chart_title(view: HabitCalendar, words: Words = ENGLISH) -> str:
    """The picture's heading."""
    habit = view.habit
    return words.ngettext(
        "#{number} {title} ({name}) · last {n} week",
        "#{number} {title} ({name}) · last {n} weeks",
        len(view.cells) // 7,
        number=habit.number,
        title=habit.title,
        name=habit.owner.first_name,
    )


def _column(cell: DayCell) -> float:
    """Where a day's week is on the x axis: the middle of its Monday-to-Sunday span."""
    monday = cell.day - timedelta(days=cell.day.weekday())
    return float(mdates.date2num(monday)) + 3.0


def _draw_days(
    ax: Any, cells: tuple[DayCell, ...], mark: DayMark, color: str | None = None
) -> None:
    if not cells:
        return
    style = dict(DAY_STYLE[mark])
    if color is not None:
        style["markerfacecolor"] = color
    ax.plot(
        [_column(c) for c in cells],
        [c.day.weekday() for c in cells],
        linestyle="none",
        markersize=SQUARE_PT * _SIZE.get(mark, 0.8),
        markeredgewidth=1.5 if mark in (DayMark.OFF, DayMark.OPEN) else 0.8,
        gid=f"day_{mark.value}",
        **style,
    )


def habit_figure(view: HabitCalendar, words: Words = ENGLISH) -> Figure:
    """The heatmap (weeks across, Monday to Sunday down) above the strength line."""
    figure = Figure(figsize=(WIDTH_IN, 5.6), dpi=DPI, layout="constrained")
    grid, line = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    grid.set_title(_plain(chart_title(view, words), 80), loc="left", fontsize=12)
    for mark in DayMark:
        cells = tuple(c for c in view.cells if c.mark is mark)
        if mark is DayMark.PART:
            low = 0.0
            for high, color in PART_SHADES:
                _draw_days(grid, tuple(c for c in cells if low < c.share <= high), mark, color)
                low = high
        elif mark is not DayMark.AHEAD:
            _draw_days(grid, cells, mark)
    first = float(mdates.date2num(view.first))
    grid.set_xlim(first - 0.5, first + len(view.cells) - 0.5)
    grid.set_ylim(6.6, -0.6)
    grid.set_yticks(range(7), [words.weekday(d) for d in range(7)], fontsize=9)
    grid.tick_params(axis="x", length=0)
    for side in ("top", "right", "bottom", "left"):
        grid.spines[side].set_visible(False)
    shown = [m for m in DAY_STYLE if view.count(m)]
    grid.legend(
        handles=[
            Line2D(
                [],
                [],
                linestyle="none",
                markersize=9,
                label=words.gettext(DAY_LABEL[m]),
                **DAY_STYLE[m],
            )
            for m in shown
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    if view.strength:
        line.plot(
            [float(mdates.date2num(d)) for d, _ in view.strength],
            [100 * s for _, s in view.strength],
            color="#6a1b9a",
            linewidth=2,
            gid="strength",
            label=words.gettext("strength"),
        )
    line.axvline(float(mdates.date2num(view.today)), color="#1565c0", linestyle="--",
                 linewidth=1, gid="today")  # fmt: skip
    line.set_ylim(0, 100)
    line.set_ylabel(words.gettext("strength %"))
    line.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    date_axis(line.xaxis, words, with_year=False)
    line.grid(color="#eeeeee")
    return figure


def _outside(view: HabitCalendar) -> tuple[int, int]:
    """Days in view before the habit began, and after it ended."""
    starts = view.habit.rules.starts
    outside = [c.day for c in view.cells if c.mark is DayMark.OUTSIDE]
    before = sum(1 for d in outside if d < starts)
    return before, len(outside) - before


def _facts(view: HabitCalendar, words: Words) -> list[str]:
    """'12 days done', '2 days missed', … for each kind of day there was."""
    before, after = _outside(view)
    counts = [
        (n := view.count(DayMark.DONE), words.ngettext("{n} day done", "{n} days done", n)),
        (
            n := view.count(DayMark.PART),
            words.ngettext("{n} day done in part", "{n} days done in part", n),
        ),
        (n := view.count(DayMark.MISSED), words.ngettext("{n} day missed", "{n} days missed", n)),
        (
            n := view.count(DayMark.BREAK),
            words.ngettext("{n} day on a break", "{n} days on a break", n),
        ),
        (n := view.count(DayMark.OFF), words.ngettext("{n} day off", "{n} days off", n)),
        (before, words.ngettext("{n} day before it began", "{n} days before it began", before)),
        (after, words.ngettext("{n} day after it ended", "{n} days after it ended", after)),
    ]
    return [text for n, text in counts if n]


def _met(view: HabitCalendar, per: Per, words: Words) -> str:
    met, counted = view.periods_met, view.periods_counted
    if per is Per.DAY:
        return words.ngettext("Met {met} of {n} day counted.", "Met {met} of {n} days counted.",
                              counted, met=met)  # fmt: skip
    if per is Per.WEEK:
        return words.ngettext("Met {met} of {n} week counted.", "Met {met} of {n} weeks counted.",
                              counted, met=met)  # fmt: skip
    return words.ngettext("Met {met} of {n} month counted.", "Met {met} of {n} months counted.",
                          counted, met=met)  # fmt: skip


def habit_caption(view: HabitCalendar, words: Words = ENGLISH) -> str:
    """The picture's facts in words: what each day was, the periods met, strength, streak."""
    habit, today = view.habit, view.today
    values = {
        "number": habit.number,
        "title": esc(habit.title),
        "name": esc(habit.owner.first_name),
        "rule": rule_text(habit, words),
        "day": day(view.first, today, words),
    }
    weeks = len(view.cells) // 7
    if not habit.is_active and habit.rules.until is not None:
        head = words.ngettext(
            "🔁 #{number} {title} ({name}) — {rule}: the last {n} week, from {day}; "
            "it ran until {until}.",
            "🔁 #{number} {title} ({name}) — {rule}: the last {n} weeks, from {day}; "
            "it ran until {until}.",
            weeks,
            until=day(habit.rules.until, today, words),
            **values,
        )
    else:
        head = words.ngettext(
            "🔁 #{number} {title} ({name}) — {rule}: the last {n} week, from {day}.",
            "🔁 #{number} {title} ({name}) — {rule}: the last {n} weeks, from {day}.",
            weeks,
            **values,
        )
    lines = [head]
    facts = ", ".join(_facts(view, words))
    lines.append(
        facts[:1].upper() + facts[1:] + "." if facts
        else words.gettext("Nothing logged in these weeks.")
    )  # fmt: skip
    per = habit.rules.frequency.per
    if view.periods_counted:
        lines.append(_met(view, per, words))
    lines.append(
        words.gettext(
            "{strength} · streak 🔥 {current}, best {best}.",
            strength=_strength_words(view, words),
            current=periods(view.streak.current, per, words),
            best=periods(view.streak.best, per, words),
        )
    )
    return "\n".join(lines)


def _strength_words(view: HabitCalendar, words: Words = ENGLISH) -> str:
    """'Strength 42% (from 12% at the start of these weeks)'; 'Strength 42% (began …)'."""
    if not view.strength:
        return words.gettext("Strength 0%")
    start_day, start = view.strength[0]
    now = round(100 * view.strength[-1][1])
    if start_day == view.habit.rules.starts:
        return words.gettext(
            "Strength {now}% (from 0% when it began, {day})",
            now=now,
            day=day(view.habit.rules.starts, view.today, words),
        )
    return words.gettext(
        "Strength {now}% (from {start} on {day})",  # {start} is '12%' already: no '% o'
        now=now,
        start=words.gettext("{n}%", n=round(100 * start)),
        day=day(start_day, view.today, words),
    )
