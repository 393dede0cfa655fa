"""Example objectives used across the articles, each with its analytic gradient."""

# --8<-- [start:peak_and_pit]
import numpy as np
from numpy.typing import ArrayLike, NDArray


def peak_and_pit(p: ArrayLike) -> float:
    """f(x, y) = x · exp(−x² − y²): a peak at (1/√2, 0) and a pit at (−1/√2, 0)."""
    x, y = np.asarray(p, dtype=float)
    return float(x * np.exp(-(x**2) - y**2))


def peak_and_pit_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = exp(−x² − y²) · (1 − 2x², −2xy)."""
    x, y = np.asarray(p, dtype=float)
    return np.exp(-(x**2) - y**2) * np.array([1 - 2 * x**2, -2 * x * y])
    # --8<-- [end:peak_and_pit]
