"""The ``esc-sync`` configuration: YAML read into pydantic models, secrets from the environment.

File shape (every key is optional, except ``url``, ``database`` and ``login`` once ``odoo:`` is
written)::

    odoo:                                   # absent: nothing can be pushed, only --dry-run
      url: https://odoo.example.com         # http or https, host required, port and path allowed
      database: esc
      login: integration@example.com
      password_env: ESC_SYNC_PASSWORD       # name of the variable holding the password or API key
      timeout_seconds: 60                   # per RPC
      tls_verify: true                      # false turns certificate checks off, written out only
    journal: .esc-sync/journal.sqlite       # relative to the config file's folder
    batch_size: 500                         # rows per load() call
    streams: 2                              # load() calls in flight at once (one session each)
    retries: {attempts: 4, backoff_seconds: 1.0}   # tries per RPC, first included; wait doubles

Decisions:
- Unknown or duplicate keys are errors, named by their path. A misspelt key is never ignored,
  so it can never quietly fall back to a default. Numbers and booleans must be YAML numbers and
  booleans (``"500"`` or ``"no"`` in quotes are refused).
- The password is never in the file: ``odoo.password`` is refused. The password is read from the
  variable named by ``password_env`` and kept as a ``SecretStr``. No message, ``repr``, ``str`` or
  dump shows it. Error messages never quote the values they refuse (a password typed in the
  wrong place must not end up in a terminal or log).
- Credentials in the url (``https://user:secret@host``) are refused for the same reason.
- No config file is searched for: without ``--config`` the defaults apply, with no Odoo (only
  ``--dry-run``) and the journal in ``.esc-sync/journal.sqlite`` under the current directory. A
  stray file in the current directory can therefore never send data to a server.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import SplitResult, urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
)

DEFAULT_JOURNAL = Path(".esc-sync/journal.sqlite")
#: Two streams keep Odoo busy while the client plans batches and records answers, and let a
#: multi-worker Odoo load two batches at once; more pay off only with as many Odoo workers
#: (and CPU cores) to serve them, and each stream is one more session.
DEFAULT_STREAMS = 2
MAX_STREAMS = 16
ENV_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key path."""


