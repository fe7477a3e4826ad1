"""A person's key pair: X25519, the key exchange HPKE seals with (RFC 9180, DHKEM(X25519)).

The public key is stored plain beside the person and seals everything they say, so writing needs
no secret. The private key opens it; it is never stored plain, only wrapped (`wraps`) or in the
person's own OS keyring (`os_keyring`). Its repr names the public half only, and it refuses to be
pickled, so neither a log line nor a cache can carry it by accident."""

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from afterword.sealing import base64url

KEY_BYTES = 32
PUBLIC_KEY_PREFIX = "pk1."


class PublicKey:
    """A person's public key: 32 raw bytes, or text such as `pk1.` and 43 base64url characters."""

    __slots__ = ("raw", "x25519")

    def __init__(self, x25519: X25519PublicKey) -> None:
        self.x25519 = x25519
        self.raw = x25519.public_bytes_raw()

    @classmethod
    def from_raw(cls, raw: bytes) -> "PublicKey":
        if len(raw) != KEY_BYTES:
            raise ValueError(f"a public key is {KEY_BYTES} bytes, not {len(raw)}")
        return cls(X25519PublicKey.from_public_bytes(raw))

    @classmethod
    def from_text(cls, text: str) -> "PublicKey":
        raw = base64url.decode(text.removeprefix(PUBLIC_KEY_PREFIX))
        if not text.startswith(PUBLIC_KEY_PREFIX) or raw is None:
            raise ValueError("not a public key (they read pk1. and 43 base64url characters)")
        return cls.from_raw(raw)

    def to_text(self) -> str:
        return PUBLIC_KEY_PREFIX + base64url.encode(self.raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and self.raw == other.raw  # public: no need for constant time

    def __hash__(self) -> int:
        return hash(self.raw)

    def __repr__(self) -> str:
        return f"PublicKey({self.to_text()!r})"


class PrivateKey:
    """A person's private key, held in memory only."""

    __slots__ = ("public_key", "x25519")

    def __init__(self, x25519: X25519PrivateKey) -> None:
        self.x25519 = x25519
        self.public_key = PublicKey(x25519.public_key())

    @classmethod
    def generate(cls) -> "PrivateKey":
        """A new key pair from the operating system's random source."""
        return cls(X25519PrivateKey.generate())

    @classmethod
    def from_secret_bytes(cls, raw: bytes) -> "PrivateKey":
        """The key from its 32 raw bytes, as `secret_bytes` gave them."""
        if len(raw) != KEY_BYTES:
            raise ValueError(f"a private key is {KEY_BYTES} bytes, not {len(raw)}")
        return cls(X25519PrivateKey.from_private_bytes(raw))

    def secret_bytes(self) -> bytes:
        """The 32 raw bytes; only for wrapping the key or handing it to the OS keyring."""
        return self.x25519.private_bytes_raw()

    def matches(self, public_key: PublicKey) -> bool:
        """Whether this is the private half of that public key (say, a person's stored one)."""
        return self.public_key == public_key

    def __repr__(self) -> str:
        return f"PrivateKey(public_key={self.public_key.to_text()[:12]}…)"

    __str__ = __repr__

    def __reduce__(self) -> str:
        raise TypeError("a private key is not pickled; wrap it (afterword.sealing.wraps)")
