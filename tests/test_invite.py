"""`afterword invite NAME` on a server with a public address: one QR code, the app on that
address with a one-time code after the #, and not a word about a certificate authority (the
certificate is a public one). `pair` with no options does the same there."""

import re

from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from afterword.cli.main import app
from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.week import cli_env

PUBLIC = "https://afterword.example.org"
LINK = re.compile(r"https?://\S+")
CA_WORDS = ("certificate", "fingerprint", "setup page", " CA", "install")


def qr_codes(stdout: str) -> int:
    """How many QR codes were printed: runs of lines drawn in blocks."""
    drawn = ["█" in line or "▀" in line for line in stdout.splitlines()]
    return sum(1 for i, line in enumerate(drawn) if line and (i == 0 or not drawn[i - 1]))


def invoke(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def one_invitation(result: Result) -> str:
    """The code of the one link and QR code printed, after checking that nothing else was."""
    assert result.exit_code == 0, result.output
    assert qr_codes(result.stdout) == 1
    [link] = LINK.findall(result.stdout)
    code = link.removeprefix(f"{PUBLIC}/#code=")
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code), link
    for word in CA_WORDS:
        assert word not in result.output, word
    return code


def test_invite_is_one_scan_to_the_app_on_the_public_address(settings: Settings) -> None:
    env = {**cli_env(settings), "AFTERWORD_PUBLIC_URL": PUBLIC + "/"}
    assert invoke(env, "person", "add", "Sam").exit_code == 0
    invited = invoke(env, "invite", "sam")
    code = one_invitation(invited)
    assert f"The code {code} works once, within 15 minutes" in invited.stderr
    paired = invoke(env, "pair", "Sam")  # the same on a server with a public address
    second = one_invitation(paired)
    with TestClient(create_app(settings, run_worker=False)) as client:
        assert client.post("/api/signin", json={"code": code}).status_code == 401  # ended by the next
        signed_in = client.post("/api/signin", json={"code": second})
        assert signed_in.status_code == 200 and signed_in.json()["name"] == "Sam"
    # Options ask for the home network's way: the setup page first, then the app.
    at_home = invoke(env, "pair", "Sam", "--host", "192.168.1.20")
    assert qr_codes(at_home.stdout) == 2 and "fingerprint" in at_home.stderr


def test_invite_without_a_public_address_says_what_to_set(settings: Settings) -> None:
    env = cli_env(settings)
    assert invoke(env, "person", "add", "Sam").exit_code == 0
    refused = invoke(env, "invite", "Sam")
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "Error: invite needs this server's public address: set AFTERWORD_PUBLIC_URL (say "
        "https://afterword.example.org). On a home network, `afterword pair Sam` signs a phone in."
    ]
    unknown = invoke({**env, "AFTERWORD_PUBLIC_URL": PUBLIC}, "invite", "Sem")
    assert unknown.exit_code == 1 and "did you mean Sam?" in unknown.stderr
    for bad in ("ftp://afterword.example.org", "https://example.org/afterword"):
        wrong = invoke({**env, "AFTERWORD_PUBLIC_URL": bad}, "invite", "Sam")
        # Refused at start with the setting's name, as every setting is.
        assert wrong.exit_code != 0 and "public_url" in str(wrong.exception)
