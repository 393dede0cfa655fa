"""The palette toggle (overrides/partials/javascripts/palette.html, in place of Material's
palette component) and what overrides/main.html does in the head, in a real browser.

The palette follows the system's until the reader chooses one; a choice is kept from page
to page; the toggle works with the mouse and with Enter; the theme-color and color-scheme
meta tags follow the header, as Material's do. Material's own component is not mounted
(it restyles the whole page four times as it starts). With instant navigation, a page
change keeps the head's stylesheets (the head's addresses are made absolute before
Material compares them).
"""

from pathlib import Path

import pytest
from browser_support import BROWSER_TEST, desktop_context, open_page

pytestmark = BROWSER_TEST

SCHEME = "() => document.body.dataset.mdColorScheme"
META = """() => ({
  colorScheme: document.querySelector("meta[name=color-scheme]").content,
  themeColor: document.querySelector("meta[name=theme-color]").content,
  header: getComputedStyle(document.querySelector("header")).backgroundColor,
  metas: document.querySelectorAll("meta[name=color-scheme], meta[name=theme-color]").length,
})"""
SHOWN_TOGGLES = (
    "() => [...document.querySelectorAll('form.md-header__option label')]"
    ".filter(label => !label.hidden).map(label => label.htmlFor)"
)
STORED = "() => JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette'))"


def hex_of(rgb: str) -> str:
    """'rgb(64, 81, 181)' -> '#4051b5'."""
    values = rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]
    return "#" + "".join(f"{int(value):02x}" for value in values)


@pytest.fixture
def context(browser):
    with desktop_context(browser, "dark") as context:
        yield context


def test_materials_palette_component_is_not_mounted(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<form class="md-header__option">' in html
    assert 'data-md-component="palette"' not in html


def test_the_palette_follows_the_system_until_the_reader_chooses(context, site_url):
    tab, problems = open_page(context, site_url + "gradient/")
    assert tab.evaluate(SCHEME) == "slate"
    assert tab.evaluate(SHOWN_TOGGLES) == ["__palette_0"]  # "switch to the light one"
    meta = tab.evaluate(META)
    assert meta["colorScheme"] == "dark"
    assert meta["themeColor"] == hex_of(meta["header"])
    assert meta["metas"] == 2
    assert tab.evaluate(STORED) is None

    tab.emulate_media(color_scheme="light")
    tab.wait_for_function(f"() => ({SCHEME})() === 'default'")
    assert tab.evaluate(SHOWN_TOGGLES) == ["__palette_1"]
    assert tab.evaluate(META)["colorScheme"] == "light"

    # The reader chooses the dark palette: it is kept, whatever the system says.
    tab.locator("label[for='__palette_1']").click()
    tab.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    tab.wait_for_function(
        "() => !document.body.hasAttribute('data-md-color-switching')"
    )
    assert tab.evaluate(STORED)["index"] == 1
    assert tab.evaluate(STORED)["color"]["scheme"] == "slate"
    meta = tab.evaluate(META)
    assert meta["colorScheme"] == "dark"
    assert meta["themeColor"] == hex_of(meta["header"])
    tab.emulate_media(color_scheme="light")
    tab.goto(site_url + "momentum/")
    assert tab.evaluate(SCHEME) == "slate"
    assert tab.evaluate(SHOWN_TOGGLES) == ["__palette_0"]
    assert problems == []


def test_enter_on_the_focused_palette_option_switches_it(context, site_url):
    tab, problems = open_page(context, site_url)
    assert tab.evaluate(SCHEME) == "slate"
    tab.locator("#__palette_1").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"() => ({SCHEME})() === 'default'")
    assert tab.evaluate("() => document.activeElement.id") == "__palette_0"
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    assert problems == []


def test_the_head_is_set_up_before_the_content(context, site_url):
    tab, problems = open_page(context, site_url + "rates/")
    classes = tab.evaluate("() => [...document.documentElement.classList].sort()")
    assert classes == ["js", "js-focus-visible"]
    relative = tab.evaluate(
        """() => [...document.head.querySelectorAll("[href], [src]")]
          .map(element => element.getAttribute("href") ?? element.getAttribute("src"))
          .filter(value => !/^(?:[a-z]+:)?\\/\\//i.test(value))"""
    )
    assert relative == []
    assert problems == []
