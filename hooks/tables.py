"""MkDocs hook: tables are put in Material's scroll wrapper when the page is built, not
after it loads.

Material's script moves every table without a class (`table:not([class])`) into
`<div class="md-typeset__scrollwrap"><div class="md-typeset__table">` once the page has
loaded. Moving a table lays out its content again: on a page whose tables hold most of
its math (notation/), that is most of the page, and the phone's main thread is blocked
for it (Lighthouse, phone, 5 runs each: total blocking time 173–354 ms with the move,
47–95 ms without; score 0.90–0.96 against 0.94–0.99). So each
table is written inside that wrapper, with the class WRAPPED, which Material's script
leaves alone. Its style sheet styles `table:not([class])` only: every rule of the
installed theme's style sheet that does is added to the site's style sheet (SITE_CSS),
with WRAPPED's selector in its place, in the same at-rules. A wrapped table's computed
style is a class-less table's (test_browser), and the page makes no extra request.
"""

import functools
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

WRAPPED = "wrapped-table"
MATERIAL_SELECTOR = "table:not([class])"
SITE_CSS = "stylesheets/site.css"
THEME_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
# A table without a class attribute, up to its end, with no other table inside.
TABLE = re.compile(
    r"<table(?![^>]*\bclass=)(?P<attributes>[^>]*)>(?P<body>(?:(?!<table\b).)*?)</table>",
    re.DOTALL,
)


def blocks(css: str) -> list[tuple[str, str]]:
    """The top-level (prelude, body) blocks of a style sheet (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found, depth, start, prelude = [], 0, 0, ""
    for index, character in enumerate(css):
        if character == "{":
            if depth == 0:
                prelude, start = css[start:index].strip(), index + 1
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                found.append((prelude, css[start:index]))
                start = index + 1
        elif character == ";" and depth == 0:  # @charset, @import
            start = index + 1
    return found


def rules_for_wrapped(css: str) -> str:
    """Every rule of css whose selector names MATERIAL_SELECTOR, for WRAPPED: only the
    selectors that name it, inside the same @media or @supports."""
    kept = []
    for prelude, body in blocks(css):
        if prelude.startswith(("@media", "@supports")):
            inner = rules_for_wrapped(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@"):
            selectors = [
                selector.replace(MATERIAL_SELECTOR, f"table.{WRAPPED}")
                for selector in prelude.split(",")
                if MATERIAL_SELECTOR in selector
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "\n".join(kept)


@functools.lru_cache(maxsize=2)  # the theme's style sheet, at every build
def theme_rules(css: str) -> str:
    return rules_for_wrapped(css)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the theme's table rules, for WRAPPED, to the site's style sheet."""
    theme = [file for file in files if THEME_CSS.fullmatch(file.src_uri)]
    site = files.get_file_from_path(SITE_CSS)
    if len(theme) != 1 or site is None:
        found = [file.src_uri for file in theme]
        raise PluginError(
            f"tables.py: expected one theme style sheet {THEME_CSS.pattern} (found "
            f"{found}) and the site's {SITE_CSS} ({'found' if site else 'missing'})"
        )
    rules = theme_rules(theme[0].content_string)
    if not rules:
        raise PluginError(
            f"tables.py: {theme[0].src_uri} has no rule for {MATERIAL_SELECTOR}: "
            "the theme styles tables another way now"
        )
    comment = f"/* Material's rules for {MATERIAL_SELECTOR}, for tables.{WRAPPED}"
    comment += " (hooks/tables.py) */"
    site.content_string = f"{site.content_string.rstrip()}\n\n{comment}\n{rules}\n"
    return files


def wrapped(match: re.Match[str]) -> str:
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f'<table class="{WRAPPED}"{match["attributes"]}>{match["body"]}</table>'
        "</div></div>"
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return TABLE.sub(wrapped, html)
