"""What the sync's live benchmarks share: their command line, the connection, files, pushes.

Imported by ``sync_customers.py`` and ``sync_pqrs.py``, which run as scripts from anywhere:
it puts the repository on ``sys.path`` for the ``sync`` package.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

from pydantic import SecretStr

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sync.config import OdooConnection, RetrySettings
from sync.engine import Job, Push, PushReport
from sync.journal import Journal
from sync.odoo import OdooRpcGateway


def arguments(
    description: str, rows: int, batch_size: int, argv: list[str] | None
) -> tuple[argparse.Namespace, OdooConnection, Path]:
    """The parsed command line, the connection (password from ``ESC_SYNC_PASSWORD``) and the
    work directory."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--batch-size", type=int, default=batch_size)
    parser.add_argument("--streams", type=int, default=2)
    parser.add_argument("--work-dir", type=Path)
    args = parser.parse_args(argv)
    settings = OdooConnection(
        url=args.url,
        database=args.database,
        login=args.login,
        password=SecretStr(os.environ["ESC_SYNC_PASSWORD"]),
        timeout_seconds=900.0,
    )
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="esc-sync-bench-"))
    return args, settings, work


def gateway_of(settings: OdooConnection) -> OdooRpcGateway:
    return OdooRpcGateway(settings, RetrySettings(attempts=3, backoff_seconds=1.0))


def write_file(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def sync_push(
    job: Job, settings: OdooConnection, journal_path: Path, file: Path, batch: int, streams: int
) -> tuple[PushReport, int]:
    """A push of ``file`` and the RPC requests it sent (its streams' forks included)."""
    gateway = gateway_of(settings)
    with Journal(journal_path) as journal:
        report = Push(job, journal, gateway, batch_size=batch, streams=streams).run(file)
    return report, gateway.rpc_calls


def verdict(failures: list[str]) -> int:
    """Print each failure and the result line the Odoo tier reads; the exit code."""
    for failure in failures:
        print(f"FAIL: {failure}")
    print("benchmark result: " + ("FAIL" if failures else "PASS"))
    return 1 if failures else 0
