"""MkDocs hook: make every build import the package as this build read it.

Each build takes a snapshot of code/steepest/ (build_cache.take_snapshot) and imports
`steepest` from it: the hooks, the page examples, the notebooks (through sys.path, and
PYTHONPATH for what they start), the pages' snippet includes (pymdownx.snippets'
base_path) and the API pages (mkdocstrings' handlers' `paths`) all see that one version,
and the cache keys are computed from it. A module saved while a build runs is picked up
by the next build (`mkdocs serve` starts one), never half-way through this one. The
snapshot is taken in on_config, before mkdocstrings makes its handlers there. `mkdocs
serve` rebuilds in one long-lived process, where an imported module would otherwise keep
its old code: the modules imported by the previous build are dropped, unless they came
from this build's snapshot (a snapshot's folder is named by its content, and the build
only reads the package's modules: its examples, notebooks and figures run in other
processes). Listed first in mkdocs.yml.
"""

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import build_cache


def without_snapshots(paths: list[str]) -> list[str]:
    """The paths, less the snapshots earlier builds of this process put there."""
    return [path for path in paths if Path(path).parent != build_cache.SNAPSHOTS]


def from_folder(module: ModuleType, folder: Path) -> bool:
    """Whether the module was imported from a file under folder."""
    file = getattr(module, "__file__", None)
    return file is not None and Path(file).is_relative_to(folder)


@event_priority(100)  # before mkdocstrings' on_config makes its handlers
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    snapshot = build_cache.take_snapshot().folder
    imported = {
        name: module
        for name, module in sys.modules.items()
        if name.split(".")[0] == "steepest"
    }
    if not all(from_folder(module, snapshot) for module in imported.values()):
        for name in imported:
            del sys.modules[name]
    folder = str(snapshot)
    sys.path[:] = [folder, *without_snapshots(sys.path)]
    started_paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    started_paths = without_snapshots([path for path in started_paths if path])
    os.environ["PYTHONPATH"] = os.pathsep.join([folder, *started_paths])
    importlib.invalidate_caches()
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    code = build_cache.PACKAGE.parent
    snippets["base_path"] = [
        folder if Path(path).resolve() == code else path
        for path in snippets.get("base_path", [])
    ]
    if "mkdocstrings" in config.plugins:  # the API pages document the snapshot too
        base = Path(config.config_file_path).parent
        for options in config.plugins["mkdocstrings"].config.handlers.values():
            options["paths"] = [
                folder if (base / path).resolve() == code else path
                for path in options.get("paths", [])
            ]
    return config
