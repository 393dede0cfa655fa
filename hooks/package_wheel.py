"""MkDocs hook: the site serves its own package, as a wheel a reader installs with pip.

Every build publishes `packages/steepest-<version>+<digest>-py3-none-any.whl`, built from
code/ by the build backend, the pinned setuptools, as `pip wheel --no-deps
--no-build-isolation` builds it (the same bytes), without pip. The local version label
`<digest>` is the start of a SHA-256 over the package's source files, pyproject.toml and
README.md (the wheel's metadata), so the file name changes whenever its content does and
a cached old wheel is never taken for the new one. The wheel is cached
under that name: a prose edit builds nothing, and a package edit builds it in a thread
while the pages are built. The install commands the pages show are made here from
`site_url` (absolute), or, when it is unset, name the downloaded file.
"""

import ast
import functools
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_cache import CACHE_DIR, ROOT, snapshot

LOG = logging.getLogger("mkdocs.hooks.package_wheel")
FOLDER = "packages"  # where the wheel is published in the site
WHEELS = CACHE_DIR / "wheels"
# What `steepest.figures`, `steepest.rendering` and `steepest.explorables` import:
# code that uses them, or matplotlib itself, needs the extra.
FIGURE_MODULES = ("matplotlib", "steepest.figures", "steepest.rendering")
FIGURE_MODULES += ("steepest.explorables", "contourpy")
POOL = ThreadPoolExecutor(max_workers=1)
BUILDING: list[Future[Path]] = []


METADATA = ("pyproject.toml", "README.md")  # the wheel's metadata, under the root


def digest(package: dict[str, bytes], root: Path = ROOT) -> str:
    """The local version label: a SHA-256 over the wheel's sources (12 hex digits).

    package maps "steepest/<file>" to its content (the build's snapshot, which is what
    the pages ran); pyproject.toml and README.md under root are the wheel's metadata.
    """
    return label({name: (root / name).read_bytes() for name in METADATA}, package)


def label(metadata: dict[str, bytes], package: dict[str, bytes]) -> str:
    """digest's label, from the metadata files' contents."""
    hashed = hashlib.sha256()
    for name, content in sorted({**package, **metadata}.items()):
        hashed.update(name.encode() + b"\0" + content + b"\0")
    return hashed.hexdigest()[:12]


@functools.cache
def release(pyproject_bytes: bytes) -> str:
    return tomllib.loads(pyproject_bytes.decode())["project"]["version"]


def version() -> str:
    """The wheel's version: pyproject.toml's, with the source digest as local label."""
    metadata = tuple((ROOT / name).read_bytes() for name in METADATA)
    return labelled_version(snapshot().folder.name, metadata)


@functools.lru_cache(maxsize=16)  # asked for by every page, at every build: the digest
def labelled_version(snapshot_name: str, metadata: tuple[bytes, ...]) -> str:
    """version() for the snapshot (named by its content) and the metadata files."""
    files = dict(zip(METADATA, metadata, strict=True))
    return f"{release(files['pyproject.toml'])}+{label(files, snapshot().files)}"


def wheel_name() -> str:
    return f"steepest-{version()}-py3-none-any.whl"


# Stands for the wheel's file name in what is rendered or cached before the page is
# written: the name changes with every version of the package, and a package edit should
# not render every page or convert every notebook again (page_scripts.py,
# notebook_conversion.py).
WHEEL_PLACEHOLDER = "@@steepest-wheel@@"


def without_version(text: str) -> str:
    """text with the wheel's file name replaced by WHEEL_PLACEHOLDER."""
    return text.replace(wheel_name(), WHEEL_PLACEHOLDER)


def with_version(text: str) -> str:
    """text with WHEEL_PLACEHOLDER replaced by the wheel's file name."""
    return text.replace(WHEEL_PLACEHOLDER, wheel_name())


def wheel_path() -> str:
    """The wheel's path in the site, relative to its root."""
    return f"{FOLDER}/{wheel_name()}"


def wheel_url(config: MkDocsConfig) -> str | None:
    """The wheel's absolute URL, or None when site_url is unset."""
    if not config.site_url:
        return None
    return f"{config.site_url.rstrip('/')}/{wheel_path()}"


def requirement(config: MkDocsConfig, figures: bool) -> str:
    """What to pass to pip: the wheel's URL (or file name), with the extra if needed."""
    target = wheel_url(config) or wheel_name()
    return f"steepest[figures] @ {target}" if figures else target


def install_command(config: MkDocsConfig, figures: bool) -> str:
    """The command a reader types; quoted when it holds the extra's brackets."""
    target = requirement(config, figures)
    return f'pip install "{target}"' if figures else f"pip install {target}"


