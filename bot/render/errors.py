"""Refusals: what was wrong, and the command that works, with the user's numbers filled in.

`explain` dispatches on the error's type. Each feature's render module registers how its own
errors read, beside its other texts, in the chat's language:

    @explain.register
    def _goal_not_found(
        error: GoalNotFound, command: str, args: str = "", words: Words = ENGLISH
    ) -> str: ...

A renderer whose sentences are not translated yet may leave `words` out: it is then called
without it and answers in English.

bot/render/__init__.py imports every module that registers, so any use of `explain` knows them
all; an error with no renderer gets the generic reply below (a test makes sure none does).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TypeVar

from bot.domain.errors import UserError
from bot.render.i18n import ENGLISH, N_, Words

GENERIC = N_("That didn't work. Try /help for examples.")

Renderer = TypeVar("Renderer", bound=Callable[..., str])


def _generic(error: UserError, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(GENERIC)


@functools.cache
def _takes_words(renderer: Callable[..., str]) -> bool:
    return "words" in inspect.signature(renderer).parameters


class Explain:
    """The registry of refusals by error type, called like a function."""

    def __init__(self) -> None:
        self._renderers = functools.singledispatch(_generic)

    def register(self, renderer: Renderer) -> Renderer:
        """Register how an error type (the first parameter's annotation) reads."""
        self._renderers.register(renderer)
        return renderer

    def dispatch(self, cls: type) -> Callable[..., str]:
        """The renderer for an error type (the generic one when none is registered)."""
        return self._renderers.dispatch(cls)

    def __call__(
        self, error: UserError, command: str, args: str = "", words: Words = ENGLISH
    ) -> str:
        """A sentence on what was wrong and a working example, for `command` run with `args`,
        in the language of `words`."""
        renderer = self.dispatch(type(error))
        if _takes_words(renderer):
            return renderer(error, command, args, words=words)
        return renderer(error, command, args)


explain = Explain()
