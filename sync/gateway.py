"""The contract between the sync engine and Odoo.

The engine speaks to Odoo only through a :class:`Gateway`. ``sync/odoo.py`` implements it with
odoorpc against a real server; the tests implement it in memory. Both honour the same contract,
checked by the same contract suite:

- ``load`` is Odoo's ``Model.load(fields, rows)``: rows are lists of strings in the order of
  ``fields``; ``id`` is an external id (``esc_sync.<system>_<kind>_<key>``), ``x/id`` an
  external id reference and ``x/.id`` a database id. It is all or nothing: when any row is
  refused the whole call is rolled back, ``ids`` is ``None`` and ``messages`` say which rows and
  why. Loading the same external id again updates the record it made: ``load`` is idempotent,
  so it may be retried blindly.
- ``search_read`` reads; it is idempotent too. Records come in the order of their ids; with
  ``limit`` only the first ``limit`` of them (a pull pages with ``("id", ">", last)``).
- ``connect()`` logs in ahead of the first call (idempotent; a call connects on first use too),
  raising :class:`UnreachableError` when that fails.
- Every call counts in ``rpc_calls``, the metadata calls a client makes for itself included.
- ``fork()`` gives another gateway to the same Odoo with a connection of its own, so that
  several threads can send at once: one gateway serves one thread at a time, forks may serve
  others meanwhile, and each call is atomic as Odoo's transaction is. A gateway and all its
  forks count into one ``rpc_calls`` total (a fork's own login included).
- A call that may succeed when repeated (timeout, connection reset, a 502/503/504 from a proxy)
  raises :class:`TransientError` once the gateway's own retries are spent; a server that cannot
  be reached at all, or a login refused, raises :class:`UnreachableError`. Any other refusal
  raises :class:`GatewayError` with Odoo's message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


class GatewayError(Exception):
    """Odoo refused a call; the message is Odoo's, never a credential."""


class TransientError(GatewayError):
    """The call may succeed when repeated; only idempotent calls are repeated."""


class UnreachableError(GatewayError):
    """Odoo cannot be reached, or refused the login, after the configured retries."""


@dataclass(frozen=True)
class LoadMessage:
    """One remark of ``load`` on one row (``row`` is the index in the call's rows, ``None``
    for a remark on the whole call)."""

    row: int | None
    field: str | None
    message: str
    type: str = "error"


@dataclass(frozen=True)
class LoadResult:
    """``ids`` in the order of the rows, or ``None`` when the call was rolled back."""

    ids: list[int] | None
    messages: list[LoadMessage] = field(default_factory=list)

    @property
    def committed(self) -> bool:
        return self.ids is not None


class Gateway(Protocol):
    """What the engine needs of Odoo."""

    @property
    def rpc_calls(self) -> int:
        """RPCs sent so far, the client's own metadata calls included."""
        ...

    def connect(self) -> None:
        """Reach Odoo and log in now, if not done yet."""
        ...

    def load(
        self,
        model: str,
        fields: Sequence[str],
        rows: Sequence[Sequence[str]],
        context: Mapping[str, Any] | None = None,
    ) -> LoadResult: ...

    def search_read(
        self,
        model: str,
        domain: Sequence[Any],
        fields: Sequence[str],
        context: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]: ...

    def fork(self) -> Gateway:
        """Another gateway to the same Odoo, for another thread, counting into the same total."""
        ...
