"""Every python block of every Markdown page runs as the built site shows it.

The blocks are read back from the built HTML (so snippet includes are expanded exactly as
readers see them) and run in page order in one namespace. An "Output" block after a code
block must equal what that code prints, character for character; a block without one must
print nothing. A reader who copies a page's blocks in order gets the same results.
"""

import contextlib
import io
from concurrent.futures import Future
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.structure.files import File, Files

from sitepages import MARKDOWN_PAGES, ROOT, hook, shared_html_of


def blocks_with_output(html: BeautifulSoup) -> list[tuple[str, str | None]]:
    """(python source, shown output or None) for each python block, in page order."""
    blocks: list[list[str | None]] = []
    for block in html.select("article div.highlight"):
        text = block.select_one("pre code").get_text()
        if "output" in block["class"]:
            assert blocks and blocks[-1][1] is None, "an Output block must follow code"
            blocks[-1][1] = text
        elif "language-python" in block["class"]:
            blocks.append([text, None])
    return [(source, output) for source, output in blocks]


@pytest.mark.parametrize("page", MARKDOWN_PAGES, ids=str)
def test_page_examples_run_and_print_what_the_page_shows(built_site, page):
    namespace: dict[str, object] = {"__name__": "__main__"}
    for number, (source, shown) in enumerate(
        blocks_with_output(shared_html_of(built_site, page))
    ):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(source, f"{page} block {number}", "exec"), namespace)
        if shown is None:
            assert printed.getvalue() == "", (
                f"block {number} prints, but the page shows nothing"
            )
        else:
            assert printed.getvalue().rstrip("\n") == shown.rstrip("\n"), (
                f"block {number}"
            )


def test_the_article_shows_the_packages_code_not_a_copy(built_site):
    html = shared_html_of(built_site, Path("descent-and-ascent.md"))
    shown = "\n".join(source for source, _ in blocks_with_output(html))
    package = (ROOT / "code/steepest/optimizers.py").read_text(encoding="utf-8")
    for name in ("follow_gradient", "gradient_descent", "gradient_ascent"):
        start = package.index(f"def {name}(")
        end = package.index("# --8<-- [end:", start)
        body = package[start:end].rstrip()
        assert body in shown, f"{name} on the page differs from code/steepest"


def test_pages_whose_examples_still_run_are_read_last_and_written_in_order():
    """examples.py's on_nav moves them to the end of the files (MkDocs reads the pages
    in that order); its on_env puts every file back before any page is written."""
    examples = hook("examples")
    names = ["index.md", "running.md", "done.md", "style.css", "other.md"]
    files = Files([File(name, "/docs", "/site", True) for name in names])
    running, done = Future(), Future()
    done.set_result([])
    examples.QUEUED.update(
        {"running.md": ("", None, running), "done.md": ("", None, done)}
    )
    examples.on_nav(None, None, files)
    read = [file.src_uri for file in files.documentation_pages()]
    assert read == ["index.md", "done.md", "other.md", "running.md"]
    files.append(File("added.md", "/docs", "/site", True))
    examples.on_env(None, None, files)
    assert [file.src_uri for file in files] == [*names, "added.md"]
    examples.QUEUED.clear()
