"""The Odoo tier: the add-on on a real Odoo 18 (DESIGN.md "Testing tiers").

Skipped, with how to enable it, unless ``ODOO_RC`` names an Odoo 18 configuration. The tests
share one throwaway database and run in this order: install with the add-on's own tests,
upgrade, term export against ``es.po``, the deadline engine, deadline job, filing and
Voice-of-the-Customer dashboard benchmarks; the database is dropped at the end.
"""

import os

import polib
import pytest

from tests.addon import ADDON, REPO
from tests.odoo_tier import HOW_TO_ENABLE, ThrowawayDatabase, summary_line, summary_of

pytestmark = pytest.mark.skipif(not os.environ.get("ODOO_RC"), reason=HOW_TO_ENABLE)


@pytest.fixture(scope="module")
def database(odoo_report):
    database = ThrowawayDatabase()
    odoo_report.append(f"database {database.name}")
    yield database
    dropped = database.drop()
    if dropped.returncode:
        odoo_report.append(f"could not drop {database.name}:\n{dropped.tail(10)}")


@pytest.fixture(scope="module")
def installed(database, odoo_report):
    run = database.install_with_tests()
    odoo_report.append(
        f"install --test-enable: {summary_line(run) or 'Odoo printed no test summary'}; "
        f"{len(run.skipped_tests)} skipped; {len(run.bad_lines)} ERROR/CRITICAL log lines"
    )
    return run


def test_addon_installs_with_its_odoo_tests_passing(installed):
    summary = summary_of(installed)
    assert summary, f"Odoo ran no test of the add-on:\n{installed.tail()}"
    failed, errors, total = summary
    assert total > 0, "the add-on's test suite is empty"
    assert (failed, errors) == (0, 0), "\n".join(installed.bad_lines)
    assert not installed.skipped_tests, (
        "Odoo skipped tests of the add-on (browser tests need Chromium on the PATH and "
        "websocket-client in Odoo's environment): " + "; ".join(installed.skipped_tests)
    )
    assert not installed.bad_lines, "\n".join(installed.bad_lines)
    assert installed.returncode == 0, installed.tail()


def test_addon_upgrades_without_errors(installed, database, odoo_report):
    run = database.upgrade()
    odoo_report.append(f"upgrade -u: exit {run.returncode}, {len(run.bad_lines)} ERROR lines")
    assert run.returncode == 0, run.tail()
    assert not run.bad_lines, "\n".join(run.bad_lines)


def test_every_exported_term_has_its_spanish_translation(installed, database, tmp_path):
    pot_file = tmp_path / "esc_pqrs_module.pot"
    run = database.export_terms(pot_file)
    assert run.returncode == 0 and pot_file.is_file(), run.tail()
    exported = {entry.msgid for entry in polib.pofile(str(pot_file)) if entry.msgid}
    translated = {e.msgid for e in polib.pofile(str(ADDON / "i18n" / "es.po")) if e.msgstr}
    assert not exported - translated, f"missing from es.po: {sorted(exported - translated)}"
    assert not translated - exported, f"es.po keeps stale terms: {sorted(translated - exported)}"


def _run_benchmark(database, odoo_report, script):
    run = database.shell(REPO / "benchmarks" / script)
    figures = [line for line in run.log.splitlines() if not line[:4].isdigit()]
    odoo_report.extend(figures)
    assert run.returncode == 0, "\n".join(figures) or run.tail()
    assert "benchmark result: PASS" in run.log, run.tail()


def test_deadline_benchmark_meets_its_threshold(installed, database, odoo_report):
    _run_benchmark(database, odoo_report, "deadline_engine.py")


def test_deadline_job_benchmark_meets_its_threshold(installed, database, odoo_report):
    _run_benchmark(database, odoo_report, "deadline_states.py")


def test_filing_benchmark_meets_its_threshold(installed, database, odoo_report):
    _run_benchmark(database, odoo_report, "pqrs_filing.py")


def test_voice_of_the_customer_dashboard_benchmark_meets_its_threshold(
    installed, database, odoo_report
):
    _run_benchmark(database, odoo_report, "voc_dashboard.py")
