"""Benchmark: the Voice-of-the-Customer dashboard's aggregates against a per-record baseline.

Runs inside an Odoo 18 shell on a database where ``esc_pqrs_module`` is installed:

    odoo-bin shell -c odoo.conf -d DATABASE --no-http < benchmarks/voc_dashboard.py

It files ``ESC_BENCH_CASES`` (default 20,000) cases, compliments and suggestions among them,
and ``ESC_BENCH_ANSWERS`` (default 50,000) survey answers to two campaigns (an annual one and the
transactional one, linked to the cases), 80 % of them finished with an NPS, a CSAT and a CES.
Then it reads what the dashboard shows (NPS, CSAT, CES, response rate, compliments and
suggestions, by campaign, segment, channel, market and month) twice: by the grouped reads of
``esc.voc.score`` and by a per-record baseline that loops over the answers, their lines and the
cases with the ORM. It prints seconds and SQL queries of each and exits 1 unless both give the
same figures and the grouped reads are at least ``ESC_BENCH_MIN_SPEEDUP`` (default 10) times
faster. Everything is rolled back by the shell.
"""

import os
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta

from psycopg2.extras import execute_values

CASES = int(os.environ.get("ESC_BENCH_CASES", "20000"))
ANSWERS = int(os.environ.get("ESC_BENCH_ANSWERS", "50000"))
MIN_SPEEDUP = float(os.environ.get("ESC_BENCH_MIN_SPEEDUP", "10"))
GROUPINGS = ("campaign_id", "segment_id", "channel_id", "market", "date:month")
BATCH = 5000


def ref(xmlid):
    return env.ref(f"esc_pqrs_module.{xmlid}")  # noqa: F821 - given by odoo-bin shell


def make_customers():
    """200 companies of four segments and five markets, five contacts each."""
    segments = env["esc.segment"].create(  # noqa: F821
        [{"name": f"VoC bench {n}", "code": f"VOCB{n}"} for n in range(4)]
    )
    markets = ["Empaques", "Agro", "Automotriz", "Consumo masivo", "Construcción"]
    Partner = env["res.partner"].with_context(tracking_disable=True)  # noqa: F821
    companies = Partner.create(
        [
            {
                "name": f"VoC bench customer {n}",
                "is_company": True,
                "esc_segment_id": segments[n % 4].id,
                "esc_market": markets[n % 5],
            }
            for n in range(200)
        ]
    )
    contacts = Partner.create(
        [
            {
                "name": f"Contact {n} of {company.name}",
                "parent_id": company.id,
                "email": f"c{n}.{company.id}@voc-bench.example",
            }
            for company in companies
            for n in range(5)
        ]
    )
    return contacts


def make_survey():
    def scale(title, role, low, high):
        return (0, 0, {"title": title, "question_type": "scale", "scale_min": low,
                       "scale_max": high, "esc_voc_role": role})  # fmt: skip

    survey = env["survey.survey"].create(  # noqa: F821
        {
            "title": "VoC bench survey",
            "access_mode": "token",
            "question_and_page_ids": [
                scale("Recommend?", "nps", 0, 10),
                scale("Satisfied?", "csat", 1, 5),
                scale("Easy?", "ces", 1, 7),
            ],
        }
    )
    return survey, {q.esc_voc_role: q for q in survey.question_ids}


def make_cases(people, rng, now):
    kinds = [ref(f"esc_pqrs_type_{kind}") for kind in ("petition", "claim", "complaint")]
    kinds += [ref("esc_pqrs_type_compliment"), ref("esc_pqrs_type_suggestion")]
    channels = [ref(f"esc_channel_{name}") for name in ("email", "phone", "web_form")]
    model = env["esc.pqrs"].with_context(tracking_disable=True, mail_create_nolog=True)  # noqa: F821
    cases = model.browse()
    for start in range(0, CASES, BATCH):
        cases |= model.create(
            [
                {
                    "subject": f"VoC bench case {n}",
                    "partner_id": rng.choice(people).id,
                    "type_id": rng.choice(kinds).id,
                    "channel_id": rng.choice(channels).id,
                    "received_at": now - timedelta(days=rng.randrange(360)),
                }
                for n in range(start, min(start + BATCH, CASES))
            ]
        )
    return cases


