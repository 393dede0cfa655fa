"""When it goes wrong: saddle points, a narrow curved valley, several local minima."""

import warnings

import numpy as np
import pytest

from steepest import gradient_descent, numerical_gradient
from steepest.functions import (
    himmelblau,
    himmelblau_gradient,
    rosenbrock,
    rosenbrock_gradient,
    saddle,
    saddle_gradient,
)


def hessian_estimate(gradient, point):
    """The Hessian as central differences of the analytic gradient, symmetrised."""
    rows = [numerical_gradient(lambda p, i=i: gradient(p)[i], point) for i in (0, 1)]
    hessian = np.array(rows)
    return (hessian + hessian.T) / 2


@pytest.mark.parametrize(
    ("f", "gradient", "points"),
    [
        (saddle, saddle_gradient, [(0.3, -1.2), (2.0, 0.5)]),
        (rosenbrock, rosenbrock_gradient, [(-1.2, 1.0), (0.5, 0.3), (1.1, 1.3)]),
        (himmelblau, himmelblau_gradient, [(0.0, 0.0), (-2.0, 3.5), (4.0, -1.0)]),
    ],
)
def test_analytic_gradients_match_central_differences(f, gradient, points):
    for point in points:
        np.testing.assert_allclose(
            gradient(point), numerical_gradient(f, point), rtol=1e-6, atol=1e-6
        )


# Saddle: f = x² − y².


def test_descent_from_the_x_axis_converges_to_the_saddle():
    run = gradient_descent(saddle_gradient, [1.5, 0.0], learning_rate=0.1, tol=1e-6)
    assert run.converged is True
    np.testing.assert_allclose(run.x, [0.0, 0.0], atol=1e-6)
    assert np.all(run.path[:, 1] == 0.0)


def test_the_saddle_passes_the_gradient_test_but_is_not_a_minimum():
    np.testing.assert_array_equal(saddle_gradient([0.0, 0.0]), [0.0, 0.0])
    eigenvalues = np.linalg.eigvalsh(hessian_estimate(saddle_gradient, [0.0, 0.0]))
    np.testing.assert_allclose(eigenvalues, [-2.0, 2.0], atol=1e-6)
    for eps in (1e-1, 1e-4, 1e-8):
        assert saddle([0.0, eps]) < saddle([0.0, 0.0])


@pytest.mark.parametrize("y0", [1e-6, -1e-3, 0.2])
def test_descent_from_off_the_axis_escapes(y0):
    alpha = 0.1
    run = gradient_descent(saddle_gradient, [1.5, y0], learning_rate=alpha, steps=60)
    heights = np.abs(run.path[:, 1])
    assert np.all(np.diff(heights) > 0)
    np.testing.assert_allclose(heights, abs(y0) * (1 + 2 * alpha) ** np.arange(61))
    assert saddle(run.x) < saddle(run.path[0])
    assert run.converged is False


# Rosenbrock: f = (1 − x)² + 100 (y − x²)², minimum at (1, 1).


def test_rosenbrock_minimum_and_its_curvatures():
    np.testing.assert_array_equal(rosenbrock_gradient([1.0, 1.0]), [0.0, 0.0])
    assert rosenbrock([1.0, 1.0]) == 0.0
    hessian = hessian_estimate(rosenbrock_gradient, [1.0, 1.0])
    np.testing.assert_allclose(hessian, [[802, -400], [-400, 200]], rtol=1e-6)
    small, large = np.linalg.eigvalsh(hessian)
    assert small > 0
    assert large / small > 2500
    assert 0.00199 < 2 / large < 0.002


def test_rosenbrock_progress_is_slow_at_a_stable_step():
    run = gradient_descent(
        rosenbrock_gradient, [-1.2, 1.0], learning_rate=0.001, steps=100_000, tol=1e-6
    )
    assert np.linalg.norm(run.path[1000] - 1) > 1.0
    assert np.linalg.norm(run.path[2000] - 1) > 0.5
    assert run.converged is True
    assert run.iterations > 30_000
    np.testing.assert_allclose(run.x, [1.0, 1.0], atol=1e-5)


def test_rosenbrock_steps_scale_like_one_over_alpha():
    steps = {}
    for alpha in (0.001, 0.0019):
        run = gradient_descent(
            rosenbrock_gradient, [-1.2, 1.0], alpha, steps=100_000, tol=1e-6
        )
        assert run.converged is True
        steps[alpha] = run.iterations
    assert steps[0.0019] > 15_000
    assert steps[0.001] / steps[0.0019] == pytest.approx(1.9, rel=0.05)


