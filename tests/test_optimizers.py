"""Gradient descent and ascent: paths, stopping and the shared iteration."""

import numpy as np
import pytest

from steepest import OptimizeResult, gradient_ascent, gradient_descent
from steepest.optimizers import norm


def bowl_gradient(p):
    """Gradient of f(x, y) = x² + y²."""
    return 2 * p


def hill_gradient(p):
    """Gradient of f(x, y) = 4 - (x² + y²)."""
    return -2 * p


def test_ascent_reproduces_the_listed_trajectory_of_the_source_notes():
    result = gradient_ascent(hill_gradient, [1, 1], learning_rate=0.1, steps=10)
    expected = np.array([0.8**k * np.ones(2) for k in range(11)])
    np.testing.assert_allclose(result.path, expected, rtol=1e-12)
    assert result.iterations == 10
    assert result.converged is False


def test_descent_from_8_8_shrinks_by_0_8_per_step():
    result = gradient_descent(bowl_gradient, [8, 8], learning_rate=0.1, steps=50)
    expected = np.array([8 * 0.8**k * np.ones(2) for k in range(51)])
    np.testing.assert_allclose(result.path, expected, rtol=1e-12)
    np.testing.assert_allclose(result.x, result.path[-1])


def test_descent_stops_at_the_first_point_within_tol():
    tol = 1e-6
    result = gradient_descent(bowl_gradient, [8, 8], learning_rate=0.1, tol=tol)
    # ‖∇f(x_k)‖ = 2 · 8√2 · 0.8^k, so the first k with ‖∇f‖ ≤ tol is:
    first = int(np.ceil(np.log(tol / (16 * np.sqrt(2))) / np.log(0.8)))
    assert result.converged is True
    assert result.iterations == first
    assert np.linalg.norm(bowl_gradient(result.x)) <= tol
    assert np.linalg.norm(bowl_gradient(result.path[-2])) > tol


def test_a_run_that_reaches_tol_on_its_last_step_has_converged():
    exact = gradient_descent(bowl_gradient, [8, 8], learning_rate=0.1, tol=1e-6)
    budget = gradient_descent(
        bowl_gradient, [8, 8], learning_rate=0.1, steps=exact.iterations, tol=1e-6
    )
    short = gradient_descent(
        bowl_gradient, [8, 8], learning_rate=0.1, steps=exact.iterations - 1, tol=1e-6
    )
    assert budget.converged is True
    assert short.converged is False


def test_half_step_on_the_bowl_is_exact_in_one_step():
    result = gradient_descent(bowl_gradient, [3.0, -2.0], learning_rate=0.5, tol=1e-12)
    assert result.iterations == 1
    np.testing.assert_array_equal(result.x, [0.0, 0.0])


def test_ascent_on_f_is_descent_on_minus_f_exactly():
    rng = np.random.default_rng(7)
    start = rng.normal(size=3)
    scales = np.array([1.0, 0.5, 0.1])

    def gradient(p):
        return -scales * p + np.sin(p)

    ascent = gradient_ascent(gradient, start, learning_rate=0.3, steps=40)
    descent = gradient_descent(
        lambda p: -gradient(p), start, learning_rate=0.3, steps=40
    )
    np.testing.assert_array_equal(ascent.path, descent.path)


def test_scalar_start_is_a_point_of_dimension_one():
    result = gradient_descent(lambda x: 2 * (x - 3), 0.0, learning_rate=0.25, steps=3)
    assert result.path.shape == (4, 1)
    assert result.x.shape == (1,)
    np.testing.assert_allclose(result.path[:, 0], [0.0, 1.5, 2.25, 2.625])


def test_result_fields_and_path_shape():
    result = gradient_descent(
        bowl_gradient, [1.0, 2.0, 3.0], learning_rate=0.1, steps=7
    )
    assert isinstance(result, OptimizeResult)
    assert result.path.shape == (8, 3)
    np.testing.assert_array_equal(result.path[0], [1.0, 2.0, 3.0])
    assert result.x.dtype == np.float64


