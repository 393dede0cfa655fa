"""Figures of the article "Linear regression by gradient descent"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from steepest.optimizers import gradient_descent
from steepest.regression import (
    example_data,
    mean_squared_error,
    mean_squared_error_gradient,
)
from steepest.rendering import level_colours

# Contour levels of f − f(θ*).
CONTOUR_LEVELS = [0.02, 0.1, 0.3, 1, 3, 8]


def centred(X: NDArray[np.float64]) -> NDArray[np.float64]:
    """The design matrix with its feature column (not the intercept) centred."""
    return np.column_stack([X[:, 0], X[:, 1] - X[:, 1].mean()])


def best_learning_rate(X: NDArray[np.float64]) -> float:
    """α = 2/(λmin + λmax) for the eigenvalues of XᵀX/m."""
    eigenvalues = np.linalg.eigvalsh(X.T @ X / len(X))
    return float(2 / (eigenvalues.min() + eigenvalues.max()))


def loss_gaps(
    X: NDArray[np.float64], y: NDArray[np.float64], alpha: float, steps: int
) -> NDArray[np.float64]:
    """f(θ⁽ᵏ⁾) − f(θ*) along gradient descent from θ⁽⁰⁾ = 0, θ* the least-squares fit."""
    theta_star = np.linalg.lstsq(X, y)[0]
    lowest = mean_squared_error(theta_star, X, y)
    run = gradient_descent(
        lambda theta: mean_squared_error_gradient(theta, X, y),
        np.zeros(2),
        alpha,
        steps,
    )
    return np.array([mean_squared_error(theta, X, y) - lowest for theta in run.path])


def _loss_gap_plot(
    runs: list[tuple[str, NDArray[np.float64], float, str]], steps: int, top: float
) -> Figure:
    """f(θ⁽ᵏ⁾) − f(θ*) on a log scale, one curve per run (label, X, α, colour).

    A curve ends where the gap falls below 1e-13 (rounding noise) or rises above top.
    """
    _, y = example_data()
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for label, design, alpha, colour in runs:
        gaps = loss_gaps(design, y, alpha, steps)
        visible = np.cumprod((gaps > 1e-13) & (gaps < top)).astype(bool)
        axis.semilogy(gaps[visible], color=colour, linewidth=1.5, label=label)
    axis.set_ylim(1e-13, top)
    axis.set_xlabel("step k")
    axis.set_ylabel("f(θ⁽ᵏ⁾) − f(θ*)")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


def regression_learning_rates() -> Figure:
    """f(θ⁽ᵏ⁾) − f(θ*) for a small, the best and a too large learning rate."""
    X, _ = example_data()
    bound = 2 / np.linalg.eigvalsh(X.T @ X / len(X)).max()
    runs = [
        ("α = 0.05: converges slowly", X, 0.05, "C0"),
        (f"α = {best_learning_rate(X):.4f}: the best", X, best_learning_rate(X), "C2"),
        (f"α = {1.02 * bound:.4f}, 2% above 2/λmax: diverges", X, 1.02 * bound, "C1"),
    ]
    return _loss_gap_plot(runs, steps=300, top=1e4)


def regression_loss_curves() -> Figure:
    """f(θ⁽ᵏ⁾) − f(θ*) on a log scale for several learning rates, raw and centred."""
    X, _ = example_data()
    runs = [
        ("α = 0.01", X, 0.01, "C0"),
        ("α = 0.1", X, 0.1, "C1"),
        (f"best α = {best_learning_rate(X):.4f}", X, best_learning_rate(X), "C2"),
        (
            f"centred feature, best α = {best_learning_rate(centred(X)):.4f}",
            centred(X),
            best_learning_rate(centred(X)),
            "C3",
        ),
    ]
    return _loss_gap_plot(runs, steps=600, top=10)


def regression_paths() -> Figure:
    """Contours of f over (θ₀, θ₁) with descent paths, raw and with a centred feature."""
    X, y = example_data()
    panels = [
        ("Raw feature x", X, [(0.01, 1000, "C0"), (0.1, 300, "C2")]),
        (
            "Centred feature x − x̄",
            centred(X),
            [(best_learning_rate(centred(X)), 10, "C3")],
        ),
    ]
    figure, axes = plt.subplots(1, 2, figsize=(9, 4.2), layout="constrained")
    for axis, (title, design, runs) in zip(axes, panels, strict=True):
        theta_star = np.linalg.lstsq(design, y)[0]
        lowest = mean_squared_error(theta_star, design, y)
        grid0 = np.linspace(-0.5, 4.5, 81)
        grid1 = np.linspace(-0.5, 2.0, 61)
        t0, t1 = np.meshgrid(grid0, grid1)
        z = np.vectorize(lambda a, b, d=design: mean_squared_error((a, b), d, y))(
            t0, t1
        )
        axis.contour(
            t0,
            t1,
            z - lowest,
            levels=CONTOUR_LEVELS,
            colors=level_colours(len(CONTOUR_LEVELS)),
            linewidths=0.8,
        )
        # Drawn widest first: the later, narrower paths show on top of the earlier ones.
        widths = np.linspace(3.6, 1.2, len(runs)) if len(runs) > 1 else [1.2]
        for (alpha, steps, colour), width in zip(runs, widths, strict=True):
            run = gradient_descent(
                lambda t, d=design: mean_squared_error_gradient(t, d, y),
                np.zeros(2),
                alpha,
                steps,
            )
            axis.plot(
                *run.path.T,
                "o-",
                color=colour,
                markersize=3,
                markevery=max(1, steps // 20),  # few markers keep the SVG small
                linewidth=width,
                label=f"α = {alpha:.4g}, {steps} steps",
            )
        axis.plot(*theta_star, "*", color="C1", markersize=12, label="least squares")
        axis.plot(0, 0, "s", color="C1", markersize=6, label="start at 0")
        axis.set_title(title, fontsize=11)
        raw = design is X
        axis.set_xlabel("θ₀ (intercept)" if raw else "c₀ (value at x̄)")
        axis.set_ylabel("θ₁ (slope)" if raw else "c₁ (slope)")
        axis.set_aspect("equal")
        axis.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=9, framealpha=0
        )
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "regression-loss-curves": regression_loss_curves,
    "regression-paths": regression_paths,
    "regression-learning-rates": regression_learning_rates,
}
