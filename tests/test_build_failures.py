"""A failing example stops the build: nothing broken is ever published."""

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from projects import PAGE_INDEPENDENT, copy_project, small_project
from sitepages import ROOT, build, hook

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
    return copy_project(tmp_path)


@pytest.fixture
def small_copy(tmp_path: Path, built_site: Path) -> Path:
    """A copy of the project with a one-page docs folder, that a test adds a broken page
    to (or breaks the package of): for a failure that needs no other page of the site.

    The entries whose keys do not depend on the pages (projects.PAGE_INDEPENDENT) come
    from the real site's cache, so that only what a test breaks runs.
    """
    project = small_project(tmp_path, {"index.md": "# Home\n"}, seed=PAGE_INDEPENDENT)
    (project / "docs/notebooks").mkdir()
    return project


def assert_build_fails_without_publishing(
    project: Path, culprit: str, message: str
) -> str:
    """The build fails naming the culprit, and the previous site stays as it was.

    Returns what the build wrote to stderr."""
    site = project / "site"
    (site / "page").mkdir(parents=True)
    (site / "page/index.html").write_text("the previous site", encoding="utf-8")
    result = build(project / "mkdocs.yml", site)
    assert result.returncode != 0
    assert culprit in result.stderr and message in result.stderr
    assert [path for path in site.rglob("*") if path.is_file()] == [
        site / "page/index.html"
    ]
    assert (site / "page/index.html").read_text("utf-8") == "the previous site"
    assert [path.name for path in project.iterdir() if "site" in path.name] == ["site"]
    return result.stderr


def test_a_raising_notebook_fails_the_build(small_copy):
    (small_copy / "docs/notebooks/broken.py").write_text(
        BROKEN_NOTEBOOK, encoding="utf-8"
    )
    assert_build_fails_without_publishing(
        small_copy, "broken.py", "this example is broken"
    )


def test_a_raising_page_example_fails_the_build(small_copy):
    (small_copy / "docs/broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    assert_build_fails_without_publishing(
        small_copy, "broken.md:7", "ZeroDivisionError"
    )


def test_a_raising_figure_fails_the_build_naming_figure_file_and_line(small_copy):
    """A figure is drawn in a worker process: its error still names where it is."""
    module = small_copy / "code/steepest/figures/gradient.py"
    source = module.read_text(encoding="utf-8")
    signature = "def field_densities() -> Figure:\n"
    assert signature in source
    module.write_text(
        source.replace(
            signature, signature + '    raise RuntimeError("this figure is broken")\n'
        ),
        encoding="utf-8",
    )
    line = source[: source.index(signature)].count("\n") + 2
    stderr = assert_build_fails_without_publishing(
        small_copy, "figure gradient-field-densities failed", "this figure is broken"
    )
    assert f'"code/steepest/figures/gradient.py", line {line}' in stderr


def test_a_missing_snippet_fails_the_build(project_copy):
    page = project_copy / "docs/descent-and-ascent/index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(":gradient_ascent", ":no_such_section"), encoding="utf-8"
    )
    result = build(project_copy / "mkdocs.yml", project_copy / "site")
    assert result.returncode != 0
    assert "no_such_section" in result.stderr


def test_a_formula_katex_cannot_parse_fails_the_build(small_copy):
    (small_copy / "docs/broken-math.md").write_text(
        "# Broken math\n\nA fraction without its denominator: $\\frac{1}{x$.\n",
        encoding="utf-8",
    )
    assert_build_fails_without_publishing(
        small_copy, "broken-math.md", "KaTeX could not typeset"
    )


def test_a_misspelled_end_marker_fails_the_build(small_copy):
    """It would include the rest of the file in the page."""
    module = small_copy / "code/steepest/optimizers.py"
    lines = module.read_text(encoding="utf-8").split("\n")
    (start,) = [
        n for n, line in enumerate(lines, 1) if "[start:gradient_ascent]" in line
    ]
    module.write_text(
        "\n".join(lines).replace("[end:gradient_ascent]", "[end:gradient_ascnet]"),
        encoding="utf-8",
    )
    result = build(small_copy / "mkdocs.yml", small_copy / "site")
    assert result.returncode != 0
    assert (
        f"code/steepest/optimizers.py:{start}: [start:gradient_ascent] has no "
        "[end:gradient_ascent] after it"
    ) in result.stderr


@pytest.mark.parametrize(
    ("markers", "message"),
    [
        (["start:a", "end:a", "start:a", "end:a"], "3: a second [start:a] marker"),
        (["start:a", "start:a", "end:a"], "2: a second [start:a] (the first is at"),
        (["end:a"], "1: [end:a] with no [start:a]"),
        (["start:a", "end:b"], "2: [end:b] with no [start:b]"),
    ],
)
def test_each_section_is_delimited_exactly_once(tmp_path, markers, message):
    source = tmp_path / "module.py"
    source.write_text("\n".join(f"# --8<-- [{marker}]" for marker in markers))
    with pytest.raises(PluginError, match=re.escape(message)):
        hook("snippet_sections").sections(source)


