#!/usr/bin/env python3
"""Regenerate the Afterword sample recordings in this folder.

Every sample is cut from the licensed speech collection in ``shared/audio``
(see ATTRIBUTION.md): each source is decoded with PyAV, converted with
``av.AudioResampler`` and encoded into the container/codec a phone or browser
would produce.  Two files are byte copies.  ``references.tsv`` is rebuilt from
the collection's MANIFEST.tsv, and each output is decoded again and reported.

Usage (from the repo root; needs PyAV and numpy, no ffmpeg binary):
    python samples/make_samples.py [SHARED_AUDIO_DIR]   # default: ../shared/audio
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent
# AMR-NB frame types (RFC 4867): 0-7 speech modes, 8 = SID (comfort noise), 15 = NO_DATA.
AMR_SID, AMR_NO_DATA = 8, 15


@dataclass(frozen=True)
class Sample:
    name: str  # output file name in samples/
    source: str  # path relative to the shared audio dir (a MANIFEST.tsv "file")
    container: str | None = None  # FFmpeg muxer; None = byte-for-byte copy
    codec: str = ""
    rate: int = 0
    bit_rate: int = 0
    options: dict[str, str] = field(default_factory=dict)


SAMPLES: list[Sample] = [
    # iPhone Voice Memos: AAC-LC in an .m4a (MP4, "M4A " brand), mono 48 kHz, ~64 kbps.
    Sample("jfk.m4a", "jfk/jfk.flac", "ipod", "aac", 48000, 64000),
    # WhatsApp/Telegram voice notes: Opus in Ogg.
    Sample(
        "librispeech-1995-1837-0001.ogg",
        "librispeech/1995-1837-0001.wav",
        "ogg",
        "libopus",
        48000,
        24000,
        {"application": "voip"},
    ),
    # Chrome MediaRecorder: Opus in WebM.
    Sample(
        "librispeech-1089-134691-0001.webm",
        "librispeech/1089-134691-0001.flac",
        "webm",
        "libopus",
        48000,
        32000,
    ),
    Sample("ljspeech-LJ001-0009.mp3", "ljspeech/LJ001-0009.wav", "mp3", "libmp3lame", 22050, 32000),
    # Old Android recorders / MMS: AMR-NB 8 kHz; the raw .amr uses DTX (SID + NO_DATA frames).
    Sample(
        "librispeech-2412-153948-0000.amr",
        "librispeech/2412-153948-0000.flac",
        "amr",
        "libopencore_amrnb",
        8000,
        12200,
        {"dtx": "1"},
    ),
    Sample(
        "librispeech-1272-141231-0000.3gp",
        "librispeech/1272-141231-0000.flac",
        "3gp",
        "libopencore_amrnb",
        8000,
        12200,
    ),
    Sample("ami-abbie.wav", "ami/ES2011a.Headset-0-40s-46s.wav"),  # 16 kHz mono PCM_16
    Sample("jfk-stereo.flac", "jfk/jfk.flac"),  # 44.1 kHz stereo 24-bit FLAC
]


def transcode(src: Path, dst: Path, s: Sample) -> None:
    """Decode ``src``, downmix/resample to mono ``s.rate`` and encode it into ``dst``."""
    with (
        av.open(str(src)) as inp,
        av.open(str(dst), "w", format=s.container, options={"fflags": "+bitexact"}) as out,
    ):
        stream = out.add_stream(s.codec, rate=s.rate, layout="mono", options=s.options)
        ctx = stream.codec_context
        ctx.format = ctx.codec.audio_formats[0]
        ctx.bit_rate = s.bit_rate
        ctx.time_base = Fraction(1, s.rate)
        ctx.open()  # fixes frame_size (e.g. 1024 for AAC, 160 for AMR)
        resampler = av.AudioResampler(
            format=ctx.format, layout="mono", rate=s.rate, frame_size=ctx.frame_size or None
        )
        pts = 0
        for frame in [*inp.decode(audio=0), None]:  # None flushes the resampler
            for chunk in resampler.resample(frame):
                chunk.pts, chunk.time_base = pts, ctx.time_base
                pts += chunk.samples
                out.mux(stream.encode(chunk))
        out.mux(stream.encode(None))  # flush the encoder


def decode_info(path: Path, decoder: str | None = None) -> dict[str, object]:
    """Decode ``path`` fully (optionally forcing a decoder by name) and describe it."""
    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        ctx = s.codec_context
        if decoder:  # e.g. libopencore_amrnb instead of FFmpeg's native amrnb
            ctx = av.CodecContext.create(decoder, "r")
            ctx.sample_rate, ctx.layout = s.rate, s.layout
        chunks = [
            f.to_ndarray().T if f.format.is_planar else f.to_ndarray().reshape(-1, f.layout.nb_channels)
            for packet in c.demux(s)
            for f in ctx.decode(packet)
        ]
        pcm = np.concatenate(chunks).astype(np.float64)
        if np.issubdtype(chunks[0].dtype, np.integer):
            pcm /= np.iinfo(chunks[0].dtype).max + 1
        return {
            "file": path.name,
            "container": c.format.name,
            "codec": ctx.name,
            "rate": ctx.sample_rate,
            "channels": pcm.shape[1],
            "duration": round(pcm.shape[0] / ctx.sample_rate, 3),
            "rms_dbfs": round(float(20 * np.log10(np.sqrt(np.mean(pcm**2)) + 1e-12)), 1),
            "bytes": path.stat().st_size,
        }


def amr_dtx_report(path: Path) -> None:
    """Count the DTX frames of a raw .amr file and show which decoders can read it."""
    with av.open(str(path)) as c:  # the amr demuxer yields one frame per packet
        types = [bytes(p)[0] >> 3 & 0x0F for p in c.demux(audio=0) if p.size]
        default = c.streams.audio[0].codec_context.name
    print(f"  {types.count(AMR_SID)} SID + {types.count(AMR_NO_DATA)} NO_DATA of {len(types)} frames")
    for decoder in (None, "libopencore_amrnb"):
        label = decoder or f"default decoder ({default})"
        try:
            print(f"  {label}: OK, {decode_info(path, decoder)['duration']:.3f} s")
        except av.FFmpegError as e:
            print(f"  {label}: FAILS: {type(e).__name__}: {e}")


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else HERE.parent.parent / "shared" / "audio"
    manifest = {}
    for line in (shared / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        row = line.split("\t")
        manifest[row[0]] = (float(row[4]), row[5])  # duration_s, reference_text

    rows = ["file\tseconds\treference"]
    for s in SAMPLES:
        if s.container is None:
            shutil.copyfile(shared / s.source, HERE / s.name)
        else:
            transcode(shared / s.source, HERE / s.name, s)
        rows.append(f"{s.name}\t{manifest[s.source][0]}\t{manifest[s.source][1]}")
    (HERE / "references.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    cols = ["file", "container", "codec", "rate", "channels", "duration", "rms_dbfs", "bytes"]
    print("| " + " | ".join(cols + ["source_s"]) + " |")
    print("|" + "---|" * (len(cols) + 1))
    ok, total = True, 0
    for s in SAMPLES:
        dtx = s.options.get("dtx") == "1"  # FFmpeg's own amrnb decoder rejects DTX frames
        info = decode_info(HERE / s.name, "libopencore_amrnb" if dtx else None)
        expected = manifest[s.source][0]
        ok &= abs(info["duration"] - expected) < 0.1
        total += info["bytes"]
        print("| " + " | ".join([*map(str, info.values()), str(expected)]) + " |")
    print(f"total {total} bytes; durations {'OK' if ok else 'MISMATCH'}")
    for s in SAMPLES:
        if s.options.get("dtx") == "1":
            print(f"AMR DTX check for {s.name}:")
            amr_dtx_report(HERE / s.name)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
