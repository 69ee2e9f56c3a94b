"""Short replies several features share."""

from __future__ import annotations

STALE_BUTTON = "This button is out of date."
GOAL_GONE = "That goal no longer exists."
ANONYMOUS = (
    "I can't tell who you are when you post as the group. "
    "Switch to posting as yourself, then try again."
)
AS_CHANNEL = (
    "I can't tell who you are when you post as a channel. "
    "Switch to posting as yourself, then try again."
)
# At the top of a post sent once more because the first may not have arrived.
SENT_AGAIN = "↻ <i>Sent again, in case the first one did not arrive.</i>"
SORRY = "Sorry, something went wrong on my side. It's logged; please try again in a moment."
SLOW_DOWN_TOAST = "Slow down a little, please."
