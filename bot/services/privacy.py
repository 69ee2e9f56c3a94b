"""A member's own data: deleting all of it, or taking a copy."""

from __future__ import annotations

import json
from datetime import datetime

from bot.storage import privacy
from bot.storage.work import UnitOfWork


async def forget(work: UnitOfWork, user_id: int) -> None:
    """Delete everything stored about the member, in every chat, from the file too: the
    deleted pages are zeroed (secure_delete) and the WAL holding the old ones is emptied."""
    async with work.transaction() as conn:
        await privacy.forget_member(conn, user_id)
    await work.checkpoint()


async def export(work: UnitOfWork, user_id: int, now: datetime) -> bytes:
    """Everything stored about the member, as a JSON document."""
    async with work.reading() as conn:
        data = await privacy.export_member(conn, user_id)
    document = {"exported_at": now.isoformat(timespec="seconds"), **data}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
