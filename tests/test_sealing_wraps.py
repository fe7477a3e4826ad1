"""A private key wrapped under a passphrase, a recovery code, a phone's token secret or a one-time
code comes back with that secret, for that person, and with nothing else; a wrap travels as a
small dict or JSON and keeps the scrypt cost it was made with."""

import json
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import replace

import pytest

from afterword.sealing import kdf, wraps
from afterword.sealing.codes import RECOVERY_CODE_CHARS, new_recovery_code, normalize_recovery_code
from afterword.sealing.errors import CannotOpen
from afterword.sealing.kdf import PASSPHRASE_COST, ScryptCost
from afterword.sealing.keys import PrivateKey
from afterword.sealing.wraps import (
    KeyWrap,
    WrapKind,
    unwrap_key,
    wrap_key,
    wrap_with_passphrase,
    wrap_with_recovery_code,
    wrap_with_signin_code,
    wrap_with_token_secret,
)

CHEAP = ScryptCost(n=2**14)
"""The least cost a wrap may have: the tests' wraps take 20 ms, not a quarter of a second."""
KEY = PrivateKey.generate()
ALEX, SAM = uuid.uuid4(), uuid.uuid4()
PASSPHRASE = "cotton plans grief window"
RECOVERY = new_recovery_code()
TOKEN_SECRET = secrets.token_urlsafe(32)
SIGNIN_CODE = "K7QM-2XPD"


def every_kind() -> list[tuple[KeyWrap, str, str]]:
    """(a wrap of KEY for Alex, the secret that opens it, a wrong one) of each kind."""
    return [
        (
            wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE, cost=CHEAP),
            PASSPHRASE,
            PASSPHRASE + " ",
        ),
        (wrap_with_recovery_code(KEY, person_id=ALEX, code=RECOVERY), RECOVERY, new_recovery_code()),
        (wrap_with_token_secret(KEY, person_id=ALEX, secret=TOKEN_SECRET), TOKEN_SECRET, TOKEN_SECRET[:-1]),
        (wrap_with_signin_code(KEY, person_id=ALEX, code=SIGNIN_CODE, cost=CHEAP), SIGNIN_CODE, "K7QM-2XPE"),
    ]


def refused(wrap: KeyWrap, secret: str, person_id: uuid.UUID = ALEX) -> CannotOpen:
    with pytest.raises(CannotOpen) as caught:
        unwrap_key(wrap, secret, person_id=person_id)
    return caught.value


def test_each_kind_of_wrap_opens_with_its_secret_for_its_person() -> None:
    for wrap, secret, _ in every_kind():
        assert unwrap_key(wrap, secret, person_id=ALEX).secret_bytes() == KEY.secret_bytes()
        assert wrap.person_id == ALEX


def test_a_wrong_secret_does_not_open_and_says_which_secret_was_wrong() -> None:
    said = []
    for wrap, _, wrong in every_kind():
        error = refused(wrap, wrong)
        said.append(str(error))
        assert error.__context__ is None and error.status_code == 403
    assert said == [
        "This passphrase does not unlock the key",
        "This recovery code does not unlock the key",
        "This phone's sign-in does not unlock the key",
        "This sign-in code does not unlock the key",
    ]


def test_a_wrap_does_not_open_for_another_person() -> None:
    """The person's id is bound in: Alex's wrap stored against Sam's row opens nothing."""
    for wrap, secret, _ in every_kind():
        refused(wrap, secret, person_id=SAM)
        refused(replace(wrap, person_id=SAM), secret, person_id=SAM)


def test_a_wrap_offered_as_another_kind_does_not_open() -> None:
    token_wrap = wrap_with_token_secret(KEY, person_id=ALEX, secret=RECOVERY)
    as_recovery = replace(token_wrap, kind=WrapKind.RECOVERY_CODE)
    refused(as_recovery, RECOVERY)


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped"])
def test_every_changed_byte_of_a_wrap_is_refused(field: str) -> None:
    for wrap, secret, _ in every_kind():
        value = getattr(wrap, field)
        # Every byte under HKDF; under scrypt (20 ms a try) the first, a middle and the last.
        indices = range(len(value)) if wrap.cost is None else (0, len(value) // 2, len(value) - 1)
        for index in indices:
            changed = bytearray(value)
            changed[index] ^= 0x01
            refused(replace(wrap, **{field: bytes(changed)}), secret)


def test_a_changed_cost_is_refused() -> None:
    wrap = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE, cost=CHEAP)
    refused(replace(wrap, cost=ScryptCost(n=2**15)), PASSPHRASE)
    refused(replace(wrap, cost=ScryptCost(n=2**14, r=4)), PASSPHRASE)


