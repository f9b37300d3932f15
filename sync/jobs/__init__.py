"""The jobs ``esc-sync push`` knows, one module each; the engine is ``sync/engine.py``."""

from __future__ import annotations

from ..engine import Job
from .customers import JOB, CustomerPush, CustomersJob

#: ``esc-sync push <name>`` → a new job of that kind.
PUSH_JOBS: dict[str, type[Job]] = {CustomersJob.name: CustomersJob}

__all__ = ["JOB", "PUSH_JOBS", "CustomerPush", "CustomersJob"]
