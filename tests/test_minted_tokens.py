"""A token that a phone made (its sign-in code, redeemed by another app) belongs to the token
that made it: `afterword tokens` shows which, `token revoke` takes it along and says so, and a code the
revoked token made but nobody used yet dies with it. A phone making a code leaves the code
`afterword pair` printed alone."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from afterword.settings import Settings
from afterword.store.db import Database
from afterword.store.signin import issue_signin_code
from afterword.web.app import create_app

Who = dict[str, str]


@pytest.fixture
def client(settings: Settings, db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, run_worker=False)) as test_client:
        yield test_client


def signed_in(client: TestClient, code: str) -> Who:
    answer = client.post("/api/signin", json={"code": code})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def minted_code(client: TestClient, phone: Who) -> str:
    answer = client.post("/api/signin-codes", headers=phone)
    assert answer.status_code == 201, answer.text
    code: str = answer.json()["code"]
    return code


def token_id(who: Who) -> str:
    return who["Authorization"].split("_")[1][:8]


def operator_code(db: Database, name: str = "Sam") -> str:
    """What `afterword pair Sam` does."""
    return issue_signin_code(db, person_name=name).code


def alive(client: TestClient, who: Who) -> bool:
    return client.get("/api/me", headers=who).status_code == 200


def test_revoking_a_token_revokes_every_token_it_made_and_says_which(
    client: TestClient, db: Database, run
) -> None:  # type: ignore[no-untyped-def]
    run("person", "add", "Sam")
    browser = signed_in(client, operator_code(db))
    home_screen_app = signed_in(client, minted_code(client, browser))
    its_own_child = signed_in(client, minted_code(client, home_screen_app))
    unused = minted_code(client, home_screen_app)
    other_phone = signed_in(client, operator_code(db))

    listed = run("tokens").stdout
    row = next(line for line in listed.splitlines() if token_id(home_screen_app) in line)
    assert token_id(browser) in row, listed  # made by the browser's token

    told = run("token", "revoke", token_id(browser)).stdout
    flat = re.sub(r"\s+", " ", told)
    assert f"Revoked token {token_id(browser)}" in flat
    assert "and the 2 tokens it made" in flat
    assert token_id(home_screen_app) in flat and token_id(its_own_child) in flat
    for gone in (browser, home_screen_app, its_own_child):
        assert not alive(client, gone)
    assert client.post("/api/signin", json={"code": unused}).status_code == 401
    assert alive(client, other_phone)  # made by `pair`, not by the revoked token


def test_a_phone_making_a_code_leaves_the_operators_code_alone(client: TestClient, db: Database, run) -> None:  # type: ignore[no-untyped-def]
    run("person", "add", "Sam")
    browser = signed_in(client, operator_code(db))
    printed_by_pair = operator_code(db)
    first_minted = minted_code(client, browser)
    second_minted = minted_code(client, browser)
    assert alive(client, signed_in(client, printed_by_pair))
    # The same phone's next code still ends its own unused one, as `pair` ends its own.
    assert client.post("/api/signin", json={"code": first_minted}).status_code == 401
    assert alive(client, signed_in(client, second_minted))
