"""Figures of the article "When it goes wrong": a saddle, a valley, four minima."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from steepest.functions import (
    himmelblau,
    himmelblau_gradient,
    rosenbrock,
    rosenbrock_gradient,
    saddle,
    saddle_gradient,
)
from steepest.optimizers import gradient_descent
from steepest.rendering import diverging_colormap, level_colours

COLOURS = ("C0", "C1", "C2", "C3", "C4")  # distinct: no two paths of a plot share one
SADDLE_LIMIT = 2.0  # saddle-paths shows the square [−2, 2]²


def grid_values(
    f: Callable[[np.ndarray], float], xs: np.ndarray, ys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The mesh of xs × ys and f on it."""
    x, y = np.meshgrid(xs, ys)
    return x, y, np.vectorize(lambda a, b: f(np.array([a, b])))(x, y)


def draw_path(
    axis: Axes,
    path: np.ndarray,
    colour: str,
    markers: bool = True,
    end: str = "*",
    linewidth: float = 1.3,
) -> None:
    """A path as a line, its start as a square and its last point as the end marker."""
    style = "o-" if markers else "-"
    axis.plot(*path.T, style, color=colour, markersize=2.5, linewidth=linewidth)
    axis.plot(*path[0], "s", color=colour, markersize=6)
    axis.plot(*path[-1], end, color=colour, markersize=12 if end == "*" else 8)


def saddle_runs() -> list[tuple[np.ndarray, bool]]:
    """The paths of saddle-paths: descent on x² − y² with α = 0.1, and whether it escapes.

    From a start on the x-axis, 30 steps run into the saddle point (0, 0). From a start
    off the axis, the run goes on (40 steps) until it leaves the square [−2, 2]²; its path
    is kept up to its last point inside the square.
    """
    runs = []
    for start in [(-1.8, 0.0), (1.8, 0.0), (1.8, 0.05), (-1.8, -0.2)]:
        escapes = start[1] != 0
        path = gradient_descent(saddle_gradient, start, 0.1, 40 if escapes else 30).path
        if escapes:
            outside = np.any(np.abs(path) > SADDLE_LIMIT, axis=1)
            path = path[: int(np.argmax(outside))]
        runs.append((path, escapes))
    return runs


def saddle_paths() -> Figure:
    """Descent on x² − y² with α = 0.1: on the x-axis into the saddle, off it away."""
    limit = SADDLE_LIMIT
    grid = np.linspace(-limit, limit, 81)
    x, y, z = grid_values(saddle, grid, grid)
    figure, axis = plt.subplots(figsize=(5, 5.6), layout="constrained")
    contours = axis.contour(
        x, y, z, levels=np.linspace(-3.5, 3.5, 8), cmap=diverging_colormap()
    )
    figure.colorbar(
        contours, ax=axis, location="bottom", shrink=0.8, label="f(x, y) = x² − y²"
    )
    for (path, escapes), colour in zip(saddle_runs(), COLOURS, strict=False):
        rising = path[-1, 1] > path[-2, 1]
        draw_path(axis, path, colour, end=("^" if rising else "v") if escapes else "*")
    keys = [
        ("s", 6, "start"),
        ("*", 12, "30 steps: at the saddle"),
        ("^", 8, "last in view: escaping"),
    ]
    for marker, size, label in keys:
        axis.plot([], [], marker, color="gray", markersize=size, label=label)
    axis.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        fontsize=9,
        framealpha=0,
        handletextpad=0.2,
        columnspacing=1.0,
    )
    axis.set(xlim=(-limit, limit), ylim=(-limit, limit), ylabel="y")
    axis.set_xlabel("x", labelpad=0)
    axis.set_aspect("equal")
    return figure


def rosenbrock_paths() -> Figure:
    """Descent on the Rosenbrock function: slow along the valley, zig-zag across it.

    The three paths share the valley floor: each is drawn wider than the ones drawn
    after it, so the earlier ones show as a border around the later ones.
    """
    x, y, z = grid_values(rosenbrock, np.linspace(-2, 2, 321), np.linspace(-1, 3, 321))
    levels = [0.5, 2, 8, 30, 100, 300, 1000]  # about evenly spaced in log f
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 4.6), layout="constrained")
    left.contour(
        x, y, z, levels=levels, colors=level_colours(len(levels)), linewidths=0.9
    )
    starts = [(-1.2, 1.0), (-0.5, 2.5), (1.8, 2.0)]
    for start, colour, width in zip(starts, COLOURS, (5.0, 2.6, 1.0), strict=False):
        run = gradient_descent(rosenbrock_gradient, start, 0.001, steps=2000)
        draw_path(left, run.path, colour, markers=False, linewidth=width)
        left.plot([], [], "-", color=colour, linewidth=2, label=f"from {start}")
    left.plot(1, 1, "P", color="C3", markersize=11, zorder=5, label="minimum (1, 1)")
    left.legend(loc="lower right", fontsize=9, framealpha=0)
    left.set(xlim=(-2, 2), ylim=(-1, 3), xlabel="x", ylabel="y")
    left.set_title("2000 steps with α = 0.001", fontsize=11)
    zoom_x, zoom_y, zoom_z = grid_values(
        rosenbrock, np.linspace(-1.25, -0.75, 201), np.linspace(0.8, 1.2, 161)
    )
    right.contour(
        zoom_x, zoom_y, zoom_z, levels=[3.8, 4, 4.5, 6, 10], colors=level_colours(5)
    )
    zigzag = gradient_descent(rosenbrock_gradient, (-1.2, 1.0), 0.0019, steps=40)
    draw_path(right, zigzag.path, "C0")
    right.set(xlim=(-1.25, -0.75), ylim=(0.8, 1.2), xlabel="x")
    right.set_title("The first 40 steps with α = 0.0019", fontsize=11)
    for axis in (left, right):
        axis.set_aspect("equal")
    return figure


def himmelblau_paths() -> Figure:
    """Descent on Himmelblau's function from five starts: four different minima."""
    x, y, z = grid_values(himmelblau, np.linspace(-5, 5, 161), np.linspace(-5, 5, 161))
    figure, axis = plt.subplots(figsize=(5, 4.6), layout="constrained")
    levels = [2, 10, 30, 70, 130, 250, 450]
    axis.contour(x, y, z, levels=levels, colors=level_colours(len(levels)))
    starts = [(0.0, 0.0), (-1.0, 0.0), (-0.5, -2.5), (1.0, -4.5), (4.5, 4.5)]
    for start, colour in zip(starts, COLOURS, strict=True):
        run = gradient_descent(himmelblau_gradient, start, 0.01, tol=1e-6)
        draw_path(axis, run.path, colour)
    axis.set(xlim=(-5, 5), ylim=(-5, 5), xlabel="x", ylabel="y")
    axis.set_aspect("equal")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "saddle-paths": saddle_paths,
    "rosenbrock-paths": rosenbrock_paths,
    "himmelblau-paths": himmelblau_paths,
}