def imported_names(source: str) -> set[str]:
    """The modules Python source imports (`from a import b` counts a and a.b)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@functools.lru_cache(maxsize=256)  # a page's script is asked twice a build, and again
def needs_figures(source: str) -> bool:  # at each `mkdocs serve` rebuild
    """Whether Python source imports what only the figures extra installs."""
    return any(
        name == module or name.startswith(f"{module}.")
        for name in imported_names(source)
        for module in FIGURE_MODULES
    )


BUILD_WHEEL = """
import importlib, sys
module, _, name = sys.argv[1].partition(":")
backend = importlib.import_module(module)
(getattr(backend, name) if name else backend).build_wheel(sys.argv[2])
"""


def build_wheel(target: Path) -> Path:
    """Build the wheel from a copy of the sources with the labelled version."""
    with tempfile.TemporaryDirectory(prefix="steepest-wheel-") as folder:
        copy = Path(folder)
        shutil.copytree(
            snapshot().folder / "steepest",  # the code the pages ran, not code/ now
            copy / "code" / "steepest",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        shutil.copy(ROOT / "README.md", copy / "README.md")
        pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        stated = f'version = "{release(pyproject.encode())}"'
        if pyproject.count(stated) != 1:
            raise PluginError(f"pyproject.toml: expected one line {stated!r}")
        labelled = pyproject.replace(stated, f'version = "{version()}"')
        (copy / "pyproject.toml").write_text(labelled, encoding="utf-8")
        # What `pip wheel --no-deps --no-build-isolation` runs, without pip's own start
        # (0.6 s of each package edit's rebuild): the build backend pyproject.toml
        # names, its build_wheel hook (PEP 517) in a new process in the copy.
        backend = tomllib.loads(pyproject)["build-system"]["build-backend"]
        command = [sys.executable, "-c", BUILD_WHEEL, backend, str(copy / "out")]
        # Zip entries carry a date: always the same one (not the build's date), so the
        # same sources give the same wheel, byte for byte, whenever it is built.
        epoch = "315532800"  # 1980-01-01, the earliest date a zip entry can hold
        result = subprocess.run(
            [*command, str(copy)],
            capture_output=True,
            text=True,
            cwd=copy,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        )
        if result.returncode != 0:
            raise PluginError(f"building the wheel failed:\n{result.stderr}")
        built = copy / "out" / target.name
        if not built.is_file():
            raise PluginError(f"pip built {sorted((copy / 'out').iterdir())}")
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        os.close(handle)
        shutil.copy(built, temporary)
        os.replace(temporary, target)  # atomic: never a partial wheel under the name
    return target


def cached_wheel(target: Path) -> bool:
    """Whether a whole, readable wheel is cached under that name (else drop it)."""
    try:
        with zipfile.ZipFile(target) as archive:
            if archive.testzip() is None:
                return True
    except FileNotFoundError:
        return False
    except (OSError, zipfile.BadZipFile):
        pass
    target.unlink(missing_ok=True)
    return False


def on_pre_build(config: MkDocsConfig) -> None:
    """Start building the wheel if it is not cached; the pages are built meanwhile."""
    BUILDING.clear()
    target = WHEELS / wheel_name()
    if not cached_wheel(target):
        LOG.info("building %s", target.name)
        BUILDING.append(POOL.submit(build_wheel, target))


def on_post_build(config: MkDocsConfig) -> None:
    """Publish the wheel the pages name (built from the sources as they are now)."""
    for future in BUILDING:
        future.result()
    BUILDING.clear()
    source = WHEELS / wheel_name()
    if not source.is_file():  # the package changed during the build
        build_wheel(source)
    published = Path(config.site_dir) / FOLDER
    published.mkdir(parents=True, exist_ok=True)
    for old in published.glob("steepest-*.whl"):
        if old.name != source.name:
            old.unlink()
    shutil.copy(source, published / source.name)


def wheel_sentence(config: MkDocsConfig, page_url: str) -> str:
    """Where the wheel is, linked relative to the page (what `{{ wheel }}` becomes)."""
    link = get_relative_url(wheel_path(), page_url)
    anchor = f'<a href="{link}" download><code>{wheel_name()}</code></a>'
    if config.site_url:
        return f"The wheel of this build is {anchor}."
    return f"Download {anchor} first: the commands name the downloaded file."


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Fill in `{{ install }}`, `{{ install_figures }}` and `{{ wheel }}`."""
    replacements = {
        "{{ install }}": install_command(config, figures=False),
        "{{ install_figures }}": install_command(config, figures=True),
        "{{ wheel }}": wheel_sentence(config, page.url),
    }
    for token, text in replacements.items():
        markdown_text = markdown_text.replace(token, text)
    return markdown_text
