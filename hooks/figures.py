"""MkDocs hook: draw every figure of `steepest.figures.FIGURES` into the site.

Each figure becomes figures/<stem>-light.svg and figures/<stem>-dark.svg; pages show
them with Material's #only-light and #only-dark suffixes.
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here, not at the top, so that each build draws with the current package.
    from steepest.figures import FIGURES
    from steepest.rendering import PALETTES, render_svg

    for stem, make_figure in FIGURES.items():
        for palette in PALETTES:
            svg = render_svg(make_figure, palette)
            files.append(
                File.generated(config, f"figures/{stem}-{palette}.svg", content=svg)
            )
    return files
