"""Writing user text without rich or typer (the review starts fast without them): a stream that
makes control characters visible, and JSON with every one escaped."""

import json
import re
from typing import IO, Any

from afterword.controls import visible

# json.dumps escapes C0 itself; DEL and C1 pass through with ensure_ascii=False.
UNESCAPED_IN_JSON = re.compile("[\\x7f-\\x9f]")


class VisibleStream:
    """A text stream that writes what it is given with its control characters made visible."""

    def __init__(self, raw: IO[str]) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def json_text(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return UNESCAPED_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
