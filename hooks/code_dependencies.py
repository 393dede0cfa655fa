"""The parts of the package a piece of Python can run, found by reading it, not running it.

A cached example (build_cache.py) is keyed on its own source and on these parts, so that
editing one function re-runs the examples that reach that function and nothing else:

- the module-level code of every `steepest` module the source imports, directly or through
  other modules, since importing runs it: each top-level statement, with the bodies of
  functions and classes left out (their decorators, signatures and bases stay);
- the whole statement of every top-level function, class or assignment the source reaches:
  each name it imports or uses, then each name used inside what was reached, followed
  through imports, transitively. Names used by module-level code that is not a definition
  (a loop filling a registry, an expression), and names called at import time (a
  decorator, a constant computed by a function), are reached whenever their module is
  imported, and so is a definition with one of the package's decorators (it may register
  itself).

Where reading cannot tell, the whole module counts: a module used as a value (`import
steepest.functions as f` and `f` passed around, or imported and never used), a name the
module does not define (a star import, `__getattr__`), or a file that does not parse.
"""

import ast
import copy
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
ASSIGNMENTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)
IMPORTS = (ast.Import, ast.ImportFrom)


@dataclass(frozen=True)
class Module:
    """One parsed module: what its top level binds, imports and runs."""

    bindings: dict[str, list[ast.stmt]]  # name -> the statements that bind it
    imports: dict[str, tuple[str, str | None]]  # alias -> (module, name or None)
    module_code: str  # the top level, definition bodies left out
    roots: list[tuple[str, ...]]  # names used when the module is imported
    decorated: dict[
        str, list[str]
    ]  # a definition -> the names its decorators start with
    parsed: bool = True


@dataclass
class Reached:
    """What a source reaches: a text per part, keyed by (module, part); and what was read
    to find it: the modules consulted, by source, and each definition's text and uses."""

    parts: dict[tuple[str, str], str] = field(default_factory=dict)
    pending: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    followed: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)
    consulted: dict[str, str] = field(default_factory=dict)
    definitions: dict[tuple[str, str], tuple[str, tuple[tuple[str, ...], ...]]] = field(
        default_factory=dict
    )


def dotted_uses(tree: ast.AST) -> Iterator[tuple[str, ...]]:
    """Every name the tree loads, with the attributes read from it: `a.b.c` -> (a, b, c)."""
    inner: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            chain: list[str] = []
            value: ast.expr = node
            while isinstance(value, ast.Attribute):
                inner.add(id(value))
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name):
                inner.add(id(value))
                yield (value.id, *reversed(chain))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in inner:
            yield (node.id,)


def called(tree: ast.AST) -> Iterator[tuple[str, ...]]:
    """The names called in the tree, decorators included."""
    for node in ast.walk(tree):
        functions: list[ast.expr] = []
        if isinstance(node, ast.Call):
            functions.append(node.func)
        if isinstance(node, DEFINITIONS):
            functions.extend(node.decorator_list)
        for function in functions:
            yield from dotted_uses(function)


def header(statement: ast.stmt) -> ast.stmt:
    """A definition without its body (decorators, signature and bases stay)."""
    if not isinstance(statement, DEFINITIONS):
        return statement
    head = copy.copy(statement)  # the statement itself keeps its body
    head.body = [ast.Expr(ast.Constant(...))]
    return head


