"""MkDocs hook: a failing build leaves the previous site in place, whole.

MkDocs writes pages into the site folder as it builds them, so a build that fails half-way
(a formula KaTeX cannot parse, a raising example, a warning under --strict) would leave
a half-written site for `mkdocs serve`, a preview or a deploy to serve. Each build writes
into a fresh folder next to the site folder instead (`.<site>.building-<pid>`); only a
build that succeeds replaces the site with it, after every other hook's post-build step.
Under --strict a warning fails the build after those steps: the hook counts warnings too
and keeps the previous site when there is one. Listed last in mkdocs.yml.
"""

import logging
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

SITES: dict[str, Path] = {}  # "site" and "staging" of this build
WARNINGS = CountHandler()
WARNINGS.setLevel(logging.WARNING)


def staging_folder(site: Path, pid: int) -> Path:
    return site.parent / f".{site.name}.building-{pid}"


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(site: Path) -> None:
    """Staging folders of builds that were killed (a parallel build's is kept)."""
    for folder in site.parent.glob(f".{site.name}.building-*"):
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


@event_priority(100)  # before anything reads config.site_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = Path(config.site_dir).resolve()
    staging = staging_folder(site, os.getpid())
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(site)
    shutil.rmtree(staging, ignore_errors=True)
    SITES.update(site=site, staging=staging)
    config.site_dir = str(staging)
    WARNINGS.counts.clear()
    logging.getLogger("mkdocs").addHandler(WARNINGS)
    return config


@event_priority(-100)  # after every other hook has written its files
def on_post_build(config: MkDocsConfig) -> None:
    logging.getLogger("mkdocs").removeHandler(WARNINGS)
    site, staging = SITES["site"], SITES["staging"]
    if config.strict and WARNINGS.get_counts():
        shutil.rmtree(staging, ignore_errors=True)  # MkDocs aborts the build next
        return
    previous = site.parent / f".{site.name}.previous-{os.getpid()}"
    if site.is_dir():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    config.site_dir = str(site)


def on_build_error(error: Exception) -> None:
    logging.getLogger("mkdocs").removeHandler(WARNINGS)
    if "staging" in SITES:
        shutil.rmtree(SITES["staging"], ignore_errors=True)
