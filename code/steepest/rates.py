"""Convergence rates: what theory predicts on a quadratic, and what a run measured.

On f(x) = ½ xᵀAx with A symmetric positive definite of eigenvalues
μ = λmin ≤ … ≤ λmax = L (condition number κ = L/μ), gradient descent and the heavy
ball act on each eigenvector's coordinate separately; the error of the slowest one
sets the rate: the factor ρ by which the error shrinks per step, eₖ ≈ C ρᵏ.
"""

# --8<-- [start:gradient_descent_rate]
import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.validation import positive_number, real_number, real_vector


def eigenvalue_list(eigenvalues: ArrayLike) -> NDArray[np.float64]:
    """The eigenvalues as a 1-D float array, all > 0; else ValueError naming them."""
    values = real_vector(eigenvalues, "eigenvalues")
    if np.any(values <= 0):
        raise ValueError(f"eigenvalues must all be positive, got {values}")
    return values


def gradient_descent_rate(learning_rate: float, eigenvalues: ArrayLike) -> float:
    """ρ = max over λ of |1 − αλ|: each step multiplies λ's coordinate by 1 − αλ."""
    alpha = positive_number(learning_rate, "learning_rate")
    return float(np.max(np.abs(1 - alpha * eigenvalue_list(eigenvalues))))


def optimal_learning_rate(smallest: float, largest: float) -> float:
    """α* = 2 / (μ + L), which makes ρ = (κ − 1)/(κ + 1), the smallest possible."""
    mu, lipschitz = condition_pair(smallest, largest)
    return 2 / (mu + lipschitz)
    # --8<-- [end:gradient_descent_rate]


def condition_pair(smallest: float, largest: float) -> tuple[float, float]:
    """(μ, L) with 0 < μ ≤ L; else ValueError naming the argument."""
    mu = positive_number(smallest, "smallest")
    lipschitz = positive_number(largest, "largest")
    if lipschitz < mu:
        raise ValueError(f"largest must be at least smallest = {mu}, got {lipschitz}")
    return mu, lipschitz


# --8<-- [start:heavy_ball_rate]
def heavy_ball_matrix(
    learning_rate: float, momentum: float, eigenvalue: float
) -> NDArray[np.float64]:
    """The heavy ball's step on the coordinate of one eigenvalue λ, as a 2 × 2 matrix.

    (x⁽ᵏ⁺¹⁾, x⁽ᵏ⁾) = M (x⁽ᵏ⁾, x⁽ᵏ⁻¹⁾) with M = [[1 + β − αλ, −β], [1, 0]], from
    x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ − αλ x⁽ᵏ⁾ + β (x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾).
    """
    alpha = real_number(learning_rate, "learning_rate")
    beta = real_number(momentum, "momentum")
    lam = real_number(eigenvalue, "eigenvalue")
    return np.array([[1 + beta - alpha * lam, -beta], [1.0, 0.0]])


def heavy_ball_rate(
    learning_rate: float, momentum: float, eigenvalues: ArrayLike
) -> float:
    """ρ = the largest spectral radius of the 2 × 2 matrices over the eigenvalues.

    The spectral radius of M is the largest |z| over its eigenvalues z; the heavy
    ball converges for every start exactly when ρ < 1.
    """
    radii = [
        np.abs(np.linalg.eigvals(heavy_ball_matrix(learning_rate, momentum, lam)))
        for lam in eigenvalue_list(eigenvalues)
    ]
    return float(np.max(radii))


def optimal_heavy_ball(smallest: float, largest: float) -> tuple[float, float]:
    """(α*, β*) = (4 / (√L + √μ)², ((√κ − 1)/(√κ + 1))²), with rate ρ = √β*.

    ρ = (√κ − 1)/(√κ + 1), against gradient descent's best (κ − 1)/(κ + 1).
    """
    mu, lipschitz = condition_pair(smallest, largest)
    root = np.sqrt(lipschitz / mu)
    return 4 / (np.sqrt(lipschitz) + np.sqrt(mu)) ** 2, ((root - 1) / (root + 1)) ** 2
    # --8<-- [end:heavy_ball_rate]


# --8<-- [start:nesterov_rate]
def nesterov_matrix(
    learning_rate: float, momentum: float, eigenvalue: float
) -> NDArray[np.float64]:
    """Nesterov's step on the coordinate of one eigenvalue λ, as a 2 × 2 matrix.

    (x⁽ᵏ⁺¹⁾, x⁽ᵏ⁾) = M (x⁽ᵏ⁾, x⁽ᵏ⁻¹⁾) with M = [[(1 + β)(1 − αλ), −β(1 − αλ)], [1, 0]],
    from y⁽ᵏ⁾ = x⁽ᵏ⁾ + β (x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾), x⁽ᵏ⁺¹⁾ = (1 − αλ) y⁽ᵏ⁾. The look-ahead
    points y⁽ᵏ⁾, combinations of x⁽ᵏ⁾ and x⁽ᵏ⁻¹⁾, follow the same recurrence.
    """
    alpha = real_number(learning_rate, "learning_rate")
    beta = real_number(momentum, "momentum")
    shrink = 1 - alpha * real_number(eigenvalue, "eigenvalue")
    return np.array([[(1 + beta) * shrink, -beta * shrink], [1.0, 0.0]])


def nesterov_rate(
    learning_rate: float, momentum: float, eigenvalues: ArrayLike
) -> float:
    """ρ = the largest spectral radius of Nesterov's 2 × 2 matrices over the eigenvalues."""
    radii = [
        np.abs(np.linalg.eigvals(nesterov_matrix(learning_rate, momentum, lam)))
        for lam in eigenvalue_list(eigenvalues)
    ]
    return float(np.max(radii))
    # --8<-- [end:nesterov_rate]


# --8<-- [start:fitted]
def fit_data(
    steps: ArrayLike, errors: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """steps and log(errors), checked: equal length ≥ 2, errors > 0, steps distinct."""
    k, e = real_vector(steps, "steps"), real_vector(errors, "errors")
    if k.size != e.size or k.size < 2:
        raise ValueError(
            f"steps and errors must have the same length, at least 2; got {k.size} "
            f"and {e.size}"
        )
    if np.any(e <= 0):
        raise ValueError("errors must all be positive: their logarithm is fitted")
    if np.unique(k).size < 2:
        raise ValueError("steps must hold at least two different values")
    return k, np.log(e)


def fitted_rate(steps: ArrayLike, errors: ArrayLike) -> float:
    """ρ = exp(slope) of the least-squares line through (k, log eₖ): eₖ ≈ C ρᵏ.

    A linear rate: ρ < 1 is the factor per step. A sublinear error gives ρ → 1 as the
    fitted range moves out.
    """
    k, log_e = fit_data(steps, errors)
    return float(np.exp(np.polyfit(k, log_e, 1)[0]))


def fitted_power(steps: ArrayLike, errors: ArrayLike) -> float:
    """p, the slope of the least-squares line through (log k, log eₖ): eₖ ≈ C kᵖ.

    A sublinear rate: p = −1 for O(1/k). steps must be positive.
    """
    k, log_e = fit_data(steps, errors)
    if np.any(k <= 0):
        raise ValueError("steps must all be positive: their logarithm is fitted")
    return float(np.polyfit(np.log(k), log_e, 1)[0])
    # --8<-- [end:fitted]
