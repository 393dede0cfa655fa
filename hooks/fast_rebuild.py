"""MkDocs hook: make `mkdocs serve` show a saved edit sooner, and builds start sooner.

- Every rebuild loads the configuration afresh, so the theme and mkdocstrings get new
  Jinja environments and would compile their ~70 templates again each time. Every
  environment made from the theme, and mkdocstrings', shares one bytecode cache instead:
  a template compiles once per process, and again only when its source changes (Jinja
  checks the source's checksum). The compiled code is also stored in the cache folder,
  so the next `mkdocs build` does not compile it either.
- Every build lists the theme's folders to find its static files (Material's holds 14,500
  files, its icons; 0.17 s). Under `mkdocs serve` an installed theme cannot change, so the
  listing is taken once per process; theme folders that are not installed packages
  (overrides/) are listed at every build and key the listing, so a file added there is
  found.
- `mkdocs serve` polls the watched files every 0.5 s, so a save waits 0.25 s on average
  before the rebuild starts. The hook watches with the operating system's file events
  instead (watchdog's native observer: inotify on Linux), which report a save at once and
  cost nothing between saves. Only changes count: the build itself opens and reads the
  watched files, and those events must not start another build. Since the events come at
  once, the rebuild waits 0.05 s for the rest of a save's events, not MkDocs' 0.1 s. (Polling faster is no
  cure: every scan's many small system calls contend with the build for Python's global
  interpreter lock, and a 0.1-s poll made each build 0.2 s slower.)
- mkdocstrings-python and griffe keep, in unbounded caches, objects of every build that
  documented the package; the hook empties those caches as each build starts
  (forget_previous_builds), so that a long `mkdocs serve` session does not grow.
"""

import hashlib
import json
import sysconfig
from pathlib import Path
from typing import Any

from griffe._internal.extensions import dataclasses as griffe_dataclasses
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.theme import Theme
from mkdocstrings_handlers.python._internal import rendering as python_rendering
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from build_cache import CACHE_DIR, by_name, environment, read_checked, write_checked

CHANGES: list[type[FileSystemEvent]] = [
    FileClosedEvent,  # closed after writing
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
]


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, reporting changes only (not opens and reads)."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
    ) -> ObservedWatch:
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or CHANGES,
        )


def compiler_settings(environment: Environment) -> str:
    """What a Jinja environment compiles templates with, besides their source."""
    autoescape = environment.autoescape
    return repr(
        (
            autoescape if isinstance(autoescape, bool) else by_name(autoescape),
            sorted(environment.extensions),
            [by_name(environment.undefined), by_name(environment.finalize)],
            [environment.block_start_string, environment.block_end_string],
            [environment.variable_start_string, environment.variable_end_string],
            [environment.comment_start_string, environment.comment_end_string],
            [environment.line_statement_prefix, environment.line_comment_prefix],
            [environment.trim_blocks, environment.lstrip_blocks],
            [environment.newline_sequence, environment.keep_trailing_newline],
            [environment.optimized, environment.is_async],
            [sorted(environment.filters), sorted(environment.tests)],
        )
    )


