"""A cache for everything the build executes: page examples, notebooks and figures.

An entry's key is a SHA-256 over
- the example's own source (a page's python blocks, a notebook's code cells, a figure's name),
- the source of every `steepest` module the example imports, directly or through other
  modules of the package (found by reading the import statements, not by running them),
- the pinned dependency versions (requirements.txt) and the Python version.
Editing prose changes none of these; editing a module re-runs exactly the examples that
import it. Entries are stored with a checksum and written atomically: an entry that is
unreadable, partial or altered is deleted and treated as a miss.
"""

import ast
import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "code" / "steepest"
CACHE_DIR = Path(os.environ.get("STEEPEST_CACHE_DIR", ROOT / ".cache" / "steepest"))


def module_file(name: str) -> Path | None:
    """The source file of a steepest module name, or None outside the package."""
    parts = name.split(".")
    if parts[0] != "steepest":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str) -> set[str]:
    """Names of the steepest modules a piece of Python source imports."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {"steepest"} if "steepest" in source else set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from steepest import figures` imports the submodule steepest.figures
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    found = set()
    for name in names:
        parts = name.split(".")
        # importing steepest.a.b also runs steepest/__init__.py and steepest/a/__init__.py
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {name for name in found if module_file(name) is not None}


@functools.cache
def module_imports(path: Path, modified_ns: int) -> frozenset[str]:
    """The steepest modules a package file imports (remembered per file version)."""
    return frozenset(imported_modules(path.read_text(encoding="utf-8")))


def package_dependencies(source: str) -> list[Path]:
    """Every steepest source file the source depends on, transitively, sorted."""
    pending = imported_modules(source)
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        path = module_file(name)
        assert path is not None
        pending |= module_imports(path, path.stat().st_mtime_ns) - seen
    return sorted({path for name in seen if (path := module_file(name))})


def environment() -> str:
    """Pinned dependencies and interpreter: a change in either invalidates everything."""
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return f"{sys.version}\n{pins}"


def cache_key(kind: str, sources: Iterable[str]) -> str:
    """The key of an example: its sources, the package modules they use, the environment."""
    sources = list(sources)
    digest = hashlib.sha256(f"{kind}\n{environment()}".encode())
    for path in package_dependencies("\n".join(sources)):
        digest.update(
            path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes()
        )
    for source in sources:
        digest.update(b"\0source\0" + source.encode())
    return digest.hexdigest()


class Cache:
    """JSON values under CACHE_DIR/<kind>/<key>.json, each stored with its checksum."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.folder = CACHE_DIR / kind

    def key(self, sources: Iterable[str]) -> str:
        return cache_key(self.kind, sources)

    def get(self, key: str) -> object | None:
        path = self.folder / f"{key}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            value = entry["value"]
            if entry["key"] == key and entry["checksum"] == checksum(value):
                return value
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            pass
        path.unlink(missing_ok=True)  # unreadable, partial or altered: never served
        return None

    def put(self, key: str, value: object) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = json.dumps({"key": key, "checksum": checksum(value), "value": value})
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(entry)
        os.replace(temporary, self.folder / f"{key}.json")


def checksum(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()
