"""Figures of the article "Momentum and Nesterov's method"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.explorables import (
    MOMENTUM_ALPHAS,
    MOMENTUM_BETAS,
    VALLEY_EIGENVALUES,
    rate_map,
)
from steepest.functions import narrow_valley, narrow_valley_gradient
from steepest.optimizers import OptimizeResult, gradient_descent
from steepest.rates import (
    gradient_descent_rate,
    heavy_ball_rate,
    nesterov_rate,
    optimal_heavy_ball,
    optimal_learning_rate,
)
from steepest.rendering import level_colours
from steepest.update_rules import HeavyBall, Nesterov

START = (1.0, 10.0)
OVERSHOOTING = 0.95  # a momentum too large: every eigenvalue's roots are complex


def valley_runs(steps: int) -> dict[str, tuple[OptimizeResult, float]]:
    """The page's runs from START: label → (result, predicted rate)."""
    mu, lipschitz = VALLEY_EIGENVALUES
    descent_alpha = optimal_learning_rate(mu, lipschitz)
    alpha, beta = optimal_heavy_ball(mu, lipschitz)
    nesterov_beta = (np.sqrt(lipschitz / mu) - 1) / (np.sqrt(lipschitz / mu) + 1)
    runs = {
        f"gradient descent, α = {descent_alpha:.2f}": (
            gradient_descent(narrow_valley_gradient, START, descent_alpha, steps),
            gradient_descent_rate(descent_alpha, VALLEY_EIGENVALUES),
        ),
        f"heavy ball, α* = {alpha:.2f}, β* = {beta:.2f}": (
            gradient_descent(
                narrow_valley_gradient, START, alpha, steps, rule=HeavyBall(beta)
            ),
            heavy_ball_rate(alpha, beta, VALLEY_EIGENVALUES),
        ),
        f"Nesterov, α = 1, β = {nesterov_beta:.2f}": (
            gradient_descent(
                narrow_valley_gradient,
                START,
                1 / lipschitz,
                steps,
                rule=Nesterov(nesterov_beta),
            ),
            nesterov_rate(1 / lipschitz, nesterov_beta, VALLEY_EIGENVALUES),
        ),
        f"heavy ball, α* = {alpha:.2f}, β = {OVERSHOOTING}": (
            gradient_descent(
                narrow_valley_gradient,
                START,
                alpha,
                steps,
                rule=HeavyBall(OVERSHOOTING),
            ),
            heavy_ball_rate(alpha, OVERSHOOTING, VALLEY_EIGENVALUES),
        ),
    }
    return runs


def valley_contours(axis: plt.Axes, x_limit: float, y_limit: float) -> None:
    """Contours of the narrow valley on [−x_limit, x_limit] × [−y_limit, y_limit]."""
    x, y = np.meshgrid(
        np.linspace(-x_limit, x_limit, 121), np.linspace(-y_limit, y_limit, 121)
    )
    z = np.vectorize(lambda a, b: narrow_valley((a, b)))(x, y)
    levels = [0.5 * (r / 10) ** 2 for r in (1.0, 2.0, 4.0, 8.0, 12.0)]
    axis.contour(x, y, z, levels=levels, colors=level_colours(5), linewidths=0.8)


def momentum_paths() -> Figure:
    """100 steps from (1, 10): descent, the tuned heavy ball, a too-heavy ball."""
    runs = valley_runs(100)
    shown = [label for label in runs if not label.startswith("Nesterov")]
    figure, axes = plt.subplots(
        1, 3, figsize=(9, 3.95), sharey=True, layout="constrained"
    )
    for axis, label, colour in zip(axes, shown, ("C0", "C2", "C1"), strict=True):
        run = runs[label][0]
        valley_contours(axis, 4, 13)
        axis.plot(*run.path.T, "o-", color=colour, markersize=2, linewidth=0.9)
        axis.plot(*run.path[0], "s", color=colour, markersize=6)
        axis.plot(0, 0, "+", color="C3", markersize=9)
        axis.set_title(label.replace(", α", "\nα"), fontsize=10)
        axis.set_xlim(-4, 4)
        axis.set_ylim(-13, 13)
        axis.set_xlabel("x")
    axes[0].set_ylabel("y")
    return figure


def momentum_errors() -> Figure:
    """‖x⁽ᵏ⁾ − x*‖/‖x⁽⁰⁾‖ for descent, heavy ball and Nesterov, with ρᵏ dashed."""
    steps = 400
    runs = valley_runs(steps)
    figure, axis = plt.subplots(figsize=(7, 3.85), layout="constrained")
    k = np.arange(steps + 1)
    colours = ("C0", "C2", "C4")
    labels = [label for label in runs if "β = 0.95" not in label]
    for label, colour in zip(labels, colours, strict=True):
        run, rate = runs[label]
        error = np.linalg.norm(run.path, axis=1) / np.linalg.norm(START)
        axis.semilogy(k, error, color=colour, linewidth=1.8, label=label)
        axis.semilogy(k, rate**k, color=colour, linewidth=1, linestyle="--", alpha=0.8)
    axis.set_xlabel("step k")
    axis.set_ylabel("‖x⁽ᵏ⁾ − x*‖ / ‖x⁽⁰⁾‖")
    axis.set_ylim(1e-36, 3)
    axis.legend(fontsize=9, framealpha=0, loc="lower left")
    axis.grid(True, linewidth=0.5)
    return figure


def momentum_rate_map() -> Figure:
    """ρ(α, β) of the heavy ball on the narrow valley; blank where ρ ≥ 1."""
    rates = rate_map(MOMENTUM_ALPHAS, MOMENTUM_BETAS)
    shown = np.ma.masked_where(rates >= 1, rates)
    step_a, step_b = MOMENTUM_ALPHAS[1] - MOMENTUM_ALPHAS[0], MOMENTUM_BETAS[1]
    edges_a = np.r_[MOMENTUM_ALPHAS - step_a / 2, MOMENTUM_ALPHAS[-1] + step_a / 2]
    edges_b = np.r_[MOMENTUM_BETAS - step_b / 2, MOMENTUM_BETAS[-1] + step_b / 2]
    figure, axis = plt.subplots(figsize=(7, 4.55), layout="constrained")
    mesh = axis.pcolormesh(
        edges_a, edges_b, shown, cmap="viridis", vmin=0.8, vmax=1.0, rasterized=True
    )
    figure.colorbar(mesh, ax=axis, label="rate ρ (error factor per step)")
    alpha, beta = optimal_heavy_ball(*VALLEY_EIGENVALUES)
    axis.plot(alpha, beta, "x", color="C1", markersize=10, markeredgewidth=2.5)
    axis.annotate(
        f"α* = {alpha:.2f}, β* = {beta:.2f}",
        (alpha, beta),
        xytext=(2.75, 0.2),
        textcoords="data",
        ha="left",
        color="C1",
        arrowprops={"arrowstyle": "-", "color": "C1", "linewidth": 0.8},
        fontsize=10,
    )
    betas = np.linspace(0, 1, 50)
    axis.plot(2 * (1 + betas), betas, color="C3", linewidth=1, linestyle="--")
    axis.text(2.6, 0.02, "α = 2(1 + β)", color="C3", fontsize=10, ha="left")
    axis.set_xlim(edges_a[0], edges_a[-1])
    axis.set_ylim(edges_b[0], edges_b[-1])
    axis.set_xlabel("learning rate α")
    axis.set_ylabel("momentum β")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "momentum-paths": momentum_paths,
    "momentum-errors": momentum_errors,
    "momentum-rate-map": momentum_rate_map,
}