def import_map(tree: ast.AST) -> dict[str, tuple[str, str | None]]:
    """alias -> (module, name), or (module, None) where the alias is the module itself,
    for every import in the tree (at the top level or inside a function)."""
    found: dict[str, tuple[str, str | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = (alias.name, None)
                else:  # `import a.b` binds a
                    found[alias.name.split(".")[0]] = (alias.name.split(".")[0], None)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                found[alias.asname or alias.name] = (node.module, alias.name)
    return found


# Under `mkdocs serve`, a module is parsed again only when its source changed. An entry
# keeps the module's syntax tree, and every package edit adds one: room for each of the
# package's modules (28 files) and the last versions of those edited, so that memory
# stops growing after a few dozen package edits (256 entries let it grow for hundreds).
@functools.lru_cache(maxsize=64)
def parse_module(source: str) -> Module:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return Module({}, {}, source, [], {}, parsed=False)
    bindings: dict[str, list[ast.stmt]] = {}
    roots: list[tuple[str, ...]] = []
    decorated: dict[str, list[str]] = {}
    top_level_code = []
    for statement in tree.body:
        if isinstance(statement, DEFINITIONS):
            bindings.setdefault(statement.name, []).append(statement)
            roots.extend(called(header(statement)))
            decorated[statement.name] = [
                use[0]
                for decorator in statement.decorator_list
                for use in dotted_uses(decorator)
            ]
        elif isinstance(statement, ASSIGNMENTS):
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
            )
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        bindings.setdefault(name.id, []).append(statement)
            roots.extend(called(statement))
        elif not isinstance(statement, IMPORTS) and not is_docstring(statement):
            roots.extend(dotted_uses(statement))
        if not is_docstring(statement):
            top_level_code.append(ast.unparse(header(statement)))
    imports = import_map(tree)
    return Module(bindings, imports, "\n".join(top_level_code), roots, decorated)


@functools.lru_cache(maxsize=4096)  # a module's source and a name it binds: the same
def read_definition(  # text and uses in every snapshot where that module is unchanged
    source: str, name: str
) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The text of the statements binding a name, and the names they use."""
    statements = parse_module(source).bindings[name]
    text = "\n".join(ast.unparse(statement) for statement in statements)
    uses = (use for statement in statements for use in dotted_uses(statement))
    return text, tuple(uses)


@functools.lru_cache(maxsize=256)
def outline(source: str) -> tuple[object, ...]:
    """Everything of a parsed module that finding what a source reaches reads, except
    the definitions' own text and uses (read_definition): two sources with the same
    outline lead the search the same way wherever it reads no definition of theirs."""
    module = parse_module(source)
    return (
        tuple(module.bindings),
        tuple(module.imports.items()),
        module.module_code,
        tuple(module.roots),
        tuple((name, tuple(firsts)) for name, firsts in module.decorated.items()),
        module.parsed,
    )


def is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


# What reads a docstring, or could (IPython's `name?` runs the pinfo magic; NumPy's
# info, lookfor and source print them): Python that names one of these, even in a
# comment, keeps the docstrings of what it reaches in its key.
DOCSTRING_READERS = re.compile(
    r"__doc__|inspect|getdoc|getsource|getcomments|pydoc|doctest|pinfo|lookfor"
    r"|\b(?:help|info|source)\b"
)


def docstrings_count(python: str, package: "Package") -> bool:
    """Whether docstrings are part of a cache key: when the Python, or any module of the
    package, names a reader of docstrings (DOCSTRING_READERS). Otherwise a docstring
    changes nothing the Python prints or draws, and keys leave docstrings out (of the
    Python and of what it reaches: without_docstrings)."""
    return DOCSTRING_READERS.search(python) is not None or package.reads_docstrings


@functools.lru_cache(maxsize=4096)
def without_docstrings(text: str) -> str:
    """The text with each docstring (of the module, a class, a function) emptied; the
    text as it is if it does not parse."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    data = text.encode()  # the tree's column offsets count UTF-8 bytes
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    for node in ast.walk(tree):
        owners = (ast.Module, *DEFINITIONS)
        if isinstance(node, owners) and node.body and is_docstring(node.body[0]):
            value = node.body[0]
            if isinstance(value.value.value, str) and value.end_lineno is not None:
                start = starts[value.lineno - 1] + value.col_offset
                end = starts[value.end_lineno - 1] + (value.end_col_offset or 0)
                spans.append((start, end))
    for start, end in sorted(spans, reverse=True):
        data = data[:start] + b'""' + data[end:]
    return data.decode()


@dataclass(frozen=True)
class Source:
    """What a piece of Python imports and uses (read once for each text)."""

    imports: dict[str, tuple[str, str | None]]  # alias -> (module, name or None)
    uses: tuple[tuple[str, ...], ...]  # dotted_uses
    imported: tuple[tuple[str | None, str, str], ...]  # (from module, name, bound as)


@functools.lru_cache(maxsize=1024)
def read_source(source: str) -> Source | None:
    """The source's imports and uses; None when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    imported: list[tuple[str | None, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:  # `import a.b` binds a
                bound = alias.asname or alias.name.split(".")[0]
                imported.append((None, alias.name, bound))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                imported.append((node.module, alias.name, alias.asname or alias.name))
    return Source(import_map(tree), tuple(dotted_uses(tree)), tuple(imported))


class Package:
    """The modules of a package, by dotted name, from their sources."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources  # "steepest.functions" -> source
        self.modules: Callable[[str], Module] = functools.cache(
            lambda name: parse_module(self.sources[name])
        )

    @functools.cached_property
    def reads_docstrings(self) -> bool:
        """Whether a module names a reader of docstrings (DOCSTRING_READERS)."""
        return any(map(DOCSTRING_READERS.search, self.sources.values()))

    def reached(self, source: str) -> dict[tuple[str, str], str]:
        """(module, part) -> text, for every part of the package the source can run.

        A part is a top-level name, "<module code>" or "<whole module>". Found once per
        source and package; a later package (under `mkdocs serve`, the next snapshot)
        takes what was found for the source if the search would go the same way in it
        (FOUND, still_found).
        """
        names = frozenset(self.sources)
        earlier = FOUND.get(source)
        if earlier is not None and self.still_found(names, earlier):
            return dict(earlier[1].parts)
        reached = self.search(source)
        FOUND.pop(source, None)  # the newest last: the oldest is dropped first
        FOUND[source] = (names, reached)
        if len(FOUND) > FOUND_LIMIT:
            del FOUND[next(iter(FOUND))]
        return dict(reached.parts)

    def still_found(
        self, names: frozenset[str], earlier: tuple[frozenset[str], Reached]
    ) -> bool:
        """Whether a search made in another package reads the same here: the same
        modules, each module it consulted with the same outline, each definition it
        read with the same text and uses. The search depends on nothing else."""
        earlier_names, found = earlier
        if names != earlier_names:
            return False
        for name, source in found.consulted.items():
            now = self.sources[name]
            if now != source and outline(now) != outline(source):
                return False
        return all(
            read_definition(self.sources[where], name) == read
            for (where, name), read in found.definitions.items()
        ) and all(
            text == self.sources[where]
            for (where, part), text in found.parts.items()
            if part == "<whole module>"
        )

    def module(self, name: str, reached: Reached) -> Module:
        """A module of the package, noted as consulted by the search."""
        reached.consulted[name] = self.sources[name]
        return self.modules(name)

    def search(self, source: str) -> Reached:
        """Find what the source reaches (reached), noting what the search read."""
        reached = Reached()
        read = read_source(source)
        if read is None:  # unreadable: any module may be used
            for name in self.sources:
                self.whole(name, reached)
            return reached
        example = Module({}, read.imports, "", [], {})
        uses = list(read.uses)
        used = {use[0] for use in uses}
        for module, name, bound in read.imported:
            if module is None:  # `import name`
                self.imported(name, reached)
                if bound not in used:
                    self.whole(name, reached)  # imported, never used
            elif sub := self.submodule(module, name):
                self.imported(sub, reached)
                if bound not in used:
                    self.whole(sub, reached)
            elif name == "*":
                self.whole(module, reached)
            else:  # an imported name is reached, used or not
                uses.append((bound,))
        reached.pending.extend(("", use) for use in uses)
        while reached.pending:
            where, use = reached.pending.pop()
            if (where, use) in reached.followed:
                continue
            reached.followed.add((where, use))
            self.resolve(
                where,
                example if where == "" else self.module(where, reached),
                use,
                reached,
            )
        return reached

    def submodule(self, package: str, name: str | None) -> str | None:
        return f"{package}.{name}" if f"{package}.{name}" in self.sources else None

    def resolve(
        self, where: str, module: Module, use: tuple[str, ...], reached: Reached
    ) -> None:
        """Follow one use, (name, attribute, ...), of a name in module `where`."""
        first = use[0]
        if first in module.imports:
            target, name = module.imports[first]
            path = use[1:] if name is None else (name, *use[1:])
            self.attribute(target, path, reached)
        elif first in module.bindings and where:
            self.definition(where, first, reached)

    def attribute(self, target: str, path: tuple[str, ...], reached: Reached) -> None:
        """Follow `target.path[0].path[1]...`, target a module; no path: the module as a
        value."""
        if target not in self.sources:
            return
        self.imported(target, reached)
        if not path:  # the module as a value
            self.whole(target, reached)
        elif sub := self.submodule(target, path[0]):
            self.attribute(sub, path[1:], reached)
        elif path[0] in self.module(target, reached).bindings:
            self.definition(target, path[0], reached)
        elif path[0] in self.module(target, reached).imports:
            self.resolve(target, self.module(target, reached), path, reached)
        else:  # not defined there, as far as reading tells
            self.whole(target, reached)

    def imported(self, name: str, reached: Reached) -> None:
        """Importing a module runs its top level, and first its packages' (a.b runs a)."""
        parts = name.split(".")
        for prefix in (".".join(parts[:i]) for i in range(1, len(parts) + 1)):
            if prefix not in self.sources or (prefix, "<module code>") in reached.parts:
                continue
            module = self.module(prefix, reached)
            reached.parts[prefix, "<module code>"] = module.module_code
            if not module.parsed:
                self.whole(prefix, reached)
            for target, imported_name in module.imports.values():
                self.imported(self.submodule(target, imported_name) or target, reached)
            reached.pending.extend((prefix, use) for use in module.roots)
            for name, decorators in module.decorated.items():
                if any(self.in_package(module, first) for first in decorators):
                    reached.pending.append((prefix, (name,)))  # it may register name

    def in_package(self, module: Module, name: str) -> bool:
        """Whether a name of the module is the package's: defined or imported from it."""
        if name in module.imports:
            target, imported = module.imports[name]
            return (
                target in self.sources or self.submodule(target, imported) is not None
            )
        return name in module.bindings

    def definition(self, where: str, name: str, reached: Reached) -> None:
        """A top-level name of a module: its statements, and what they use."""
        if (where, name) in reached.parts:
            return
        read = read_definition(self.sources[where], name)
        reached.parts[where, name], uses = reached.definitions[where, name] = read
        reached.pending.extend((where, use) for use in uses)

    def whole(self, name: str, reached: Reached) -> None:
        """Every part of a module, and everything it imports, as values."""
        if name not in self.sources or (name, "<whole module>") in reached.parts:
            return
        reached.parts[name, "<whole module>"] = self.sources[name]
        module = self.module(name, reached)
        for binding in module.bindings:
            self.definition(name, binding, reached)
        reached.pending.extend((name, (alias,)) for alias in module.imports)
        self.imported(name, reached)


# What Package.reached found for each source, in the package it searched: source ->
# (the package's module names, the search). Oldest first; FOUND_LIMIT sources at most.
FOUND: dict[str, tuple[frozenset[str], Reached]] = {}
FOUND_LIMIT = 4096
