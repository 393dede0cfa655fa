"""Linear regression by gradient descent: the seeds' run, the bound, a converging rule."""

import numpy as np
import pytest

from steepest import gradient_descent, numerical_gradient
from steepest.figures.linear_regression import best_learning_rate, centred, loss_gaps
from steepest.regression import (
    example_data,
    mean_squared_error,
    mean_squared_error_gradient,
)

X, y = example_data()
THETA_STAR = np.linalg.lstsq(X, y)[0]
EIGENVALUES = np.linalg.eigvalsh(X.T @ X / len(X))


def loss_gradient(theta):
    return mean_squared_error_gradient(theta, X, y)


def test_the_data_and_the_least_squares_solution():
    np.testing.assert_array_equal(X, [[1, 1], [1, 2], [1, 3], [1, 4]])
    np.testing.assert_array_equal(y, [2, 4, 5, 4])
    np.testing.assert_allclose(THETA_STAR, [2.0, 0.7], atol=1e-12)


def test_the_objective_is_half_the_mean_of_the_squared_residuals():
    theta = np.array([0.3, 1.1])
    residuals = X @ theta - y
    assert mean_squared_error(theta, X, y) == pytest.approx(np.mean(residuals**2) / 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_analytic_gradient_matches_central_differences(seed):
    theta = np.random.default_rng(seed).normal(scale=2, size=2)
    np.testing.assert_allclose(
        loss_gradient(theta),
        numerical_gradient(lambda t: mean_squared_error(t, X, y), theta),
        rtol=1e-7,
        atol=1e-9,
    )


def test_the_gradient_vanishes_at_the_least_squares_solution():
    np.testing.assert_allclose(loss_gradient(THETA_STAR), 0, atol=1e-12)


def test_the_seeds_run_is_not_converged():
    run = gradient_descent(loss_gradient, np.zeros(2), 0.01, steps=1000)
    distance = np.linalg.norm(run.x - THETA_STAR)
    assert distance > 0.3
    assert distance == pytest.approx(0.3729, abs=1e-3)
    np.testing.assert_allclose(run.x, [1.6469, 0.8201], atol=1e-4)


def test_the_hessian_eigenvalues_and_the_stable_step_bound():
    np.testing.assert_allclose(EIGENVALUES, [0.1497, 8.3503], atol=1e-4)
    assert 2 / EIGENVALUES.max() == pytest.approx(0.2395, abs=1e-4)
    assert best_learning_rate(X) == pytest.approx(2 / EIGENVALUES.sum())
    assert EIGENVALUES.max() / EIGENVALUES.min() == pytest.approx(55.78, abs=0.01)


def test_just_below_the_bound_converges_just_above_diverges():
    bound = 2 / EIGENVALUES.max()
    below = gradient_descent(loss_gradient, np.zeros(2), 0.98 * bound, steps=5000)
    assert np.linalg.norm(below.x - THETA_STAR) < 1e-8
    above = gradient_descent(loss_gradient, np.zeros(2), 1.02 * bound, steps=30)
    distances = np.linalg.norm(above.path - THETA_STAR, axis=1)
    assert distances[-1] > distances[0]
    assert np.all(np.diff(distances[10:]) > 0)


def test_the_three_learning_rates_of_the_figure():
    """What the figure "regression-learning-rates" shows, as its alt text says."""
    slow = loss_gaps(X, y, 0.05, steps=300)
    assert np.all(np.diff(slow) < 0) and slow[-1] > 1e-3
    best = loss_gaps(X, y, best_learning_rate(X), steps=300)
    assert np.all(np.diff(best) < 0) and best[-1] < 1e-8
    too_large = loss_gaps(X, y, 1.02 * 2 / EIGENVALUES.max(), steps=300)
    assert np.all(np.diff(too_large) > 0)
    assert np.argmax(too_large > 1e4) < 100


@pytest.mark.parametrize(
    ("alpha", "most_steps"), [(0.01, 10_000), (0.1, 1000), (None, 600)]
)
def test_the_gradient_rule_reaches_lstsq_within_1e_6(alpha, most_steps):
    alpha = best_learning_rate(X) if alpha is None else alpha
    fit = gradient_descent(
        loss_gradient, np.zeros(2), alpha, steps=20_000, tol=1e-6 * EIGENVALUES.min()
    )
    assert fit.converged
    assert fit.iterations <= most_steps
    assert np.linalg.norm(fit.x - THETA_STAR) <= 1e-6


def test_steps_to_1e_6_shrink_with_the_learning_rate():
    counts = []
    for alpha in (0.01, 0.1, best_learning_rate(X)):
        run = gradient_descent(loss_gradient, np.zeros(2), alpha, steps=12_000)
        distances = np.linalg.norm(run.path - THETA_STAR, axis=1)
        counts.append(int(np.argmax(distances <= 1e-6)))
    assert counts[0] > 9 * counts[1] > 0
    assert counts[2] < counts[1] / 2
    # Steps until the slowest component has shrunk by the factor needed, to within a few.
    for alpha, count in zip((0.01, 0.1), counts[:2], strict=True):
        rate = 1 - alpha * EIGENVALUES.min()
        predicted = np.log(1e-6 / np.linalg.norm(THETA_STAR)) / np.log(rate)
        assert count == pytest.approx(predicted, rel=0.02)


def test_centring_makes_the_hessian_diagonal_and_needs_far_fewer_steps():
    Xc = centred(X)
    hessian = Xc.T @ Xc / len(Xc)
    np.testing.assert_allclose(hessian, np.diag([1.0, 1.25]), atol=1e-15)
    centred_eigenvalues = np.linalg.eigvalsh(hessian)

    def centred_gradient(theta):
        return mean_squared_error_gradient(theta, Xc, y)

    raw = gradient_descent(
        loss_gradient,
        np.zeros(2),
        best_learning_rate(X),
        steps=20_000,
        tol=1e-6 * EIGENVALUES.min(),
    )
    fast = gradient_descent(
        centred_gradient,
        np.zeros(2),
        best_learning_rate(Xc),
        steps=20_000,
        tol=1e-6 * centred_eigenvalues.min() / (1 + abs(X[:, 1].mean())),
    )
    assert raw.converged and fast.converged
    assert fast.iterations * 20 < raw.iterations
    slope = fast.x[1]
    intercept = fast.x[0] - slope * X[:, 1].mean()
    assert np.linalg.norm([intercept - THETA_STAR[0], slope - THETA_STAR[1]]) <= 1e-6


@pytest.mark.parametrize("shift", [-6.0, -3.0, 0.0, 4.0])
def test_mapping_back_from_centred_parameters_stretches_by_at_most_one_plus_abs_mean(
    shift,
):
    # The feature shifted so that its mean x̄ = 2.5 + shift takes either sign.
    feature = X[:, 1] + shift
    x_mean = feature.mean()
    M = np.array([[1.0, -x_mean], [0.0, 1.0]])
    norm = np.linalg.norm(M, 2)
    assert norm <= 1 + abs(x_mean)
    if x_mean < 0:
        assert norm > 1 + x_mean  # the bound without |·| is wrong for x̄ < 0
    design = np.column_stack([np.ones(4), feature])
    theta_star = np.linalg.lstsq(design, y)[0]
    Xc = np.column_stack([np.ones(4), feature - x_mean])
    low, high = np.linalg.eigvalsh(Xc.T @ Xc / 4)
    fit = gradient_descent(
        lambda c: mean_squared_error_gradient(c, Xc, y),
        np.zeros(2),
        2 / (low + high),
        steps=20_000,
        tol=1e-6 * low / (1 + abs(x_mean)),
    )
    assert fit.converged
    assert np.linalg.norm(M @ fit.x - theta_star) <= 1e-6


def gap_curve(alpha, steps=300):
    lowest = mean_squared_error(THETA_STAR, X, y)
    path = gradient_descent(loss_gradient, np.zeros(2), alpha, steps=steps).path
    return np.array([mean_squared_error(t, X, y) - lowest for t in path])


@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_the_best_rate_starts_behind_and_wins_asymptotically(alpha):
    best = gap_curve(best_learning_rate(X))
    other = gap_curve(alpha)
    behind = np.nonzero(best >= other)[0]
    assert 40 <= behind.max() <= 100  # behind for the first ~50 to ~90 steps
    assert np.all(best[behind.max() + 1 :] < other[behind.max() + 1 :])
    # Asymptotically the gap ratio per step is ρ², smallest at the best rate.
    lam_min, lam_max = EIGENVALUES
    rho = {
        a: max(abs(1 - a * lam_min), abs(1 - a * lam_max))
        for a in (alpha, best_learning_rate(X))
    }
    assert rho[best_learning_rate(X)] < rho[alpha]
    np.testing.assert_allclose(
        best[200] / best[199], rho[best_learning_rate(X)] ** 2, rtol=1e-3
    )


# The exercises.


def test_exercise_without_the_half_the_bound_halves_and_the_path_is_that_of_two_alpha():
    assert 1 / EIGENVALUES.max() == pytest.approx(0.1198, abs=1e-4)
    for alpha in (0.05, 0.03, 0.11):
        doubled = gradient_descent(
            lambda t: 2 * loss_gradient(t), np.zeros(2), alpha, steps=100
        )
        with_half = gradient_descent(loss_gradient, np.zeros(2), 2 * alpha, steps=100)
        np.testing.assert_array_equal(doubled.path, with_half.path)


def test_exercise_the_normal_equations_by_hand():
    np.testing.assert_array_equal(X.T @ X, [[4, 10], [10, 30]])
    np.testing.assert_array_equal(X.T @ y, [15, 41])
    assert np.linalg.det(X.T @ X) == pytest.approx(20)
    np.testing.assert_allclose(
        np.array([[30, -10], [-10, 4]]) @ (X.T @ y) / 20, [2.0, 0.7], atol=1e-12
    )
    hessian = X.T @ X / 4
    assert np.trace(hessian) == pytest.approx(8.5)
    assert np.linalg.det(hessian) == pytest.approx(1.25)
    roots = (8.5 + np.array([-1, 1]) * np.sqrt(67.25)) / 2
    np.testing.assert_allclose(roots, EIGENVALUES, rtol=1e-12)
    np.testing.assert_allclose(roots, [0.1497, 8.3503], atol=5e-5)


def promised_steps(eigenvalues):
    kappa = eigenvalues[1] / eigenvalues[0]
    rho = (kappa - 1) / (kappa + 1)
    return kappa, rho, int(np.ceil(6 * np.log(10) / np.log(1 / rho)))


def test_exercise_centring_promised_and_taken_steps():
    kappa, rho, promised = promised_steps(EIGENVALUES)
    assert kappa == pytest.approx(55.78, abs=0.005)
    assert rho == pytest.approx(0.9648, abs=5e-5)
    assert promised == 386
    X_centred = np.column_stack([np.ones(4), X[:, 1] - X[:, 1].mean()])
    centred_eigenvalues = np.linalg.eigvalsh(X_centred.T @ X_centred / 4)
    np.testing.assert_allclose(centred_eigenvalues, [1.0, 1.25])
    kappa, rho, promised = promised_steps(centred_eigenvalues)
    assert kappa == pytest.approx(1.25) and rho == pytest.approx(1 / 9)
    assert promised == 7
    for design, expected in ((X, 386), (X_centred, 7)):
        eigenvalues = np.linalg.eigvalsh(design.T @ design / 4)
        best = 2 / eigenvalues.sum()
        target = np.linalg.lstsq(design, y)[0]
        path = gradient_descent(
            lambda t, d=design: mean_squared_error_gradient(t, d, y),
            np.zeros(2),
            best,
            1000,
        ).path
        errors = np.linalg.norm(path - target, axis=1)
        _, rho, _ = promised_steps(eigenvalues)
        # The bound holds with equality at the best rate (up to rounding).
        above = errors[errors > 1e-9 * errors[0]]  # above rounding
        assert len(above) > 8
        np.testing.assert_allclose(above[1:] / above[:-1], rho, rtol=1e-6)
        assert int(np.argmax(errors <= 1e-6 * errors[0])) == expected


def test_exercise_a_feature_far_from_zero():
    X_far = X + np.array([0.0, 100.0])
    eigenvalues = np.linalg.eigvalsh(X_far.T @ X_far / 4)
    hessian = X_far.T @ X_far / 4
    assert np.linalg.det(hessian) == pytest.approx(1.25, rel=1e-6)
    assert np.trace(hessian) == pytest.approx(10_508.5, rel=1e-12)
    assert eigenvalues[0] == pytest.approx(1.19e-4, rel=5e-3)
    assert eigenvalues[0] == pytest.approx(1.25 / np.trace(hessian), rel=1e-6)
    kappa, _, promised = promised_steps(eigenvalues)
    assert kappa == pytest.approx(8.8e7, rel=0.01)
    assert promised == pytest.approx(6e8, rel=0.05)
    assert 2 / eigenvalues[1] == pytest.approx(1.9e-4, rel=0.01)
    centred = np.column_stack([np.ones(4), X_far[:, 1] - X_far[:, 1].mean()])
    np.testing.assert_array_equal(
        centred, np.column_stack([np.ones(4), X[:, 1] - X[:, 1].mean()])
    )
