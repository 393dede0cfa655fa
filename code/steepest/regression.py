"""Linear regression by least squares: the mean squared error and its gradient."""

# --8<-- [start:mean_squared_error]
# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.validation import positive_count, positive_number, random_generator

# --8<-- [end:imports]


def mean_squared_error(theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> float:
    """f(θ) = (1/2m) ‖Xθ − y‖², with m the number of rows of X (the examples)."""
    residual = np.asarray(X, dtype=float) @ np.asarray(theta, dtype=float) - y
    return float(residual @ residual) / (2 * len(residual))


def mean_squared_error_gradient(
    theta: ArrayLike, X: ArrayLike, y: ArrayLike
) -> NDArray[np.float64]:
    """∇f(θ) = Xᵀ(Xθ − y) / m."""
    X = np.asarray(X, dtype=float)
    return X.T @ (X @ np.asarray(theta, dtype=float) - y) / len(X)
    # --8<-- [end:mean_squared_error]


# --8<-- [start:example_data]
def example_data() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Four points (1, 2), (2, 4), (3, 5), (4, 4) as a design matrix and targets.

    Returns X = [1, x] (an intercept column, then the feature) and y.
    """
    x = np.array([1.0, 2.0, 3.0, 4.0])
    X = np.column_stack([np.ones_like(x), x])
    y = np.array([2.0, 4.0, 5.0, 4.0])
    return X, y
    # --8<-- [end:example_data]


# --8<-- [start:noisy_line]
def noisy_line(
    size: int = 200,
    theta: tuple[float, float] = (2.0, 0.7),
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A larger data set: x uniform on [−1, 1], y = θ₀ + θ₁x + Gaussian noise.

    Returns X = [1, x] (an intercept column, then the feature) and y, with `size`
    examples and noise of standard deviation `noise`. A fixed seed gives the same
    data on every run.
    """
    size = positive_count(size, "size")
    noise = positive_number(noise, "noise")
    rng = random_generator(seed, "seed")
    x = rng.uniform(-1.0, 1.0, size)
    X = np.column_stack([np.ones(size), x])
    y = X @ np.array(theta, dtype=float) + rng.normal(0.0, noise, size)
    return X, y
    # --8<-- [end:noisy_line]
