"""The ``esc-sync`` config: strict YAML, secrets only from the environment, never shown."""

from pathlib import Path

import pytest

from sync.config import ConfigError, default_config, load_config
from tests.addon import REPO

EXAMPLE = REPO / "examples" / "esc-sync.yaml"
SECRET = "s3cr3t-Pa55word-never-shown"
ENV = {"ESC_SYNC_PASSWORD": SECRET}

VALID = """\
odoo:
  url: https://odoo.example.com
  database: esc
  login: integration@example.com
  password_env: ESC_SYNC_PASSWORD
journal: state/journal.sqlite
"""


def write(tmp_path: Path, text: str, name: str = "esc-sync.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, env: dict[str, str] = ENV) -> str:
    with pytest.raises(ConfigError) as error:
        load_config(path, env)
    return str(error.value)


def test_the_shipped_example_loads():
    config = load_config(EXAMPLE, ENV)
    assert config.odoo is not None
    assert config.odoo.url == "https://odoo.example.com"
    assert config.odoo.tls_verify is True
    assert config.batch_size == 500
    assert config.streams == 2
    assert config.retries.attempts == 4
    assert config.odoo.password.get_secret_value() == SECRET


def test_an_unknown_key_is_named_with_its_path_and_file(tmp_path):
    path = write(tmp_path, VALID.replace("  database:", "  pasword: x\n  database:"))
    assert error_of(path) == f"{path}: odoo.pasword: unknown key"


def test_an_unknown_top_level_key_is_refused(tmp_path):
    path = write(tmp_path, VALID + "batch: 100\n")
    assert error_of(path) == f"{path}: batch: unknown key"


def test_a_duplicate_key_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, VALID + "batch_size: 100\nbatch_size: 200\n")
    assert error_of(path) == f"{path}: line 8: duplicate key 'batch_size'"


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "odoo:\n  url: https://x\n   database: [esc\n")
    message = error_of(path)
    assert message.startswith(f"{path}: line 3, column ")


def test_a_number_written_as_text_is_refused(tmp_path):
    path = write(tmp_path, VALID + "batch_size: '500'\n")
    assert error_of(path).startswith(f"{path}: batch_size: ")


def test_streams_are_two_unless_written_and_never_below_one(tmp_path):
    assert load_config(write(tmp_path, "batch_size: 100\n"), env={}).streams == 2
    assert load_config(write(tmp_path, "streams: 4\n"), env={}).streams == 4
    path = write(tmp_path, "streams: 0\n")
    assert error_of(path).startswith(f"{path}: streams: ")


def test_tls_verification_is_on_unless_written_false(tmp_path):
    assert load_config(write(tmp_path, VALID), ENV).odoo.tls_verify is True
    unverified = VALID.replace("  password_env:", "  tls_verify: false\n  password_env:")
    assert load_config(write(tmp_path, unverified), ENV).odoo.tls_verify is False


def test_tls_verify_must_be_a_yaml_boolean(tmp_path):
    path = write(tmp_path, VALID.replace("  password_env:", "  tls_verify: 'no'\n  password_env:"))
    assert error_of(path).startswith(f"{path}: odoo.tls_verify: ")


def test_a_missing_password_variable_is_named(tmp_path):
    path = write(tmp_path, VALID)
    assert error_of(path, env={}) == (
        f"{path}: environment variable ESC_SYNC_PASSWORD (odoo.password_env) is not set"
    )


def test_an_empty_password_variable_is_refused(tmp_path):
    path = write(tmp_path, VALID)
    assert error_of(path, env={"ESC_SYNC_PASSWORD": ""}).endswith("is empty")


def test_the_password_is_read_from_the_variable_the_file_names(tmp_path):
    path = write(tmp_path, VALID.replace("ESC_SYNC_PASSWORD", "ERP_ODOO_KEY"))
    config = load_config(path, {"ERP_ODOO_KEY": SECRET})
    assert config.odoo.password.get_secret_value() == SECRET


