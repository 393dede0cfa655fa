"""Every notebook under docs/ executes from top to bottom without an error.

The build executes each notebook in a fresh process (hooks/notebook_execution.py), and a
cell that raises fails the build (tests/test_build_failures.py). These tests read what the
session's build published: each notebook page offers its executed notebook, valid, every
code cell run, in order, and no error among the outputs. (tests/test_reader.py runs each
downloaded notebook again, in a reader's environment, and compares the outputs.)
"""

import nbformat
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitepages import NOTEBOOKS, hook


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


def test_a_notebook_pages_content_is_kept_for_the_next_build_with_what_it_uses(
    tmp_path,
):
    """hooks/notebooks.py: under `mkdocs serve`, the next build reuses the content it made
    of the same HTML, and still collects the page's stylesheets and classes."""
    notebooks = hook("notebooks")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files(
        [
            File(name, str(tmp_path / "docs"), str(tmp_path / "site"), True)
            for name in ("notebooks/a.py", "b.md")
        ]
    )
    page = Page(None, files.get_file_from_path("notebooks/a.py"), config)
    html = '<style>.jp-X {}</style><p class="jp-X y"><a href="../b.md#c">b</a></p>'
    made = []
    for _ in range(2):
        notebooks.on_pre_build(config)
        made.append(notebooks.on_page_content(html, page, config, files))
        assert list(notebooks.STYLESHEETS.values()) == [".jp-X {}"]
        assert notebooks.CLASSES == {"jp-X", "y"}
    assert made[0] is made[1] and 'href="../b/#c"' in made[0]  # b.md's URL
