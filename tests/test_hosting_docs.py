"""The Caddyfiles in the hosting docs are ones Caddy accepts, and say what the tests run: the
proxy to Afterword on loopback, the upload cap with room for the form, /healthz kept inside."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from afterword.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"```caddyfile\n(.*?)```", re.S)


@pytest.mark.parametrize("page", ["hosting-household.md", "hosting-practice.md"])
def test_the_caddyfiles_in_the_docs_are_valid_and_allow_a_whole_upload(page: str, tmp_path: Path) -> None:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.fail("The hosting tests need Debian's caddy: apt-get install -y caddy (.ci/run installs it).")
    [config] = BLOCK.findall((DOCS / page).read_text())
    path = tmp_path / "Caddyfile"
    path.write_text(config)
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    adapted = subprocess.run(
        [caddy, "adapt", "--config", str(path), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **home},
        timeout=60,
    )
    assert adapted.returncode == 0, adapted.stderr
    assert '"level":"warn"' not in adapted.stderr, adapted.stderr
    [max_size] = re.findall(r'"max_size":(\d+)', adapted.stdout)
    assert int(max_size) > Settings().max_upload_bytes
    assert '"path":["/healthz"]' in adapted.stdout and '"reverse_proxy"' in adapted.stdout
