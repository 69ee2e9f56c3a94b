"""The webhook: Telegram posts each update here, and the bot handles it before answering.

Nothing is read before the request has shown the secret (X-Telegram-Bot-Api-Secret-Token,
else 403) and declared a size within MAX_BODY (else 413); a body sent without a declared size
(chunked) is cut off past the same size. What is read must be a JSON object numbered as an
update (else 400). One that python-telegram-bot cannot read is logged by its update_id and
answered 200, so that Telegram does not send it again and again; every other update is handled
inside the request, through the same per-chat processor as polling, and answered once handled:
Telegram waits for the answer before counting the update delivered, so an update the bot is
stopped in the middle of is sent again (and handled once, bot/handlers/audit.py). A command's
own errors are the error handler's (an apology in the chat) and still answer 200; only a
failure outside any handler answers 500, so that Telegram retries.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_urldispatcher import _default_expect_handler
from telegram.ext import Application

from bot.app import begin_stop
from bot.config import Config, ConfigError
from bot.incoming import parse_update, update_id_of

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # bytes; Telegram's updates are a few kilobytes
# Requests in flight at a stop get this long to finish: past the stop's cut-off for requests
# to Telegram (app.STOP_CUT_OFF, 8 s) by a second, inside Docker's default 10 s.
STOP_WAIT = 9.0  # seconds


class _MalformedHttpAtDebug(logging.Filter):
    """aiohttp logs a malformed request (anyone can send one) as an ERROR with a traceback:
    here it becomes one DEBUG line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError | ConnectionError):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            record.msg = f"{record.msg} (malformed or cut off: {type(error).__name__})"
            record.exc_info = record.exc_text = None
            return _http_log.isEnabledFor(logging.DEBUG)
        return True


_http_log = logging.getLogger("bot.webhook.http")  # the server's own lines
_http_log.addFilter(_MalformedHttpAtDebug())


class Webhook:
    """An aiohttp server on one path that hands each update to the Application."""

    def __init__(self, app: Application, path: str, secret: str) -> None:  # type: ignore[type-arg]
        if not secret:
            raise ValueError("a webhook needs a secret")
        self._app = app
        self._path = "/" + path.lstrip("/")
        self._secret = secret.encode()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def web_app(self) -> web.Application:
        """The aiohttp application: POST on the path, anything else 404 or 405."""
        web_app = web.Application(client_max_size=MAX_BODY)
        web_app.router.add_post(self._path, self._receive, expect_handler=self._expect)
        return web_app

    async def start(self, host: str, port: int) -> None:
        """Listen on host:port (0 picks a free port, then in self.port)."""
        # lingering_time=0: a refused request's unread body is not read (and thrown away)
        # afterwards either; the connection is closed.
        self._runner = web.AppRunner(
            self.web_app(),
            access_log=None,
            lingering_time=0,
            shutdown_timeout=STOP_WAIT,
            logger=_http_log,
        )
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as exc:
            await self._runner.cleanup()
            reason = exc.strerror or str(exc)
            raise ConfigError(f"cannot listen on {host}:{port} for the webhook: {reason}") from None
        except BaseException:
            await self._runner.cleanup()
            raise
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Stop listening, let requests in flight finish (up to STOP_WAIT), close."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _refusal(self, request: web.BaseRequest) -> web.Response | None:
        """403 without the secret, 413 for a declared size over MAX_BODY: from the headers."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self._secret):
            log.debug("webhook request refused: no secret", extra={"status": 403})
            return web.Response(status=403)
        if (request.content_length or 0) > MAX_BODY:
            log.debug("webhook request refused: too large", extra={"status": 413})
            return web.Response(status=413)
        return None

    async def _expect(self, request: web.Request) -> web.StreamResponse | None:
        """A client that asks before sending its body (Expect: 100-continue) is refused
        then, without being told to go on."""
        refused = self._refusal(request)
        if refused is None:
            await _default_expect_handler(request)  # "100 Continue"
        return refused

    async def _receive(self, request: web.Request) -> web.Response:
        refused = self._refusal(request)
        if refused is not None:
            return refused
        try:
            body = await request.read()  # raises past client_max_size, chunked or not
        except web.HTTPRequestEntityTooLarge:
            log.debug("webhook request refused: too large", extra={"status": 413})
            return web.Response(status=413)
        except (ConnectionError, HttpProcessingError):  # cut off, or broken chunks
            log.debug("webhook request refused: body cut off or malformed", extra={"status": 400})
            return web.Response(status=400)
        try:
            data: Any = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested past the stack
            data = None
        update_id = update_id_of(data)
        if update_id is None:
            log.debug("webhook request refused: not an update", extra={"status": 400})
            return web.Response(status=400)
        update = parse_update(data, self._app.bot)
        if update is None:
            return web.Response()  # logged by parse_update; answered, so never sent again
        try:
            processor = self._app.update_processor
            await processor.process_update(update, self._app.process_update(update))
        except Exception:
            log.exception(
                "update failed outside its handlers; Telegram will send it again",
                extra={"update_id": update_id},
            )
            return web.Response(status=500)
        return web.Response()


async def serve(
    app: Application,  # type: ignore[type-arg]
    config: Config,
    allowed_updates: Sequence[str],
    stop_signals: Sequence[signal.Signals] = (signal.SIGINT, signal.SIGTERM),
) -> None:
    """Run the bot on its webhook until one of stop_signals: start the Application, listen,
    tell Telegram where (with the secret, keeping pending updates); at the signal stop
    listening, let updates in flight finish, stop the Application. The webhook stays set:
    Telegram keeps the updates that arrive meanwhile for the next start."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in stop_signals:
        # No new updates are started, every wait on Telegram is bounded, then the server stops.
        loop.add_signal_handler(sig, begin_stop, app, stopping.set)
    # A database file deleted or replaced under the bot stops it the same graceful way
    # (Application.stop_running works only for python-telegram-bot's own run_* loops).
    app.bot_data.db.on_gone = stopping.set
    receiver = Webhook(app, config.webhook_path, config.webhook_secret)
    try:
        await app.initialize()  # asks Telegram who the bot is: a rejected token stops here
        try:
            if app.post_init:
                await app.post_init(app)
            await app.start()
            try:
                await receiver.start(config.webhook_listen, config.webhook_port)
                try:
                    await app.bot.set_webhook(
                        config.webhook_url,
                        secret_token=config.webhook_secret,
                        allowed_updates=allowed_updates,
                        drop_pending_updates=False,
                    )
                    log.info("webhook set; listening", extra={"port": receiver.port})
                    await stopping.wait()
                    log.info("stopping: updates in flight finish first")
                finally:
                    await receiver.stop()
            finally:
                if app.running:
                    await app.stop()
                    if app.post_stop:
                        await app.post_stop(app)
        finally:
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)
    finally:
        for sig in stop_signals:
            loop.remove_signal_handler(sig)
