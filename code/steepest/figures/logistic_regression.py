"""Figures of the article "Logistic regression by gradient ascent"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.logistic import (
    log_likelihood,
    log_likelihood_gradient,
    make_data,
    sigmoid,
)
from steepest.optimizers import gradient_ascent
from steepest.rendering import level_colours

LEARNING_RATE = 0.05
TOL = 1e-6


def fit() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The article's data set and the ascent path to its maximum-likelihood estimate."""
    X, y = make_data()
    run = gradient_ascent(
        lambda theta: log_likelihood_gradient(theta, X, y),
        np.zeros(2),
        LEARNING_RATE,
        tol=TOL,
    )
    return X, y, run.path


def logistic_fit() -> Figure:
    """The labels against the feature, with the fitted probability σ(θ₀ + θ₁x)."""
    X, y, path = fit()
    theta = path[-1]
    grid = np.linspace(-3.2, 3.2, 161)
    figure, axis = plt.subplots(figsize=(7, 3.6), layout="constrained")
    axis.plot(
        grid,
        sigmoid(theta[0] + theta[1] * grid),
        color="C0",
        label="fitted σ(θ₀ + θ₁x)",
    )
    for label, colour in ((0, "C1"), (1, "C2")):
        chosen = y == label
        axis.plot(
            X[chosen, 1], y[chosen], "o", color=colour, alpha=0.8, label=f"y = {label}"
        )
    axis.axhline(0.5, color="C3", linestyle=":", linewidth=1)
    axis.set(xlabel="feature x", ylabel="probability that y = 1", ylim=(-0.08, 1.08))
    axis.legend(loc="upper left", bbox_to_anchor=(0, 0.88), fontsize=9, framealpha=0)
    return figure


def logistic_ascent_path() -> Figure:
    """Contours of the log-likelihood in the (θ₀, θ₁) plane and the ascent path."""
    X, y, path = fit()
    grid0, grid1 = np.linspace(-1.5, 2.5, 81), np.linspace(-0.5, 3.0, 71)
    theta0, theta1 = np.meshgrid(grid0, grid1)
    values = np.vectorize(lambda a, b: log_likelihood((a, b), X, y))(theta0, theta1)
    best = log_likelihood(path[-1], X, y)
    figure, axis = plt.subplots(figsize=(6, 5), layout="constrained")
    levels = best - np.array([40, 20, 10, 5, 2, 0.5])
    axis.contour(
        theta0, theta1, values, levels=levels, colors=level_colours(len(levels))
    )
    axis.plot(*path.T, "o-", color="C0", markersize=2.5, linewidth=1.3)
    axis.plot(*path[0], "s", color="C0", markersize=6, label="start (0, 0)")
    axis.plot(
        *path[-1], "*", color="C1", markersize=13, label="maximum-likelihood estimate"
    )
    axis.set(xlabel="θ₀ (intercept)", ylabel="θ₁ (slope)")
    axis.set_aspect("equal")
    axis.legend(loc="lower right", fontsize=9, framealpha=0)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "logistic-fit": logistic_fit,
    "logistic-ascent-path": logistic_ascent_path,
}
