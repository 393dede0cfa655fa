"""The same sources give the same site, byte for byte, whatever the cache holds.

The session's site is compared file by file with a second build of a copy of the project
on the same build date: from an empty cache when the session's site was built from a
filled one, and from the filled cache when the session's site was the empty-cache build
(as on a fresh clone, where the suite thereby builds from an empty cache once, not twice).
"""

import os
import subprocess
import sys
from pathlib import Path

from conftest import CACHE_DIR
from projects import copy_project
from sitepages import SITE_BUILDER


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_a_build_from_an_empty_cache_gives_the_same_site(tmp_path, site_build):
    built_site = site_build.folder
    copy_project(tmp_path)
    # The build date is part of the site (in sitemap.xml.gz): build on the same date.
    gzip_header = (built_site / "sitemap.xml.gz").read_bytes()[:8]
    epoch = int.from_bytes(gzip_header[4:8], "little")
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    if site_build.from_empty_cache:  # then build from the cache that build filled
        environment["STEEPEST_CACHE_DIR"] = str(CACHE_DIR)
    else:
        environment.pop("STEEPEST_CACHE_DIR", None)
    command = [sys.executable, "-m", SITE_BUILDER, "build", "--strict", "-d", "site"]
    result = subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    other, session = files_of(tmp_path / "site"), files_of(built_site)
    assert sorted(other) == sorted(session)
    assert [name for name in session if other[name] != session[name]] == []
