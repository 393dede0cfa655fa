"""Run a notebook's code cells in an IPython shell, recording outputs as a kernel's.

The build runs each notebook in a fresh process forked from one that has already
imported NumPy, matplotlib and IPython (workers.py), instead of starting a Jupyter kernel
and importing them again: a kernel costs about 1.6 s of CPU before the first cell. The
shell is IPython's, as in a kernel: the same display formatter (`text/plain` from
IPython's pretty printer, `text/html` from `_repr_html_`), the same `Out` history and
execution count, matplotlib's inline backend (a figure left open is shown as a PNG when
its cell ends). Outputs are recorded in the form nbclient gives a kernel's messages, with
its `coalesce_streams`: one stream output per name and cell, the text before a `\\r`
in a line dropped.
tests/test_notebook_runner.py runs notebooks both ways and compares every output;
tests/test_reader.py runs each published notebook in a reader's Jupyter kernel.
"""

import base64
import os
import re
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ipykernel.compiler import XCachingCompiler
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

Output = dict[str, Any]
# nbclient's _RGX_CARRIAGERETURN. (Its backspace rule never runs: the loop that would
# apply it stops before the first pass.)
CARRIAGE_RETURN = re.compile(r".*\r(?=[^\n])")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


class UnsupportedOutput(Exception):
    """The cell used a display feature this runner does not record."""


class Recorder:
    """The current cell's outputs, in order, as a kernel's messages would give them."""

    def __init__(self) -> None:
        self.outputs: list[Output] = []
        self.clear_before_next = False

    def add(self, output: Output) -> None:
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False
        self.outputs.append(output)

    def clear(self, wait: bool) -> None:
        if wait:
            self.clear_before_next = True
        else:
            self.outputs.clear()

    def cell_outputs(self) -> list[Output]:
        """The outputs with nbclient's coalesce_streams applied."""
        merged: list[Output] = []
        streams: dict[str, Output] = {}
        for output in self.outputs:
            if output["output_type"] != "stream":
                merged.append(output)
            elif output["name"] in streams:
                streams[output["name"]]["text"] += output["text"]
            else:
                streams[output["name"]] = dict(output)
                merged.append(streams[output["name"]])
        for stream in streams.values():
            stream["text"] = CARRIAGE_RETURN.sub("", stream["text"])
        # nbclient puts a stdout output right after a stderr one before it
        for index, output in enumerate(merged[:-1]):
            following = merged[index + 1]
            if output.get("name") == "stderr" and following.get("name") == "stdout":
                merged[index], merged[index + 1] = following, output
        return merged


class StreamRecorder:
    """A text stream (sys.stdout or sys.stderr) whose writes become stream outputs."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, recorder: Recorder, name: str) -> None:
        self.recorder, self.name = recorder, name

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self.recorder.add(
                {"output_type": "stream", "name": self.name, "text": text}
            )
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """A mimebundle as JSON carries it: binary data (PNG, JPEG) base64-encoded."""
    return {
        mime: base64.b64encode(value).decode("ascii")
        if isinstance(value, bytes)
        else value
        for mime, value in data.items()
    }


def recording_shell(recorder: Recorder) -> InteractiveShell:
    """An IPython shell whose results and displays go to the recorder."""

    class ResultHook(DisplayHook):
        def write_output_prompt(self) -> None:
            pass

        def write_format_data(
            self, format_dict: dict, md_dict: dict | None = None
        ) -> None:
            recorder.add(
                {
                    "output_type": "execute_result",
                    "data": jsonable(format_dict),
                    "metadata": md_dict or {},
                    "execution_count": self.prompt_count,
                }
            )

        def finish_displayhook(self) -> None:
            pass

    class Publisher(DisplayPublisher):
        def publish(  # type: ignore[override]
            self,
            data: dict,
            metadata: dict | None = None,
            source: object = None,
            *,
            transient: dict | None = None,
            update: bool = False,
            **kwargs: object,
        ) -> None:
            if update:
                raise UnsupportedOutput(
                    "updating a display (display_id) is not recorded"
                )
            recorder.add(
                {
                    "output_type": "display_data",
                    "data": jsonable(data),
                    "metadata": metadata or {},
                }
            )

        def clear_output(self, wait: bool = False) -> None:
            recorder.clear(wait)

    class RecordingShell(InteractiveShell):
        displayhook_class = ResultHook
        display_pub_class = Publisher

        def enable_gui(self, gui: str | None = None) -> None:
            pass  # the inline backend needs no event loop

        def _showtraceback(self, etype: type, evalue: BaseException, stb: list) -> None:
            recorder.add(
                {
                    "output_type": "error",
                    "ename": etype.__name__,
                    "evalue": str(evalue),
                    "traceback": stb,
                }
            )

    config = Config()
    config.HistoryManager.enabled = False  # no history file, as nothing reads it
    config.InteractiveShell.colors = "nocolor"
    # ipykernel's compiler names each cell's code as a kernel does
    # (/tmp/ipykernel_<pid>/<hash>.py), as warnings and tracebacks show it.
    return RecordingShell.instance(config=config, compiler_class=XCachingCompiler)


def run_cells(
    cells: list[str], folder: str, started: Callable[[int], None]
) -> list[dict[str, Any]]:
    """Run the cells in order in a new shell whose working directory is folder.

    Calls started(index) as each cell starts. Returns each cell's {"outputs",
    "execution_count"}; stops after the first cell that raises, whose outputs end with
    an "error" output.
    """
    os.chdir(folder)
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # as ipykernel sets it
    recorder = Recorder()
    shell = recording_shell(recorder)
    shell.enable_matplotlib("inline")  # what importing pyplot does in a kernel
    results = []
    saved = sys.stdout, sys.stderr
    sys.stdout = StreamRecorder(recorder, "stdout")  # type: ignore[assignment]
    sys.stderr = StreamRecorder(recorder, "stderr")  # type: ignore[assignment]
    try:
        for index, source in enumerate(cells):
            started(index)
            recorder.outputs.clear()
            recorder.clear_before_next = False
            result = shell.run_cell(source, store_history=True)
            results.append(
                {
                    "outputs": recorder.cell_outputs(),
                    "execution_count": result.execution_count,
                }
            )
            if not result.success:
                break
    finally:
        sys.stdout, sys.stderr = saved
    return results


def run_notebook(
    connection: Connection, cells: list[str], folder: str, environment: dict[str, str]
) -> None:
    """A notebook's process: runs the cells in folder with the environment variables
    a kernel started now would get (the fork server's are from when it started).

    Sends ("started", index) as each cell starts, then ("finished", results) (see
    run_cells), or ("failed", traceback) if the runner itself fails.
    """
    os.environ.clear()
    os.environ.update(environment)
    try:
        results = run_cells(
            cells, folder, lambda index: connection.send(("started", index))
        )
    except BaseException:
        connection.send(("failed", traceback.format_exc()))
        raise
    connection.send(("finished", results))
