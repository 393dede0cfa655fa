"""The update rules of part two over the one shared loop: mirror, Armijo, momentum, Adam."""

import warnings

import numpy as np
import pytest

from steepest import (
    AdaGrad,
    Adam,
    Backtracking,
    Decay,
    HeavyBall,
    Nesterov,
    RMSProp,
    gradient_ascent,
    gradient_descent,
)
from steepest.optimizers import follow_gradient
from steepest.rates import (
    fitted_rate,
    gradient_descent_rate,
    heavy_ball_rate,
    optimal_heavy_ball,
    optimal_learning_rate,
)

SCALES = np.array([1.0, 0.5, 0.1])


def f(p):
    """A smooth non-quadratic function with a minimum near the origin."""
    return 0.5 * float(SCALES @ p**2) + float(np.sum(np.cos(p)))


def gradient(p):
    return SCALES * p - np.sin(p)


def minus_f(p):
    return -f(p)


def minus_gradient(p):
    return -gradient(p)


RULES = {
    "fixed": (None, None),
    "heavy ball": (HeavyBall(0.8), HeavyBall(0.8)),
    "nesterov": (Nesterov(0.9), Nesterov(0.9)),
    "adagrad": (AdaGrad(), AdaGrad()),
    "rmsprop": (RMSProp(0.9), RMSProp(0.9)),
    "adam": (Adam(), Adam()),
    "decay": (Decay(10.0), Decay(10.0)),
    "backtracking": (Backtracking(f), Backtracking(minus_f)),
}


@pytest.mark.parametrize("name", RULES)
def test_ascent_on_minus_f_is_the_mirror_of_descent_on_f_exactly(name):
    descent_rule, ascent_rule = RULES[name]
    start = np.random.default_rng(3).normal(size=3) * 2
    descent = gradient_descent(gradient, start, 0.3, steps=60, rule=descent_rule)
    ascent = gradient_ascent(minus_gradient, start, 0.3, steps=60, rule=ascent_rule)
    np.testing.assert_array_equal(ascent.path, descent.path)
    np.testing.assert_array_equal(ascent.step_sizes, descent.step_sizes)
    assert ascent.evaluations == descent.evaluations


def test_without_a_rule_the_step_sizes_are_the_learning_rate():
    result = gradient_descent(gradient, [1.0, 2.0, 3.0], 0.25, steps=7)
    np.testing.assert_array_equal(result.step_sizes, np.full(7, 0.25))
    assert result.evaluations == 0


def test_heavy_ball_with_zero_momentum_is_plain_descent_exactly():
    start = [1.0, -2.0, 0.5]
    plain = gradient_descent(gradient, start, 0.3, steps=30)
    ball = gradient_descent(gradient, start, 0.3, steps=30, rule=HeavyBall(0.0))
    np.testing.assert_array_equal(ball.path, plain.path)


def test_heavy_ball_follows_its_two_step_recurrence():
    beta, alpha = 0.7, 0.2
    result = gradient_descent(gradient, [2.0, 1.0, -1.0], alpha, 20, rule=HeavyBall(beta))
    x = result.path
    for k in range(1, 20):
        expected = x[k] - alpha * gradient(x[k]) + beta * (x[k] - x[k - 1])
        np.testing.assert_allclose(x[k + 1], expected, rtol=1e-12, atol=1e-14)


def test_nesterov_tracks_the_look_ahead_points_of_the_usual_form():
    beta, alpha, start = 0.9, 0.1, np.array([2.0, 1.0, -1.0])
    x_prev = x = start.copy()
    look_ahead = [start]
    for _ in range(25):  # y = x + β(x − x_prev), x_next = y − α∇f(y)
        y = x + beta * (x - x_prev)
        x_prev, x = x, y - alpha * gradient(y)
        look_ahead.append(x + beta * (x - x_prev))
    result = gradient_descent(gradient, start, alpha, 25, rule=Nesterov(beta))
    np.testing.assert_allclose(result.path, np.array(look_ahead), rtol=1e-10, atol=1e-12)


def test_armijo_accepts_steps_with_sufficient_decrease_and_counts_evaluations():
    calls = []

    def counted(p):
        calls.append(p.copy())
        return f(p)

    rule = Backtracking(counted, shrink=0.5, sufficient_decrease=0.3)
    result = gradient_descent(gradient, [3.0, -2.5, 4.0], 8.0, steps=40, rule=rule)
    assert result.evaluations == len(calls)
    # f(x⁽⁰⁾) once, then one evaluation per trial: α₀ · 0.5ʲ takes j + 1 trials.
    trials = np.round(np.log2(8.0 / result.step_sizes)).astype(int) + 1
    assert result.evaluations == 1 + trials.sum()
    assert np.all(result.step_sizes <= 8.0) and np.any(result.step_sizes < 8.0)
    for k, alpha in enumerate(result.step_sizes):
        x, g = result.path[k], gradient(result.path[k])
        np.testing.assert_array_equal(result.path[k + 1], x - alpha * g)
        assert f(x - alpha * g) <= f(x) - 0.3 * alpha * (g @ g)
        if alpha < 8.0:  # the previous, twice larger trial failed the test
            assert f(x - 2 * alpha * g) > f(x) - 0.3 * 2 * alpha * (g @ g)


