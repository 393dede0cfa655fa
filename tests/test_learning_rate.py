"""Learning rate and stopping: regimes on x² + y², the 2/λmax bound, gradient vs error."""

import numpy as np
import pytest

from steepest import gradient_descent, numerical_gradient
from steepest.figures.learning_rate import SKEWED_BOWL_HESSIAN
from steepest.functions import (
    narrow_valley,
    narrow_valley_gradient,
    paraboloid_gradient,
    skewed_bowl,
    skewed_bowl_gradient,
)


@pytest.mark.parametrize("alpha", [0.1, 0.3, 0.5, 0.7, 0.9, 1.0, 1.2, 1.5])
def test_each_step_on_the_bowl_multiplies_the_point_by_one_minus_two_alpha(alpha):
    run = gradient_descent(paraboloid_gradient, [1.0, -2.0], alpha, steps=20)
    expected = np.array(
        [(1 - 2 * alpha) ** k * np.array([1.0, -2.0]) for k in range(21)]
    )
    np.testing.assert_allclose(run.path, expected, rtol=1e-12, atol=1e-300)


def first_coordinates(alpha, steps=20):
    return gradient_descent(paraboloid_gradient, [1.0, 1.0], alpha, steps).path[:, 0]


@pytest.mark.parametrize("alpha", [0.05, 0.2, 0.45])
def test_below_one_half_the_iterates_shrink_without_changing_sign(alpha):
    x = first_coordinates(alpha)
    assert np.all(x > 0)
    assert np.all(np.diff(x) < 0)


def test_at_one_half_the_minimum_is_reached_in_one_step():
    assert np.all(first_coordinates(0.5)[1:] == 0)


@pytest.mark.parametrize("alpha", [0.55, 0.8, 0.95])
def test_between_one_half_and_one_the_iterates_alternate_and_shrink(alpha):
    x = first_coordinates(alpha)
    assert np.all(x[:-1] * x[1:] < 0)
    assert np.all(np.diff(np.abs(x)) < 0)


def test_at_one_the_iterates_are_stuck_at_plus_and_minus_x0():
    x = first_coordinates(1.0)
    np.testing.assert_array_equal(x, [(-1.0) ** k for k in range(21)])


@pytest.mark.parametrize("alpha", [1.05, 1.2, 2.0])
def test_above_one_the_iterates_alternate_and_grow(alpha):
    x = first_coordinates(alpha)
    assert np.all(x[:-1] * x[1:] < 0)
    assert np.all(np.diff(np.abs(x)) > 0)


def test_the_skewed_bowl_is_half_x_transpose_a_x_with_the_symmetrised_matrix():
    B = np.array([[1.0, 1.0], [0.0, 3.0]])
    A = B + B.T
    np.testing.assert_array_equal(A, SKEWED_BOWL_HESSIAN)
    rng = np.random.default_rng(0)
    for point in rng.normal(size=(5, 2)):
        assert skewed_bowl(point) == pytest.approx(point @ B @ point, rel=1e-12)
        assert skewed_bowl(point) == pytest.approx(point @ A @ point / 2, rel=1e-12)
        np.testing.assert_allclose(skewed_bowl_gradient(point), A @ point, rtol=1e-12)
        np.testing.assert_allclose(
            numerical_gradient(skewed_bowl, point), A @ point, rtol=1e-7, atol=1e-9
        )


def spd_matrices():
    rng = np.random.default_rng(1)
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    return {
        "skewed bowl": SKEWED_BOWL_HESSIAN,
        "narrow valley": np.diag([1.0, 0.01]),
        "random 3x3": Q @ np.diag([0.3, 2.0, 5.0]) @ Q.T,
    }


@pytest.mark.parametrize("name", list(spd_matrices()))
def test_just_below_two_over_lambda_max_converges_just_above_diverges(name):
    A = spd_matrices()[name]
    bound = 2 / np.linalg.eigvalsh(A).max()
    start = np.ones(len(A))

    def gradient(x):
        return A @ x

    below = gradient_descent(gradient, start, 0.98 * bound, steps=5000)
    assert np.linalg.norm(below.x) < 1e-6 * np.linalg.norm(start)

    # Above the bound the component along the top eigenvector grows by |1 − αλmax|
    # per step; 30 steps keep the values small and finite.
    above = gradient_descent(gradient, start, 1.02 * bound, steps=30)
    top = np.linalg.eigh(A)[1][:, -1]
    components = np.abs(above.path @ top)
    np.testing.assert_allclose(components[1:] / components[:-1], 1.04, rtol=1e-9)
    assert components[-1] > 3 * components[0]


