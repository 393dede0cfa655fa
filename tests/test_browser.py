"""Every page, in a real browser, with nothing but 127.0.0.1 reachable.

The built site is served on 127.0.0.1; Debian's Chromium opens every page in the light and
the dark palette. A page passes when it logs no error, requests nothing from another host,
fails no request, typesets all its math, draws all its diagrams and loads all its images,
and preloads exactly the KaTeX fonts its math is drawn with.
"""

import functools
import re

import pytest
from browser_support import (
    BROWSER_TEST,
    TIMEOUT_MS,
    html_file,
    open_page,
    page_paths,
    url_path_of,
)

from sitepages import MARKDOWN_PAGES, NOTEBOOKS, hook

pytestmark = BROWSER_TEST

# Every page built from docs/ (Markdown and notebooks), and the 404 page.
PAGES = [url_path_of(source) for source in MARKDOWN_PAGES + NOTEBOOKS] + ["404.html"]
NOTEBOOK_PAGES = {url_path_of(source) for source in NOTEBOOKS}
# Browser colour scheme -> Material's data-md-color-scheme.
SCHEMES = {"light": "default", "dark": "slate"}
# The placeholder nbconvert writes where a notebook image has no alt text.
PLACEHOLDER_ALT = "No description has been provided for this image"

RENDERED = """() => {
  const math = [...document.querySelectorAll("article .arithmatex")];
  const diagrams = [...document.querySelectorAll("article div.diagram")];
  const explorables = [...document.querySelectorAll("article [data-explorable]")];
  return document.body.dataset.mdColorScheme !== undefined
    && math.every(element => element.querySelector(".katex"))
    && !document.querySelector("article pre.diagram")
    && diagrams.every(element => element.querySelector("svg"))
    && explorables.every(element => element.matches(".explorable--live"));
}"""

LIVE = "element => element.classList.contains('explorable--live')"

# Mermaid loads when a diagram nears the viewport; then every diagram of the page is drawn.
SCROLL_TO_DIAGRAMS = "document.querySelector('article pre.diagram')?.scrollIntoView()"

# The article's text outside code and outside typeset math.
VISIBLE_TEXT = """() => {
  const article = document.querySelector("article").cloneNode(true);
  article.querySelectorAll("pre, code, script, style, .katex").forEach(e => e.remove());
  return article.textContent;
}"""

# Scroll each image shown in this palette into view (they load lazily), wait for it.
IMAGES = """async () => {
  const images = [...document.querySelectorAll("article img")];
  const shown = images.filter(image => image.checkVisibility());
  for (const image of shown) {
    image.scrollIntoView();
    try { await image.decode(); } catch (error) {}
  }
  return images.map(image => ({
    src: image.getAttribute("src").slice(0, 120),
    // The palette suffix, read from the whole source (a data URL ends with it).
    only: (image.getAttribute("src").match(/#only-(light|dark)$/) || [null, null])[1],
    shown: shown.includes(image),
    loaded: image.complete && image.naturalWidth > 0,
    alt: image.alt,
    width: image.getAttribute("width"),
    height: image.getAttribute("height"),
    loading: image.getAttribute("loading"),
    // The static figure of an explorable gives way once the explorable is live.
    replaced: image.closest(".explorable--live") !== null,
  }));
}"""

# The KaTeX faces the page's text is drawn with, and the font files the page preloads.
FONTS = """async () => {
  await document.fonts.ready;
  const used = [...document.fonts]
    .filter(face => face.status === "loaded" && face.family.includes("KaTeX"))
    .map(face => [face.family.replaceAll('"', ""), face.style, face.weight]);
  const preloaded = [...document.querySelectorAll("link[rel=preload][as=font]")]
    .map(link => link.getAttribute("href").split("/").pop().replace(".woff2", ""));
  return { used, preloaded };
}"""

