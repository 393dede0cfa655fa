"""The same sources give the same site, byte for byte, whatever the cache holds.

The session's site (built with whatever .cache/ holds) is compared file by file with a
build of a copy of the project from an empty cache, on the same build date.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitepages import ROOT, SITE_BUILDER


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_a_build_from_an_empty_cache_gives_the_same_site(tmp_path, built_site):
    for name in ("docs", "hooks", "overrides", "code"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("mkdocs.yml", "requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    # The build date is part of the site (in sitemap.xml.gz): build on the same date.
    gzip_header = (built_site / "sitemap.xml.gz").read_bytes()[:8]
    epoch = int.from_bytes(gzip_header[4:8], "little")
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    environment.pop("STEEPEST_CACHE_DIR", None)
    command = [sys.executable, "-m", SITE_BUILDER, "build", "--strict", "-d", "site"]
    result = subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    clean, session = files_of(tmp_path / "site"), files_of(built_site)
    assert sorted(clean) == sorted(session)
    assert [name for name in session if clean[name] != session[name]] == []