def test_the_skewed_bowl_bound_and_best_rate():
    eigenvalues = np.linalg.eigvalsh(SKEWED_BOWL_HESSIAN)
    np.testing.assert_allclose(eigenvalues, [4 - np.sqrt(5), 4 + np.sqrt(5)])
    assert 2 / eigenvalues.max() == pytest.approx(0.3207, abs=1e-4)
    assert 2 / eigenvalues.sum() == pytest.approx(0.25)


@pytest.mark.parametrize("name", list(spd_matrices()))
def test_the_error_is_at_most_the_gradient_norm_over_lambda_min(name):
    A = spd_matrices()[name]
    lambda_min = np.linalg.eigvalsh(A).min()
    rng = np.random.default_rng(2)
    minimiser = rng.normal(size=len(A))
    for x in rng.normal(scale=3, size=(200, len(A))):
        gradient = A @ (x - minimiser)
        error = np.linalg.norm(x - minimiser)
        assert error <= np.linalg.norm(gradient) / lambda_min * (1 + 1e-12)
    # Equality along the eigenvector of λmin.
    x = minimiser + 2.5 * np.linalg.eigh(A)[1][:, 0]
    gradient_norm = np.linalg.norm(A @ (x - minimiser))
    assert np.linalg.norm(x - minimiser) == pytest.approx(gradient_norm / lambda_min)


def test_on_the_narrow_valley_a_small_gradient_leaves_a_large_error():
    run = gradient_descent(narrow_valley_gradient, [1.0, 10.0], 1.0, tol=0.01)
    gradient_norm = np.linalg.norm(narrow_valley_gradient(run.x))
    error = np.linalg.norm(run.x)
    assert run.converged
    assert gradient_norm <= 0.01
    assert error > 0.9  # 90 times the tolerance
    assert error <= gradient_norm / 0.01 * (1 + 1e-12)
    assert error == pytest.approx(gradient_norm / 0.01, rel=1e-9)


def test_the_change_in_f_test_stops_far_earlier_and_farther_away():
    run = gradient_descent(narrow_valley_gradient, [1.0, 10.0], 1.0, steps=2000)
    values = np.array([narrow_valley(p) for p in run.path])
    gradients = np.linalg.norm([narrow_valley_gradient(p) for p in run.path], axis=1)
    changes = np.r_[np.inf, np.abs(np.diff(values))]
    steps = np.r_[np.inf, np.linalg.norm(np.diff(run.path, axis=0), axis=1)]
    k_gradient = int(np.argmax(gradients <= 1e-6))
    k_step = int(np.argmax(steps <= 1e-6))
    k_change = int(np.argmax(changes <= 1e-6))
    assert abs(k_step - k_gradient) <= 1  # α = 1: the step is the gradient
    assert k_change < k_gradient / 2
    errors = np.linalg.norm(run.path, axis=1)
    assert 500 < errors[k_change] / errors[k_gradient] < 2000  # "a thousand times"


def test_the_narrow_valley_gradient_matches_central_differences():
    for point in ([1.0, 10.0], [-0.3, 2.0]):
        np.testing.assert_allclose(
            narrow_valley_gradient(point),
            numerical_gradient(narrow_valley, point),
            rtol=1e-7,
        )


# The change-in-f rule: the absolute change, and an increase is a failure.


def test_the_signed_change_in_f_rule_fires_at_once_when_f_rises():
    from steepest.functions import paraboloid

    run = gradient_descent(paraboloid_gradient, [1.0, 1.0], 1.1, steps=20)
    values = np.array([paraboloid(p) for p in run.path])
    change = np.diff(values)  # f(x_k+1) − f(x_k)
    assert np.all(change > 0)  # f rises at every step
    assert -change[0] <= 1e-6  # the signed rule would stop at once, "converged"
    assert not np.any(np.abs(change) <= 1e-6)  # the absolute rule never fires
    assert change[0] > 0  # and the increase marks the run as failed at step 1


