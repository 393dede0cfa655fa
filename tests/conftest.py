"""Shared fixtures: the site built once per test session, by `mkdocs build --strict`."""

from pathlib import Path

import pytest

from sitepages import ROOT, build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site, built into a temporary folder; the build must be clean."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("WARNING")] == []
    return site_dir
