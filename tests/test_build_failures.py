"""A failing example stops the build: nothing broken is ever published."""

import shutil
from pathlib import Path

import pytest

from sitepages import ROOT, build

BROKEN_NOTEBOOK = """# %% [markdown]
# # Broken
# %%
print("before the error")
# %%
raise RuntimeError("this example is broken")
"""

BROKEN_PAGE = """# Broken

```python
total = 1 + 1
```

```python
print(total / 0)
```
"""


@pytest.fixture
def project_copy(tmp_path: Path, built_site: Path) -> Path:
    """A copy of the site's sources, sharing node_modules, that a test may break.

    It starts with the real site's build cache (same sources, same keys), so that only
    what a test breaks runs.
    """
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", tmp_path / ".cache")
    for name in ("docs", "hooks", "overrides", "code"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("mkdocs.yml", "requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def assert_build_fails_without_publishing(
    project: Path, culprit: str, message: str
) -> None:
    site = project / "site"
    result = build(project / "mkdocs.yml", site)
    assert result.returncode != 0
    assert culprit in result.stderr and message in result.stderr
    published = [
        page for page in site.rglob("*.html") if message in page.read_text("utf-8")
    ]
    assert published == []


def test_a_raising_notebook_fails_the_build(project_copy):
    (project_copy / "docs/notebooks/broken.py").write_text(
        BROKEN_NOTEBOOK, encoding="utf-8"
    )
    assert_build_fails_without_publishing(
        project_copy, "broken.py", "this example is broken"
    )


def test_a_raising_page_example_fails_the_build(project_copy):
    (project_copy / "docs/broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    assert_build_fails_without_publishing(
        project_copy, "broken.md:7", "ZeroDivisionError"
    )


def test_a_missing_snippet_fails_the_build(project_copy):
    page = project_copy / "docs/descent-and-ascent.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(":gradient_ascent", ":no_such_section"), encoding="utf-8"
    )
    result = build(project_copy / "mkdocs.yml", project_copy / "site")
    assert result.returncode != 0
    assert "no_such_section" in result.stderr


def test_a_formula_katex_cannot_parse_fails_the_build(project_copy):
    (project_copy / "docs/broken-math.md").write_text(
        "# Broken math\n\nA fraction without its denominator: $\\frac{1}{x$.\n",
        encoding="utf-8",
    )
    assert_build_fails_without_publishing(
        project_copy, "broken-math.md", "KaTeX could not typeset"
    )
