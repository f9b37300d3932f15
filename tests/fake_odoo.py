"""A stand-in Odoo: the JSON-RPC routes odoorpc uses, served over real HTTP(S) on localhost.

The odoorpc gateway's own tests run against it: odoorpc, urllib, the counting opener, TLS and
the retries are all real, and only the server is fake. It answers like Odoo 18: the version
probe, ``common.login`` (uid or False), ``res.users.context_get``, and ``execute_kw`` with the
answer the test sets per (model, method). Tests script failures request by request.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DATABASE = "esc"
LOGIN = "integration@example.com"
UID = 7


@dataclass
class OdooFailure:
    """An answer ``execute_kw`` gives as an Odoo error (JSON-RPC ``error``)."""

    message: str
    name: str = "odoo.exceptions.UserError"


@dataclass(frozen=True)
class Received:
    path: str
    params: dict[str, Any]

    @property
    def call(self) -> tuple[Any, ...]:
        """(service, method, *args) of a ``/jsonrpc`` request, without the password."""
        args = list(self.params.get("args", []))
        if self.params.get("service") == "object" and len(args) > 2:
            args[2] = "<password>"
        return (self.params.get("service"), self.params.get("method"), *args)


@dataclass
class FakeOdoo:
    """State of the fake server; `serve` runs it."""

    password: str
    path_prefix: str = ""
    answers: dict[tuple[str, str], Any] = field(default_factory=dict)
    script: deque[tuple[str, Any]] = field(default_factory=deque)
    received: list[Received] = field(default_factory=list)
    port: int = 0
    scheme: str = "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{self.path_prefix}"

    def then(self, behaviour: str, value: Any = None) -> FakeOdoo:
        """Script the next request: ``status`` (answer that HTTP code), ``sleep`` (seconds
        before answering), ``drop`` (close without answering), ``html`` (a 200 web page)."""
        self.script.append((behaviour, value))
        return self

    def execute_kw_calls(self) -> list[tuple[Any, ...]]:
        return [r.call[5:] for r in self.received if r.call[:2] == ("object", "execute_kw")]

    def answer(self, path: str, params: dict[str, Any]) -> tuple[int, Any]:
        """(HTTP status, JSON-RPC result or OdooFailure) for one request."""
        if not path.startswith(self.path_prefix + "/"):
            return 404, None
        route = path[len(self.path_prefix) :]
        if route == "/web/webclient/version_info":
            return 200, {"server_version": "18.0", "server_version_info": [18, 0, 0, "final", 0]}
        if route != "/jsonrpc":
            return 404, None
        return 200, self._service(params.get("service"), params.get("method"), params["args"])

    def _service(self, service: str | None, method: str | None, args: list[Any]) -> Any:
        if (service, method) == ("common", "login"):
            database, login, password = args
            return UID if (database, login, password) == (DATABASE, LOGIN, self.password) else False
        if args[2] != self.password:
            return OdooFailure("Access Denied", "odoo.exceptions.AccessDenied")
        if (service, method) == ("object", "execute"):
            return {"lang": "en_US", "tz": "America/Bogota"}
        model, model_method = args[3], args[4]
        answer = self.answers.get((model, model_method))
        if answer is None:
            return OdooFailure(f"The method '{model_method}' does not exist on '{model}'")
        return answer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and left is what some tests want; say nothing."""


@contextmanager
def serve(fake: FakeOdoo, tls: ssl.SSLContext | None = None) -> Iterator[FakeOdoo]:
    """Serve ``fake`` on a free localhost port (over TLS with ``tls``) for the block."""
    server = _QuietServer(("127.0.0.1", 0), _handler_for(fake))
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        fake.scheme = "https"
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _handler_for(fake: FakeOdoo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read ``fake.received`` instead."""

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.received.append(Received(self.path, body.get("params", {})))
            behaviour, value = fake.script.popleft() if fake.script else ("", None)
            if behaviour == "sleep":
                time.sleep(value)
            elif behaviour == "status":
                self.send_error(value)
                return
            elif behaviour == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return
            elif behaviour == "html":
                self._send(200, b"<html><body>Welcome</body></html>", "text/html")
                return
            status, result = fake.answer(self.path, body.get("params", {}))
            if status != 200:
                self.send_error(status)
                return
            self._send(200, json.dumps(_envelope(body.get("id"), result)).encode(), "json")

        def _send(self, status: int, payload: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"application/{kind}" if kind == "json" else kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _envelope(request_id: Any, result: Any) -> dict[str, Any]:
    if isinstance(result, OdooFailure):
        data = {"name": result.name, "message": result.message, "debug": "Traceback ..."}
        error = {"code": 200, "message": "Odoo Server Error", "data": data}
        return {"jsonrpc": "2.0", "id": request_id, "error": error}
    return {"jsonrpc": "2.0", "id": request_id, "result": result}
