"""Logistic regression by gradient ascent: the claims of the article, checked."""

import numpy as np
import pytest

from steepest import gradient_ascent, gradient_descent, numerical_gradient
from steepest.logistic import (
    likelihood_has_maximum,
    log_likelihood,
    log_likelihood_gradient,
    make_data,
    sigmoid,
)

ALPHA = 0.05
TOL = 1e-6


@pytest.fixture(scope="module")
def data():
    return make_data()


def gradient_on(data):
    X, y = data
    return lambda theta: log_likelihood_gradient(theta, X, y)


def newton_estimate(X, y, steps=25):
    """Maximum of the log-likelihood by Newton's method, as an independent reference."""
    theta = np.zeros(X.shape[1])
    for _ in range(steps):
        p = sigmoid(X @ theta)
        hessian = -X.T @ (X * (p * (1 - p))[:, None])
        theta = theta - np.linalg.solve(hessian, X.T @ (y - p))
    return theta


def test_sigmoid_is_stable_and_symmetric():
    z = np.array([-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    assert s[3] == 0.5
    np.testing.assert_allclose(s + sigmoid(-z), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(sigmoid(1.0), 1 / (1 + np.exp(-1.0)), rtol=1e-15)


def test_log_likelihood_matches_the_textbook_formula_and_survives_large_z(data):
    X, y = data
    theta = np.array([0.3, -0.7])
    p = 1 / (1 + np.exp(-(X @ theta)))
    textbook = np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert log_likelihood(theta, X, y) == pytest.approx(textbook, rel=1e-12)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = log_likelihood(np.array([0.0, 500.0]), X, y)
    assert np.isfinite(value) and value < 0


def test_data_are_fixed_by_the_seed_and_the_classes_overlap(data):
    X, y = data
    again_X, again_y = make_data()
    np.testing.assert_array_equal(X, again_X)
    np.testing.assert_array_equal(y, again_y)
    assert X.shape == (40, 2)
    np.testing.assert_array_equal(X[:, 0], 1.0)
    assert set(np.unique(y)) == {0.0, 1.0}
    # Overlap: no threshold on the feature separates the classes, so the MLE is finite.
    assert likelihood_has_maximum(X[:, 1], y)


@pytest.mark.parametrize("theta", [(0.0, 0.0), (-1.0, 2.0), (1.5, -0.5), (3.0, 4.0)])
def test_gradient_matches_central_differences(data, theta):
    X, y = data
    analytic = log_likelihood_gradient(theta, X, y)
    numeric = numerical_gradient(lambda t: log_likelihood(t, X, y), theta)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-6)


def test_the_step_size_is_below_the_curvature_bound(data):
    X, _ = data
    bound = 2 / (np.linalg.eigvalsh(X.T @ X).max() / 4)
    assert 0.07 < bound < 0.075
    assert ALPHA < bound


def test_ascent_converges_to_the_maximum_likelihood_estimate(data):
    X, y = data
    fit = gradient_ascent(gradient_on(data), np.zeros(2), ALPHA, tol=TOL)
    assert fit.converged is True
    assert np.linalg.norm(log_likelihood_gradient(fit.x, X, y)) <= TOL
    assert 50 < fit.iterations < 100
    np.testing.assert_allclose(fit.x, newton_estimate(X, y), atol=1e-6)
    np.testing.assert_allclose(fit.x, [0.4111, 1.5771], atol=1e-4)


def test_log_likelihood_rises_at_every_step(data):
    X, y = data
    fit = gradient_ascent(gradient_on(data), np.zeros(2), ALPHA, tol=TOL)
    values = np.array([log_likelihood(theta, X, y) for theta in fit.path])
    assert np.all(np.diff(values) > 0)


def test_the_estimate_is_a_strict_maximum(data):
    X, y = data
    fit = gradient_ascent(gradient_on(data), np.zeros(2), ALPHA, tol=TOL)
    p = sigmoid(X @ fit.x)
    hessian = -X.T @ (X * (p * (1 - p))[:, None])
    assert np.all(np.linalg.eigvalsh(hessian) < 0)
    # The analytic Hessian agrees with differences of the analytic gradient.
    numeric = np.array(
        [
            numerical_gradient(
                lambda t, i=i: log_likelihood_gradient(t, X, y)[i], fit.x
            )
            for i in range(2)
        ]
    )
    np.testing.assert_allclose(hessian, numeric, rtol=1e-6)
    rng = np.random.default_rng(0)
    best = log_likelihood(fit.x, X, y)
    for direction in rng.normal(size=(20, 2)):
        assert log_likelihood(fit.x + 1e-3 * direction, X, y) < best


def test_ascent_on_f_and_descent_on_minus_f_give_identical_paths(data):
    gradient = gradient_on(data)
    ascent = gradient_ascent(gradient, np.zeros(2), ALPHA, tol=TOL)
    descent = gradient_descent(lambda t: -gradient(t), np.zeros(2), ALPHA, tol=TOL)
    np.testing.assert_array_equal(ascent.path, descent.path)


def test_least_squares_with_the_sign_flipped_is_plain_descent():
    # ERRATA 6: θ ← θ + αXᵀ(y − Xθ) is descent on ½‖Xθ − y‖², not an ascent.
    X = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])
    y = np.array([2.0, 4.0, 5.0, 4.0])
    flipped = gradient_ascent(lambda t: X.T @ (y - X @ t), np.zeros(2), 0.01, 200)
    descent = gradient_descent(lambda t: X.T @ (X @ t - y), np.zeros(2), 0.01, 200)
    np.testing.assert_array_equal(flipped.path, descent.path)
    # And "maximise Σ xᵢᵀθ" has no maximum: the linear function grows along Xᵀ1.
    direction = X.sum(axis=0)
    values = [np.sum(X @ (s * direction)) for s in (1.0, 10.0, 100.0)]
    assert values[0] < values[1] < values[2]


