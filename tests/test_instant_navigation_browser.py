"""Instant navigation in a real browser: a page change keeps the document, and the new
page's diagrams and explorables still draw (both scripts listen on Material's document$).

Material navigates instantly only to URLs listed in the site's sitemap.xml, whose
addresses come from site_url. The test build has no site_url, so the test server answers
/sitemap.xml with the built pages at its own address, as GitHub Pages serves the real
one at the deployed address.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    BROWSER_TEST,
    TIMEOUT_MS,
    QuietHandler,
    open_page,
    page_paths,
    serve,
)

pytestmark = BROWSER_TEST

# The marker survives only if the page was changed without a full load.
MARK = "() => { window.instantNavigationMark = 'kept'; }"
MARKED = "() => window.instantNavigationMark === 'kept'"
DRAWN = """() => {
  const diagrams = [...document.querySelectorAll("article div.diagram")];
  const explorables = [...document.querySelectorAll("article [data-explorable]")];
  return !document.querySelector("article pre.diagram")
    && diagrams.length > 0 && diagrams.every(element => element.querySelector("svg"))
    && explorables.every(element => element.matches(".explorable--live"));
}"""


def sitemap_handler(site: Path) -> type[QuietHandler]:
    """A handler that serves site and a sitemap.xml of its pages at the server's address."""
    paths = page_paths(site)

    class SitemapHandler(QuietHandler):
        def do_GET(self) -> None:
            if self.path != "/sitemap.xml":
                super().do_GET()
                return
            host, port = self.server.server_address[:2]
            urls = "".join(
                f"<url><loc>http://{host!s}:{port}/{path}</loc></url>" for path in paths
            )
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return SitemapHandler


@pytest.fixture(scope="module")
def instant_site(built_site: Path) -> Iterator[str]:
    with serve(built_site, sitemap_handler(built_site)) as url:
        yield url


@pytest.fixture
def tab(browser, instant_site):
    context = browser.new_context(
        color_scheme="light", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab, problems = open_page(context, instant_site)
    yield tab
    context.close()
    assert problems == []


# Scroll to the first diagram or explorable not drawn yet (they draw only near the
# viewport), then tell whether all are drawn. Polled until true, and from the page's own
# script: the URL changes before the new page's content replaces the old one, and a
# diagram replaces its element when drawn, so elements are found afresh at every poll.
SCROLL_AND_CHECK = f"""() => {{
  document.querySelector(
    "article pre.diagram, article [data-explorable]:not(.explorable--live)"
  )?.scrollIntoView();
  return ({DRAWN})();
}}"""


def wait_for_content(tab, path: str, next_path: str) -> None:
    """Wait for the URL of `path` and for its content: the URL changes first, and until
    the new content replaces the old, the old page's links (and drawn diagrams) show."""
    tab.wait_for_url(f"**/{path}")
    tab.wait_for_function(
        "next => document.querySelector('a.md-footer__link--next')"
        "?.getAttribute('href').endsWith(next)",
        arg=next_path,
    )


def test_the_site_turns_instant_navigation_on(built_site: Path):
    bundle_config = (built_site / "index.html").read_text(encoding="utf-8")
    assert '"navigation.instant"' in bundle_config


def test_diagrams_and_explorables_draw_after_instant_page_changes(tab):
    tab.wait_for_function(SCROLL_AND_CHECK)  # the home page's map, below the list
    tab.evaluate(MARK)

    # Home → an article with a flowchart and an explorable, through the series list.
    tab.locator("article a[href$='/descent-and-ascent/']").first.click()
    wait_for_content(tab, "descent-and-ascent/", "/notebooks/descent-and-ascent/")
    assert tab.evaluate(MARKED), "the page was loaded, not changed instantly"
    tab.wait_for_function(SCROLL_AND_CHECK, timeout=3 * TIMEOUT_MS)

    # Onwards with the footer's "next" link: a page with an explorable and no diagram.
    tab.locator("a.md-footer__link--next").click()
    wait_for_content(tab, "notebooks/descent-and-ascent/", "/learning-rate/")
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url("**/learning-rate/")
    assert tab.evaluate(MARKED)
    explorable = tab.locator("article [data-explorable]").first
    explorable.scroll_into_view_if_needed()
    tab.wait_for_function("() => document.querySelector('.explorable--live')")

    # Back to the home page: its map is drawn again.
    tab.go_back()
    tab.go_back()
    tab.wait_for_url("**/descent-and-ascent/")
    tab.go_back()
    tab.wait_for_url(lambda url: url.rstrip("/").count("/") == 2)
    assert tab.evaluate(MARKED)
    tab.wait_for_function(SCROLL_AND_CHECK, timeout=3 * TIMEOUT_MS)


def test_a_page_change_keeps_the_heads_stylesheets(tab):
    """The new page's head is compared with the old one's element by element; the same
    stylesheets must compare equal, or each page change loads and applies them again."""
    tab.evaluate(MARK)
    tab.evaluate(
        "() => { window.sheets = [...document.querySelectorAll('link[rel=stylesheet]')]; }"
    )
    tab.locator("article a[href$='/descent-and-ascent/']").first.click()
    wait_for_content(tab, "descent-and-ascent/", "/notebooks/descent-and-ascent/")
    assert tab.evaluate(MARKED), "the page was loaded, not changed instantly"
    kept = tab.evaluate(
        """() => {
          const now = [...document.querySelectorAll("link[rel=stylesheet]")];
          return now.length === window.sheets.length
            && now.every((sheet, i) => sheet === window.sheets[i]);
        }"""
    )
    assert kept, "the page change replaced the head's stylesheets"
