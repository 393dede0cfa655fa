"""MkDocs hook: every snippet section a page includes is well delimited, or the build stops.

pymdownx.snippets includes a named section (`--8<-- "steepest/optimizers.py:name"`) as the
lines between `# --8<-- [start:name]` and `# --8<-- [end:name]`. A misspelled end marker
would silently include the rest of the file, and a section delimited twice would include
both. So each file of the package, and each file a page includes a section of, must have
for every name exactly one start marker followed by exactly one end marker; and a section
a page includes must exist. A failure names the file and line (and the including page).
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.snippets import SnippetPreprocessor

import build_cache

MARKER = SnippetPreprocessor.RE_SNIPPET_SECTION  # the extension's own definition
INCLUDE = SnippetPreprocessor.RE_ALL_SNIPPETS


def shown_path(path: Path) -> str:
    """A file's path as the author knows it: code/…, not the build's snapshot of it."""
    folder = build_cache.snapshot().folder
    if path.is_relative_to(folder):
        return f"code/{path.relative_to(folder).as_posix()}"
    if path.is_relative_to(build_cache.ROOT):
        return path.relative_to(build_cache.ROOT).as_posix()
    return str(path)


def sections(path: Path) -> dict[str, tuple[int, int]]:
    """Each section of the file: its start and end marker lines (1-based).

    Raises PluginError naming the file and line of every marker without its partner,
    and of every name delimited more than once.
    """
    where = shown_path(path)
    starts: dict[str, int] = {}
    found: dict[str, tuple[int, int]] = {}
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line) if "8<-" in line else None
        if match is None or match["escape"]:
            continue
        name, kind = match["name"], match["type"].lower()
        if name in found:
            first, last = found[name]
            problems.append(
                f"{where}:{number}: a second [{kind}:{name}] marker (the section "
                f"{name} is delimited at lines {first}-{last})"
            )
        elif kind == "start" and name in starts:
            problems.append(
                f"{where}:{number}: a second [start:{name}] (the first is at line "
                f"{starts[name]}) before its [end:{name}]"
            )
        elif kind == "start":
            starts[name] = number
        elif name in starts:
            found[name] = (starts.pop(name), number)
        else:
            problems.append(f"{where}:{number}: [end:{name}] with no [start:{name}]")
    problems.extend(
        f"{where}:{number}: [start:{name}] has no [end:{name}] after it "
        "(is the end marker misspelled?)"
        for name, number in starts.items()
    )
    if problems:
        raise PluginError(
            "snippet markers:\n" + "\n".join(sorted(problems, key=line_of))
        )
    return found


def line_of(problem: str) -> int:
    return int(problem.split(":")[1])


def base_paths(config: MkDocsConfig) -> list[Path]:
    settings = config.mdx_configs.get("pymdownx.snippets", {})
    return [Path(path).resolve() for path in settings.get("base_path", ["."])]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check every file of the package, included or not yet."""
    for name in build_cache.snapshot().files:
        if name.endswith(".py"):
            sections(build_cache.snapshot().folder / name)
    return files


@event_priority(50)  # before the examples hook expands the includes to run them
def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    for number, line in enumerate(markdown_text.split("\n"), start=1):
        match = INCLUDE.match(line) if "8<-" in line else None
        if match is None or match["escape"] or not match["snippet"]:
            continue
        target, _, name = match["snippet"][1:-1].strip().rpartition(":")
        if not target or not name[:1].isalpha():
            continue  # a whole file, or line ranges: nothing to delimit
        path = next(
            (base / target for base in base_paths(config) if (base / target).is_file()),
            None,
        )
        if path is None:
            continue  # pymdownx.snippets reports a missing file (check_paths)
        try:
            found = sections(path)
        except PluginError as error:
            where = f"{page.file.src_uri}:{number}"
            raise PluginError(f"{error}\n(included by {where})") from error
        if name not in found:
            raise PluginError(
                f"{page.file.src_uri}:{number}: {shown_path(path)} has no section "
                f"{name} (no [start:{name}] ... [end:{name}] markers)"
            )
    return markdown_text
