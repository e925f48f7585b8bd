"""Fixtures for the file-format tests, shared with the other folder through tests/mini_scheme.py."""

from mini_scheme import engine, mini

__all__ = ["engine", "mini"]
