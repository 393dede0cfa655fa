"""MkDocs hook: under `mkdocs serve`, a static file that a rebuild would write as the
previous build wrote it is a hard link to the previous site's file, not a new copy.
Builds (`mkdocs build`) are unchanged.

Each build writes a whole new site (whole_site.py). Creating its 244 static files (the
theme's assets, the vendored KaTeX and Mermaid, the figures, the explorables' data) took
0.17-0.23 s of a 0.7-s prose rebuild on this machine, nearly all of it creating files;
linking them takes a tenth of that. A file is linked when all of these hold:

- MkDocs would write what it wrote into the previous site: the same source file, with the
  same path, size, modification time and inode, and modified more than a second before
  that build copied it (a source modified later might have changed unseen within the
  clock's resolution, as git treats a racily clean file); or the same generated content
  (SHA-256);
- the previous site's file is as that build left it (inode, size, modification time);
- no hook changed the file after MkDocs wrote it, in any build of this process (CHANGED):
  such a file is copied every time, so that no write reaches the previous site through a
  link. The hooks that write into a site file replace it rather than write into it.
"""

import functools
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from build_cache import file_state

RACY_NANOSECONDS = 1_000_000_000


@dataclass(frozen=True)
class Written:
    """What a build wrote to one site path: from what (`origin`), the file's state right
    after (`state`), and when the content was copied (a link keeps the copy's time)."""

    origin: tuple[object, ...]
    state: tuple[int, ...] | None
    copied: int  # time.time_ns() before the copy


SERVING: list[bool] = []  # set at startup: whether this process is `mkdocs serve`
SITE: list[Path] = []  # the site folder of this build
KEPT: dict[str, Written] = {}  # the previous site's static files, as it left them
WRITTEN: dict[str, Written] = {}  # this build's, so far
LINKED: set[str] = set()  # the site paths this build linked
CHANGED: set[str] = set()  # the site paths a hook changed after MkDocs wrote them
FOLDERS: set[str] = set()  # the folders this build made for links


def on_startup(command: str, dirty: bool) -> None:
    SERVING[:] = [command == "serve"]


@event_priority(101)  # before whole_site.py points site_dir at its staging folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    SITE[:] = [Path(config.site_dir).resolve()]
    WRITTEN.clear()
    LINKED.clear()
    FOLDERS.clear()
    return config


def origin(file: File) -> tuple[object, ...] | None:
    """What MkDocs writes for the file: its generated content's digest, or its source
    file's path and state; None if the source cannot be read."""
    if file.abs_src_path is None:  # generated with content
        return ("content", hashlib.sha256(file.content_bytes).hexdigest())
    try:
        source = os.stat(file.abs_src_path)
    except OSError:
        return None
    return ("source", file.abs_src_path, *file_state(source))  # the mtime last


def state_of(path: str | Path) -> tuple[int, ...] | None:
    try:
        return file_state(os.stat(path))
    except OSError:
        return None


def linkable(file: File, made: tuple[object, ...], kept: Written | None) -> bool:
    """Whether the previous site's file is what MkDocs would write (see above)."""
    if kept is None or kept.origin != made or file.dest_uri in CHANGED:
        return False
    modified = made[-1]  # a source's modification time
    if made[0] == "source" and isinstance(modified, int):
        if modified >= kept.copied - RACY_NANOSECONDS:  # racily clean: copy it
            return False
    return state_of(SITE[0] / file.dest_uri) == kept.state


def write(file: File, dirty: bool = False) -> None:
    """File.copy_file, or a hard link to the previous site's file where it is the same."""
    started = time.time_ns()
    made = origin(file)
    kept = KEPT.get(file.dest_uri)
    destination = file.abs_dest_path
    copied = started
    if file.dest_uri in LINKED:  # written again in this build: never through the link
        LINKED.discard(file.dest_uri)
        os.unlink(destination)
    if made is not None and linkable(file, made, kept):
        try:
            folder = os.path.dirname(destination)
            if folder not in FOLDERS:  # one mkdir per folder, not per file
                os.makedirs(folder, exist_ok=True)
                FOLDERS.add(folder)
            os.link(SITE[0] / file.dest_uri, destination)
            LINKED.add(file.dest_uri)
            copied = kept.copied
        except OSError:  # no hard links here, or the file exists: copy it
            pass
    if file.dest_uri not in LINKED:
        File.copy_file(file, dirty)
    if made is not None:
        WRITTEN[file.dest_uri] = Written(made, state_of(destination), copied)


@event_priority(-100)  # the last on_env: MkDocs copies the static files next
def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    if SERVING == [True]:
        for file in files:
            if not file.is_documentation_page():
                file.copy_file = functools.partial(write, file)  # this file's copy
    return env


@event_priority(-99)  # after every hook's writes, before whole_site.py swaps the sites
def on_post_build(config: MkDocsConfig) -> None:
    """Keep what this build wrote for the next, except what a hook changed since."""
    KEPT.clear()
    for path, written in WRITTEN.items():
        if state_of(Path(config.site_dir) / path) == written.state:
            KEPT[path] = written
        else:
            CHANGED.add(path)
    WRITTEN.clear()
    LINKED.clear()
