"""MkDocs hook: keep notebook pages self-contained and light.

- nbconvert's template, which mkdocs-jupyter uses, adds a MathJax loader (with an empty URL
  under mkdocs-jupyter) and a module script that imports Mermaid from a CDN. The site
  typesets math with its own KaTeX and draws no diagrams inside notebooks, so both go.
- It also inlines the same stylesheets (JupyterLab's, about 0.6 MB) into every notebook
  page. They move to files named by their content, assets/notebooks/<hash>.css, written
  once per build and linked from each page: a reader's browser fetches them once for all
  notebook pages, and a rebuild writes those 0.6 MB once, not once per notebook page.
- Links to other pages, written as in the articles (`[The gradient](../gradient.md)`,
  relative to the notebook's source), point to those pages' URLs, as MkDocs does for
  Markdown pages. A link to a page that does not exist stops the build.
- The downloadable .ipynb (mkdocs-jupyter's copy of the executed notebook, next to the
  page) links to the articles by their absolute URLs on the site, made from `site_url`,
  since a downloaded file has no site around it; with site_url unset, by the same
  relative URLs as the page.
"""

import hashlib
import posixpath
import re
from pathlib import Path

import nbformat
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import jupyter_styles
from build_cache import Cache, LastBuilds, files_signature

MATHJAX_LOADER = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)
MERMAID_LOADER = re.compile(
    r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>', re.DOTALL
)
STYLE = re.compile(r"<style[^>]*>(?P<css>.*?)</style>", re.DOTALL)
PAGE_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<anchor>#[^"]*)?"')
MARKDOWN_LINK = re.compile(r"\]\((?P<path>[^):#?\s]+\.md)(?P<anchor>#[^)\s]*)?\)")
STYLESHEETS: dict[str, str] = {}  # site path -> CSS as nbconvert wrote it, this build
CLASSES: set[str] = set()  # every class of this build's notebook pages
# Site path as linked -> (site path, CSS) written, cut down to what the pages use.
IN_USE: dict[str, tuple[str, str]] = {}
CLASS_ATTRIBUTE = re.compile(r'class="(?P<names>[^"]*)"')
STYLESHEET_LINK = re.compile(
    r'<link rel="stylesheet" href="(?P<up>[^"]*?)(?P<path>assets/notebooks/[0-9a-f]+\.css)">'
)
STYLES_CACHE = Cache("notebook-styles", code=[__file__, jupyter_styles.__file__])


FILES: list[Files] = []  # this build's files, for on_post_page
FILES_SIGNATURE: list[str] = [""]  # and their signature (build_cache.files_signature)


# What on_page_content made of a notebook page (content, its stylesheets, its classes),
# by what it read: its HTML, source path, URL and the site's files.
MADE: LastBuilds[tuple[str, ...], tuple[str, dict[str, str], frozenset[str]]] = (
    LastBuilds()
)
# The downloadable notebook as on_post_page rewrote it, by what that read: the notebook,
# the page, site_url and the site's files.
REWRITTEN: LastBuilds[tuple[str, ...], str] = LastBuilds()


def on_pre_build(config: MkDocsConfig) -> None:
    MADE.next_build()
    REWRITTEN.next_build()
    STYLESHEETS.clear()
    CLASSES.clear()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Every hook has added its files by now (on_files): these are the build's."""
    FILES[:] = [files]
    FILES_SIGNATURE[:] = [files_signature(files)]
    return nav


def digest_path(css: str) -> str:
    """The site path of a stylesheet, named by its content."""
    return f"assets/notebooks/{hashlib.sha256(css.encode()).hexdigest()[:16]}.css"


