"""Sealed values open with the person's own key for the purpose they were sealed for, and with
nothing else; every failure is one error that carries neither key material nor plaintext."""

import base64
import pickle
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.sealing import base64url
from afterword.sealing.errors import CannotOpen
from afterword.sealing.keys import PrivateKey, PublicKey
from afterword.sealing.opener import Opener
from afterword.sealing.values import (
    OVERHEAD_BYTES,
    is_sealed,
    is_sealed_audio,
    open_audio,
    open_sealed,
    open_text,
    seal,
    seal_audio,
    seal_text,
)

ALEX = PrivateKey.generate()
SAM = PrivateKey.generate()
WORDS = "It was never the cotton. I grieve plans more than things. Café, naïve, 悲しみ, 🙂"
PURPOSE = "transcripts.text"


def refused(call: Callable[..., object], *args: object) -> CannotOpen:
    with pytest.raises(CannotOpen) as caught:
        call(*args)
    return caught.value


def test_text_round_trips_through_its_column_form() -> None:
    sealed = seal_text(ALEX.public_key, PURPOSE, WORDS)
    assert sealed.startswith("s1.") and is_sealed(sealed) and sealed.isascii()
    assert "=" not in sealed and "+" not in sealed and "/" not in sealed
    assert open_text(ALEX, PURPOSE, sealed) == WORDS
    assert open_text(ALEX, PURPOSE, seal_text(ALEX.public_key, PURPOSE, "")) == ""


def test_bytes_round_trip_with_48_bytes_of_overhead() -> None:
    for plaintext in (b"", b"x", bytes(range(256)) * 40):
        sealed = seal(ALEX.public_key, "segments", plaintext)
        assert len(sealed) == len(plaintext) + OVERHEAD_BYTES
        assert open_sealed(ALEX, "segments", sealed) == plaintext


def test_audio_round_trips_with_its_own_magic() -> None:
    audio = b"OggS" + bytes(range(256)) * 100
    sealed = seal_audio(ALEX.public_key, audio)
    assert sealed.startswith(b"AWS1") and is_sealed_audio(sealed) and not is_sealed_audio(audio)
    assert open_audio(ALEX, sealed) == audio
    refused(open_audio, SAM, sealed)
    refused(open_audio, ALEX, audio)  # plain audio is not opened as if it were sealed
    # Audio is sealed for its own purpose: its bytes do not open as a text field's.
    refused(open_sealed, ALEX, PURPOSE, sealed[4:])


def test_the_same_words_sealed_twice_look_unrelated() -> None:
    first, second = (seal_text(ALEX.public_key, PURPOSE, WORDS) for _ in range(2))
    assert first != second
    assert first[3:40] != second[3:40]  # a fresh ephemeral key each time, not just a fresh tail


def test_another_persons_key_does_not_open() -> None:
    sealed = seal_text(ALEX.public_key, PURPOSE, WORDS)
    refused(open_text, SAM, PURPOSE, sealed)


def test_a_value_moved_to_another_field_does_not_open() -> None:
    sealed = seal_text(ALEX.public_key, "summary_versions.paragraph", WORDS)
    refused(open_text, ALEX, "insights.headline", sealed)
    assert open_text(ALEX, "summary_versions.paragraph", sealed) == WORDS


@pytest.mark.parametrize(
    "not_sealed",
    [
        "",
        "s1.",
        "s1",
        "It was never the cotton.",
        "s2.AAAA",
        "s1.***",
        "s1.A",
        "s1.AAAA=",
        "s1.é",
        "s1.AAAAAAAA",
    ],
)
def test_text_that_is_not_a_sealed_value_is_refused(not_sealed: str) -> None:
    refused(open_text, ALEX, PURPOSE, not_sealed)


def test_truncated_values_are_refused_at_every_length() -> None:
    sealed = seal(ALEX.public_key, PURPOSE, WORDS.encode())
    for length in range(len(sealed)):
        refused(open_sealed, ALEX, PURPOSE, sealed[:length])
    text = seal_text(ALEX.public_key, PURPOSE, WORDS)
    for length in range(len(text)):
        refused(open_text, ALEX, PURPOSE, text[:length])


def test_bytes_added_at_the_end_are_refused() -> None:
    sealed = seal(ALEX.public_key, PURPOSE, b"words")
    refused(open_sealed, ALEX, PURPOSE, sealed + b"\x00")


SEALED = seal(ALEX.public_key, PURPOSE, WORDS.encode())


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(SEALED) * 8 - 1))
def test_every_flipped_bit_is_refused(bit: int) -> None:
    damaged = bytearray(SEALED)
    damaged[bit // 8] ^= 1 << (bit % 8)
    refused(open_sealed, ALEX, PURPOSE, bytes(damaged))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_other_character_in_the_text_form_is_refused(data: st.DataObject) -> None:
    text = seal_text(ALEX.public_key, PURPOSE, "words")
    where = data.draw(st.integers(3, len(text) - 1))
    other = data.draw(st.characters(codec="utf-8").filter(lambda c: c != text[where]))
    changed = text[:where] + other + text[where + 1 :]
    # The last character carries two bits that base64 leaves over; a change there alone decodes
    # to the same bytes, which open. Any change to the bytes is refused.
    if base64url.decode(changed[3:]) == base64url.decode(text[3:]):
        assert open_text(ALEX, PURPOSE, changed) == "words" and where == len(text) - 1
    else:
        refused(open_text, ALEX, PURPOSE, changed)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1),
)
def test_any_text_round_trips_and_opens_for_its_purpose_only(text: str, purpose: str) -> None:
    sealed = seal_text(ALEX.public_key, purpose, text)
    assert open_text(ALEX, purpose, sealed) == text
    refused(open_text, ALEX, purpose + "x", sealed)


