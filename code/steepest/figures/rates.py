"""Figures of the article "How fast: convexity, smoothness and rates"."""

import functools
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from steepest.functions import huber, huber_gradient, quartic, quartic_gradient
from steepest.logistic import log_likelihood, log_likelihood_gradient, make_data
from steepest.optimizers import gradient_ascent, gradient_descent
from steepest.update_rules import Backtracking

# The quadratic ½(μx² + Ly²) of the linear rate.
QUADRATIC_CURVATURES = (1.0, 10.0)
# The six separated points of the logistic example: labels 1 where the feature is > 0.
SEPARATED_FEATURE = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])


def sublinear_linear() -> Figure:
    """The gap f(x⁽ᵏ⁾) − f* on x⁴ and a Huber function (log–log), and on a quadratic."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 4.1), layout="constrained")
    x0, alpha, steps = 1.0, 0.05, 10000
    run = gradient_descent(quartic_gradient, [x0], alpha, steps)
    k = np.arange(1, steps + 1)
    left.loglog(k, [quartic(x) for x in run.path[1:]], color="C0", linewidth=2)
    left.loglog(k, x0**2 / (2 * alpha * k), "--", color="C0", linewidth=1)
    horizon = 1000
    width = 1 / (2 * horizon + 1)
    huber_run = gradient_descent(
        lambda x: huber_gradient(x, width), [1.0], 1.0, horizon
    )
    huber_gap = [huber(x, width) for x in huber_run.path[1:]]
    left.loglog(k[:horizon], huber_gap, color="C1", linewidth=2)
    left.loglog(k[:horizon], 1 / (2 * k[:horizon]), "--", color="C1", linewidth=1)
    left.text(30, 2.5, "bound on x⁴: 1/(2αk)", color="C0", fontsize=9)
    left.text(1.3, 1.2e-4, "Huber, τ for N = 1000", color="C1", fontsize=9)
    left.text(1.3, 4e-3, "its bound 1/(2k)", color="C1", fontsize=9)
    left.text(1.3, 1e-6, "x⁴ from x⁽⁰⁾ = 1: slope −2", color="C0", fontsize=9)
    left.set_title("convex: sublinear (x⁴ L-smooth on |x| ≤ 1)", fontsize=11)
    left.set_xlabel("step k")
    left.set_ylabel("f(x⁽ᵏ⁾) − f*")
    mu, lipschitz = QUADRATIC_CURVATURES
    hessian = np.diag(QUADRATIC_CURVATURES)
    bowl = gradient_descent(lambda p: hessian @ p, [1.0, 1.0], 1 / lipschitz, 200)
    gap = np.array([p @ hessian @ p / 2 for p in bowl.path])
    steps_bowl = np.arange(gap.size)
    right.semilogy(steps_bowl, gap, color="C2", linewidth=2, label="f(x⁽ᵏ⁾) − f*")
    right.semilogy(
        steps_bowl,
        (1 - mu / lipschitz) ** steps_bowl * gap[0],
        "--",
        color="C2",
        linewidth=1,
        label="bound (1 − μ/L)ᵏ (f(x⁽⁰⁾) − f*)",
    )
    right.set_title("μ = 1, L = 10, α = 1/L: linear", fontsize=11)
    right.set_xlabel("step k")
    right.legend(fontsize=9, framealpha=0)
    for axis in (left, right):
        axis.grid(True, linewidth=0.5)
    return figure


@functools.cache  # computed once for both palettes
def separated_climb(steps: int) -> tuple[np.ndarray, float]:
    """The path of ascent with α = 1/L on the six separated points, and that α."""
    X = np.column_stack([np.ones(SEPARATED_FEATURE.size), SEPARATED_FEATURE])
    y = (SEPARATED_FEATURE > 0).astype(float)
    alpha = 4 / np.linalg.eigvalsh(X.T @ X).max()
    run = gradient_ascent(
        lambda t: log_likelihood_gradient(t, X, y), np.zeros(2), alpha, steps
    )
    return run.path, alpha


def separable_growth() -> Figure:
    """‖θ⁽ᵏ⁾‖ against k (log axis) on separated data, with ln(2αk)."""
    path, alpha = separated_climb(100_000)
    k = np.arange(1, path.shape[0])
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    axis.semilogx(k, np.linalg.norm(path[1:], axis=1), color="C0", linewidth=2)
    axis.semilogx(k, np.log(2 * alpha * k), "--", color="C1", linewidth=1.2)
    axis.text(3e3, 5.0, "‖θ⁽ᵏ⁾‖", color="C0", fontsize=10)
    axis.text(3e1, 5.5, "ln(2αk)", color="C1", fontsize=10)
    axis.set_xlabel("step k")
    axis.set_ylabel("‖θ⁽ᵏ⁾‖")
    axis.grid(True, linewidth=0.5)
    return figure


def backtracking_steps() -> Figure:
    """The α that backtracking accepts at each step, against 1/L and 2/L."""
    X, y = make_data()
    lipschitz = np.linalg.eigvalsh(X.T @ X).max() / 4

    def loss(theta: np.ndarray) -> float:
        return -log_likelihood(theta, X, y)

    run = gradient_descent(
        lambda t: -log_likelihood_gradient(t, X, y),
        np.zeros(2),
        1.0,
        10_000,
        tol=1e-6,
        rule=Backtracking(loss),
    )
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    k = np.arange(run.iterations)
    axis.semilogy(k, run.step_sizes, "o-", color="C0", markersize=4, linewidth=1)
    for value, name in ((1 / lipschitz, "1/L"), (2 / lipschitz, "2/L")):
        axis.axhline(value, color="C3", linewidth=0.9, linestyle=":")
        axis.annotate(
            f"fixed {name} = {value:.3f}",
            (run.iterations - 1, value),
            xytext=(0, 4),
            textcoords="offset points",
            ha="right",
            fontsize=9,
            color="C3",
        )
    axis.set_ylim(0.02, 1.0)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlabel("step k")
    axis.set_ylabel("accepted α")
    axis.grid(True, linewidth=0.5)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "rates-sublinear-linear": sublinear_linear,
    "rates-separable-growth": separable_growth,
    "rates-backtracking-steps": backtracking_steps,
}
