"""Benchmark: legal due dates of 20,000 receipts, batch form against one ``plan_days`` per pair.

Runs inside an Odoo 18 shell on a database where ``esc_pqrs_module`` is installed:

    odoo-bin shell -c odoo.conf -d DATABASE --no-http < benchmarks/deadline_engine.py

Both sides run in the same process, on the same receipts, one after the other; every change
is rolled back by the shell. It prints seconds and SQL queries of each side and exits 1 unless
the batch is at least ``ESC_BENCH_MIN_SPEEDUP`` (default 10) times faster than the baseline,
gives the same dates, and issues as many queries for 20,000 receipts as for 200.
"""

import os
import random
import sys
import time
from datetime import datetime, timedelta

PAIRS = int(os.environ.get("ESC_BENCH_PAIRS", "20000"))
MIN_SPEEDUP = float(os.environ.get("ESC_BENCH_MIN_SPEEDUP", "10"))
SMALL_PAIRS = 200
TERMS = (10, 15, 30)
YEAR = 2026


def make_receipts(count):
    """Receipts at random moments of one year; the first two pin the window of days (the
    year's first and last moments with the longest term), so any prefix spans the same days."""
    rng = random.Random(20261130)
    start = datetime(YEAR, 1, 1, 5, 0)  # 00:00 Bogotá
    seconds_in_year = 365 * 24 * 3600 - 1
    anchors = [(start, max(TERMS)), (start + timedelta(seconds=seconds_in_year), max(TERMS))]
    others = [
        (start + timedelta(seconds=rng.randrange(seconds_in_year)), rng.choice(TERMS))
        for _ in range(count - len(anchors))
    ]
    return anchors + others


def measure(label, function):
    env.invalidate_all()  # noqa: F821 - `env` is given by odoo-bin shell
    queries_before = env.cr.sql_log_count  # noqa: F821
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before  # noqa: F821
    return {"label": label, "seconds": seconds, "queries": queries, "result": result}


def one_by_one(calendar, receipts):
    dates = []
    for received_at, term in receipts:
        filed = calendar._esc_filing_date(received_at)
        dates.append((filed, calendar._esc_legal_due_date(filed, term)))
    return dates


def main():
    calendar = env.company.esc_pqrs_calendar_id  # noqa: F821
    calendar._esc_load_holidays([YEAR, YEAR + 1])
    receipts = make_receipts(PAIRS)

    baseline = measure("plan_days per pair", lambda: one_by_one(calendar, receipts))
    batch = measure("batch", lambda: calendar._esc_legal_due_dates_batch(receipts))
    small = measure(
        f"batch, {SMALL_PAIRS} pairs",
        lambda: calendar._esc_legal_due_dates_batch(receipts[:SMALL_PAIRS]),
    )

    print(f"deadline engine benchmark: {PAIRS} (receipt, term) pairs, calendar {calendar.name!r}")
    print(f"{'side':<22} {'pairs':>7} {'seconds':>9} {'queries':>8} {'pairs/s':>10}")
    for side, count in ((baseline, PAIRS), (batch, PAIRS), (small, SMALL_PAIRS)):
        rate = count / side["seconds"] if side["seconds"] else float("inf")
        print(
            f"{side['label']:<22} {count:>7} {side['seconds']:>9.3f} {side['queries']:>8} "
            f"{rate:>10.0f}"
        )
    speedup = baseline["seconds"] / batch["seconds"]
    print(f"speed-up of the batch over the baseline: {speedup:.1f}x (threshold {MIN_SPEEDUP}x)")

    failures = []
    if batch["result"] != baseline["result"]:
        failures.append("the batch dates differ from the one-by-one dates")
    if speedup < MIN_SPEEDUP:
        failures.append(f"speed-up {speedup:.1f}x is below {MIN_SPEEDUP}x")
    if batch["queries"] != small["queries"]:
        failures.append(
            f"queries grow with the pairs: {small['queries']} for {SMALL_PAIRS}, "
            f"{batch['queries']} for {PAIRS}"
        )
    for failure in failures:
        print(f"FAIL: {failure}")
    print("benchmark result: " + ("FAIL" if failures else "PASS"))
    if failures:
        sys.exit(1)


main()
