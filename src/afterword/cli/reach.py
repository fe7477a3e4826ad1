"""The line `afterword serve` logs at start: what is reachable from where. A server put on the
internet by mistake, a setup page left on, a proxy whose forwarding headers are not believed (so
every client behind it shares one sign-in budget): each shows in that one line."""

import ipaddress

from afterword.cli.running import Running
from afterword.cli.tls import WILDCARD_HOSTS
from afterword.settings import Settings


def describe_reach(settings: Settings, listening: Running) -> str:
    """One line: where it listens and who can get there, the public address and the proxies
    believed, the setup page and /docs."""
    parts = [
        f"listening on {listening.scheme}://{bracketed(listening.host or '0.0.0.0')}:{listening.port} "
        f"({who_can_connect(listening.host)})",
        public_part(settings),
        proxies_part(settings),
        f"setup page on port {listening.setup_port} (plain http, the CA certificate only)"
        if listening.setup_port
        else "setup page off",
        "API docs at /docs" if settings.api_docs else "/docs off",
    ]
    return "Reachable: " + "; ".join(parts)


def who_can_connect(host: str) -> str:
    if host in WILDCARD_HOSTS:
        return "from every network this machine is on"
    if host == "localhost" or is_loopback(host):
        return "from this machine only"
    return f"from the network of {host}"


def public_part(settings: Settings) -> str:
    if settings.public_url is None:
        return "no public address set (AFTERWORD_PUBLIC_URL)"
    return f"people reach it at {settings.public_url}/"


def proxies_part(settings: Settings) -> str:
    if settings.trusted_proxies:
        return f"X-Forwarded-For believed from {', '.join(settings.trusted_proxies)} only"
    if settings.public_url is not None:
        return (
            "X-Forwarded-For believed from no one (behind a proxy, set AFTERWORD_TRUSTED_PROXIES, "
            "or every client counts as the proxy)"
        )
    return "X-Forwarded-For believed from no one"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
