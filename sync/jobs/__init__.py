"""The jobs ``esc-sync push`` knows, one module each; the engine is ``sync/engine.py``."""

from __future__ import annotations

from ..engine import Job
from ..pull import Pull
from .customers import JOB, CorrectionsPull, CustomerPush, CustomersJob
from .info import InfoJob
from .pqrs import PqrsJob, PqrsPull

#: ``esc-sync push <name>`` → a new job of that kind.
PUSH_JOBS: dict[str, type[Job]] = {job.name: job for job in (CustomersJob, PqrsJob, InfoJob)}

#: ``esc-sync pull <name>`` → what it reads back.
PULL_JOBS: dict[str, type[Pull]] = {pull.name: pull for pull in (PqrsPull, CorrectionsPull)}

__all__ = [
    "JOB",
    "PULL_JOBS",
    "PUSH_JOBS",
    "CorrectionsPull",
    "CustomerPush",
    "CustomersJob",
    "InfoJob",
    "PqrsJob",
    "PqrsPull",
]
