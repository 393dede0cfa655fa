"""MkDocs hook: a page whose inputs did not change is not rendered from Markdown to HTML
again, under `mkdocs serve` and from one `mkdocs build` to the next.

Each build converts every page's Markdown (about 1 s of a 3-s build). What
`Page.render` makes is a function of what it reads: the page's Markdown (after the hooks'
`on_page_markdown`), its file and URL, the site's files (links are resolved against them),
the Markdown settings (mkdocs.yml as written, the extensions and their options) and the
parts of files its snippets include. Those files are under the snippets' base path (the
build's package snapshot, in a folder named by its digest) and named in the page: the key
has, for each file under the base path whose path the page names, the content of each
section it names (`steepest/functions.py:hessians`), or of the whole file where the page
names it without a section, not the base path itself. A package edit thus renders again
only the pages that include an edited section (included files include nothing
themselves: in this package their `--8<--` lines are section markers). Keyed on all of
that, an earlier result is reused: the HTML, the table of contents, the title, the
anchors, the links to other pages' anchors, and what rendering did besides: the log
records it emitted (a broken link warns again, and fails a strict build again) and the
anchors it registered with mkdocs-autorefs. A page with mkdocstrings blocks
(`::: identifier`) is keyed besides on the sources they can show: each identifier's module
under the handlers' paths (`code/`), the modules it imports from there, transitively, and
their packages' `__init__.py` (every file under the paths if an identifier is not found
there), and the custom templates; its render also keeps what it registered in
mkdocstrings' inventory (objects.inv) and which handlers it used. A package edit thus
renders again the API pages of the edited module and of those importing it. A page with
such blocks whose handlers name no paths is always rendered.

Results are kept in memory for the next build of the same process (`mkdocs serve`), where
the code that renders cannot change, and in the cache folder for the next process, under
the key and the code that renders: the pinned dependencies, the Python version and every
hook's source. They are stored with a checksum; an entry that is unreadable, altered or
partial is rendered again.
"""

import ast
import copy
import functools
import hashlib
import json
import logging
import pickle
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import (
    CACHE_DIR,
    by_name,
    environment,
    files_signature,
    read_checked,
    write_checked,
)

