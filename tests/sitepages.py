"""Where things are: the project, its pages and notebooks, and how to build the site."""

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


def html_of(site: Path, source: Path) -> BeautifulSoup:
    """The built HTML of a docs/ source file (use_directory_urls layout)."""
    stem = source.with_suffix("")
    target = site / (stem.parent if stem.name == "index" else stem) / "index.html"
    return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


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
