"""The sync's benchmarks on a real Odoo 18 (Odoo tier, issues #5 and #17).

Each benchmark script runs against a throwaway database served by a two-worker Odoo (the sync's
default of two streams needs two workers to load two batches at once; the naive baseline, one
request at a time, is served by the same server in the same run), logged in as the sync's user
of the *PQRS Integration* group. Their figures go into the tier's report; a test fails when its
script does.

- ``benchmarks/sync_customers.py`` at 10,000 customers: about 15 minutes, the baseline's
  10,000 requests most of them.
- ``benchmarks/sync_pqrs.py`` at 5,000 cases: about 5 minutes, the baseline's most of them.

Skipped, with how to enable it, unless ``ODOO_RC`` names an Odoo 18 configuration.
"""

import os
import subprocess
import sys

import pytest

from tests.addon import REPO
from tests.odoo_tier import HOW_TO_ENABLE, LiveServer

pytestmark = pytest.mark.skipif(not os.environ.get("ODOO_RC"), reason=HOW_TO_ENABLE)

WORKERS = 2
#: The scripts' longest run here: the baselines send one request per row.
TIMEOUT_SECONDS = 40 * 60


def run_benchmark(script: str, rows: int, odoo_report, tmp_path) -> None:
    with LiveServer(workers=WORKERS) as live:
        odoo_report.append(f"{script}: {live.database.name}, {WORKERS} workers, {rows} rows")
        run = subprocess.run(
            [
                sys.executable,
                str(REPO / "benchmarks" / script),
                *("--url", live.url, "--database", live.database.name),
                *("--login", live.INTEGRATION_LOGIN, "--rows", str(rows)),
                *("--work-dir", str(tmp_path)),
            ],
            env={**os.environ, "ESC_SYNC_PASSWORD": live.INTEGRATION_PASSWORD},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    odoo_report.extend(run.stdout.splitlines())
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert "benchmark result: PASS" in run.stdout


def test_sync_customers_benchmark_meets_its_thresholds(odoo_report, tmp_path):
    run_benchmark("sync_customers.py", 10_000, odoo_report, tmp_path)


def test_sync_pqrs_benchmark_meets_its_thresholds(odoo_report, tmp_path):
    run_benchmark("sync_pqrs.py", 5_000, odoo_report, tmp_path)