# After a rotation a quadratic is n independent one-dimensional problems.


@pytest.mark.parametrize("alpha", [0.05, 0.2, 0.3])
def test_in_eigenvector_coordinates_each_component_is_a_one_dimensional_descent(alpha):
    eigenvalues, Q = np.linalg.eigh(SKEWED_BOWL_HESSIAN)
    start = np.array([1.0, 0.5])
    run = gradient_descent(skewed_bowl_gradient, start, alpha, steps=30)
    rotated = run.path @ Q  # row k: Qᵀ x_k
    expected = (Q.T @ start) * (1 - alpha * eigenvalues) ** np.arange(31)[:, None]
    np.testing.assert_allclose(rotated, expected, rtol=1e-9, atol=1e-15)


def test_rescaling_to_the_round_bowl_changes_the_path():
    # u = A^(1/2) x makes f = ½‖u‖²; descent on u, mapped back, is not descent on x.
    eigenvalues, Q = np.linalg.eigh(SKEWED_BOWL_HESSIAN)
    root = Q @ np.diag(np.sqrt(eigenvalues)) @ Q.T
    start = np.array([1.0, 0.5])
    on_x = gradient_descent(skewed_bowl_gradient, start, 0.1, steps=10).path
    on_u = gradient_descent(lambda u: u, root @ start, 0.1, steps=10).path
    back = np.linalg.solve(root, on_u.T).T
    assert np.max(np.linalg.norm(back - on_x, axis=1)) > 0.05


# Which curvature sets the speed depends on α.


def contraction(alpha, eigenvalues):
    return np.abs(1 - alpha * eigenvalues)


def test_the_smallest_curvature_sets_the_speed_only_up_to_the_best_rate():
    eigenvalues = np.linalg.eigvalsh(SKEWED_BOWL_HESSIAN)
    best = 2 / eigenvalues.sum()
    for alpha in np.linspace(0.01, best, 20):
        factors = contraction(alpha, eigenvalues)
        assert factors[0] >= factors[1] - 1e-12  # λmin's component is the slowest
    for alpha in np.linspace(best * 1.01, 0.99 * 2 / eigenvalues.max(), 20):
        factors = contraction(alpha, eigenvalues)
        assert factors[1] > factors[0]  # now λmax's component is the slowest


# f decreases monotonically for every α < 2/λmax; only the fast component alternates.


@pytest.mark.parametrize("alpha", [0.05, 0.15, 0.2, 0.25, 0.31])
def test_below_the_bound_f_decreases_at_every_step(alpha):
    eigenvalues, Q = np.linalg.eigh(SKEWED_BOWL_HESSIAN)
    assert alpha < 2 / eigenvalues.max()
    run = gradient_descent(skewed_bowl_gradient, [1.0, 0.5], alpha, steps=80)
    values = np.array([skewed_bowl(p) for p in run.path])
    assert np.all(np.diff(values[values > 1e-300]) < 0)
    fast = run.path @ Q[:, 1]  # the component along the eigenvector of λmax
    # Only where it stands above the rounding noise of the slow component.
    fast = fast[np.abs(fast) > 1e-10 * np.linalg.norm(run.path, axis=1)]
    assert len(fast) > 5
    if alpha > 1 / eigenvalues.max():
        assert np.all(fast[:-1] * fast[1:] < 0)  # alternates in sign
    else:
        assert np.all(fast[:-1] * fast[1:] > 0)


# The descent lemma: ∇f L-Lipschitz and 0 < α < 2/L ⇒ f(x − α∇f) ≤ f − α(1 − αL/2)‖∇f‖².


