"""The exercises of every article, as the built site shows them.

Each article ends with "## Exercises": 3 to 5 admonitions "Exercise N · title", numbered
from 1, each holding exactly one solution, a collapsed <details> (pymdownx.details, `???`,
not `???+`). A solution's python blocks run at build time like every example
(hooks/examples.py): one that prints is followed, inside the solution, by its Output block
(test_examples.py checks that the output is what the code prints). In the browser, a
solution opens from the keyboard.
"""

import re
from pathlib import Path

import markdown
import pytest
from browser_support import BROWSER_TEST, TIMEOUT_MS, open_page
from bs4 import BeautifulSoup

from sitepages import MARKDOWN_PAGES, ROOT, hook, shared_html_of

# Every article: docs/<article>/index.md, each listed in the nav (reading order).
ARTICLES = sorted(
    page.as_posix()
    for page in MARKDOWN_PAGES
    if page.name == "index.md" and len(page.parts) == 2 and page.parts[0] != "reference"
)
TITLE = re.compile(r"Exercise (?P<number>\d+) · \S")


def exercises(built_site: Path, article: str) -> list:
    return shared_html_of(built_site, Path(article)).select(
        "article div.admonition.question"
    )


def test_every_article_of_the_nav_is_checked():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = re.findall(r"^ +- ([\w-]+/index\.md)$", config, flags=re.M)
    articles = [page for page in in_nav if not page.startswith("reference/")]
    assert sorted(articles) == ARTICLES
    assert len(ARTICLES) >= 8


@pytest.mark.parametrize("article", ARTICLES)
def test_the_article_ends_with_3_to_5_numbered_exercises(built_site, article):
    html = shared_html_of(built_site, Path(article))
    headings = html.select("article h2")
    assert headings and headings[-1].get("id") == "exercises", (
        f"{article}: the last section is not Exercises"
    )
    found = exercises(built_site, article)
    assert 3 <= len(found) <= 5, f"{article}: {len(found)} exercises"
    for number, exercise in enumerate(found, start=1):
        title = exercise.select_one(":scope > .admonition-title").get_text(strip=True)
        match = TITLE.match(title)
        assert match and int(match["number"]) == number, f"{article}: {title!r}"
        # after the Exercises heading, not elsewhere on the page
        previous = exercise.find_previous("h2")
        assert previous is not None and previous.get("id") == "exercises"


@pytest.mark.parametrize("article", ARTICLES)
def test_each_exercise_has_one_collapsed_solution(built_site, article):
    for exercise in exercises(built_site, article):
        title = exercise.select_one(".admonition-title").get_text(strip=True)
        solutions = exercise.select("details")
        assert len(solutions) == 1, f"{article}, {title}: {len(solutions)} solutions"
        solution = solutions[0]
        assert not solution.has_attr("open"), f"{article}, {title}: shown open"
        assert (
            solution.select_one(":scope > summary").get_text(strip=True) == "Solution"
        )
        # a statement outside the solution, and a solution with content
        statement = [
            child
            for child in exercise.find_all(recursive=False)
            if child.name == "p" and "admonition-title" not in child.get("class", [])
        ]
        assert statement, f"{article}, {title}: no statement"
        assert solution.find_all(recursive=False)[1:], f"{article}, {title}: empty"


@pytest.mark.parametrize("article", ARTICLES)
def test_solution_code_that_prints_shows_its_output_inside_the_solution(
    built_site, article
):
    for exercise in exercises(built_site, article):
        title = exercise.select_one(".admonition-title").get_text(strip=True)
        blocks = exercise.select("details div.highlight")
        for index, block in enumerate(blocks):
            if "language-python" not in block["class"]:
                continue
            source = block.select_one("pre code").get_text()
            if "print(" not in source:
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            assert following is not None and "output" in following["class"], (
                f"{article}, {title}: a block prints but shows no Output"
            )


NESTED = """!!! question "Exercise 1 · Nested"

    Statement.

    ??? success "Solution"

        Prose.

        ```python
        print("a\\n\\nb")
        ```

        After.
"""


def test_the_examples_hook_puts_a_nested_blocks_output_inside_the_solution():
    examples = hook("examples")
    lines = NESTED.split("\n")
    blocks = examples.find_python_blocks(lines)
    assert [block.indent for block in blocks] == [" " * 8]
    printed = hook("example_runner").run_blocks(
        ["\n".join(block.lines) for block in blocks], "nested.md", [9], 10
    )
    assert printed == ["a\n\nb\n"]  # a blank line inside the output
    at = blocks[0].closing_line + 1
    lines[at:at] = examples.output_block(blocks[0].indent, printed[0])
    html = markdown.markdown(
        "\n".join(lines),
        extensions=[
            "admonition",
            "attr_list",
            "pymdownx.details",
            "pymdownx.superfences",
        ],
    )
    solution = BeautifulSoup(html, "html.parser").select_one(
        "div.admonition.question > details"
    )
    assert solution is not None
    output = solution.select_one("div.output pre code")
    assert output is not None and output.get_text() == "a\n\nb\n"
    assert [p.get_text() for p in solution.find_all("p")] == ["Prose.", "After."]


# Open a collapsed solution with the keyboard: focus its summary, press Enter.
FIRST_SOLUTION = "article div.admonition.question details"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@BROWSER_TEST[0]  # the browser marks: pytest.mark.browser, and skip without Chromium
@BROWSER_TEST[1]
def test_a_solution_opens_with_the_keyboard_and_its_content_shows(
    browser, site_url, scheme, tmp_path
):
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 1000, "height": 900}
    )
    try:
        tab, problems = open_page(context, f"{site_url}descent-and-ascent/")
        solution = tab.locator(FIRST_SOLUTION).first
        summary = solution.locator("summary")
        output = solution.locator("div.output")
        assert solution.get_attribute("open") is None
        assert not output.is_visible()
        summary.scroll_into_view_if_needed()
        summary.focus()
        assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
        tab.keyboard.press("Enter")
        tab.wait_for_function(
            "s => document.querySelector(s).open",
            arg=FIRST_SOLUTION,
            timeout=TIMEOUT_MS,
        )
        output.wait_for(state="visible", timeout=TIMEOUT_MS)
        assert "6.4" in output.inner_text()
        # and Tab reaches the next exercise's summary: solutions are in the tab order
        for _ in range(40):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
        tab.keyboard.press("Enter")
        tab.wait_for_function(
            "() => document.querySelectorAll('article details[open]').length === 2",
            timeout=TIMEOUT_MS,
        )
        tab.evaluate("document.getElementById('exercises').scrollIntoView()")
        # the screenshot, to look at: exercises-<scheme>.png, once the scroll is drawn
        tab.evaluate(
            "() => new Promise(done => requestAnimationFrame("
            "() => requestAnimationFrame(done)))"
        )
        tab.screenshot(path=str(tmp_path / f"exercises-{scheme}.png"))
        assert problems == []
    finally:
        context.close()
