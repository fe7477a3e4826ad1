"""What a read carries to open the values it reads: the private keys of whoever it acts for.

Usually one key, the acting person's own (a partner's shared copy is sealed to the reader's own
key, so it opens with that). An opener tries its keys in the order given, and keeps them in memory
only: it writes nothing anywhere, caches no opened value, and cannot be pickled."""

from collections.abc import Iterable

from afterword.sealing import values
from afterword.sealing.errors import CannotOpen
from afterword.sealing.keys import PrivateKey, PublicKey


class Opener:
    """Opens sealed values with the private keys it holds, the first key that opens one."""

    __slots__ = ("_keys",)

    def __init__(self, keys: Iterable[PrivateKey]) -> None:
        self._keys = tuple(keys)
        if not self._keys:
            raise ValueError("an opener needs at least one private key")

    @property
    def public_keys(self) -> tuple[PublicKey, ...]:
        return tuple(key.public_key for key in self._keys)

    def holds(self, public_key: PublicKey) -> bool:
        """Whether one of its keys is the private half of this public key."""
        return any(key.matches(public_key) for key in self._keys)

    def open(self, purpose: str, sealed: bytes) -> bytes:
        """The plaintext of a sealed value; `CannotOpen` when none of the keys opens it."""
        for key in self._keys[:-1]:
            try:
                return values.open_sealed(key, purpose, sealed)
            except CannotOpen:
                continue
        return values.open_sealed(self._keys[-1], purpose, sealed)

    def open_text(self, purpose: str, sealed: str) -> str:
        """The text of a column's sealed text; `CannotOpen` when none of the keys opens it."""
        return values.decoded_text(self.open(purpose, values.sealed_bytes_of(sealed, purpose)), purpose)

    def open_audio(self, sealed: bytes) -> bytes:
        """A sealed recording's bytes; `CannotOpen` when none of the keys opens it."""
        return self.open(values.AUDIO_PURPOSE, values.sealed_audio_bytes(sealed))

    def __repr__(self) -> str:
        return f"Opener({len(self._keys)} key{'s' if len(self._keys) != 1 else ''})"

    def __reduce__(self) -> str:
        raise TypeError("an opener holds private keys and is not pickled")
