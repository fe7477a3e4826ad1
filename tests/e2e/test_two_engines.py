"""The phone tests that matter, in both engines: Debian's Chromium and WebKitGTK (the engine of
every iPhone browser), with the same steps and the same assertions, over https on a name that is
not localhost with Afterword's own CA, and a server that is really stopped for "no signal".
"""

import time

import pytest

from tests.support.engines import (
    Phone,
    visible,
    wait_for_service_worker,
    wait_text,
    wait_visible,
)
from tests.support.factories import issue_token
from tests.support.lan import LanServer
from tests.support.phone import OFFLINE_SAY

pytestmark = pytest.mark.browser


def signed_in(phones, lan: LanServer, name: str) -> Phone:  # type: ignore[no-untyped-def]
    phone = phones()
    phone.goto(f"{lan.origin}/#token={issue_token(lan.settings, name)}")
    wait_text(phone, "#who", f"Signed in as {name}")
    return phone


def test_loads_clean_signs_in_by_link_and_opens_with_the_server_stopped(phones, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    phone = signed_in(phones, lan, "Lee")
    assert phone.url() == f"{lan.origin}/", "the token must leave the address bar"
    wait_for_service_worker(phone)
    assert not visible(phone, "#trust-notice")

    lan.server.stop()
    phone.reload()
    wait_visible(phone, "#record-screen")
    wait_text(phone, "#status", OFFLINE_SAY)
    assert not visible(phone, "#trust-notice")
    time.sleep(1)  # anything still to go wrong in the page's or the worker's promises
    assert phone.console_errors() == []
