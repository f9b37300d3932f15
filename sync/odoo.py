"""The :class:`~sync.gateway.Gateway` on a real Odoo, through odoorpc (the only importer of it).

Decisions:

- Calls go straight to ``execute_kw``. odoorpc's ``env[model]`` layer would first send
  ``fields_get`` and other metadata calls, so it is not used.
- Every HTTP request odoorpc sends goes through one urllib opener that this module builds and
  passes to ``odoorpc.ODOO(opener=...)``. Its first handler counts each request (``rpc_calls``),
  so nothing is missed. That covers the version probe odoorpc sends from its constructor, the
  login and ``context_get`` calls, failed attempts and redirects. The same handler adds the
  url's path prefix (``https://host/odoo``). odoorpc itself only knows ``scheme://host:port``.
- Threads: an odoorpc client is not shared between threads. `OdooRpcGateway.fork` makes a
  gateway with a client, opener and session of its own (one more login); the forks share the
  request counter, whose count is taken under a lock.
- TLS: the opener's HTTPS handler uses ``ssl.create_default_context()``, so certificate and
  host name are checked against the system CAs (``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` may name a
  private CA). This does not rely on urllib's default, which some distributions turn off with
  ``PYTHONHTTPSVERIFY=0``. Checks are off only when ``tls_verify: false``, and a warning says so.
  A certificate that does not verify is never retried.
- Secrets: ``ODOO.save()`` is never called, because it writes the password to disk. odoorpc
  logs each request body at DEBUG, and ``execute_kw`` carries the password in it, so its
  request log is held above DEBUG and filtered. http.client's wire debug is set to 0. Messages
  built from foreign text go through `OdooRpcGateway._scrub`. Exceptions are raised
  ``from None``, so they carry no chained cause that might hold a secret.
- Retries: only idempotent calls exist here (``load`` with external ids, ``search_read``), so
  a call that timed out is repeated as it was, even if Odoo may have committed it. There are
  ``retries.attempts`` tries in all, and the wait (``retries.backoff_seconds``) doubles after
  each one. When they are spent: `UnreachableError` if the gateway never connected, or if the
  server refused connections or could not be found. `TransientError` for timeouts, resets and
  HTTP 502/503/504. A refused login is `UnreachableError` at once, and an Odoo error is
  `GatewayError` with Odoo's message at once.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any, TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import (
    BaseHandler,
    HTTPCookieProcessor,
    HTTPHandler,
    HTTPSHandler,
    OpenerDirector,
    Request,
    build_opener,
)

import odoorpc
from odoorpc.error import RPCError

from sync.config import OdooConnection, RetrySettings
from sync.gateway import GatewayError, LoadMessage, LoadResult, TransientError, UnreachableError

logger = logging.getLogger(__name__)

T = TypeVar("T")
RETRYABLE_HTTP_STATUS = frozenset({502, 503, 504})
ODOORPC_LOGGERS = ("odoorpc", "odoorpc.rpc", "odoorpc.rpc.jsonrpclib")
MASK = "********"


# -- transport ---------------------------------------------------------------------------------


class RequestCounter(BaseHandler):
    """The opener's first handler: counts every request and adds the url's path prefix.

    urllib runs each handler's ``<scheme>_request`` once per request it opens, before the
    request is sent. Redirects count too, because they are requests as well.
    """

    handler_order = 100  # before the cookie processor (500), which reads the final url

    def __init__(self, path_prefix: str = "") -> None:
        self.requests = 0
        self.path_prefix = path_prefix.rstrip("/")
        self._lock = threading.Lock()  # openers of forked gateways share one counter

    def http_request(self, request: Request) -> Request:
        with self._lock:
            self.requests += 1
        if self.path_prefix:
            parts = urlsplit(request.full_url)
            if not parts.path.startswith(self.path_prefix + "/"):
                path = self.path_prefix + parts.path
                request.full_url = urlunsplit(parts._replace(path=path))
        return request

    https_request = http_request


def tls_context(verify: bool) -> ssl.SSLContext:
    """A verifying context (system CAs, host name checked) unless ``verify`` is False."""
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def build_transport(
    settings: OdooConnection, counter: RequestCounter | None = None
) -> tuple[OpenerDirector, RequestCounter]:
    """The opener odoorpc sends everything through, and its counter (a new one unless given:
    a forked gateway has an opener and cookies of its own, and counts into its origin's).

    The HTTPS handler is always built here, for http urls as well, so that a redirect to https
    is verified too. Wire debug is 0 on both handlers: http.client would print request bodies,
    and so the password.
    """
    prefix = settings.path if settings.path != "/" else ""
    counter = counter or RequestCounter(prefix)
    opener = build_opener(
        HTTPCookieProcessor(CookieJar()),
        HTTPHandler(debuglevel=0),
        HTTPSHandler(debuglevel=0, context=tls_context(settings.tls_verify)),
        counter,
    )
    return opener, counter


def odoo_arguments(settings: OdooConnection) -> dict[str, Any]:
    """Keyword arguments of ``odoorpc.ODOO`` for these settings (without the opener)."""
    host = settings.host
    if ":" in host:  # IPv6 literal: odoorpc writes "scheme://host:port" as given
        host = f"[{host}]"
    return {
        "host": host,
        "protocol": "jsonrpc+ssl" if settings.scheme == "https" else "jsonrpc",
        "port": settings.port,
        "timeout": settings.timeout_seconds,
    }


class _DropDebugRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


_DROP_DEBUG = _DropDebugRecords()


def quiet_odoorpc_loggers() -> None:
    """Keep odoorpc's request log (bodies with the password) out of every log.

    The levels are raised to INFO. The filter also drops DEBUG records if some later code
    lowers the level again.
    """
    for name in ODOORPC_LOGGERS:
        named = logging.getLogger(name)
        if named.level < logging.INFO:
            named.setLevel(logging.INFO)
        named.addFilter(_DROP_DEBUG)  # a no-op when already there


# -- failures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """What went wrong with one attempt, in words that hold no credential.

    ``kind`` says what to do: ``transient`` and ``unreachable`` are retried, ``untrusted`` (a
    certificate that does not verify) and ``refused`` (Odoo's own error) are not.
    """

    kind: str
    reason: str

    @property
    def retryable(self) -> bool:
        return self.kind in ("transient", "unreachable")


def classify(error: BaseException) -> Failure | None:
    """Sort an exception raised while talking to Odoo; None for one that is not about that."""
    if isinstance(error, RPCError):
        return Failure("refused", str(error) or "Odoo refused the call")
    if isinstance(error, HTTPError):
        kind = "transient" if error.code in RETRYABLE_HTTP_STATUS else "refused"
        return Failure(kind, f"HTTP {error.code} {error.reason}")
    if isinstance(error, URLError):
        return _classify_os_error(error.reason)
    if isinstance(error, (OSError, http.client.HTTPException)):
        return _classify_os_error(error)
    if isinstance(error, json.JSONDecodeError):
        return Failure("refused", "the answer is not JSON-RPC: does the url point to Odoo?")
    return None


def _classify_os_error(reason: object) -> Failure:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return Failure("untrusted", f"TLS certificate not verified: {reason.verify_message}")
    if isinstance(reason, TimeoutError):  # socket.timeout is TimeoutError since 3.10
        return Failure("transient", "timed out")
    if isinstance(reason, ConnectionRefusedError):
        return Failure("unreachable", "connection refused")
    if isinstance(reason, socket.gaierror):
        return Failure("unreachable", "host name not found")
    if isinstance(reason, (ConnectionError, http.client.HTTPException)):
        return Failure("transient", f"connection lost ({type(reason).__name__})")
    if isinstance(reason, ssl.SSLError):
        return Failure("unreachable", f"TLS failure ({reason.reason or 'handshake'})")
    if isinstance(reason, OSError):
        return Failure("unreachable", reason.strerror or type(reason).__name__)
    return Failure("unreachable", str(reason))


# -- gateway -----------------------------------------------------------------------------------


class OdooRpcGateway:
    """`sync.gateway.Gateway` over JSON-RPC. It connects on first use, or on `connect`."""

    def __init__(
        self,
        settings: OdooConnection,
        retries: RetrySettings | None = None,
        *,
        client_factory: Callable[..., Any] = odoorpc.ODOO,
        sleep: Callable[[float], None] = time.sleep,
        _counter: RequestCounter | None = None,
    ) -> None:
        quiet_odoorpc_loggers()
        self._settings = settings
        self._retries = retries or RetrySettings()
        self._factory = client_factory
        self._sleep = sleep
        self._opener, self._counter = build_transport(settings, _counter)
        self._client: Any = None
        if _counter is None and not settings.tls_verify and settings.scheme == "https":
            logger.warning("TLS certificate checks are OFF for %s (odoo.tls_verify)", self._where)

    def __repr__(self) -> str:
        return f"OdooRpcGateway({self._where}, database={self._settings.database!r})"

    @property
    def rpc_calls(self) -> int:
        return self._counter.requests

    @property
    def server_version(self) -> str | None:
        return self._client.version if self._client is not None else None

    def connect(self) -> None:
        """Reach the server and log in (idempotent). Raises `UnreachableError` on failure."""
        if self._client is None:
            self._client = self._attempt("connect", self._login, connected=False)

    def close(self) -> None:
        """Forget the session. odoorpc's logout sends nothing for Odoo 10 and later."""
        self._client = None

    def fork(self) -> OdooRpcGateway:
        """A gateway with its own odoorpc client and session (it logs in on first use), sharing
        this one's settings, retries and request counter."""
        return OdooRpcGateway(
            self._settings,
            self._retries,
            client_factory=self._factory,
            sleep=self._sleep,
            _counter=self._counter,
        )

    def load(
        self,
        model: str,
        fields: Sequence[str],
        rows: Sequence[Sequence[str]],
        context: Mapping[str, Any] | None = None,
    ) -> LoadResult:
        answer = self._execute(model, "load", [list(fields), [list(r) for r in rows]], context)
        return self._load_result(answer)

    def search_read(
        self,
        model: str,
        domain: Sequence[Any],
        fields: Sequence[str],
        context: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {"fields": list(fields), "order": "id"}
        if limit is not None:
            kwargs["limit"] = limit
        return list(self._execute(model, "search_read", [list(domain)], context, kwargs) or [])

    # -- private ---------------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return self._settings.url

    def _login(self) -> Any:
        """One connection attempt: odoorpc probes the version, then logs in (three requests)."""
        settings = self._settings
        client = self._factory(**odoo_arguments(settings), opener=self._opener)
        try:
            client.login(settings.database, settings.login, settings.password.get_secret_value())
        except RPCError as error:
            reason = self._scrub(str(error))
            refusal = f"login refused for {settings.login} on {settings.database}: {reason}"
            raise UnreachableError(refusal) from None
        return client

    def _execute(
        self,
        model: str,
        method: str,
        args: list[Any],
        context: Mapping[str, Any] | None,
        kwargs: dict[str, Any] | None = None,
    ) -> Any:
        self.connect()
        call_kwargs = {**(kwargs or {}), "context": dict(context or {})}

        def call() -> Any:
            return self._client.execute_kw(model, method, args, call_kwargs)

        return self._attempt(f"{model}.{method}", call, connected=True)

    def _attempt(self, what: str, action: Callable[[], T], *, connected: bool) -> T:
        """Run ``action`` with the configured retries; raise the contract's errors."""
        attempts = self._retries.attempts
        delay = self._retries.backoff_seconds
        for attempt in range(1, attempts + 1):
            try:
                return action()
            except GatewayError:
                raise
            except Exception as error:  # sorted by classify; the unknown are re-raised
                failure = classify(error)
                if failure is None:
                    raise
            if not failure.retryable or attempt == attempts:
                raise self._error(what, failure, attempt, connected) from None
            logger.warning(
                "%s on %s: %s; try %d of %d in %.1f s",
                what,
                self._where,
                self._scrub(failure.reason),
                attempt + 1,
                attempts,
                delay,
            )
            self._sleep(delay)
            delay *= 2
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _error(self, what: str, failure: Failure, tries: int, connected: bool) -> GatewayError:
        reason = self._scrub(failure.reason)
        tried = f" after {tries} tries" if tries > 1 else ""
        if not connected:
            return UnreachableError(f"cannot reach Odoo at {self._where}: {reason}{tried}")
        if failure.kind == "transient":
            return TransientError(f"{what} on {self._where}: {reason}{tried}")
        if failure.kind in ("unreachable", "untrusted"):
            return UnreachableError(f"{what}: cannot reach Odoo at {self._where}: {reason}{tried}")
        return GatewayError(f"{what}: {reason}")

    def _scrub(self, text: str) -> str:
        """Mask the password wherever foreign text (an Odoo or OS message) might echo it."""
        secret = self._settings.password.get_secret_value()
        return text.replace(secret, MASK) if secret else text

    def _load_result(self, answer: Mapping[str, Any]) -> LoadResult:
        ids = answer.get("ids")
        messages = [self._load_message(m) for m in answer.get("messages") or []]
        return LoadResult(ids=list(ids) if isinstance(ids, list) else None, messages=messages)

    def _load_message(self, message: Mapping[str, Any]) -> LoadMessage:
        """Odoo's message: ``record`` is the row's index when given, else ``rows.from``."""
        row = message.get("record")
        if row is None:
            row = (message.get("rows") or {}).get("from")
        field = message.get("field")
        return LoadMessage(
            row=row if isinstance(row, int) else None,
            field=field if isinstance(field, str) and field else None,
            message=self._scrub(str(message.get("message", ""))),
            type=str(message.get("type", "error")),
        )