class TemplateCodeCache(BytecodeCache):
    """Compiled templates: in memory for the life of the process, and in the cache folder
    for the next process, under a key over the template's name and file, the settings it
    is compiled with, the Python version and the pinned dependencies (Jinja itself checks
    the template's source, and its own and Python's version, when it loads the code)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.code: dict[str, bytes] = {}
        self.folder = folder

    def file(self, bucket: Bucket) -> Path | None:
        if self.folder is None:
            return None
        compiled_with = f"{environment()}\0{compiler_settings(bucket.environment)}"
        key = hashlib.sha256(f"{compiled_with}\0{bucket.key}".encode()).hexdigest()
        return self.folder / f"{key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key not in self.code and (file := self.file(bucket)) is not None:
            if (code := read_checked(file)) is None:  # none, altered or partial: a miss
                return
            self.code[bucket.key] = code
        if bucket.key in self.code:
            try:
                bucket.bytecode_from_string(self.code[bucket.key])
            except Exception:  # unreadable however it got there: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.code[bucket.key] = bucket.bytecode_to_string()
        if (file := self.file(bucket)) is not None:
            write_checked(file, code)


TEMPLATE_CODE = TemplateCodeCache(CACHE_DIR / "templates")

LISTINGS: dict[str, list[str]] = {}  # theme folders and filter -> template names
# Where installed packages are: their files do not change while a process runs.
INSTALLED = {
    Path(sysconfig.get_path(name)).resolve() for name in ("purelib", "platlib")
}


class ListedOnce:
    """A theme's Jinja environment as `Files.add_files_from_theme` uses it: its
    `list_templates` is taken from LISTINGS when the folders and their filter are the same
    and the folders inside the project hold the same files."""

    def __init__(self, env: Environment, config: MkDocsConfig) -> None:
        self.env, self.config = env, config

    def list_templates(self, filter_func: Any = None) -> list[str]:
        folders = [Path(folder).resolve() for folder in self.config.theme.dirs]
        own = [
            sorted(str(path) for path in folder.rglob("*"))
            for folder in folders
            if not any(folder.is_relative_to(place) for place in INSTALLED)
        ]
        # mkdocs' filter is a function of the theme's static templates, nothing else.
        static = list(self.config.theme.static_templates)
        key = json.dumps([[str(f) for f in folders], static, own])
        if key not in LISTINGS:
            LISTINGS[key] = self.env.list_templates(filter_func=filter_func)
        return LISTINGS[key]


def theme_environment(theme: Theme) -> Environment:
    """Theme.get_env, with the shared bytecode cache: the build's environment and the
    others made from the theme (Material's search plugin makes one at each build to read
    its translations, 0.018 s of a rebuild when compiled each time, 0.0015 s cached)."""
    env = get_theme_environment(theme)
    env.bytecode_cache = TEMPLATE_CODE
    return env


get_theme_environment = getattr(Theme.get_env, "unshared", Theme.get_env)
theme_environment.unshared = get_theme_environment  # type: ignore[attr-defined]
Theme.get_env = theme_environment  # type: ignore[method-assign]


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, builds list the installed theme once (ListedOnce)."""
    add = Files.add_files_from_theme
    if command != "serve" or getattr(add, "listed_once", False):
        return

    def add_files_from_theme(
        files: Files, env: Environment, config: MkDocsConfig
    ) -> None:
        add(files, ListedOnce(env, config), config)

    add_files_from_theme.listed_once = True  # type: ignore[attr-defined]
    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


def on_pre_build(config: MkDocsConfig) -> None:
    """mkdocstrings renders the reference pages before on_env: share the cache now.

    Also let go of what the previous builds documented (forget_previous_builds).
    """
    handler = config.plugins["mkdocstrings"].get_handler("python")
    handler.env.bytecode_cache = TEMPLATE_CODE
    forget_previous_builds()


# Unbounded caches that mkdocstrings-python and griffe key on objects of one build: the
# build's Jinja environment ("does it hold this template?"), each class griffe loaded
# ("its dataclass parameters"). Under `mkdocs serve`, every rebuild that documents the
# package again adds its own, and they keep alive what they reach: the handler, its
# mkdocs-autorefs plugin and through it every page of that build; the whole package's
# model. Each package edit left about 8,700 objects behind, 33 Page objects among them
# (RSS under alternating prose and package edits: +5.9 MiB a rebuild).
BUILD_KEYED_CACHES = [
    (python_rendering, "_test_existing_template"),
    (griffe_dataclasses, "_dataclass_parameters"),
]


def forget_previous_builds() -> None:
    """Empty the caches of BUILD_KEYED_CACHES. A version of griffe or mkdocstrings-python
    without one of them is skipped; should it keep builds alive some other way,
    tests/test_serve_rebuilds.py fails (it checks that a rebuild's pages and package
    objects are let go)."""
    for module, name in BUILD_KEYED_CACHES:
        cache = getattr(module, name, None)
        if cache is not None:
            cache.cache_clear()


# How long serve waits after a change for more changes before it rebuilds (MkDocs waits
# 0.1 s, after each change). An editor's save reaches the native observer as a burst of
# events milliseconds apart (tens, if it syncs the file to a slow disk); a change that
# comes later starts another rebuild.
SETTLE_SECONDS = 0.05


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: object
) -> LiveReloadServer:
    """Move what serve watches so far (docs, mkdocs.yml) to a native observer.

    The folders of mkdocs.yml's `watch` list are added after this event, to the new one.
    """
    watched = [config.docs_dir, config.config_file_path]
    for path in watched:
        server.unwatch(path)
    server.observer = ChangeObserver()
    for path in watched:
        server.watch(path)
    server.build_delay = SETTLE_SECONDS
    return server
