"""The named SQL every view is read with: one file per resource in store/sql, each statement
under a `-- name: NAME` line (as procrastinate keeps its queries). `{current_partnership}` in a
statement is the one definition of who a person's partner is (partners.sql), so every read of
what a partner shared joins the same rows.

Standard library only: the fast path reads its SQL here too."""

import functools
import re
from pathlib import Path

SQL_FOLDER = Path(__file__).with_name("sql")
NAME_LINE = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)
FRAGMENT = "{current_partnership}"


@functools.cache
def queries(resource: str) -> dict[str, str]:
    """The statements of store/sql/<resource>.sql by name, the partnership put in where named."""
    return {name: sql.replace(FRAGMENT, partnership_fragment()) for name, sql in written(resource).items()}


@functools.cache
def written(resource: str) -> dict[str, str]:
    """The statements as the file has them (the comment lines that say what each reads left out)."""
    parts = NAME_LINE.split((SQL_FOLDER / f"{resource}.sql").read_text())
    return {
        name: "\n".join(line for line in body.strip().splitlines() if not line.startswith("--")).strip()
        for name, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def partnership_fragment() -> str:
    """The common table expression `current_partnership (partnership_id, partner_id, accepted_at)`:
    the reader's (:person_id) active partnership and the other person in it, if any."""
    return written("partners")["current_partnership"]
