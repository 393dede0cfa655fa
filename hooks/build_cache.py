"""A cache for everything the build executes: page examples, notebooks and figures.

An entry's key is a SHA-256 over
- the entry's own sources (a page's python blocks, a notebook's code cells, a figure's name),
- for an entry that runs Python: the parts of `steepest` that Python reaches, found by
  reading it, not running it (code_dependencies.py): the module-level code of every
  module it imports, and each function, class or assignment it uses, transitively, with
  the Python's and their docstrings left out unless something reads docstrings,
- the source of the code that computes the entry (the hook, its helpers, a renderer),
- the pinned dependency versions (requirements.txt) and the Python version.
Editing prose changes none of these; editing a function re-runs exactly the examples that
reach it, and editing only its docstring re-runs none.

The package is read once per build, into a snapshot (`take_snapshot`): a copy of
code/steepest/ under .cache/steepest/package/<digest>/, which the build and its notebooks
import, and from which keys are computed. A module saved during a build is
therefore used by the next build, never mixed into this one: an entry's key always
describes the code that produced it.

Entries are stored with a checksum and written atomically, and each hook says what a valid
value looks like: an entry that is unreadable, partial, altered or of the wrong shape is
deleted and treated as a miss.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import code_dependencies
from code_dependencies import Package, docstrings_count, without_docstrings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "code" / "steepest"
CACHE_DIR = Path(os.environ.get("STEEPEST_CACHE_DIR", ROOT / ".cache" / "steepest"))
SNAPSHOTS = CACHE_DIR / "package"
SNAPSHOT_LIFETIME = (
    24 * 3600
)  # seconds; older snapshots are removed (builds are shorter)
THIS_HOOK = Path(__file__).read_bytes()  # as it was loaded: the code that runs
DEPENDENCIES = Path(code_dependencies.__file__).read_bytes()
LOG = logging.getLogger("mkdocs.hooks.build_cache")
Read, Made = TypeVar("Read"), TypeVar("Made")


@dataclass(frozen=True)
class Snapshot:
    """The package's files as one build read them, and the folder that holds that copy."""

    folder: Path  # holds steepest/, as code/ does
    files: dict[str, bytes]  # "steepest/functions.py" -> content


def read_package(package: Path = PACKAGE) -> dict[str, bytes]:
    """Every file of code/steepest/ (not bytecode), by its path relative to code/."""
    return {
        path.relative_to(package.parent).as_posix(): path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def take_snapshot() -> Snapshot:
    """Read the package once and store that copy for this build to import and key on."""
    files = read_package()
    digest = hashlib.sha256()
    for name, content in files.items():
        digest.update(name.encode() + b"\0" + content + b"\0")
    folder = SNAPSHOTS / digest.hexdigest()[:32]
    if not folder.is_dir():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(dir=SNAPSHOTS, prefix="partial-"))
        for name, content in files.items():
            (partial / name).parent.mkdir(parents=True, exist_ok=True)
            (partial / name).write_bytes(content)
        try:
            partial.rename(folder)
        except OSError:  # a parallel build stored the same snapshot first
            shutil.rmtree(partial, ignore_errors=True)
    os.utime(folder)  # in use: not removed as old
    remove_old_snapshots(keep=folder)
    global SNAPSHOT
    SNAPSHOT = Snapshot(folder, files)
    return SNAPSHOT


def remove_old_snapshots(keep: Path) -> None:
    now = time.time()
    for folder in SNAPSHOTS.iterdir():
        try:
            if folder != keep and now - folder.stat().st_mtime > SNAPSHOT_LIFETIME:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


SNAPSHOT: Snapshot | None = None


def snapshot() -> Snapshot:
    """This build's snapshot (taken now if the build did not take one)."""
    return SNAPSHOT or take_snapshot()


def package() -> Package:
    """The snapshot's modules, read for what each example reaches."""
    folder = snapshot().folder
    if folder not in PACKAGES:
        # Only the current snapshot's is asked for: an older one, with the syntax trees
        # of its modules, would stay in memory for as long as `mkdocs serve` runs.
        PACKAGES.clear()
        PACKAGES[folder] = Package(
            {
                name.removesuffix(".py").removesuffix("/__init__").replace("/", "."): (
                    content.decode("utf-8")
                )
                for name, content in snapshot().files.items()
                if name.endswith(".py")
            }
        )
    return PACKAGES[folder]


PACKAGES: dict[Path, Package] = {}


def environment() -> str:
    """Pinned dependencies and interpreter: a change in either invalidates everything."""
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return f"{sys.version}\n{pins}"


def cache_key(
    kind: str, sources: Iterable[str], python: Iterable[str] = (), code: bytes = b""
) -> str:
    """The key of an entry: its sources; the Python it runs and every part of the package
    that Python reaches (code_dependencies.py), with the package's files that are not
    Python, docstrings left out of both unless they count (docstrings_count); the code
    that computes it (the cache's own and its hook's); the environment."""
    digest = hashlib.sha256(f"{kind}\n{environment()}".encode())
    digest.update(
        b"\0code\0" + hashlib.sha256(THIS_HOOK + DEPENDENCIES + code).digest()
    )
    for source in sources:
        digest.update(b"\0source\0" + source.encode())
    pieces = list(python)
    if pieces:
        whole = "\n".join(pieces)
        keep = docstrings_count(whole, package())
        for piece in pieces:
            keyed = piece if keep else without_docstrings(piece)
            digest.update(b"\0python\0" + keyed.encode())
        digest.update(b"\0package\0" + reached_digest(whole).encode())
    return digest.hexdigest()


