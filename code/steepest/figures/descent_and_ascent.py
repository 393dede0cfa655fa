"""Figures of the article "Gradient descent and gradient ascent"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import peak_and_pit, peak_and_pit_gradient
from steepest.optimizers import gradient_ascent, gradient_descent

# Contour levels of peak_and_pit, leaving out 0 (its zero set is the line x = 0).
LEVELS = [-0.4, -0.3, -0.2, -0.1, -0.03, 0.03, 0.1, 0.2, 0.3, 0.4]


def descent_vs_ascent() -> Figure:
    """Descent and ascent on x·exp(−x² − y²) from one start, side by side."""
    grid = np.linspace(-2, 2, 81)
    x, y = np.meshgrid(grid, grid)
    z = np.vectorize(lambda a, b: peak_and_pit((a, b)))(x, y)
    start = (0.1, 0.9)
    runs = {
        "Gradient descent: x ← x − α∇f(x)": gradient_descent(
            peak_and_pit_gradient, start, 0.5, 30
        ),
        "Gradient ascent: x ← x + α∇f(x)": gradient_ascent(
            peak_and_pit_gradient, start, 0.5, 30
        ),
    }
    figure, axes = plt.subplots(
        1, 2, figsize=(9, 4.4), sharey=True, layout="constrained"
    )
    for axis, (title, result), colour in zip(
        axes, runs.items(), ("C0", "C1"), strict=True
    ):
        axis.contour(x, y, z, levels=LEVELS, cmap="coolwarm", linewidths=1)
        axis.plot(*result.path.T, "o-", color=colour, markersize=3, linewidth=1.5)
        axis.plot(*result.path[0], "s", color=colour, markersize=7, label="start")
        axis.plot(*result.x, "*", color=colour, markersize=14, label="after 30 steps")
        axis.set_title(title, fontsize=11)
        axis.set_xlabel("x")
        axis.set_aspect("equal")
        axis.legend(loc="lower left", fontsize=9, framealpha=0)
    axes[0].set_ylabel("y")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "descent-vs-ascent": descent_vs_ascent,
}
