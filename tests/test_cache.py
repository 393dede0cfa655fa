"""The build cache's contract, on a small copy of the site with its own cache folder.

- editing prose re-executes nothing;
- editing a steepest function re-executes exactly the examples that reach it (not those
  that only import its module), and the built page shows the new result;
- a corrupt or partial cache entry is ignored and rebuilt, never published;
- a module saved during a build is not cached under its new key.
"""

import json
import re
import sys
from pathlib import Path

import pytest

from projects import PAGE_INDEPENDENT, run_in, small_project
from sitepages import SITE_BUILDER, hook, html_of

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


PAGES = {"index.md": PAGE, "notebooks/check.py": NOTEBOOK}


@pytest.fixture
def project(tmp_path: Path, built_site: Path) -> Path:
    """The real hooks, package and configuration with a two-page docs folder.

    The entries made for the real site that do not depend on its pages
    (projects.PAGE_INDEPENDENT: figures, explorables' data, the wheel, …) are reused
    (same package, same keys), so that only this test's own examples run.
    """
    return small_project(tmp_path, PAGES, seed=PAGE_INDEPENDENT)


@pytest.fixture
def examples_project(tmp_path: Path) -> Path:
    """The two-page copy without the hooks that make no page example or notebook output
    (figures, explorables' data, the wheel): for claims about examples and notebooks
    only, so that a package edit does not redraw figures or recompute explorables."""
    without = ("figures", "explorables", "package_wheel")
    return small_project(tmp_path, PAGES, without_hooks=without)


def build(project: Path) -> str:
    """Build the copy with its own package and cache; return the build's log."""
    command = [sys.executable, "-m", SITE_BUILDER, "build", "--strict", "-d", "site"]
    return run_in(project, [*command, "--config-file", "mkdocs.yml"], timeout=300)


def shown(project: Path, page: str) -> str:
    return html_of(project / "site", Path(page)).select_one("article").get_text()


def shown_html(project: Path, page: str) -> str:
    return str(html_of(project / "site", Path(page)).select_one("article"))


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


def test_a_package_edit_reruns_exactly_what_reaches_it(examples_project):
    project = examples_project
    build(project)
    assert "f(1, 0) = 0.367879" in shown(project, "index.md")
    # A module these examples do not import (only figures do): they do not run again.
    (project / "code/steepest/rendering.py").open("a").write("\n# a comment\n")
    assert not [line for line in executions(build(project)) if "index.md" in line]
    # Another function of the module they import: they do not run again either.
    functions = project / "code/steepest/functions.py"
    text = functions.read_text("utf-8")
    assert "return float(x**2 + y**2)" in text
    functions.write_text(
        text.replace("return float(x**2 + y**2)", "return float(y**2 + x**2)")
    )
    ran = executions(build(project))
    assert not [line for line in ran if "index.md" in line or "check.py" in line]
    # Its docstring: nothing prints it, nothing runs again.
    text = functions.read_text("utf-8")
    functions.write_text(text.replace("a peak at (1/√2, 0)", "its peak at (1/√2, 0)"))
    ran = executions(build(project))
    assert not [line for line in ran if "index.md" in line or "check.py" in line]
    # The function the examples call: both run again and show the new value.
    text = functions.read_text("utf-8")
    functions.write_text(
        text.replace("return float(x * np.exp", "return float(2 * x * np.exp")
    )
    log = build(project)
    assert any("index.md" in line for line in executions(log))
    assert any("check.py" in line for line in executions(log))
    assert "f(1, 0) = 0.735759" in shown(project, "index.md")
    assert "notebook f(1, 0) = 0.735759" in shown(project, "notebooks/check.py")


def test_a_package_edit_converts_no_notebook_again(project, monkeypatch):
    """With site_url set, a notebook's install cell names the wheel, whose name changes
    with the package: it is filled in after conversion (hooks/notebook_conversion.py)."""
    monkeypatch.setenv("SITE_URL", "https://example.org/steepest/")
    assert "Converting notebook" in build(project)
    (project / "code/steepest/stochastic.py").open("a").write("\n# a comment\n")
    log = build(project)
    assert "Converting notebook" not in log
    (wheel,) = (project / "site/packages").glob("*.whl")
    page = shown_html(project, "notebooks/check.py")
    assert f"https://example.org/steepest/packages/{wheel.name}" in page
    assert hook("package_wheel").WHEEL_PLACEHOLDER not in page
    index = (project / "site/search/search_index.json").read_text("utf-8")
    assert wheel.name in index  # the notebook's entries, not parsed again, name it too
    assert hook("package_wheel").WHEEL_PLACEHOLDER not in index


