"""hooks/search_entries.py: a page's search entries come from the cache only when
everything the indexer reads is unchanged, and the index is the same either way."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError

from sitepages import hook


def heading(anchor: str) -> SimpleNamespace:
    return SimpleNamespace(id=anchor, url=f"#{anchor}", children=[])


def page(url: str, html: str, title: str, anchors: list[str]) -> SimpleNamespace:
    toc = [heading(anchor) for anchor in anchors]
    return SimpleNamespace(content=html, toc=toc, url=url, title=title, meta={})


def indexed(
    pages: list[SimpleNamespace], cache_folder: Path | None = None, search_entries=None
):
    """The entries of a new search index fed the pages (through the cache in
    cache_folder, if given, and the hook's module, if given: a build of `mkdocs serve`),
    and how many pages the index itself parsed."""
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    parsed = 0
    parse = index.add_entry_from_context

    def counting(page: SimpleNamespace) -> None:
        nonlocal parsed
        parsed += 1
        parse(page)

    index.add_entry_from_context = counting
    if cache_folder is not None:
        search_entries = search_entries or hook("search_entries")
        search_entries.INDEXED.next_build()
        search_entries.CACHE.folder = cache_folder
        search_entries.cached_indexing(index)
    for each in pages:
        index.add_entry_from_context(each)
    return index.entries, parsed


def test_only_pages_whose_indexed_inputs_changed_are_parsed_again(tmp_path: Path):
    one = page("one/", '<h1 id="one">One</h1><p>alpha</p>', "One", ["one"])
    two = page(
        "two/", '<h1 id="two">Two</h1><h2 id="b">B</h2><p>beta</p>', "Two", ["two", "b"]
    )
    edited = page("two/", two.content.replace("beta", "gamma"), "Two", ["two", "b"])
    retitled = page("one/", one.content, "Uno", ["one"])
    moved = page("uno/", one.content, "One", ["one"])
    cache = tmp_path / "search"
    assert indexed([one, two], cache) == (indexed([one, two])[0], 2)
    assert indexed([one, edited], cache) == (indexed([one, edited])[0], 1)
    assert indexed([one, edited], cache) == (indexed([one, edited])[0], 0)
    # A new title or URL is read by the indexer: the page is indexed afresh.
    assert indexed([retitled, edited], cache) == (indexed([retitled, edited])[0], 1)
    assert indexed([moved, edited], cache) == (indexed([moved, edited])[0], 1)


def test_a_rebuild_keeps_the_entries_of_unchanged_pages_in_memory(tmp_path: Path):
    search_entries = hook("search_entries")  # one process: `mkdocs serve`
    one = page("one/", '<h1 id="one">One</h1><p>alpha</p>', "One", ["one"])
    two = page("two/", '<h1 id="two">Two</h1><p>beta</p>', "Two", ["two"])
    edited = page("two/", two.content.replace("beta", "gamma"), "Two", ["two"])
    indexed([one, two], tmp_path / "first", search_entries)
    # Another cache folder, empty: only the edited page is parsed, the other is kept.
    assert indexed([one, edited], tmp_path / "second", search_entries) == (
        indexed([one, edited])[0],
        1,
    )
    assert list((tmp_path / "second").glob("*.json")) != []


def test_an_altered_entry_is_a_miss_not_published(tmp_path: Path):
    one = page("one/", '<h1 id="one">One</h1><p>alpha</p>', "One", ["one"])
    cache = tmp_path / "search"
    indexed([one], cache)
    (entry,) = cache.glob("*.json")
    entry.write_text(entry.read_text("utf-8").replace("alpha", "omega"), "utf-8")
    assert indexed([one], cache) == (indexed([one])[0], 1)


def test_a_new_wheel_name_is_filled_in_without_indexing_again(tmp_path, monkeypatch):
    """A notebook's install cell names the wheel, whose name changes with the package."""
    package_wheel = hook("search_entries").package_wheel
    cache = tmp_path / "search"
    for label in ("0123456789ab", "ba9876543210"):
        monkeypatch.setattr(package_wheel, "version", lambda label=label: f"1+{label}")
        name = package_wheel.wheel_name()
        html = f'<h1 id="n">N</h1><pre>pip install "steepest[figures] @ {name}"</pre>'
        notebook = page("notebooks/n/", html, "N", ["n"])
        entries, parsed = indexed([notebook], cache)
        assert (entries, parsed) == (indexed([notebook])[0], label == "0123456789ab")
        assert name in json.dumps(entries)


def test_under_serve_the_search_plugin_skips_a_scan_that_finds_nothing(monkeypatch):
    """search_entries.on_startup gives Material's search plugin an on_page_context that
    leaves every page as Material's own does, and refuses another Material method."""
    search_entries = hook("search_entries")
    search = search_entries.search_plugin.SearchPlugin
    material = search.on_page_context
    monkeypatch.setattr(search, "on_page_context", material)
    search_entries.on_startup(command="build", dirty=False)
    assert search.on_page_context is material
    search_entries.on_startup(command="serve", dirty=False)
    assert search.on_page_context is search_entries.indexed_page_context
    for html in [
        '<p id="a">No attribute</p>',
        '<h2 data-search-exclude="" id="b">B</h2><p\tdata-search-x="1">c</p>',
    ]:
        shown = []
        for method in (material, search.on_page_context):
            plugin = SimpleNamespace(
                config=SimpleNamespace(enabled=True),
                search_index=SimpleNamespace(add_entry_from_context=lambda page: None),
            )
            each = page("p/", html, "P", [])
            method(plugin, {}, page=each, config=None, nav=None)
            shown.append(each.content)
        assert shown[0] == shown[1]
    monkeypatch.setattr(search, "on_page_context", lambda *args, **kwargs: None)
    with pytest.raises(PluginError, match="another on_page_context"):
        search_entries.on_startup(command="serve", dirty=False)