def test_a_password_in_the_file_is_refused_without_quoting_it(tmp_path):
    path = write(tmp_path, VALID.replace("  login:", f"  password: {SECRET}\n  login:"))
    message = error_of(path)
    assert message.startswith(f"{path}: odoo.password: passwords are not read from the file")
    assert SECRET not in message


def test_the_password_never_appears_in_str_repr_or_json(tmp_path):
    config = load_config(write(tmp_path, VALID), ENV)
    for shown in (str(config), repr(config), config.model_dump_json(), str(config.model_dump())):
        assert SECRET not in shown


def test_the_password_never_appears_in_an_error_about_another_key(tmp_path):
    path = write(tmp_path, VALID.replace("https://odoo.example.com", "odoo.example.com"))
    assert SECRET not in error_of(path)


def test_credentials_in_the_url_are_refused_without_quoting_them(tmp_path):
    path = write(tmp_path, VALID.replace("https://", f"https://admin:{SECRET}@"))
    message = error_of(path)
    assert message == f"{path}: odoo.url: must not carry credentials: use login and password_env"
    assert SECRET not in message


def test_a_value_typed_into_password_env_is_not_quoted_back(tmp_path):
    path = write(
        tmp_path, VALID.replace("password_env: ESC_SYNC_PASSWORD", f"password_env: '{SECRET}!'")
    )
    message = error_of(path)
    assert message.startswith(f"{path}: odoo.password_env: must be an environment variable name")
    assert SECRET not in message


def test_a_relative_journal_is_resolved_against_the_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    config = load_config(write(tmp_path, VALID), ENV)
    assert config.journal == tmp_path.resolve() / "state" / "journal.sqlite"


def test_an_absolute_journal_is_kept(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "journal.sqlite"
    path = write(tmp_path, VALID.replace("state/journal.sqlite", str(elsewhere)))
    assert load_config(path, ENV).journal == elsewhere


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://odoo.example.com", "must start with http:// or https://"),
        ("odoo.example.com", "must start with http:// or https://"),
        ("https://", "must name a host"),
        ("https://odoo.example.com:99999", "has an invalid port"),
        ("https://odoo.example.com/?db=esc", "must not have a query or fragment"),
    ],
)
def test_a_bad_url_is_refused(tmp_path, url, reason):
    path = write(tmp_path, VALID.replace("https://odoo.example.com", url))
    assert error_of(path) == f"{path}: odoo.url: {reason}"


def test_a_url_may_carry_a_port_and_a_path(tmp_path):
    url = "http://odoo.internal:8069/erp"
    odoo = load_config(write(tmp_path, VALID.replace("https://odoo.example.com", url)), ENV).odoo
    assert (odoo.scheme, odoo.host, odoo.port, odoo.path) == ("http", "odoo.internal", 8069, "/erp")


def test_a_missing_required_key_is_named(tmp_path):
    path = write(tmp_path, VALID.replace("  login: integration@example.com\n", ""))
    assert error_of(path) == f"{path}: odoo.login: required key missing"


def test_an_empty_odoo_section_is_refused(tmp_path):
    path = write(tmp_path, "odoo:\njournal: journal.sqlite\n")
    assert error_of(path) == f"{path}: odoo: empty section: fill in url, database and login"


def test_a_file_without_odoo_section_loads_for_dry_runs_only(tmp_path):
    config = load_config(write(tmp_path, "batch_size: 100\n"), env={})
    assert config.odoo is None
    assert not config.can_push
    assert config.batch_size == 100


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "absent.yaml"
    assert error_of(path) == f"{path}: cannot read: No such file or directory"


def test_without_a_config_file_nothing_can_be_pushed_and_the_journal_is_under_the_cwd(tmp_path):
    config = load_config(None, env=ENV, cwd=tmp_path)
    assert config.odoo is None
    assert config.journal == tmp_path / ".esc-sync" / "journal.sqlite"
    assert config == default_config(tmp_path)
