"""Messages about a member's own data."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks

FORGET_QUESTION = (
    "Delete everything I store about you, in every chat? Your goals, milestones, progress, "
    "check-ins, reflections, journal, partners and mentor roles go, and can't come back.\n"
    "Want a copy first? Send me /export in a private chat."
)
NOT_YOURS = "Only the person who asked can answer this."
KEPT = "Nothing was deleted."
FORGOTTEN = "Done: everything I stored about you is deleted. You're welcome back any time."
EXPORT_CAPTION = "Everything I store about you, as JSON. /forgetme deletes it."
KEPT_TOAST = "Kept"
DELETED_TOAST = "Deleted"
EXPORT_FILENAME = "my-accountability-data.json"


def forget_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """Confirm or cancel /forgetme."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Delete everything", callback_data=callbacks.forget(user_id, True)
                ),
                InlineKeyboardButton("Keep it", callback_data=callbacks.forget(user_id, False)),
            ]
        ]
    )