def test_corrupt_and_partial_entries_are_rebuilt_not_published(examples_project):
    project = examples_project
    build(project)
    cache = project / ".cache/steepest"
    (example,) = (cache / "examples").glob("*.json")
    example.write_text(
        example.read_text("utf-8").replace("0.367879", "9.999999"), "utf-8"
    )
    (notebook,) = (cache / "notebooks").glob("*.json")
    notebook.write_text(notebook.read_text("utf-8")[:40], "utf-8")  # partial write
    (converted,) = (cache / "notebook-html").glob("*.json")  # one digit changed
    converted.write_text(
        converted.read_text("utf-8").replace("0.367879", "0.367870"), "utf-8"
    )
    log = build(project)
    assert len([line for line in executions(log) if "drawing" not in line]) == 2
    assert "9.999999" not in shown(project, "index.md")
    assert "0.367870" not in shown(project, "notebooks/check.py")
    assert "f(1, 0) = 0.367879" in shown(project, "index.md")
    assert "notebook f(1, 0) = 0.367879" in shown(project, "notebooks/check.py")


RACE_HOOK = '''"""Two saves during one build, as an author saving twice under `mkdocs serve`."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "code" / "steepest"


def save(name, old, new):
    path = PACKAGE / name
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def on_files(files, config):
    import steepest.figures.gradient  # the build has loaded the package: then a save
    import steepest.racecourse

    save("racecourse.py", "original", "first save")
    save("figures/gradient.py", "(5, 9, 17)", "(5, 9, 11)")


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "index.md":  # before its examples run
        save("racecourse.py", "first save", "second save")
    return markdown
'''

# Each save replaces the version's name everywhere in the module: its docstring, shown
# on an API page, too.
RACECOURSE = '''VERSION = "original"


def version() -> str:
    """Says: the original of the module."""
    return VERSION
'''

RACE_CODE = """from steepest.racecourse import VERSION

print(f"the {VERSION} of the module ran")
"""


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_a_module_saved_during_a_build_is_never_cached_under_its_new_key(project):
    """Each entry is keyed on the code that produced it, saves during a build or not."""
    (project / "code/steepest/racecourse.py").write_text(RACECOURSE)
    append(project / "docs/index.md", f"\n```python\n{RACE_CODE}```\n")
    (project / "docs/api.md").write_text("# API\n\n::: steepest.racecourse\n")
    append(project / "docs/notebooks/check.py", f"# %%\n{RACE_CODE}")
    figure = "site/figures/gradient-field-densities-light.svg"
    config = project / "mkdocs.yml"
    plain_config = config.read_text("utf-8")
    (project / "hooks/race.py").write_text(RACE_HOOK, "utf-8")
    config.write_text(
        plain_config.replace(
            "  - hooks/fresh_package.py\n",
            "  - hooks/fresh_package.py\n  - hooks/race.py\n",
        ),
        "utf-8",
    )
    build(project)  # the saves happen during this build: it shows what it read first
    assert "the original of the module ran" in shown(project, "index.md")
    assert "the original of the module ran" in shown(project, "notebooks/check.py")
    assert "Says: the original of the module." in shown(project, "api.md")
    racing_figure = (project / figure).read_bytes()
    config.write_text(plain_config, "utf-8")
    build(project)  # the next build (serve starts one after a save) shows the last save
    assert "the second save of the module ran" in shown(project, "index.md")
    assert "the second save of the module ran" in shown(project, "notebooks/check.py")
    assert "Says: the second save of the module." in shown(project, "api.md")
    assert (project / figure).read_bytes() != racing_figure