def test_a_warning_under_strict_keeps_the_previous_site(project_copy):
    """MkDocs aborts on the warning after the post-build steps have written the site."""
    (project_copy / "docs/broken-link.md").write_text(
        "# Broken link\n\n[A page](no-such-page.md)\n", encoding="utf-8"
    )
    assert_build_fails_without_publishing(
        project_copy, "broken-link.md", "no-such-page.md"
    )


HANGING_PAGE = """# Hanging

```python
print("before")
```

```python
while True:
    pass
```
"""

HANGING_NOTEBOOK = """# %% [markdown]
# # Hanging
# %%
print("before")
# %%
while True:
    pass
"""


def test_a_hanging_example_fails_the_build_naming_page_and_line(
    small_copy, monkeypatch
):
    monkeypatch.setenv("STEEPEST_TIMEOUT", "3")
    (small_copy / "docs/hanging.md").write_text(HANGING_PAGE, encoding="utf-8")
    result = build(small_copy / "mkdocs.yml", small_copy / "site")
    assert result.returncode != 0
    assert "the python block at hanging.md:7 ran longer than 3 s" in result.stderr


def test_an_example_reading_input_fails_the_build(small_copy):
    """At a terminal it would wait, and publish the prompt and what was typed."""
    (small_copy / "docs/asking.md").write_text(
        '# Asking\n\n```python\nname = input("Your name: ")\n```\n', encoding="utf-8"
    )
    assert_build_fails_without_publishing(small_copy, "asking.md:3", "EOFError")


def test_an_example_that_exits_or_ends_its_process_fails_the_build(small_copy):
    """Page examples run in a worker process of the build (hooks/examples.py): a block
    that exits, or ends that process, fails the build naming its page."""
    (small_copy / "docs/exiting.md").write_text(
        "# Exiting\n\n```python\nimport sys\n\nsys.exit(3)\n```\n", encoding="utf-8"
    )
    assert_build_fails_without_publishing(small_copy, "exiting.md:3", "SystemExit: 3")
    (small_copy / "docs/exiting.md").write_text(
        "# Exiting\n\n```python\nimport os\n\nos._exit(3)\n```\n", encoding="utf-8"
    )
    shutil.rmtree(small_copy / "site")
    assert_build_fails_without_publishing(
        small_copy, "python blocks of exiting.md", "worker process"
    )


def test_a_hanging_notebook_fails_the_build_with_one_clear_message(
    small_copy, monkeypatch
):
    monkeypatch.setenv("STEEPEST_TIMEOUT", "3")
    (small_copy / "docs/notebooks/hanging.py").write_text(
        HANGING_NOTEBOOK, encoding="utf-8"
    )
    result = build(small_copy / "mkdocs.yml", small_copy / "site")
    assert result.returncode != 0
    assert (
        "the notebook cell at notebooks/hanging.py:6 ran longer than 3 s"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "\x1b[" not in result.stderr


BROKEN_DIAGRAM_PAGE = """# Diagrams

```mermaid
flowchart LR
    a --> b
```

Text.

```mermaid
flowchart LR
    a --> b((]
```
"""


def test_a_broken_diagram_fails_the_build_with_mermaids_message(small_copy):
    (small_copy / "docs/diagrams.md").write_text(BROKEN_DIAGRAM_PAGE, encoding="utf-8")
    assert_build_fails_without_publishing(
        small_copy, "diagrams.md:10: Mermaid cannot parse", "Parse error on line 2"
    )


def test_a_citation_of_a_missing_key_fails_the_build(project_copy):
    page = project_copy / "docs/derivatives/index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    (line,) = [n for n, text in enumerate(lines, 1) if "[@goldberg1991]" in text]
    page.write_text(
        "\n".join(lines).replace("[@goldberg1991]", "[@goldberg1990]"), encoding="utf-8"
    )
    assert_build_fails_without_publishing(
        project_copy,
        f"derivatives/index.md:{line}: [@goldberg1990] cites no entry of references.yml",
        "the entry goldberg1991 is cited by no page",
    )


def test_a_reference_to_a_missing_equation_fails_the_build(small_copy):
    (small_copy / "docs/equations.md").write_text(
        "# Equations\n\n$$\nx \\label{eq:here}\n$$\n\nSee [@eq:here] and [@eq:there].\n",
        encoding="utf-8",
    )
    assert_build_fails_without_publishing(
        small_copy, "equations.md:7: [@eq:there] refers to no", "\\label{eq:there}"
    )
