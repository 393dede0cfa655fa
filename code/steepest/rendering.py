"""Render matplotlib figures as SVG for the site's light and dark palettes."""

import base64
import html
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.text
import numpy as np
from matplotlib.colors import Colormap, LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.textpath import text_to_path

# Foreground, muted and accent colours chosen to read on Material's white
# (default) and slate (#1e2129) backgrounds; the background itself is transparent.
PALETTES: dict[str, dict[str, object]] = {
    "light": {
        "text.color": "#1f2328",
        "axes.labelcolor": "#1f2328",
        "axes.edgecolor": "#57606a",
        "xtick.color": "#57606a",
        "ytick.color": "#57606a",
        "grid.color": "#d0d7de",
        "axes.prop_cycle": matplotlib.cycler(
            color=["#0969da", "#cf222e", "#1a7f37", "#8250df", "#9a6700", "#bf3989"]
        ),
    },
    "dark": {
        "text.color": "#e6edf3",
        "axes.labelcolor": "#e6edf3",
        "axes.edgecolor": "#8b949e",
        "xtick.color": "#8b949e",
        "ytick.color": "#8b949e",
        "grid.color": "#30363d",
        "axes.prop_cycle": matplotlib.cycler(
            color=["#58a6ff", "#ff7b72", "#3fb950", "#d2a8ff", "#d29922", "#f778ba"]
        ),
    },
}

# Contour colours with a contrast of at least 3:1 on the palette's background: a stretch
# of viridis for levels of one sign, and blue–grey–red for levels of both signs (the
# grey, near zero, is the weakest in both palettes: lighter on white, darker on slate).
SEQUENTIAL_RANGE = {"light": (0.0, 0.6), "dark": (0.4, 1.0)}
DIVERGING_COLOURS = {
    "light": ("#0550ae", "#8c959f", "#a40e26"),
    "dark": ("#79c0ff", "#6e7681", "#ffa198"),
}

COMMON_STYLE: dict[str, object] = {
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
    "font.size": 11,
    "svg.fonttype": "none",
    "svg.hashsalt": "steepest",
}


@contextmanager
def one_math_parser() -> Iterator[None]:
    """While in effect, every renderer matplotlib makes measures text with one TextToPath.

    Saving a figure makes several renderers (for constrained layout, for
    bbox_inches="tight", for the file), and each makes its own TextToPath, whose math
    parser remembers only what that one renderer parsed: each math text, such as a log
    axis's $10^{-3}$, was parsed again by each renderer, in each palette: 786 parses of
    about 7 ms for the site's figures. Sharing matplotlib's own module-level instance
    parses each about once (56 parses), and the SVG is the same, byte for byte.
    Like matplotlib itself, not for drawing in several threads at once.
    """
    make_text_to_path = matplotlib.text.TextToPath
    matplotlib.text.TextToPath = lambda: text_to_path
    try:
        yield
    finally:
        matplotlib.text.TextToPath = make_text_to_path


def render_svg(
    make_figure: Callable[[], Figure], palette: str, background: str = "none"
) -> bytes:
    """Call make_figure under the palette's style and return the figure as SVG bytes.

    The background is transparent unless a colour is given.
    """
    with plt.style.context([COMMON_STYLE, PALETTES[palette]]), one_math_parser():
        figure = make_figure()
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None},
            bbox_inches="tight",
            facecolor=background,
            transparent=background == "none",
        )
    plt.close(figure)
    return buffer.getvalue()


def render_svgs(make_figure: Callable[[], Figure]) -> dict[str, bytes]:
    """The figure as SVG bytes in every palette of PALETTES, drawn one after the other.

    In one process, so a figure function that caches its data computes it once.
    """
    return {palette: render_svg(make_figure, palette) for palette in PALETTES}


def active_palette() -> str:
    """The palette whose style is in effect, told by its text colour ("light" if none)."""
    text = plt.rcParams["text.color"]
    names = (name for name, style in PALETTES.items() if style["text.color"] == text)
    return next(names, "light")


def level_colours(count: int) -> list[tuple[float, float, float, float]]:
    """count contour colours, lowest level first, readable on the active palette."""
    low, high = SEQUENTIAL_RANGE[active_palette()]
    colours = plt.get_cmap("viridis")(np.linspace(low, high, count))
    return [tuple(colour) for colour in colours]


def diverging_colormap() -> Colormap:
    """Blue (negative) through grey (zero) to red (positive), for the active palette."""
    palette = active_palette()
    return LinearSegmentedColormap.from_list(
        f"steepest-diverging-{palette}", DIVERGING_COLOURS[palette]
    )


SVG_SIZE = re.compile(rb'<svg[^>]*\bwidth="([\d.]+)pt" height="([\d.]+)pt"')


@dataclass(frozen=True)
class PaletteFigure:
    """A notebook's figure in both palettes, shown by Jupyter as two images.

    make_figure draws it (under each palette's style, as the site's figures are); alt
    describes it. The images carry Material's #only-light and #only-dark suffixes. The
    light one has a white background and the dark one the `hidden` attribute: outside the
    site (a downloaded notebook, in any Jupyter theme) the light figure shows alone; on
    the site the stylesheet shows the dark one in the slate palette, where Material hides
    the light one.
    """

    make_figure: Callable[[], Figure]
    alt: str

    def __repr__(self) -> str:
        """What a plain-text front end shows instead of the images: the alt text."""
        return f"Figure: {self.alt}"

    def _repr_html_(self) -> str:
        images = []
        for palette, background, extra in (
            ("light", "#ffffff", ""),
            ("dark", "none", " hidden"),
        ):
            svg = render_svg(self.make_figure, palette, background)
            size = SVG_SIZE.search(svg)
            if size is None:
                raise ValueError("the SVG has no size in pt")
            width, height = (round(float(side) * 4 / 3) for side in size.groups())
            data = base64.b64encode(svg).decode("ascii")
            images.append(
                f'<img src="data:image/svg+xml;base64,{data}#only-{palette}" '
                f'alt="{html.escape(self.alt)}" width="{width}" height="{height}"{extra}>'
            )
        return "\n".join(images)