def make_answers(survey, questions, people, cases, rng, now):
    """Half the answers are transactional, one per case while cases last; the others answer
    annual campaigns (one per customer contact and campaign, as invitations are), as many
    campaigns as it takes."""
    case_list = list(cases)
    transactional = min(ANSWERS // 2, len(case_list))
    annual_count = -(-(ANSWERS - transactional) // len(people))
    Campaign = env["esc.voc.campaign"]  # noqa: F821
    service = Campaign.create(
        {"name": "VoC bench service", "kind": "transactional", "survey_id": survey.id}
    )
    annuals = Campaign.create(
        [
            {"name": f"VoC bench annual {n}", "kind": "annual", "survey_id": survey.id}
            for n in range(annual_count)
        ]
    )
    values = [
        {
            "survey_id": survey.id,
            "partner_id": case.partner_id.id,
            "esc_voc_campaign_id": service.id,
            "esc_pqrs_id": case.id,
        }
        for case in case_list[:transactional]
    ] + [
        {
            "survey_id": survey.id,
            "partner_id": people[slot % len(people)].id,
            "esc_voc_campaign_id": annuals[slot // len(people)].id,
        }
        for slot in range(ANSWERS - transactional)
    ]
    Answer = env["survey.user_input"].with_context(tracking_disable=True)  # noqa: F821
    for start in range(0, ANSWERS, BATCH):
        answers = Answer.create(values[start : start + BATCH])
        finished = answers.filtered(lambda a: rng.random() < 0.8)
        lines = [
            (answer.id, questions[role].id, survey.id, "scale", rng.randint(low, high), False)
            for answer in finished
            for role, low, high in (("nps", 0, 10), ("csat", 1, 5), ("ces", 1, 7))
        ]
        env.flush_all()  # noqa: F821
        execute_values(
            env.cr._obj,  # noqa: F821
            "INSERT INTO survey_user_input_line"
            " (user_input_id, question_id, survey_id, answer_type, value_scale, skipped)"
            " VALUES %s",
            lines,
        )
        by_day = defaultdict(list)
        for answer in finished:
            by_day[rng.randrange(360)].append(answer.id)
        for days, ids in by_day.items():
            Answer.browse(ids).write({"state": "done", "end_datetime": now - timedelta(days=days)})
    env.invalidate_all()  # noqa: F821
    answers = Answer.search([("esc_voc_campaign_id", "!=", False)])
    env.add_to_compute(Answer._fields["esc_voc_scores"], answers)  # noqa: F821
    env.flush_all()  # noqa: F821
    env.cr.execute("ANALYZE")  # noqa: F821 - as autovacuum would after a bulk load
    env.invalidate_all()  # noqa: F821


def by_grouped_reads():
    scores = env["esc.voc.score"]  # noqa: F821
    return {grouping: normalise(scores._esc_scores([], grouping)) for grouping in GROUPINGS}


def normalise(scores):
    """Group keys as plain values, figures rounded: what both sides must agree on."""
    result = {}
    for key, figures in scores.items():
        if hasattr(key, "id"):
            key = key.id or False
        elif hasattr(key, "strftime"):
            key = key.strftime("%Y-%m")
        result[key] = {
            name: round(value, 4) if isinstance(value, float) else value
            for name, value in figures.items()
        }
    return result


def by_record():
    """What a developer writes without the score model: every answer, its lines and every
    case read through the ORM, and the figures summed up in Python."""
    sums = {grouping: defaultdict(lambda: defaultdict(float)) for grouping in GROUPINGS}
    answers = env["survey.user_input"].search([("esc_voc_campaign_id", "!=", False)])  # noqa: F821
    for answer in answers:
        done = answer.state == "done"
        moment = answer.end_datetime or answer.create_date
        keys = answer_keys(answer, moment)
        values = {}
        if done:
            for line in answer.user_input_line_ids:
                if line.question_id.esc_voc_role and not line.skipped:
                    values[line.question_id.esc_voc_role] = line.value_scale
        for grouping, key in keys.items():
            add_answer(sums[grouping][key], done, values)
    kinds = {
        ref("esc_pqrs_type_compliment"): "compliments",
        ref("esc_pqrs_type_suggestion"): "suggestions",
    }
    for case in env["esc.pqrs"].search([("type_id", "in", [k.id for k in kinds])]):  # noqa: F821
        moment = case.filing_date or case.create_date
        keys = {
            "campaign_id": False,
            "segment_id": case.segment_id.id or False,
            "channel_id": case.channel_id.id or False,
            "market": case.commercial_partner_id.esc_market or False,
            "date:month": bogota_month(moment),
        }
        for grouping, key in keys.items():
            sums[grouping][key][kinds[case.type_id]] += 1
    return {grouping: finish(groups) for grouping, groups in sums.items()}


def answer_keys(answer, moment):
    return {
        "campaign_id": answer.esc_voc_campaign_id.id,
        "segment_id": answer.esc_segment_id.id or False,
        "channel_id": answer.esc_channel_id.id or False,
        "market": answer.esc_market or False,
        "date:month": bogota_month(moment),
    }


def bogota_month(moment):
    if not hasattr(moment, "hour"):
        return moment.strftime("%Y-%m")
    return (moment - timedelta(hours=5)).strftime("%Y-%m")


def add_answer(group, done, values):
    group["invited"] += 1
    group["answered"] += done
    for role in ("nps", "csat", "ces"):
        if role in values:
            value = values[role]
            group[f"{role}_count"] += 1
            if role == "nps":
                group["nps_sum"] += 100 if value >= 9 else -100 if value <= 6 else 0
            elif role == "csat":
                group["csat_sum"] += 100 if value >= 4 else 0
            else:
                group["ces_sum"] += value


def finish(groups):
    result = {}
    for key, group in groups.items():
        invited = int(group["invited"])
        figures = {
            "invited": invited,
            "answered": int(group["answered"]),
            "response_rate": round(100.0 * group["answered"] / invited, 4) if invited else None,
            "compliments": int(group["compliments"]),
            "suggestions": int(group["suggestions"]),
        }
        for role in ("nps", "csat", "ces"):
            count = int(group[f"{role}_count"])
            figures[role] = round(group[f"{role}_sum"] / count, 4) if count else None
            figures[f"{role}_count"] = count
        result[key] = figures
    return result


def measure(label, function):
    env.invalidate_all()  # noqa: F821
    queries_before = env.cr.sql_log_count  # noqa: F821
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    return {"label": label, "result": result, "seconds": seconds,
            "queries": env.cr.sql_log_count - queries_before}  # noqa: F821  # fmt: skip


def main():
    rng = random.Random(20261202)
    now = datetime.now().replace(microsecond=0)
    started = time.perf_counter()
    people = make_customers()
    survey, questions = make_survey()
    cases = make_cases(people, rng, now)
    filed = time.perf_counter()
    make_answers(survey, questions, people, cases, rng, now)
    print(
        f"fixture: {CASES} cases in {filed - started:.1f} s, "
        f"{ANSWERS} answers in {time.perf_counter() - filed:.1f} s"
    )

    grouped = measure("grouped reads", by_grouped_reads)
    baseline = measure("per record", by_record)
    print(f"{'side':<14} {'seconds':>9} {'queries':>8}")
    for side in (baseline, grouped):
        print(f"{side['label']:<14} {side['seconds']:>9.3f} {side['queries']:>8}")
    speedup = baseline["seconds"] / grouped["seconds"]
    print(f"speed-up of the grouped reads over the per-record baseline: {speedup:.1f}x "
          f"(threshold {MIN_SPEEDUP}x)")  # fmt: skip

    failures = []
    for grouping in GROUPINGS:
        if grouped["result"][grouping] != baseline["result"][grouping]:
            failures.append(f"the two sides disagree on the figures by {grouping}")
    if speedup < MIN_SPEEDUP:
        failures.append(f"speed-up {speedup:.1f}x is below {MIN_SPEEDUP}x")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("benchmark result: " + ("FAIL" if failures else "PASS"))
    if failures:
        sys.exit(1)


main()