def test_armijo_needs_no_bound_on_the_curvature():
    lam = np.array([1.0, 50.0])  # α = 1 > 2/λmax: the fixed step diverges
    with pytest.warns(RuntimeWarning, match="diverged"):
        plain = gradient_descent(lambda p: lam * p, [1.0, 1.0], 1.0, steps=100)
    searched = gradient_descent(
        lambda p: lam * p,
        [1.0, 1.0],
        1.0,
        steps=3000,
        tol=1e-6,
        rule=Backtracking(lambda p: 0.5 * float(lam @ p**2)),
    )
    assert plain.diverged
    assert searched.converged and not searched.diverged


def test_a_rule_whose_steps_are_too_large_diverges_with_the_same_warning():
    with pytest.warns(RuntimeWarning, match="the iterates diverged at step"):
        result = gradient_descent(lambda p: 2 * p, [1.0], 2.0, 2000, rule=HeavyBall(0.5))
    assert result.diverged and not result.converged
    assert np.all(np.isfinite(result.path))
    assert result.step_sizes.shape == (result.iterations,)


def test_adam_first_step_moves_each_coordinate_by_alpha_g_over_abs_g_plus_epsilon():
    g0 = np.array([3.0, -1e-3, 250.0, 1e-9])
    alpha, epsilon = 0.01, 1e-8
    result = gradient_descent(
        lambda p: g0 + 0 * p, np.zeros(4), alpha, 1, rule=Adam(epsilon=epsilon)
    )
    np.testing.assert_allclose(
        result.path[1], -alpha * g0 / (np.abs(g0) + epsilon), rtol=1e-12
    )
    # |g| ≫ ε: a step of α per coordinate whatever the gradient's size
    np.testing.assert_allclose(np.abs(result.path[1][:3]), alpha, rtol=1e-5)


def test_adam_with_a_constant_gradient_steps_alpha_every_time():
    result = gradient_descent(lambda p: np.array([5.0, -0.2]), [0.0, 0.0], 0.1, 20, rule=Adam())
    np.testing.assert_allclose(np.diff(result.path, axis=0), [[-0.1, 0.1]] * 20, rtol=1e-6)


def test_adagrad_steps_shrink_like_one_over_root_k_for_a_constant_gradient():
    result = gradient_descent(lambda p: np.array([2.0]), [0.0], 1.0, 50, rule=AdaGrad())
    steps = -np.diff(result.path[:, 0])
    np.testing.assert_allclose(steps, 1 / np.sqrt(np.arange(1, 51)), rtol=1e-7)


def test_rmsprop_first_step_is_alpha_over_root_one_minus_decay():
    result = gradient_descent(lambda p: np.array([4.0]), [0.0], 0.1, 1, rule=RMSProp(0.9))
    np.testing.assert_allclose(result.path[1], [-0.1 / np.sqrt(0.1)], rtol=1e-7)


def test_decay_uses_alpha_over_one_plus_k_over_tau():
    result = gradient_descent(lambda p: 0 * p + 1.0, [0.0], 0.5, 6, rule=Decay(2.0))
    np.testing.assert_allclose(result.step_sizes, 0.5 / (1 + np.arange(6) / 2.0))
    np.testing.assert_allclose(-np.diff(result.path[:, 0]), result.step_sizes)


# ---- rates on a quadratic f(x) = ½ Σ λᵢ xᵢ², ∇f = λ ⊙ x ----

LAMBDAS = np.array([1.0, 7.0, 30.0, 100.0])


def errors(result):
    return np.linalg.norm(result.path, axis=1)


@pytest.mark.parametrize(("alpha", "beta"), [(0.01, 0.5), (0.015, 0.8), (0.005, 0.9)])
def test_heavy_ball_measured_rate_is_the_spectral_radius_of_its_matrices(alpha, beta):
    result = gradient_descent(
        lambda p: LAMBDAS * p, np.ones(4), alpha, 600, rule=HeavyBall(beta)
    )
    e = errors(result)
    k = np.arange(e.size)
    assert fitted_rate(k[100:], e[100:]) == pytest.approx(
        heavy_ball_rate(alpha, beta, LAMBDAS), rel=0.01
    )


