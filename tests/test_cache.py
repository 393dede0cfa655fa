"""The build cache's contract, on a small copy of the site with its own cache folder.

- editing prose re-executes nothing;
- editing a steepest module re-executes exactly the examples that import it, and the
  built page shows the new result;
- a corrupt or partial cache entry is ignored and rebuilt, never published.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitepages import ROOT, html_of

PAGE = """# Cache test

Some prose.

```python
from steepest.functions import peak_and_pit

print(f"f(1, 0) = {peak_and_pit([1.0, 0.0]):.6f}")
```
"""

NOTEBOOK = """# %% [markdown]
# # Notebook
# %%
from steepest.functions import peak_and_pit

print(f"notebook f(1, 0) = {peak_and_pit([1.0, 0.0]):.6f}")
"""


@pytest.fixture
def project(tmp_path: Path, built_site: Path) -> Path:
    """The real hooks, package and configuration with a two-page docs folder.

    The figures drawn for the real site are reused (same package, same keys), so that
    only this test's own examples run.
    """
    figures = ROOT / ".cache/steepest/figures"
    if figures.is_dir():
        shutil.copytree(figures, tmp_path / ".cache/steepest/figures")
    for name in ("hooks", "overrides", "code"):
        shutil.copytree(ROOT / name, tmp_path / name)
    wheels = ROOT / ".cache/steepest/wheels"
    if wheels.is_dir():
        shutil.copytree(wheels, tmp_path / ".cache/steepest/wheels")
    for name in ("requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs/javascripts", docs / "javascripts")
    shutil.copytree(ROOT / "docs/stylesheets", docs / "stylesheets")
    (docs / "notebooks").mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "notebooks/check.py").write_text(NOTEBOOK, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n  - index.md\n  - notebooks/check.py\n\n"
    config = re.sub(r"^nav:\n(?:(?: .*)?\n)*", nav, config, flags=re.MULTILINE)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def build(project: Path) -> str:
    """Build the copy with its own package and cache; return the build's log."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project / "code"),  # the copy's steepest, in kernels too
        "STEEPEST_CACHE_DIR": str(project / ".cache/steepest"),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"]
    result = subprocess.run(
        command,
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def shown(project: Path, page: str) -> str:
    return html_of(project / "site", Path(page)).select_one("article").get_text()


def executions(log: str) -> list[str]:
    pattern = r"^INFO +- +(running the examples of|executing|drawing) "
    return [line for line in log.splitlines() if re.match(pattern, line)]


def test_a_prose_edit_runs_nothing_again(project):
    first = build(project)
    assert len(executions(first)) >= 2
    page = project / "docs/index.md"
    page.write_text(
        page.read_text("utf-8").replace("Some prose.", "Other prose."), "utf-8"
    )
    notebook = project / "docs/notebooks/check.py"
    notebook.write_text(
        notebook.read_text("utf-8").replace("# # Notebook", "# # Renamed")
    )
    second = build(project)
    assert executions(second) == []
    assert "Other prose." in shown(project, "index.md")
    assert "Renamed" in shown(project, "notebooks/check.py")


def test_a_package_edit_reruns_exactly_what_imports_it(project):
    build(project)
    assert "f(1, 0) = 0.367879" in shown(project, "index.md")
    # A module these examples do not import (only figures do): they do not run again.
    (project / "code/steepest/rendering.py").open("a").write("\n# a comment\n")
    assert not [line for line in executions(build(project)) if "index.md" in line]
    # The module the examples import: both run again and show the new value.
    functions = project / "code/steepest/functions.py"
    text = functions.read_text("utf-8")
    functions.write_text(
        text.replace("return float(x * np.exp", "return float(2 * x * np.exp")
    )
    log = build(project)
    assert any("index.md" in line for line in executions(log))
    assert any("check.py" in line for line in executions(log))
    assert "f(1, 0) = 0.735759" in shown(project, "index.md")
    assert "notebook f(1, 0) = 0.735759" in shown(project, "notebooks/check.py")


def test_corrupt_and_partial_entries_are_rebuilt_not_published(project):
    build(project)
    cache = project / ".cache/steepest"
    (example,) = (cache / "examples").glob("*.json")
    example.write_text(
        example.read_text("utf-8").replace("0.367879", "9.999999"), "utf-8"
    )
    (notebook,) = (cache / "notebooks").glob("*.json")
    notebook.write_text(notebook.read_text("utf-8")[:40], "utf-8")  # partial write
    for entry in (project / ".cache/mkdocs-jupyter").glob("*.json"):
        entry.write_text("{not json", "utf-8")
    log = build(project)
    assert len([line for line in executions(log) if "drawing" not in line]) == 2
    assert "9.999999" not in shown(project, "index.md")
    assert "f(1, 0) = 0.367879" in shown(project, "index.md")
    assert "notebook f(1, 0) = 0.367879" in shown(project, "notebooks/check.py")
