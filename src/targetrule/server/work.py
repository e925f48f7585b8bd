"""Evaluations run in worker threads, a few at once, each within the configured time.

A request waits for a free worker and then for its evaluation, together no longer than
``timeout_seconds``: still waiting is 503 (busy), still evaluating is 504. The event loop stays
free for other requests meanwhile. A thread that overran finishes in the background (Python
cannot stop a thread) and keeps its worker until then, so overruns cannot pile up threads.
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


class Workers:
    """At most ``limits.workers`` evaluations at once, each within ``limits.timeout_seconds``."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, function: Callable[[], T]) -> T:
        """``function()`` in a worker thread; 503 when no worker was free in time, 504 when it ran too long."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.limits.workers)
        started = threading.Event()

        def call() -> T:
            started.set()
            return function()

        seconds = self.limits.timeout_seconds
        try:
            with anyio.fail_after(seconds):
                return await anyio.to_thread.run_sync(call, abandon_on_cancel=True, limiter=self._limiter)
        except TimeoutError:
            if started.is_set():
                raise ApiError(
                    504,
                    "limit.time",
                    Label(
                        f"计算超过 {seconds:g} 秒的上限", f"the evaluation took longer than the limit of {seconds:g} s"
                    ),
                ) from None
            raise ApiError(
                503,
                "server.busy",
                Label(
                    f"服务器繁忙：{seconds:g} 秒内没有空闲的计算线程",
                    f"server busy: no worker free within {seconds:g} s",
                ),
            ) from None
