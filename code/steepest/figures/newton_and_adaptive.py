"""Figures of the article "Newton's method, preconditioning and adaptive steps"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from steepest.functions import (
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
    skewed_bowl,
    skewed_bowl_gradient,
    skewed_bowl_hessian,
)
from steepest.newton import newton_method
from steepest.optimizers import gradient_descent
from steepest.rendering import level_colours
from steepest.update_rules import AdaGrad, Adam, RMSProp

ROSENBROCK_START = (-1.2, 1.0)
BOWL_ALPHA = 0.1  # every method on the bowl, for 40 steps
# Each method with its learning rate on Rosenbrock in the article's table.
METHODS = {
    "descent": (None, 10 ** (-11 / 4)),
    "AdaGrad": (AdaGrad(), 10 ** (-1 / 4)),
    "RMSProp": (RMSProp(), 10 ** (-12 / 4)),
    "Adam": (Adam(), 10 ** (-10 / 4)),
}
COLOURS = {
    "descent": "C0",
    "AdaGrad": "C1",
    "RMSProp": "C2",
    "Adam": "C4",
    "Newton": "C3",
}


def newton_convergence() -> Figure:
    """‖x⁽ᵏ⁾ − x*‖ on Rosenbrock from (−1.2, 1): Newton's method and descent, α = 0.001."""
    newton = newton_method(
        rosenbrock_gradient, rosenbrock_hessian, ROSENBROCK_START, tol=1e-10
    )
    descent = gradient_descent(rosenbrock_gradient, ROSENBROCK_START, 0.001, steps=40)
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for run, colour, label in [
        (descent, "C0", "gradient descent, α = 0.001"),
        (newton, "C3", "Newton's method"),
    ]:
        errors = np.linalg.norm(run.path - [1.0, 1.0], axis=1)
        shown = errors > 0  # an exact hit has no point on a log scale
        steps = np.arange(len(errors))
        axis.semilogy(
            steps[shown], errors[shown], "o-", color=colour, markersize=4, label=label
        )
    axis.set_xlabel("step k")
    axis.set_ylabel("‖x⁽ᵏ⁾ − x*‖")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


def adaptive_paths() -> Figure:
    """Paths on the skewed bowl (α = 0.1 for all) and on Rosenbrock (the table's α)."""
    figure, (bowl, valley) = plt.subplots(1, 2, figsize=(9, 4.6), layout="constrained")
    grid = np.linspace(-1.2, 1.2, 121)
    x, y = np.meshgrid(grid, grid)
    z = np.vectorize(lambda a, b: skewed_bowl((a, b)))(x, y)
    bowl.contour(
        x, y, z, levels=[0.05, 0.2, 0.5, 1, 2], colors=level_colours(5), linewidths=0.8
    )
    xs, ys = np.linspace(-1.6, 1.4, 241), np.linspace(-0.6, 2.2, 241)
    x, y = np.meshgrid(xs, ys)
    z = np.vectorize(lambda a, b: rosenbrock((a, b)))(x, y)
    levels = [0.5, 2, 8, 30, 100, 300]
    valley.contour(x, y, z, levels=levels, colors=level_colours(6), linewidths=0.8)
    for name, (rule, valley_alpha) in METHODS.items():
        colour = COLOURS[name]
        run = gradient_descent(
            skewed_bowl_gradient, (1.0, 0.5), BOWL_ALPHA, 40, rule=rule
        )
        bowl.plot(
            *run.path.T, "o-", color=colour, markersize=2, linewidth=1, label=name
        )
        run = gradient_descent(
            rosenbrock_gradient, ROSENBROCK_START, valley_alpha, 10_000, rule=rule
        )
        valley.plot(*run.path.T, "-", color=colour, linewidth=1.2, label=name)
    newton = newton_method(skewed_bowl_gradient, skewed_bowl_hessian, (1.0, 0.5), 1)
    bowl.plot(
        *newton.path.T, "o--", color=COLOURS["Newton"], markersize=4, label="Newton"
    )
    newton = newton_method(rosenbrock_gradient, rosenbrock_hessian, ROSENBROCK_START, 7)
    valley.plot(
        *newton.path.T, "o--", color=COLOURS["Newton"], markersize=4, label="Newton"
    )
    bowl.set(xlim=(-1.2, 1.2), ylim=(-1.2, 1.2), xlabel="x", ylabel="y")
    bowl.set_title(f"x² + 3y² + xy: 40 steps, α = {BOWL_ALPHA}", fontsize=11)
    valley.set(xlim=(-1.6, 1.4), ylim=(-0.6, 2.2), xlabel="x")
    valley.set_title("Rosenbrock: 10 000 steps (Newton: 7)", fontsize=11)
    for axis in (bowl, valley):
        minimum = (0, 0) if axis is bowl else (1, 1)
        axis.plot(*minimum, "P", color=plt.rcParams["text.color"], markersize=9)
        axis.set_aspect("equal")
    bowl.legend(fontsize=8, framealpha=0, loc="lower left")
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "newton-convergence": newton_convergence,
    "adaptive-paths": adaptive_paths,
}
