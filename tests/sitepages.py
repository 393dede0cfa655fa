"""Where things are: the project, its pages and notebooks, and how to build the site."""

import functools
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MARKDOWN_PAGES = sorted(p.relative_to(DOCS) for p in DOCS.rglob("*.md"))
NOTEBOOKS = sorted(p.relative_to(DOCS) for p in (DOCS / "notebooks").glob("*.py"))
# The site generator, run as `python -m SITE_BUILDER`: mkdocs, or its drop-in
# continuation properdocs (the Makefile sets it; CI builds with both).
SITE_BUILDER = os.environ.get("SITE_BUILDER", "mkdocs")


def build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `SITE_BUILDER build --strict` on config into site_dir; return the process."""
    command = [
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    return subprocess.run(
        [sys.executable, "-m", SITE_BUILDER, *command],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )


def built_file(site: Path, source: Path) -> Path:
    """The built HTML file of a docs/ source file (use_directory_urls layout)."""
    stem = source.with_suffix("")
    return site / (stem.parent if stem.name == "index" else stem) / "index.html"


def html_of(site: Path, source: Path) -> BeautifulSoup:
    """The built HTML of a docs/ source file (use_directory_urls layout)."""
    return BeautifulSoup(
        built_file(site, source).read_text(encoding="utf-8"), "html.parser"
    )


@functools.cache
def _parsed(file: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def parsed(file: Path) -> BeautifulSoup:
    """The parsed HTML of a file, parsed once per process while the file is unchanged.

    Shared between the tests that read it: read it, never modify it (html_of gives a
    fresh copy to change).
    """
    file = file.resolve()
    status = file.stat()
    return _parsed(file, status.st_mtime_ns, status.st_size)


def shared_html_of(site: Path, source: Path) -> BeautifulSoup:
    """html_of, parsed once per process and shared (see parsed): read, never modify."""
    return parsed(built_file(site, source))


def hook(name: str) -> ModuleType:
    """A module of hooks/, loaded from its file (hooks/ is not a package).

    As under MkDocs, the hooks' folder is importable (hooks import build_cache).
    """
    if str(ROOT / "hooks") not in sys.path:
        sys.path.append(str(ROOT / "hooks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module