AUTODOC = re.compile(r"^\s*::: ", re.MULTILINE)
AUTODOC_IDENTIFIER = re.compile(r"^\s*::: +(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` set on a page, and what else it did."""

    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: list[logging.LogRecord]
    registered: list[tuple[str, tuple[Any, ...], dict[str, Any]]]
    inventory: list[dict[str, Any]]  # the arguments of mkdocstrings' inventory.register
    handlers: list[str]  # the mkdocstrings handlers the render used


# Stands for the rendered page in what rendering registered with mkdocs-autorefs.
THIS_PAGE = "\0the rendered page\0"


def rendering_code() -> bytes:
    """What renders besides the key's inputs: dependencies, Python and every hook."""
    hooks = sorted(Path(__file__).parent.glob("*.py"))
    return environment().encode() + b"".join(
        hook.name.encode() + b"\0" + hook.read_bytes() for hook in hooks
    )


class Capture(logging.Handler):
    """Collects the records emitted while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record not in self.records:  # seen on two loggers
            self.records.append(record)


def extension_name(extension: object) -> str:
    """A configured extension: its name, or the class of an instance a plugin added
    (mkdocstrings, autorefs: a new one each build, configured from mkdocs.yml)."""
    if isinstance(extension, str):
        return extension
    return f"{type(extension).__module__}.{type(extension).__qualname__}"


def snippet_bases(config: MkDocsConfig) -> list[str]:
    return list(config["mdx_configs"].get("pymdownx.snippets", {}).get("base_path", []))


def snippet_sources(config: MkDocsConfig) -> dict[str, str]:
    """Every file under the snippets' base paths, by its path relative to its base path,
    as pages name it (the first base path that has it wins)."""
    sources: dict[str, str] = {}
    for base in map(Path, snippet_bases(config)):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                text = path.read_text(encoding="utf-8", errors="replace")
                sources.setdefault(path.relative_to(base).as_posix(), text)
    return sources


SNIPPET_LINE = re.compile(r"""--8<--[ \t]+(["'])(?P<target>[^"'\n]+)\1""")


def included_parts(markdown: str, sources: dict[str, str]) -> list[list[str]]:
    """[file, section, SHA-256 of that part] for each part of a file of sources that the
    Markdown's snippet lines (`--8<-- "file:section"`) include: the section's lines, or
    the whole file if included without a section, with lines, or with a section the file
    does not mark. If the Markdown has a snippet marker that is not such a line (the
    block form, say), every file of sources it names is keyed whole."""
    targets = [match["target"] for match in SNIPPET_LINE.finditer(markdown)]
    if markdown.count("--8<--") != len(targets):
        targets = [name for name in sources if name in markdown]
    parts = set()
    for target in targets:
        name, _, section = target.partition(":")
        if name not in sources:
            continue
        text = sources[name]
        start, end = (
            rf"--8<-- \[{edge}:{re.escape(section)}\]" for edge in ("start", "end")
        )
        marked = (
            re.search(rf"{start}\n(.*?){end}", text, re.DOTALL) if section else None
        )
        part = marked[1] if marked else text
        parts.add((name, section, hashlib.sha256(part.encode()).hexdigest()))
    return [list(part) for part in sorted(parts)]


def autodoc_paths(config: MkDocsConfig) -> tuple[list[Path], list[Path]] | None:
    """The folders mkdocstrings reads from, resolved against mkdocs.yml's folder: each
    handler's `paths` (the documented code) and the custom templates. None when a handler
    names no paths: it then reads mkdocs.yml's folder and sys.path, no key covers that.
    (What it finds on sys.path after its paths is installed: the code that renders.)"""
    plugin = config.plugins.get("mkdocstrings")
    if plugin is None:
        return None
    handlers = plugin.config.handlers or {}
    if not handlers or any(not options.get("paths") for options in handlers.values()):
        return None
    base = Path(config.config_file_path).parent
    code = [base / path for options in handlers.values() for path in options["paths"]]
    templates = plugin.config.custom_templates
    return code, [base / templates] if templates else []


def module_file(name: str, folders: list[Path]) -> Path | None:
    """The source of the module or package `name` under the first folder that has it."""
    parts = name.split(".")
    for folder in folders:
        for path in (
            folder.joinpath(*parts).with_suffix(".py"),
            folder.joinpath(*parts, "__init__.py"),
        ):
            if path.is_file():
                return path
    return None


@functools.lru_cache(maxsize=256)
def imported_names(module: str, is_package: bool, source: str) -> frozenset[str]:
    """Every module name the source imports, or may import (`from a import b`: a and
    a.b), relative imports resolved against the module's package."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def documented_files(markdown: str, folders: list[Path]) -> list[Path] | None:
    """The sources an API page's blocks can show: the module of each `::: identifier`
    (the longest dotted prefix that is a module under the folders), every module under
    the folders those import, transitively, and the `__init__.py` of the packages that
    hold them (what those import is not shown); for an identifier that is a package,
    every file of it (its submodules may be listed). None if an identifier names no
    module there."""
    found: dict[str, Path] = {}
    pending = []
    for identifier in AUTODOC_IDENTIFIER.findall(markdown):
        parts = identifier.split(".")
        prefixes = (".".join(parts[:end]) for end in range(len(parts), 0, -1))
        module = next((name for name in prefixes if module_file(name, folders)), None)
        if module is None:
            return None
        pending.append(module)
        if (path := module_file(module, folders)) and path.name == "__init__.py":
            pending.extend(
                ".".join([*module.split("."), *sub.relative_to(path.parent).parts])
                .removesuffix(".py")
                .removesuffix(".__init__")
                for sub in path.parent.rglob("*.py")
            )
    while pending:
        name = pending.pop()
        if name in found or (path := module_file(name, folders)) is None:
            continue
        found[name] = path
        source = path.read_text(encoding="utf-8")
        pending.extend(imported_names(name, path.name == "__init__.py", source))
    parts = {tuple(name.split(".")) for name in found}
    packages = {".".join(name[:end]) for name in parts for end in range(1, len(name))}
    files = set(found.values())
    files.update(path for name in packages if (path := module_file(name, folders)))
    return sorted(files)


def autodoc_digest(markdown: str, config: MkDocsConfig) -> str | None:
    """SHA-256 over what an API page's render reads besides its Markdown: the sources its
    blocks can show (documented_files; every file under the handlers' paths when that
    cannot tell) and every custom template. None: not knowable (autodoc_paths)."""
    paths = autodoc_paths(config)
    if paths is None:
        return None
    code, templates = paths
    shown = documented_files(markdown, code)
    files = [
        path
        for folder in [*templates, *([] if shown is not None else code)]
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]
    digest = hashlib.sha256()
    for path in [*(shown or []), *files]:
        # Named within its folder: the code's folder is the build's package snapshot.
        folder = next(f for f in [*code, *templates] if path.is_relative_to(f))
        name = f"{[*code, *templates].index(folder)}/{path.relative_to(folder)}"
        digest.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


def render_key(
    page: Page,
    config: MkDocsConfig,
    files_digest: str,
    sources: dict[str, str],
    autodoc: str | None = None,
) -> str:
    with open(config.config_file_path, encoding="utf-8") as file:
        configuration = file.read()  # the plugins' settings of the extensions they add
    settings = [
        configuration,
        [extension_name(extension) for extension in config["markdown_extensions"]],
        config["mdx_configs"],
        config["use_directory_urls"],
        config["validation"],
    ]
    markdown = page.markdown or ""
    included = included_parts(markdown, sources)
    read = [
        markdown,
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        settings,
        included,
    ]
    text = json.dumps([read, files_digest, autodoc], sort_keys=True, default=by_name)
    for index, base in enumerate(snippet_bases(config)):  # keyed by content instead
        text = text.replace(
            json.dumps(str(base))[1:-1], f"<snippets base path {index}>"
        )
    return hashlib.sha256(text.encode()).hexdigest()


class KeptRenders:
    """The renders of the previous build of this process, and this build's."""

    def __init__(self, folder: Path | None = None) -> None:
        self.previous: dict[str, Rendered] = {}
        self.current: dict[str, Rendered] = {}
        self.files_digest: tuple[int, str] | None = None
        self.sources: dict[str, str] | None = None
        self.folder = folder  # where renders are stored for the next process, if any
        self.code = hashlib.sha256(rendering_code()).digest() if folder else b""

    def stored_path(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        return (
            self.folder
            / f"{hashlib.sha256(self.code + key.encode()).hexdigest()}.pickle"
        )

    def load(self, key: str) -> Rendered | None:
        """A render stored by an earlier process, if it is intact."""
        path = self.stored_path(key)
        if path is None or (data := read_checked(path)) is None:
            return None
        try:
            return Rendered(*pickle.loads(data))
        except Exception:  # unreadable however it got there: rendered again
            path.unlink(missing_ok=True)
            return None

    def store(self, key: str, kept: Rendered) -> None:
        path = self.stored_path(key)
        if path is None:
            return
        try:
            data = pickle.dumps([getattr(kept, f.name) for f in fields(Rendered)])
        except Exception:  # a log record that cannot be stored: kept in memory only
            return
        write_checked(path, data)

    def start_build(self) -> None:
        if self.current:
            self.previous = self.current
        self.current = {}
        self.files_digest = None
        self.sources = None

    def digest_of(self, files: Files) -> str:
        if self.files_digest is None or self.files_digest[0] != id(files):
            self.files_digest = (id(files), files_signature(files))
        return self.files_digest[1]

    def render(
        self, render: Any, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        """page.render(config, files), or its kept result when the key is known."""
        if page.markdown is None:
            render(page, config, files)
            return
        autodoc = None
        if AUTODOC.search(page.markdown):
            if (autodoc := autodoc_digest(page.markdown, config)) is None:
                render(page, config, files)
                return
        if self.sources is None:
            self.sources = snippet_sources(config)
        key = render_key(page, config, self.digest_of(files), self.sources, autodoc)
        autorefs = config.plugins.get("autorefs")
        plugin = config.plugins.get("mkdocstrings")
        handlers = None if plugin is None else plugin.handlers
        kept = self.previous.get(key) or self.current.get(key) or self.load(key)
        if kept is None:
            kept = self.record(render, page, config, files, autorefs, handlers)
            self.store(key, kept)
        else:
            self.restore(kept, page, files, autorefs, handlers)
        self.current[key] = kept

    def record(
        self,
        render: Any,
        page: Page,
        config: MkDocsConfig,
        files: Files,
        autorefs: Any,
        handlers: Any,
    ) -> Rendered:
        capture = Capture()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
        registered: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        inventory: list[dict[str, Any]] = []
        used: list[str] = []
        if handlers is not None:
            register_item, get_handler = (
                handlers.inventory.register,
                handlers.get_handler,
            )

            def recording_item(**kwargs: Any) -> Any:
                inventory.append(kwargs)
                return register_item(**kwargs)

            def recording_handler(name: str, *args: Any, **kwargs: Any) -> Any:
                used.append(name)
                return get_handler(name, *args, **kwargs)

            handlers.inventory.register = recording_item
            handlers.get_handler = recording_handler
        originals = {}
        if autorefs is not None:
            for name in ("register_anchor", "register_url"):
                original = getattr(autorefs, name)
                originals[name] = original

                def recording(
                    *args: Any, _name: str = name, _to: Any = original, **kwargs: Any
                ) -> Any:
                    stored = tuple(
                        THIS_PAGE if isinstance(arg, Page) else arg for arg in args
                    )
                    registered.append((_name, stored, kwargs))
                    return _to(*args, **kwargs)

                setattr(autorefs, name, recording)
        for logger in loggers:
            logger.addHandler(capture)
        try:
            render(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
            for name, original in originals.items():
                setattr(autorefs, name, original)
            if handlers is not None:  # the instance attributes go: the methods are back
                del handlers.inventory.register, handlers.get_handler
        links = page.links_to_anchors
        return Rendered(
            content=page.content or "",
            toc=copy.deepcopy(page.toc),
            title=page._title_from_render,
            present_anchor_ids=set(page.present_anchor_ids or ()),
            links_to_anchors=None
            if links is None
            else {file.src_uri: dict(anchors) for file, anchors in links.items()},
            records=capture.records,
            registered=registered,
            inventory=inventory,
            handlers=sorted(set(used)),
        )

    def restore(
        self, kept: Rendered, page: Page, files: Files, autorefs: Any, handlers: Any
    ) -> None:
        page.content = kept.content
        page.toc = copy.deepcopy(kept.toc)
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.present_anchor_ids or ())
        if kept.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(anchors)
                for uri, anchors in kept.links_to_anchors.items()
            }
        for record in kept.records:
            logging.getLogger(record.name).handle(record)
        for name, args, kwargs in kept.registered:
            # Registered for this build's page object, not the one the render was kept from.
            arguments = (page if arg == THIS_PAGE else arg for arg in args)
            getattr(autorefs, name)(*arguments, **kwargs)
        if handlers is not None:
            for name in kept.handlers:  # seen: their CSS and objects.inv are written
                handlers.get_handler(name)
            for item in kept.inventory:
                handlers.inventory.register(**item)


KEPT = KeptRenders(CACHE_DIR / "renders")


def on_startup(command: str, dirty: bool) -> None:
    """Pages render through KEPT."""
    if getattr(Page.render, "kept", False):
        return
    render = Page.render

    def kept_render(page: Page, config: MkDocsConfig, files: Files) -> None:
        KEPT.render(render, page, config, files)

    kept_render.kept = True  # type: ignore[attr-defined]
    Page.render = kept_render  # type: ignore[method-assign]


def on_pre_build(config: MkDocsConfig) -> None:
    KEPT.start_build()
