"""Benchmark: the hourly deadline job on 20,000 open cases, against the same update run case by
case.

Runs inside an Odoo 18 shell on a database where ``esc_pqrs_module`` is installed:

    odoo-bin shell -c odoo.conf -d DATABASE --no-http < benchmarks/deadline_states.py

It files ``ESC_BENCH_CASES`` (default 20,000) open cases received over the last six weeks for
a customer whose segment has first-response and resolution targets, so every case carries three
deadline lines in every state. Then, on the same lines, each time from "all on track":

- baseline: ``_esc_update_states`` called once per case (one business-day index per case);
- job: ``_cron_esc_update_states``, what the scheduler runs every hour, at the baseline's
  moment (its clock is held there: during business hours, lines fall due in the minutes the
  baseline takes, and the two sides would otherwise disagree on them);
- job on ``ESC_BENCH_SMALL`` (default 200) cases, to show the queries do not grow per case.

It prints seconds and SQL queries of each side and exits 1 unless the job is at least
``ESC_BENCH_MIN_SPEEDUP`` (default 10) times faster than the baseline, sets the same states,
and issues no more queries per thousand cases than ``MAX_QUERIES_PER_THOUSAND``. Everything is
rolled back by the shell.
"""

import os
import random
import sys
import time
from datetime import datetime, timedelta
from unittest.mock import patch

CASES = int(os.environ.get("ESC_BENCH_CASES", "20000"))
SMALL_CASES = int(os.environ.get("ESC_BENCH_SMALL", "200"))
MIN_SPEEDUP = float(os.environ.get("ESC_BENCH_MIN_SPEEDUP", "10"))
#: The job reads and writes in chunks of Odoo's prefetch size (1,000 records): a handful of
#: queries per thousand cases, never one per case.
MAX_QUERIES_PER_THOUSAND = 10
CREATE_CHUNK = 1000
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def make_fixture(now):
    """A segment with both service levels on claims, its customer, and the open cases."""
    env.company.esc_pqrs_calendar_id._esc_load_holidays(  # noqa: F821 - given by odoo-bin shell
        [now.year - 1, now.year, now.year + 1]
    )
    claim = env.ref("esc_pqrs_module.esc_pqrs_type_claim")  # noqa: F821
    segment = env["esc.segment"].create({"name": "Benchmark", "code": "BENCH"})  # noqa: F821
    env["esc.sla.rule"].create(  # noqa: F821
        {
            "segment_id": segment.id,
            "type_id": claim.id,
            "first_response_hours": 8,
            "resolution_days": 10,
        }
    )
    customer = env["res.partner"].create(  # noqa: F821
        {"name": "Benchmark Customer S.A.S.", "is_company": True, "esc_segment_id": segment.id}
    )
    rng = random.Random(20261130)
    six_weeks = 42 * 24 * 3600
    values = [
        {
            "subject": f"Benchmark case {number}",
            "partner_id": customer.id,
            "type_id": claim.id,
            "channel_id": env.ref("esc_pqrs_module.esc_channel_email").id,  # noqa: F821
            "received_at": now - timedelta(seconds=rng.randrange(six_weeks)),
        }
        for number in range(CASES)
    ]
    cases = env["esc.pqrs"].browse()  # noqa: F821
    model = env["esc.pqrs"].with_context(**QUIET_CONTEXT)  # noqa: F821
    for start in range(0, CASES, CREATE_CHUNK):
        cases |= model.create(values[start : start + CREATE_CHUNK])
    env.flush_all()  # noqa: F821
    return cases


def reset_states(lines):
    """Put every line back on track, as if the job had not run since filing."""
    env.flush_all()  # noqa: F821
    env.cr.execute(  # noqa: F821
        "UPDATE esc_pqrs_deadline SET state = 'on_track' WHERE id = ANY(%s)", [lines.ids]
    )
    env.invalidate_all()  # noqa: F821


def measure(label, cases, function):
    reset_states(cases.deadline_ids)
    queries_before = env.cr.sql_log_count  # noqa: F821
    started = time.perf_counter()
    function()
    env.flush_all()  # noqa: F821
    seconds = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before  # noqa: F821
    env.cr.execute(  # noqa: F821
        "SELECT id, state FROM esc_pqrs_deadline WHERE id = ANY(%s)", [cases.deadline_ids.ids]
    )
    states = dict(env.cr.fetchall())  # noqa: F821
    return {
        "label": label,
        "cases": len(cases),
        "seconds": seconds,
        "queries": queries,
        "states": states,
    }


def case_by_case(cases, now):
    for case in cases:
        case.deadline_ids._esc_update_states(now)


def main():
    now = datetime.now().replace(microsecond=0)
    started = time.perf_counter()
    cases = make_fixture(now)
    filing_seconds = time.perf_counter() - started
    lines_model = env["esc.pqrs.deadline"]  # noqa: F821
    # Only the benchmark's cases are open: the job's search must not pick demo or other lines.
    others = lines_model.search([("pqrs_id", "not in", cases.ids)])
    others.write({"state": "met"})

    baseline = measure("per case", cases, lambda: case_by_case(cases, now))
    with patch("odoo.fields.Datetime.now", return_value=now):
        job = measure("job", cases, lines_model._cron_esc_update_states)
    small_cases = cases[:SMALL_CASES]
    small = measure(
        f"job, {SMALL_CASES} cases",
        small_cases,
        lambda: small_cases.deadline_ids._esc_update_states(now),
    )

    counts = {}
    for state in job["states"].values():
        counts[state] = counts.get(state, 0) + 1
    print(
        f"deadline job benchmark: {len(cases)} open cases, {len(cases.deadline_ids)} lines "
        f"(filed in {filing_seconds:.1f} s); states after the job: {dict(sorted(counts.items()))}"
    )
    print(f"{'side':<16} {'cases':>7} {'seconds':>9} {'queries':>8} {'cases/s':>10}")
    for side in (baseline, job, small):
        rate = side["cases"] / side["seconds"] if side["seconds"] else float("inf")
        print(
            f"{side['label']:<16} {side['cases']:>7} {side['seconds']:>9.3f} "
            f"{side['queries']:>8} {rate:>10.0f}"
        )
    speedup = baseline["seconds"] / job["seconds"]
    per_thousand = job["queries"] / (len(cases) / 1000)
    print(f"speed-up of the job over the baseline: {speedup:.1f}x (threshold {MIN_SPEEDUP}x)")
    print(
        f"job queries per 1,000 cases: {per_thousand:.1f} (limit {MAX_QUERIES_PER_THOUSAND}); "
        f"baseline: {baseline['queries'] / (len(cases) / 1000):.0f}"
    )

    failures = []
    if job["states"] != baseline["states"]:
        failures.append("the job sets other states than the case-by-case update")
    if len(counts) < 3:
        failures.append(f"the fixture does not reach every running state: {counts}")
    if speedup < MIN_SPEEDUP:
        failures.append(f"speed-up {speedup:.1f}x is below {MIN_SPEEDUP}x")
    if per_thousand > MAX_QUERIES_PER_THOUSAND:
        failures.append(f"{per_thousand:.1f} queries per 1,000 cases")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("benchmark result: " + ("FAIL" if failures else "PASS"))
    if failures:
        sys.exit(1)


main()
