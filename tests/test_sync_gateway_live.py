"""The odoorpc gateway on a real Odoo 18 (Odoo tier): the Gateway contract, then the live
behaviour only a server shows (request counts, refused login, Odoo's own errors).

Skipped, with how to enable it, unless ``ODOO_RC`` names an Odoo 18 configuration. One
throwaway database with the add-on installed is served for the whole module, then dropped.
"""

from __future__ import annotations

import os

import pytest
from pydantic import SecretStr

from sync.config import OdooConnection, RetrySettings
from sync.gateway import GatewayError, TransientError, UnreachableError
from sync.odoo import OdooRpcGateway
from tests.gateway_contract import GatewayContract
from tests.odoo_tier import HOW_TO_ENABLE, LiveServer

pytestmark = pytest.mark.skipif(not os.environ.get("ODOO_RC"), reason=HOW_TO_ENABLE)

WRONG_PASSWORD = "not-the-admin-password-7Q"


@pytest.fixture(scope="module")
def server(odoo_report):
    with LiveServer() as live:
        odoo_report.append(f"sync gateway live suite: {live.database.name} served on {live.url}")
        yield live


def gateway_on(
    server: LiveServer, password: str = LiveServer.INTEGRATION_PASSWORD
) -> OdooRpcGateway:
    """A gateway logged in as the sync's user (the *PQRS Integration* group only)."""
    settings = OdooConnection(
        url=server.url,
        database=server.database.name,
        login=LiveServer.INTEGRATION_LOGIN,
        password=SecretStr(password),
        timeout_seconds=120.0,
    )
    return OdooRpcGateway(settings, RetrySettings(attempts=2, backoff_seconds=0.5))


@pytest.fixture(scope="module")
def live_gateway(server):
    gateway = gateway_on(server)
    yield gateway
    gateway.close()


class TestOdooRpcGatewayContract(GatewayContract):
    calls_per_call = 1

    @pytest.fixture
    def gateway(self, live_gateway):
        return live_gateway

    @pytest.fixture
    def colombia(self, live_gateway):
        (country,) = live_gateway.search_read("res.country", [("code", "=", "CO")], ["code"])
        return country["id"]


def test_connecting_and_one_call_send_four_requests(server):
    gateway = gateway_on(server)

    gateway.search_read("res.partner", [("id", "=", 0)], ["name"])

    assert gateway.rpc_calls == 4  # version probe, login, context_get, the call itself
    assert gateway.server_version.startswith("18.0")


def test_a_wrong_password_is_unreachable_and_never_quoted(server):
    gateway = gateway_on(server, WRONG_PASSWORD)

    with pytest.raises(UnreachableError) as raised:
        gateway.connect()

    message = str(raised.value)
    assert message.startswith(f"login refused for esc_sync on {server.database.name}")
    assert WRONG_PASSWORD not in message and WRONG_PASSWORD not in repr(raised.value)


def test_an_unknown_model_is_a_gateway_error_with_odoos_message(live_gateway):
    with pytest.raises(GatewayError) as raised:
        live_gateway.search_read("esc.no.such.model", [], ["name"])

    assert not isinstance(raised.value, (TransientError, UnreachableError))
    assert "esc.no.such.model" in str(raised.value)
