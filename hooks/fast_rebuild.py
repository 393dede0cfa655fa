"""MkDocs hook: make `mkdocs serve` show a saved edit sooner, and builds start sooner.

- Every rebuild loads the configuration afresh, so the theme and mkdocstrings get new
  Jinja environments and would compile their ~70 templates again each time. They share
  one bytecode cache instead: a template compiles once per process, and again only when
  its source changes (Jinja checks the source's checksum). The compiled code is also
  stored in the cache folder, so the next `mkdocs build` does not compile it either.
- `mkdocs serve` polls the watched files every 0.5 s, so a save waits 0.25 s on average
  before the rebuild starts. The hook watches with the operating system's file events
  instead (watchdog's native observer: inotify on Linux), which report a save at once and
  cost nothing between saves. Only changes count: the build itself opens and reads the
  watched files, and those events must not start another build. (Polling faster is no
  cure: every scan's many small system calls contend with the build for Python's global
  interpreter lock, and a 0.1-s poll made each build 0.2 s slower.)
"""

import hashlib
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
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


def on_pre_build(config: MkDocsConfig) -> None:
    """mkdocstrings renders the reference pages before on_env: share the cache now."""
    handler = config.plugins["mkdocstrings"].get_handler("python")
    handler.env.bytecode_cache = TEMPLATE_CODE


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = TEMPLATE_CODE
    return env


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
    return server
