"""How long drawing the timeline takes: 40 goals with three milestones each.

    .venv/bin/python bench/render_timeline.py [--save PATH]

Prints the best and median of 10 renders (figure to PNG); --save writes the picture.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.timeline import build_timeline
from bot.render.charts import png, timeline_figure

PEOPLE = ["Alice", "Bob", "Carol", "Dmitri", "Eun-ji", "Farah", "Gabriel", "Hana"]
TITLES = ["Run a marathon", "Read 24 books", "Ship the beta", "Learn 500 Spanish words",
          "Swim 50 km", "Save 5,000 EUR", "Write 20 blog posts", "Meditate 100 days"]  # fmt: skip


def sample(count: int, today: date) -> list[Goal]:
    """A group's worth of goals in different states."""
    goals = []
    for n in range(count):
        owner = Member(n % len(PEOPLE) + 1, PEOPLE[n % len(PEOPLE)])
        made = datetime(2026, 9, 1, tzinfo=UTC) + timedelta(days=7 * (n % 9))
        deadline = date(2027, 3, 1) + timedelta(days=23 * (n % 11))
        milestones = tuple(
            Milestone(
                n * 10 + k, n, k, f"Step {k}", made.date() + timedelta(days=45 * k + n % 7), made,
                made + timedelta(days=45 * k) if k == 1 or (k == 2 and n % 3 == 0) else None,
            )
            for k in (1, 2, 3)
        )  # fmt: skip
        goals.append(
            Goal(
                n + 1,
                -1,
                n + 1,
                owner,
                TITLES[n % len(TITLES)],
                deadline,
                GoalStatus.ACTIVE,
                made,
                target=10.0,
                current=float((n * 3) % 11),
                milestones=milestones,
            )
        )
    return goals


def main() -> None:
    """Time 10 renders of a 40-goal timeline."""
    today = date(2027, 1, 20)
    count = 40 if "--save" not in sys.argv else 9
    timeline = build_timeline(sample(count, today), today, "UTC")
    timings = []
    picture = b""
    for _ in range(10):
        began = time.perf_counter()
        picture = png(timeline_figure(timeline, "Goals timeline · Runners Club"))
        timings.append(time.perf_counter() - began)
    if "--save" in sys.argv:
        with open(sys.argv[sys.argv.index("--save") + 1], "wb") as out:
            out.write(picture)
    print(
        f"{count} goals: best {min(timings) * 1000:.0f} ms, "
        f"median {statistics.median(timings) * 1000:.0f} ms, {len(picture) // 1024} KiB"
    )


if __name__ == "__main__":
    main()
