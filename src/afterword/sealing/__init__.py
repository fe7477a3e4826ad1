"""Sealing: what a person says is stored encrypted to their own public key (docs/security.md).

Ground floor: it knows no database and imports nothing above it. One job a module:
`values` seals and opens one value (HPKE) and writes it as text or audio bytes; `keys` is a
person's X25519 key pair; `opener` holds the private keys a read acts with; `kdf` and `wraps` keep
a private key wrapped under a passphrase, a recovery code, a phone's token secret or a one-time
code; `codes` makes and reads recovery codes; `passphrases` finds a passphrase (file, descriptor,
terminal); `os_keyring` keeps a key in the person's own OS keyring; `errors` says what failed,
never with a secret in the message. Nothing is imported here, so importing one of them costs
only what it needs."""
