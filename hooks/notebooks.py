"""MkDocs hook: keep notebook pages self-contained.

nbconvert's template, which mkdocs-jupyter uses, adds a MathJax loader (with an empty URL
under mkdocs-jupyter) and a module script that imports Mermaid from a CDN. The site
typesets math with its own KaTeX and draws no diagrams inside notebooks, so both go.
"""

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MATHJAX_LOADER = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)
MERMAID_LOADER = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.DOTALL
)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".md"):
        return html
    return MERMAID_LOADER.sub("", MATHJAX_LOADER.sub("", html))
