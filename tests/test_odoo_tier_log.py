"""The Odoo tier reads Odoo's log right: its summary, skipped tests and error lines."""

import subprocess
from pathlib import Path

from tests.odoo_tier import OdooRun, summary_line, summary_of

LOG = (Path(__file__).parent / "data" / "odoo_test_run.log").read_text(encoding="utf-8")


def run_of(log):
    completed = subprocess.CompletedProcess(["odoo-bin"], 1, stdout=log, stderr="")
    return OdooRun.of(["odoo-bin"], completed)


def test_summary_gives_failed_errors_and_tests_run():
    assert summary_of(run_of(LOG)) == (1, 0, 41)


def test_summary_line_is_odoos_own_words():
    assert summary_line(run_of(LOG)) == (
        "1 failed, 0 error(s) of 41 tests when loading database 'db'"
    )


def test_no_summary_when_odoo_ran_no_test():
    assert summary_of(run_of("2026-11-30 04:12:24,283 1 INFO db odoo: nothing\n")) is None


def test_skipped_tests_are_named_with_their_reason():
    assert run_of(LOG).skipped_tests == ["T.test_ui : websocket-client module is not installed"]


def test_error_and_critical_lines_are_collected():
    bad = run_of(LOG).bad_lines
    assert len(bad) == 2
    assert all(" ERROR " in line for line in bad)
