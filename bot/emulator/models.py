"""What the emulated Telegram is made of: people, chats, messages, files, API errors."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


def _int(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


class ApiError(Exception):
    """A Bot API error reply."""

    def __init__(
        self,
        code: int,
        description: str,
        retry_after: int | None = None,
        migrate_to: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to = migrate_to

    def to_api(self) -> dict[str, Any]:
        """The error reply body."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        if self.migrate_to is not None:
            body["parameters"] = {"migrate_to_chat_id": self.migrate_to}
        return body


@dataclass(frozen=True)
class User:
    """A Telegram user the test acts as."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None  # the language the user's client is set to (IETF tag)

    def to_api(self) -> dict[str, Any]:
        """The Bot API User object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.last_name:
            data["last_name"] = self.last_name
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class Chat:
    """A group, supergroup or private chat."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    is_forum: bool = False  # a supergroup with topics

    def to_api(self) -> dict[str, Any]:
        """The Bot API Chat object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.first_name:
            data["first_name"] = self.first_name
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class Topic:
    """A forum topic: its thread id is the id of the service message that created it."""

    chat: Chat
    thread_id: int
    name: str
    created: SentMessage
    closed: bool = False
    deleted: bool = False


@dataclass
class SentMessage:
    """A message in a chat, from a person or from the bot."""

    chat: Chat
    message_id: int
    text: str
    sender: User | None  # None: the bot
    html: str = ""
    reply_markup: dict[str, Any] | None = None
    reply_to: SentMessage | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    edits: int = 0
    as_group: bool = False  # an anonymous admin posting as the group
    as_channel: Chat | None = None  # a member posting on behalf of a channel
    file: UploadedFile | None = None  # a document or photo the bot sent
    service: dict[str, Any] | None = None  # a service message's fields (e.g. migrate_to_chat_id)
    topic: Topic | None = None  # the forum topic it was sent in (None: General, or no forum)

    @property
    def from_bot(self) -> bool:
        """True for the bot's own messages."""
        return self.sender is None

    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot sent (a document or a photo)."""

    filename: str
    data: bytes
    content_type: str
    kind: str = "document"  # or "photo"


@dataclass(frozen=True)
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]
    at: float
