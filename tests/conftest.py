"""Shared by every tier: a place where the Odoo tier leaves what pytest prints at the end."""

import pytest

ODOO_REPORT = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[ODOO_REPORT] = []


@pytest.fixture(scope="session")
def odoo_report(request):
    return request.config.stash[ODOO_REPORT]


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(ODOO_REPORT, [])
    if lines:
        terminalreporter.section("Odoo tier")
        for line in lines:
            terminalreporter.write_line(line)
