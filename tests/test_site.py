"""The built site: every page and figure present, nothing broken published."""

import functools
import json
import re
from hashlib import sha256
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from sitepages import MARKDOWN_PAGES, NOTEBOOKS, ROOT, hook, parsed, shared_html_of
from steepest.figures.registry import FIGURES
from steepest.rendering import PALETTES


@pytest.mark.parametrize("stem", sorted(FIGURES))
def test_every_figure_is_drawn_in_both_palettes(built_site, stem):
    for palette in PALETTES:
        svg = (built_site / "figures" / f"{stem}-{palette}.svg").read_text(
            encoding="utf-8"
        )
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_every_figure_is_shown_with_alt_text_in_both_palettes(built_site):
    shown = {}
    for page in MARKDOWN_PAGES:
        for image in shared_html_of(built_site, page).select("article img"):
            source = image["src"].rsplit("/", 1)[-1]
            assert len(image.get("alt", "")) >= 20, f"{page}: {source} needs alt text"
            shown[source] = page
    for stem in FIGURES:
        for palette, suffix in (("light", "#only-light"), ("dark", "#only-dark")):
            assert f"{stem}-{palette}.svg{suffix}" in shown, (
                f"{stem} ({palette}) is on no page"
            )


@pytest.mark.parametrize("page", MARKDOWN_PAGES + NOTEBOOKS, ids=str)
def test_no_page_publishes_a_traceback(built_site, page):
    html = shared_html_of(built_site, page)
    stderr = "[data-mime-type='application/vnd.jupyter.stderr']"
    assert not html.select(f".jp-OutputArea-output{stderr}")
    assert "Traceback (most recent call last)" not in html.get_text()
    assert not html.select(".jp-RenderedText[data-mime-type*='error']")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=str)
def test_notebook_pages_show_executed_outputs(built_site, notebook):
    html = shared_html_of(built_site, notebook)
    code_cells = html.select(".jp-CodeCell")
    assert code_cells, "no code cells rendered"
    for cell in code_cells:
        prompt = cell.select_one(".jp-InputPrompt").get_text(strip=True)
        assert prompt.startswith("In\xa0[") and prompt != "In\xa0[\xa0]:", (
            "not executed"
        )
    assert html.select(".jp-OutputArea-output"), "no outputs rendered"
    for output in html.select(".jp-OutputArea-output"):
        assert output.get_text(strip=True) or output.select("img, svg"), "empty output"
    download = html.select_one("a.md-content__button[download]")
    assert (
        download is not None and download["href"] == notebook.with_suffix(".ipynb").name
    )


def test_diagrams_are_mermaid_blocks_for_the_site_script(built_site):
    html = shared_html_of(built_site, Path("descent-and-ascent.md"))
    diagrams = html.select("pre.diagram")
    assert len(diagrams) == 2
    assert all(d.get_text().lstrip().startswith("flowchart") for d in diagrams)


