"""Drives a real Odoo 18 for the Odoo tier: a throwaway database, the add-on installed with its
tests, upgraded, its terms exported, the benchmark, then the database dropped.

It runs the Odoo the user already has and never fetches, installs or builds one:
``ODOO_RC`` names its configuration file; ``ODOO_BIN`` is the command that starts it (for
example ``/opt/odoo-venv/bin/python /opt/odoo/odoo-bin``), else ``odoo-bin`` is looked for
beside the directories of the configuration's ``addons_path``.
"""

import configparser
import json
import os
import re
import shlex
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.addon import MODULE_NAME, REPO

HOW_TO_ENABLE = (
    "Odoo tier skipped: set ODOO_RC to an Odoo 18 configuration file (and ODOO_BIN to the "
    "command that starts that Odoo when odoo-bin is not beside its addons path) to install "
    "esc_pqrs_module on a throwaway database and run its Odoo tests"
)
#: Odoo's own closing line of a test run: "N failed, N error(s) of N tests when loading ...".
SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests[^\n]*")
#: Odoo's line for a test it skipped: "<logger>: skipped <Class.test> : <reason>".
SKIPPED_TEST = re.compile(r": skipped \S+ : .*$", re.MULTILINE)
#: A log line at ERROR or CRITICAL level.
BAD_LOG_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)
TIMEOUT_SECONDS = 3600
#: How long a started ``odoo-bin`` may take before ``/web/login`` answers.
STARTUP_SECONDS = 180


class OdooTierError(RuntimeError):
    """The Odoo tier could not run as configured."""


@dataclass
class OdooRun:
    """What one ``odoo-bin`` call printed."""

    command: list[str]
    returncode: int
    log: str
    bad_lines: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, command, completed):
        log = completed.stdout + completed.stderr
        bad = [line for line in log.splitlines() if BAD_LOG_LINE.match(line)]
        return cls(command, completed.returncode, log, bad)

    @property
    def skipped_tests(self) -> list[str]:
        return [match.group(0)[len(": skipped ") :] for match in SKIPPED_TEST.finditer(self.log)]

    def tail(self, lines=60) -> str:
        return "\n".join(self.log.splitlines()[-lines:])


def config_path() -> Path:
    return Path(os.environ["ODOO_RC"]).expanduser().resolve()


def addons_path() -> list[str]:
    parser = configparser.ConfigParser()
    if not parser.read(config_path()):
        raise OdooTierError(f"ODOO_RC={config_path()} cannot be read")
    paths = parser.get("options", "addons_path", fallback="")
    return [p.strip() for p in paths.split(",") if p.strip()]


def odoo_command() -> list[str]:
    if os.environ.get("ODOO_BIN"):
        return shlex.split(os.environ["ODOO_BIN"])
    for path in addons_path():
        for candidate in (Path(path).parent / "odoo-bin", Path(path).parent.parent / "odoo-bin"):
            if candidate.is_file():
                return [str(candidate)]
    raise OdooTierError("odoo-bin not found beside the addons_path of ODOO_RC; set ODOO_BIN")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayDatabase:
    """One database made for this run, with the add-on on the addons path."""

    def __init__(self):
        self.name = f"esc_pqrs_test_{uuid.uuid4().hex[:10]}"
        paths = addons_path()
        if str(REPO) not in paths:
            paths.append(str(REPO))
        self.options = [
            "-c",
            str(config_path()),
            "-d",
            self.name,
            f"--addons-path={','.join(paths)}",
        ]

    def install_with_tests(self) -> OdooRun:
        return self._server("-i", MODULE_NAME, "--test-enable", f"--test-tags=/{MODULE_NAME}")

    def install(self, *arguments) -> OdooRun:
        """Install the add-on (and its dependencies), without tests."""
        return self._server("-i", MODULE_NAME, *arguments)

    def upgrade(self) -> OdooRun:
        return self._server("-u", MODULE_NAME)

    def export_terms(self, pot_file: Path) -> OdooRun:
        return self._server(f"--i18n-export={pot_file}", f"--modules={MODULE_NAME}")

    def shell(self, script: Path) -> OdooRun:
        """Run a Python script in ``odoo-bin shell`` (it sees ``env``; changes roll back)."""
        return run_odoo(
            ["shell", *self.options, "--no-http"], stdin=script.read_text(encoding="utf-8")
        )

    def drop(self) -> OdooRun:
        return run_odoo(["db", "-c", str(config_path()), "drop", self.name])

    def _server(self, *arguments) -> OdooRun:
        return run_odoo(
            [*self.options, f"--http-port={free_port()}", "--stop-after-init", *arguments]
        )


