"""What became of a send: the one answer to "did Telegram take it?"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from telegram import Message
from telegram.error import TelegramError


class Kind(StrEnum):
    """The four things a send can come to."""

    TAKEN = "taken"  # Telegram has the message
    NOT_TAKEN = "not_taken"  # certainly not there: sending again is safe
    AMBIGUOUS = "ambiguous"  # sent, but no answer: it may be there, so never send it again
    REFUSED = "refused"  # Telegram said no, and will say it again


class Reason(StrEnum):
    """Why a send came to its kind; each reason belongs to exactly one kind (see KIND_OF)."""

    SENT = "sent"
    # not taken
    RATE_LIMITED = "rate_limited"  # 429 with retry_after
    UNREACHABLE = "unreachable"  # no connection was made (refused, connect or pool timeout)
    # The connection broke while the request was being written (reset, write timeout): Telegram
    # never had the whole request, so it cannot have acted on it.
    NOT_SENT = "not_sent"
    GATEWAY = "gateway"  # 502/503 in Telegram's JSON: "Bad Gateway", "Service Unavailable"
    # A 502/503 in another shape: an HTML page, an empty body, a bare "Service Unavailable
    # (503)". The gateway could not reach Telegram, so nothing was taken.
    GATEWAY_PAGE = "gateway_page"
    # Telegram answered in its own JSON ({"ok": false, "error_code": 500, ...}) that it failed:
    # a 500, or any other status with no meaning of its own. It said no, so nothing was taken.
    SERVER_ERROR = "server_error"
    STOPPING = "stopping"  # the bot was stopping and did not wait for Telegram's limits
    # ambiguous
    TIMED_OUT = "timed_out"  # the request went out and no answer came in time
    CONNECTION_LOST = "connection_lost"  # the connection broke (reset, closed) before the answer
    UNCLEAR = "unclear"  # an answer we cannot read (a 500 page, a garbled body)
    # 504 in any shape: the gateway passed the request on and gave up waiting for the answer.
    GATEWAY_TIMEOUT = "gateway_timeout"
    # refused
    BLOCKED = "blocked"  # 403: the bot was blocked by the user or removed from the chat
    CHAT_NOT_FOUND = "chat_not_found"  # the chat is gone, or a private chat was never opened
    MIGRATED = "migrated"  # the group became a supergroup (migrate_to_chat_id)
    ALREADY_THERE = "already_there"  # migrated, and the supergroup already has it: not sent
    TOO_LONG = "too_long"  # still too long after splitting
    NOT_MODIFIED = "not_modified"  # an edit to the text the message already shows
    # A forum topic that cannot be posted in: closed by an admin (TOPIC_CLOSED), or deleted
    # or never there ("message thread not found"). General still can be.
    TOPIC_CLOSED = "topic_closed"
    TOPIC_GONE = "topic_gone"
    BAD_REQUEST = "bad_request"  # any other 400
    OTHER_REFUSAL = "other_refusal"  # 401/404 (token), 409 (conflict), an unknown endpoint


KIND_OF = {
    Reason.SENT: Kind.TAKEN,
    Reason.RATE_LIMITED: Kind.NOT_TAKEN,
    Reason.UNREACHABLE: Kind.NOT_TAKEN,
    Reason.NOT_SENT: Kind.NOT_TAKEN,
    Reason.SERVER_ERROR: Kind.NOT_TAKEN,
    Reason.GATEWAY: Kind.NOT_TAKEN,
    Reason.GATEWAY_PAGE: Kind.NOT_TAKEN,
    Reason.STOPPING: Kind.NOT_TAKEN,
    Reason.GATEWAY_TIMEOUT: Kind.AMBIGUOUS,
    Reason.TIMED_OUT: Kind.AMBIGUOUS,
    Reason.CONNECTION_LOST: Kind.AMBIGUOUS,
    Reason.UNCLEAR: Kind.AMBIGUOUS,
    Reason.BLOCKED: Kind.REFUSED,
    Reason.CHAT_NOT_FOUND: Kind.REFUSED,
    Reason.MIGRATED: Kind.REFUSED,
    Reason.ALREADY_THERE: Kind.REFUSED,
    Reason.TOO_LONG: Kind.REFUSED,
    Reason.NOT_MODIFIED: Kind.REFUSED,
    Reason.TOPIC_CLOSED: Kind.REFUSED,
    Reason.TOPIC_GONE: Kind.REFUSED,
    Reason.BAD_REQUEST: Kind.REFUSED,
    Reason.OTHER_REFUSAL: Kind.REFUSED,
}

# The refusals of a topic, not of its chat: the chat's General takes the message instead.
TOPIC_LOST = frozenset({Reason.TOPIC_CLOSED, Reason.TOPIC_GONE})


@dataclass(frozen=True)
class Outcome:
    """A send's outcome. For several parts sent in order: the outcome of the last part tried,
    with every message that went out before it (so `messages` and a failure can go together).
    """

    reason: Reason
    messages: tuple[Message, ...] = ()
    retry_after: timedelta | None = None
    migrate_to_chat_id: int | None = None
    # The error Telegram's library raised, for logs and for handlers that re-raise it.
    error: TelegramError | None = field(default=None, compare=False)

    @property
    def kind(self) -> Kind:
        """Taken, not taken, ambiguous or refused."""
        return KIND_OF[self.reason]

    @property
    def taken(self) -> bool:
        """Telegram has every part."""
        return self.reason is Reason.SENT

    @property
    def closed(self) -> bool:
        """Refused for good by this chat: blocked, removed, or the chat does not exist."""
        return self.reason in (Reason.BLOCKED, Reason.CHAT_NOT_FOUND)

    @property
    def topic_lost(self) -> bool:
        """Refused by the forum topic it was sent to (closed or deleted), not by the chat."""
        return self.reason in TOPIC_LOST

    @property
    def message_ids(self) -> tuple[int, ...]:
        """The ids of the messages that went out."""
        return tuple(m.message_id for m in self.messages)

    @property
    def first(self) -> Message | None:
        """The first message that went out, if any did."""
        return self.messages[0] if self.messages else None

    def then(self, more: Outcome) -> Outcome:
        """This outcome followed by another part's: the messages add up, the last one speaks."""
        return Outcome(
            more.reason,
            self.messages + more.messages,
            more.retry_after,
            more.migrate_to_chat_id,
            more.error,
        )

    def raise_unless_taken(self) -> None:
        """Raise Telegram's error again when a part was not taken (handlers let the error
        handler log it, as before)."""
        if self.taken:
            return
        if self.error is not None:
            raise self.error
        raise TelegramError(f"not delivered: {self.reason}")
