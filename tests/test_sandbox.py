"""`python -m bot sandbox`, driven as a person would script it: lines in, replies out."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

SCRIPT = """\
/goal Run a marathon by 2027-04-30 target 42 km
/milestone 1 Half marathon by 2027-02-15
/milestone 1 Long run by 2027-03-15
/done 1.1
/as bob
/goal
Read 12 books
once
end of next year
12 books
skip
/abandon 2
/press 2
/time +8d
/press 1
/timeline
/chat private
/goals
"""


def sandbox(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", *args],
        input=script, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )  # fmt: skip


def test_a_scripted_sandbox_session(tmp_path: Path) -> None:
    result = sandbox(tmp_path, SCRIPT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Goal #1 for Alice: Run a marathon" in out
    assert '🎉 Alice completed milestone 1.1 "Half marathon"!' in out
    assert "Let's set a goal, Bob" in out and "Goal #2 for Bob: Read 12 books" in out
    assert "[1] Abandon #2  [2] Keep it" in out
    assert "(toast: Kept)" in out and "stays on. Keep going, Bob!" in out
    assert "📋 Check-in time, Demo group!" in out  # the clock moved past Monday 09:00
    assert "Checked in: Bob ✅" in out
    saved = [line for line in out.splitlines() if "[photo saved to " in line]
    assert len(saved) == 1
    picture = Path(saved[0].split("saved to ", 1)[1].rstrip("]"))
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert "Your goals everywhere" in out
    assert out.index("Alice> /done 1.1") < out.index("completed milestone 1.1")
    assert "Traceback" not in result.stderr
    assert "Resuming" not in out


def test_the_sandbox_keeps_its_data_with_db(tmp_path: Path) -> None:
    db = tmp_path / "try.sqlite3"
    first = sandbox(tmp_path, "/goal Swim 10 km by 2027-06-01 target 10 km\n", "--db", str(db))
    assert first.returncode == 0 and "Goal #1 for Alice" in first.stdout
    assert "👋 Hi Demo group!" in first.stdout
    second = sandbox(tmp_path, "/goals\n", "--db", str(db))
    assert "Swim 10 km" in second.stdout
    assert "Resuming" not in second.stdout  # its clock never went past now
    # The bot stayed in the group: it does not introduce itself a second time.
    assert "(the bot is still in Demo group, from last time)" in second.stdout
    assert "👋" not in second.stdout


def test_the_clock_resumes_where_the_data_left_off(tmp_path: Path) -> None:
    db = tmp_path / "try.sqlite3"
    script = "/goal Swim 10 km by 2027-06-01 target 10 km\n/time +5w\n/goals\n"
    first = sandbox(tmp_path, script, "--db", str(db))
    assert first.returncode == 0, first.stderr
    (shown,) = re.findall(r"\(the time is now (.+) UTC\)", first.stdout)
    then = datetime.strptime(shown, "%a %d %b %Y %H:%M").replace(tzinfo=UTC)
    second = sandbox(tmp_path, "/time +1m\n/goals\n", "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert f"Resuming at {shown} UTC, where that data left off." in second.stdout
    later = then + timedelta(minutes=1)
    assert f"(the time is now {later:%a %d %b %Y %H:%M} UTC)" in second.stdout
    # Five weeks on, the goal reads just as it did when the first session ended.
    goal = first.stdout.split("Alice> /goals\n", 1)[1]
    assert "behind pace" in goal and second.stdout.endswith(goal)


def test_a_time_move_at_the_end_of_a_session_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "try.sqlite3"
    first = sandbox(tmp_path, "/goals\n/time +3d\n", "--db", str(db))  # nothing after the move
    assert first.returncode == 0, first.stderr
    (shown,) = re.findall(r"\(the time is now (.+) UTC\)", first.stdout)
    second = sandbox(tmp_path, "/goals\n", "--db", str(db))
    assert f"Resuming at {shown} UTC, where that data left off." in second.stdout


def test_people_keep_their_goals_whatever_order_they_come_back_in(tmp_path: Path) -> None:
    db = tmp_path / "try.sqlite3"
    first = sandbox(
        tmp_path,
        "/goal Swim 10 km by 2027-06-01 target 10 km\n"
        "/as bob\n/goal Read 12 books by 2027-12-31 target 12 books\n"
        "/as carol\n/goal Learn Spanish by 2027-09-01 target 100 lessons\n",
        "--db", str(db),
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Goal #2 for Bob: Read 12 books" in first.stdout
    assert "Goal #3 for Carol: Learn Spanish" in first.stdout
    # Carol speaks first this time, then Alice, who asks Bob before he has said anything.
    second = sandbox(
        tmp_path,
        "/as carol\n/goals\n/as alice\n/goals\n/partner @bob\n/as bob\n/goals\n",
        "--db", str(db),
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    carol, alice, bob = second.stdout.split("> /goals\n")[1:]
    assert "Goals of Carol" in carol and "#3 Learn Spanish" in carol and "#2" not in carol
    assert "Goals of Alice" in alice and "#1 Swim 10 km" in alice and "#3" not in alice
    assert "🤝 Alice asks Bob to be accountability partners here." in alice
    assert "Goals of Bob" in bob and "#2 Read 12 books" in bob and "#3" not in bob
    assert "Traceback" not in second.stderr


def test_a_link_button_shows_where_it_leads(tmp_path: Path) -> None:
    result = sandbox(tmp_path, "/press 1\n/chat private\n/start hello\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "👋 Hi Demo group!" in out and "[1] Open a private chat" in out  # the bot was added
    assert "Alice> /press 1\n(opens https://t.me/goals_test_bot?start=hello)\n" in out
    assert "here: /chat private, then /start hello)" in out
    assert "👋 Hi Alice!" in out  # and that is where it leads
    assert "Traceback" not in result.stderr
