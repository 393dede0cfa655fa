"""Gradient descent and gradient ascent: one iteration, two directions.

The same loop runs every method of the course: momentum, adaptive steps and line
search (`steepest.update_rules`), minibatches (`steepest.stochastic`) and Newton's
method (`steepest.newton`).
"""

# --8<-- [start:imports]
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.update_rules import FixedStep, UpdateRule, as_rule
from steepest.validation import (
    gradient_at,
    optional_positive_number,
    positive_number,
    real_vector,
    require_callable,
    sign,
    start_gradient,
    step_budget,
)

Gradient = Callable[[NDArray[np.float64]], ArrayLike]
"""The type of `grad`: takes a point x, returns ∇f(x) with x's shape."""
# --8<-- [end:imports]


# --8<-- [start:result]
@dataclass(frozen=True)
class OptimizeResult:
    """What an optimiser returns.

    Attributes:
        x: The final point, the last row of `path`.
        path: Every point visited, shape (iterations + 1, n), starting with x⁽⁰⁾.
            All of them are finite. A run stores at most PATH_LIMIT = 10⁷ numbers
            (80 MB), so steps ≤ 10⁷ // n − 1: 4,999,999 for n = 2.
        iterations: The number of steps taken.
        converged: True when ‖∇f(x)‖ ≤ tol was reached (always False without a tol).
        diverged: True when the run stopped because the iterates diverged (see
            `follow_gradient`); then `converged` is False.
        step_sizes: The learning rate each step used, shape (iterations,): α every
            time for a fixed step, the α a line search accepted, αₖ of a schedule.
        evaluations: How many times the run evaluated f (only a line search does;
            gradients are not counted).
    """

    x: NDArray[np.float64]
    path: NDArray[np.float64]
    iterations: int
    converged: bool
    diverged: bool
    step_sizes: NDArray[np.float64] = field(default_factory=lambda: np.empty(0))
    evaluations: int = 0
    # --8<-- [end:result]


# --8<-- [start:divergence]
GROWTH_LIMIT = 1e12
"""The iterates have diverged once ‖x⁽ᵏ⁾‖ > GROWTH_LIMIT · max(1, ‖x⁽⁰⁾‖)."""


def norm(v: NDArray[np.float64]) -> float:
    """‖v‖ = √(v · v), as np.linalg.norm(v) computes it for a vector, without its
    per-call cost (the loop takes one or two norms a step). NaN if v holds NaN,
    else inf if it holds ±inf or v · v overflows.
    """
    return math.sqrt(v.dot(v))


def bounded_gradient(
    grad: Gradient, x: NDArray[np.float64], bound: float
) -> NDArray[np.float64] | None:
    """∇f(x), or None if the iterates diverged: x or ∇f(x) not finite, or ‖x‖ > bound."""
    if not norm(x) <= bound:  # not <=, so that a NaN norm (x holds NaN) fails too
        return None
    gradient = gradient_at(grad, x)
    return gradient if np.isfinite(gradient).all() else None


def warn_divergence(step: int, learning_rate: float, direction: int) -> None:
    """Emit the RuntimeWarning of a diverged run, naming both possible causes."""
    unbounded = "below" if direction < 0 else "above"
    warnings.warn(
        f"the iterates diverged at step {step}: x or ∇f(x) is not finite, or "
        f"‖x‖ > {GROWTH_LIMIT:g} · max(1, ‖x0‖). Either learning_rate = "
        f"{learning_rate} is too large for the curvature (try a smaller one), or f "
        f"is unbounded {unbounded} along the path (then no learning_rate helps)",
        RuntimeWarning,
        stacklevel=4,  # the caller of gradient_descent or gradient_ascent
    )
    # --8<-- [end:divergence]