def test_rosenbrock_path_zigzags_across_the_valley():
    run = gradient_descent(rosenbrock_gradient, [-1.2, 1.0], 0.0019, steps=20)
    # The step across the valley (along x here) changes sign at every step.
    dx = np.diff(run.path[:, 0])
    assert np.all(dx[:-1] * dx[1:] < 0)


def test_above_the_curvature_limit_descent_cannot_settle_at_the_minimum():
    start = [1.0 + 1e-3, 1.0]
    stable = gradient_descent(
        rosenbrock_gradient, start, 0.0019, steps=20_000, tol=1e-6
    )
    unstable = gradient_descent(
        rosenbrock_gradient, start, 0.0021, steps=20_000, tol=1e-6
    )
    assert stable.converged is True
    assert unstable.converged is False
    assert np.linalg.norm(unstable.x - 1) > 1e-2


def test_a_too_large_step_diverges():
    run = gradient_descent(rosenbrock_gradient, [-1.2, 1.0], 0.008, steps=4)
    norms = np.linalg.norm(run.path, axis=1)
    assert np.all(np.diff(norms[1:]) > 0)
    assert norms[-1] > 1e6
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        longer = gradient_descent(rosenbrock_gradient, [-1.2, 1.0], 0.008, steps=12)
    # Whether the optimiser stops at the blow-up or carries on to inf and nan,
    # the iterates have left any neighbourhood of the valley.
    assert np.nanmax(np.linalg.norm(longer.path, axis=1)) > 1e6
    assert longer.converged is False


# Several local minima: Himmelblau's function.

STARTS = [(0.0, 0.0), (-1.0, 0.0), (-0.5, -2.5), (1.0, -4.5), (4.5, 4.5)]


def test_different_starts_reach_different_true_local_minima():
    ends = []
    for start in STARTS:
        run = gradient_descent(himmelblau_gradient, start, 0.01, tol=1e-6)
        assert run.converged is True
        assert np.linalg.norm(himmelblau_gradient(run.x)) <= 1e-6
        eigenvalues = np.linalg.eigvalsh(hessian_estimate(himmelblau_gradient, run.x))
        assert np.all(eigenvalues > 1.0)
        assert himmelblau(run.x) < 1e-12
        ends.append(run.x)
    distinct = np.unique(np.round(ends, 3), axis=0)
    assert len(distinct) == 4
    known = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186)]
    known.append((3.584428, -1.848126))
    for minimum in known:
        assert np.min(np.linalg.norm(np.array(ends) - minimum, axis=1)) < 1e-5


def test_himmelblau_local_maximum_also_passes_the_gradient_test():
    # Newton's method on ∇f = 0 from near (−0.27, −0.92) finds the local maximum.
    point = np.array([-0.27, -0.92])
    for _ in range(20):
        hessian = hessian_estimate(himmelblau_gradient, point)
        point = point - np.linalg.solve(hessian, himmelblau_gradient(point))
    assert np.linalg.norm(himmelblau_gradient(point)) < 1e-9
    eigenvalues = np.linalg.eigvalsh(hessian_estimate(himmelblau_gradient, point))
    assert np.all(eigenvalues < 0)
    stuck = gradient_descent(himmelblau_gradient, point, 0.01, tol=1e-6)
    assert stuck.converged is True
    assert stuck.iterations == 0


# "Converged" means ‖∇f(x)‖ ≤ tol, not "near a stationary point".


@pytest.mark.parametrize("tol", [1e-3, 1e-4, 1e-5])
def test_descent_on_exp_converges_where_exp_falls_below_tol(tol):
    # eˣ has no stationary point; the test passes near x = ln(tol), further out for a
    # smaller tol.
    run = gradient_descent(np.exp, 0.0, learning_rate=1.0, steps=200_000, tol=tol)
    assert run.converged is True
    assert np.exp(run.x[0]) <= tol
    assert run.x[0] == pytest.approx(np.log(tol), abs=1e-3)


def test_strong_convexity_turns_the_gradient_into_a_distance():
    # f(x, y) = x² + y² + eˣ⁺ʸ: Hessian ⪰ 2I, so μ = 2 and ‖x − x*‖ ≤ ‖∇f(x)‖/μ.
    def gradient(p):
        return 2 * p + np.exp(p.sum())

    minimiser = gradient_descent(gradient, [0.0, 0.0], 0.1, tol=1e-14).x
    np.testing.assert_allclose(gradient(minimiser), 0.0, atol=1e-14)
    rng = np.random.default_rng(1)
    for point in rng.uniform(-3, 2, size=(200, 2)):
        distance = np.linalg.norm(point - minimiser)
        assert distance <= np.linalg.norm(gradient(point)) / 2 + 1e-12


