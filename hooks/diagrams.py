"""MkDocs hook: every ```mermaid diagram is parsed by the site's own Mermaid at build time.

The browser draws the diagrams (docs/javascripts/diagrams.mjs); a diagram Mermaid cannot
parse would otherwise be published and only show as an error on the page. Here every
diagram of every page is collected as the pages are read, and parsed in one Node.js
process (hooks/mermaid_parse.mjs) before any page is written: a parse error stops the
build with the page, the diagram's line and Mermaid's own message. The results are cached
on the diagrams' sources, this hook, the parser and the Mermaid version.
"""

import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import ROOT, Cache, is_list_of

PARSER = Path(__file__).with_name("mermaid_parse.mjs")
MERMAID = ROOT / "node_modules" / "mermaid" / "package.json"
CACHE = Cache("diagrams", code=[__file__, PARSER, MERMAID])
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid[ \t]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.DOTALL | re.MULTILINE,
)
# (page source path, line, diagram source) of this build, in the order pages were read
DIAGRAMS: list[tuple[str, int, str]] = []


def on_pre_build(config: MkDocsConfig) -> None:
    DIAGRAMS.clear()


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if "mermaid" not in markdown_text:  # a plain search, much faster than FENCE's
        return markdown_text
    for match in FENCE.finditer(markdown_text):
        line = markdown_text.count("\n", 0, match.start()) + 1
        body = "\n".join(
            text.removeprefix(match["indent"]) for text in match["body"].split("\n")
        )
        DIAGRAMS.append((page.file.src_uri, line, body))
    return markdown_text


def parse(sources: list[str]) -> list[str | None]:
    """Mermaid's error message for each source, or None where it parses."""
    result = subprocess.run(
        ["node", str(PARSER)],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(
            f"parsing the diagrams (node {PARSER.name}) failed:\n{result.stderr}"
        )
    return json.loads(result.stdout)


def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    """After every page is read, before any is written: parse all diagrams at once
    (in the order of their pages and lines, whatever the order the pages were read in)."""
    DIAGRAMS.sort()
    sources = [source for _page, _line, source in DIAGRAMS]
    key = CACHE.key(sources)
    errors = CACHE.get(
        key, lambda value: is_list_of((str, type(None)), value, len(sources))
    )
    if errors is None:
        errors = parse(sources)
        CACHE.put(key, errors)
    failures = [
        f"{page}:{line}: Mermaid cannot parse this diagram:\n{error}"
        for (page, line, _source), error in zip(DIAGRAMS, errors, strict=True)
        if error is not None
    ]
    if failures:
        raise PluginError("\n".join(failures))
    return env
