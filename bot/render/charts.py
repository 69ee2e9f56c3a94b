"""Pictures: the goals timeline and a goal's progress chart, drawn with matplotlib (Agg).

Figures are made with matplotlib's object API and its Agg canvas (no pyplot state, no GUI
backend), so they can be drawn in a worker thread off the event loop. Each picture has a caption with the same facts in words.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

from babel.dates import format_skeleton
from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.domain.languages import Lang
from bot.domain.numbers import is_money
from bot.domain.pace import PaceStatus, pace
from bot.domain.timeline import MarkerState, ProgressSeries, Timeline
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.reports import status_word
from bot.render.text import amount, day, esc, pace_word, with_unit

CAPTION_LIMIT = 1024
MARKS_IN_CAPTION = 12
WIDTH_IN, DPI = 10.0, 100
STATUS_STYLE = {  # colour and hatch: the status shows without colour too
    PaceStatus.ON_TRACK: ("#4caf50", ""),
    PaceStatus.BEHIND: ("#ff9800", "//"),
    PaceStatus.AT_RISK: ("#e53935", "xx"),
    PaceStatus.OVERDUE: ("#8e0000", "\\\\"),
    PaceStatus.UNMEASURED: ("#9e9e9e", ".."),
}
MARKER_STYLE: dict[
    MarkerState, dict[str, Any]
] = {  # shape tells the state: filled circle, hollow diamond, cross
    MarkerState.DONE: {"marker": "o", "markerfacecolor": "black", "markeredgecolor": "black"},
    MarkerState.UPCOMING: {"marker": "D", "markerfacecolor": "white", "markeredgecolor": "black"},
    MarkerState.OVERDUE: {"marker": "X", "markerfacecolor": "#8e0000", "markeredgecolor": "black"},
}
_NOT_DRAWABLE = re.compile(r"[^\u0000-\uffff]")  # emoji the bundled font lacks


def _plain(text: str, limit: int = 38) -> str:
    """Text as matplotlib should draw it: no emoji the font lacks, no '$' maths markup."""
    text = " ".join(_NOT_DRAWABLE.sub("", text).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


MARKER_WORDS = {
    MarkerState.DONE: N_("milestone done"),
    MarkerState.UPCOMING: N_("milestone upcoming"),
    MarkerState.OVERDUE: N_("milestone overdue"),
}
MARK_IN_CAPTION = {
    MarkerState.DONE: N_("{label} done {day}"),
    MarkerState.UPCOMING: N_("{label} upcoming {day}"),
    MarkerState.OVERDUE: N_("{label} overdue {day}"),
}


def legend(words: Words = ENGLISH) -> list[Any]:
    """The timeline's legend: each status's colour and hatch, each milestone shape, today."""
    return [
        *(
            Patch(
                facecolor=STATUS_STYLE[s][0],
                hatch=STATUS_STYLE[s][1],
                edgecolor="black",
                label=status_word(s, words),
            )
            for s in (
                PaceStatus.ON_TRACK,
                PaceStatus.BEHIND,
                PaceStatus.AT_RISK,
                PaceStatus.OVERDUE,
                PaceStatus.UNMEASURED,
            )
        ),
        *(
            Line2D(
                [],
                [],
                linestyle="none",
                markersize=8,
                label=words.gettext(MARKER_WORDS[state]),
                **MARKER_STYLE[state],
            )
            for state in MarkerState
        ),
        Line2D([], [], color="#1565c0", linestyle="--", label=words.gettext("today")),
    ]


LEGEND = legend()


def date_axis(axis: Any, words: Words = ENGLISH, with_year: bool = True) -> None:
    """Tick labels as the language writes a day and month ('30 Nov', '30. Nov.', '30 нояб.'),
    the year under them."""
    if words.lang is Lang.EN:
        axis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y" if with_year else "%d %b"))
        return
    locale = words.lang.babel

    def label(x: float, _: int | None = None) -> str:
        d = mdates.num2date(x).date()
        shown = format_skeleton("dMMM", d, locale=locale)
        return f"{shown}\n{d.year}" if with_year else shown

    axis.set_major_formatter(FuncFormatter(label))


ROW_IN, TOP_IN, BOTTOM_IN = 0.36, 0.55, 1.1  # fixed margins: quicker than a layout engine


def timeline_figure(timeline: Timeline, title: str, words: Words = ENGLISH) -> Figure:
    """A Gantt-style chart: a bar per goal, grouped by member, milestones, and a today line."""
    rows = timeline.rows
    height = max(2.8, TOP_IN + BOTTOM_IN + ROW_IN * max(len(rows), 2))
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    figure.subplots_adjust(left=0.3, right=0.98, top=1 - TOP_IN / height, bottom=BOTTOM_IN / height)
    ax = figure.add_subplot()
    ax.set_title(_plain(title, 80), loc="left", fontsize=12)
    if not rows:
        ax.text(
            0.5,
            0.5,
            words.gettext("No active goals"),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return figure
    starts = [mdates.date2num(r.start) for r in rows]
    widths = [max(mdates.date2num(r.end) - s, 0.8) for r, s in zip(rows, starts, strict=True)]
    styles = [STATUS_STYLE.get(r.status, ("#9e9e9e", "")) for r in rows]
    bars = ax.barh(range(len(rows)), widths, left=starts, height=0.55, edgecolor="black",
                   linewidth=0.6, color=[c for c, _ in styles])  # fmt: skip
    for bar, (_, hatch) in zip(bars.patches, styles, strict=True):
        bar.set_hatch(hatch)
        bar.set_gid("goal")
    for state in MarkerState:  # one line per state, every milestone of that state on it
        points = [(mdates.date2num(m.when), y) for y, r in enumerate(rows) for m in r.markers
                  if m.state is state]  # fmt: skip
        if points:
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, linestyle="none", markersize=8, gid=f"milestone_{state.value}",
                    **MARKER_STYLE[state])  # fmt: skip
    for y in range(1, len(rows)):  # a rule between members
        if rows[y].member.user_id != rows[y - 1].member.user_id:
            ax.axhline(y - 0.5, color="#bbbbbb", linewidth=0.8)
    ax.axvline(mdates.date2num(timeline.today), color="#1565c0", linestyle="--", linewidth=1.5,
               gid="today")  # fmt: skip
    labels = [
        f"{_plain(r.member.first_name, 12)} · #{r.goal_number} {_plain(r.title, 26)}" for r in rows
    ]
    first = min(min(r.start for r in rows), timeline.today) - timedelta(days=3)
    last = max(max(r.end for r in rows), timeline.today) + timedelta(days=3)
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last))  # today always in view
    ax.set_yticks(range(len(rows)), labels, fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    date_axis(ax.xaxis, words)
    ax.grid(axis="x", color="#eeeeee")
    figure.legend(handles=legend(words), loc="lower center", ncols=4, fontsize=8, frameon=False)
    return figure


def timeline_caption(timeline: Timeline, title: str, words: Words = ENGLISH) -> list[str]:
    """The timeline's facts in words: the caption first, then any overflow as messages."""
    today = timeline.today
    if not timeline.rows:
        return [words.gettext("🗓 {title}: no active goals. Set one: /goal", title=esc(title))]
    lines = [
        words.ngettext("🗓 {title}: {n} goal", "🗓 {title}: {n} goals", len(timeline.rows),
                       title=esc(title))
    ]  # fmt: skip
    if timeline.left_out:
        lines[0] += " " + words.ngettext(
            "({n} more not shown; see one person with /timeline @name)",
            "({n} more not shown; see one person with /timeline @name)",
            timeline.left_out,
        )
    for row in timeline.rows:
        parts = [
            f"#{row.goal_number} {esc(row.title)} ({esc(row.member.first_name)}): "
            f"{day(row.start, today, words)} → {day(row.end, today, words)}, {row.percent}%, "
            f"{status_word(row.status, words)}"
        ]
        marks = [
            words.gettext(MARK_IN_CAPTION[m.state], label=m.label, day=day(m.when, today, words))
            for m in row.markers
        ]
        if len(marks) > MARKS_IN_CAPTION:
            more = len(marks) - MARKS_IN_CAPTION
            marks = [*marks[:MARKS_IN_CAPTION], words.gettext("and {n} more", n=more)]
        if marks:
            parts.append(words.gettext("milestones {marks}", marks=", ".join(marks)))
        lines.append("; ".join(parts))
    return _caption_and_rest(lines)


