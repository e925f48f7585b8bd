"""Fixtures for the bad-input suite, shared with the other folders through tests/mini_scheme.py."""

from mini_scheme import engine, mini

__all__ = ["engine", "mini"]
