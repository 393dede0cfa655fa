"""Shared fixtures: the site built once per test session, by `mkdocs build --strict`, and
the browser that opens it.

The suite runs on two processes (pytest-xdist, `-n 2` in pyproject.toml); they share one
build of the site: the first to need it builds it, under a file lock, and the other waits
for it and reads the same folder.
"""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, serve
from filelock import FileLock

from sitepages import ROOT, build

# The builds' environment as `make test` gives it, also when pytest is run directly:
# without it, nbconvert lists its exporters as each build starts (see the Makefile).
os.environ.setdefault("NBCONVERT_DISABLE_CONFIG_EXPORTERS", "1")

# What the build caches (hooks/build_cache.py); its executed kinds decide "cold".
CACHE_DIR = Path(os.environ.get("STEEPEST_CACHE_DIR", ROOT / ".cache" / "steepest"))
EXECUTED = ("examples", "notebooks", "figures", "explorables")


@dataclass(frozen=True)
class SiteBuild:
    """The session's site, and whether it was built from an empty cache."""

    folder: Path
    from_empty_cache: bool


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every process of this test session sees."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def cache_is_empty() -> bool:
    return not any(
        any((CACHE_DIR / kind).glob("*.json"))
        for kind in EXECUTED
        if (CACHE_DIR / kind).is_dir()
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The project's site, built once for the session; the build must be clean."""
    shared = shared_folder(tmp_path_factory)
    site_dir, record = shared / "site", shared / "site.json"
    with FileLock(shared / "site.lock"):
        if not record.exists():
            empty = cache_is_empty()
            result = build(ROOT / "mkdocs.yml", site_dir)
            assert result.returncode == 0, result.stderr
            lines = result.stderr.splitlines()
            assert [line for line in lines if line.startswith("WARNING")] == []
            record.write_text(json.dumps({"from_empty_cache": empty}), encoding="utf-8")
    return SiteBuild(
        site_dir, json.loads(record.read_text("utf-8"))["from_empty_cache"]
    )


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    """The folder of the session's site."""
    return site_build.folder


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by playwright (tests using it skip without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
