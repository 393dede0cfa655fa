"""The build's background work: one queue, as many workers as the machine has cores.

Notebook kernels (notebook_execution.py) and figure drawings (figures.py) wait in this
one queue, in the order they were submitted, while the main thread builds the pages: the
cores stay busy with them, and no more of them run at once than there are cores. A
figure is drawn in a worker process (`in_process`), a notebook in its own kernel; the
thread of the queue only waits for either.

The worker processes are spawned (not forked from a process with threads) and inherit
sys.path, whose first entry is the build's snapshot of the package (fresh_package.py): a
figure is drawn with the code the build read. They end with the build (`stop_processes`),
so that the next build, under `mkdocs serve`, imports its own snapshot.
"""

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

CORES = os.cpu_count() or 1
QUEUE = ThreadPoolExecutor(max_workers=CORES, thread_name_prefix="build-worker")
_processes: ProcessPoolExecutor | None = None
_processes_lock = threading.Lock()


def worker_processes() -> ProcessPoolExecutor:
    """This build's worker processes, started on first use."""
    global _processes
    with _processes_lock:
        if _processes is None:
            _processes = ProcessPoolExecutor(
                max_workers=CORES, mp_context=multiprocessing.get_context("spawn")
            )
        return _processes


def in_process(function: Callable[..., Any], *args: Any) -> Future:
    """function(*args) in a worker process, once a worker of the queue is free.

    function and args must pickle: a function by its module and name.
    """
    return QUEUE.submit(lambda: worker_processes().submit(function, *args).result())


def stop_processes() -> None:
    """End the worker processes: the next build may read another snapshot."""
    global _processes
    with _processes_lock:
        if _processes is not None:
            _processes.shutdown(wait=False, cancel_futures=True)
            _processes = None
