"""Who the client is. X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies
the settings name (AFTERWORD_TRUSTED_PROXIES); from anyone else they change nothing, so a client
cannot pick a new address for each try to get past the sign-in limits. Through the real
`afterword serve` and uvicorn, with clients on loopback addresses of their own."""

from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

from afterword.settings import Settings
from afterword.web.app import create_app
from afterword.web.proxies import TrustedProxyMiddleware, forwarded_client, networks
from tests.support.factories import issue_token
from tests.support.loopback import client_from, signin_answers
from tests.support.processes import serving
from tests.support.server import RestartableServer

TEN_WRONG_THEN_LIMITED = [401] * 10 + [429]


@pytest.mark.parametrize(
    ("peer", "chain", "client"),
    [
        ("198.51.100.7", ["203.0.113.9"], "198.51.100.7"),  # not a proxy: its header is its own
        ("10.0.0.1", ["203.0.113.9"], "203.0.113.9"),
        ("10.0.0.1", ["6.6.6.6", "203.0.113.9"], "203.0.113.9"),  # left of the client: its own words
        ("10.0.0.1", ["6.6.6.6", "203.0.113.9", "10.0.0.2"], "203.0.113.9"),  # two proxies deep
        ("10.0.0.1", ["10.0.0.3", "10.0.0.2"], "10.0.0.3"),  # proxies all the way
        ("10.0.0.1", ["not-an-address"], "10.0.0.1"),
        ("10.0.0.1", ["6.6.6.6", "garbage", "10.0.0.2"], "10.0.0.2"),
        ("10.0.0.1", [], "10.0.0.1"),
        ("2001:db8::5", ["2001:db8:1::9"], "2001:db8:1::9"),
    ],
)
def test_the_client_is_the_first_address_from_the_right_that_is_no_trusted_proxy(
    peer: str, chain: list[str], client: str
) -> None:
    assert forwarded_client(peer, chain, networks(["10.0.0.0/8", "2001:db8::/64"])) == client


async def forwarded(trusted: list[str], peer: str, headers: dict[str, str]) -> tuple[Any, str]:
    """The client and scheme the app behind the middleware sees."""
    seen: dict[str, Any] = {}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.update(client=scope["client"], scheme=scope["scheme"])

    scope = {
        "type": "http",
        "scheme": "http",
        "client": (peer, 5000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }

    async def nothing() -> Message:
        return {"type": "http.request"}

    async def ignore(message: Message) -> None:
        return None

    await TrustedProxyMiddleware(app, trusted=trusted)(scope, nothing, ignore)
    return seen["client"], seen["scheme"]


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_forwarding_headers_change_the_client_and_scheme_only_from_a_trusted_proxy(
    anyio_backend: str,
) -> None:
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    assert await forwarded(["127.0.0.1"], "127.0.0.1", headers) == (("203.0.113.9", 0), "https")
    assert await forwarded(["127.0.0.1"], "127.0.0.2", headers) == (("127.0.0.2", 5000), "http")
    assert await forwarded([], "127.0.0.1", headers) == (("127.0.0.1", 5000), "http")
    odd = {"X-Forwarded-Proto": "gopher"}
    assert await forwarded(["127.0.0.1"], "127.0.0.1", odd) == (("127.0.0.1", 5000), "http")


def test_a_local_client_cannot_pick_its_address_with_x_forwarded_for(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """uvicorn believed X-Forwarded-For from 127.0.0.1 whatever the settings said: 30 wrong
    codes with 30 made-up addresses got no 429."""
    settings = Settings(data_dir=tmp_path / "data")
    with serving(settings, "--no-worker") as (base, process), client_from("127.0.0.1", base) as client:
        answers = signin_answers(client, 30, forged=True)
    assert answers[:11] == TEN_WRONG_THEN_LIMITED and set(answers[11:]) == {429}, answers
    assert process.stderr is not None
    logged = process.stderr.read().decode()
    port = base.rsplit(":", 1)[1]
    assert (
        f"Reachable: listening on http://127.0.0.1:{port} (from this machine only); no public address set "
        "(AFTERWORD_PUBLIC_URL); X-Forwarded-For believed from no one; setup page off; /docs off"
    ) in logged
    assert "client 127.0.0.1 refused: too many sign-in codes tried" in logged
    assert "203.0.113" not in logged


def test_behind_a_trusted_proxy_each_client_is_counted_and_no_one_else_can_forge(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data")
    public = {"AFTERWORD_TRUSTED_PROXIES": "127.0.0.1", "AFTERWORD_PUBLIC_URL": "https://afterword.test"}
    with serving(settings, "--no-worker", **public) as (base, process):
        with client_from("127.0.0.1", base) as proxy:
            for client in ("203.0.113.1", "203.0.113.2"):
                forwarded = {"X-Forwarded-For": f"6.6.6.6, {client}"}  # 6.6.6.6: what the client claimed
                answers = [
                    proxy.post("/api/signin", json={"code": "AAAA-AAAA"}, headers=forwarded)
                    for _ in range(11)
                ]
                assert [a.status_code for a in answers] == TEN_WRONG_THEN_LIMITED
        # Straight to the app's port, from an address that is no proxy: counted as itself.
        with client_from("127.0.0.2", base) as direct:
            assert signin_answers(direct, 11, forged=True) == TEN_WRONG_THEN_LIMITED
        with client_from("127.0.0.3", base) as other:
            assert signin_answers(other, 1) == [401]
    assert process.stderr is not None
    logged = process.stderr.read().decode()
    assert (
        "people reach it at https://afterword.test/; X-Forwarded-For believed from 127.0.0.1 only" in logged
    )
    for client in ("203.0.113.1", "203.0.113.2", "127.0.0.2"):
        assert f"client {client} refused: too many sign-in codes tried" in logged
    assert "6.6.6.6" not in logged


def test_failed_sign_ins_of_any_kind_are_limited_per_client(settings: Settings) -> None:
    token = issue_token(settings, "Alice")
    right = {"Authorization": f"Bearer {token}"}
    wrong = {"Authorization": "Bearer aw_wrong"}
    with (
        RestartableServer(lambda: create_app(settings, run_worker=False)) as server,
        client_from("127.0.0.2", server.url()) as guesser,
        client_from("127.0.0.3", server.url()) as phone,
    ):
        assert {guesser.get("/api/me", headers=wrong).status_code for _ in range(30)} == {401}
        refused = guesser.get("/api/me", headers=right)  # even the right token, from there
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "Too many failed sign-ins" in refused.json()["detail"]
        assert phone.get("/api/me", headers=right).status_code == 200
