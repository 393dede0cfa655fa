"""MkDocs hook: draw every figure of `steepest.figures.registry.FIGURES` into the site.

Each figure becomes figures/<stem>-light.svg and figures/<stem>-dark.svg; pages show
them with Material's #only-light and #only-dark suffixes. Drawings are cached
(build_cache.py), keyed on the figure's module and the package modules it imports.
"""

import logging

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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here, not at the top, so that each build draws with the current package.
    from steepest.figures.registry import FIGURES
    from steepest.rendering import PALETTES, render_svg

    for stem, make_figure in FIGURES.items():
        for palette in PALETTES:
            # A drawing depends on its figure's module and on how figures are rendered.
            imports = f"import {make_figure.__module__}\nimport steepest.rendering"
            key = CACHE.key([imports, stem, palette])
            svg = CACHE.get(key, is_svg)
            if svg is None:
                LOG.info("drawing %s (%s)", stem, palette)
                svg = render_svg(make_figure, palette).decode("utf-8")
                CACHE.put(key, svg)
            uri = f"figures/{stem}-{palette}.svg"
            files.append(File.generated(config, uri, content=svg))
    return files