def test_zero_steps_returns_the_start():
    result = gradient_ascent(hill_gradient, [1.0, 2.0], learning_rate=0.1, steps=0)
    assert result.iterations == 0
    np.testing.assert_array_equal(result.path, [[1.0, 2.0]])


def test_the_start_point_is_not_modified():
    start = np.array([1.0, 1.0])
    gradient_descent(bowl_gradient, start, learning_rate=0.1, steps=5)
    np.testing.assert_array_equal(start, [1.0, 1.0])


def test_a_matrix_start_point_is_rejected():
    with pytest.raises(ValueError, match="x0"):
        gradient_descent(bowl_gradient, np.ones((2, 2)), learning_rate=0.1)


def test_one_dimensional_ascent_climbs_from_both_sides_of_the_maximum():
    def parabola_derivative(x):
        return -2 * (x - 2)

    left = gradient_ascent(parabola_derivative, 0.0, learning_rate=0.25, steps=6)
    right = gradient_ascent(parabola_derivative, 4.0, learning_rate=0.25, steps=6)
    assert np.all(np.diff(left.path[:, 0]) > 0)  # f' > 0: x increases
    assert np.all(np.diff(right.path[:, 0]) < 0)  # f' < 0: x decreases
    # each step halves the distance to the maximiser x = 2
    np.testing.assert_allclose(np.abs(left.path[:, 0] - 2), 2 * 0.5 ** np.arange(7))
    np.testing.assert_allclose(np.abs(right.path[:, 0] - 2), 2 * 0.5 ** np.arange(7))


# ---- divergence: stop, flag it, warn; never a silent NaN ----


def test_result_says_diverged_false_on_an_ordinary_run():
    result = gradient_descent(bowl_gradient, [8, 8], learning_rate=0.1, tol=1e-6)
    assert result.diverged is False
    assert result.converged is True


def test_descent_with_too_large_a_step_diverges_at_a_known_step():
    # α = 1.5 on x² + y²: x_k = (1 − 2α)^k x_0 = (−2)^k x_0, and the run stops at the
    # first k with 2^k > 1e12 (the growth limit relative to max(1, ‖x_0‖) = √2).
    first = int(np.ceil(np.log2(1e12)))
    with pytest.warns(RuntimeWarning, match=rf"diverged at step {first}: ") as caught:
        result = gradient_descent(
            bowl_gradient, [1.0, 1.0], learning_rate=1.5, tol=1e-8
        )
    message = str(caught[0].message)
    assert "learning_rate = 1.5 is too large" in message
    assert "f is unbounded below along the path" in message
    assert result.diverged is True
    assert result.converged is False
    assert result.iterations == first - 1
    assert result.path.shape == (first, 2)
    assert np.all(np.isfinite(result.path))
    np.testing.assert_array_equal(result.x, result.path[-1])
    expected = np.array([(-2.0) ** k * np.ones(2) for k in range(first)])
    np.testing.assert_allclose(result.path, expected, rtol=1e-12)


def test_ascent_on_a_bowl_diverges_and_says_so():
    with pytest.warns(
        RuntimeWarning, match=r"^the iterates diverged at step \d+.*unbounded above"
    ):
        result = gradient_ascent(bowl_gradient, [0.5, -0.5], learning_rate=0.1)
    assert result.diverged is True
    assert result.converged is False
    assert result.iterations < 1000
    assert np.all(np.isfinite(result.path))
    assert np.linalg.norm(result.x) <= 1e12


def test_the_growth_limit_is_relative_to_the_start():
    start = np.array([1e6, 0.0])
    with pytest.warns(RuntimeWarning, match="diverged"):
        result = gradient_descent(bowl_gradient, start, learning_rate=1.5)
    assert 1e17 < np.linalg.norm(result.x) <= 1e18
    # the same growth from a start of norm below 1 is measured against 1
    with pytest.warns(RuntimeWarning, match="diverged"):
        small = gradient_descent(bowl_gradient, [1e-3, 0.0], learning_rate=1.5)
    assert 1e11 < np.linalg.norm(small.x) <= 1e12


