"""Refusals: what was wrong, and the command that works, with the user's numbers filled in.

`explain` dispatches on the error's type. Each feature's render module registers how its own
errors read, beside its other texts:

    @explain.register
    def _goal_not_found(error: GoalNotFound, command: str, args: str = "") -> str: ...

bot/render/__init__.py imports every module that registers, so any use of `explain` knows them
all; an error with no renderer gets the generic reply below (a test makes sure none does).
"""

from __future__ import annotations

import functools

from bot.domain.errors import UserError

GENERIC = "That didn't work. Try /help for examples."


@functools.singledispatch
def explain(error: UserError, command: str, args: str = "") -> str:
    """A sentence on what was wrong and a working example, for `command` run with `args`."""
    return GENERIC
