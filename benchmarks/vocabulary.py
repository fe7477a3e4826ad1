"""A personal vocabulary: how many of a person's own names and therapy words the model hears,
without and with their vocabulary, and what an unrelated vocabulary does to plain speech.

    python benchmarks/vocabulary.py [--quick] [--compare]

The speech is synthesized with espeak-ng (installed from Debian here if it is missing and apt-get
can run; otherwise the benchmark says so and stops). 32 sentences carry uncommon names and therapy
words, each spoken by two voices at two speeds. It prints the share of those words heard as
written, without and with the vocabulary, and the word error rate on the LibriSpeech set in
../shared/audio without and with the same (there unrelated) vocabulary. --compare also measures
the ways faster-whisper can be given the words (hotwords, the initial prompt, both), which is how
the engine's choice was made. --quick uses one voice and speed."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.common import librispeech_clips  # noqa: E402
from tests.support.wer import corpus_word_error_rate  # noqa: E402

VOCABULARY = (
    "Saoirse",
    "Niamh",
    "Siobhan",
    "Tadhg",
    "Aoife",
    "Xiomara",
    "Dr. Okonkwo",
    "Marguerite",
    "Ravindra",
    "Joaquin",
    "pursue-withdraw",
    "IFS",
    "DBT",
    "EMDR",
    "Gottman",
    "stonewalling",
    "co-regulation",
    "dysregulated",
    "enmeshment",
    "attunement",
    "alexithymia",
    "parentified",
    "interoception",
    "limerence",
)
# Each sentence, and the words of the vocabulary it carries.
SENTENCES = (
    ("Saoirse said I go quiet the moment she raises her voice.", ("Saoirse",)),
    ("Dr. Okonkwo called it the pursue-withdraw cycle.", ("Dr. Okonkwo", "pursue-withdraw")),
    ("When Niamh texts late at night I feel the old panic.", ("Niamh",)),
    ("The IFS work this week was about the part that protects me.", ("IFS",)),
    ("My DBT skills card is in the glove box.", ("DBT",)),
    ("Siobhan noticed that I apologise before anyone is upset.", ("Siobhan",)),
    ("We tried the Gottman repair phrase after dinner.", ("Gottman",)),
    ("Stonewalling is what I do when I feel flooded.", ("Stonewalling",)),
    ("Tadhg is not my father, even when he sounds like him.", ("Tadhg",)),
    ("Co-regulation means I can borrow calm from Aoife.", ("Co-regulation", "Aoife")),
    ("I was dysregulated before the meeting even started.", ("dysregulated",)),
    ("Dr. Okonkwo said enmeshment is not the same as love.", ("Dr. Okonkwo", "enmeshment")),
    ("Attunement is listening for the feeling under the words.", ("Attunement",)),
    ("Xiomara asked what I needed and I had no answer.", ("Xiomara",)),
    ("The EMDR session left me tired but lighter.", ("EMDR",)),
    ("Alexithymia explains why I say fine when I am not.", ("Alexithymia",)),
    ("I was parentified long before I had words for it.", ("parentified",)),
    ("Interoception practice: notice the chest before the thought.", ("Interoception",)),
    ("Limerence is not a plan for a marriage.", ("Limerence",)),
    ("Marguerite reminded me that rest is not a reward.", ("Marguerite",)),
    ("Ravindra and I keep falling into pursue-withdraw.", ("Ravindra", "pursue-withdraw")),
    ("Joaquin said my silence feels like a door closing.", ("Joaquin",)),
    ("The IFS question is what this part is afraid of.", ("IFS",)),
    ("Use the DBT stop skill before replying to the email.", ("DBT",)),
    ("Aoife wants us to try the Gottman check-in on Sundays.", ("Aoife", "Gottman")),
    ("Niamh and Saoirse both notice when I shut down.", ("Niamh", "Saoirse")),
    ("Stonewalling protects me and hurts Xiomara.", ("Stonewalling", "Xiomara")),
    ("After EMDR I could picture the kitchen without shaking.", ("EMDR",)),
    ("Siobhan says co-regulation starts with a slower breath.", ("Siobhan", "co-regulation")),
    ("Tadhg and Marguerite are the two voices in my head.", ("Tadhg", "Marguerite")),
    ("Enmeshment makes every mood in the house my job.", ("Enmeshment",)),
    ("Joaquin calls attunement the opposite of fixing.", ("Joaquin", "attunement")),
)
UNRELATED_NOTE = "the same names and therapy words, which LibriSpeech never says"
VOICES = (("en-us", 150), ("en-gb+f3", 190), ("en-us+m3", 190), ("en-gb", 150))
QUICK_VOICES = VOICES[:1]


@dataclass(frozen=True)
class Clip:
    path: Path
    words: tuple[str, ...]


def words_of(text: str) -> list[str]:
    """Lower case, no punctuation; hyphens and the dots of 'Dr.' or 'I.F.S.' do not count."""
    text = text.lower().replace("-", " ").replace(".", "")
    return re.findall(r"[\w']+", text)


def heard(word: str, transcript: str) -> bool:
    """The word (all its parts, in order) appears in the transcript as written."""
    target, said = words_of(word), words_of(transcript)
    return any(said[i : i + len(target)] == target for i in range(len(said) - len(target) + 1))


def ensure_espeak() -> str | None:
    """espeak-ng's path, installing it from Debian when it is missing and apt-get can run."""
    found = shutil.which("espeak-ng")
    if found or shutil.which("apt-get") is None:
        return found
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "espeak-ng"]):
        prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
        if subprocess.run(prefix + command, capture_output=True).returncode != 0:
            return None
    return shutil.which("espeak-ng")