def _checked_url(value: str) -> str:
    """Accept ``http(s)://host[:port][/path]``; messages never echo the url."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError("must start with http:// or https://")
    if not parts.hostname:
        raise ValueError("must name a host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry credentials: use login and password_env")
    if parts.query or parts.fragment:
        raise ValueError("must not have a query or fragment")
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        raise ValueError("has an invalid port") from None
    return value.rstrip("/")


def _names_a_file(value: Path) -> Path:
    if value.name in ("", ".", ".."):
        raise ValueError("must name a file")
    return value


OdooUrl = Annotated[StrictStr, AfterValidator(_checked_url)]
JournalPath = Annotated[Path, AfterValidator(_names_a_file)]
PositiveSeconds = Annotated[float, Field(gt=0, le=3600, strict=True)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OdooSection(_Section):
    """The ``odoo:`` section as written in the file."""

    url: OdooUrl
    database: Annotated[StrictStr, Field(min_length=1)]
    login: Annotated[StrictStr, Field(min_length=1)]
    password_env: Annotated[StrictStr, Field(pattern=ENV_NAME_PATTERN)] = "ESC_SYNC_PASSWORD"
    timeout_seconds: PositiveSeconds = 60.0
    tls_verify: StrictBool = True

    @property
    def scheme(self) -> str:
        return self._split().scheme

    @property
    def host(self) -> str:
        return self._split().hostname or ""

    @property
    def port(self) -> int:
        return self._split().port or (443 if self.scheme == "https" else 80)

    @property
    def path(self) -> str:
        return self._split().path or "/"

    def _split(self) -> SplitResult:
        return urlsplit(self.url)


class OdooConnection(OdooSection):
    """The ``odoo:`` section with the password read from the environment."""

    password: SecretStr


class RetrySettings(_Section):
    """How ``odoo.py`` retries an idempotent RPC within a run (the journal retries across runs)."""

    attempts: Annotated[StrictInt, Field(ge=1, le=20)] = 4
    backoff_seconds: Annotated[float, Field(ge=0, le=300, strict=True)] = 1.0


class ConfigFile(_Section):
    """The whole file as written."""

    odoo: OdooSection | None = None
    journal: JournalPath = DEFAULT_JOURNAL
    batch_size: Annotated[StrictInt, Field(ge=1, le=10_000)] = 500
    streams: Annotated[StrictInt, Field(ge=1, le=MAX_STREAMS)] = DEFAULT_STREAMS
    retries: RetrySettings = RetrySettings()


class SyncConfig(ConfigFile):
    """What the sync runs with: the password resolved, the journal an absolute path.

    ``source`` is the file it came from, None for the defaults.
    """

    odoo: OdooConnection | None = None
    source: Path | None = None

    @property
    def can_push(self) -> bool:
        return self.odoo is not None


def default_config(cwd: Path | None = None) -> SyncConfig:
    """No Odoo (only ``--dry-run``), journal ``.esc-sync/journal.sqlite`` under ``cwd``."""
    return SyncConfig(journal=(cwd or Path.cwd()) / DEFAULT_JOURNAL)


def load_config(
    path: Path | None,
    env: Mapping[str, str] = os.environ,
    *,
    cwd: Path | None = None,
    connect: bool = True,
) -> SyncConfig:
    """Read ``path`` (or return the defaults when None) and resolve its password from ``env``.

    With ``connect=False`` (``--dry-run``: nothing is sent) the ``odoo`` section is checked but
    no password is asked for, and the result cannot push."""
    if path is None:
        return default_config(cwd)
    data = _read_yaml(path)
    _check_odoo_section(path, data)
    try:
        written = ConfigFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe(path, error)) from None
    odoo = _connect_settings(path, written.odoo, env) if written.odoo and connect else None
    journal = (path.parent / written.journal.expanduser()).resolve()
    return SyncConfig(
        odoo=odoo,
        journal=journal,
        batch_size=written.batch_size,
        streams=written.streams,
        retries=written.retries,
        source=path,
    )


def _connect_settings(path: Path, odoo: OdooSection, env: Mapping[str, str]) -> OdooConnection:
    name = odoo.password_env
    password = env.get(name)
    if password is None:
        raise ConfigError(f"{path}: environment variable {name} (odoo.password_env) is not set")
    if not password:
        raise ConfigError(f"{path}: environment variable {name} (odoo.password_env) is empty")
    return OdooConnection(**dict(odoo), password=SecretStr(password))


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.safe_load`` keeps the last of two equal keys silently; this refuses them."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # SafeLoader itself refuses unhashable keys
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ConfigError(f"line {line}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError(f"{path}: cannot read: {reason}") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
    except yaml.MarkedYAMLError as error:
        raise ConfigError(f"{path}: {_yaml_problem(error)}") from None
    except yaml.YAMLError:
        raise ConfigError(f"{path}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of keys (odoo, journal, batch_size, ...)")
    return data


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """Line, column and problem, without the snippet of the file PyYAML would quote."""
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return where + (error.problem or error.context or "not valid YAML")


def _check_odoo_section(path: Path, data: Mapping[str, Any]) -> None:
    """Refuse a password in the file, and an ``odoo:`` left empty (it would mean "no Odoo")."""
    if "odoo" not in data:
        return
    odoo = data["odoo"]
    if odoo is None:
        raise ConfigError(f"{path}: odoo: empty section: fill in url, database and login")
    if isinstance(odoo, Mapping) and "password" in odoo:
        raise ConfigError(
            f"{path}: odoo.password: passwords are not read from the file; "
            "name an environment variable in odoo.password_env"
        )


def _describe(path: Path, error: ValidationError) -> str:
    """One line per problem: ``file: key.path: reason``; input values are never quoted."""
    lines = []
    for problem in error.errors(include_input=False, include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        lines.append(f"{path}: {where}: {_reason(problem)}")
    return "\n".join(lines)


def _reason(problem: Mapping[str, Any]) -> str:
    kind = problem["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key missing"
    if kind == "string_pattern_mismatch":
        return "must be an environment variable name (letters, digits, underscore)"
    message = str(problem["msg"])
    return message.removeprefix("Value error, ")