def test_unwrapping_does_the_whole_derivation_whatever_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    """No shortcut tells a wrong passphrase from a wrong person or a tampered wrap: each derives
    the key in full once and fails only at the AEAD's tag check."""
    calls: list[str] = []
    for name in ("scrypt_key", "hkdf_key"):
        real: Callable[..., bytes] = getattr(wraps, name)
        monkeypatch.setattr(
            wraps, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k)
        )
    for wrap, secret, wrong in every_kind():
        calls.clear()
        tampered = replace(wrap, wrapped=bytes(48))
        for attempt in ((wrap, wrong, ALEX), (wrap, secret, SAM), (tampered, secret, ALEX), (wrap, "", ALEX)):
            refused(*attempt)
        assert len(calls) == 4 and len(set(calls)) == 1


def test_typing_a_code_is_forgiven_as_for_sign_in_codes() -> None:
    wrap = wrap_with_recovery_code(KEY, person_id=ALEX, code=RECOVERY)
    raw = RECOVERY.replace("-", "")
    sloppy = " ".join(raw[i : i + 7] for i in range(0, len(raw), 7)).lower()
    sloppy = sloppy.replace("1", "l").replace("0", "o")
    assert unwrap_key(wrap, sloppy, person_id=ALEX).matches(KEY.public_key)
    assert unwrap_key(wrap, RECOVERY.replace("-", "\N{EN DASH}"), person_id=ALEX).matches(KEY.public_key)
    signin = wrap_with_signin_code(KEY, person_id=ALEX, code=SIGNIN_CODE, cost=CHEAP)
    assert unwrap_key(signin, "k7qm 2xpd", person_id=ALEX).matches(KEY.public_key)
    refused(wrap, raw[:-1])  # a code too short derives a key like any wrong one, and fails


def test_a_passphrase_opens_however_its_accents_are_composed() -> None:
    composed, decomposed = (
        "caf\N{LATIN SMALL LETTER E WITH ACUTE} au lait s'il vous plait",
        ("cafe\N{COMBINING ACUTE ACCENT} au lait s'il vous plait"),
    )
    wrap = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=composed, cost=CHEAP)
    assert unwrap_key(wrap, decomposed, person_id=ALEX).matches(KEY.public_key)


def test_the_default_cost_is_what_a_new_passphrase_wrap_keeps() -> None:
    wrap = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE)
    assert wrap.cost == PASSPHRASE_COST == ScryptCost(n=2**17, r=8, p=1)
    assert wrap.to_dict()["n"] == 2**17
    assert unwrap_key(wrap, PASSPHRASE, person_id=ALEX).matches(KEY.public_key)


def test_a_raised_cost_is_stored_and_an_old_wrap_keeps_its_own() -> None:
    old = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE, cost=CHEAP)
    new = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE, cost=ScryptCost(n=2**15))
    for wrap in (old, new):
        back = KeyWrap.from_json(wrap.to_json())
        assert back == wrap and unwrap_key(back, PASSPHRASE, person_id=ALEX).matches(KEY.public_key)
    assert (old.to_dict()["n"], new.to_dict()["n"]) == (2**14, 2**15)


def test_wraps_travel_as_small_dicts_and_json() -> None:
    for wrap, secret, _ in every_kind():
        data = wrap.to_dict()
        assert json.loads(json.dumps(data)) == data and len(wrap.to_json()) < 300
        assert data["v"] == 1 and data["kind"] == wrap.kind.value and data["person_id"] == str(ALEX)
        assert data["kdf"] == (
            "scrypt" if wrap.kind in (WrapKind.PASSPHRASE, WrapKind.SIGNIN_CODE) else "hkdf-sha256"
        )
        back = KeyWrap.from_dict(data)
        assert back == wrap and unwrap_key(back, secret, person_id=ALEX).matches(KEY.public_key)


def test_wrapping_twice_gives_unrelated_wraps() -> None:
    first, second = (wrap_with_token_secret(KEY, person_id=ALEX, secret=TOKEN_SECRET) for _ in range(2))
    assert first.salt != second.salt and first.nonce != second.nonce and first.wrapped != second.wrapped


