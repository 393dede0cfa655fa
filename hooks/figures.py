"""MkDocs hook: draw every figure of `steepest.figures.registry.FIGURES` into the site.

Each figure becomes figures/<stem>-light.svg and figures/<stem>-dark.svg; pages show
them with Material's #only-light and #only-dark suffixes. Drawings are cached
(build_cache.py), keyed on the parts of the package the figure's function and the
renderer reach.

The index of figures (each one's name and the Python that draws it, and the palettes) is
cached too, keyed like a drawing on the parts of the package its Python (INDEX_PYTHON)
reaches: a build whose figures are all cached does not import the figures' modules and
matplotlib, and neither does one after an edit of code no figure uses.

A figure not in the cache is drawn in a worker process (workers.py), both palettes in one
go (`steepest.rendering.render_svgs`, so data a figure function caches is computed once),
while the pages are built; its files are written when it is done, before the build
ends. A figure that fails fails the build, naming the figure.
"""

import logging
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import Future

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import workers
from build_cache import Cache, LastBuilds, is_list_of, snapshot

CACHE = Cache("figures", code=[__file__, workers.__file__])
INDEX = Cache("figure-index", code=[__file__])
INDEX_PYTHON = "from steepest.figures.registry import FIGURES\nfrom steepest.rendering import PALETTES"
LOG = logging.getLogger("mkdocs.hooks.figures")
# Figures being drawn: the future of their SVGs, each palette's cache key and file.
PENDING: dict[str, tuple[Future, dict[str, str], dict[str, File]]] = {}


def is_svg(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.lstrip().startswith("<?xml")
        and "<svg" in value
    )


def drawing(make_figure: Callable[[], object]) -> str:
    """The Python a drawing runs: the figure's function (its whole module where the
    function is not a top-level name of it) and the renderer."""
    module, name = make_figure.__module__, make_figure.__name__
    if getattr(sys.modules[module], name, None) is make_figure:
        figure = f"from {module} import {name}"
    else:
        figure = f"import {module}"
    return f"{figure}\nfrom steepest.rendering import render_svgs"


def is_index(value: object) -> bool:
    return (
        isinstance(value, dict)
        and is_list_of(str, value.get("palettes"))
        and isinstance(value.get("figures"), dict)
        and all(isinstance(python, str) for python in value["figures"].values())
    )


def figure_index() -> dict:
    """{"palettes": [name, …], "figures": {stem: the Python that draws it}}, read from
    the package only when what INDEX_PYTHON reaches of it has not been indexed before."""
    key = INDEX.key(["figures and palettes of the package"], python=[INDEX_PYTHON])
    index = INDEX.get(key, is_index)
    if index is None:
        # Imported here, not at the top, so that each build reads the current package.
        from steepest.figures.registry import FIGURES
        from steepest.rendering import PALETTES

        index = {
            "palettes": list(PALETTES),
            "figures": {stem: drawing(figure) for stem, figure in FIGURES.items()},
        }
        INDEX.put(key, index)
    return index


# Each drawing by its cache key, in this build and the previous one: a `mkdocs serve`
# rebuild does not read an unchanged figure's drawings from the cache again.
DRAWN: LastBuilds[str, str] = LastBuilds()


def cached_drawing(key: str) -> str | None:
    svg = DRAWN.get(key)
    if svg is None and (svg := CACHE.get(key, is_svg)) is not None:
        DRAWN.made(key, lambda: svg)
    return svg


def on_files(files: Files, config: MkDocsConfig) -> Files:
    index = figure_index()
    PENDING.clear()
    DRAWN.next_build()
    for stem, python in index["figures"].items():
        keys = {
            palette: CACHE.key([stem, palette], python=[python])
            for palette in index["palettes"]
        }
        svgs = {palette: cached_drawing(key) for palette, key in keys.items()}
        figure_files = {
            palette: File.generated(
                config, f"figures/{stem}-{palette}.svg", content=svg or ""
            )
            for palette, svg in svgs.items()
        }
        for file in figure_files.values():
            files.append(file)
        if None in svgs.values():
            from steepest.figures.registry import FIGURES
            from steepest.rendering import render_svgs

            LOG.info("drawing %s", stem)
            PENDING[stem] = (
                workers.in_process(render_svgs, FIGURES[stem]),
                keys,
                figure_files,
            )
    return files


def where(error: BaseException) -> str:
    """The traceback of a drawing that raised in a worker process, naming each file as
    the author knows it (code/steepest/…, not the build's snapshot of it)."""
    text = "".join(traceback.format_exception(error.__cause__ or error))
    return text.replace(str(snapshot().folder), "code")


def on_post_build(config: MkDocsConfig) -> None:
    """Write each figure drawn during the build (the build waits for the last one)."""
    try:
        for stem, (future, keys, figure_files) in PENDING.items():
            try:
                drawn = future.result()
            except Exception as error:
                raise PluginError(f"figure {stem} failed:\n{where(error)}") from None
            for palette, content in drawn.items():
                svg = content.decode("utf-8")
                CACHE.put(keys[palette], svg)
                DRAWN.made(keys[palette], lambda svg=svg: svg)
                figure_files[palette].content_string = svg
                figure_files[palette].copy_file()
    finally:
        PENDING.clear()
        workers.stop_processes()


def on_build_error(error: Exception) -> None:
    for future, _keys, _files in PENDING.values():
        future.cancel()
    PENDING.clear()
    workers.stop_processes()
