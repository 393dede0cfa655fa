"""hooks/kept_renders.py: a page is rendered again only when what
rendering reads changed, and a kept render gives the page what rendering gave it,
warnings included."""

import json
import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitepages import hook

RENDER = Page.render  # MkDocs' own: the hook patches it at on_startup


def site(folder: Path, pages: dict[str, str]):
    """A minimal MkDocs project: its configuration and files."""
    (folder / "docs").mkdir()
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [toc]\n")
    config = load_config(str(folder / "mkdocs.yml"))
    files = Files(
        [File(name, str(folder / "docs"), str(folder / "site"), True) for name in pages]
    )
    return config, files


def rendered(kept, config, files, name: str, markdown: str | None = None) -> Page:
    """A new page object for the file, rendered through kept; counts real renders."""
    file = files.get_file_from_path(name)
    page = Page(None, file, config)
    page.read_source(config)
    if "autorefs" in config.plugins:  # what its on_page_markdown does
        config.plugins["autorefs"].current_page = page
    if markdown is not None:
        page.markdown = markdown
    kept.render(counting, page, config, files)
    return page


CALLS: list[str] = []


def counting(page: Page, config, files) -> None:
    CALLS.append(page.file.src_uri)
    RENDER(page, config, files)


def test_an_unchanged_page_is_not_rendered_again_and_gets_the_same_results(tmp_path):
    config, files = site(
        tmp_path,
        {
            "a.md": "# A\n\n## Part {#part}\n\nSee [b](b.md#end).\n",
            "b.md": "# B\n\n## End\n",
        },
    )
    kept = hook("kept_renders").KeptRenders()
    CALLS.clear()
    first = rendered(kept, config, files, "a.md")
    kept.start_build()
    again = rendered(kept, config, files, "a.md")
    assert CALLS == ["a.md"]
    assert again.content == first.content and again.title == first.title == "A"
    assert [item.id for item in again.toc] == [item.id for item in first.toc]
    assert again.present_anchor_ids == first.present_anchor_ids
    assert again.links_to_anchors == first.links_to_anchors
    kept.start_build()
    edited = rendered(kept, config, files, "a.md", "# A\n\nNew prose.\n")
    assert CALLS == ["a.md", "a.md"] and "New prose." in edited.content
    # Another file in the site (links resolve against the files): rendered again.
    files.append(File("c.md", str(tmp_path / "docs"), str(tmp_path / "site"), True))
    (tmp_path / "docs" / "c.md").write_text("# C\n")
    kept.start_build()
    rendered(kept, config, files, "a.md", "# A\n\nNew prose.\n")
    assert CALLS == ["a.md", "a.md", "a.md"]


def test_a_kept_render_warns_again(tmp_path, caplog: pytest.LogCaptureFixture):
    config, files = site(tmp_path, {"a.md": "# A\n\n[gone](missing.md)\n"})
    kept = hook("kept_renders").KeptRenders()
    CALLS.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        rendered(kept, config, files, "a.md")
        first = [
            r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()
        ]
        caplog.clear()
        kept.start_build()
        rendered(kept, config, files, "a.md")
        again = [
            r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()
        ]
    assert CALLS == ["a.md"] and first and again == first


