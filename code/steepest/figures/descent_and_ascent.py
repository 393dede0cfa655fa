"""Figures of the article "Gradient descent and gradient ascent"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import (
    paraboloid,
    paraboloid_gradient,
    peak_and_pit,
    peak_and_pit_gradient,
)
from steepest.optimizers import OptimizeResult, gradient_ascent, gradient_descent
from steepest.rendering import diverging_colormap, level_colours

# Contour levels of peak_and_pit, leaving out 0 (its zero set is the line x = 0).
LEVELS = [-0.4, -0.3, -0.2, -0.1, -0.03, 0.03, 0.1, 0.2, 0.3, 0.4]
START, LEARNING_RATE, STEPS = (0.1, 0.9), 0.5, 30


def _paths_side_by_side(
    panels: list[tuple[str, int, OptimizeResult]], key: str
) -> Figure:
    """One contour plot per panel (title, sign s of the objective s·f, run) in a row.

    The contour colours are keyed by a colour bar labelled key.
    """
    grid = np.linspace(-2, 2, 81)
    x, y = np.meshgrid(grid, grid)
    z = np.vectorize(lambda a, b: peak_and_pit((a, b)))(x, y)
    figure, axes = plt.subplots(
        1, len(panels), figsize=(9, 4.6), sharey=True, layout="constrained"
    )
    colormap = diverging_colormap()
    for axis, (title, sign, result), colour in zip(
        axes, panels, ("C0", "C1"), strict=True
    ):
        contours = axis.contour(
            x, y, sign * z, levels=LEVELS, cmap=colormap, linewidths=1
        )
        axis.plot(*result.path.T, "o-", color=colour, markersize=3, linewidth=1.5)
        axis.plot(*result.path[0], "s", color=colour, markersize=7, label="start")
        axis.plot(
            *result.x, "*", color=colour, markersize=14, label=f"after {STEPS} steps"
        )
        axis.set_title(title, fontsize=11)
        axis.set_xlabel("x")
        axis.set_aspect("equal")
        axis.legend(loc="lower left", fontsize=9, framealpha=0)
    axes[0].set_ylabel("y")
    figure.colorbar(contours, ax=axes, shrink=0.85, label=key)
    return figure


def descent_vs_ascent() -> Figure:
    """Descent and ascent on x·exp(−x² − y²) from one start, side by side."""
    return _paths_side_by_side(
        [
            (
                "Gradient descent: x ← x − α∇f(x)",
                1,
                gradient_descent(peak_and_pit_gradient, START, LEARNING_RATE, STEPS),
            ),
            (
                "Gradient ascent: x ← x + α∇f(x)",
                1,
                gradient_ascent(peak_and_pit_gradient, START, LEARNING_RATE, STEPS),
            ),
        ],
        key="f(x, y) = x·exp(−x² − y²)",
    )


def descent_and_negated_ascent() -> Figure:
    """Descent on x·exp(−x² − y²) beside ascent on its negative, from one start."""

    def negated_gradient(p: np.ndarray) -> np.ndarray:
        return -peak_and_pit_gradient(p)

    return _paths_side_by_side(
        [
            (
                "Descent on f",
                1,
                gradient_descent(peak_and_pit_gradient, START, LEARNING_RATE, STEPS),
            ),
            (
                "Ascent on −f",
                -1,
                gradient_ascent(negated_gradient, START, LEARNING_RATE, STEPS),
            ),
        ],
        key="f (left), −f (right)",
    )


def descent_on_the_surface() -> Figure:
    """Descent on x² + y² from (8, 8) with α = 0.1: the path on the graph and from above.

    Each point x⁽ᵏ⁾ of the path is drawn at height f(x⁽ᵏ⁾) on the surface z = f(x, y); on
    the right the same path on the contour lines.
    """
    run = gradient_descent(paraboloid_gradient, (8.0, 8.0), 0.1, 20)
    heights = np.array([paraboloid(point) for point in run.path])
    # The surface over the disc of radius 12 (a round rim), seen from the start's side,
    # so that no part of the surface lies in front of the path.
    radius, angle = np.meshgrid(np.linspace(0, 12, 13), np.linspace(0, 2 * np.pi, 37))
    disc_x, disc_y = radius * np.cos(angle), radius * np.sin(angle)
    disc_z = np.vectorize(lambda a, b: paraboloid((a, b)))(disc_x, disc_y)

    figure = plt.figure(figsize=(9.5, 4.4), layout="constrained")
    surface_axis = figure.add_subplot(1, 2, 1, projection="3d", computed_zorder=False)
    surface_axis.plot_surface(
        disc_x,
        disc_y,
        disc_z,
        cmap="viridis",
        alpha=0.5,
        linewidth=0,
        antialiased=False,
    )
    surface_axis.plot(*run.path.T, heights, "o-", color="C1", markersize=3.5, lw=1.8)
    surface_axis.plot(*run.path[0], heights[0], "s", color="C1", markersize=7)
    surface_axis.set(xlabel="x", ylabel="y", zlabel="f(x, y)")
    surface_axis.set_title("The path on the graph z = x² + y²", fontsize=11)
    for pane in (surface_axis.xaxis, surface_axis.yaxis, surface_axis.zaxis):
        pane.pane.fill = False
    surface_axis.view_init(elev=25, azim=15)

    grid = np.linspace(-9, 9, 73)
    x, y = np.meshgrid(grid, grid)
    z = np.vectorize(lambda a, b: paraboloid((a, b)))(x, y)
    map_axis = figure.add_subplot(1, 2, 2)
    levels = [2, 8, 18, 32, 50, 72, 98, 128]  # circles of radius 1, 2, …, 8
    map_axis.contour(x, y, z, levels=levels, colors=level_colours(len(levels)))
    map_axis.plot(*run.path.T, "o-", color="C1", markersize=3.5, linewidth=1.5)
    map_axis.plot(*run.path[0], "s", color="C1", markersize=7, label="start (8, 8)")
    map_axis.plot(
        *run.path[-1],
        "*",
        color="C1",
        markersize=13,
        label=f"after {run.iterations} steps",
    )
    map_axis.set(xlim=(-9, 9), ylim=(-9, 9), xlabel="x", ylabel="y")
    map_axis.set_aspect("equal")
    map_axis.set_title("The same path from above", fontsize=11)
    map_axis.legend(loc="lower right", fontsize=9, framealpha=0)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "descent-on-the-surface": descent_on_the_surface,
    "descent-vs-ascent": descent_vs_ascent,
    "descent-and-negated-ascent": descent_and_negated_ascent,
}
