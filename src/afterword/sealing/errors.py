"""The sealing package's errors. Each message is a fixed sentence: it never holds key material, a
secret or a word of what was sealed, so any of them may be printed, logged or sent as an answer."""

from afterword.errors import AfterwordError, Invalid


class CannotOpen(AfterwordError):
    """A sealed value or a key wrap that the key or secret at hand does not open: a wrong key,
    passphrase or code, a value sealed for another purpose, or a value that is damaged or not
    sealed at all. Authenticated encryption cannot tell these apart, and neither do we."""

    status_code = 403


class NoPassphrase(AfterwordError):
    """No passphrase could be read: no source is set, or the one set cannot be read."""

    status_code = 400


class PassphraseRefused(Invalid):
    """A new passphrase that is too short, or typed differently the second time."""


class NoKeyring(AfterwordError):
    """No usable OS keyring on this machine (say, a Linux server without a Secret Service)."""

    status_code = 503
