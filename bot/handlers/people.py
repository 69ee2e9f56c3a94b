"""Who a command is about: an @username argument, or the author of the replied-to message."""

from __future__ import annotations

from telegram import Message

from bot.domain.models import Member


def replied_member(message: Message) -> Member | None:
    """The person whose message this one replies to (not a bot). In a forum topic every
    message replies to the topic's first one unless it replies to another: that is no reply."""
    original = message.reply_to_message
    if original is None or original.from_user is None or original.from_user.is_bot:
        return None
    if original.forum_topic_created is not None:
        return None
    user = original.from_user
    return Member(user.id, user.first_name, user.username)


def username_arg(text: str) -> tuple[str | None, str]:
    """('alice', rest) for '@alice rest'; (None, text) when there is no @username first."""
    first, _, rest = text.strip().partition(" ")
    if first.startswith("@") and len(first) > 1:
        return first[1:], rest.strip()
    return None, text.strip()
