"""Shared by every tier: a place where the Odoo tier leaves what pytest prints at the end."""

import pytest

from sync.journal import Journal

ODOO_REPORT = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[ODOO_REPORT] = []


@pytest.fixture
def journal(tmp_path):
    """A sync journal of the test's own."""
    with Journal(tmp_path / "journal.sqlite") as opened:
        yield opened


@pytest.fixture(scope="session")
def odoo_report(request):
    return request.config.stash[ODOO_REPORT]


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(ODOO_REPORT, [])
    if lines:
        terminalreporter.section("Odoo tier")
        for line in lines:
            terminalreporter.write_line(line)
