"""Every notebook under docs/ executes from top to bottom without an error.

The build executes each notebook in a fresh process (hooks/notebook_execution.py), and a
cell that raises fails the build (tests/test_build_failures.py). These tests read what the
session's build published: each notebook page offers its executed notebook, valid, every
code cell run, in order, and no error among the outputs. (tests/test_reader.py runs each
downloaded notebook again, in a reader's environment, and compares the outputs.)
"""

import nbformat
import pytest

from sitepages import NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=str)
def test_notebook_executes(notebook, built_site):
    stem = notebook.with_suffix("")
    executed = built_site / stem / f"{stem.name}.ipynb"
    assert executed.is_file(), f"{notebook}: no executed notebook next to its page"
    nb = nbformat.read(executed, as_version=4)
    assert nbformat.validate(nb) is None
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) > 1  # the install cell and the notebook's own
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    errors = [
        output
        for cell in code
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert errors == []
