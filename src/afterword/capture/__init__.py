"""Turning audio bytes into a stored memo: decoding and checks, the one intake, the microphone."""
