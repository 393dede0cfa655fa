"""MkDocs hook: typeset the math of every page at build time, with the site's KaTeX.

pymdownx.arithmatex (generic mode) leaves each formula of an article as \\(…\\) in a span,
or \\[…\\] in a div, of class `arithmatex`. On notebook pages the hook first marks the
$…$ and $$…$$ of the Markdown cells the same way (outside code, as KaTeX's auto-render
would). Each formula's TeX is then replaced by KaTeX's HTML, rendered by the pinned npm
package (hooks/katex_render.mjs: one Node.js process per build, started when the first
formula is not in the cache), so pages load KaTeX's stylesheet and fonts but no script,
and nothing moves when a page loads. A formula KaTeX cannot parse stops the build.

Results are cached (build_cache.py) on the page's formulas and the KaTeX version. The
hook runs on the finished page, after the search plugin has indexed the TeX (what a reader
would search for) rather than KaTeX's markup. Each page preloads exactly the font files
its math is drawn with, and after the build each of those files is cut down to the
characters the site's math shows (katex_fonts.py).
"""

import base64
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import katex_fonts
from build_cache import Cache, LastBuilds, is_list_of, write_atomically
from katex_fonts import cut_down, font_files

RENDERER = Path(__file__).with_name("katex_render.mjs")
# The renderer (and its KaTeX options) and the font lookup are part of every key.
CACHE = Cache("math", code=[__file__, RENDERER, katex_fonts.__file__])
FONT_CACHE = Cache("katex-fonts", code=[katex_fonts.__file__])
KATEX = RENDERER.parent.parent / "node_modules" / "katex"
FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL
)
MARKDOWN_CELL = re.compile(
    r'(?P<open><div class="[^"]*\bjp-MarkdownOutput\b[^"]*"[^>]*>)(?P<body>.*?)</div>',
    re.DOTALL,
)
# Code (left as it is), or math between $$ (display) or $ (inline), whichever comes first.
CODE_OR_DOLLARS = re.compile(
    r"(?P<code><(?P<tag>code|pre)\b.*?</(?P=tag)>)"
    r"|\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$]+?)\$",
    re.DOTALL,
)
# The tags of <details> and <summary> elements (escaped in code, so only real ones).
DETAILS_TAG = re.compile(
    r"<(?P<end>/?)(?P<name>details|summary)\b(?P<attributes>[^>]*)>"
)
OPEN_ATTRIBUTE = re.compile(r"\sopen\b")
FONTS_FOLDER = "vendor/katex/fonts"
USED: dict[str, set[str]] = {}  # font file -> characters, over this build's pages


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


def is_typeset(value: object, formulas: int) -> bool:
    """Whether a cached value is KaTeX's HTML for that many formulas, and each one's fonts."""
    return (
        isinstance(value, dict)
        and is_list_of(str, value.get("html"), formulas)
        and is_list_of(dict, value.get("fonts"), formulas)
        and all(
            isinstance(text, str) for fonts in value["fonts"] for text in fonts.values()
        )
    )


def shown_at_load(page_html: str, positions: list[int]) -> list[bool]:
    """For each position (ascending), whether it is outside every closed <details>, or in
    the <summary> of one that is itself shown.

    The content of a closed <details> (an exercise's solution) is not laid out until the
    reader opens it, so its math's fonts are not loaded with the page.
    """
    shown = []
    hidden: list[bool] = []  # for each <details> around the position: hides it?
    in_summary: list[bool] = []  # what the <details> of each open <summary> hid
    tags = DETAILS_TAG.finditer(page_html)
    tag = next(tags, None)
    for position in positions:
        while tag is not None and tag.start() < position:
            if tag["name"] == "details" and not tag["end"]:
                hidden.append(OPEN_ATTRIBUTE.search(tag["attributes"]) is None)
            elif not hidden:  # a stray end tag, or a <summary> outside <details>
                pass
            elif tag["name"] == "details":
                hidden.pop()
            elif not tag["end"]:
                in_summary.append(hidden[-1])
                hidden[-1] = False
            elif in_summary:
                hidden[-1] = in_summary.pop()
            tag = next(tags, None)
        shown.append(not any(hidden))
    return shown


def is_woff2(value: object) -> bool:
    """Whether a cached value is a base64 WOFF2 font."""
    try:
        return isinstance(value, str) and base64.b64decode(value).startswith(b"wOF2")
    except ValueError:
        return False