def test_a_gradient_that_turns_nan_stops_the_run():
    def gradient(p):
        return 2 * p if p[0] > 0.5 else np.full_like(p, np.nan)

    with pytest.warns(RuntimeWarning, match=r"diverged at step 4: "):
        result = gradient_descent(gradient, [1.0], learning_rate=0.1)
    np.testing.assert_allclose(result.path[:, 0], [1.0, 0.8, 0.64, 0.512])
    assert (result.diverged, result.converged, result.iterations) == (True, False, 3)


def test_an_iterate_that_overflows_stops_the_run_before_it():
    with (
        np.errstate(over="ignore"),
        pytest.warns(RuntimeWarning, match=r"diverged at step 1: "),
    ):
        result = gradient_descent(lambda p: 1e308 * np.ones_like(p), [1.0], 10.0)
    np.testing.assert_array_equal(result.path, [[1.0]])
    assert (result.diverged, result.converged, result.iterations) == (True, False, 0)


def test_oscillating_but_bounded_runs_are_not_divergent():
    # α = 1 on x² + y² jumps between x_0 and −x_0 forever: bounded, not divergent
    result = gradient_descent(bowl_gradient, [1.0, 2.0], learning_rate=1.0, steps=500)
    assert result.diverged is False
    assert result.iterations == 500


# ---- "converged" is ‖∇f(x)‖ ≤ tol, not "at a stationary point" ----


def test_ascent_converges_on_the_plain_far_from_any_stationary_point():
    from steepest.functions import peak_and_pit, peak_and_pit_gradient

    run = gradient_ascent(peak_and_pit_gradient, [-1.0, -0.5], 0.5, tol=1e-3)
    assert run.converged is True
    assert np.linalg.norm(peak_and_pit_gradient(run.x)) <= 1e-3
    stationary = np.array([[1.0, 0.0], [-1.0, 0.0]]) / np.sqrt(2)
    assert np.linalg.norm(stationary - run.x, axis=1).min() > 1.8
    np.testing.assert_allclose(run.x, [-2.55, -1.77], atol=0.01)
    # It did climb: f rose from the start towards the plain's value 0.
    assert peak_and_pit(run.path[0]) < peak_and_pit(run.x) < 0


@pytest.mark.parametrize(
    ("method", "start", "other"),
    [
        (gradient_ascent, [-1.0, -0.5], [-1 / np.sqrt(2), 0.0]),  # beyond the pit
        (gradient_descent, [1.2, 0.3], [1 / np.sqrt(2), 0.0]),  # beyond the peak
    ],
)
def test_starts_beyond_the_other_extremum_move_away_from_both(method, start, other):
    from steepest.functions import peak_and_pit_gradient

    assert abs(start[0]) > 1 / np.sqrt(2)  # beyond the other extremum, on its far side
    run = method(peak_and_pit_gradient, start, 0.5, steps=200, tol=1e-8)
    assert run.converged is False
    distances = np.linalg.norm(run.path - other, axis=1)
    assert np.all(np.diff(distances) > 0)  # away from the extremum it started beyond
    sought = -np.array(other)
    assert np.linalg.norm(run.x - sought) > np.linalg.norm(run.path[0] - sought)


# The exercises of "Gradient descent and ascent": the numbers their solutions state.


def test_exercise_one_descent_step_from_8_8_lands_on_6_4_and_f_falls_to_81_92():
    from steepest.functions import paraboloid, paraboloid_gradient

    run = gradient_descent(paraboloid_gradient, [8.0, 8.0], learning_rate=0.1, steps=1)
    np.testing.assert_allclose(run.x, [6.4, 6.4])
    assert paraboloid(run.path[0]) == 128.0
    assert paraboloid(run.x) == pytest.approx(81.92)


