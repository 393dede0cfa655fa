"""Run a page's python blocks in order, in one namespace, and capture what each prints.

examples.py runs them in a worker process of the build (workers.py), which imports this
module by its plain name: it imports the standard library only, so it loads at once.
Blocks run with no standard input (`input()` raises EOFError) and each may run for
`timeout` seconds; a block that raises, exits or runs longer fails the page with its
page and line, and the traceback.
"""

import contextlib
import io
import signal
import sys
import threading
import traceback
from collections.abc import Iterator


class BlockTimeout(BaseException):  # not an Exception: the block cannot catch it
    """A block ran longer than its time limit."""


class BlockFailed(Exception):
    """A block raised or ran too long; the message names its page and line."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the code inside after `seconds` (a timer signal: main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BlockTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def no_standard_input() -> Iterator[None]:
    """An empty standard input: `input()` raises EOFError instead of waiting."""
    previous = sys.stdin
    sys.stdin = io.StringIO()
    try:
        yield
    finally:
        sys.stdin = previous


def run_blocks(
    sources: list[str], page_path: str, first_lines: list[int], timeout: float
) -> list[str]:
    """Execute the sources in order in one namespace; return what each printed."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = []
    for source, first_line in zip(sources, first_lines, strict=True):
        printed = io.StringIO()
        where = f"{page_path}:{first_line}"
        try:
            code = compile(source, where, "exec")
            with (
                contextlib.redirect_stdout(printed),
                no_standard_input(),
                time_limit(timeout),
            ):
                exec(code, namespace)
        except BlockTimeout:
            raise BlockFailed(
                f"the python block at {where} ran longer than {timeout:g} s "
                "(STEEPEST_TIMEOUT) and was stopped: does it loop forever?"
            ) from None
        except (Exception, SystemExit) as error:
            details = "".join(traceback.format_exception(error))
            if isinstance(error, EOFError):
                details += "(page examples run with no standard input)\n"
            raise BlockFailed(
                f"the python block at {where} raised:\n{details}"
            ) from None
        outputs.append(printed.getvalue())
    return outputs
