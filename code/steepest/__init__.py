"""Steepest: numerical gradients, gradient descent and gradient ascent."""

from steepest.differentiation import (
    backward_difference,
    central_difference,
    forward_difference,
    numerical_gradient,
)
from steepest.optimizers import OptimizeResult, gradient_ascent, gradient_descent

__all__ = [
    "OptimizeResult",
    "backward_difference",
    "central_difference",
    "forward_difference",
    "gradient_ascent",
    "gradient_descent",
    "numerical_gradient",
]
