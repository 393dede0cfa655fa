"""Every notebook under docs/ executes from top to bottom without an error."""

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from sitepages import DOCS, NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=str)
def test_notebook_executes(notebook, tmp_path):
    nb = jupytext.read(DOCS / notebook)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert errors == []
    assert nbformat.validate(nb) is None
