"""Afterword: keep therapy insights alive between sessions."""