def test_larger_rates_lose_monotonicity_then_convergence(data):
    X, y = data
    gradient = gradient_on(data)
    overshooting = gradient_ascent(gradient, np.zeros(2), 0.3, steps=5000, tol=TOL)
    values = np.array([log_likelihood(t, X, y) for t in overshooting.path])
    assert overshooting.converged is True
    assert not np.all(np.diff(values) > 0)
    bouncing = gradient_ascent(gradient, np.zeros(2), 0.5, steps=5000, tol=TOL)
    assert bouncing.converged is False


def test_the_seeds_loop_divides_by_m_and_equals_descent_on_the_mean_squared_error():
    from steepest.regression import mean_squared_error_gradient

    X = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0], [1.0, 4.0]])
    y = np.array([5.0, 8.0, 10.0, 12.0])
    theta = np.zeros(2)
    for _ in range(1000):
        theta = theta + 0.01 * (X.T.dot(y - X.dot(theta)) / len(X))
    descent = gradient_descent(
        lambda t: mean_squared_error_gradient(t, X, y), np.zeros(2), 0.01, steps=1000
    )
    np.testing.assert_array_equal(theta, descent.x)
    # Without the /m it would be descent on ½‖Xθ − y‖², a different run.
    unscaled = gradient_descent(lambda t: X.T @ (X @ t - y), np.zeros(2), 0.01, 1000)
    assert np.linalg.norm(unscaled.x - theta) > 0.1


# Existence of the maximum: no complete or quasi-complete separation, in either direction.

SEPARATED = {
    "positive slope": ([-2.0, -1.0, 1.0, 2.0], [0, 0, 1, 1]),
    "negative slope": ([-2.0, -1.0, 1.0, 2.0], [1, 1, 0, 0]),
    "quasi-complete, a tie": ([-2.0, 0.0, 0.0, 2.0], [0, 0, 1, 1]),
    "one class only": ([-2.0, -1.0, 1.0, 2.0], [1, 1, 1, 1]),
}


@pytest.mark.parametrize("name", SEPARATED)
def test_separated_data_have_no_maximum_and_ascent_never_stops(name):
    feature, labels = (np.array(v, dtype=float) for v in SEPARATED[name])
    assert likelihood_has_maximum(feature, labels) is False
    X = np.column_stack([np.ones_like(feature), feature])
    run = gradient_ascent(
        lambda t: log_likelihood_gradient(t, X, labels), np.zeros(2), 0.1, 4000, 1e-6
    )
    norms = np.linalg.norm(run.path, axis=1)
    values = [log_likelihood(t, X, labels) for t in run.path]
    assert run.converged is False
    assert norms[-1] > norms[1000] > norms[100]  # ‖θ‖ keeps growing
    assert values[100] < values[1000] < values[-1] < 0  # f rises towards its supremum


def test_the_old_one_way_overlap_check_was_fooled_by_a_negative_slope():
    feature, labels = (np.array(v, dtype=float) for v in SEPARATED["negative slope"])
    assert feature[labels == 0].max() > feature[labels == 1].min()  # "overlap": True
    assert likelihood_has_maximum(feature, labels) is False


def test_overlapping_data_have_a_unique_maximum():
    feature = np.array([-2.0, -1.0, 0.5, 1.0, 2.0])
    labels = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    assert likelihood_has_maximum(feature, labels) is True
    X = np.column_stack([np.ones_like(feature), feature])
    assert np.linalg.matrix_rank(X) == 2
    fits = [
        gradient_ascent(
            lambda t: log_likelihood_gradient(t, X, labels), start, 0.1, 20_000, 1e-10
        ).x
        for start in ([0.0, 0.0], [3.0, -2.0], [-4.0, 5.0])
    ]
    np.testing.assert_allclose(fits[1], fits[0], atol=1e-8)
    np.testing.assert_allclose(fits[2], fits[0], atol=1e-8)