# Text runs of notebook code (and prompts) whose contrast with their background is below
# WCAG AA's 4.5:1.
LOW_CONTRAST = """() => {
  const rgb = color => color.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = color => {
    const [r, g, b] = rgb(color).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const selector = ".jupyter-wrapper pre span, .jp-InputPrompt, .jp-OutputPrompt";
  const low = new Set();
  for (const element of document.querySelectorAll(selector)) {
    if (!element.textContent.trim()) continue;
    let holder = element;
    let background = "rgba(0, 0, 0, 0)";
    while (holder && background === "rgba(0, 0, 0, 0)") {
      background = getComputedStyle(holder).backgroundColor;
      holder = holder.parentElement;
    }
    // An element drawn at partial opacity shows its colour blended into the background.
    const opacity = Number(getComputedStyle(element).opacity);
    const [fg, bg] = [rgb(getComputedStyle(element).color), rgb(background)];
    const color = `rgb(${fg.map((v, i) => opacity * v + (1 - opacity) * bg[i]).join(",")})`;
    const [a, b] = [luminance(color), luminance(background)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.add(`${element.className}: ${color} on ${background}`);
  }
  return [...low];
}"""

RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$")


@functools.cache
def katex_faces() -> dict:
    """The KaTeX font file of each face (family, style, weight), read once."""
    return hook("katex_fonts").stylesheet()[1]


def bring_to_life(tab) -> None:
    """Scroll to what is drawn only near the viewport: diagrams, then each explorable."""
    tab.evaluate(SCROLL_TO_DIAGRAMS)
    for explorable in tab.locator("article [data-explorable]").element_handles():
        explorable.scroll_into_view_if_needed()
        tab.wait_for_function(LIVE, arg=explorable)


@pytest.fixture(scope="session")
def palette_contexts(browser):
    """One browser context per palette, emulating the reader's colour scheme."""
    contexts = {}
    for palette in sorted(SCHEMES):
        contexts[palette] = browser.new_context(
            color_scheme=palette, viewport={"width": 1280, "height": 900}
        )
        contexts[palette].set_default_timeout(TIMEOUT_MS)
    yield contexts
    for context in contexts.values():
        context.close()


def test_every_built_page_is_checked(built_site):
    assert sorted(page_paths(built_site)) == sorted(PAGES)


def check_rendered(tab, path: str, palette: str, problems: list[str]) -> None:
    """Assert that the open tab shows the page fully rendered in the palette."""
    bring_to_life(tab)
    try:
        tab.wait_for_function(RENDERED, timeout=TIMEOUT_MS)
    except Exception as error:  # reported below, element by element
        problems.append(f"not fully rendered within {TIMEOUT_MS} ms: {error}")
    scheme = tab.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == SCHEMES[palette]

    math = tab.locator("article .arithmatex")
    untypeset = math.evaluate_all(
        "els => els.filter(e => !e.querySelector('.katex')).map(e => e.textContent)"
    )
    assert not untypeset, f"math left as TeX: {untypeset[:3]}"
    assert tab.locator("article .katex-error").count() == 0, "KaTeX parse error"
    raw = RAW_TEX.findall(tab.evaluate(VISIBLE_TEXT))
    assert not raw, f"raw TeX visible in the article: {raw[:5]}"

    fonts = tab.evaluate(FONTS)
    faces = katex_faces()
    used = sorted({faces[tuple(face)] for face in fonts["used"]})
    assert sorted(fonts["preloaded"]) == used, "preloads differ from fonts used"

    assert tab.locator("article pre.diagram").count() == 0, "diagram not drawn"
    assert tab.locator("article div.diagram:not(:has(svg))").count() == 0
    live = "article [data-explorable].explorable--live .explorable__plots svg"
    explorables = tab.locator("article [data-explorable]").count()
    assert tab.locator(live).count() >= explorables, "explorable not drawn"

    for image in tab.evaluate(IMAGES):
        where = f"{image['src']} ({palette})"
        assert len(image["alt"]) >= 20 and image["alt"] != PLACEHOLDER_ALT, (
            f"{where}: alt text {image['alt']!r} does not describe the image"
        )
        assert image["width"] and image["height"], f"{where}: no width/height"
        assert image["loading"] == "lazy", f"{where}: not lazy-loaded"
        other = "dark" if palette == "light" else "light"
        if image["only"] == other or image["replaced"]:
            assert not image["shown"], f"{where}: shown, but should be hidden"
        else:
            assert image["shown"] and image["loaded"], f"{where}: not loaded"

    if path in NOTEBOOK_PAGES:
        outputs = tab.locator(".jp-OutputArea-output")
        assert outputs.count() > 0, "notebook page shows no outputs"
        heights = outputs.evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert all(height > 0 for height in heights), "an output is not shown"
        assert tab.evaluate(LOW_CONTRAST) == [], "code below 4.5:1 contrast"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "home")
