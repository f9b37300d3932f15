"""The ``esc-sync`` command is installed and answers."""

import subprocess
import sys
from pathlib import Path

import pytest

from sync import __version__
from sync.cli import main


def test_version_names_the_installed_release(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"esc-sync {__version__}"


def test_without_arguments_it_prints_its_help(capsys):
    assert main([]) == 0
    assert "usage: esc-sync" in capsys.readouterr().out


def test_console_script_is_installed_beside_the_interpreter():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "esc-sync"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "esc-sync" in result.stdout
