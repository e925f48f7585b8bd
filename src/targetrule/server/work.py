"""Evaluations run in worker threads, a few at once, each within the configured time.

A request waits for a free worker and then for its evaluation, together no longer than
``timeout_seconds``: no worker free in time is 503 (busy), still evaluating is 504. The event
loop stays free for other requests meanwhile. A thread that overran finishes in the background
(Python cannot stop a thread) and holds its worker slot until then, so overruns cannot pile up:
at most ``workers`` evaluations ever run at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from targetrule.server.config import Limits
from targetrule.server.errors import ApiError
from targetrule.text import Label

T = TypeVar("T")


class _NoWorker(Exception):
    """No worker slot came free in time, or the request was given up while waiting."""


class Workers:
    """At most ``limits.workers`` evaluations at once, each within ``limits.timeout_seconds``."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.workers)  # held by the thread that evaluates

    async def run(self, function: Callable[[], T]) -> T:
        """``function()`` in a worker thread; 503 when no worker was free in time, 504 when it ran too long."""
        seconds = self.limits.timeout_seconds
        started, given_up = threading.Event(), threading.Event()

        def call() -> T:
            if not self._slots.acquire(timeout=seconds):
                raise _NoWorker
            try:
                if given_up.is_set():
                    raise _NoWorker
                started.set()
                return function()
            finally:
                self._slots.release()

        try:
            with anyio.fail_after(seconds):
                return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
        except TimeoutError:
            given_up.set()
            if started.is_set():
                raise ApiError(
                    504,
                    "limit.time",
                    Label(f"计算超过 {seconds:g} 秒的上限", f"the evaluation took longer than {seconds:g} s"),
                ) from None
            raise _busy(seconds) from None
        except _NoWorker:
            raise _busy(seconds) from None


def _busy(seconds: float) -> ApiError:
    return ApiError(
        503,
        "server.busy",
        Label(f"服务器繁忙：{seconds:g} 秒内没有空闲的计算线程", f"server busy: no worker free within {seconds:g} s"),
    )
