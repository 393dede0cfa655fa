"""Rates on a quadratic: the heavy ball's 2 × 2 matrices and the optimal parameters."""

import numpy as np
import pytest

from steepest.rates import (
    gradient_descent_rate,
    heavy_ball_matrix,
    heavy_ball_rate,
    nesterov_matrix,
    nesterov_rate,
    optimal_heavy_ball,
    optimal_learning_rate,
)


def test_the_matrix_advances_the_heavy_ball_on_one_eigenvalue():
    alpha, beta, lam = 0.1, 0.6, 3.0
    previous, current = 0.7, 1.0
    following = current - alpha * lam * current + beta * (current - previous)
    matrix = heavy_ball_matrix(alpha, beta, lam)
    np.testing.assert_allclose(matrix @ [current, previous], [following, current])
    np.testing.assert_array_equal(matrix, [[1 + beta - alpha * lam, -beta], [1, 0]])


@pytest.mark.parametrize("kappa", [2.0, 10.0, 100.0, 1e4])
def test_the_optimal_parameters_give_the_accelerated_rate(kappa):
    alpha, beta = optimal_heavy_ball(1.0, kappa)
    root = np.sqrt(kappa)
    assert alpha == pytest.approx(4 / (1 + root) ** 2)
    assert beta == pytest.approx(((root - 1) / (root + 1)) ** 2)
    spread = np.geomspace(1.0, kappa, 9)  # every eigenvalue in [μ, L]: the same rate
    # a double eigenvalue at μ and L: eigvals is accurate to about √ε there
    assert heavy_ball_rate(alpha, beta, spread) == pytest.approx(
        np.sqrt(beta), rel=1e-6
    )
    descent = gradient_descent_rate(optimal_learning_rate(1.0, kappa), [1.0, kappa])
    assert descent == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-12)


def test_near_the_optimum_both_rates_are_worse():
    alpha, beta = optimal_heavy_ball(1.0, 100.0)
    best = heavy_ball_rate(alpha, beta, [1.0, 100.0])
    for a, b in [(alpha * 1.05, beta), (alpha * 0.95, beta), (alpha, beta * 1.05)]:
        assert heavy_ball_rate(a, b, [1.0, 100.0]) > best
    descent = optimal_learning_rate(1.0, 100.0)
    best_descent = gradient_descent_rate(descent, [1.0, 100.0])
    for a in (descent * 0.99, descent * 1.01):
        assert gradient_descent_rate(a, [1.0, 100.0]) > best_descent


def test_the_descent_rate_above_two_over_l_exceeds_one():
    assert gradient_descent_rate(0.021, [1.0, 100.0]) > 1


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: gradient_descent_rate(0.1, [1.0, -2.0]), ValueError, "eigenvalues"),
        (lambda: gradient_descent_rate(0.0, [1.0]), ValueError, "learning_rate"),
        (lambda: optimal_heavy_ball(0.0, 1.0), ValueError, "smallest"),
        (lambda: optimal_heavy_ball(2.0, 1.0), ValueError, "largest"),
        (lambda: optimal_learning_rate(1.0, "9"), TypeError, "largest"),
        (lambda: heavy_ball_matrix(0.1, None, 1.0), TypeError, "momentum"),
        (lambda: heavy_ball_rate(0.1, 0.5, []), ValueError, "eigenvalues"),
        (lambda: nesterov_matrix("0.1", 0.5, 1.0), TypeError, "learning_rate"),
        (lambda: nesterov_matrix(0.1, 0.5, None), TypeError, "eigenvalue"),
        (lambda: nesterov_rate(0.1, 0.5, [1.0, 0.0]), ValueError, "eigenvalues"),
    ],
)
def test_arguments_are_checked_by_name(call, error, name):
    with pytest.raises(error, match=f"^{name} must"):
        call()
