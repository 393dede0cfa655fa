"""MkDocs hook: typeset the math of every Markdown page at build time, with the site's KaTeX.

pymdownx.arithmatex (generic mode) leaves each formula as \\(…\\) in a span, or \\[…\\] in a
div, of class `arithmatex`. This hook replaces the TeX by KaTeX's HTML, rendered by the
pinned npm package (hooks/katex_render.mjs: one Node.js process per build, started when
the first formula is not in the cache), so a page needs KaTeX's stylesheet and fonts but
not its script, and nothing moves when the page loads. A formula KaTeX cannot parse stops
the build. Results are cached (build_cache.py) on the page's formulas and the KaTeX
version. It runs on the finished page, after the search plugin has indexed the TeX (which
is what a reader would search for) rather than KaTeX's markup. The page preloads exactly
the font files its math is drawn with (katex_fonts.py), so the fonts arrive with the
stylesheets and the text does not shift when they do. Notebook pages keep their $…$ for
the browser (javascripts/math.mjs).
"""

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_cache import Cache
from katex_fonts import font_files

CACHE = Cache("math")
RENDERER = Path(__file__).with_name("katex_render.mjs")
KATEX = RENDERER.parent.parent / "node_modules" / "katex" / "package.json"
FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL
)


class Renderer:
    """The build's KaTeX process, started on first use and stopped after the build."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def render(self, formulas: list[tuple[str, bool]], where: str) -> list[str]:
        """KaTeX's HTML for each (tex, display) pair."""
        if self.process is None:
            self.process = subprocess.Popen(
                ["node", str(RENDERER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(formulas) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.stop()
            raise PluginError(f"{where}: the KaTeX process (node) ended unexpectedly")
        answer = json.loads(line)
        if "error" in answer:
            raise PluginError(
                f"{where}: KaTeX could not typeset a formula:\n{answer['error']}"
            )
        return answer["html"]

    def stop(self) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()
            self.process = None


RENDERER_PROCESS = Renderer()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not page.file.src_uri.endswith(".md"):
        return output
    matches = list(FORMULA.finditer(output))
    if not matches:
        return output
    # \(…\) and \[…\] around the TeX, which is HTML-escaped.
    formulas = [
        (html.unescape(match["tex"]).strip()[2:-2], match["tag"] == "div")
        for match in matches
    ]
    key = CACHE.key([KATEX.read_text(encoding="utf-8"), json.dumps(formulas)])
    typeset = CACHE.get(key)
    if not isinstance(typeset, dict):
        rendered = RENDERER_PROCESS.render(formulas, page.file.src_uri)
        typeset = {"html": rendered, "fonts": sorted(font_files("".join(rendered)))}
        CACHE.put(key, typeset)
    pieces = iter(typeset["html"])
    output = FORMULA.sub(
        lambda match: (
            f'<{match["tag"]} class="arithmatex">{next(pieces)}</{match["tag"]}>'
        ),
        output,
    )
    preloads = "".join(
        f'<link rel="preload" href="{get_relative_url(path, page.url)}" as="font" '
        'type="font/woff2" crossorigin>'
        for path in (f"vendor/katex/fonts/{name}.woff2" for name in typeset["fonts"])
    )
    return output.replace(
        '<link rel="stylesheet"', preloads + '<link rel="stylesheet"', 1
    )


def on_post_build(config: MkDocsConfig) -> None:
    RENDERER_PROCESS.stop()


def on_build_error(error: Exception) -> None:
    RENDERER_PROCESS.stop()