def test_pages_load_nothing_from_other_hosts(built_site):
    for page in built_site.rglob("*.html"):
        html = parsed(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                url = element.get(attribute) or ""
                if tag == "link" and "stylesheet" not in element.get("rel", []):
                    continue
                if url.startswith("data:"):
                    continue
                assert "//" not in url, f"{page}: {tag} loads {url[:200]}"


def test_no_page_blocks_its_first_paint_on_a_script_file(built_site):
    """Every script file is deferred (Material's bundle) or a module: a long page is
    parsed before a script at the end of its body arrives, and it would then be drawn
    only once the script had run."""
    for page in built_site.rglob("*.html"):
        for script in parsed(page).select("script[src]"):
            deferred = script.has_attr("defer") or script.get("type") == "module"
            assert deferred, f"{page}: {script['src']} blocks the first paint"
    bundle = parsed(built_site / "index.html").select("script[src*=bundle]")
    assert len(bundle) == 1 and bundle[0].has_attr("defer")


def test_notebook_pages_share_their_stylesheets(built_site):
    """JupyterLab's CSS is served once for every notebook page, not inlined in each; cut
    down to what can match there (no Blueprint widgets), named by its content."""
    linked = set()
    for notebook in NOTEBOOKS:
        html = shared_html_of(built_site, notebook)
        assert not html.select("article style"), f"{notebook} inlines a stylesheet"
        sheets = {
            link["href"].removeprefix("../../")
            for link in html.select("article link[rel=stylesheet]")
        }
        assert sheets and all(sheet.startswith("assets/notebooks/") for sheet in sheets)
        linked |= sheets
    styles = {
        sheet: (built_site / sheet).read_text(encoding="utf-8") for sheet in linked
    }
    for sheet, css in styles.items():
        assert css, f"{sheet} is empty, but linked"
        assert sheet == f"assets/notebooks/{sha256(css.encode()).hexdigest()[:16]}.css"
    everything = "".join(styles.values())
    assert ".jp-InputPrompt" in everything and "bp3-" not in everything
    assert sorted(styles) == sorted(
        path.relative_to(built_site).as_posix()
        for path in (built_site / "assets" / "notebooks").iterdir()
    )


def test_search_indexes_formulas_as_tex_not_as_typeset_markup(built_site):
    """Math is typeset after the search plugin has read the page: a formula is in the
    index once, as its TeX, not also as KaTeX's MathML and HTML text (x(k)x^{(k)}x(k))."""
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"])
    assert r"differentiable \(f\) around \(x^{(k)}\):" in text


@functools.cache
def katex_fonts():
    """The hook that cuts down the KaTeX fonts, loaded once."""
    return hook("katex_fonts")


@functools.cache
def character_map(font: Path) -> dict[int, str]:
    """The code points a font file holds (its best cmap), read once per file."""
    return TTFont(font).getBestCmap()


@pytest.mark.parametrize("page", MARKDOWN_PAGES + NOTEBOOKS, ids=str)
def test_the_cut_down_fonts_hold_every_character_the_math_shows(built_site, page):
    """The KaTeX fonts keep only the glyphs the site's math needs: none it had is lost."""
    html = shared_html_of(built_site, page)
    math = "".join(str(formula) for formula in html.select(".arithmatex"))
    for name, text in katex_fonts().font_files(math).items():
        file = f"{name}.woff2"
        full = character_map(ROOT / "node_modules/katex/dist/fonts" / file)
        cut = character_map(built_site / "vendor/katex/fonts" / file)
        lost = {c for c in text if ord(c) in full and ord(c) not in cut}
        assert not lost, f"{file} lost {sorted(lost)}"


def test_every_link_between_pages_reaches_its_target(built_site):
    """Links, stylesheets, scripts and images on every page point to files of the site,
    and a link's #anchor to an element of its page (notebook pages included)."""
    pages = {page: parsed(page) for page in built_site.rglob("*.html")}
    ids = {
        page: {element["id"] for element in html.select("[id]")}
        for page, html in pages.items()
    }
    broken = []
    for page, html in pages.items():
        for element in html.select("a[href], link[href], img[src], script[src]"):
            url = element.get("href") or element.get("src")
            if re.match(r"[a-z]+:|//|data:", url):
                continue
            path, _, anchor = url.partition("#")
            folder = built_site if path.startswith("/") else page.parent  # 404.html
            target = (folder / path.lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {url}")
            elif anchor and element.name == "a" and target.suffix == ".html":
                if anchor not in ids[target]:
                    broken.append(f"{page.relative_to(built_site)}: {url} (anchor)")
    assert broken == []


def nav_order(site: Path) -> list[str]:
    """The URL paths of the primary navigation's pages, in order, from the home page."""
    home = shared_html_of(site, Path("index.md"))
    paths: list[str] = []
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        href = link["href"]
        path = "" if href in (".", "./") else href
        if "#" not in href and path not in paths:
            paths.append(path)
    return paths


def test_the_home_page_lists_the_articles_in_nav_order(built_site):
    home = shared_html_of(built_site, Path("index.md"))
    series = [a["href"] for a in home.select("article ol > li > a:first-child")]
    in_nav = [path for path in nav_order(built_site) if path in series]
    assert series == in_nav
    assert len(series) >= 8


def test_previous_and_next_follow_the_nav(built_site):
    """The footer leads through the nav: each article, then its notebook, then the next."""
    order = nav_order(built_site)
    for index, path in enumerate(order):
        page = shared_html_of(built_site, Path(path or ".") / "index.md")
        for rel, neighbour in (("prev", index - 1), ("next", index + 1)):
            link = page.select_one(f"a.md-footer__link--{rel}")
            expected = order[neighbour] if 0 <= neighbour < len(order) else None
            if expected is None:
                assert link is None, f"{path}: a {rel} link past the end"
                continue
            assert link is not None, f"{path}: no {rel} link"
            target = (Path("/", path) / link["href"]).resolve()
            assert target == Path("/", expected).resolve(), (path, rel, link["href"])
    notebooks = [path for path in order if path.startswith("notebooks/")]
    for notebook in notebooks:
        article = order[order.index(notebook) - 1]
        assert article.strip("/") == notebook.removeprefix("notebooks/").strip("/")


def test_every_citation_reaches_its_entry_and_every_entry_links_back(built_site):
    """Each citation links to an entry of the bibliography, which links back to it; each
    equation reference links to a numbered formula and shows its number."""
    bibliography = shared_html_of(built_site, Path("bibliography.md"))
    entries = {p["id"]: p for p in bibliography.select("article p.reference")}
    assert entries, "the bibliography lists no entry"
    back = {
        a["href"].removeprefix("../")
        for entry in entries.values()
        for a in entry.select(".cited-in a")
    }
    cited = set()
    for page in MARKDOWN_PAGES:
        html = shared_html_of(built_site, page)
        stem = page.with_suffix("")
        folder = built_site / (stem.parent if stem.name == "index" else stem)
        url = folder.relative_to(built_site).as_posix()
        for link in html.select("article a.citation"):
            target, _, anchor = link["href"].partition("#")
            assert target.rstrip("/").endswith("bibliography") and anchor in entries
            assert link["id"].startswith(f"cite-{anchor.removeprefix('ref-')}-")
            assert f"{url}/#{link['id']}" in back, (
                f"{page}: {link['id']} not linked back"
            )
            cited.add(anchor)
        for link in html.select("article a.equation-reference"):
            target, _, anchor = link["href"].partition("#")
            holder = html
            if target:
                file = (folder / target).resolve() / "index.html"
                holder = parsed(file)
            formula = holder.find(id=anchor)
            assert formula is not None and "equation" in formula["class"], link
            number = link.get_text().split(")")[0] + ")"
            assert formula.select_one(".katex-tag").get_text() == number, link
    assert cited == set(entries), "an entry no page cites"
