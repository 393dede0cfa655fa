"""Figures of the article "Learning rate and stopping"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import (
    narrow_valley_gradient,
    paraboloid_gradient,
    skewed_bowl,
    skewed_bowl_gradient,
)
from steepest.optimizers import gradient_descent
from steepest.rendering import level_colours

# Learning rates on x² + y², one per regime of the factor 1 − 2α.
REGIMES = {
    0.1: "monotone",
    0.4: "monotone, faster",
    0.5: "exact in one step",
    0.8: "oscillating",
    1.0: "stuck at ±x⁽⁰⁾",
    1.1: "divergent",
}
# The Hessian of skewed_bowl, f(x) = ½ xᵀAx.
SKEWED_BOWL_HESSIAN = np.array([[2.0, 1.0], [1.0, 6.0]])


def learning_rate_regimes() -> Figure:
    """x⁽ᵏ⁾ against k on x² + y² from (1, 1) for one learning rate per regime."""
    figure, axes = plt.subplots(2, 3, figsize=(9, 5), sharex=True, layout="constrained")
    steps = 12
    for axis, (alpha, regime) in zip(axes.flat, REGIMES.items(), strict=True):
        run = gradient_descent(paraboloid_gradient, [1.0, 1.0], alpha, steps)
        axis.axhline(0, color="C3", linewidth=0.8, alpha=0.6)
        axis.plot(run.path[:, 0], "o-", color="C0", markersize=3.5, linewidth=1.2)
        axis.set_title(
            f"α = {alpha}: factor {1 - 2 * alpha:+.1f}\n{regime}", fontsize=10
        )
        if alpha <= 1:
            axis.set_ylim(-1.25, 1.25)
        axis.grid(True, linewidth=0.5)
    for axis in axes[1]:
        axis.set_xlabel("step k")
    for axis in axes[:, 0]:
        axis.set_ylabel("first coordinate of x⁽ᵏ⁾")
    return figure


def stability_bound() -> Figure:
    """Descent on x² + 3y² + xy with α just below and just above 2/λmax."""
    bound = 2 / np.linalg.eigvalsh(SKEWED_BOWL_HESSIAN).max()
    grid = np.linspace(-1.6, 1.6, 81)
    x, y = np.meshgrid(grid, grid)
    z = np.vectorize(lambda a, b: skewed_bowl((a, b)))(x, y)
    figure, axes = plt.subplots(
        1, 2, figsize=(9, 4.4), sharey=True, layout="constrained"
    )
    for axis, factor, colour in zip(axes, (0.97, 1.03), ("C0", "C1"), strict=True):
        alpha = factor * bound
        run = gradient_descent(skewed_bowl_gradient, [1.0, 0.5], alpha, 30)
        axis.contour(
            x,
            y,
            z,
            levels=[0.1, 0.4, 1, 2, 4, 7],
            colors=level_colours(6),
            linewidths=0.8,
        )
        axis.plot(*run.path.T, "o-", color=colour, markersize=2.5, linewidth=1)
        axis.plot(*run.path[0], "s", color=colour, markersize=7)
        relation = "below" if factor < 1 else "above"
        axis.set_title(
            f"α = {alpha:.3f}, {abs(1 - factor):.0%} {relation} 2/λmax", fontsize=11
        )
        axis.set_xlabel("x")
        axis.set_xlim(-1.6, 1.6)
        axis.set_ylim(-1.6, 1.6)
        axis.set_aspect("equal")
    axes[0].set_ylabel("y")
    return figure


def gradient_versus_error() -> Figure:
    """‖∇f(x⁽ᵏ⁾)‖ and ‖x⁽ᵏ⁾ − x*‖ along descent on the narrow valley (x² + 0.01 y²)/2."""
    run = gradient_descent(narrow_valley_gradient, [1.0, 10.0], 1.0, 1200)
    gradient_norms = np.linalg.norm(
        [narrow_valley_gradient(p) for p in run.path], axis=1
    )
    errors = np.linalg.norm(run.path, axis=1)
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    axis.semilogy(errors, color="C0", linewidth=2, label="error ‖x⁽ᵏ⁾ − x*‖")
    axis.semilogy(
        gradient_norms / 0.01,
        color="C1",
        linewidth=1.2,
        linestyle="--",
        label="bound ‖∇f(x⁽ᵏ⁾)‖ / λmin",
    )
    axis.semilogy(
        gradient_norms, color="C2", linewidth=1.5, label="gradient ‖∇f(x⁽ᵏ⁾)‖"
    )
    axis.axhline(1e-2, color="C3", linewidth=0.8, linestyle=":")
    axis.annotate(
        "tol = 0.01",
        (1200, 1e-2),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        fontsize=9,
        color="C3",
    )
    axis.set_xlabel("step k")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "learning-rate-regimes": learning_rate_regimes,
    "stability-bound": stability_bound,
    "gradient-versus-error": gradient_versus_error,
}
