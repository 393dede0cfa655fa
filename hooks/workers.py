"""The build's background work: one queue, as many workers as the machine has cores.

Notebooks (notebook_execution.py) and figure drawings (figures.py) wait in this one
queue, in the order they were submitted, while the main thread builds the pages: the
cores stay busy with them, and no more of them run at once than there are cores. A
figure is drawn in a worker process (`in_process`), a notebook in a process of its own
(`start_forked`); the thread of the queue only waits for either.

Both kinds of process are forked from multiprocessing's fork server, a process started
once (not forked from the build, which has threads) that has imported FORK_SERVER_PRELOAD
and nothing of the package: forking it takes milliseconds where a new interpreter
importing them takes a second. A process takes the build's sys.path when it starts,
whose first entry is the build's snapshot of the package (fresh_package.py): it runs the
code the build read. (A notebook's gets this folder appended, to import the hook it
runs.) The figure workers end with the build (`stop_processes`), so that the next
build, under `mkdocs serve`, imports its own snapshot.
"""

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

CORES = os.cpu_count() or 1
HOOKS = str(Path(__file__).resolve().parent)
FORK_SERVER_PRELOAD = [
    "numpy",
    "matplotlib.pyplot",
    "IPython",
    "matplotlib_inline.backend_inline",
]
FORK_SERVER = multiprocessing.get_context("forkserver")
FORK_SERVER.set_forkserver_preload(FORK_SERVER_PRELOAD)
QUEUE = ThreadPoolExecutor(max_workers=CORES, thread_name_prefix="build-worker")
_processes: ProcessPoolExecutor | None = None
_processes_lock = threading.Lock()


def worker_processes() -> ProcessPoolExecutor:
    """This build's worker processes, started on first use."""
    global _processes
    with _processes_lock:
        if _processes is None:
            if HOOKS not in sys.path:  # each process starts with this sys.path: it
                sys.path.append(HOOKS)  # finds a hook's module (example_runner.py)
            _processes = ProcessPoolExecutor(max_workers=CORES, mp_context=FORK_SERVER)
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


def start_forked(
    target: Callable[..., None], *args: Any
) -> tuple[BaseProcess, Connection]:
    """Start target(connection, *args) in a process forked from the fork server.

    Returns the process and the other end of the one-way pipe that target writes to.
    target must be a module-level function of a module this folder or sys.path holds.
    """
    if HOOKS not in sys.path:  # the process starts with this sys.path: it finds target
        sys.path.append(HOOKS)  # (MkDocs takes the hooks' folder out once they load)
    receiving, sending = FORK_SERVER.Pipe(duplex=False)
    process = FORK_SERVER.Process(target=target, args=(sending, *args), daemon=True)
    process.start()
    sending.close()  # the child holds its own copy: recv() ends if the child dies
    return process, receiving
