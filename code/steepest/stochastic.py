"""Minibatch (stochastic) gradient descent and ascent for an objective that is a mean.

f(x) = (1/N) Σᵢ fᵢ(x) over N examples; each step follows the mean gradient of a
random batch of them, through the same loop as gradient descent and ascent.
"""

# --8<-- [start:imports]
from collections.abc import Callable, Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.optimizers import Gradient, OptimizeResult, follow_gradient
from steepest.update_rules import Decay
from steepest.validation import (
    positive_count,
    random_generator,
    require_callable,
    step_count,
)

# --8<-- [end:imports]


# --8<-- [start:minibatches]
BatchGradient = Callable[[NDArray[np.float64], NDArray[np.intp]], ArrayLike]
"""The type of `batch_gradient`: takes x and example indices, returns their mean ∇."""


def minibatches(
    examples: int, batch_size: int, seed: int | np.random.Generator
) -> Iterator[NDArray[np.intp]]:
    """The indices of each minibatch, endlessly: an epoch is a new shuffle of 0 … N − 1.

    Each epoch draws a random permutation of the N = `examples` indices and cuts it
    into batches of `batch_size` (the last one smaller when N is not a multiple):
    within an epoch every example is used once, so each batch is drawn without
    replacement. `seed` is an integer or a numpy.random.Generator (then it draws
    from it).
    """
    examples = positive_count(examples, "examples")
    batch_size = batch_count(batch_size, examples)
    rng = random_generator(seed, "seed")
    return epochs_of(examples, batch_size, rng)


def epochs_of(
    examples: int, batch_size: int, rng: np.random.Generator
) -> Iterator[NDArray[np.intp]]:
    """The batches of `minibatches`, after its checks."""
    while True:
        order = rng.permutation(examples)
        for start in range(0, examples, batch_size):
            yield order[start : start + batch_size]
            # --8<-- [end:minibatches]


def batch_count(batch_size: object, examples: int) -> int:
    """batch_size, an integer from 1 to the number of examples; else the error."""
    size = positive_count(batch_size, "batch_size")
    if size > examples:
        raise ValueError(
            f"batch_size must be at most examples = {examples}, got {size}"
        )
    return size


# --8<-- [start:minibatch]
def minibatch_gradient(
    batch_gradient: BatchGradient,
    examples: int,
    batch_size: int,
    epochs: int,
    seed: int | np.random.Generator,
) -> tuple[Gradient, int]:
    """A gradient that takes each call's ∇ over the next minibatch; and the step count.

    The steps are epochs · ⌈N / batch_size⌉: every example once per epoch.
    """
    require_callable(batch_gradient, "batch_gradient")
    examples = positive_count(examples, "examples")
    batch_size = batch_count(batch_size, examples)
    steps = step_count(epochs, "epochs") * ((examples + batch_size - 1) // batch_size)
    batches = epochs_of(examples, batch_size, random_generator(seed, "seed"))

    def grad(x: NDArray[np.float64]) -> ArrayLike:
        return batch_gradient(x, next(batches))

    return grad, steps


def minibatch_descent(
    batch_gradient: BatchGradient,
    x0: ArrayLike,
    learning_rate: float,
    examples: int,
    batch_size: int,
    epochs: int,
    seed: int | np.random.Generator,
    tau: float | None = None,
) -> OptimizeResult:
    """Minimise a mean f = (1/N) Σᵢ fᵢ by minibatch (stochastic) gradient descent.

    x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − αₖ gₖ,  gₖ = (1/|Bₖ|) Σ_{i ∈ Bₖ} ∇fᵢ(x⁽ᵏ⁾) = batch_gradient(x⁽ᵏ⁾, Bₖ),
    with the batches Bₖ of `minibatches` (N = `examples`, a new shuffle every epoch,
    without replacement; batch_size = N is full-batch gradient descent). αₖ = α, or
    αₖ = α / (1 + k/τ) with τ = `tau` (the rule `Decay(τ)`). Runs `epochs` epochs;
    there is no tol, since gₖ is never zero for long. `seed`: an integer or a
    numpy.random.Generator, so that a run can be repeated.
    """
    grad, steps = minibatch_gradient(batch_gradient, examples, batch_size, epochs, seed)
    rule = None if tau is None else Decay(tau)
    return follow_gradient(grad, x0, learning_rate, -1, steps, rule=rule)


def minibatch_ascent(
    batch_gradient: BatchGradient,
    x0: ArrayLike,
    learning_rate: float,
    examples: int,
    batch_size: int,
    epochs: int,
    seed: int | np.random.Generator,
    tau: float | None = None,
) -> OptimizeResult:
    """Maximise a mean f = (1/N) Σᵢ fᵢ by minibatch (stochastic) gradient ascent.

    x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ + αₖ gₖ, everything else as in `minibatch_descent`.
    """
    grad, steps = minibatch_gradient(batch_gradient, examples, batch_size, epochs, seed)
    rule = None if tau is None else Decay(tau)
    return follow_gradient(grad, x0, learning_rate, +1, steps, rule=rule)
    # --8<-- [end:minibatch]