def linked_page(page: Page, files: Files, path: str) -> File:
    """The page a notebook links to by its source path, relative to the notebook."""
    folder = posixpath.dirname(page.file.src_uri)
    target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, path)))
    if target is None:
        raise PluginError(f"{page.file.src_uri} links to a missing {path}")
    return target


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".md"):
        return html
    read = (html, page.file.src_uri, page.url, FILES_SIGNATURE[0])
    content, stylesheets, classes = MADE.made(
        read, lambda: made_content(html, page, files)
    )
    STYLESHEETS.update(stylesheets)
    CLASSES.update(classes)
    return content


def made_content(
    html: str, page: Page, files: Files
) -> tuple[str, dict[str, str], frozenset[str]]:
    """The page's content without the loaders, with its stylesheets linked and its links
    to pages made URLs; the stylesheets (site path -> CSS) and the classes it uses."""
    stylesheets: dict[str, str] = {}

    def link(match: re.Match[str]) -> str:
        css = match["css"]
        path = digest_path(css)
        stylesheets[path] = css
        return f'<link rel="stylesheet" href="{get_relative_url(path, page.url)}">'

    def page_link(match: re.Match[str]) -> str:
        target = linked_page(page, files, match["path"])
        return f'href="{target.url_relative_to(page.file)}{match["anchor"] or ""}"'

    html = MERMAID_LOADER.sub("", MATHJAX_LOADER.sub("", html))
    classes = frozenset(
        name
        for match in CLASS_ATTRIBUTE.finditer(html)
        for name in match["names"].split()
    )
    return PAGE_LINK.sub(page_link, STYLE.sub(link, html)), stylesheets, classes


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's content is made: cut the stylesheets down to what its classes use.
    Only the classes of JupyterLab's namespaces decide what is kept."""
    classes = sorted(
        name for name in CLASSES if name.startswith(jupyter_styles.NAMESPACES)
    )
    IN_USE.clear()
    for path, css in STYLESHEETS.items():
        key = STYLES_CACHE.key([css, *classes])
        in_use = STYLES_CACHE.get(key, lambda value: isinstance(value, str))
        if in_use is None:
            in_use = jupyter_styles.rules_in_use(css, set(classes))
            STYLES_CACHE.put(key, in_use)
        IN_USE[path] = (digest_path(in_use), in_use)
    return env


def link_stylesheets_in_use(output: str) -> str:
    """Each stylesheet link to its cut-down file; none to a stylesheet left empty."""

    def in_use(match: re.Match[str]) -> str:
        path, css = IN_USE[match["path"]]
        return f'<link rel="stylesheet" href="{match["up"]}{path}">' if css else ""

    return STYLESHEET_LINK.sub(in_use, output)


@event_priority(-100)  # after mkdocs-jupyter has copied the notebook next to the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link the stylesheets in use; rewrite the downloadable notebook's links to the
    articles as absolute URLs."""
    output = link_stylesheets_in_use(output)
    if not getattr(page, "nb_url", None):
        return output
    download = Path(page.file.abs_dest_path).parent / Path(page.file.abs_src_path).name
    text = download.read_text(encoding="utf-8")
    read = (text, page.file.src_uri, config.site_url or "", FILES_SIGNATURE[0])
    rewritten = REWRITTEN.made(read, lambda: with_absolute_links(text, page, config))
    download.write_text(rewritten, encoding="utf-8")
    return output


def with_absolute_links(text: str, page: Page, config: MkDocsConfig) -> str:
    """The notebook (JSON text) with its links to articles made absolute."""
    notebook = nbformat.reads(text, as_version=4)

    def absolute(match: re.Match[str]) -> str:
        target = linked_page(page, FILES[0], match["path"])
        if config.site_url:
            url = f"{config.site_url.rstrip('/')}/{target.url}"
        else:
            url = target.url_relative_to(page.file)
        return f"]({url}{match['anchor'] or ''})"

    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = MARKDOWN_LINK.sub(absolute, cell.source)
    return str(nbformat.writes(notebook))


def on_post_build(config: MkDocsConfig) -> None:
    for path, css in IN_USE.values():
        if css:
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, encoding="utf-8")
