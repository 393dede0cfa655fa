"""MkDocs hook: typeset the math of every Markdown page at build time, with the site's KaTeX.

pymdownx.arithmatex (generic mode) leaves each formula as \\(…\\) in a span, or \\[…\\] in a
div, of class `arithmatex`. This hook replaces the TeX by KaTeX's HTML, rendered by the
pinned npm package (hooks/katex_render.mjs, one Node.js process per page), so a page needs
KaTeX's stylesheet and fonts but not its script, and nothing moves when the page loads.
A formula KaTeX cannot parse stops the build. Results are cached (build_cache.py) on the
page's formulas and the KaTeX version. Notebook pages keep their $…$ for the browser
(javascripts/math.mjs).
"""

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import Cache

CACHE = Cache("math")
RENDERER = Path(__file__).with_name("katex_render.mjs")
KATEX = RENDERER.parent.parent / "node_modules" / "katex" / "package.json"
FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL
)


def render(formulas: list[tuple[str, bool]], where: str) -> list[str]:
    """KaTeX's HTML for each (tex, display) pair."""
    result = subprocess.run(
        ["node", str(RENDERER)],
        input=json.dumps(formulas),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(
            f"{where}: KaTeX could not typeset a formula:\n{result.stderr}"
        )
    return json.loads(result.stdout)


def on_page_content(
    html_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if not page.file.src_uri.endswith(".md"):
        return html_text
    matches = list(FORMULA.finditer(html_text))
    if not matches:
        return html_text
    # \(…\) and \[…\] around the TeX, which is HTML-escaped.
    formulas = [
        (html.unescape(match["tex"]).strip()[2:-2], match["tag"] == "div")
        for match in matches
    ]
    key = CACHE.key([KATEX.read_text(encoding="utf-8"), json.dumps(formulas)])
    rendered = CACHE.get(key)
    if not isinstance(rendered, list):
        rendered = render(formulas, page.file.src_uri)
        CACHE.put(key, rendered)
    pieces = iter(rendered)
    return FORMULA.sub(
        lambda match: (
            f'<{match["tag"]} class="arithmatex">{next(pieces)}</{match["tag"]}>'
        ),
        html_text,
    )
