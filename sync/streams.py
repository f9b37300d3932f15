"""Gateway calls sent on several threads at once, their answers handled on the caller's thread.

Why: a ``load`` keeps Odoo busy for seconds while the client has little to do, and the client's
own work (planning the next batches, the journal) keeps the client busy while Odoo waits. With
one stream the client plans the next batch while Odoo loads the last one; with more, a
multi-worker Odoo loads several batches at once.

The rules that keep a push exact:

- Each stream owns one gateway (the job's gateway and its forks): a gateway is never used by two
  threads at once.
- Streams only call Odoo. Every answer, and every error a call raised, is handed back to the
  thread that drains: the journal (one SQLite connection) and the report are only ever touched
  there.
- Leaving the ``with`` block waits for the calls already sent and drops those not yet sent: a
  row whose answer was not handled stays ``pending`` in the journal and is sent again next run.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from typing_extensions import Self

from .gateway import Gateway

T = TypeVar("T")
Answer = Callable[["Future[Any]"], None]


class Streams:
    """Runs gateway calls on one thread per gateway; `drain` hands their answers back."""

    def __init__(self, gateways: list[Gateway]) -> None:
        if not gateways:
            raise ValueError("streams need at least one gateway")
        self._idle: queue.SimpleQueue[Gateway] = queue.SimpleQueue()
        for gateway in gateways:
            self._idle.put(gateway)
        self._pool = ThreadPoolExecutor(len(gateways), thread_name_prefix="esc-sync-stream")
        self._waiting: dict[Future[Any], Answer] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def send(self, call: Callable[[Gateway], T], then: Callable[[Future[T]], None]) -> None:
        """Queue ``call`` for the next free gateway; `drain` calls ``then`` with its future."""
        self._waiting[self._pool.submit(self._on_a_free_gateway, call)] = then

    def drain(self) -> None:
        """Hand every answer to its ``then`` as it arrives (answers that arrived together in
        the order they were sent), until none is awaited; a ``then`` may send more. An exception
        a ``then`` raises stops the draining."""
        while self._waiting:
            done, _pending = wait(self._waiting, return_when=FIRST_COMPLETED)
            for future in [sent for sent in self._waiting if sent in done]:  # in sending order
                self._waiting.pop(future)(future)

    def _on_a_free_gateway(self, call: Callable[[Gateway], T]) -> T:
        gateway = self._idle.get()
        try:
            return call(gateway)
        finally:
            self._idle.put(gateway)
