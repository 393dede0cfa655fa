"""Render matplotlib figures as SVG for the site's light and dark palettes."""

import io
from collections.abc import Callable

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Colormap, LinearSegmentedColormap
from matplotlib.figure import Figure

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
            color=["#0969da", "#cf222e", "#1a7f37", "#8250df", "#9a6700"]
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
            color=["#58a6ff", "#ff7b72", "#3fb950", "#d2a8ff", "#d29922"]
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


def render_svg(make_figure: Callable[[], Figure], palette: str) -> bytes:
    """Call make_figure under the palette's style and return the figure as SVG bytes."""
    with plt.style.context([COMMON_STYLE, PALETTES[palette]]):
        figure = make_figure()
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="svg", metadata={"Date": None}, bbox_inches="tight"
        )
    plt.close(figure)
    return buffer.getvalue()


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