def reached_digest(python: str) -> str:
    """SHA-256 over the parts of the package the Python reaches (with the package's files
    that are not Python), their docstrings left out unless they count
    (code_dependencies.docstrings_count).

    It depends only on the Python, the snapshot (named by its content's digest) and the
    code that reads it (this file and code_dependencies.py), so it is remembered under a
    digest of those three: in memory for
    the rebuilds of `mkdocs serve`, and in the cache folder for the next build.
    """
    code = THIS_HOOK + b"\0" + DEPENDENCIES
    folder = snapshot().folder.name
    name = hashlib.sha256(
        code + b"\0" + folder.encode() + b"\0" + python.encode()
    ).hexdigest()
    if name in REACHED:
        return REACHED[name]
    path = CACHE_DIR / "reached" / f"{name}.txt"
    try:
        value = path.read_text(encoding="ascii")
    except (OSError, ValueError):
        value = ""
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        digest = hashlib.sha256()
        keep = docstrings_count(python, package())
        for (module, part), text in sorted(package().reached(python).items()):
            text = text if keep else without_docstrings(text)
            digest.update(f"\0{module}\0{part}\0{text}".encode())
        for file, content in snapshot().files.items():
            if not file.endswith(".py"):
                digest.update(file.encode() + b"\0" + content)
        value = digest.hexdigest()
        write_atomically(path, value)
    REACHED[name] = value
    return value


REACHED: dict[str, str] = {}


def write_atomically(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def write_checked(path: Path, data: bytes) -> None:
    """Store data under path atomically, after its SHA-256 (read back by read_checked)."""
    write_atomically(path, hashlib.sha256(data).digest() + data)


def read_checked(path: Path) -> bytes | None:
    """What write_checked stored under path; None if there is nothing, and if what is
    there is altered or partial (it is then deleted)."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(stored[32:]).digest() == stored[:32]:
        return stored[32:]
    path.unlink(missing_ok=True)
    return None


def files_signature(files: Iterable[Any]) -> str:
    """Every file's source and destination (a MkDocs Files): what links resolve against."""
    rows = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def by_name(value: object) -> str:
    """A value that is not JSON (a fence's format function) as the same text in every
    process: its qualified name, or its repr without memory addresses."""
    module, name = (
        getattr(value, "__module__", None),
        getattr(value, "__qualname__", None),
    )
    if module and name:
        return f"{module}.{name}"
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


class Cache:
    """JSON values under CACHE_DIR/<kind>/<key>.json, each stored with its checksum.

    `code` lists the files that compute the values (the hook's own file, a renderer):
    their content, read when the hook is loaded, is part of every key.
    """

    def __init__(self, kind: str, code: Iterable[str | Path]) -> None:
        self.kind = kind
        self.folder = CACHE_DIR / kind
        self.code = b"\0".join(Path(path).read_bytes() for path in code)

    def key(self, sources: Iterable[str], python: Iterable[str] = ()) -> str:
        """The key of an entry computed from `sources`; `python` is the Python the entry
        runs, so that the parts of the package it reaches are keyed too."""
        return cache_key(self.kind, sources, python, self.code)

    def get(self, key: str, valid: Callable[[Any], bool]) -> Any | None:
        """The stored value, if it is intact and `valid` (has the shape the hook uses).

        Its checksum is computed once per process for a file that stays as it was
        (CHECKED): `mkdocs serve` reads the same entries at every rebuild."""
        path = self.folder / f"{key}.json"
        try:
            with open(path, "rb") as file:
                seen = file_state(os.fstat(file.fileno()))
                entry = json.loads(file.read())
            value = entry["value"]
            intact = CHECKED.get(path) == seen or entry["checksum"] == checksum(value)
            if entry["key"] == key and intact:
                CHECKED[path] = seen
                if valid(value):
                    return value
                LOG.info("dropped a %s cache entry of the wrong shape", self.kind)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            pass
        CHECKED.pop(path, None)
        path.unlink(missing_ok=True)  # unreadable, partial, altered or wrong: a miss
        return None

    def put(self, key: str, value: object) -> None:
        entry = json.dumps({"key": key, "checksum": checksum(value), "value": value})
        path = self.folder / f"{key}.json"
        write_atomically(path, entry)
        CHECKED[path] = file_state(path.stat())


def file_state(stat: os.stat_result) -> tuple[int, int, int]:
    """What changes when a file is replaced or written: its inode, size and mtime."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


# Entries whose checksum this process computed, or which it wrote, by the state of their
# file then: an entry whose file still has that state has not been altered since.
CHECKED: dict[Path, tuple[int, int, int]] = {}


class LastBuilds(Generic[Read, Made]):
    """What a hook made in this build and in the previous one, by everything it read to
    make it: a `mkdocs serve` rebuild takes it from here instead of making it again.
    Older values are let go, so memory holds at most two builds' worth."""

    def __init__(self) -> None:
        self.previous: dict[Read, Made] = {}
        self.current: dict[Read, Made] = {}

    def next_build(self) -> None:
        """Called as a build starts (on_pre_build)."""
        self.previous, self.current = self.current, {}

    def made(self, read: Read, make: Callable[[], Made]) -> Made:
        """What make() returns, which must depend on `read` only."""
        if read not in self.current:
            known = read in self.previous
            self.current[read] = self.previous[read] if known else make()
        return self.current[read]

    def get(self, read: Read) -> Made | None:
        """What was made from `read` in this build or the previous one, if anything."""
        if read not in self.current and read in self.previous:
            self.current[read] = self.previous[read]
        return self.current.get(read)


def checksum(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def is_list_of(kind: type, value: object, length: int | None = None) -> bool:
    """Whether value is a list of `kind` items (of the given length, if any)."""
    return (
        isinstance(value, list)
        and all(isinstance(item, kind) for item in value)
        and (length is None or len(value) == length)
    )
