"""Clients on loopback addresses of their own (127.0.0.2, 127.0.0.3, ...): Linux routes all of
127.0.0.0/8 to this machine, so each client socket bound to one comes from a different address,
as clients on the internet would."""

import ssl
from pathlib import Path

import httpx

WRONG_CODE = {"code": "AAAA-AAAA"}


def client_from(address: str, base: str, *, ca: Path | None = None, name: str | None = None) -> httpx.Client:
    """An httpx client whose connections leave from `address`. With `name` (and `ca`), base is
    https on 127.0.0.1 that answers as `name` (a name no resolver here knows): the client asks
    for it in TLS and in Host, and trusts only `ca`."""
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca)) if ca else True
    transport = httpx.HTTPTransport(local_address=address, verify=verify)
    if name is None:
        return httpx.Client(base_url=base, transport=transport, timeout=30)
    port = httpx.URL(base).port

    def ask_for_the_name(request: httpx.Request) -> None:
        request.extensions["sni_hostname"] = name
        request.headers["Host"] = f"{name}:{port}"

    return httpx.Client(
        base_url=base, transport=transport, timeout=30, event_hooks={"request": [ask_for_the_name]}
    )


def signin_answers(client: httpx.Client, tries: int, *, forged: bool = False) -> list[int]:
    """The status of each of `tries` wrong sign-in codes; `forged`: each with another made-up
    X-Forwarded-For, as a client that hopes to be counted as someone else would send."""
    answers = []
    for number in range(tries):
        headers = {"X-Forwarded-For": f"203.0.113.{number + 1}"} if forged else {}
        answers.append(client.post("/api/signin", json=WRONG_CODE, headers=headers).status_code)
    return answers
