"""Render matplotlib figures as SVG for the site's light and dark palettes."""

import io
from collections.abc import Callable

import matplotlib
import matplotlib.pyplot as plt
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
            color=["#0969da", "#cf222e", "#1a7f37", "#8250df"]
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
            color=["#58a6ff", "#ff7b72", "#3fb950", "#d2a8ff"]
        ),
    },
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
