"""The short real clips in samples/ and their reference transcripts."""

import csv
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def sample_rows() -> dict[str, dict[str, str]]:
    """samples/references.tsv by file: the source's length in seconds and its reference text."""
    with (SAMPLES / "references.tsv").open(newline="") as file:
        return {row["file"]: row for row in csv.DictReader(file, delimiter="\t")}