def _caption_and_rest(lines: list[str]) -> list[str]:
    chunks = [""]
    for line in lines:
        limit = CAPTION_LIMIT if len(chunks) == 1 else 4000
        candidate = f"{chunks[-1]}\n{line}" if chunks[-1] else line
        if len(candidate) <= limit:
            chunks[-1] = candidate
        else:
            chunks.append(line)
    return chunks


def progress_figure(series: ProgressSeries, title: str, words: Words = ENGLISH) -> Figure:
    """Actual progress (steps) against the expected straight line, target and deadline marked."""
    figure = Figure(figsize=(WIDTH_IN, 5.0), dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    ax.set_title(_plain(title, 80), loc="left", fontsize=12)
    xs = [mdates.date2num(d) for d, _ in series.points]
    ys = [v for _, v in series.points]
    ax.step(xs, ys, where="post", color="#2e7d32", linewidth=2.2, label=words.gettext("progress"))
    ex = [mdates.date2num(d) for d, _ in series.expected]
    ax.plot(
        ex,
        [v for _, v in series.expected],
        color="#757575",
        linestyle="--",
        label=words.gettext("pace needed"),
        drawstyle="steps-post" if series.stepped else "default",
    )
    ax.axhline(
        series.target,
        color="#6a1b9a",
        linestyle=":",
        label=words.gettext(
            "target {amount}",
            amount=f"{words.number(series.target, series.target >= 10_000)} "
            f"{_plain(series.unit, 20)}",
        ),
    )
    ax.axvline(
        mdates.date2num(series.goal.deadline),
        color="#c62828",
        linestyle="-.",
        label=words.gettext("deadline"),
    )
    ax.axvline(
        mdates.date2num(series.today),
        color="#1565c0",
        linestyle="--",
        linewidth=1,
        label=words.gettext("today"),
    )
    if series.goal.baseline is None:  # counting up from 0
        ax.set_ylim(0, max(series.target, max(ys, default=0)) * 1.1 or 1)
    else:  # from a baseline, maybe down: frame the values, not 0
        low, high = min(series.target, *ys), max(series.target, *ys)
        margin = (high - low) * 0.1 or 1
        ax.set_ylim(low - margin, high + margin)
    ax.set_ylabel(_plain(series.unit or words.gettext("progress"), 30))
    if series.stepped:  # whole milestones only
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    date_axis(ax.xaxis, words)
    ax.grid(color="#eeeeee")
    ax.legend(loc="upper right" if series.goal.goes_down else "upper left", fontsize=8)
    return figure


def progress_caption(series: ProgressSeries, words: Words = ENGLISH) -> str:
    """The chart's facts in words, with the same pace as everywhere else."""
    goal, today = series.goal, series.today
    now_value = series.points[-1][1]
    p = pace(goal, today)
    start = 0.0 if series.stepped else goal.start_value
    expected = start + p.expected * (series.target - start)
    # Money to whole units: "$3,333 by today", not "3333.3".
    rounded = round(expected, 0 if is_money(series.unit) else 1)
    if series.stepped:  # "1 due by today": milestones
        by_today = words.gettext(
            "{amount} due by today", amount=with_unit(rounded, "", words=words)
        )
        now_text = (
            f"{with_unit(now_value, '', words=words)} / "
            f"{with_unit(series.target, series.unit, words=words)}"
        )
    else:
        by_today = words.gettext(
            "the straight line to the target says {amount} by today",
            amount=with_unit(rounded, series.unit, words=words),
        )
        now_text = amount(goal, now_value, words)
    status = words.gettext("achieved") if p.status is PaceStatus.DONE else pace_word(p, words)
    values = {
        "number": goal.number,
        "title": esc(goal.title),
        "name": esc(goal.owner.first_name),
        "now": now_text,
        "by_today": by_today,
        "status": status,
        "start": day(goal.start_day, today, words),
        "deadline": day(goal.deadline, today, words),
    }
    if status:
        return words.gettext(
            "📈 #{number} {title} ({name}): {now} now; {by_today} · {status}. "
            "Set {start}, due {deadline}.",
            **values,
        )
    return words.gettext(
        "📈 #{number} {title} ({name}): {now} now; {by_today}. Set {start}, due {deadline}.",
        **values,
    )