def test_page_renders_completely_offline_in_both_palettes(
    palette_contexts, site_url, path
):
    """Both palettes' tabs are open together: one tab's network settles while the other
    is checked, so their waits for a quiet network (no request for 500 ms) overlap."""
    tabs = {
        palette: open_page(context, site_url + path)
        for palette, context in palette_contexts.items()
    }
    try:
        for palette, (tab, problems) in tabs.items():
            try:
                check_rendered(tab, path, palette, problems)
            except AssertionError as error:
                raise AssertionError(f"in the {palette} palette: {error}") from error
        for palette, (tab, problems) in tabs.items():
            tab.wait_for_load_state("networkidle")
            assert problems == [], f"in the {palette} palette"
    finally:
        for tab, _ in tabs.values():
            tab.close()


def test_switching_palette_redraws_diagrams(browser, built_site, site_url):
    with_diagrams = [
        path
        for path in page_paths(built_site)
        if 'class="diagram"' in html_file(built_site, path).read_text(encoding="utf-8")
    ]
    if not with_diagrams:
        pytest.skip("no page has a diagram")
    context = browser.new_context(color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab, problems = open_page(context, site_url + with_diagrams[0])
        bring_to_life(tab)
        tab.wait_for_function(RENDERED)
        first = tab.locator("article div.diagram svg").first
        count = tab.locator("article div.diagram svg").count()
        before = first.evaluate("svg => svg.outerHTML")
        tab.locator("label[for='__palette_1']").click()
        tab.wait_for_function(
            "() => document.body.dataset.mdColorScheme === 'slate'"
            " && !document.querySelector('article pre.diagram')"
        )
        tab.wait_for_function(
            "before => { const svg = document.querySelector('article div.diagram svg');"
            " return svg && svg.outerHTML !== before; }",
            arg=before,
        )
        assert tab.locator("article div.diagram svg").count() == count
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("opening", ["keyboard", "toggle"])
def test_the_search_index_loads_when_the_reader_opens_search(
    browser, site_url, opening
):
    """The index (the site's largest file) is not part of a page view; search still works,
    opened with the keyboard shortcut (wide screens) or the header's toggle (phones)."""
    width = 1280 if opening == "keyboard" else 390
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        tab, problems = open_page(context, site_url + "momentum/")
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(300)
        assert not [url for url in requested if "search_index" in url]
        if opening == "keyboard":
            tab.keyboard.press("/")
        else:
            tab.locator("label.md-header__button[for='__search']").click()
        tab.keyboard.type("nesterov")
        first = tab.locator(".md-search-result__item a").first
        first.wait_for()
        assert [url for url in requested if url.endswith("search/search_index.json")]
        assert "Nesterov" in first.inner_text()
        assert problems == []
    finally:
        context.close()


def test_a_broken_diagram_is_reported_and_the_others_still_draw(
    browser, built_site, site_url
):
    """The build refuses a broken diagram (test_build_failures); should one reach a page
    anyway, Mermaid's message is reported and the page's other diagrams are drawn."""
    path = "descent-and-ascent/"
    html = html_file(built_site, path).read_text(encoding="utf-8")
    opening = '<pre class="diagram"><code>'
    count = html.count(opening)
    assert count >= 2, "the test needs a page with two diagrams"
    broken = html.replace(
        opening, f"{opening}flowchart LR\n    broken --&gt; b((]\n", 1
    )
    context = browser.new_context(color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        context.route(
            site_url + path,
            lambda route: route.fulfill(
                body=broken, content_type="text/html; charset=utf-8"
            ),
        )
        tab, problems = open_page(context, site_url + path)
        tab.evaluate(SCROLL_TO_DIAGRAMS)
        tab.wait_for_function(
            "count => document.querySelectorAll('article div.diagram svg').length"
            " === count",
            arg=count - 1,
        )
        tab.wait_for_function(
            "() => document.querySelectorAll('article pre.diagram').length === 1"
        )
        messages = [problem for problem in problems if "Mermaid cannot draw" in problem]
        assert len(messages) == 1 and "Parse error" in messages[0], problems
    finally:
        context.close()


# The element the URL's fragment names and whether it is in the viewport (below Material's
# fixed header). Not whether it matches :target: after an instant page change Material
# sets the fragment with history.pushState, which does not update :target.
TARGET = """() => {
  const element = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!element) return null;
  const box = element.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return {
    id: element.id,
    visible: box.top >= header - 1 && box.top < window.innerHeight,
  };
}"""


def follow(tab, link) -> dict:
    """Click the link, wait for its target to be scrolled to; describe the target."""
    href = link.get_attribute("href")
    link.click()
    anchor = href.partition("#")[2]
    tab.wait_for_function(f"() => location.hash === '#{anchor}'")
    tab.wait_for_function(f"() => ({TARGET})()?.visible")
    return tab.evaluate(TARGET)


def test_a_citation_and_an_equation_link_scroll_to_their_targets(browser, site_url):
    """A citation opens its bibliography entry, which links back; an equation reference
    scrolls to its formula, on the same page and on another one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab, problems = open_page(context, site_url + "logistic-regression/")
        citation = tab.locator("article a.citation").first
        cite_id = citation.get_attribute("id")
        target = follow(tab, citation)
        assert tab.url.split("#")[0].endswith("/bibliography/")
        assert target["visible"] and target["id"].startswith("ref-")
        back = tab.locator(f"#{target['id']} .cited-in a[href$='#{cite_id}']")
        target = follow(tab, back)
        assert tab.url.split("#")[0].endswith("/logistic-regression/")
        assert target["id"] == cite_id and target["visible"]

        # Instant navigation writes the links of a page it shows as absolute URLs; links
        # inside a closed exercise solution are not visible until it is opened.
        same_page = tab.locator(
            "article a.equation-reference[href^='#'],"
            "article a.equation-reference[href*='/logistic-regression/#']"
            " >> visible=true"
        ).last
        target = follow(tab, same_page)
        assert target["visible"] and target["id"].startswith("eq-")
        assert tab.locator(f"#{target['id']} .katex-tag").inner_text() in (
            same_page.inner_text()
        )
        other_page = tab.locator(
            "article a.equation-reference[href$='/#eq-descent-lemma']"
        )
        target = follow(tab, other_page)
        assert tab.url.split("#")[0].endswith("/learning-rate/")
        assert target["visible"] and target["id"] == "eq-descent-lemma"
        # Leaving a page aborts the lazy images it was loading: not a fault of the site.
        assert [p for p in problems if not p.endswith("(net::ERR_ABORTED)")] == []
    finally:
        context.close()


# Counts the tables taken out of the document from before the page's scripts run.
COUNT_MOVED_TABLES = """
window.movedTables = 0;
new MutationObserver(records => records.forEach(record => record.removedNodes.forEach(
  node => { if (node.nodeName === "TABLE") window.movedTables += 1; }
))).observe(document, { childList: true, subtree: true });
"""

# Each style property of a wrapped table, its first header and data cell, where it differs
# from the same table without a class (as Material styles it) in the same wrapper.
STYLE_DIFFERENCES = """() => {
  const ours = document.querySelector("article table.wrapped-table");
  const wrapper = ours.closest(".md-typeset__scrollwrap");
  const copy = wrapper.cloneNode(true);
  copy.querySelector("table").removeAttribute("class");
  wrapper.after(copy);
  const plain = copy.querySelector("table");
  const differences = [];
  for (const selector of [":scope", "th", "td"]) {
    const a = getComputedStyle(ours.querySelector(selector) ?? ours);
    const b = getComputedStyle(plain.querySelector(selector) ?? plain);
    for (const name of a) {
      if (a.getPropertyValue(name) !== b.getPropertyValue(name)) {
        differences.push(`${selector} ${name}: ${a.getPropertyValue(name)} / ${b.getPropertyValue(name)}`);
      }
    }
  }
  copy.remove();
  return differences;
}"""


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_tables_are_not_moved_after_load_and_look_as_material_styles_them(
    browser, site_url, scheme
):
    """hooks/tables.py wraps the tables when the page is built; Material's script, which
    would move each one into that wrapper after load, leaves them in place."""
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(COUNT_MOVED_TABLES)
    try:
        tab, problems = open_page(context, site_url + "notation/")
        tab.wait_for_function(RENDERED)
        assert tab.locator("article table.wrapped-table").count() >= 4
        assert tab.locator("article table:not([class])").count() == 0
        assert tab.evaluate("window.movedTables") == 0
        assert tab.evaluate(STYLE_DIFFERENCES) == []
        assert problems == []
    finally:
        context.close()
