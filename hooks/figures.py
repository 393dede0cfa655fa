"""MkDocs hook: draw every figure of `steepest.figures.registry.FIGURES` into the site.

Each figure becomes figures/<stem>-light.svg and figures/<stem>-dark.svg; pages show
them with Material's #only-light and #only-dark suffixes. Drawings are cached
(build_cache.py), keyed on the parts of the package the figure's function and the
renderer reach.
"""

import logging
import sys
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from build_cache import Cache

CACHE = Cache("figures", code=[__file__])
LOG = logging.getLogger("mkdocs.hooks.figures")


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
    return f"{figure}\nfrom steepest.rendering import render_svg"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here, not at the top, so that each build draws with the current package.
    from steepest.figures.registry import FIGURES
    from steepest.rendering import PALETTES, render_svg

    for stem, make_figure in FIGURES.items():
        for palette in PALETTES:
            key = CACHE.key([stem, palette], python=[drawing(make_figure)])
            svg = CACHE.get(key, is_svg)
            if svg is None:
                LOG.info("drawing %s (%s)", stem, palette)
                svg = render_svg(make_figure, palette).decode("utf-8")
                CACHE.put(key, svg)
            uri = f"figures/{stem}-{palette}.svg"
            files.append(File.generated(config, uri, content=svg))
    return files
