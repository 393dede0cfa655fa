"""Figures of the article "Stochastic and minibatch gradient descent"."""

import functools
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import NDArray

from steepest.explorables import noisy_line_losses, stochastic_gaps
from steepest.regression import (
    noisy_line,
)
from steepest.stochastic import minibatches

VARIANCE_POINT = np.array([0.5, -1.0])  # θ where the article measures the variance
VARIANCE_DRAWS = 4000
VARIANCE_SIZES = (1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100)  # divide N: full batches


def _gap_axis(axis: Axes, epochs: int) -> None:
    axis.set_yscale("log")
    axis.set_xlim(0, epochs)
    axis.set_xlabel("epoch (N per-example gradients)")
    axis.set_ylabel("f(θ⁽ᵏ⁾) − f(θ*)")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)


def stochastic_variance() -> Figure:
    """E‖g_B − ∇f‖² against b: measured, σ²/b · (N − b)/(N − 1), and σ²/b."""
    X, y = noisy_line()
    examples = len(y)
    gradients = X * (X @ VARIANCE_POINT - y)[:, None]
    full = gradients.mean(axis=0)
    sigma2 = float(((gradients - full) ** 2).sum(axis=1).mean())
    measured = []
    for size in VARIANCE_SIZES:
        batches = minibatches(examples, size, seed=2)
        draws = np.array(
            [gradients[next(batches)].mean(axis=0) for _ in range(VARIANCE_DRAWS)]
        )
        measured.append(((draws - full) ** 2).sum(axis=1).mean())
    sizes = np.arange(1, examples)
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    axis.loglog(sizes, sigma2 / sizes, "--", color="C1", linewidth=1.2, label="σ²/b")
    axis.loglog(
        sizes,
        sigma2 / sizes * (examples - sizes) / (examples - 1),
        color="C0",
        linewidth=1.5,
        label="σ²/b · (N − b)/(N − 1)",
    )
    axis.loglog(
        VARIANCE_SIZES,
        measured,
        "o",
        color="C2",
        markersize=5,
        label=f"measured, {VARIANCE_DRAWS} batches each",
    )
    axis.set_xlabel("batch size b")
    axis.set_ylabel("E‖g − ∇f‖²")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


@functools.cache  # computed once for both palettes
def epoch_mean_gaps(
    alpha: float, decay: float | None, epochs: int
) -> NDArray[np.float64]:
    """The mean of f(θ⁽ᵏ⁾) − f(θ*) over the steps of each epoch, one example a step."""
    losses, lowest = noisy_line_losses(alpha, 1, epochs, decay)
    means: NDArray[np.float64] = losses[1:].reshape(epochs, -1).mean(axis=1) - lowest
    return means


def stochastic_noise_floor() -> Figure:
    """The mean gap of each of 40 epochs, one example a step: α = 0.08, 0.01, a decay."""
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    runs = [
        ("constant α = 0.08", 0.08, None, "C1"),
        ("constant α = 0.01", 0.01, None, "C0"),
        ("αₖ = 0.08 / (1 + k/200)", 0.08, 200.0, "C2"),
    ]
    for label, alpha, decay, colour in runs:
        gaps = epoch_mean_gaps(alpha, decay, 40)
        axis.plot(
            np.arange(1, 41),
            gaps,
            "o-",
            color=colour,
            markersize=3,
            linewidth=1.2,
            label=label,
        )
    _gap_axis(axis, 40)
    axis.set_ylabel("mean of f(θ⁽ᵏ⁾) − f(θ*)")
    return figure


def stochastic_batch_sizes() -> Figure:
    """The gap over 20 epochs at constant α = 0.1 for batch sizes 1, 10, 50, 200."""
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for size, colour in zip((1, 10, 50, 200), ("C1", "C0", "C2", "C3"), strict=True):
        epochs, gaps = stochastic_gaps(size, 0.1, False)
        label = f"b = {size}" + (" (full batch)" if size == 200 else "")
        axis.plot(
            epochs, gaps, "o-", color=colour, markersize=2, linewidth=1.2, label=label
        )
    _gap_axis(axis, 20)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "stochastic-variance": stochastic_variance,
    "stochastic-noise-floor": stochastic_noise_floor,
    "stochastic-batch-sizes": stochastic_batch_sizes,
}
