"""MkDocs hook: run every ```python block of a Markdown page and show what it prints.

The blocks of one page run in order in one namespace, with pymdownx.snippets includes
expanded exactly as the page will show them (example_runner.py). Whatever a block prints
is inserted right after it as an "Output" block (class `output`), so no printed result on
the site is typed by hand. A block that raises stops the build with the page, line and
traceback. Blocks run with no standard input (`input()` raises EOFError) and each may run
for STEEPEST_TIMEOUT seconds (120 unless set): one that runs longer stops the build, named.
Outputs are cached (build_cache.py): editing prose runs nothing again.

A page's blocks run in a worker process of the build (workers.py), queued as the build
starts (on_files, before the notebooks and figures), so that they run on one core while
the main thread reads the other pages on the other: the pages whose examples are still
running are read last (on_nav), and each waits for its examples. Under `mkdocs serve`, a
package edit that changes one page's output thus runs its examples while the rest of the
site is read. The files are put back in their order before any page is written (on_env).
"""

import functools
import json
import logging
import os
import re
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

import example_runner
import workers
from build_cache import SNAPSHOTS, Cache, is_list_of

CACHE = Cache("examples", code=[__file__, example_runner.__file__, workers.__file__])
LOG = logging.getLogger("mkdocs.hooks.examples")
TIMEOUT = float(os.environ.get("STEEPEST_TIMEOUT", "120"))  # seconds, per block
# Each page's examples as on_files read them, for on_page_markdown: source path -> (the
# Markdown read, its examples, their cached outputs or the outputs to come).
QUEUED: dict[str, tuple[str, "Examples", list[str] | Future[list[str]]]] = {}
ORDER: list[File] = []  # the files in their order, while on_nav's order holds

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


@functools.lru_cache(maxsize=8)
def snippets(settings: str) -> Any:
    """pymdownx.snippets' preprocessor under the settings (JSON), made once per process."""
    return snippet_expander(json.loads(settings)).preprocessors["snippet"]


def expand(settings: str, lines: tuple[str, ...]) -> str:
    """A block's lines with their snippets expanded, under the snippets' settings."""
    return "\n".join(snippets(settings).run(list(lines)))


# Once per process (`mkdocs serve`): only for base paths that are package snapshots, whose
# files never change (a snapshot's folder is named by its content).
kept_expansion = functools.lru_cache(maxsize=1024)(expand)


def expanded(settings: str, lines: tuple[str, ...]) -> str:
    """expand, kept from an earlier build when the base paths are package snapshots."""
    bases = json.loads(settings).get("base_path", [])
    if bases and all(Path(base).parent == SNAPSHOTS for base in bases):
        return kept_expansion(settings, lines)
    return expand(settings, lines)


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


@dataclass(frozen=True)
class Examples:
    """A page's python blocks, their sources with snippets expanded, and their key."""

    blocks: list[CodeBlock]
    sources: list[str]
    key: str

    def run(self, page_path: str) -> Future[list[str]]:
        """Queue the blocks to run in a worker process."""
        LOG.info("running the examples of %s", page_path)
        first_lines = [block.first_line for block in self.blocks]
        run = example_runner.run_blocks
        return workers.in_process(run, self.sources, page_path, first_lines, TIMEOUT)


def page_examples(markdown_text: str, config: MkDocsConfig) -> Examples | None:
    """The page's examples, or None when it has no python block."""
    blocks = find_python_blocks(markdown_text.split("\n"))
    if not blocks:
        return None
    settings = json.dumps(
        config.mdx_configs.get("pymdownx.snippets", {}), sort_keys=True
    )
    sources = [expanded(settings, tuple(block.lines)) for block in blocks]
    return Examples(blocks, sources, CACHE.key([], python=sources))  # block by block


def cached_outputs(examples: Examples) -> list[str] | None:
    def valid(value: object) -> bool:
        return is_list_of(str, value, len(examples.sources))

    return CACHE.get(examples.key, valid)


@event_priority(50)  # before notebooks and figures are queued: pages wait for these
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read every page's examples; queue those whose outputs are not cached."""
    QUEUED.clear()
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        markdown_text, _meta = get_data(file.content_string)  # as the page reads it
        examples = page_examples(markdown_text, config)
        if examples is not None:
            outputs = cached_outputs(examples)
            if outputs is None:
                outputs = examples.run(file.src_uri)
            QUEUED[file.src_uri] = (markdown_text, examples, outputs)
    return files


def still_running(file: File) -> bool:
    """Whether the page's examples are queued or running."""
    outputs = QUEUED[file.src_uri][2] if file.src_uri in QUEUED else None
    return isinstance(outputs, Future) and not outputs.done()


# The last on_nav: MkDocs reads the pages in the files' order next.
@event_priority(-100)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Move the pages whose examples are still running to the end of the files, so that
    the other pages are read meanwhile (only read: on_env restores the order)."""
    running = [file for file in files.documentation_pages() if still_running(file)]
    if running:
        ORDER[:] = files
    for file in running:
        files.remove(file)
        files.append(file)
    return nav


@event_priority(100)  # the first on_env: every page is read, none is written yet
def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    """Put the files back in their order, if on_nav moved any (files added since come
    after them)."""
    if ORDER:
        position = {id(file): index for index, file in enumerate(ORDER)}
        present = sorted(files, key=lambda file: position.get(id(file), len(ORDER)))
        for file in present:
            files.remove(file)
        for file in present:
            files.append(file)
        ORDER.clear()
    return env


def outputs_of(future: Future[list[str]], page_path: str) -> list[str]:
    try:
        return future.result()
    except example_runner.BlockFailed as failure:
        raise PluginError(str(failure)) from None
    except Exception as error:  # the worker process died
        raise PluginError(
            f"the python blocks of {page_path} stopped their worker process: {error!r}"
        ) from None


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown_text
    read, examples, outputs = QUEUED.pop(page.file.src_uri, (None, None, None))
    if read != markdown_text:  # a hook changed the Markdown since on_files read it
        queued = examples
        examples = page_examples(markdown_text, config)
        if examples is None:
            return markdown_text
        if queued is None or queued.key != examples.key:  # the python is another
            if isinstance(outputs, Future):
                outputs.cancel()
            outputs = cached_outputs(examples)
            if outputs is None:
                outputs = examples.run(page.file.src_uri)
    assert examples is not None and outputs is not None
    if isinstance(outputs, Future):
        outputs = outputs_of(outputs, page.file.src_uri)
        CACHE.put(examples.key, outputs)
    lines = markdown_text.split("\n")
    for block, printed in reversed(list(zip(examples.blocks, outputs, strict=True))):
        if printed:
            lines[block.closing_line + 1 : block.closing_line + 1] = output_block(
                block.indent, printed
            )
    return "\n".join(lines)


@event_priority(-100)  # after figures.py has waited for its drawings
def on_post_build(config: MkDocsConfig) -> None:
    end_workers()


def on_build_error(error: Exception) -> None:
    end_workers()


def end_workers() -> None:
    """Drop the examples of pages that were not built; end the worker processes, which
    imported this build's snapshot of the package."""
    ORDER.clear()
    for _read, _examples, outputs in QUEUED.values():
        if isinstance(outputs, Future):
            outputs.cancel()
    QUEUED.clear()
    workers.stop_processes()
