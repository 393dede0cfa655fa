"""Steepest: numerical gradients, gradient descent and gradient ascent."""

from steepest.differentiation import (
    backward_difference,
    central_difference,
    forward_difference,
    numerical_gradient,
)
from steepest.optimizers import (
    OptimizeResult,
    gradient_ascent,
    gradient_descent,
    minibatch_ascent,
    minibatch_descent,
    minibatches,
    newton_method,
)
from steepest.update_rules import (
    AdaGrad,
    Adam,
    Backtracking,
    Decay,
    HeavyBall,
    Nesterov,
    RMSProp,
)

__all__ = [
    "AdaGrad",
    "Adam",
    "Backtracking",
    "Decay",
    "HeavyBall",
    "Nesterov",
    "OptimizeResult",
    "RMSProp",
    "backward_difference",
    "central_difference",
    "forward_difference",
    "gradient_ascent",
    "gradient_descent",
    "minibatch_ascent",
    "minibatch_descent",
    "minibatches",
    "newton_method",
    "numerical_gradient",
]
