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

COLOURS = ("C0", "C1", "C2", "C3")


def level_colours(count: int) -> np.ndarray:
    """Contour line colours: the middle of viridis, readable on white and on slate."""
    return plt.get_cmap("viridis")(np.linspace(0.3, 0.85, count))


def grid_values(
    f: Callable[[np.ndarray], float], xs: np.ndarray, ys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The mesh of xs × ys and f on it."""
    x, y = np.meshgrid(xs, ys)
    return x, y, np.vectorize(lambda a, b: f(np.array([a, b])))(x, y)


def draw_path(axis: Axes, path: np.ndarray, colour: str, markers: bool = True) -> None:
    """A path as a line, its start as a square and its end as a star."""
    style = "o-" if markers else "-"
    axis.plot(*path.T, style, color=colour, markersize=2.5, linewidth=1.3)
    axis.plot(*path[0], "s", color=colour, markersize=6)
    axis.plot(*path[-1], "*", color=colour, markersize=12)


def saddle_paths() -> Figure:
    """Descent on x² − y² with α = 0.1: on the x-axis into the saddle, off it away."""
    x, y, z = grid_values(saddle, np.linspace(-2, 2, 61), np.linspace(-2, 2, 61))
    figure, axis = plt.subplots(figsize=(5, 4.6), layout="constrained")
    axis.contour(x, y, z, levels=np.linspace(-3.5, 3.5, 8), cmap="coolwarm")
    starts = [(-1.8, 0.0), (1.8, 0.0), (1.8, 0.05), (-1.8, -0.2)]
    for start, colour in zip(starts, COLOURS, strict=False):
        steps = 30 if start[1] == 0 else 14
        draw_path(
            axis, gradient_descent(saddle_gradient, start, 0.1, steps).path, colour
        )
    axis.set(xlim=(-2, 2), ylim=(-2, 2), xlabel="x", ylabel="y")
    axis.set_aspect("equal")
    return figure


def rosenbrock_paths() -> Figure:
    """Descent on the Rosenbrock function: slow along the valley, zig-zag across it."""
    x, y, z = grid_values(rosenbrock, np.linspace(-2, 2, 81), np.linspace(-1, 3, 81))
    levels = [0.5, 2, 8, 30, 100, 300, 1000]
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 4.4), layout="constrained")
    left.contour(x, y, z, levels=levels, colors=level_colours(len(levels)))
    starts = [(-1.2, 1.0), (-0.5, 2.5), (1.8, 2.0)]
    for start, colour in zip(starts, COLOURS, strict=False):
        run = gradient_descent(rosenbrock_gradient, start, 0.001, steps=2000)
        draw_path(left, run.path, colour, markers=False)
    left.plot(1, 1, "P", color="C3", markersize=11, zorder=5, label="minimum (1, 1)")
    left.legend(loc="lower right", fontsize=9, framealpha=0)
    left.set(xlim=(-2, 2), ylim=(-1, 3), xlabel="x", ylabel="y")
    left.set_title("2000 steps with α = 0.001", fontsize=11)
    zoom_x, zoom_y, zoom_z = grid_values(
        rosenbrock, np.linspace(-1.25, -0.75, 61), np.linspace(0.8, 1.2, 49)
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
    """Descent on Himmelblau's function from six starts: four different minima."""
    x, y, z = grid_values(himmelblau, np.linspace(-5, 5, 81), np.linspace(-5, 5, 81))
    figure, axis = plt.subplots(figsize=(5, 4.6), layout="constrained")
    levels = [2, 10, 30, 70, 130, 250, 450]
    axis.contour(x, y, z, levels=levels, colors=level_colours(len(levels)))
    starts = [(0.0, 0.0), (-1.0, 0.0), (-0.5, -2.5), (1.0, -4.5), (4.5, 4.5)]
    for number, start in enumerate(starts):
        run = gradient_descent(himmelblau_gradient, start, 0.01, tol=1e-6)
        draw_path(axis, run.path, COLOURS[number % len(COLOURS)])
    axis.set(xlim=(-5, 5), ylim=(-5, 5), xlabel="x", ylabel="y")
    axis.set_aspect("equal")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "saddle-paths": saddle_paths,
    "rosenbrock-paths": rosenbrock_paths,
    "himmelblau-paths": himmelblau_paths,
}
