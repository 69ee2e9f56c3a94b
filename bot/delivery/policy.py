"""What is done with a send that did not go through, kind by kind.

classify.py says what became of a send; this is what follows from it.

Not taken (Telegram certainly does not have it: no connection, a connection that broke while
the request was being written, a gateway's 502/503, a 429, Telegram's own JSON 5xx):
- every request: the rate limiter sends it again at once, a few times with a short backoff
  (and python-telegram-bot waits out a 429's retry_after);
- a reply to a command or a press: tried again with a longer backoff for up to
  REPLY_PATIENCE seconds, so the person gets the answer to a command that was applied;
- a scheduled post, reminder or digest: tried again on every tick (the scheduler's ticks are
  30 s apart) until it goes through or its catch-up grace window ends; then it is given up,
  recorded as failed and logged as an error.

Too long (Telegram counts the text after entity parsing, in UTF-16 code units, and may count
what we did not): the part is cut smaller and its pieces sent, up to RESPLITS times; never
dropped while it can still be cut.

Ambiguous (the request went out whole and no answer came: a timeout, a connection reset or
closed before the answer, a gateway's 504, an answer that cannot be read): it may be there, so
it is never sent again blindly. A person would rather see a message twice than miss it only
for the check-in prompt: the period's buttons for the whole group (without it nobody checks
in with a tap, streaks break and partners are told of misses that never were), and two
prompts of one period record the same check-ins. So:
- a check-in prompt is sent once more on the next tick, marked as sent again
  (render.common.SENT_AGAIN); if that one is ambiguous too, it is left at that;
- every other scheduled post (summaries, reviews), a reminder or digest, a partner notice,
  and a reply to a command are not sent again: the ledger records the post as 'unknown' (may
  have arrived) and the log says so. A reply's person is there to see whether it came, and a
  doubled confirmation in a group is seen by everyone.

What remains possible: a check-in prompt twice (the second marked) when the first did arrive,
and any other message missing when it did not. Only the ambiguous case gets there: a request
that went out whole and heard nothing back within SEND_TIMEOUT, or heard a 504. Over plain
TCP a proxy that resets the connection after accepting it, before reading the request, is in
that window too (the bot sees the same reset as after the proxy forwarded it); over TLS, as
with Telegram, such a reset comes in the handshake and is not taken.

Refused (blocked, chat gone, a bad request): not sent again; a chat that refused the bot is
no longer scheduled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.delivery.classify import StoppedWaiting, attempt
from bot.delivery.outcome import Kind, Outcome, Reason
from bot.domain.schedules import Kind as PostKind

log = logging.getLogger(__name__)

# How long a request to send waits for Telegram's answer, and to write the request (getUpdates
# has its own). python-telegram-bot's default is 5 s: a Telegram slow by several seconds
# would be counted as a failure, and an ambiguous one at that.
SEND_TIMEOUT = 30.0
# A reply not taken is tried again for this long (seconds), waiting FIRST_WAIT, then twice as
# long each time up to LONGEST_WAIT; the rate limiter's quick retries come on top of each.
REPLY_PATIENCE = 60.0
FIRST_WAIT = 2.0
LONGEST_WAIT = 15.0
# How many times a part Telegram found too long is cut smaller.
RESPLITS = 3
# The scheduled posts sent once more, marked, after an ambiguous send.
RESENT_WHEN_UNSURE = frozenset({PostKind.CHECKIN})


def resent_when_unsure(kind: PostKind) -> bool:
    """Is this kind of scheduled post sent once more (marked) when it may not have arrived?"""
    return kind in RESENT_WHEN_UNSURE


async def patiently(
    call: Callable[[], Awaitable[object]], what: str, stopping: asyncio.Event | None = None
) -> Outcome:
    """Make the call until Telegram takes it, says no, or may have it; while it certainly
    did not take it, again with a growing wait, for up to REPLY_PATIENCE seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + REPLY_PATIENCE
    wait = FIRST_WAIT
    tries = 1
    while True:
        outcome = await attempt(call())
        # The bot is stopping: nothing waits any more (see ratelimit.PatientRateLimiter.stop).
        if outcome.kind is not Kind.NOT_TAKEN or outcome.reason is Reason.STOPPING:
            if outcome.kind is Kind.AMBIGUOUS:
                log.warning(
                    "%s may have arrived (%s); not sent again", what, outcome.reason,
                    exc_info=outcome.error,
                )  # fmt: skip
            elif tries > 1 and outcome.taken:
                log.info("%s went through on try %d", what, tries)
            return outcome
        pause = max(wait, outcome.retry_after.total_seconds() if outcome.retry_after else 0)
        if loop.time() + pause > deadline:
            log.error(
                "%s not taken by Telegram in %d tries over %.0fs (%s); giving up",
                what, tries, REPLY_PATIENCE, outcome.reason,
            )  # fmt: skip
            return outcome
        log.warning(
            "%s not taken by Telegram (%s); trying again in %.1fs", what, outcome.reason, pause
        )
        if stopping is None:
            await asyncio.sleep(pause)
        else:
            try:  # a stop ends the wait: the reply is not sent, what the command did is kept
                await asyncio.wait_for(stopping.wait(), pause)
                return Outcome(Reason.STOPPING, error=StoppedWaiting(what))
            except TimeoutError:
                pass
        wait = min(wait * 2, LONGEST_WAIT)
        tries += 1
