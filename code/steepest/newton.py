"""Newton's method: gradient descent preconditioned by the inverse Hessian."""

# --8<-- [start:imports]
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.optimizers import Gradient, OptimizeResult, follow_gradient
from steepest.update_rules import Move
from steepest.validation import real_array, require_callable

# --8<-- [end:imports]


# --8<-- [start:newton]
Hessian = Callable[[NDArray[np.float64]], ArrayLike]
"""The type of `hessian`: takes a point x of n coordinates, returns the n × n H(x)."""


@dataclass(frozen=True)
class NewtonStep:
    """Newton's displacement −α H(x)⁻¹ ∇f(x), whatever the direction.

    It solves H(x) d = ∇f(x) rather than inverting H(x). A Hessian that is not a
    finite real n × n array, or is singular, raises ValueError naming hessian.
    """

    hessian: Hessian

    def start(self, x0: NDArray[np.float64]) -> None:
        return None

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: None,
    ) -> Move:
        matrix = real_array(self.hessian(x.copy()), "hessian(x)")
        if matrix.shape != (x.size, x.size):
            raise ValueError(
                f"hessian must return an array of shape {(x.size, x.size)} for a point "
                f"of {x.size} coordinates, got shape {matrix.shape}"
            )
        try:
            newton = np.asarray(np.linalg.solve(matrix, gradient), dtype=float)
        except np.linalg.LinAlgError:
            raise ValueError(
                f"hessian is singular at x = {x}: H(x) d = ∇f(x) has no unique "
                "solution, so Newton's step is undefined there"
            ) from None
        return Move(-learning_rate * newton, None, learning_rate)


def newton_method(
    grad: Gradient,
    hessian: Hessian,
    x0: ArrayLike,
    steps: int = 100,
    tol: float | None = None,
    learning_rate: float = 1.0,
) -> OptimizeResult:
    """Newton's method: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − α H(x⁽ᵏ⁾)⁻¹ ∇f(x⁽ᵏ⁾), α = 1 unless given.

    Gradient descent preconditioned by the inverse Hessian. It solves ∇f(x) = 0 and
    seeks a stationary point whatever its kind: a minimum where H is positive definite,
    a maximum where it is negative definite, a saddle point otherwise; so there is no
    ascent version. A quadratic with invertible H is solved in one step (α = 1); near a
    stationary point with invertible H the error squares at each step. A singular
    Hessian raises ValueError; otherwise it runs, stops and diverges as
    `follow_gradient` does.
    """
    require_callable(hessian, "hessian")
    return follow_gradient(grad, x0, learning_rate, -1, steps, tol, NewtonStep(hessian))
    # --8<-- [end:newton]
