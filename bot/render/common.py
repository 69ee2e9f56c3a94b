"""Short replies several features share."""

from __future__ import annotations

from bot.render.i18n import N_

STALE_BUTTON = N_("This button is out of date.")
GOAL_GONE = N_("That goal no longer exists.")
ANONYMOUS = N_(
    "I can't tell who you are when you post as the group. "
    "Switch to posting as yourself, then try again."
)
AS_CHANNEL = N_(
    "I can't tell who you are when you post as a channel. "
    "Switch to posting as yourself, then try again."
)
# At the top of a post sent once more because the first may not have arrived.
SENT_AGAIN = N_("↻ <i>Sent again, in case the first one did not arrive.</i>")
SORRY = N_("Sorry, something went wrong on my side. It's logged; please try again in a moment.")
SLOW_DOWN_TOAST = N_("Slow down a little, please.")
