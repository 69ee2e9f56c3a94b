"""Every user-facing string, keyboard and picture."""

# The modules that register how their errors read with errors.explain, imported with the
# package so that whoever renders a refusal finds every one (charts load lazily, register none).
from bot.render import (
    choices,
    commands,
    completion,
    goals,
    habits,
    milestones,
    people,
    reports,
    schedules,
)

__all__ = [
    "choices",
    "commands",
    "completion",
    "goals",
    "habits",
    "milestones",
    "people",
    "reports",
    "schedules",
]