def test_a_constant_feature_has_a_line_of_maximisers_not_none():
    """X = [1, x] rank-deficient: no separation with Xθ ≠ 0, and f attains its maximum
    2 log ½ wherever θ₀ + θ₁ = 0 (the share of 1s is ½), with ∇f = 0 there."""
    X, y = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, 1.0])
    assert likelihood_has_maximum([1.0, 1.0], [0, 1])
    for theta in ([0.0, 0.0], [3.0, -3.0], [-7.5, 7.5]):
        assert log_likelihood(theta, X, y) == pytest.approx(2 * np.log(0.5), abs=1e-12)
        assert np.allclose(log_likelihood_gradient(theta, X, y), 0.0, atol=1e-12)
    assert log_likelihood([1.0, 0.0], X, y) < 2 * np.log(0.5)


# The exercises.


def test_exercise_the_sigmoid_slope_is_at_most_a_quarter_and_only_at_zero():
    from steepest import central_difference

    grid = np.linspace(-8.0, 8.0, 161)
    slopes = np.array(
        [central_difference(lambda t: float(sigmoid(t)), z) for z in grid]
    )
    formula = sigmoid(grid) * (1 - sigmoid(grid))
    np.testing.assert_allclose(slopes, formula, atol=1e-9)
    assert formula.max() == 0.25 and grid[np.argmax(formula)] == 0.0
    assert np.all(formula[grid != 0] < 0.25)


def test_exercise_the_fitted_probabilities_add_up_to_the_ones(data):
    X, y = data
    fit = gradient_ascent(gradient_on(data), np.zeros(2), ALPHA, tol=TOL)
    assert fit.converged and y.sum() == 21
    fitted = sigmoid(X @ fit.x)
    assert (
        abs(fitted.sum() - y.sum()) <= np.linalg.norm(gradient_on(data)(fit.x)) <= TOL
    )
    exact = sigmoid(X @ newton_estimate(X, y))
    assert exact.sum() == pytest.approx(y.sum(), abs=1e-10)


def test_exercise_the_local_rate_and_bound_near_the_maximum(data):
    X, _ = data
    fit = gradient_ascent(gradient_on(data), np.zeros(2), ALPHA, tol=TOL)
    weights = sigmoid(X @ fit.x) * (1 - sigmoid(X @ fit.x))
    local = np.linalg.eigvalsh(X.T @ (weights[:, None] * X))
    rho = np.abs(1 - ALPHA * local).max()
    assert rho == pytest.approx(0.8202, abs=5e-5)
    assert rho == 1 - ALPHA * local.min()  # set by λmin
    norms = np.linalg.norm([gradient_on(data)(t) for t in fit.path[-2:]], axis=1)
    assert norms[1] / norms[0] == pytest.approx(rho, abs=5e-5)  # four digits
    assert 2 / local.max() == pytest.approx(0.348, abs=5e-4)
    global_bound = 2 / (np.linalg.eigvalsh(X.T @ X).max() / 4)
    assert global_bound == pytest.approx(0.0729, abs=5e-5)
    assert 4.5 < (2 / local.max()) / global_bound < 5  # "almost five times"


def test_exercise_separated_labels_ascent_climbs_towards_zero_and_a_tol_fires(data):
    X, _ = data
    assert np.all(X[:, 1] != 0)
    labels = (X[:, 1] > 0).astype(float)
    assert not likelihood_has_maximum(X[:, 1], labels)

    def separated(theta):
        return log_likelihood_gradient(theta, X, labels)

    # Along (0, t) the log-likelihood tends to 0 from below.
    along = [log_likelihood(np.array([0.0, t]), X, labels) for t in (1, 10, 100, 1000)]
    assert np.all(np.diff(along) > 0) and along[-1] < 0 and along[-1] > -1e-12
    climb = gradient_ascent(separated, np.zeros(2), ALPHA, steps=10_000)
    picked = climb.path[[100, 1000, 10_000]]
    norms = np.linalg.norm(picked, axis=1)
    values = [log_likelihood(t, X, labels) for t in picked]
    gradients = [np.linalg.norm(separated(t)) for t in picked]
    assert np.all(np.diff(norms) > 0)
    assert np.all(np.diff(values) > 0) and values[-1] < 0
    assert np.all(np.diff(gradients) < 0)
    stopped = gradient_ascent(separated, np.zeros(2), ALPHA, steps=10_000, tol=0.05)
    assert stopped.converged
