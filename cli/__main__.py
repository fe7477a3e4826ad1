"""`python -m cli` runs the `afterword` command."""

from cli.launch import run

run()
