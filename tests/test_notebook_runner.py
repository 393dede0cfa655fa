"""The build's notebook runner gives the outputs a Jupyter kernel gives.

The build runs notebooks in IPython's shell in a forked process (hooks/notebook_runner.py)
instead of a kernel. These tests run the same cells both ways, the kernel through
nbclient as Jupyter runs them, and compare every output: streams, results, displays, an
inline matplotlib figure, a companion notebook with its SVG figures. A cell that raises
or runs too long stops the run with the notebook's name and line.
"""

import json
import os
import re
import textwrap
from pathlib import Path

import jupytext
import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient

from sitepages import ROOT, hook

CELLS = [
    'print("one")\nimport sys\nprint("two", file=sys.stderr)\nprint("three")',
    'print("carried\\rreturned")\nprint("no newline", end="")',
    "import warnings\nwarnings.warn('careful', UserWarning)",
    "from IPython.display import HTML, display\ndisplay(HTML('<b>shown</b>'))\n6 * 7",
    "_ + 1",  # the previous result, from the shell's output history
    '"suppressed";',
    "from IPython.display import clear_output\nprint('gone')\nclear_output()\nprint('kept')",
    textwrap.dedent(
        """\
        class Both:
            def __repr__(self):
                return "plain"

            def _repr_html_(self):
                return "<i>rich</i>"

        Both()"""
    ),
    "import numpy as np\nnp.arange(3) / 4",
    "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2]);",  # left open: an inline PNG
    "%matplotlib inline\nplt.plot([2, 1]);",
    "x = 1",
]


def in_kernel(notebook: nbformat.NotebookNode, folder: Path) -> list[dict]:
    run = nbformat.from_dict(notebook)
    paths = [str(ROOT / "code"), os.environ.get("PYTHONPATH", "")]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    NotebookClient(
        run,
        kernel_name="python3",
        allow_errors=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute(env=environment)
    return [
        {"outputs": cell.outputs, "execution_count": cell.execution_count}
        for cell in run.cells
        if cell.cell_type == "code"
    ]


def in_runner(notebook: nbformat.NotebookNode, source: Path) -> list[dict]:
    results = hook("notebook_execution").execute(notebook, source, source.name)
    return [
        {
            "outputs": [nbformat.from_dict(output) for output in result["outputs"]],
            "execution_count": result["execution_count"],
        }
        for result in results
    ]


def without_process_ids(results: list[dict]) -> str:
    """The results as JSON, each process's own cell file names (ipykernel_<pid>) masked."""
    text = json.dumps(results, sort_keys=True)
    return re.sub(r"ipykernel_\d+/\d+", "ipykernel_PID/CELL", text)


def notebook_of(cells: list[str]) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])


def test_every_kind_of_output_is_the_kernels(tmp_path):
    notebook = notebook_of(CELLS)
    source = tmp_path / "kinds.py"
    source.write_text("\n\n".join(CELLS), encoding="utf-8")
    expected = in_kernel(notebook, tmp_path)
    kinds = {output.output_type for result in expected for output in result["outputs"]}
    assert kinds == {"stream", "execute_result", "display_data"}
    assert without_process_ids(in_runner(notebook, source)) == without_process_ids(
        expected
    )


def test_a_companion_notebook_gives_the_kernels_outputs_with_its_figures():
    source = ROOT / "docs/notebooks/gradient.py"
    notebook = jupytext.read(source)
    runner = in_runner(notebook, source)
    assert any("data:image/svg+xml" in str(result["outputs"]) for result in runner)
    assert runner == in_kernel(notebook, source.parent)


def test_a_raising_cell_names_the_notebook_line_and_error(tmp_path):
    cells = ["x = 1", "y = 2\n1 / 0"]
    source = tmp_path / "raising.py"
    source.write_text("# a notebook\n\nx = 1\n\ny = 2\n1 / 0\n", encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        in_runner(notebook_of(cells), source)
    message = str(raised.value)
    assert "the cell at raising.py:5 raised" in message
    assert "ZeroDivisionError" in message
    assert "\x1b[" not in message


def test_a_cell_that_runs_too_long_is_stopped_and_named(tmp_path, monkeypatch):
    cells = ["x = 1", "import time\nwhile True:\n    time.sleep(0.1)"]
    source = tmp_path / "hanging.py"
    source.write_text("x = 1\n\n" + cells[1] + "\n", encoding="utf-8")
    execution = hook("notebook_execution")
    monkeypatch.setattr(execution, "TIMEOUT", 2)
    with pytest.raises(PluginError, match=r"cell at hanging.py:3 ran longer than 2 s"):
        execution.execute(notebook_of(cells), source, source.name)


def test_a_notebook_source_is_parsed_once_and_each_build_gets_its_own_copy(tmp_path):
    """notebook_execution.read_notebook: jupytext's notebook, a new object each time."""
    source = tmp_path / "n.py"
    source.write_text("# %% [markdown]\n# Title\n\n# %%\nx = 1\n", encoding="utf-8")
    notebook_execution = hook("notebook_execution")
    read_notebook = notebook_execution.read_notebook
    parsed = notebook_execution.parsed.cache_info().misses
    first, second = (
        read_notebook(source.read_text("utf-8")),
        read_notebook(source.read_text("utf-8")),
    )
    assert first is not second
    assert notebook_execution.parsed.cache_info().misses == parsed + 1  # parsed once

    def shown(notebook) -> list:  # cell ids are random (the build sets its own)
        return [notebook.metadata, [{**c, "id": None} for c in notebook.cells]]

    assert shown(first) == shown(second) == shown(jupytext.read(source))
    first.cells[1].outputs = ["changed"]
    assert read_notebook(source.read_text("utf-8")).cells[1].outputs == []
    assert [cell.source for cell in read_notebook("# %%\ny = 2\n").cells] == ["y = 2"]
