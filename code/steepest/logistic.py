"""Logistic regression by maximum likelihood: sigmoid, log-likelihood, gradient."""

# --8<-- [start:sigmoid]
import numpy as np
from numpy.typing import ArrayLike, NDArray


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """σ(z) = 1 / (1 + e^(−z)), computed as exp(−log(1 + e^(−z))): no overflow."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
    # --8<-- [end:sigmoid]


# --8<-- [start:log_likelihood]
def log_likelihood(theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> float:
    """f(θ) = Σᵢ yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ)), with z = Xθ.

    The same sum written as Σᵢ yᵢzᵢ − log(1 + e^(zᵢ)), with np.logaddexp(0, z) for
    log(1 + e^z): no log(0) and no overflow, however large |zᵢ| is.
    """
    z = np.asarray(X, dtype=float) @ np.asarray(theta, dtype=float)
    return float(np.sum(np.asarray(y) * z - np.logaddexp(0.0, z)))


def log_likelihood_gradient(
    theta: ArrayLike, X: ArrayLike, y: ArrayLike
) -> NDArray[np.float64]:
    """∇f(θ) = Xᵀ(y − σ(Xθ))."""
    X = np.asarray(X, dtype=float)
    return X.T @ (np.asarray(y, dtype=float) - sigmoid(X @ np.asarray(theta)))
    # --8<-- [end:log_likelihood]


# --8<-- [start:make_data]
def make_data(
    size: int = 40, theta: tuple[float, float] = (0.5, 1.5), seed: int = 3
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A small data set: x uniform on [−3, 3], y = 1 with probability σ(θ₀ + θ₁x).

    Returns the design matrix X = [1, x] (an intercept column, then the feature)
    and the labels y ∈ {0, 1}. A fixed seed gives the same data on every run.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3.0, 3.0, size)
    X = np.column_stack([np.ones(size), x])
    y = (rng.uniform(size=size) < sigmoid(X @ np.array(theta))).astype(float)
    return X, y
    # --8<-- [end:make_data]


# --8<-- [start:likelihood_has_maximum]
def likelihood_has_maximum(feature: ArrayLike, labels: ArrayLike) -> bool:
    """Whether the log-likelihood of the model σ(θ₀ + θ₁x) has a maximiser.

    It has none when the classes are separated, even with ties (complete or
    quasi-complete separation): some θ ≠ 0 makes θ₀ + θ₁xᵢ ≥ 0 at every label 1 and ≤ 0
    at every label 0, and f rises along it for ever. With one feature such a θ exists
    exactly when max(x over the 0s) ≤ min(x over the 1s) (θ₁ > 0) or
    max(x over the 1s) ≤ min(x over the 0s) (θ₁ < 0), or one class is empty. Otherwise
    the feature takes two values at least, X = [1, x] has full column rank, f is strictly
    concave, and the maximiser is unique. A constant feature with both labels leaves
    Xθ = 0 along a line: f is flat along it and has a whole line of maximisers.
    """
    x, y = np.asarray(feature, dtype=float), np.asarray(labels)
    zeros, ones = x[y == 0], x[y == 1]
    if len(zeros) == 0 or len(ones) == 0:
        return False
    if np.all(x == x[0]):  # X = [1, x] rank-deficient: f depends on θ₀ + θ₁c alone
        return True  # (c the one value) and is largest where σ(θ₀ + θ₁c) = share of 1s
    return bool(zeros.max() > ones.min() and ones.max() > zeros.min())
    # --8<-- [end:likelihood_has_maximum]
