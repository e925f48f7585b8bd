"""The server's logs on stderr: one JSON line per request (``targetrule.server.access``), errors with tracebacks."""

from __future__ import annotations

import logging
import sys


def configure_logs(level: int = logging.INFO) -> None:
    """Send the server's and uvicorn's logs to stderr, each record its message alone (access lines are JSON)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("targetrule.server", "uvicorn"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
