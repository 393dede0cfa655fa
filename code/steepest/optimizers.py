"""Gradient descent and gradient ascent: one iteration, two directions."""

# --8<-- [start:imports]
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Gradient = Callable[[NDArray[np.float64]], ArrayLike]
# --8<-- [end:imports]


# --8<-- [start:result]
@dataclass(frozen=True)
class OptimizeResult:
    """What an optimiser returns.

    x: the final point; path: every point visited, shape (iterations + 1, n),
    starting with x0; iterations: the number of steps taken; converged: True
    when ‖∇f(x)‖ ≤ tol was reached (always False without a tol).
    """

    x: NDArray[np.float64]
    path: NDArray[np.float64]
    iterations: int
    converged: bool
    # --8<-- [end:result]


# --8<-- [start:follow_gradient]
def follow_gradient(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    direction: int,
    steps: int = 1000,
    tol: float | None = None,
) -> OptimizeResult:
    """Iterate x ← x + direction · α ∇f(x), with direction −1 (descent) or +1 (ascent).

    Stops after `steps` steps, or earlier at the first point where ‖∇f(x)‖ ≤ tol.
    """
    x = np.atleast_1d(np.array(x0, dtype=float))
    if x.ndim != 1:
        raise ValueError(f"x0 must be a scalar or a 1-D array, got shape {x.shape}")
    path = [x]
    for _ in range(steps):
        gradient = np.asarray(grad(x), dtype=float)
        if tol is not None and np.linalg.norm(gradient) <= tol:
            return OptimizeResult(x, np.array(path), len(path) - 1, converged=True)
        x = x + direction * learning_rate * gradient
        path.append(x)
    converged = tol is not None and bool(np.linalg.norm(grad(x)) <= tol)
    return OptimizeResult(x, np.array(path), len(path) - 1, converged)
    # --8<-- [end:follow_gradient]


# --8<-- [start:gradient_descent]
def gradient_descent(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    steps: int = 1000,
    tol: float | None = None,
) -> OptimizeResult:
    """Minimise f by gradient descent: x ← x − α ∇f(x)."""
    return follow_gradient(grad, x0, learning_rate, -1, steps, tol)
    # --8<-- [end:gradient_descent]


# --8<-- [start:gradient_ascent]
def gradient_ascent(
    grad: Gradient,
    x0: ArrayLike,
    learning_rate: float,
    steps: int = 1000,
    tol: float | None = None,
) -> OptimizeResult:
    """Maximise f by gradient ascent: x ← x + α ∇f(x)."""
    return follow_gradient(grad, x0, learning_rate, +1, steps, tol)
    # --8<-- [end:gradient_ascent]
