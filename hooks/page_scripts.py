"""MkDocs hook: every article's code as one script a reader downloads and runs.

For each Markdown page with python blocks, the build writes `<page>/<name>.py` next to
the page: the blocks in page order, with snippets expanded, under a header naming the
page's URL and the install command. A block titled `steepest/<module>.py` shows the
installed package's source: the script imports the names it defines from that module
instead of repeating them, and the page marks it as an excerpt of the package. One line
before the page's first block says what the blocks need and links the script. Listed
after examples.py, so the examples' line numbers are those of the source page.

That line's install command names the wheel, which changes with every version of the
package. The name enters the Markdown as a placeholder (package_wheel.WHEEL_PLACEHOLDER),
replaced in the page's final HTML: a
package edit changes no page's Markdown, so `mkdocs serve` keeps the pages' renders
(kept_renders.py) and search entries (search_entries.py). The line, the same on every
page, is kept out of the search index (`data-search-exclude`).
"""

import ast
import functools
import json
import re
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from examples import expanded, find_python_blocks
from package_wheel import (
    install_command,
    needs_figures,
    wheel_path,
    with_version,
    without_version,
)

EXCERPT_TITLE = re.compile(
    r'title="steepest/(?P<module>[\w/]+)\.py(?: \(continued\))?"'
)
EXCERPT_SPAN = re.compile(
    r'<span class="filename">(?P<title>steepest/[\w/]+\.py(?: \(continued\))?)</span>'
)
SCRIPTS: dict[str, str] = {}  # page source path -> script, for this build


def script_name(page: Page) -> str:
    """The script's file name: the page's, or its folder's for an index page."""
    source = Path(page.file.src_uri)
    name = (
        source.parent.name
        if source.stem == "index" and source.parent.name
        else source.stem
    )
    return f"{name}.py"


@functools.lru_cache(maxsize=1024)  # again at each `mkdocs serve` rebuild
def excerpt_import(source: str, module: str, where: str) -> str:
    """The statements an excerpt of `module` becomes: its imports, then its names."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise PluginError(
            f"{where}: the excerpt is not valid Python: {error}"
        ) from error
    kept, names = [], []
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            kept.append(ast.get_source_segment(source, node) or "")
        elif isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    if names:
        kept.append(f"from {module} import {', '.join(names)}")
    return "\n".join(kept)


def header(page: Page, config: MkDocsConfig, figures: bool) -> list[str]:
    if config.site_url:
        where = f"{config.site_url.rstrip('/')}/{page.url}"
        install = [f"#     {install_command(config, figures)}"]
    else:
        where = page.url or "the home page"
        install = [
            f"#     {install_command(config, figures)}",
            f"# after downloading {wheel_path()} from the site.",
        ]
    return [
        f'# The code of "{page.title}", {where}',
        "# Its python blocks, in page order, generated when the site was built.",
        "# It needs the package steepest, which the site serves:",
        *install,
        f"# Then run: python {script_name(page)}",
        "",
    ]


def page_script(markdown_text: str, page: Page, config: MkDocsConfig) -> str | None:
    """The page's script, or None when the page has no python block."""
    lines = markdown_text.split("\n")
    blocks = find_python_blocks(lines)
    if not blocks:
        return None
    settings = json.dumps(
        config.mdx_configs.get("pymdownx.snippets", {}), sort_keys=True
    )
    parts = []
    for block in blocks:
        source = expanded(settings, tuple(block.lines)).strip("\n")
        excerpt = EXCERPT_TITLE.search(lines[block.first_line - 1])
        if excerpt:
            module = "steepest." + excerpt["module"].replace("/", ".")
            where = f"{page.file.src_uri}:{block.first_line}"
            source = "\n".join(
                [
                    f"# steepest/{excerpt['module']}.py, shown on the page, is installed:",
                    excerpt_import(source, module, where),
                ]
            )
        parts.append(source)
    body = "\n\n\n".join(parts)
    return "\n".join([*header(page, config, needs_figures(body)), body, ""])


def note(page: Page, config: MkDocsConfig, script: str) -> str:
    """The one line before a page's first block: what its blocks need."""
    # Without the wheel's name, the script is the same text after a package edit.
    figures = needs_figures(without_version(script))
    command = without_version(escape(install_command(config, figures)))
    install = get_relative_url("install/", page.url)
    return (
        '<p class="page-code" data-search-exclude="the same on every page">The blocks '
        f"run in order, as one file or session, after <code>{command}</code> "
        f'(<a href="{install}">Install</a>); '
        f'<a href="{script_name(page)}" download>download this page\'s code</a>.</p>'
    )


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown_text
    script = page_script(markdown_text, page, config)
    if script is None:
        return markdown_text
    SCRIPTS[page.file.src_uri] = script
    page.meta["code_download"] = script_name(page)
    lines = markdown_text.split("\n")
    first = find_python_blocks(lines)[0]
    at = first.first_line - 1
    lines[at:at] = [first.indent + note(page, config, script), ""]
    return "\n".join(lines)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark each excerpt of the package as such, in its title."""

    def mark(match: re.Match[str]) -> str:
        return (
            f'<span class="filename">{match["title"]} '
            '<span class="excerpt">excerpt of the installed package</span></span>'
        )

    return EXCERPT_SPAN.sub(mark, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = with_version(output)
    script = SCRIPTS.pop(page.file.src_uri, None)
    if script is not None:
        target = Path(page.file.abs_dest_path).parent / script_name(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")
    return output
