"""Setting a phone up over the API: the public CA certificate, the setup page, the plain-http
setup listener that serves nothing else, one-time sign-in codes, and uploads as an Apple
Shortcut sends them."""

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.memos import delete_person
from afterword.store.models import SigninCode, utc_now
from afterword.store.signin import hash_code, normalize_code
from afterword.web.app import create_app
from afterword.web.ca import GivenPassphrase
from afterword.web.certificates import fingerprint
from afterword.web.setup_app import create_setup_app
from afterword.web.tls import CA_KEY, ensure_server_certificate, server_names, tls_folder
from tests.support.factories import issue_signin_code
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo


@pytest.fixture
def quiet_client(settings: Settings) -> Iterator[TestClient]:
    """The app without its worker: nothing here needs the model."""
    with TestClient(create_app(settings, run_worker=False)) as test_client:
        yield test_client


def make_tls(settings: Settings) -> Path:
    """What `serve --https` leaves in the data folder; returns the folder."""
    ensure_server_certificate(
        tls_folder(settings.data_dir), server_names(["afterword.test"]), GivenPassphrase(b"a test passphrase")
    )
    return tls_folder(settings.data_dir)


def test_ca_certificate_is_public_in_pem_and_der_and_never_its_key(
    quiet_client: TestClient, settings: Settings
) -> None:
    missing = quiet_client.get("/ca.pem")
    assert missing.status_code == 404
    assert "no certificate authority of its own" in missing.json()["detail"]

    folder = make_tls(settings)
    pem = quiet_client.get("/ca.pem")
    assert pem.status_code == 200 and pem.content == (folder / "ca.pem").read_bytes()
    der = quiet_client.get("/ca.crt")
    assert der.headers["content-type"] == "application/x-x509-ca-cert"
    assert x509.load_der_x509_certificate(der.content) == x509.load_pem_x509_certificate(pem.content)
    saved = quiet_client.get("/afterword-ca.crt")
    assert saved.headers["content-type"] == "application/octet-stream"
    assert saved.headers["content-disposition"] == 'attachment; filename="afterword-ca.crt"'
    assert saved.content == der.content
    key = (folder / CA_KEY).read_bytes()
    for answer in (pem, der, saved, quiet_client.get("/setup")):
        assert b"PRIVATE KEY" not in answer.content and key not in answer.content


def test_setup_page_shows_the_fingerprint_and_the_steps_for_both_phones(
    quiet_client: TestClient, settings: Settings
) -> None:
    ca = x509.load_pem_x509_certificate((make_tls(settings) / "ca.pem").read_bytes())
    page = quiet_client.get("/setup")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert fingerprint(ca) in page.text
    assert "{{" not in page.text
    for step in (
        "Settings → Profile Downloaded → Install",
        "General → About → Certificate Trust Settings",
        "Settings → Security → Encryption &amp; credentials → Install a certificate\n            → CA certificate",
        "do not tap Proceed",
    ):
        assert step in page.text, step
    assert "connect-src 'self' https:" in page.headers["content-security-policy"]
    assert "strict-transport-security" not in page.headers  # it would lock the http setup port out


def test_setup_listener_serves_the_setup_page_and_the_ca_and_nothing_else(settings: Settings) -> None:
    make_tls(settings)
    with TestClient(create_setup_app(settings, https_port=8443)) as plain:
        home = plain.get("/")
        assert home.status_code == 200 and 'data-https-port="8443"' in home.text
        for public in (
            "/setup",
            "/ca.pem",
            "/ca.crt",
            "/afterword-ca.crt",
            "/static/setup.js",
            "/static/styles.css",
        ):
            assert plain.get(public).status_code == 200, public
        for private in (
            "/api/me",
            "/api/memos",
            "/docs",
            "/openapi.json",
            "/sw.js",
            "/static/app.js",
            "/v1/models",
        ):
            assert plain.get(private).status_code == 404, private
        assert plain.post("/api/signin", json={"code": "AAAA-AAAA"}).status_code in (404, 405)