class LiveServer:
    """``odoo-bin`` serving a throwaway database with the add-on installed, for live suites.

    As a context manager it installs the add-on without demo data, starts the server on a
    free localhost port (no cron; threaded unless ``workers`` is given) and waits until
    ``/web/login`` answers. On exit it stops the server, then drops the database. A database
    made by ``-i`` has the user ``admin`` with the password ``admin`` (base's data file sets it);
    the server makes the sync's user beside it (`INTEGRATION_LOGIN`), which the live suites run
    the sync as.

    With workers, Odoo also starts its evented (websocket) process, on a free port of its own,
    and starts it again whenever it exits: an Odoo whose gevent cannot start would spend a CPU
    core on that loop, so it is refused first, with gevent's own complaint.
    """

    ADMIN_LOGIN = "admin"
    ADMIN_PASSWORD = "admin"
    #: The user the sync runs as, in the add-on's *PQRS Integration* group only (made at start).
    INTEGRATION_LOGIN = "esc_sync"
    INTEGRATION_PASSWORD = "esc-sync-live-8Kp2"

    def __init__(self, workers: int = 0):
        self.database = ThrowawayDatabase()
        self.port = free_port()
        self.workers = workers
        self.process: subprocess.Popen | None = None
        handle, name = tempfile.mkstemp(prefix=f"{self.database.name}-", suffix=".log")
        os.close(handle)
        self.log_path = Path(name)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        if self.workers:
            check_evented_process_starts()
        installed = self.database.install("--without-demo=all")
        if installed.returncode:
            raise OdooTierError(f"installing {MODULE_NAME} failed:\n{installed.tail()}")
        command = [
            *odoo_command(),
            *self.database.options,
            f"--db-filter=^{self.database.name}$",
            f"--http-port={self.port}",
            "--http-interface=127.0.0.1",
            f"--workers={self.workers}",
            "--max-cron-threads=0",
        ]
        if self.workers:
            command.append(f"--gevent-port={free_port()}")
        with self.log_path.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_it_answers()
        self._make_integration_user()

    def _make_integration_user(self) -> None:
        """The sync's user, as an administrator makes it: in *PQRS Integration* and nothing
        else (the group implies *Internal User*)."""
        database, password = self.database.name, self.ADMIN_PASSWORD
        uid = self.json_rpc("common", "login", database, self.ADMIN_LOGIN, password)
        _model, group = self.json_rpc(
            "object", "execute_kw", database, uid, password, "ir.model.data",
            "check_object_reference", [MODULE_NAME, "group_esc_integration"],
        )  # fmt: skip
        values = {
            "name": "ESC Sync",
            "login": self.INTEGRATION_LOGIN,
            "password": self.INTEGRATION_PASSWORD,
            "groups_id": [(6, 0, [group])],
        }
        self.json_rpc(
            "object", "execute_kw", database, uid, password, "res.users", "create", [values]
        )

    def json_rpc(self, service: str, method: str, *args):
        """One call to Odoo's ``/jsonrpc`` endpoint; Odoo's error as `OdooTierError`."""
        body = {"jsonrpc": "2.0", "method": "call", "id": 1}
        body["params"] = {"service": service, "method": method, "args": list(args)}
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            json.dumps(body).encode("utf-8"),
            {"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            error = answer["error"].get("data", {}).get("message") or answer["error"]
            raise OdooTierError(f"{service}.{method}: {error}")
        return answer["result"]

    def stop(self) -> OdooRun:
        """Stop the server this object started, drop its database, remove its log."""
        self._terminate()
        self.log_path.unlink(missing_ok=True)
        return self.database.drop()  # fails harmlessly when the install never created it

    def _terminate(self) -> None:
        """End the server process, politely first."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines=40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise OdooTierError(
                    f"odoo-bin exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/web/login", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass  # not listening yet, or still loading the registry
            time.sleep(0.5)
        raise OdooTierError(
            f"odoo-bin gave no /web/login in {STARTUP_SECONDS} s:\n{self.log_tail()}"
        )


def check_evented_process_starts() -> None:
    """Raise `OdooTierError` unless ``odoo-bin gevent`` can start (it prints its version)."""
    run = run_odoo(["gevent", "--version"])
    if run.returncode:
        raise OdooTierError(
            "this Odoo cannot start its gevent process, which a multi-worker server restarts "
            f"without end; fix its Python environment first:\n{run.tail(3)}"
        )


def run_odoo(arguments, stdin=None) -> OdooRun:
    command = [*odoo_command(), *arguments]
    completed = subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    return OdooRun.of(command, completed)


def summary_of(run: OdooRun) -> tuple[int, int, int] | None:
    """(failed, errors, tests run) from Odoo's closing line, None when it printed none."""
    found = _last_summary(run)
    return tuple(int(n) for n in found.groups()) if found else None


def summary_line(run: OdooRun) -> str | None:
    """Odoo's closing line of the test run, as it printed it."""
    found = _last_summary(run)
    return found.group(0).rstrip() if found else None


def _last_summary(run: OdooRun) -> re.Match | None:
    found = list(SUMMARY.finditer(run.log))
    return found[-1] if found else None


class RestartableLiveServer(LiveServer):
    """A `LiveServer` whose ``odoo-bin`` can be stopped and started again mid-suite on the same
    port and database: Odoo going away under a client, then coming back."""

    def halt(self) -> None:
        """Stop the server process as `stop` does, keeping the database and the log."""
        self._terminate()

    def restart(self) -> None:
        """Start the halted server again with the command it first ran (same port), appending
        to its log, and wait until ``/web/login`` answers."""
        if self.process is None or self.process.poll() is None:
            raise OdooTierError("restart() needs a server started, then halted")
        with self.log_path.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                self.process.args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_it_answers()
