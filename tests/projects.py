"""Small copies of the project for tests that build: the real hooks, package and
configuration, with a docs folder of a few pages and a cache folder of their own."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from sitepages import ROOT

REAL_CACHE = ROOT / ".cache/steepest"
# Kinds of cache entries whose keys do not depend on the pages: figures, explorables'
# data, the wheel, compiled templates, the figure index and what Python reaches. A small
# copy seeded with them draws, computes, packs and compiles only what its test changes.
PAGE_INDEPENDENT = (
    "figures",
    "explorables",
    "wheels",
    "templates",
    "figure-index",
    "reached",
)


def copy_code(folder: Path) -> Path:
    """The project without its pages: hooks, theme overrides, package, pinned
    requirements, and the npm packages (linked)."""
    for name in ("hooks", "overrides", "code"):
        shutil.copytree(
            ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    return folder


def copy_project(folder: Path) -> Path:
    """A whole copy of the project (without its cache), to build on its own."""
    copy_code(folder)
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def small_project(
    folder: Path,
    pages: dict[str, str],
    seed: tuple[str, ...] = (),
    without_hooks: tuple[str, ...] = (),
) -> Path:
    """A copy of the project in folder whose docs hold only `pages` (path -> text), in
    that order in the nav.

    `seed` names kinds of entries (figures, explorables, wheels, …) copied from the real
    site's cache: their keys do not depend on the docs folder, so the copy finds the
    entries the real build stored for the same package. `without_hooks` names hooks left
    out of mkdocs.yml (for a claim they play no part in).
    """
    for kind in seed:
        if (REAL_CACHE / kind).is_dir():
            shutil.copytree(REAL_CACHE / kind, folder / ".cache/steepest" / kind)
    copy_code(folder)
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs/javascripts", docs / "javascripts")
    shutil.copytree(ROOT / "docs/stylesheets", docs / "stylesheets")
    for page, text in pages.items():
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in pages) + "\n"
    config, count = re.subn(r"^nav:\n(?:(?: .*)?\n)*", nav, config, flags=re.MULTILINE)
    assert count == 1, "mkdocs.yml has no nav to replace"
    for name in without_hooks:
        line = f"  - hooks/{name}.py\n"
        assert config.count(line) == 1, f"mkdocs.yml does not list hooks/{name}.py"
        config = config.replace(line, "")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def run_in(project: Path, command: list[str], timeout: float = 600) -> str:
    """Run command in a copy, with the copy's own package (in notebook kernels too) and
    cache folder; it must succeed. Returns what it wrote to stderr (a build's log)."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project / "code"),
        "STEEPEST_CACHE_DIR": str(project / ".cache/steepest"),
    }
    result = subprocess.run(
        command,
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr
