"""Run every benchmark and write docs/PERFORMANCE.md's results table.

    .venv/bin/python bench/run_all.py [--groups 10000]

Takes a few minutes at full size (the fan-out seeds 10,000 groups). The hand-written parts of
docs/PERFORMANCE.md (before/after, what is left) are kept; only the results section is replaced.
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parent / "docs" / "PERFORMANCE.md"
sys.path.insert(0, str(HERE))

import fanout  # noqa: E402
import throughput  # noqa: E402


def run_script(name: str, *args: str) -> str:
    """Run a benchmark script and return its last line."""
    result = subprocess.run(
        [sys.executable, str(HERE / name), *args], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    """Measure, print the table, and put it in docs/PERFORMANCE.md."""
    groups = int(sys.argv[sys.argv.index("--groups") + 1]) if "--groups" in sys.argv else 10_000
    tick = run_script("scheduler_tick.py", "5000")
    render = run_script("render_timeline.py")
    rows = [
        f"| scheduler tick, 5000 chats (25,000 schedules), nothing due | {tick} | | |",
        f"| timeline, 40 goals with 3 milestones each, to PNG | {render} | | under 1 s |",
        *asyncio.run(throughput.main(20, 20)),
        *asyncio.run(fanout.main(groups)),
    ]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform(terse=True)}"
    )
    table = "\n".join(
        [
            f"## Results ({datetime.now(UTC):%Y-%m-%d}, {machine})",
            "",
            "| what | measured | ratio | target |",
            "| --- | --- | --- | --- |",
            *rows,
        ]
    )
    print(table)
    text = DOC.read_text()
    text = re.sub(r"## Results .*?(?=\n## )", table + "\n", text, count=1, flags=re.S)
    DOC.write_text(text)


if __name__ == "__main__":
    main()
