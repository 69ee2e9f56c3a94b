"""Messages about a member's own data."""

from __future__ import annotations

FORGET_QUESTION = (
    "Delete everything I store about you, in every chat? Your goals, milestones, progress, "
    "check-ins, reflections, journal, partners and mentor roles go, and can't come back.\n"
    "Want a copy first? /export"
)
NOT_YOURS = "Only the person who asked can answer this."
KEPT = "Nothing was deleted."
FORGOTTEN = "Done: everything I stored about you is deleted. You're welcome back any time."
EXPORT_CAPTION = "Everything I store about you, as JSON. /forgetme deletes it."
