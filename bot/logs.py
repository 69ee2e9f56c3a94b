"""Log lines for operators: one line per event, as key=value or JSON; the token and the
webhook secret never shown."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else was passed with extra= and is a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def fields(record: logging.LogRecord) -> dict[str, Any]:
    """The record as ordered fields: time, level, logger, event, extras, error."""
    data: dict[str, Any] = {
        "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname,
        "logger": record.name,
        "event": record.getMessage(),
    }
    data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
    if record.exc_info:
        data["error"] = logging.Formatter().formatException(record.exc_info)
    return data


class HideSecretParameter(logging.Filter):
    """python-telegram-bot logs every request's parameters at DEBUG, and setWebhook's carry
    the webhook secret: this masks it in the record itself, before any handler sees it (put
    on its bot loggers by setup_logging)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):
            record.args = _masked(args)
        elif isinstance(args, tuple) and any(isinstance(a, dict) for a in args):
            record.args = tuple(_masked(a) if isinstance(a, dict) else a for a in args)
        return True


def _masked(params: Any) -> Any:
    if isinstance(params, dict) and "secret_token" in params:
        return {**params, "secret_token": "[secret]"}
    return params


class Redacting(logging.Formatter):
    """Base: the formatted line never contains the bot token, nor the webhook secret."""

    def __init__(self, token: str, secret: str = "") -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.token, self.secret = token, secret

    def format(self, record: logging.LogRecord) -> str:
        line = self.render(record)
        if self.token:
            line = line.replace(self.token, "[token]")
        if self.secret:
            line = line.replace(self.secret, "[secret]")
        return line

    def render(self, record: logging.LogRecord) -> str:
        """Plain text (LOG_FORMAT=text)."""
        return super().format(record)


class KeyValue(Redacting):
    """LOG_FORMAT=kv: key=value pairs, values with spaces quoted."""

    def render(self, record: logging.LogRecord) -> str:
        parts = []
        for key, value in fields(record).items():
            text = str(value)
            if not text or any(c in text for c in ' "=\n'):
                text = json.dumps(text, ensure_ascii=False)
            parts.append(f"{key}={text}")
        return " ".join(parts)


class Json(Redacting):
    """LOG_FORMAT=json: one JSON object per line."""

    def render(self, record: logging.LogRecord) -> str:
        return json.dumps(fields(record), ensure_ascii=False, default=str)


FORMATS = {"text": Redacting, "kv": KeyValue, "json": Json}