# For each kind of entry: a well-formed value of the wrong shape, made from a valid one
# (what a hook that changed what it stores would find).
WRONG_SHAPES = {
    "examples": lambda value: value[:-1],  # one output short
    "notebooks": lambda value: [{"outputs": "no list"} for _ in value],
    "figures": lambda value: {"svg": value},
    "figure-index": lambda value: {**value, "palettes": "light"},
    "explorables": lambda value: {  # one missing (entries of before names were stored:
        "names": value.get("names", list(value)),  # their names are the data's)
        "data": dict(list(value.get("data", value).items())[1:]),
    },
    "math": lambda value: {"html": value["html"]},  # no fonts
    "katex-fonts": lambda value: "AAAA",  # base64, not a font
    "notebook-images": lambda value: [value],
    "notebook-html": lambda value: {**value, "toc": "no list"},
    "notebook-styles": lambda value: [value],
    "search": lambda value: [{"location": entry["location"]} for entry in value],
}


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_entries_of_the_wrong_shape_are_misses_and_a_changed_renderer_reruns(project):
    """For every kind of entry: rebuilt, never an error, never a silent gap."""
    checksum = hook("build_cache").checksum
    append(project / "docs/index.md", "\nA formula: $\\nabla f(x)$.\n")
    build(project)
    before = files_of(project / "site")
    cache = project / ".cache/steepest"
    for kind, wrong in WRONG_SHAPES.items():
        entry_files = sorted((cache / kind).glob("*.json"))
        assert entry_files, f"the build stored no {kind} entry"
        # The explorables' data is one entry per package version, seeded from the real
        # cache, which may hold older versions too: all are made wrong, so that the one
        # this build uses is.
        for entry_file in entry_files if kind == "explorables" else entry_files[:1]:
            entry = json.loads(entry_file.read_text("utf-8"))
            entry["value"] = wrong(entry["value"])
            entry["checksum"] = checksum(entry["value"])
            entry_file.write_text(json.dumps(entry), "utf-8")
    build(project)
    assert files_of(project / "site") == before
    assert "katex-mathml" in shown_html(project, "index.md")
    renderer = project / "hooks/katex_render.mjs"
    renderer.write_text(
        renderer.read_text("utf-8").replace(
            "throwOnError: true", 'throwOnError: true, output: "html"'
        ),
        "utf-8",
    )
    build(project)
    assert "katex-mathml" not in shown_html(project, "index.md")


def test_an_entry_checked_once_is_checked_again_only_when_its_file_changed(
    tmp_path, monkeypatch
):
    """Cache.get computes an entry's checksum once per process while its file stays as it
    was (mkdocs serve reads the same entries at every rebuild); an entry altered after
    that, in place or replaced, is still a miss."""
    build_cache = hook("build_cache")
    cache = build_cache.Cache("test", code=[])
    cache.folder = tmp_path
    cache.put("k", {"x": 0.367879})
    computed = []
    checksum = build_cache.checksum
    monkeypatch.setattr(
        build_cache, "checksum", lambda value: computed.append(value) or checksum(value)
    )
    assert cache.get("k", lambda value: True) == {"x": 0.367879}
    assert computed == []  # written by this process: known intact
    entry = tmp_path / "k.json"
    entry.write_text(entry.read_text("utf-8").replace("367879", "367870"), "utf-8")
    assert cache.get("k", lambda value: True) is None and not entry.exists()
    cache.put("k", {"x": 1})
    build_cache.CHECKED.clear()  # as in a new process
    computed.clear()
    assert cache.get("k", lambda value: True) == {"x": 1} and len(computed) == 1
    assert cache.get("k", lambda value: True) == {"x": 1} and len(computed) == 1


def test_last_builds_keeps_what_this_and_the_previous_build_made():
    kept = hook("build_cache").LastBuilds()
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text.upper()

    assert kept.made("a", make("a")) == "A" and kept.made("a", make("a")) == "A"
    kept.next_build()
    assert kept.made("a", make("a")) == "A" and made == ["a"]
    kept.next_build()
    kept.made("b", make("b"))
    kept.next_build()  # "a" was last made two builds ago: let go
    kept.made("a", make("a"))
    assert made == ["a", "b", "a"]
    assert kept.get("a") == "A" and kept.get("c") is None
    kept.next_build()
    assert kept.get("a") == "A"  # taken into this build: kept for the next
    kept.next_build()
    assert kept.get("a") == "A" and kept.get("b") is None
