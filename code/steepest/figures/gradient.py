"""Figures of the article "The gradient"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import paraboloid_gradient
from steepest.rendering import level_colours

LIMIT = 2.0  # every figure shows f(x, y) = x² + y² on [−2, 2] × [−2, 2]
LEVELS = [0.25, 1, 2.25, 4, 6.25]  # circles of radius 0.5, 1, 1.5, 2 and 2.5


def _grid(points: int) -> tuple[np.ndarray, np.ndarray]:
    axis = np.linspace(-LIMIT, LIMIT, points)
    return np.meshgrid(axis, axis)


def _gradient_field(points: int) -> tuple[np.ndarray, ...]:
    """Grid points and the analytic gradient of x² + y² at each of them."""
    x, y = _grid(points)
    u, v = paraboloid_gradient((x, y))
    return x, y, u, v


def _quiver_panel(axis, points: int) -> None:
    """Contours of x² + y² with its gradient field on a points × points grid.

    Arrow lengths are proportional to ‖∇f‖; the longest is one grid spacing long.
    """
    x, y = np.meshgrid(np.linspace(-3, 3, 41), np.linspace(-3, 3, 41))
    axis.contour(
        x,
        y,
        x**2 + y**2,
        levels=LEVELS,
        colors=level_colours(len(LEVELS)),
        linewidths=1,
    )
    gx, gy, u, v = _gradient_field(points)
    spacing = 2 * LIMIT / (points - 1)
    scale = float(np.max(np.hypot(u, v))) / spacing
    axis.quiver(
        gx,
        gy,
        u,
        v,
        color="C1",
        angles="xy",
        scale_units="xy",
        scale=scale,
        width=0.006,
    )
    axis.plot(0, 0, "o", color="C0", markersize=5)
    axis.set_xlim(-LIMIT - 0.8, LIMIT + 0.8)
    axis.set_ylim(-LIMIT - 0.8, LIMIT + 0.8)
    axis.set_aspect("equal")
    axis.set_xlabel("x")


def surface_and_field() -> Figure:
    """Surface z = x² + y² beside its gradient field drawn in the (x, y) plane."""
    figure = plt.figure(figsize=(9.5, 4.4), layout="constrained")
    surface_axis = figure.add_subplot(1, 2, 1, projection="3d")
    x, y = _grid(17)
    surface_axis.plot_surface(
        x, y, x**2 + y**2, cmap="viridis", alpha=0.85, linewidth=0, antialiased=False
    )
    surface_axis.set_xlabel("x")
    surface_axis.set_ylabel("y")
    surface_axis.set_zlabel("f(x, y)")
    surface_axis.set_title("Graph of f: z = x² + y²", fontsize=11)
    surface_axis.xaxis.pane.fill = False
    surface_axis.yaxis.pane.fill = False
    surface_axis.zaxis.pane.fill = False
    surface_axis.view_init(elev=28, azim=-55)

    field_axis = figure.add_subplot(1, 2, 2)
    _quiver_panel(field_axis, points=9)
    field_axis.set_ylabel("y")
    field_axis.set_title("∇f = (2x, 2y) in the (x, y) plane", fontsize=11)
    return figure


def field_densities() -> Figure:
    """The same gradient field sampled on grids of 5, 9 and 17 points per side."""
    figure, axes = plt.subplots(
        1, 3, figsize=(9.5, 3.4), sharey=True, layout="constrained"
    )
    for axis, points in zip(axes, (5, 9, 17), strict=True):
        _quiver_panel(axis, points)
        axis.set_title(f"{points} × {points} arrows", fontsize=10)
    axes[0].set_ylabel("y")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "gradient-surface-and-field": surface_and_field,
    "gradient-field-densities": field_densities,
}
