"""Messages about a member's own data."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.render.i18n import ENGLISH, N_, Words

FORGET_QUESTION = N_(
    "Delete everything I store about you, in every chat? Your goals, milestones, progress, "
    "check-ins, reflections, journal, partners and mentor roles go, and can't come back.\n"
    "Want a copy first? Send me /export in a private chat."
)
NOT_YOURS = N_("Only the person who asked can answer this.")
KEPT = N_("Nothing was deleted.")
FORGOTTEN = N_("Done: everything I stored about you is deleted. You're welcome back any time.")
EXPORT_CAPTION = N_("Everything I store about you, as JSON. /forgetme deletes it.")
KEPT_TOAST = N_("Kept")
DELETED_TOAST = N_("Deleted")
EXPORT_FILENAME = "my-accountability-data.json"


def forget_keyboard(user_id: int, words: Words = ENGLISH) -> InlineKeyboardMarkup:
    """Confirm or cancel /forgetme."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    words.gettext("Delete everything"),
                    callback_data=callbacks.forget(user_id, True),
                ),
                InlineKeyboardButton(
                    words.gettext("Keep it"), callback_data=callbacks.forget(user_id, False)
                ),
            ]
        ]
    )