def synthesize(espeak: str, folder: Path, voices: tuple[tuple[str, int], ...]) -> list[Clip]:
    clips = []
    for index, (sentence, words) in enumerate(SENTENCES):
        for voice, speed in voices:
            path = folder / f"{index:02d}-{voice}-{speed}.wav"
            subprocess.run([espeak, "-v", voice, "-s", str(speed), "-w", str(path), sentence], check=True)
            clips.append(Clip(path, words))
    return clips


def transcribe_all(engine, paths: list[Path], options) -> list[str]:  # type: ignore[no-untyped-def]
    from afterword.audio import decode_file, to_float32

    return [
        engine.transcribe(to_float32(decode_file(p, max_seconds=600)), options=options).text for p in paths
    ]


def share_heard(clips: list[Clip], texts: list[str]) -> tuple[int, int]:
    hits = sum(heard(word, text) for clip, text in zip(clips, texts, strict=True) for word in clip.words)
    return hits, sum(len(clip.words) for clip in clips)


def ways(compare: bool) -> dict[str, str]:
    """How the vocabulary reaches the model: as Afterword does it, and (compare) every way."""
    from afterword.settings import WhisperSettings

    if not compare:
        chosen = WhisperSettings().vocabulary_as
        return {f"with vocabulary (as {chosen})": chosen}
    return {f"with vocabulary as {way}": way for way in ("hotwords", "prompt", "both")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one voice and speed")
    parser.add_argument("--compare", action="store_true", help="hotwords, prompt and both")
    args = parser.parse_args()
    espeak = ensure_espeak()
    if espeak is None:
        print("Skipped: espeak-ng is not installed and could not be installed (apt-get install espeak-ng).")
        return
    from afterword.settings import WhisperSettings
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.results import TranscribeOptions

    engine = WhisperEngine(WhisperSettings())
    engine.load()
    plain = TranscribeOptions()
    mine = TranscribeOptions(vocabulary=VOCABULARY)
    librispeech = librispeech_clips()
    references = [clip.reference for clip in librispeech]
    with tempfile.TemporaryDirectory() as folder:
        clips = synthesize(espeak, Path(folder), QUICK_VOICES if args.quick else VOICES)
        paths = [clip.path for clip in clips]
        print(f"{len(SENTENCES)} sentences x {len(clips) // len(SENTENCES)} voice/speed = {len(clips)} clips")
        hits, total = share_heard(clips, transcribe_all(engine, paths, plain))
        print(f"names and therapy words heard, without vocabulary: {hits}/{total} = {hits / total:.1%}")
        base_wer = corpus_word_error_rate(
            references, transcribe_all(engine, [c.path for c in librispeech], plain)
        )
        for label, way in ways(args.compare).items():
            engine.config = replace(engine.config, vocabulary_as=way)  # the loaded model stays
            hits, total = share_heard(clips, transcribe_all(engine, paths, mine))
            print(f"names and therapy words heard, {label}: {hits}/{total} = {hits / total:.1%}")
            wer = corpus_word_error_rate(
                references, transcribe_all(engine, [c.path for c in librispeech], mine)
            )
            print(
                f"LibriSpeech WER ({len(librispeech)} clips): without {base_wer:.2%}, {label} "
                f"({UNRELATED_NOTE}) {wer:.2%}, change {100 * (wer - base_wer):+.2f} points"
            )


if __name__ == "__main__":
    main()
