"""Counting calls: how many gradients (or Hessians, or values of f) a run asked for."""

# --8<-- [start:counted]
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

from steepest.validation import require_callable

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
