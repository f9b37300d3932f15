"""The linters the Odoo community uses, run clean over the repository."""

import subprocess
import sys

from tests.addon import ADDON, REPO


def run(*command):
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-fix", "--output-format=concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_changes_nothing():
    result = run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo_mandatory_checks_pass():
    result = run("pylint", "--rcfile=.pylintrc-mandatory", ADDON.name)
    assert result.returncode == 0, result.stdout + result.stderr
