"""Finite-difference approximations of derivatives and gradients."""

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

EPSILON = float(np.finfo(float).eps)


# --8<-- [start:forward_difference]
def forward_difference(f: Callable[[float], float], x: float, h: float) -> float:
    """Forward difference: f'(x) ≈ (f(x + h) − f(x)) / h, error O(h)."""
    return (f(x + h) - f(x)) / h
    # --8<-- [end:forward_difference]


# --8<-- [start:backward_difference]
def backward_difference(f: Callable[[float], float], x: float, h: float) -> float:
    """Backward difference: f'(x) ≈ (f(x) − f(x − h)) / h, error O(h)."""
    return (f(x) - f(x - h)) / h
    # --8<-- [end:backward_difference]


# --8<-- [start:central_difference]
def central_step(x: float) -> float:
    """Step that balances truncation and rounding error of a central difference.

    h = ∛ε · max(1, |x|), with ε the machine epsilon (about 6.1e-6 for |x| ≤ 1).
    """
    return float(np.cbrt(EPSILON)) * max(1.0, abs(x))


def central_difference(
    f: Callable[[float], float], x: float, h: float | None = None
) -> float:
    """Central difference: f'(x) ≈ (f(x + h) − f(x − h)) / (2h), error O(h²).

    With h=None the step is `central_step(x)`.
    """
    if h is None:
        h = central_step(x)
    return (f(x + h) - f(x - h)) / (2 * h)
    # --8<-- [end:central_difference]


# --8<-- [start:numerical_gradient]
def numerical_gradient(
    f: Callable[[NDArray[np.float64]], float], x: ArrayLike, h: float | None = None
) -> NDArray[np.float64]:
    """Gradient of f: Rⁿ → R at x by central differences along each axis.

    ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ), with hᵢ = h, or
    `central_step(xᵢ)` when h is None. Returns an array of x's shape.
    """
    point = np.array(x, dtype=float)
    gradient = np.empty_like(point)
    for index in np.ndindex(point.shape):
        step = central_step(point[index]) if h is None else h
        shift = np.zeros_like(point)
        shift[index] = step
        gradient[index] = (f(point + shift) - f(point - shift)) / (2 * step)
    return gradient
    # --8<-- [end:numerical_gradient]