def autodoc_site(folder: Path, paths: list[str] | None):
    """A site whose page documents the module `pkg.m` with mkdocstrings: configured with
    paths (the package in src/) or none (the package beside mkdocs.yml, where the
    handler then looks); its configuration set up as a build's is, the package's folder
    and the files. `pkg.m` imports `pkg.n`; `pkg.o` is imported by nothing."""
    (folder / "docs").mkdir()
    package = folder / ("src" if paths else ".") / "pkg"
    package.mkdir(parents=True)
    for name, text in {
        "__init__.py": "",
        "m.py": 'from pkg.n import g\n\n\ndef f():\n    """One."""\n',
        "n.py": 'def g():\n    """Gee."""\n',
        "o.py": 'def h():\n    """Aitch."""\n',
    }.items():
        (package / name).write_text(text, encoding="utf-8")
    (folder / "docs" / "a.md").write_text("# A\n\n::: pkg.m\n", encoding="utf-8")
    python = {"options": {"show_root_heading": True}}
    if paths is not None:
        python["paths"] = paths
    settings = {
        "site_name": "t",
        "markdown_extensions": ["toc"],
        "plugins": [{"mkdocstrings": {"handlers": {"python": python}}}],
    }
    (folder / "mkdocs.yml").write_text(json.dumps(settings), encoding="utf-8")
    config = load_config(str(folder / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = Files([File("a.md", str(folder / "docs"), str(folder / "site"), True)])
    return config, package, files


def next_build(kept, handlers) -> None:
    """What a new build starts with: new handlers (what they loaded is gone), no items."""
    kept.start_build()
    handlers.inventory.clear()
    handlers._handlers.clear()


def test_an_api_page_is_kept_until_a_module_it_can_show_changes(tmp_path):
    """A kept page with `::: identifier` blocks registers its inventory items again and
    counts its handler as used (mkdocstrings then writes objects.inv). Editing a module
    the documented one does not import keeps it; editing one it imports does not."""
    config, package, files = autodoc_site(tmp_path, ["src"])
    kept = hook("kept_renders").KeptRenders()
    handlers = config.plugins["mkdocstrings"].handlers
    CALLS.clear()
    first = rendered(kept, config, files, "a.md")
    inventory = {name: item.uri for name, item in handlers.inventory.items()}
    assert "One." in first.content
    assert inventory == {"pkg.m": "a/#pkg.m", "pkg.m.f": "a/#pkg.m.f"}
    next_build(kept, handlers)
    again = rendered(kept, config, files, "a.md")
    assert CALLS == ["a.md"] and again.content == first.content
    assert {name: item.uri for name, item in handlers.inventory.items()} == inventory
    assert [handler.name for handler in handlers.seen_handlers] == ["python"]
    (package / "o.py").write_text('def h():\n    """Other."""\n', encoding="utf-8")
    next_build(kept, handlers)
    rendered(kept, config, files, "a.md")
    assert CALLS == ["a.md"]
    (package / "n.py").write_text('def g():\n    """Changed."""\n', encoding="utf-8")
    next_build(kept, handlers)
    rendered(kept, config, files, "a.md")
    assert CALLS == ["a.md", "a.md"]
    (package / "m.py").write_text('def f():\n    """Two."""\n', encoding="utf-8")
    next_build(kept, handlers)
    assert "Two." in rendered(kept, config, files, "a.md").content
    assert CALLS == ["a.md", "a.md", "a.md"]


def test_the_sources_an_api_page_can_show(tmp_path):
    kept_renders = hook("kept_renders")
    _config, package, _files = autodoc_site(tmp_path, ["src"])
    (package / "sub").mkdir()
    (package / "sub" / "__init__.py").write_text("from ..o import h\n")
    (package / "sub" / "q.py").write_text("from . import r\n")
    (package / "sub" / "r.py").write_text("")

    def shown(markdown: str) -> list[str] | None:
        files = kept_renders.documented_files(markdown, [tmp_path / "src"])
        return (
            None
            if files is None
            else [f.relative_to(package).as_posix() for f in files]
        )

    # The module of an object, what it imports, the packages that hold it.
    assert shown("::: pkg.m.f\n") == ["__init__.py", "m.py", "n.py"]
    # Relative imports; `from a import b` imports a too (b may be a's re-export), but
    # what a package holding a shown module imports is not shown.
    assert shown("::: pkg.sub.q\n") == [
        "__init__.py",
        "o.py",
        "sub/__init__.py",
        "sub/q.py",
        "sub/r.py",
    ]
    assert shown("::: pkg.sub.r\n") == ["__init__.py", "sub/__init__.py", "sub/r.py"]
    # A package: every module of it (its submodules may be listed), and their imports.
    assert shown("::: pkg.sub\n") == [
        "__init__.py",
        "o.py",
        "sub/__init__.py",
        "sub/q.py",
        "sub/r.py",
    ]
    assert shown("::: elsewhere.x\n") is None  # then every file under the paths


def test_an_api_page_whose_handler_names_no_paths_is_always_rendered(tmp_path):
    """Without paths the handler reads mkdocs.yml's folder, then sys.path: not keyed."""
    config, _source, files = autodoc_site(tmp_path, None)
    kept = hook("kept_renders").KeptRenders()
    CALLS.clear()
    for _ in range(2):
        kept.start_build()
        assert "One." in rendered(kept, config, files, "a.md").content
    assert CALLS == ["a.md", "a.md"]


def test_a_package_edit_renders_again_only_the_pages_that_include_what_changed(
    tmp_path,
):
    """The snippets' base path is the build's package snapshot, a new folder for each
    version: a page is keyed on the sections it includes, not on the folder."""
    module = "# --8<-- [start:one]\nONE = 1\n# --8<-- [end:one]\n{}TWO = 2\n"
    pages = {
        "one.md": '# One\n\n```python\n--8<-- "pkg/m.py:one"\n```\n',
        "whole.md": '# Whole\n\n```python\n--8<-- "pkg/m.py"\n```\n',
        "block.md": "# Block\n\n```python\n--8<--\npkg/m.py:one\n--8<--\n```\n",
        "none.md": "# None\n\nProse only.\n",
    }
    config, files = site(tmp_path, pages)
    config.markdown_extensions.append("pymdownx.snippets")
    kept = hook("kept_renders").KeptRenders()
    CALLS.clear()
    for version, comment in enumerate(["", "# a comment outside the section\n"]):
        snapshot = tmp_path / f"snapshot-{version}"
        (snapshot / "pkg").mkdir(parents=True)
        (snapshot / "pkg/m.py").write_text(module.format(comment), encoding="utf-8")
        settings = {"base_path": [str(snapshot)], "check_paths": True}
        config.mdx_configs["pymdownx.snippets"] = settings
        kept.start_build()
        shown = {name: rendered(kept, config, files, name).content for name in pages}
        assert "ONE = 1" in shown["one.md"] and "ONE = 1" in shown["block.md"]
        assert "TWO = 2" in shown["whole.md"] and "TWO" not in shown["one.md"]
    # The second version changed the file outside the section "one": a page including
    # only "one" is kept; the whole file, or a form of include not parsed, renders again.
    assert sorted(CALLS) == sorted([*pages, "whole.md", "block.md"])


def test_the_next_process_takes_the_stored_render_and_drops_an_altered_one(
    tmp_path, caplog: pytest.LogCaptureFixture
):
    """Renders are stored for the next `mkdocs build`: with the same results, the same
    warnings, and the anchors registered for the new page object."""
    text = "# A\n\n## Part {#part}\n\n[gone](missing.md) and [b](b.md#end).\n"
    config, files = site(tmp_path, {"a.md": text, "b.md": "# B\n\n## End\n"})
    config.markdown_extensions.append("attr_list")
    kept_renders = hook("kept_renders")
    folder = tmp_path / "renders"
    CALLS.clear()

    def in_new_process() -> tuple[Page, list[str]]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            page = rendered(kept_renders.KeptRenders(folder), config, files, "a.md")
        return page, [r.getMessage() for r in caplog.records]

    first, warned = in_new_process()
    again, warned_again = in_new_process()
    assert CALLS == ["a.md"]
    assert any("missing.md" in message for message in warned)
    assert warned_again == warned
    assert (again.content, again.title) == (first.content, first.title)
    assert [item.id for item in again.toc] == [item.id for item in first.toc]
    assert again.present_anchor_ids == first.present_anchor_ids
    assert again.links_to_anchors == first.links_to_anchors
    (stored,) = folder.glob("*.pickle")
    stored.write_bytes(stored.read_bytes()[:-3])  # partial
    in_new_process()
    assert CALLS == ["a.md", "a.md"]
    assert in_new_process()[0].content == first.content and CALLS == ["a.md", "a.md"]
