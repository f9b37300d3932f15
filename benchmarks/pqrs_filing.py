"""Benchmark: filing PQRS cases in one ``create`` against filing them one by one.

Runs inside an Odoo 18 shell on a database where ``esc_pqrs_module`` is installed:

    odoo-bin shell -c odoo.conf -d DATABASE --no-http < benchmarks/pqrs_filing.py

Bulk callers (the sync pushes thousands of cases) file in one ``create``: the filing dates and
legal due dates come from one read of the calendar, the service-level rule is looked up once per
(segment, type, priority), the first-response targets and the customer snapshots are computed for
the batch, and the radicados are drawn from the company's sequence in one query. The baseline
files the same cases (same customers, types, receipts and context) with one ``create`` each.

It files ``ESC_BENCH_FILINGS`` (default 5,000) cases each way, and a batch of
``ESC_BENCH_SMALL`` (default 500) to show the queries per case stay flat, prints seconds and SQL
queries and exits 1 unless the batch is at least ``ESC_BENCH_MIN_SPEEDUP`` (default 5) times
faster, gives every case its lines and a radicado of its own, and issues no more queries per
case in the large batch than in the small one (plus ``QUERY_SLACK``). Everything is rolled back
by the shell.
"""

import os
import random
import sys
import time
from datetime import datetime, timedelta

FILINGS = int(os.environ.get("ESC_BENCH_FILINGS", "5000"))
SMALL = int(os.environ.get("ESC_BENCH_SMALL", "500"))
MIN_SPEEDUP = float(os.environ.get("ESC_BENCH_MIN_SPEEDUP", "5"))
#: Queries per case the large batch may spend beyond the small one's.
QUERY_SLACK = 0.05


def make_fixture(now):
    """Two segments with service levels, twenty customers and the values of the cases."""
    env.company.esc_pqrs_calendar_id._esc_load_holidays(  # noqa: F821 - given by odoo-bin shell
        [now.year - 1, now.year, now.year + 1]
    )
    types = [env.ref(f"esc_pqrs_module.esc_pqrs_type_{kind}") for kind in ("claim", "petition")]  # noqa: F821
    customers = []
    for number in range(2):
        segment = env["esc.segment"].create({"name": f"Bench {number}", "code": f"BENCH{number}"})  # noqa: F821
        for kind in types:
            env["esc.sla.rule"].create(  # noqa: F821
                {
                    "segment_id": segment.id,
                    "type_id": kind.id,
                    "first_response_hours": 8,
                    "resolution_days": 10,
                }
            )
        customers += [
            env["res.partner"].create(  # noqa: F821
                {
                    "name": f"Bench Customer {number}-{n}",
                    "is_company": True,
                    "esc_segment_id": segment.id,
                }
            )
            for n in range(10)
        ]
    rng = random.Random(20261202)
    channel = env.ref("esc_pqrs_module.esc_channel_email").id  # noqa: F821

    def values(count, tag):
        return [
            {
                "subject": f"Bench {tag} {number}",
                "partner_id": rng.choice(customers).id,
                "type_id": rng.choice(types).id,
                "channel_id": channel,
                "received_at": now - timedelta(seconds=rng.randrange(30 * 24 * 3600)),
            }
            for number in range(count)
        ]

    return values


def measure(label, count, function):
    env.flush_all()  # noqa: F821
    queries_before = env.cr.sql_log_count  # noqa: F821
    started = time.perf_counter()
    cases = function()
    env.flush_all()  # noqa: F821
    seconds = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before  # noqa: F821
    return {"label": label, "cases": cases, "count": count, "seconds": seconds, "queries": queries}


def one_by_one(model, values):
    cases = model.browse()
    for vals in values:
        cases |= model.create(vals)
    return cases


def main():
    now = datetime.now().replace(microsecond=0)
    values = make_fixture(now)
    model = env["esc.pqrs"]  # noqa: F821
    model.create(values(5, "warm-up"))
    baseline = measure("one by one", FILINGS, lambda: one_by_one(model, values(FILINGS, "single")))
    batch = measure("one create", FILINGS, lambda: model.create(values(FILINGS, "batch")))
    small = measure(f"one create, {SMALL}", SMALL, lambda: model.create(values(SMALL, "small")))

    print(f"{'side':<18} {'cases':>7} {'seconds':>9} {'queries':>8} {'q/case':>7} {'cases/s':>9}")
    for side in (baseline, batch, small):
        print(
            f"{side['label']:<18} {side['count']:>7} {side['seconds']:>9.3f} {side['queries']:>8} "
            f"{side['queries'] / side['count']:>7.2f} {side['count'] / side['seconds']:>9.0f}"
        )
    speedup = baseline["seconds"] / batch["seconds"]
    per_case, per_case_small = (side["queries"] / side["count"] for side in (batch, small))
    print(f"speed-up of one create over one by one: {speedup:.1f}x (threshold {MIN_SPEEDUP}x)")
    print(f"queries per case: {per_case:.2f} at {FILINGS}, {per_case_small:.2f} at {SMALL}")

    failures = []
    cases = batch["cases"]
    if len(set(cases.mapped("name"))) != FILINGS or not all(cases.mapped("name")):
        failures.append("the batch did not give every case a radicado of its own")
    if any(not case.deadline_ids for case in cases):
        failures.append("a case of the batch has no deadline lines")
    if speedup < MIN_SPEEDUP:
        failures.append(f"speed-up {speedup:.1f}x is below {MIN_SPEEDUP}x")
    if per_case > per_case_small + QUERY_SLACK:
        failures.append(
            f"queries per case grow with the batch: {per_case_small:.2f} -> {per_case:.2f}"
        )
    for failure in failures:
        print(f"FAIL: {failure}")
    print("benchmark result: " + ("FAIL" if failures else "PASS"))
    if failures:
        sys.exit(1)


main()
