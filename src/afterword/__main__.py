"""`python -m afterword` runs the `afterword` command."""

from afterword.cli.launch import run

run()
