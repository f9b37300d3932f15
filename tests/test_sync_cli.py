"""The ``esc-sync`` command is installed and answers."""

import json
import re
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


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_dry_run_on_valid_file_exits_0_and_says_nothing_was_sent(in_tmp, capsys):
    assert main(["push", "customers", str(EXAMPLES / "customers.csv"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "DRY RUN: nothing was sent to Odoo." in out
    assert (in_tmp / ".esc-sync" / "journal.sqlite").is_file()


def test_dry_run_with_bad_rows_exits_1_naming_file_line_and_field(in_tmp, capsys):
    file = EXAMPLES / "customers_with_errors.csv"
    assert main(["push", "customers", str(file), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert f"{file}:3  nit: nit '890.903.118-4': check digit should be 5" in out


def test_dead_letters_lists_the_rows_a_run_set_aside(in_tmp, capsys):
    main(["push", "customers", str(EXAMPLES / "customers_with_errors.csv"), "--dry-run"])
    capsys.readouterr()
    assert main(["dead-letters"]) == 0
    assert "3 rows set aside" in capsys.readouterr().out


def test_json_report_carries_counts_and_exit_code(in_tmp, capsys):
    main(["push", "customers", str(EXAMPLES / "customers.yaml"), "--dry-run", "--report", "json"])
    report = json.loads(capsys.readouterr().out)
    assert (report["rows_read"], report["valid"], report["exit_code"]) == (10, 10, 0)
    assert report["dry_run"] is True


def test_push_without_an_odoo_to_push_to_is_a_usage_error(in_tmp, capsys):
    assert main(["push", "customers", str(EXAMPLES / "customers.csv")]) == 2
    assert "--dry-run" in capsys.readouterr().err


def test_config_naming_an_unset_password_variable_is_a_usage_error(in_tmp, capsys, monkeypatch):
    monkeypatch.delenv("ESC_SYNC_PASSWORD", raising=False)
    config = EXAMPLES / "esc-sync.yaml"
    assert (
        main(["--config", str(config), "push", "customers", str(EXAMPLES / "customers.csv")]) == 2
    )
    assert "ESC_SYNC_PASSWORD" in capsys.readouterr().err


def test_missing_file_is_a_usage_error(in_tmp, capsys):
    assert main(["push", "customers", "nowhere.csv", "--dry-run"]) == 2
    assert "nowhere.csv" in capsys.readouterr().err


def test_streams_below_one_are_a_usage_error(in_tmp, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["push", "customers", str(EXAMPLES / "customers.csv"), "--streams", "0"])
    assert exit_.value.code == 2
    assert "--streams" in capsys.readouterr().err


def test_push_sends_through_as_many_streams_as_asked(in_tmp, capsys, monkeypatch):
    from tests.test_sync_jobs import SlowLoads, seeded_gateway

    monkeypatch.setenv("ESC_SYNC_PASSWORD", "x")
    config = in_tmp / "esc-sync.yaml"
    config.write_text((EXAMPLES / "esc-sync.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    slow = SlowLoads(seeded_gateway())
    file = str(EXAMPLES / "customers.csv")
    arguments = ["--config", str(config), "push", "customers", file, "--streams", "2"]
    assert main([*arguments, "--batch-size", "2"], gateway_factory=lambda _config: slow) == 0
    assert len(slow.threads) == 2


def test_the_report_names_a_landline_converted_from_the_pre_2021_plan(in_tmp, capsys):
    file = in_tmp / "old_phones.csv"
    file.write_text(
        "source_system,key,name,is_company,phones\n"
        "erp,C-900,Plásticos del Valle S.A.S.,yes,(2) 555 1234\n",
        encoding="utf-8",
    )
    assert main(["push", "customers", str(file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^converted +1$", out, re.MULTILINE)
    assert (
        f"{file}:2  phones: '(2) 555 1234' is a landline of the pre-2021 plan, now +576025551234"
        in out
    )
    assert main(["push", "customers", str(file), "--dry-run", "--report", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [note["field"] for note in document["converted"]] == ["phones"]


def test_a_dry_run_with_a_config_compares_with_odoo_and_says_what_it_would_do(
    in_tmp, capsys, monkeypatch
):
    from tests.test_sync_jobs import seeded_gateway

    monkeypatch.setenv("ESC_SYNC_PASSWORD", "x")
    config = in_tmp / "esc-sync.yaml"
    config.write_text((EXAMPLES / "esc-sync.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    gateway = seeded_gateway()
    file = str(EXAMPLES / "customers.csv")
    arguments = ["--config", str(config), "push", "customers", file, "--dry-run"]
    assert main(arguments, gateway_factory=lambda _config: gateway) == 0
    out = capsys.readouterr().out
    assert "DRY RUN: nothing was sent to Odoo." in out
    assert re.search(r"^would create +10$", out, re.MULTILINE)
    assert re.search(r"^would leave unchanged +0$", out, re.MULTILINE)
    assert "Not compared" not in out
    assert not [call for call in gateway.calls if call.method == "load"]


def test_a_dry_run_without_a_config_says_it_could_not_compare(in_tmp, capsys):
    assert main(["push", "customers", str(EXAMPLES / "customers.csv"), "--dry-run"]) == 0
    assert "Not compared with Odoo (no --config)" in capsys.readouterr().out


@pytest.fixture
def config_file(in_tmp, monkeypatch):
    monkeypatch.setenv("ESC_SYNC_PASSWORD", "x")
    config = in_tmp / "esc-sync.yaml"
    config.write_text((EXAMPLES / "esc-sync.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return str(config)


def test_push_pqrs_prints_each_radicado_and_due_date(config_file, capsys):
    from tests.test_sync_pqrs import seeded_gateway

    gateway = seeded_gateway()
    file = str(EXAMPLES / "pqrs.csv")
    arguments = ["--config", config_file, "push", "pqrs", file]
    assert main(arguments, gateway_factory=lambda _config: gateway) == 0
    out = capsys.readouterr().out
    assert re.search(r"^created +6$", out, re.MULTILINE)
    assert f"{file}:2  CC-2026-1101 → name PQRS/2026/00001" in out
    assert "legal_due_date 2026-12-15" in out


def test_pull_pqrs_writes_the_cases_changed_since_and_the_next_since(config_file, in_tmp, capsys):
    from tests.test_sync_pqrs import seeded_gateway

    gateway = seeded_gateway()
    main(
        ["--config", config_file, "push", "pqrs", str(EXAMPLES / "pqrs.csv")],
        gateway_factory=lambda _config: gateway,
    )
    capsys.readouterr()
    out = in_tmp / "cases.jsonl"
    arguments = ["--config", config_file, "pull", "pqrs", "--since", "2026-11-01T00:00:00Z"]
    assert main([*arguments, "--out", str(out)], gateway_factory=lambda _config: gateway) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["key"] for row in rows] == [f"CC-2026-110{n}" for n in range(1, 7)]
    assert "next pull: --since" in capsys.readouterr().out


def test_pull_without_a_zone_in_since_is_a_usage_error(config_file, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--config", config_file, "pull", "pqrs", "--since", "2026-11-01", "--out", "x"])
    assert exit_.value.code == 2
    assert "has no time zone" in capsys.readouterr().err


def test_status_lists_the_jobs_that_ran_and_always_customers(in_tmp, capsys):
    main(["push", "info", str(EXAMPLES / "info_with_errors.csv"), "--dry-run"])
    capsys.readouterr()

    assert main(["status"]) == 0
    jobs = re.findall(r"^job (\w+)$", capsys.readouterr().out, re.MULTILINE)
    assert jobs == ["customers", "info"]