def test_a_code_signs_in_once_and_gives_a_working_token(quiet_client: TestClient, settings: Settings) -> None:
    code = issue_signin_code(settings, "Sam")
    # Typed on a phone keyboard: lower case, a space for the dash, O for 0 and I for 1 forgiven.
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "i")
    answer = quiet_client.post("/api/signin", json={"code": typed})
    assert answer.status_code == 200, answer.text
    assert answer.json()["name"] == "Sam"
    token = answer.json()["token"]
    assert quiet_client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["name"] == "Sam"
    spent = quiet_client.post("/api/signin", json={"code": code})
    assert spent.status_code == 401
    assert "wrong, used or expired" in spent.json()["detail"]


@pytest.mark.parametrize("code", ["", "AAAA", "AAAA-AAAA-AAAA", "ÄÄÄÄ-ÄÄÄÄ", "aw_token_like", "UUUU-UUUU"])
def test_wrong_codes_of_every_shape_are_refused_alike(quiet_client: TestClient, code: str) -> None:
    answer = quiet_client.post("/api/signin", json={"code": code})
    assert answer.status_code == 401
    assert "wrong, used or expired" in answer.json()["detail"]


def test_an_expired_code_is_refused(quiet_client: TestClient, settings: Settings) -> None:
    code = issue_signin_code(settings, "Late")
    db = open_database(settings)
    with db.write() as session:
        session.execute(update(SigninCode).values(expires_at=utc_now() - timedelta(seconds=1)))
    db.close()
    assert quiet_client.post("/api/signin", json={"code": code}).status_code == 401


def test_codes_are_stored_only_as_hashes_and_go_with_their_person(settings: Settings) -> None:
    code = issue_signin_code(settings, "Gone")
    db = open_database(settings)
    try:
        with db.read() as session:
            rows = session.scalars(select(SigninCode)).all()
            raw = normalize_code(code)
            assert raw is not None and [row.code_hash for row in rows] == [hash_code(raw)]
            assert raw not in repr([row.__dict__ for row in rows])
        assert delete_person(db, name="Gone") == 0
        with db.read() as session:
            assert session.scalars(select(SigninCode)).all() == []
    finally:
        db.close()


def test_sign_in_attempts_are_limited_per_address(quiet_client: TestClient) -> None:
    answers = [quiet_client.post("/api/signin", json={"code": "AAAA-AAAA"}).status_code for _ in range(11)]
    assert answers == [401] * 10 + [429]
    limited = quiet_client.post("/api/signin", json={"code": "AAAA-AAAA"})
    assert int(limited.headers["retry-after"]) >= 1


def test_a_signed_in_phone_makes_a_code_for_its_home_screen_app(
    quiet_client: TestClient, alice: dict[str, str]
) -> None:
    assert quiet_client.post("/api/signin-codes").status_code == 401
    made = quiet_client.post("/api/signin-codes", headers=alice)
    assert made.status_code == 201
    assert made.json()["minutes"] == 15
    redeemed = quiet_client.post("/api/signin", json={"code": made.json()["code"]})
    assert redeemed.json()["name"] == "Alice"
    assert redeemed.json()["token"] != alice["Authorization"].removeprefix("Bearer ")


@pytest.mark.parametrize("content_type", ["audio/x-m4a", "audio/mp4a-latm"])
def test_upload_as_an_apple_shortcut_sends_it(
    client: TestClient, alice: dict[str, str], content_type: str
) -> None:
    """Shortcuts' "Get Contents of URL" with a Form body: the recording from "Record Audio" as
    the file field `file`, named Recording.m4a, typed as its m4a UTI maps."""
    with (SAMPLES / "jfk.m4a").open("rb") as file:
        answer = client.post(
            "/api/memos", headers=alice, files={"file": ("Recording.m4a", file, content_type)}
        )
    assert answer.status_code == 202, answer.text
    memo_id = uuid.UUID(answer.json()["id"])
    ready = settled_memo(client, memo_id, alice)
    assert ready["status"] == "done", ready
    assert "country" in ready["transcript"]["text"].lower()
    audio = client.get(f"/api/memos/{memo_id}/audio", headers=alice)
    assert audio.headers["content-type"] == content_type
    assert "Recording.m4a" in audio.headers["content-disposition"]
