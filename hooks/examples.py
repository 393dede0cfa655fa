"""MkDocs hook: run every ```python block of a Markdown page and show what it prints.

The blocks of one page run in order in one namespace, with pymdownx.snippets includes
expanded exactly as the page will show them. Whatever a block prints is inserted right
after it as an "Output" block (class `output`), so no printed result on the site is
typed by hand. A block that raises stops the build with the page, line and traceback.
Blocks run with no standard input (`input()` raises EOFError) and each may run for
STEEPEST_TIMEOUT seconds (120 unless set): one that runs longer stops the build, named.
Outputs are cached (build_cache.py): editing prose runs nothing again.
"""

import contextlib
import io
import logging
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import Cache, is_list_of

CACHE = Cache("examples", code=[__file__])
LOG = logging.getLogger("mkdocs.hooks.examples")
TIMEOUT = float(os.environ.get("STEEPEST_TIMEOUT", "120"))  # seconds, per block

FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?:\{[ \t]*\.)?python\b"
)


@dataclass(frozen=True)
class CodeBlock:
    """A fenced python block: its source lines and where its closing fence is."""

    indent: str
    lines: list[str]
    first_line: int  # 1-based line of the opening fence
    closing_line: int  # 0-based index of the closing fence


def find_python_blocks(lines: list[str]) -> list[CodeBlock]:
    """Fenced blocks whose language is python, in page order."""
    blocks = []
    index = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(
            rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
        )
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            raise PluginError(f"line {index + 1}: python block is never closed")
        body = [line.removeprefix(indent) for line in lines[index + 1 : end]]
        blocks.append(CodeBlock(indent, body, index + 1, end))
        index = end + 1
    return blocks


def snippet_expander(settings: dict) -> markdown.Markdown:
    """A Markdown instance with only pymdownx.snippets, with its settings (the site's:
    mkdocs.yml's, the base path set to the build's package snapshot)."""
    return markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": settings},
    )


class BlockTimeout(BaseException):  # not an Exception: the block cannot catch it
    """A block ran longer than TIMEOUT seconds."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the code inside after `seconds` (a timer signal: main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BlockTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def no_standard_input() -> Iterator[None]:
    """An empty standard input: `input()` raises EOFError instead of waiting."""
    previous = sys.stdin
    sys.stdin = io.StringIO()
    try:
        yield
    finally:
        sys.stdin = previous


def run_blocks(sources: list[str], page_path: str, first_lines: list[int]) -> list[str]:
    """Execute the sources in order in one namespace; return what each printed."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = []
    for source, first_line in zip(sources, first_lines, strict=True):
        printed = io.StringIO()
        where = f"{page_path}:{first_line}"
        try:
            code = compile(source, where, "exec")
            with (
                contextlib.redirect_stdout(printed),
                no_standard_input(),
                time_limit(TIMEOUT),
            ):
                exec(code, namespace)
        except BlockTimeout:
            raise PluginError(
                f"the python block at {where} ran longer than {TIMEOUT:g} s "
                "(STEEPEST_TIMEOUT) and was stopped: does it loop forever?"
            ) from None
        except Exception as error:
            details = "".join(traceback.format_exception(error))
            if isinstance(error, EOFError):
                details += "(page examples run with no standard input)\n"
            raise PluginError(
                f"the python block at {where} raised:\n{details}"
            ) from error
        outputs.append(printed.getvalue())
    return outputs


def output_block(indent: str, text: str) -> list[str]:
    """An "Output" fence holding text, long enough not to be closed by the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = [f"{indent}{line}" if line else "" for line in text.rstrip("\n").split("\n")]
    return [
        "",
        f'{indent}{fence} {{ .text .output title="Output" }}',
        *body,
        f"{indent}{fence}",
    ]


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown_text
    lines = markdown_text.split("\n")
    blocks = find_python_blocks(lines)
    if not blocks:
        return markdown_text
    expander = snippet_expander(config.mdx_configs.get("pymdownx.snippets", {}))
    sources = [
        "\n".join(expander.preprocessors["snippet"].run(list(block.lines)))
        for block in blocks
    ]
    key = CACHE.key([], python=sources)  # keyed block by block
    outputs = CACHE.get(key, lambda value: is_list_of(str, value, len(sources)))
    if outputs is None:
        LOG.info("running the examples of %s", page.file.src_uri)
        first_lines = [block.first_line for block in blocks]
        outputs = run_blocks(sources, page.file.src_uri, first_lines)
        CACHE.put(key, outputs)
    for block, printed in reversed(list(zip(blocks, outputs, strict=True))):
        if printed:
            lines[block.closing_line + 1 : block.closing_line + 1] = output_block(
                block.indent, printed
            )
    return "\n".join(lines)
