"""Figures of the article "Gradient descent and gradient ascent"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import peak_and_pit, peak_and_pit_gradient
from steepest.optimizers import OptimizeResult, gradient_ascent, gradient_descent
from steepest.rendering import diverging_colormap

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


FIGURES: dict[str, Callable[[], Figure]] = {
    "descent-vs-ascent": descent_vs_ascent,
    "descent-and-negated-ascent": descent_and_negated_ascent,
}