# --8<-- [start:follow_gradient]
def follow_gradient(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    direction: int,
    steps: int = 1000,
    tol: float | None = None,
    rule: UpdateRule | None = None,
) -> OptimizeResult:
    """Iterate x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ + direction · α ∇f(x⁽ᵏ⁾), direction −1 (descent) or +1 (ascent).

    That is the default rule, `FixedStep()`; another `rule` (see
    `steepest.update_rules`) computes the displacement x⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾ its own way from
    x⁽ᵏ⁾, ∇f(x⁽ᵏ⁾), α, the direction and what it kept from the previous step.
    Stops after `steps` steps; or earlier, converged, at the first point x⁽ᵏ⁾ where
    ‖∇f(x⁽ᵏ⁾)‖ ≤ tol; or earlier, diverged, when the next point x⁽ᵏ⁺¹⁾ or its
    gradient is not finite or ‖x⁽ᵏ⁺¹⁾‖ > 1e12 · max(1, ‖x⁽⁰⁾‖). A diverged run
    ends its path at x⁽ᵏ⁾, the last point that passed, and emits a RuntimeWarning.
    The path of a point of n coordinates holds at most 10⁷ numbers (PATH_LIMIT):
    a larger `steps` raises ValueError.
    """
    require_callable(grad, "grad")
    learning_rate = positive_number(learning_rate, "learning_rate")
    direction, tol = sign(direction, "direction"), optional_positive_number(tol, "tol")
    rule = FixedStep() if rule is None else as_rule(rule)
    x = real_vector(x0, "x0")
    steps = step_budget(steps, "steps", dimension=x.size)
    gradient = start_gradient(grad, x)
    bound = GROWTH_LIMIT * max(1.0, norm(x))
    path = np.empty((steps + 1, x.size))  # memory is taken only by rows written
    path[0], taken = x, 0
    step_sizes, evaluations, state = np.empty(steps), 0, rule.start(x)
    for step in range(1, steps + 1):
        if tol is not None and norm(gradient) <= tol:
            break
        move = rule.step(x, gradient, learning_rate, direction, state)
        evaluations += move.evaluations
        next_x = x + move.displacement
        next_gradient = bounded_gradient(grad, next_x, bound)
        if next_gradient is None:
            warn_divergence(step, learning_rate, direction)
            return OptimizeResult(
                x,
                path[:step].copy(),
                step - 1,
                converged=False,
                diverged=True,
                step_sizes=step_sizes[: step - 1].copy(),
                evaluations=evaluations,
            )
        x, gradient, state = next_x, next_gradient, move.state
        path[step], step_sizes[step - 1], taken = x, move.step_size, step
    converged = tol is not None and norm(gradient) <= tol
    return OptimizeResult(
        x,
        path[: taken + 1].copy(),
        taken,
        converged,
        diverged=False,
        step_sizes=step_sizes[:taken].copy(),
        evaluations=evaluations,
    )
    # --8<-- [end:follow_gradient]


# --8<-- [start:gradient_descent]
def gradient_descent(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    steps: int = 1000,
    tol: float | None = None,
    rule: UpdateRule | None = None,
) -> OptimizeResult:
    """Minimise f by gradient descent: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − α ∇f(x⁽ᵏ⁾).

    With a `rule` from `steepest.update_rules` (momentum, adaptive steps, a line
    search) the same loop takes that rule's steps instead.
    """
    return follow_gradient(grad, x0, learning_rate, -1, steps, tol, rule)
    # --8<-- [end:gradient_descent]


# --8<-- [start:gradient_ascent]
def gradient_ascent(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    steps: int = 1000,
    tol: float | None = None,
    rule: UpdateRule | None = None,
) -> OptimizeResult:
    """Maximise f by gradient ascent: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ + α ∇f(x⁽ᵏ⁾).

    With a `rule` from `steepest.update_rules` (momentum, adaptive steps, a line
    search) the same loop takes that rule's steps instead.
    """
    return follow_gradient(grad, x0, learning_rate, +1, steps, tol, rule)
    # --8<-- [end:gradient_ascent]
