"""Measuring a run: how many gradients (or Hessians) it asked for, when it settled."""

# --8<-- [start:counted]
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

import numpy as np
from numpy.typing import ArrayLike

from steepest.validation import (
    positive_number,
    real_array,
    real_vector,
    require_callable,
)

Arguments = ParamSpec("Arguments")
Value = TypeVar("Value")


@dataclass
class Counted(Generic[Arguments, Value]):
    """`function`, wrapped: each call passes its arguments on and adds 1 to `calls`.

    `Counted(rosenbrock_gradient)` is used wherever the gradient is; afterwards
    `calls` says how many times the run evaluated it. TypeError if function is not
    callable.
    """

    function: Callable[Arguments, Value]
    calls: int = 0

    def __post_init__(self) -> None:
        require_callable(self.function, "function")

    def __call__(self, *args: Arguments.args, **kwargs: Arguments.kwargs) -> Value:
        self.calls += 1
        return self.function(*args, **kwargs)
        # --8<-- [end:counted]


# --8<-- [start:settled_step]
def settled_step(path: ArrayLike, minimiser: ArrayLike, tol: float) -> int | None:
    """The first k with ‖x⁽ʲ⁾ − x*‖ ≤ tol for every j ≥ k; None if the last point is out.

    `path` holds the points x⁽⁰⁾, x⁽¹⁾, … as rows (an `OptimizeResult.path`), `minimiser`
    is x*. A run may pass close to x* and leave again: this is the step from which it
    stays. ValueError for a path that is not 2-D, a minimiser of another length, or a
    tol that is not positive.
    """
    points = real_array(path, "path")
    target = real_vector(minimiser, "minimiser")
    tol = positive_number(tol, "tol")
    if points.ndim != 2 or points.shape[1] != target.size:
        raise ValueError(
            f"path must have one row per point of {target.size} coordinates, "
            f"got shape {points.shape}"
        )
    outside = np.nonzero(np.linalg.norm(points - target, axis=1) > tol)[0]
    first = 0 if outside.size == 0 else int(outside[-1]) + 1
    return first if first < len(points) else None
    # --8<-- [end:settled_step]