# Divergence is not always "α too large": f unbounded below along the path.


@pytest.mark.parametrize(("alpha", "step"), [(0.1, 230), (0.001, 20_947)])
def test_the_saddle_diverges_off_the_axis_for_every_learning_rate(alpha, step):
    with pytest.warns(RuntimeWarning, match=rf"at step {step}:.*unbounded below"):
        run = gradient_descent(saddle_gradient, [1.5, 1e-6], alpha, steps=100_000)
    assert run.diverged is True
    assert run.iterations == step - 1
    # f falls without bound along the path: no learning rate is "small enough".
    values = [saddle(p) for p in run.path[-50:]]
    assert np.all(np.diff(values) < 0)
    assert values[-1] < -1e20


def test_just_above_the_limit_descent_on_rosenbrock_cycles_between_two_points():
    """α = 0.0021 (2/λmax at (1, 1) is 0.0020): neither converged nor diverged after
    20,000 steps; the iterates alternate between two points and ‖∇f‖ stays large, while
    the smaller α = 0.0019 converges."""
    cycling = gradient_descent(
        rosenbrock_gradient, [-1.2, 1.0], 0.0021, steps=20_000, tol=1e-6
    )
    assert not cycling.converged and not cycling.diverged
    last, before, two_back = cycling.path[-1], cycling.path[-2], cycling.path[-3]
    assert np.linalg.norm(last - two_back) < 1e-6 < 1e-2 < np.linalg.norm(last - before)
    assert np.linalg.norm(rosenbrock_gradient(last)) > 1.0
    assert gradient_descent(
        rosenbrock_gradient, [-1.2, 1.0], 0.0019, steps=20_000, tol=1e-6
    ).converged


# The exercises.


@pytest.mark.parametrize("tol", [0.5, 1e-1, 1e-2, 1e-3, 1e-4])
def test_exercise_descent_on_exp_overshoots_log_tol_by_less_than_tol(tol):
    run = gradient_descent(np.exp, 0.0, learning_rate=1.0, steps=100_000, tol=tol)
    assert run.converged
    assert np.log(tol) - tol < run.x[0] <= np.log(tol)
    assert np.all(run.path[:-1, 0] > np.log(tol))  # it stops at the first one


@pytest.mark.parametrize(("alpha", "expected"), [(0.1, 76), (0.01, 698)])
def test_exercise_steps_to_leave_the_saddle(alpha, expected):
    run = gradient_descent(saddle_gradient, [1.5, 1e-6], alpha, steps=expected + 50)
    assert int(np.argmax(np.abs(run.path[:, 1]) >= 1)) == expected
    assert int(np.ceil(np.log(1e6) / np.log(1 + 2 * alpha))) == expected


def test_exercise_descent_converges_at_himmelblaus_maximum():
    from steepest import gradient_ascent

    peak = gradient_ascent(himmelblau_gradient, [0.0, 0.0], 0.01, tol=1e-8)
    assert peak.converged
    np.testing.assert_allclose(peak.x, [-0.2708, -0.9230], atol=5e-5)
    assert himmelblau(peak.x) == pytest.approx(181.617, abs=5e-4)
    stuck = gradient_descent(himmelblau_gradient, peak.x, 0.01, tol=1e-2)
    assert stuck.converged and stuck.iterations == 0
    eigenvalues = np.linalg.eigvalsh(hessian_estimate(himmelblau_gradient, peak.x))
    assert np.all(eigenvalues < 0)


def test_exercise_a_strongly_convex_function_turns_tol_into_a_distance():
    from steepest.logistic import sigmoid

    def derivative(x):
        return x + sigmoid(x)

    grid = np.linspace(-30, 30, 6001)
    second = 1 + sigmoid(grid) * (1 - sigmoid(grid))
    assert second.min() >= 1 and second.max() <= 1.25
    reference = gradient_descent(derivative, 3.0, 0.5, tol=1e-13)
    assert reference.converged
    loose = gradient_descent(derivative, 3.0, 0.5, tol=1e-3)
    assert loose.converged
    distance = abs(loose.x[0] - reference.x[0])
    assert distance <= abs(derivative(loose.x)[0]) + 1e-13 <= 1e-3 + 1e-13
    # f decreases at every step with α = 0.5 < 1.6.
    values = [x**2 / 2 + np.logaddexp(0, x) for x in loose.path[:, 0]]
    assert np.all(np.diff(values) < 0)
