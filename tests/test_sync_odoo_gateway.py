"""The odoorpc gateway without an Odoo: settings to odoorpc arguments, TLS, counting, errors,
retries and secrets. It runs against `tests.fake_odoo`, a JSON-RPC stand-in served over real
HTTP(S), so odoorpc, urllib and the counting opener are the real ones."""

from __future__ import annotations

import ast
import http.client
import logging
import shutil
import ssl
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import HTTPSHandler, Request

import odoorpc
import pytest
from pydantic import SecretStr

from sync.config import OdooConnection, RetrySettings
from sync.gateway import GatewayError, LoadMessage, TransientError, UnreachableError
from sync.odoo import OdooRpcGateway, RequestCounter, odoo_arguments
from tests.addon import REPO
from tests.fake_odoo import DATABASE, LOGIN, FakeOdoo, OdooFailure, serve
from tests.odoo_tier import free_port

SECRET = "s3cr3t-Pa55word-never-shown"
FIELDS = ["id", "name"]


def settings(url: str, **overrides) -> OdooConnection:
    values = {
        "url": url,
        "database": DATABASE,
        "login": LOGIN,
        "password": SecretStr(SECRET),
        "timeout_seconds": 5.0,
    }
    return OdooConnection(**{**values, **overrides})


class Sleeps(list):
    """Records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def fake():
    with serve(FakeOdoo(password=SECRET)) as running:
        yield running


def gateway_for(url: str, sleeps: Sleeps, attempts: int = 3, **overrides) -> OdooRpcGateway:
    retries = RetrySettings(attempts=attempts, backoff_seconds=0.5)
    return OdooRpcGateway(settings(url, **overrides), retries, sleep=sleeps)


# -- settings → odoorpc ------------------------------------------------------------------------


def test_an_https_url_is_jsonrpc_over_ssl_on_port_443():
    arguments = odoo_arguments(settings("https://odoo.example.com", timeout_seconds=30.0))

    assert arguments == {
        "host": "odoo.example.com",
        "protocol": "jsonrpc+ssl",
        "port": 443,
        "timeout": 30.0,
    }


def test_an_http_url_with_a_port_is_plain_jsonrpc_on_that_port():
    arguments = odoo_arguments(settings("http://10.0.0.5:8069"))

    assert (arguments["host"], arguments["protocol"], arguments["port"]) == (
        "10.0.0.5",
        "jsonrpc",
        8069,
    )


def test_an_ipv6_host_is_written_in_brackets():
    assert odoo_arguments(settings("http://[::1]:8069"))["host"] == "[::1]"


def test_odoorpc_is_given_the_counting_opener(sleeps):
    built = {}

    def factory(**kwargs):
        built.update(kwargs)
        raise ConnectionRefusedError()

    gateway = OdooRpcGateway(
        settings("https://odoo.example.com/"), RetrySettings(attempts=1), client_factory=factory
    )
    with pytest.raises(UnreachableError):
        gateway.connect()

    counters = [h for h in built["opener"].handlers if isinstance(h, RequestCounter)]
    assert len(counters) == 1
    assert built["protocol"] == "jsonrpc+ssl"


def https_context(gateway: OdooRpcGateway) -> ssl.SSLContext:
    (handler,) = [h for h in gateway._opener.handlers if isinstance(h, HTTPSHandler)]
    return handler._context


def test_certificates_and_host_names_are_checked_by_default():
    context = https_context(OdooRpcGateway(settings("https://odoo.example.com")))

    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True


def test_tls_verify_false_turns_the_checks_off_and_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="sync.odoo"):
        gateway = OdooRpcGateway(settings("https://odoo.example.com", tls_verify=False))

    context = https_context(gateway)
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_NONE, False)
    assert "TLS certificate checks are OFF for https://odoo.example.com" in caplog.text


def test_a_redirect_to_https_would_be_verified_too():
    context = https_context(OdooRpcGateway(settings("http://odoo.example.com")))

    assert context.verify_mode == ssl.CERT_REQUIRED


# -- counting and calls ------------------------------------------------------------------------


def test_connecting_counts_the_version_probe_the_login_and_context_get(fake, sleeps):
    gateway = gateway_for(fake.url, sleeps)

    gateway.connect()

    assert gateway.rpc_calls == 3 == len(fake.received)
    assert [r.path for r in fake.received] == [
        "/web/webclient/version_info",
        "/jsonrpc",
        "/jsonrpc",
    ]
    assert gateway.server_version == "18.0"


def test_each_call_after_connecting_is_one_execute_kw_request(fake, sleeps):
    fake.answers[("res.partner", "search_read")] = []
    fake.answers[("res.partner", "load")] = {"ids": [1], "messages": []}
    gateway = gateway_for(fake.url, sleeps)

    gateway.search_read("res.partner", [], ["name"])
    gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]])

    assert gateway.rpc_calls == 5 == len(fake.received)
    assert [call[:2] for call in fake.execute_kw_calls()] == [
        ("res.partner", "search_read"),
        ("res.partner", "load"),
    ]


def test_a_fork_logs_in_with_its_own_client_and_counts_into_the_same_total(fake, sleeps):
    fake.answers[("res.partner", "search_read")] = []
    gateway = gateway_for(fake.url, sleeps)
    gateway.connect()

    fork = gateway.fork()
    fork.search_read("res.partner", [], ["name"])

    assert fork is not gateway and fork.server_version == "18.0"
    assert gateway.rpc_calls == fork.rpc_calls == 7 == len(fake.received)


def test_the_request_counter_misses_no_request_sent_from_several_threads():
    counter = RequestCounter()
    request = Request("http://odoo.example.com/jsonrpc")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _n: counter.http_request(request), range(4000)))

    assert counter.requests == 4000


def test_load_sends_fields_rows_and_context_through_execute_kw(fake, sleeps):
    fake.answers[("res.partner", "load")] = {"ids": [41, 42], "messages": []}
    gateway = gateway_for(fake.url, sleeps)

    result = gateway.load(
        "res.partner", FIELDS, [("esc_sync.a", "A"), ("esc_sync.b", "B")], {"lang": "es_CO"}
    )

    assert result.ids == [41, 42]
    assert fake.execute_kw_calls() == [
        (
            "res.partner",
            "load",
            [FIELDS, [["esc_sync.a", "A"], ["esc_sync.b", "B"]]],
            {"context": {"lang": "es_CO"}},
        )
    ]


def test_search_read_sends_domain_fields_and_context(fake, sleeps):
    fake.answers[("res.partner", "search_read")] = [{"id": 3, "name": "A"}]
    gateway = gateway_for(fake.url, sleeps)

    found = gateway.search_read(
        "res.partner", [("id", "in", [3])], ["name"], {"active_test": False}
    )

    assert found == [{"id": 3, "name": "A"}]
    assert fake.execute_kw_calls() == [
        (
            "res.partner",
            "search_read",
            [[["id", "in", [3]]]],
            {"fields": ["name"], "order": "id", "context": {"active_test": False}},
        )
    ]


def test_odoos_load_answer_becomes_a_load_result(fake, sleeps):
    fake.answers[("res.partner", "load")] = {
        "ids": False,
        "messages": [
            {
                "type": "error",
                "message": "No matching record found for external id 'esc_sync.x' in field 'P'",
                "record": 3,
                "rows": {"from": 3, "to": 3},
                "field": "parent_id",
            },
            {"type": "error", "message": "'Contacts require a name'", "rows": {"from": 1, "to": 1}},
            {"type": "warning", "message": "Found more than 10 errors"},
        ],
        "nextrow": 0,
    }
    gateway = gateway_for(fake.url, sleeps)

    result = gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]])

    assert result.ids is None
    assert result.messages == [
        LoadMessage(
            3, "parent_id", "No matching record found for external id 'esc_sync.x' in field 'P'"
        ),
        LoadMessage(1, None, "'Contacts require a name'"),
        LoadMessage(None, None, "Found more than 10 errors", "warning"),
    ]


def test_a_path_prefixed_url_sends_every_request_under_its_path(sleeps):
    with serve(FakeOdoo(password=SECRET, path_prefix="/odoo")) as fake:
        fake.answers[("res.partner", "search_read")] = []
        gateway = gateway_for(fake.url + "/", sleeps)

        gateway.search_read("res.partner", [], ["name"])

    assert [r.path for r in fake.received] == [
        "/odoo/web/webclient/version_info",
        "/odoo/jsonrpc",
        "/odoo/jsonrpc",
        "/odoo/jsonrpc",
    ]


# -- errors and retries ------------------------------------------------------------------------


def test_a_refused_login_is_unreachable_naming_login_and_database_only(fake, sleeps):
    gateway = OdooRpcGateway(
        settings(fake.url, password=SecretStr("wrong-" + SECRET)), sleep=sleeps
    )

    with pytest.raises(UnreachableError) as raised:
        gateway.connect()

    assert str(raised.value) == (
        f"login refused for {LOGIN} on {DATABASE}: Wrong login ID or password"
    )
    assert sleeps == []
    assert len(fake.received) == 2


def test_an_odoo_error_is_a_gateway_error_with_odoos_message_and_no_retry(fake, sleeps):
    fake.answers[("res.partner", "search_read")] = OdooFailure("Invalid field 'nope' on model")
    gateway = gateway_for(fake.url, sleeps)

    with pytest.raises(GatewayError) as raised:
        gateway.search_read("res.partner", [], ["nope"])

    assert type(raised.value) is GatewayError
    assert str(raised.value) == "res.partner.search_read: Invalid field 'nope' on model"
    assert len(fake.execute_kw_calls()) == 1
    assert sleeps == []


def test_a_server_refusing_connections_is_unreachable_after_every_try_with_doubling_waits(
    sleeps,
):
    url = f"http://127.0.0.1:{free_port()}"
    gateway = gateway_for(url, sleeps, attempts=4)

    with pytest.raises(UnreachableError) as raised:
        gateway.search_read("res.partner", [], ["name"])

    assert str(raised.value) == f"cannot reach Odoo at {url}: connection refused after 4 tries"
    assert sleeps == [0.5, 1.0, 2.0]
    assert gateway.rpc_calls == 4


def test_an_unknown_host_is_unreachable(sleeps):
    gateway = gateway_for("http://no-such-host.invalid", sleeps, attempts=1)

    with pytest.raises(UnreachableError, match="host name not found"):
        gateway.connect()


def test_a_call_that_keeps_timing_out_is_transient_after_every_try(fake, sleeps):
    fake.answers[("res.partner", "load")] = {"ids": [1], "messages": []}
    gateway = gateway_for(fake.url, sleeps, attempts=2, timeout_seconds=0.3)
    gateway.connect()
    fake.then("sleep", 1.0).then("sleep", 1.0)

    with pytest.raises(TransientError) as raised:
        gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]])

    assert str(raised.value) == f"res.partner.load on {fake.url}: timed out after 2 tries"
    assert sleeps == [0.5]


def test_a_connection_that_keeps_timing_out_is_unreachable(fake, sleeps):
    gateway = gateway_for(fake.url, sleeps, attempts=2, timeout_seconds=0.3)
    fake.then("sleep", 1.0).then("sleep", 1.0)

    with pytest.raises(UnreachableError, match="timed out after 2 tries"):
        gateway.connect()


@pytest.mark.parametrize("failure", [("status", 503), ("status", 502), ("drop", None)])
def test_a_passing_failure_is_retried_and_the_answer_returned(fake, sleeps, failure):
    fake.answers[("res.partner", "load")] = {"ids": [9], "messages": []}
    gateway = gateway_for(fake.url, sleeps, attempts=3)
    gateway.connect()
    fake.then(*failure).then(*failure)

    assert gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]]).ids == [9]
    assert sleeps == [0.5, 1.0]
    assert gateway.rpc_calls == 3 + 3  # connection, then two failed tries and the good one


def test_a_503_that_lasts_is_transient(fake, sleeps):
    gateway = gateway_for(fake.url, sleeps, attempts=2)
    gateway.connect()
    fake.then("status", 503).then("status", 503)

    with pytest.raises(TransientError, match="HTTP 503"):
        gateway.search_read("res.partner", [], ["name"])


def test_a_url_that_is_not_odoo_is_unreachable_at_once(sleeps):
    with serve(FakeOdoo(password=SECRET, path_prefix="/odoo")) as fake:
        gateway = gateway_for(f"http://127.0.0.1:{fake.port}/erp", sleeps)
        with pytest.raises(UnreachableError, match="HTTP 404"):
            gateway.connect()
    assert sleeps == []


def test_a_web_page_instead_of_json_rpc_is_unreachable_and_says_why(fake, sleeps):
    fake.then("html")

    with pytest.raises(UnreachableError, match="not JSON-RPC: does the url point to Odoo"):
        gateway_for(fake.url, sleeps).connect()


# -- TLS against a real TLS server -------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl's command line makes it)."""
    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)]
        + ["-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-addext", "basicConstraints=critical,CA:TRUE"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_fake(certificate):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with serve(FakeOdoo(password=SECRET), tls=context) as running:
        yield running


def test_a_certificate_that_does_not_verify_is_refused_without_retrying(tls_fake, sleeps):
    gateway = gateway_for(tls_fake.url, sleeps, attempts=4)

    with pytest.raises(UnreachableError, match="TLS certificate not verified"):
        gateway.connect()

    assert sleeps == []
    assert tls_fake.received == []


def test_tls_verify_false_accepts_a_self_signed_certificate(tls_fake, sleeps):
    gateway = gateway_for(tls_fake.url, sleeps, tls_verify=False)

    gateway.connect()

    assert gateway.server_version == "18.0"
    assert gateway.rpc_calls == 3 == len(tls_fake.received)


def test_a_private_ca_named_by_ssl_cert_file_is_trusted(tls_fake, sleeps, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    gateway = gateway_for(tls_fake.url, sleeps)

    gateway.connect()

    assert gateway.server_version == "18.0"


# -- secrets -----------------------------------------------------------------------------------


def test_odoorpc_alone_would_log_the_password_at_debug(fake, caplog):
    """The threat the gateway guards against, shown without the gateway."""
    wire = logging.getLogger("odoorpc.rpc.jsonrpclib")
    saved = (wire.level, list(wire.filters))
    wire.filters.clear()
    wire.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG):
            client = odoorpc.ODOO("127.0.0.1", port=fake.port)
            client.login(DATABASE, LOGIN, SECRET)
    finally:
        wire.setLevel(saved[0])
        wire.filters[:] = saved[1]
    assert SECRET in caplog.text


@pytest.fixture
def debug_everywhere(caplog, monkeypatch):
    """Everything at DEBUG: root, odoorpc's loggers (after the gateway raised them), and
    http.client's wire debug, which prints request bodies to stdout."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(http.client.HTTPConnection, "debuglevel", 1)
    odoorpc_loggers = [logging.getLogger(n) for n in ("odoorpc", "odoorpc.rpc.jsonrpclib")]
    saved = [named.level for named in odoorpc_loggers]

    def lower() -> None:
        for named in odoorpc_loggers:
            named.setLevel(logging.DEBUG)

    yield lower
    for named, level in zip(odoorpc_loggers, saved, strict=True):
        named.setLevel(level)


def test_the_password_never_reaches_logs_output_or_errors_even_at_debug(
    fake, sleeps, caplog, capfd, debug_everywhere
):
    fake.answers[("res.partner", "load")] = {"ids": [1], "messages": []}
    fake.answers[("res.partner", "search_read")] = OdooFailure(f"bad password {SECRET}")
    gateway = gateway_for(fake.url, sleeps)
    debug_everywhere()  # someone lowers the levels after the gateway raised them

    gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]])
    errors = []
    with pytest.raises(GatewayError) as odoo_error:
        gateway.search_read("res.partner", [], ["name"])
    errors.append(odoo_error.value)
    fake.then("status", 503).then("status", 503).then("status", 503)
    with pytest.raises(TransientError) as transient:
        gateway.load("res.partner", FIELDS, [["esc_sync.a", "A"]])
    errors.append(transient.value)
    refused = OdooRpcGateway(settings(fake.url, password=SecretStr(SECRET + "x")), sleep=sleeps)
    with pytest.raises(UnreachableError) as unreachable:
        refused.connect()
    errors.append(unreachable.value)

    captured = capfd.readouterr()
    assert caplog.records, "nothing was logged: the test would prove nothing"
    assert SECRET not in caplog.text
    assert SECRET not in captured.out + captured.err
    for error in errors:
        assert SECRET not in str(error) and SECRET not in repr(error)
        assert error.__cause__ is None and error.__suppress_context__
    assert "bad password ********" in str(errors[0])
    assert SECRET not in repr(gateway)


def _parsed(path: Path) -> list[ast.AST]:
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_only_sync_odoo_imports_odoorpc():
    importers = sorted(
        path.name
        for path in (REPO / "sync").glob("*.py")
        for node in _parsed(path)
        if (isinstance(node, ast.Import) and any(a.name.startswith("odoorpc") for a in node.names))
        or (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("odoorpc"))
    )
    assert set(importers) == {"odoo.py"}


def test_no_session_is_ever_saved_to_disk():
    saves = [
        node
        for node in _parsed(REPO / "sync" / "odoo.py")
        if isinstance(node, ast.Attribute) and node.attr == "save"
    ]
    assert saves == []
