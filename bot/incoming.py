"""Updates as they come in, each read on its own: one that python-telegram-bot cannot read is
logged by its update_id and skipped, and every other update is handled.

python-telegram-bot reads a getUpdates answer in one go (Update.de_list). One update it cannot
read (a field of a shape it does not expect, e.g. a message whose "chat" is a string) fails
the whole batch; its Updater then keeps its offset and asks again at once, gets the same batch,
fails again: thousands of calls a second, no chat answered, and a stop that never finishes.
Here each update is read separately and one that cannot be read becomes a bare
Update(update_id), which no handler acts on but which moves the offset past it.
"""

from __future__ import annotations

import datetime as dtm
import logging
import traceback
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from telegram import Bot, Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import ExtBot

log = logging.getLogger(__name__)


def update_id_of(data: object) -> int | None:
    """The update's number, if it has a proper one."""
    if isinstance(data, dict):
        update_id = data.get("update_id")
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            return update_id
    return None


def parse_update(data: object, bot: Bot) -> Update | None:
    """The update, or None when python-telegram-bot cannot read it. That is logged with the
    update's id and where the library gave up, never with the update's content (nor the
    error's message, which can quote it)."""
    try:
        update = Update.de_json(data, bot)  # type: ignore[arg-type]  # checked by the caller
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{PurePath(frame.filename).name}:{frame.lineno}"
        log.warning(
            "update skipped: the Telegram library cannot read it",
            extra={"update_id": update_id_of(data), "error": type(exc).__name__, "at": where},
        )
        return None
    if update is None or not isinstance(update.update_id, int):
        return None
    return update


class TolerantBot(ExtBot[Any]):
    """python-telegram-bot's bot, with getUpdates read update by update."""

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,  # noqa: ASYNC109  # the Bot API's own parameter
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        # The request exactly as Bot.get_updates makes it (python-telegram-bot 22): the long
        # poll's wait is added to the read timeout.
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        if isinstance(read_timeout, DefaultValue):
            waited: float = self._request[0].read_timeout or 0
        else:
            waited = read_timeout or 0
        if isinstance(timeout, dtm.timedelta):
            waited += timeout.total_seconds()
        elif timeout:
            waited += timeout
        result: Any = await self._post(
            "getUpdates",
            data,
            read_timeout=waited,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates: list[Update] = []
        for raw in result or ():
            update = parse_update(raw, self)
            if update is None:
                update_id = update_id_of(raw)
                if update_id is None:
                    continue  # nothing to confirm it by; Telegram always numbers updates
                update = Update(update_id)
                update.set_bot(self)
            self.insert_callback_data(update)
            updates.append(update)
        return tuple(updates)
