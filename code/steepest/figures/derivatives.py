"""Figures of the article "Derivatives and numerical differentiation"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.differentiation import (
    EPSILON,
    backward_difference,
    central_difference,
    forward_difference,
)

POINT = 1.0  # every figure differentiates sin at x = 1
STEPS = np.logspace(-15, 0, 61)
METHODS = {
    "forward": forward_difference,
    "backward": backward_difference,
    "central": central_difference,
}


def difference_errors(
    f: Callable[[float], float] = np.sin,
    derivative: Callable[[float], float] = np.cos,
    x: float = POINT,
    steps: np.ndarray = STEPS,
) -> dict[str, np.ndarray]:
    """Absolute error |D_h f(x) − f'(x)| of each difference quotient for every step h."""
    exact = derivative(x)
    return {
        name: np.array([abs(method(f, x, h) - exact) for h in steps])
        for name, method in METHODS.items()
    }


def secant_slopes() -> Figure:
    """Secants of sin through x = 1 and x + h turning into the tangent as h shrinks."""
    grid = np.linspace(0.2, 2.4, 81)
    figure, axis = plt.subplots(figsize=(6, 3.6), layout="constrained")
    axis.plot(grid, np.sin(grid), color="C0", linewidth=2, label="f(x) = sin x")
    for h, alpha in ((1.2, 0.45), (0.6, 0.7), (0.3, 1.0)):
        slope = forward_difference(np.sin, POINT, h)
        axis.plot(
            grid,
            np.sin(POINT) + slope * (grid - POINT),
            color="C1",
            alpha=alpha,
            linewidth=1.2,
            label=f"secant, h = {h}: slope {slope:.3f}",
        )
        axis.plot(POINT + h, np.sin(POINT + h), "o", color="C1", alpha=alpha)
    axis.plot(
        grid,
        np.sin(POINT) + np.cos(POINT) * (grid - POINT),
        "--",
        color="C2",
        linewidth=1.5,
        label=f"tangent: slope cos 1 = {np.cos(POINT):.3f}",
    )
    axis.plot(POINT, np.sin(POINT), "o", color="C0", markersize=7)
    axis.set_xlim(grid[0], grid[-1])
    axis.set_ylim(0.1, 1.4)
    axis.set_xlabel("x")
    axis.set_ylabel("y")
    axis.legend(loc="lower right", fontsize=9, framealpha=0)
    return figure


def error_against_step() -> Figure:
    """Log-log plot of the error of the three differences of sin at 1 against h."""
    errors = difference_errors()
    figure, axis = plt.subplots(figsize=(7, 4.4), layout="constrained")
    styles = {
        "forward": ("C0", "o", 1.0),
        "backward": ("C3", "x", 0.8),
        "central": ("C1", "s", 1.0),
    }
    for name, error in errors.items():
        colour, marker, alpha = styles[name]
        shown = error > 0  # an exact hit has no logarithm
        axis.loglog(
            STEPS[shown],
            error[shown],
            marker=marker,
            markersize=3.5,
            linewidth=1,
            color=colour,
            alpha=alpha,
            label=name,
        )
    # Reference lines of slope 1 and 2: ten times the leading truncation terms,
    # h |f''(1)| / 2 (one-sided) and h² |f'''(1)| / 6 (central), drawn above the data.
    references = ((1, np.sin(POINT) / 2, 1e-7), (2, np.cos(POINT) / 6, 1e-4))
    for order, coefficient, start in references:
        h = np.array([start, 1.0])
        line = 10 * coefficient * h**order
        axis.loglog(h, line, ":", color="gray", linewidth=1.5)
        axis.annotate(
            f"slope {order}",
            (h[0], line[0]),
            textcoords="offset points",
            xytext=(-4, 2),
            ha="right",
            fontsize=9,
            color="gray",
        )
    rounding = EPSILON / STEPS
    axis.loglog(STEPS, rounding, "--", color="gray", linewidth=1)
    axis.annotate(
        "rounding: ε / h",
        (1e-13, EPSILON / 1e-13),
        textcoords="offset points",
        xytext=(6, 6),
        fontsize=9,
        color="gray",
    )
    for h, label in ((np.sqrt(EPSILON), "√ε"), (np.cbrt(EPSILON), "∛ε")):
        axis.axvline(h, color="gray", linewidth=0.8, alpha=0.6)
        axis.annotate(label, (h, 3e1), ha="center", fontsize=10, color="gray")
    axis.set_xlim(STEPS[0], STEPS[-1])
    axis.set_ylim(1e-13, 1e2)
    axis.set_xlabel("step h")
    axis.set_ylabel("|error| of the derivative of sin at 1")
    axis.legend(loc="lower left", fontsize=9, framealpha=0)
    axis.grid(True, which="major", linewidth=0.5)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "secant-slopes": secant_slopes,
    "difference-errors": error_against_step,
}