def test_the_descent_lemma_on_a_non_quadratic_function():
    # f(x, y) = log(1 + eˣ) + log(1 + eʸ) + cos(x + y): Hessian eigenvalues in [−L, L]
    # with L = 1/4 + 2 (σ' ≤ 1/4, and cos(x + y) adds at most 2 in norm).
    def f(p):
        return float(np.logaddexp(0, p[0]) + np.logaddexp(0, p[1]) + np.cos(p.sum()))

    def gradient(p):
        return 1 / (1 + np.exp(-p)) - np.sin(p.sum())

    lipschitz = 0.25 + 2.0
    rng = np.random.default_rng(4)
    for point in rng.uniform(-4, 4, size=(300, 2)):
        g = gradient(point)
        for alpha in (0.2 / lipschitz, 1 / lipschitz, 1.9 / lipschitz):
            bound = f(point) - alpha * (1 - alpha * lipschitz / 2) * g @ g
            assert f(point - alpha * g) <= bound + 1e-12


# The exercises.


def test_exercise_alpha_point_nine_mirrors_alpha_point_one():
    slow = gradient_descent(paraboloid_gradient, [1.0, 1.0], 0.1, steps=10).path
    flipped = gradient_descent(paraboloid_gradient, [1.0, 1.0], 0.9, steps=10).path
    signs = (-1.0) ** np.arange(11)[:, None]
    np.testing.assert_allclose(flipped, signs * slow, rtol=1e-12, atol=1e-15)
    assert abs(1 - 2 * 0.9) == pytest.approx(0.8)


def test_exercise_best_rate_on_the_skewed_bowl_shrinks_the_norm_by_exactly_rho():
    eigenvalues = np.linalg.eigvalsh(SKEWED_BOWL_HESSIAN)
    assert 2 / eigenvalues.sum() == pytest.approx(0.25)
    rho = np.sqrt(5) / 4
    assert rho == pytest.approx(0.5590, abs=1e-4)
    np.testing.assert_allclose(np.abs(1 - 0.25 * eigenvalues), rho)
    rng = np.random.default_rng(5)
    for start in [np.array([1.0, 0.5]), *rng.normal(size=(3, 2))]:
        norms = np.linalg.norm(
            gradient_descent(skewed_bowl_gradient, start, 0.25, steps=30).path, axis=1
        )
        np.testing.assert_allclose(norms[1:] / norms[:-1], rho, rtol=1e-9)
        assert int(np.argmax(norms <= 1e-6 * norms[0])) == 24
    assert 6 * np.log(10) / np.log(1 / rho) == pytest.approx(23.76, abs=0.005)


@pytest.mark.parametrize("alpha", [1.0, 0.1])
def test_exercise_the_step_size_rule_stops_within_its_bound(alpha):
    run = gradient_descent(
        narrow_valley_gradient, [1.0, 10.0], alpha, steps=20_000, tol=1e-6 / alpha
    )
    last = run.x - alpha * narrow_valley_gradient(run.x)
    bound = 1e-6 / alpha / 0.01
    steps = np.linalg.norm(np.diff(run.path, axis=0), axis=1)
    assert np.all(steps > 1e-6)  # the step rule did not fire earlier
    assert np.linalg.norm(last - run.x) <= 1e-6  # and fires at the step to x⁽ᵏ⁺¹⁾
    assert 0.9 * bound < np.linalg.norm(last) <= bound  # close to the bound


def test_exercise_the_small_rate_takes_eight_times_the_steps_ten_times_farther():
    runs = {
        alpha: gradient_descent(
            narrow_valley_gradient, [1.0, 10.0], alpha, steps=20_000, tol=1e-6 / alpha
        )
        for alpha in (1.0, 0.1)
    }
    assert 7.5 < runs[0.1].iterations / runs[1.0].iterations < 8.5
    errors = {
        a: np.linalg.norm(r.x - a * narrow_valley_gradient(r.x))
        for a, r in runs.items()
    }
    assert 9 < errors[0.1] / errors[1.0] < 11


@pytest.mark.parametrize("alpha", [0.25, 0.05, 0.3])
def test_exercise_the_tolerance_lambda_min_delta_guarantees_the_distance(alpha):
    lambda_min = 4 - np.sqrt(5)
    assert 1e-4 * lambda_min == pytest.approx(1.76e-4, abs=5e-7)
    run = gradient_descent(
        skewed_bowl_gradient, [1.0, 0.5], alpha, tol=1e-4 * lambda_min
    )
    assert run.converged
    assert np.linalg.norm(run.x) <= 1e-4
    if alpha == 0.25:
        assert np.linalg.norm(run.x) < 0.5e-4  # the faster run, well inside