def damaged_dicts() -> list[dict[str, object]]:
    good = wrap_with_passphrase(KEY, person_id=ALEX, passphrase=PASSPHRASE, cost=CHEAP).to_dict()
    token = wrap_with_token_secret(KEY, person_id=ALEX, secret=TOKEN_SECRET).to_dict()
    changes: list[dict[str, object]] = [
        {"v": 2},
        {"v": "1"},
        {"kind": "password"},
        {"kind": None},
        {"person_id": "alex"},
        {"person_id": 7},
        {"kdf": "hkdf-sha256"},
        {"kdf": "argon2id"},
        {"n": 2**14 + 1},
        {"n": 2**10},
        {"n": 2**30},
        {"n": "16384"},
        {"n": True},
        {"r": 0},
        {"p": -1},
        {"salt": "AAAA"},
        {"salt": good["salt"] + "="},
        {"nonce": "not base64!"},
        {"wrapped": str(good["wrapped"])[:-2]},
        {"wrapped": None},
    ]
    damaged: list[dict[str, object]] = [{**good, **change} for change in changes]
    damaged += [{k: v for k, v in good.items() if k != name} for name in good]
    damaged += [{**token, "kdf": "scrypt"}, {**token, "kind": "passphrase"}]
    return damaged


def test_a_damaged_or_unknown_wrap_is_refused_in_one_way() -> None:
    for data in damaged_dicts():
        with pytest.raises(CannotOpen, match="damaged or of an unknown kind") as caught:
            KeyWrap.from_dict(data)
        assert caught.value.__context__ is None, data
    for text in ("", "[]", "{", "null", '"wrap"', json.dumps({"v": 1})):
        with pytest.raises(CannotOpen):
            KeyWrap.from_json(text)


def test_a_wrap_cannot_be_made_under_nothing_or_under_a_code_that_is_not_one() -> None:
    for kind in WrapKind:
        with pytest.raises(ValueError):
            wrap_key(KEY, kind=kind, person_id=ALEX, secret="", cost=CHEAP)
    with pytest.raises(ValueError):
        wrap_with_recovery_code(KEY, person_id=ALEX, code="K7QM-2XPD")
    with pytest.raises(ValueError):
        ScryptCost(n=2**13)


def test_nothing_secret_shows_in_a_wrap_or_its_errors() -> None:
    key_hex = KEY.secret_bytes().hex()
    for wrap, secret, wrong in every_kind():
        shown = f"{wrap!r} {wrap} {refused(wrap, wrong)!r} {refused(wrap, secret, SAM)}"
        assert key_hex not in shown and secret not in shown and wrong not in shown
        assert wrap.to_dict()["wrapped"] not in shown  # the repr leaves the bytes out altogether
        assert key_hex not in wrap.to_json() and secret not in wrap.to_json()


def test_recovery_codes_carry_140_bits_in_groups_of_four() -> None:
    codes = {new_recovery_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}", code), code
        assert normalize_recovery_code(code) == code.replace("-", "")
    assert RECOVERY_CODE_CHARS * 5 >= 128
    # Every character of the alphabet turns up: the codes are drawn from all 32 symbols.
    assert len(set("".join(codes).replace("-", ""))) == 32


def test_recovery_codes_are_normalised_as_typed() -> None:
    code = "K7QM-2XPD-9H4T-B6RW-ZC3N-8FJE-5GAY"
    assert normalize_recovery_code(code) == "K7QM2XPD9H4TB6RWZC3N8FJE5GAY"
    assert normalize_recovery_code(" k7qm 2xpd\t9h4t-b6rw zc3n-8fje-5gay\n") == "K7QM2XPD9H4TB6RWZC3N8FJE5GAY"
    assert normalize_recovery_code("K7QM-2XPD-9H4T-B6RW-ZC3N-8FJE-5GAI") == "K7QM2XPD9H4TB6RWZC3N8FJE5GA1"
    assert normalize_recovery_code("oooo-llll-iiii-uuuu-0000-1111-vvvv") == "000011111111VVVV00001111VVVV"
    for bad in ("", "K7QM-2XPD", code + "A", code[:-1], code.replace("K", "*"), code.replace("K", "Ä")):
        assert normalize_recovery_code(bad) is None, bad


def test_kdf_costs_are_bounded_so_a_hostile_wrap_cannot_take_the_memory() -> None:
    assert kdf.ScryptCost(n=2**20).memory_bytes == 1024**3
    with pytest.raises(ValueError):
        kdf.ScryptCost(n=2**20, r=9)