def mark_notebook_math(page_html: str) -> str:
    """Wrap the $…$ and $$…$$ of Markdown cells (not in code) as arithmatex does."""

    def mark(match: re.Match[str]) -> str:
        if match["code"] is not None:
            return match["code"]
        if match["display"] is not None:
            return f'<span class="arithmatex">\\[{match["display"]}\\]</span>'
        return f'<span class="arithmatex">\\({match["inline"]}\\)</span>'

    def mark_cell(cell: re.Match[str]) -> str:
        return cell["open"] + CODE_OR_DOLLARS.sub(mark, cell["body"]) + "</div>"

    return MARKDOWN_CELL.sub(mark_cell, page_html)


# What on_post_page made of a page (its output, and the characters of each font its math
# uses), by what it read: KaTeX's version, the page's source path and URL, its output.
TYPESET: LastBuilds[tuple[str, str, str, str], tuple[str, dict[str, set[str]]]] = (
    LastBuilds()
)


def on_pre_build(config: MkDocsConfig) -> None:
    USED.clear()
    TYPESET.next_build()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    version = (KATEX / "package.json").read_text(encoding="utf-8")
    read = (version, page.file.src_uri, page.url, output)
    output, fonts = TYPESET.made(read, lambda: typeset_page(output, page, version))
    for name, characters in fonts.items():
        USED.setdefault(name, set()).update(characters)
    return output


def typeset_page(
    output: str, page: Page, version: str
) -> tuple[str, dict[str, set[str]]]:
    """The page's output with its math typeset, and the characters of each font the math
    uses."""
    if not page.file.src_uri.endswith(".md"):
        output = mark_notebook_math(output)
    matches = list(FORMULA.finditer(output))
    if not matches:
        return output, {}
    # The TeX is HTML-escaped, between \( and \) (inline) or \[ and \] (display).
    texts = [html.unescape(match["tex"]).strip() for match in matches]
    formulas = [(tex[2:-2], tex.startswith("\\[")) for tex in texts]
    key = CACHE.key([version, json.dumps(formulas)])
    typeset = CACHE.get(key, lambda value: is_typeset(value, len(formulas)))
    if typeset is None:
        rendered = RENDERER_PROCESS.render(formulas, page.file.src_uri)
        typeset = {"html": rendered, "fonts": [font_files(each) for each in rendered]}
        CACHE.put(key, typeset)
    used: dict[str, set[str]] = {}
    for fonts in typeset["fonts"]:
        for name, text in fonts.items():
            used.setdefault(name, set()).update(text)
    # Preloaded: the fonts of the math laid out with the page; a solution's load when
    # the reader opens it.
    shown = shown_at_load(output, [match.start() for match in matches])
    pieces = iter(typeset["html"])
    output = FORMULA.sub(
        lambda match: (
            f'<{match["tag"]} class="arithmatex">{next(pieces)}</{match["tag"]}>'
        ),
        output,
    )
    preloaded = sorted(
        {
            name
            for fonts, is_shown in zip(typeset["fonts"], shown, strict=True)
            if is_shown
            for name in fonts
        }
    )
    preloads = "".join(
        f'<link rel="preload" href="{get_relative_url(path, page.url)}" as="font" '
        'type="font/woff2" crossorigin>'
        for path in (f"{FONTS_FOLDER}/{name}.woff2" for name in preloaded)
    )
    output = output.replace(
        '<link rel="stylesheet"', preloads + '<link rel="stylesheet"', 1
    )
    return output, used


def on_post_build(config: MkDocsConfig) -> None:
    """Cut each font the math uses down to the characters of all the site's math."""
    RENDERER_PROCESS.stop()
    characters = "".join(sorted(set().union(*USED.values())))
    for name in USED:
        full = (KATEX / "dist" / "fonts" / f"{name}.woff2").read_bytes()
        key = FONT_CACHE.key([base64.b64encode(full).decode(), characters])
        cut = FONT_CACHE.get(key, is_woff2)
        if cut is None:
            cut = base64.b64encode(cut_down(full, characters)).decode()
            FONT_CACHE.put(key, cut)
        target = Path(config.site_dir) / FONTS_FOLDER / f"{name}.woff2"
        # A new file replaces the full font's copy, which may be a hard link to the
        # previous site's (kept_static.py): writing into it would change that site too.
        write_atomically(target, base64.b64decode(cut))


def on_build_error(error: Exception) -> None:
    RENDERER_PROCESS.stop()