def test_a_purpose_must_be_a_printable_ascii_name() -> None:
    for purpose in ("", "transcripts\ntext", "résumé"):
        with pytest.raises(ValueError):
            seal(ALEX.public_key, purpose, b"x")


def test_a_lone_surrogate_is_refused_without_the_text_in_the_error() -> None:
    with pytest.raises(ValueError) as caught:
        seal_text(ALEX.public_key, PURPOSE, "secret words \udc80")
    assert "secret words" not in str(caught.value) and caught.value.__context__ is None


def test_failures_carry_no_key_material_no_plaintext_and_no_chained_error() -> None:
    sealed = seal_text(ALEX.public_key, PURPOSE, WORDS)
    errors = [
        refused(open_text, SAM, PURPOSE, sealed),
        refused(open_text, ALEX, "other.field", sealed),
        refused(open_text, ALEX, PURPOSE, WORDS),
        refused(open_text, ALEX, PURPOSE, "s1." + "é" * 80),
        refused(open_text, ALEX, PURPOSE, sealed[:-5]),
    ]
    secrets = [ALEX.secret_bytes().hex(), SAM.secret_bytes().hex(), "cotton", sealed[3:20]]
    for error in errors:
        said = f"{error} {error!r} {error.args}"
        assert not any(secret in said for secret in secrets), said
        assert error.__context__ is None and error.__cause__ is None
        assert error.status_code == 403


def test_a_sealed_value_that_is_not_text_is_refused_as_text() -> None:
    sealed = "s1." + base64url.encode(seal(ALEX.public_key, PURPOSE, b"\xff\xfe"))
    error = refused(open_text, ALEX, PURPOSE, sealed)
    assert error.__context__ is None


def test_public_keys_travel_as_raw_bytes_and_text() -> None:
    public = ALEX.public_key
    assert len(public.raw) == 32 and PublicKey.from_raw(public.raw) == public
    text = public.to_text()
    assert text.startswith("pk1.") and len(text) == 47 and PublicKey.from_text(text) == public
    assert hash(PublicKey.from_text(text)) == hash(public) and public != SAM.public_key
    for bad in ("", "pk1.", text[4:], "pk2." + text[4:], text[:-1], text + "AA"):
        with pytest.raises(ValueError):
            PublicKey.from_text(bad)
    with pytest.raises(ValueError):
        PublicKey.from_raw(b"\x01" * 31)


def test_private_keys_show_only_their_public_half_and_refuse_pickling() -> None:
    key = PrivateKey.generate()
    material = key.secret_bytes()
    shown = f"{key} {key!r} {[key]} {Opener([key])!r}"
    assert material.hex() not in shown and key.public_key.to_text()[:12] in shown
    for encoded in (material.hex(), base64.urlsafe_b64encode(material).decode()[:20]):
        assert encoded not in shown
    with pytest.raises(TypeError):
        pickle.dumps(key)
    with pytest.raises(TypeError):
        pickle.dumps(Opener([key]))
    again = PrivateKey.from_secret_bytes(material)
    assert again.matches(key.public_key) and not again.matches(SAM.public_key)
    with pytest.raises(ValueError):
        PrivateKey.from_secret_bytes(material[:31])


def test_an_opener_opens_with_whichever_of_its_keys_fits() -> None:
    opener = Opener([ALEX, SAM])
    assert opener.open_text(PURPOSE, seal_text(SAM.public_key, PURPOSE, "Sam's")) == "Sam's"
    assert opener.open_text(PURPOSE, seal_text(ALEX.public_key, PURPOSE, "Alex's")) == "Alex's"
    assert opener.open_audio(seal_audio(SAM.public_key, b"audio")) == b"audio"
    assert opener.holds(ALEX.public_key) and not opener.holds(PrivateKey.generate().public_key)
    assert opener.public_keys == (ALEX.public_key, SAM.public_key)
    assert repr(opener) == "Opener(2 keys)"


def test_an_opener_without_the_key_refuses_as_a_single_key_does() -> None:
    opener = Opener([SAM, PrivateKey.generate()])
    sealed = seal_text(ALEX.public_key, PURPOSE, WORDS)
    error = refused(opener.open_text, PURPOSE, sealed)
    assert error.__context__ is None and "cotton" not in str(error)
    refused(opener.open_text, PURPOSE, WORDS)
    with pytest.raises(ValueError):
        Opener([])
