"""An ordered, bounded parallel map over a stream: the engine behind ``-j N``.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, so a 1 GB corpus
would sit in memory; here at most ``window`` chunks are in flight, and results come back in
input order, so output is byte-identical to a ``-j 1`` run.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    window: int | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in order, computed by ``jobs`` worker processes with
    at most ``window`` (default ``2 * jobs``) items submitted and not yet yielded."""
    window = window or 2 * jobs
    # fork is fast (workers inherit imported modules) and safe here: the pool is created
    # before any thread of ours starts. Elsewhere, the platform default.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs)
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
