"""Every refusal a user can get has its own words, registered beside its feature's texts."""

from __future__ import annotations

import subprocess
import sys

from bot.domain.errors import UsageProblem, UserError
from bot.render.commands import USAGE
from bot.render.errors import GENERIC, explain


def concrete_errors(base: type[UserError] = UserError) -> list[type[UserError]]:
    """The bot's errors that are raised: subclasses with no cases of their own below them."""
    found: list[type[UserError]] = []
    for sub in base.__subclasses__():
        if sub.__module__.startswith("bot."):  # not the stand-in some test defines
            found.extend(concrete_errors(sub) if sub.__subclasses__() else [sub])
    return found


def test_every_error_has_its_own_renderer() -> None:
    errors = concrete_errors()
    assert len(errors) > 25
    generic = explain.dispatch(UserError)
    missing = [cls.__name__ for cls in errors if explain.dispatch(cls) is generic]
    assert not missing, f"no renderer registered for {missing}"


def test_importing_the_registry_alone_finds_every_renderer() -> None:
    # A fresh interpreter that imports only bot.render.errors, as a handler does.
    script = (
        "from bot.render.errors import explain\n"
        "from bot.domain.errors import UserError\n"
        "def leaves(base):\n"
        "    for sub in base.__subclasses__():\n"
        "        yield from leaves(sub) if sub.__subclasses__() else [sub]\n"
        "generic = explain.dispatch(UserError)\n"
        "print(sorted(c.__name__ for c in leaves(UserError) if explain.dispatch(c) is generic))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_an_unknown_error_gets_the_generic_reply() -> None:
    class Unforeseen(UserError):
        pass

    assert explain(Unforeseen(), "goal") == GENERIC


def test_every_usage_problem_has_a_sentence() -> None:
    assert set(USAGE) == set(UsageProblem)
