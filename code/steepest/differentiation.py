"""Finite-difference approximations of derivatives and gradients.

Every function checks its arguments and the values of f (see `steepest.validation`),
rejects a step h smaller than the spacing of floats at x (x + h would round to x), and
raises `ValueError` rather than return a non-finite estimate.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.validation import (
    finite_derivative,
    optional_positive_number,
    positive_number,
    real_array,
    real_number,
    real_valued,
    resolvable_step,
)

EPSILON = float(np.finfo(float).eps)
# --8<-- [end:imports]


# --8<-- [start:forward_difference]
def forward_difference(f: Callable[[float], float], x: float, h: float) -> float:
    """Forward difference: f'(x) ≈ (f(x + h) − f(x)) / h, error O(h)."""
    f, x, h = real_valued(f, "f"), real_number(x, "x"), positive_number(h, "h")
    h = resolvable_step(h, x)
    quotient = (f(x + h) - f(x)) / h
    return finite_derivative(quotient, "the forward difference", "x and x + h")
    # --8<-- [end:forward_difference]


# --8<-- [start:backward_difference]
def backward_difference(f: Callable[[float], float], x: float, h: float) -> float:
    """Backward difference: f'(x) ≈ (f(x) − f(x − h)) / h, error O(h)."""
    f, x, h = real_valued(f, "f"), real_number(x, "x"), positive_number(h, "h")
    h = resolvable_step(h, x)
    quotient = (f(x) - f(x - h)) / h
    return finite_derivative(quotient, "the backward difference", "x and x − h")
    # --8<-- [end:backward_difference]


# --8<-- [start:central_difference]
def central_step(x: float) -> float:
    """Step that balances truncation and rounding error of a central difference.

    h = ∛ε · max(1, |x|), with ε the machine epsilon: h ≈ 6.1e-6 for |x| ≤ 1.
    """
    return float(np.cbrt(EPSILON)) * max(1.0, abs(x))


def central_difference(
    f: Callable[[float], float], x: float, h: float | None = None
) -> float:
    """Central difference: f'(x) ≈ (f(x + h) − f(x − h)) / (2h), error O(h²).

    With h=None the step is `central_step(x)`.
    """
    f, x = real_valued(f, "f"), real_number(x, "x")
    h = optional_positive_number(h, "h")
    h = resolvable_step(central_step(x) if h is None else h, x)
    quotient = (f(x + h) - f(x - h)) / (2 * h)
    return finite_derivative(quotient, "the central difference", "x − h and x + h")
    # --8<-- [end:central_difference]


# --8<-- [start:numerical_gradient]
def numerical_gradient(
    f: Callable[[NDArray[np.float64]], float], x: ArrayLike, h: float | None = None
) -> NDArray[np.float64]:
    """Gradient of f: Rⁿ → R at x by central differences along each axis.

    ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ), with hᵢ = h, or
    `central_step(xᵢ)` when h is None. Returns an array of x's shape.
    """
    f, point = real_valued(f, "f"), real_array(x, "x")
    h = optional_positive_number(h, "h")
    gradient = np.empty_like(point)
    for index in np.ndindex(point.shape):
        coordinate = float(point[index])
        step = central_step(coordinate) if h is None else h
        step = resolvable_step(step, coordinate, at=f"x[{', '.join(map(str, index))}]")
        shift = np.zeros_like(point)
        shift[index] = step
        quotient = (f(point + shift) - f(point - shift)) / (2 * step)
        gradient[index] = finite_derivative(
            quotient, f"∂f/∂x at index {index}", "x ± h along that axis"
        )
    return gradient
    # --8<-- [end:numerical_gradient]
