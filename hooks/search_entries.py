"""MkDocs hook: each page's search entries are cached, keyed on everything the indexer reads.

Material's search plugin parses every page's HTML at each build to index its sections
(about 1 s of a warm build of this site). The entries of a page are a function of what
`SearchIndex.add_entry_from_context` reads: the page's HTML, table of contents (ids and
URLs), URL, title and metadata, and the plugin's settings. They are cached under a key over
all of those, the plugin's source and the pinned dependencies (build_cache.py), so a page
is parsed again only when one of them changed, and the index written is the same as
without the cache. Under `mkdocs serve`, a prose edit re-indexes only the edited page, and
the entries of the pages that did not change are kept in memory (INDEXED).

The wheel's file name, which changes with every edit of the package and is in every
notebook's install cell when site_url is set, is keyed and stored as its placeholder
(package_wheel.WHEEL_PLACEHOLDER) and filled in when the entries are used, so a package
edit re-indexes only the pages whose text it changed; entries are stored so only when
nothing else of the version is left in them.

Under `mkdocs serve`, the plugin's on_page_context also skips its scan of a page's HTML
for attributes to remove when there can be none (MATERIAL_PAGE_CONTEXT, below).
"""

import inspect
import json
import re
from typing import Any

import material.plugins.search.plugin as search_plugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

import package_wheel
from build_cache import Cache, LastBuilds

CACHE = Cache("search", code=[__file__, search_plugin.__file__, package_wheel.__file__])
FIELDS = {"location", "title", "text"}


def headings(toc: TableOfContents | list[Any]) -> list[Any]:
    """What the indexer reads of a table of contents: each entry's id, URL, children."""
    return [[item.id, item.url, headings(item.children)] for item in toc]


def fields_read(page: Page, settings: dict[str, Any]) -> list[Any]:
    """Everything `SearchIndex.add_entry_from_context` reads of the page and plugin:
    the page's HTML first."""
    return [page.content, headings(page.toc), page.url, page.title, page.meta, settings]


def read_by_indexer(page: Page, settings: dict[str, Any]) -> str:
    """fields_read, as one text."""
    read = fields_read(page, settings)
    return json.dumps(read, sort_keys=True, default=repr, ensure_ascii=False)


def are_entries(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(entry, dict) and FIELDS <= entry.keys() for entry in value
    )


def cached_indexing(search_index: Any) -> None:
    """Make search_index take a page's entries from the cache when they are there."""
    index_page = search_index.add_entry_from_context

    def entries_of(page: Page) -> list[Any]:
        """The page's entries, with the wheel's name filled in: cached, or indexed."""
        read = package_wheel.without_version(read_by_indexer(page, search_index.config))
        key = CACHE.key([read])
        entries = CACHE.get(key, are_entries)
        if entries is not None:
            return json.loads(package_wheel.with_version(json.dumps(entries)))
        first = len(search_index.entries)
        index_page(page)
        made = search_index.entries[first:]
        del search_index.entries[first:]
        stored = json.loads(package_wheel.without_version(json.dumps(made)))
        label = package_wheel.version().partition("+")[2]
        if label not in json.dumps(stored):  # the version is in the placeholder only
            CACHE.put(key, stored)
        return made

    def add_entry_from_context(page: Page) -> None:
        html, *others = fields_read(page, search_index.config)
        # The HTML as it is (a large text, looked up without serialising or digesting
        # it), the rest as one text.
        seen = (html, json.dumps(others, sort_keys=True, default=repr))
        made = INDEXED.made(seen, lambda: json.dumps(entries_of(page)))
        search_index.entries.extend(json.loads(made))

    search_index.add_entry_from_context = add_entry_from_context


# Each page's entries (JSON, the wheel's name filled in) by what the indexer read of it, in
# this build and the previous one: a `mkdocs serve` rebuild takes an unchanged page's from
# here, without serialising the page, digesting it or reading the cache.
INDEXED: LastBuilds[tuple[str, ...], str] = LastBuilds()


def on_pre_build(config: MkDocsConfig) -> None:
    """The search plugin made this build's index at on_config: it takes cached entries."""
    INDEXED.next_build()
    WITHOUT_ATTRIBUTES.next_build()
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        cached_indexing(search.search_index)


# Material's on_page_context, as installed: after indexing the page, its re.sub scans the
# page's whole HTML for attributes to remove (0.05-0.1 s of a serve rebuild of this site,
# where only the notebook pages have one). Under `mkdocs serve` the same method runs,
# except that it skips the scan when the HTML does not hold "data-search-", which every
# match holds (the HTML is then left as it is either way), and that it takes the result of
# the previous build for the same HTML. If Material's method is another, serve says so.
MATERIAL_PAGE_CONTEXT = """\
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return

        # Index page
        self.search_index.add_entry_from_context(page)
        page.content = re.sub(
            r"\\s?data-search-\\w+=\\"[^\\"]+\\"",
            "",
            page.content
        )
"""
SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def indexed_page_context(
    self: Any, context: Any, *, page: Page, config: MkDocsConfig, nav: Any
) -> None:
    """Material's on_page_context (MATERIAL_PAGE_CONTEXT), without a scan that finds
    nothing, or that the previous build made of the same HTML."""
    if not self.config.enabled:
        return
    self.search_index.add_entry_from_context(page)
    html = page.content
    if "data-search-" in html:  # the notebook pages: as the previous build, if the same
        page.content = WITHOUT_ATTRIBUTES.made(
            html, lambda: SEARCH_ATTRIBUTE.sub("", html)
        )


# Each page's HTML without the attributes, by its HTML, in this build and the previous.
WITHOUT_ATTRIBUTES: LastBuilds[str, str] = LastBuilds()


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, the plugin loaded for each rebuild takes on_page_context."""
    search = search_plugin.SearchPlugin
    if command != "serve" or search.on_page_context is indexed_page_context:
        return
    if inspect.getsource(search.on_page_context) != MATERIAL_PAGE_CONTEXT:
        raise PluginError(
            "Material's search plugin has another on_page_context than "
            "hooks/search_entries.py expects: compare it with MATERIAL_PAGE_CONTEXT"
        )
    search.on_page_context = indexed_page_context  # type: ignore[method-assign]
