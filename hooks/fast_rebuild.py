"""MkDocs hook: make `mkdocs serve` show a saved edit sooner. Builds are unchanged.

- Every rebuild loads the configuration afresh, so the theme and mkdocstrings get new
  Jinja environments and would compile their ~70 templates again each time. They share
  one in-memory bytecode cache instead: a template compiles once per process, and again
  only when its source changes (Jinja checks the source's checksum).
- `mkdocs serve` polls the watched files every 0.5 s, so a save waits 0.25 s on average
  before the rebuild starts. The hook watches with the operating system's file events
  instead (watchdog's native observer: inotify on Linux), which report a save at once and
  cost nothing between saves. Only changes count: the build itself opens and reads the
  watched files, and those events must not start another build. (Polling faster is no
  cure: every scan's many small system calls contend with the build for Python's global
  interpreter lock, and a 0.1-s poll made each build 0.2 s slower.)
- The search plugin parses every page's HTML again at each build to index its sections
  (about 1 s of a 4.5-s rebuild). A page's entries are a function of what the indexer
  reads: the page's HTML, table of contents, URL, title and metadata, and the plugin's
  settings. They are kept, keyed on all of that, from one build to the next, so only a
  page whose HTML changed is parsed again; the index written is the same.
"""

import copy
import hashlib
import json
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
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


class TemplateCodeCache(BytecodeCache):
    """Compiled templates, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = TemplateCodeCache()


def headings(toc: TableOfContents | list[Any]) -> list[Any]:
    """What the indexer reads of a table of contents: each entry's id, URL, children."""
    return [[item.id, item.url, headings(item.children)] for item in toc]


def entries_key(page: Page, settings: dict[str, Any]) -> str:
    """Everything `SearchIndex.add_entry_from_context` reads of the page and plugin."""
    read = [page.content, headings(page.toc), page.url, page.title, page.meta, settings]
    text = json.dumps(read, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SearchEntries:
    """Each page's search entries, from the previous build and this one's."""

    def __init__(self) -> None:
        self.previous: dict[str, list[dict[str, Any]]] = {}
        self.current: dict[str, list[dict[str, Any]]] = {}

    def start_build(self) -> None:
        """Reuse what the last build indexed (what it did not index is dropped)."""
        if self.current:
            self.previous = self.current
        self.current = {}

    def index(self, search_index: Any) -> None:
        """Make search_index take a page's entries from here when its key is known."""
        index_page = search_index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            key = entries_key(page, search_index.config)
            entries = self.previous.get(key)
            if entries is None:
                first = len(search_index.entries)
                index_page(page)
                entries = copy.deepcopy(search_index.entries[first:])
            else:
                search_index.entries.extend(copy.deepcopy(entries))
            self.current[key] = entries

        search_index.add_entry_from_context = add_entry_from_context


SEARCH_ENTRIES = SearchEntries()


def on_pre_build(config: MkDocsConfig) -> None:
    """mkdocstrings renders the reference pages before on_env: share the cache now.

    The search plugin made this build's index at on_config: it takes kept entries.
    """
    handler = config.plugins["mkdocstrings"].get_handler("python")
    handler.env.bytecode_cache = TEMPLATE_CODE
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        SEARCH_ENTRIES.start_build()
        SEARCH_ENTRIES.index(search.search_index)


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
