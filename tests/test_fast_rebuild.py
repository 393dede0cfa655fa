"""hooks/fast_rebuild.py: what `mkdocs serve` watches with, the shared template cache and
the search entries kept from one build to the next."""

import time
from pathlib import Path
from types import SimpleNamespace

import jinja2
from material.plugins.search.plugin import SearchIndex
from watchdog.events import FileSystemEventHandler

from sitepages import hook


def test_the_observer_reports_saves_but_not_reads(tmp_path: Path):
    """A build reads the watched files: that must not start another build."""
    page = tmp_path / "page.md"
    page.write_text("before\n", encoding="utf-8")
    events = []
    handler = FileSystemEventHandler()
    handler.on_any_event = events.append
    observer = hook("fast_rebuild").ChangeObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        page.read_text(encoding="utf-8")
        time.sleep(0.5)
        assert events == []
        page.write_text("after\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not events and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(event.src_path == str(page) for event in events)
    finally:
        observer.stop()
        observer.join()


def test_templates_compile_once_per_process_and_again_when_edited(tmp_path: Path):
    template = tmp_path / "page.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    code_cache = hook("fast_rebuild").TemplateCodeCache()

    def fresh_environment() -> jinja2.Environment:  # as each serve rebuild makes one
        loader = jinja2.FileSystemLoader(tmp_path)
        return jinja2.Environment(loader=loader, bytecode_cache=code_cache)

    assert fresh_environment().get_template("page.html").render(x=1) == "one 1"
    assert len(code_cache.code) == 1
    compiled = next(iter(code_cache.code.values()))
    assert fresh_environment().get_template("page.html").render(x=2) == "one 2"
    assert next(iter(code_cache.code.values())) is compiled  # not compiled again
    template.write_text("two {{ x }}", encoding="utf-8")
    assert fresh_environment().get_template("page.html").render(x=3) == "two 3"


def heading(anchor: str, children: list | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=anchor, url=f"#{anchor}", children=children or [])


def page(url: str, html: str, title: str, anchors: list[str]) -> SimpleNamespace:
    toc = [heading(anchor) for anchor in anchors]
    return SimpleNamespace(content=html, toc=toc, url=url, title=title, meta={})


def indexed(pages: list[SimpleNamespace], kept=None) -> tuple[list, int]:
    """The entries of a fresh search index fed the pages (through `kept` if given),
    and how many pages the index itself parsed."""
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    parsed = 0
    parse = index.add_entry_from_context

    def counting(page: SimpleNamespace) -> None:
        nonlocal parsed
        parsed += 1
        parse(page)

    index.add_entry_from_context = counting
    if kept is not None:
        kept.start_build()
        kept.index(index)
    for each in pages:
        index.add_entry_from_context(each)
    return index.entries, parsed


def test_a_rebuild_parses_only_the_changed_pages_and_writes_the_same_index():
    one = page("one/", '<h1 id="one">One</h1><p>alpha</p>', "One", ["one"])
    two = page(
        "two/", '<h1 id="two">Two</h1><h2 id="b">B</h2><p>beta</p>', "Two", ["two", "b"]
    )
    edited = page(
        "two/",
        '<h1 id="two">Two</h1><h2 id="b">B</h2><p>gamma</p>',
        "Two",
        ["two", "b"],
    )
    retitled = page("one/", one.content, "Uno", ["one"])
    kept = hook("fast_rebuild").SearchEntries()
    assert indexed([one, two], kept) == (indexed([one, two])[0], 2)
    assert indexed([one, edited], kept) == (indexed([one, edited])[0], 1)
    assert indexed([one, edited], kept) == (indexed([one, edited])[0], 0)
    # Whatever the indexer reads is in the key: a new title is indexed afresh.
    assert indexed([retitled, edited], kept) == (indexed([retitled, edited])[0], 1)