def test_optimal_heavy_ball_beats_optimal_descent_on_kappa_100_by_the_predicted_factor():
    lam = np.array([1.0, 100.0])
    alpha, beta = optimal_heavy_ball(1.0, 100.0)
    assert heavy_ball_rate(alpha, beta, lam) == pytest.approx(9 / 11, rel=1e-6)
    descent_alpha = optimal_learning_rate(1.0, 100.0)
    assert gradient_descent_rate(descent_alpha, lam) == pytest.approx(99 / 101, rel=1e-12)
    ball = gradient_descent(lambda p: lam * p, [1.0, 1.0], alpha, 400, rule=HeavyBall(beta))
    plain = gradient_descent(lambda p: lam * p, [1.0, 1.0], descent_alpha, 4000)

    def first(result, level):
        e = errors(result)
        return int(np.argmax(e <= level * e[0]))

    # Per factor of 10⁸ in the error, steps ∝ 1/|log ρ|: log(99/101)/log(9/11) ≈ 10.0
    # fewer for the heavy ball. (The start adds a few steps: its matrices have a double
    # eigenvalue at the optimum, so its error is C k ρᵏ.)
    predicted = np.log(9 / 11) / np.log(99 / 101)
    measured = (first(plain, 1e-12) - first(plain, 1e-4)) / (
        first(ball, 1e-12) - first(ball, 1e-4)
    )
    assert measured == pytest.approx(predicted, rel=0.1)
    assert first(plain, 1e-8) > 7 * first(ball, 1e-8)


def test_descent_on_a_quadratic_is_linear_with_rate_one_minus_alpha_lambda_min():
    alpha = 0.005  # αλ ≤ 0.5 for every λ: the smallest λ is the slowest
    result = gradient_descent(lambda p: LAMBDAS * p, np.ones(4), alpha, 2000)
    e = errors(result)
    k = np.arange(e.size)
    assert fitted_rate(k[200:], e[200:]) == pytest.approx(1 - alpha * 1.0, rel=1e-4)
    assert gradient_descent_rate(alpha, LAMBDAS) == 1 - alpha


def test_follow_gradient_rejects_an_object_that_is_not_a_rule():
    with pytest.raises(TypeError, match="^rule must be an update rule"):
        follow_gradient(gradient, [1.0], 0.1, -1, rule="adam")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "error", "name"),
    [
        (lambda: HeavyBall(1.0), ValueError, "momentum"),
        (lambda: HeavyBall(-0.1), ValueError, "momentum"),
        (lambda: HeavyBall("0.9"), TypeError, "momentum"),
        (lambda: Nesterov(True), TypeError, "momentum"),
        (lambda: AdaGrad(0.0), ValueError, "epsilon"),
        (lambda: RMSProp(decay=1.5), ValueError, "decay"),
        (lambda: RMSProp(epsilon=np.nan), ValueError, "epsilon"),
        (lambda: Adam(beta1=1.0), ValueError, "beta1"),
        (lambda: Adam(beta2=-1.0), ValueError, "beta2"),
        (lambda: Adam(epsilon=-1e-8), ValueError, "epsilon"),
        (lambda: Decay(0), ValueError, "tau"),
        (lambda: Backtracking("f"), TypeError, "f"),
        (lambda: Backtracking(f, shrink=0.0), ValueError, "shrink"),
        (lambda: Backtracking(f, shrink=1.0), ValueError, "shrink"),
        (lambda: Backtracking(f, sufficient_decrease=0), ValueError, "sufficient_decrease"),
    ],
)
def test_rule_parameters_are_checked_when_the_rule_is_made(make, error, name):
    with pytest.raises(error, match=f"^{name} must"):
        make()


def test_rule_parameters_are_stored_as_floats():
    assert HeavyBall(np.float32(0.5)).momentum == 0.5
    assert type(Adam(beta1=np.float64(0.8)).beta1) is float


def test_backtracking_checks_the_values_of_f():
    with pytest.raises(TypeError, match="^f must return a real number"):
        gradient_descent(gradient, [1.0, 1.0, 1.0], 0.1, 3, rule=Backtracking(lambda p: "x"))


def test_backtracking_takes_a_zero_step_when_no_trial_can_pass():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gradient_descent(
            lambda p: np.ones(1), [0.0], 1.0, 2, rule=Backtracking(lambda p: np.nan)
        )
    np.testing.assert_array_equal(result.path, np.zeros((3, 1)))
    np.testing.assert_array_equal(result.step_sizes, [0.0, 0.0])