@pytest.mark.parametrize("rate", [0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.25, 1.5])
def test_exercise_descent_on_the_bowl_is_1_minus_2_alpha_to_the_k(rate):
    from steepest.functions import paraboloid_gradient

    start = np.array([8.0, -3.0])
    run = gradient_descent(paraboloid_gradient, start, learning_rate=rate, steps=30)
    factors = (1 - 2 * rate) ** np.arange(31)
    np.testing.assert_allclose(run.path, factors[:, None] * start, rtol=1e-12)
    norms = np.linalg.norm(run.path, axis=1)
    if 0 < rate < 1:  # shrinks towards the minimum (monotonically only for α < 1/2)
        assert np.all(np.diff(norms) <= 0) and norms[-1] < 1e-2 * norms[0]
    if rate > 0.5:  # the signs alternate
        np.testing.assert_array_equal(np.sign(run.path[:, 0]), (-1.0) ** np.arange(31))
    if rate > 1:
        assert np.all(np.diff(norms) > 0)
    if rate == 0.5:
        assert np.all(run.path[1:] == 0.0)
    if rate == 1.0:
        np.testing.assert_array_equal(run.path[1::2], np.tile(-start, (15, 1)))
        np.testing.assert_array_equal(run.path[::2], np.tile(start, (16, 1)))


def test_exercise_descent_on_the_bowl_with_alpha_above_1_stops_as_diverged():
    from steepest.functions import paraboloid_gradient

    with pytest.warns(RuntimeWarning):
        run = gradient_descent(paraboloid_gradient, [8.0, 8.0], learning_rate=1.25)
    assert run.diverged and not run.converged
    # it stops once ‖x‖ would pass 1e12 · ‖x⁽⁰⁾‖, growing by 2α − 1 = 1.5 per step
    assert run.iterations == int(np.floor(np.log(1e12) / np.log(1.5)))


def test_exercise_descent_from_the_peak_converges_after_0_steps():
    from steepest.functions import peak_and_pit, peak_and_pit_gradient

    peak = np.array([1.0, 0.0]) / np.sqrt(2)
    run = gradient_descent(peak_and_pit_gradient, peak, learning_rate=0.5, tol=1e-6)
    assert run.converged and run.iterations == 0
    rng = np.random.default_rng(5)
    for direction in rng.normal(size=(20, 2)):
        nearby = peak + 0.01 * direction / np.linalg.norm(direction)
        assert peak_and_pit(nearby) < peak_and_pit(peak)


@pytest.mark.parametrize("tol", [1e-3, 1e-6, 1e-9])
def test_exercise_the_bowl_descent_takes_the_predicted_number_of_steps(tol):
    bound = np.log(2 * np.linalg.norm([8.0, 8.0]) / tol) / np.log(1 / 0.8)
    run = gradient_descent(bowl_gradient, np.array([8.0, 8.0]), 0.1, tol=tol)
    assert run.iterations == int(np.ceil(bound))
    if tol == 1e-6:
        assert run.iterations == 76
        assert bound == pytest.approx(75.9, abs=0.05)


def test_the_loops_norm_is_numpys_for_every_vector():
    """`norm` replaces np.linalg.norm in the loop: the same value, bit for bit, and NaN
    or inf for a vector that is not finite (so `norm(x) <= bound` fails for it)."""
    rng = np.random.default_rng(0)
    for size in (1, 2, 3, 10, 1000):
        for scale in (1e-200, 1e-5, 1.0, 1e5, 1e150):
            v = scale * rng.standard_normal(size)
            assert norm(v) == np.linalg.norm(v)
    assert np.isnan(norm(np.array([1.0, np.nan])))
    assert norm(np.array([-np.inf, 1.0])) == np.inf
    assert not norm(np.array([np.nan])) <= 1e12
