"""Polyhelp: a multilingual help center for online shops, built from Markdown in git."""

__version__ = "0.1.0"
