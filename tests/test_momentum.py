"""Momentum and Nesterov: every rate and number docs/momentum/index.md states.

Each measured per-step rate is compared with the spectral radius of the 2 × 2 matrices
(steepest.rates), with a tolerance; the page prints the same numbers at build time.
"""

import warnings

import numpy as np
import pytest

from steepest import HeavyBall, Nesterov, gradient_ascent, gradient_descent
from steepest.explorables import (
    MOMENTUM_ALPHAS,
    MOMENTUM_BETAS,
    RATE_DIGITS,
    VALLEY_EIGENVALUES,
    momentum,
)
from steepest.figures.momentum import valley_runs
from steepest.functions import narrow_valley, narrow_valley_gradient
from steepest.rates import (
    fitted_rate,
    gradient_descent_rate,
    heavy_ball_matrix,
    heavy_ball_rate,
    nesterov_matrix,
    nesterov_rate,
    optimal_heavy_ball,
    optimal_learning_rate,
)

START = np.array([1.0, 10.0])
MU, L = VALLEY_EIGENVALUES
KAPPA = L / MU
BEST_ALPHA, BEST_BETA = optimal_heavy_ball(MU, L)
NESTEROV_BETA = (np.sqrt(KAPPA) - 1) / (np.sqrt(KAPPA) + 1)


def errors(run) -> np.ndarray:
    """‖x⁽ᵏ⁾ − x*‖ / ‖x⁽⁰⁾‖, x* = 0, as the page defines it."""
    return np.linalg.norm(run.path, axis=1) / np.linalg.norm(START)


def ball(alpha: float, beta: float, steps: int):
    rule = HeavyBall(beta)
    return gradient_descent(narrow_valley_gradient, START, alpha, steps, rule=rule)


def steps_to(run, level: float = 1e-6) -> int:
    error = errors(run)
    assert error.min() <= level
    return int(np.argmax(error <= level))


def test_the_valley_has_condition_number_100():
    hessian = np.column_stack(
        [narrow_valley_gradient(e) - narrow_valley_gradient([0, 0]) for e in np.eye(2)]
    )
    np.testing.assert_allclose(np.linalg.eigvalsh(hessian), [0.01, 1.0])
    assert KAPPA == pytest.approx(100)


@pytest.mark.parametrize(
    ("alpha", "beta"),
    [(1.0, 0.0), (1.0, 0.5), (2.5, 0.5), (1.0, 0.9), (0.5, 0.3), (3.0, 0.8)],
)
def test_the_measured_rate_is_the_spectral_radius(alpha, beta):
    run = ball(alpha, beta, 600)
    steps = np.arange(200, 601)
    measured = fitted_rate(steps, errors(run)[steps])
    assert measured == pytest.approx(heavy_ball_rate(alpha, beta, [MU, L]), rel=2e-4)


@pytest.mark.parametrize("beta", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("scaled", [0.05, 1.0, 2.5, 3.5])
def test_the_roots_multiply_to_beta_and_complex_roots_have_modulus_root_beta(
    beta, scaled
):
    roots = np.linalg.eigvals(heavy_ball_matrix(scaled, beta, 1.0))
    assert np.prod(roots).real == pytest.approx(beta, rel=1e-12)
    if abs(roots[0].imag) > 0:
        np.testing.assert_allclose(np.abs(roots), np.sqrt(beta), rtol=1e-12)


def test_converges_exactly_for_alpha_lambda_below_two_times_one_plus_beta():
    for beta in np.linspace(0, 0.975, 14):
        for scaled in np.linspace(0.01, 4.5, 200):
            radius = np.abs(np.linalg.eigvals(heavy_ball_matrix(scaled, beta, 1.0)))
            if abs(scaled - 2 * (1 + beta)) > 1e-6:
                assert (radius.max() < 1) == (scaled < 2 * (1 + beta)), (beta, scaled)


def test_above_the_limit_the_largest_eigenvalue_has_a_real_root_below_minus_one():
    beta = 0.9
    roots = np.linalg.eigvals(heavy_ball_matrix(1.01 * 2 * (1 + beta), beta, L))
    assert np.all(roots.imag == 0) and roots.real.min() < -1


def test_optimal_parameters_and_rates_on_kappa_100():
    assert optimal_learning_rate(MU, L) == pytest.approx(1.9802, abs=1e-4)
    assert BEST_ALPHA == pytest.approx(3.3058, abs=1e-4)
    assert BEST_BETA == pytest.approx(0.6694, abs=1e-4)
    descent = gradient_descent_rate(optimal_learning_rate(MU, L), [MU, L])
    assert descent == pytest.approx(99 / 101, rel=1e-12)
    best = heavy_ball_rate(BEST_ALPHA, BEST_BETA, [MU, L])
    assert best == pytest.approx(9 / 11, rel=1e-6)  # eigvals: a double root
    assert round(best, 3) == 0.818


def test_at_the_optimum_mu_and_l_have_double_roots_and_all_between_are_complex():
    for lam in (MU, L):
        trace = 1 + BEST_BETA - BEST_ALPHA * lam
        assert trace**2 - 4 * BEST_BETA == pytest.approx(0, abs=1e-12)
    for lam in np.linspace(MU, L, 50)[1:-1]:
        trace = 1 + BEST_BETA - BEST_ALPHA * lam
        assert trace**2 - 4 * BEST_BETA < 0
        radius = np.abs(
            np.linalg.eigvals(heavy_ball_matrix(BEST_ALPHA, BEST_BETA, lam))
        )
        np.testing.assert_allclose(radius, np.sqrt(BEST_BETA), rtol=1e-12)


def test_steps_to_one_millionth_measured_against_predicted():
    descent = gradient_descent(
        narrow_valley_gradient, START, optimal_learning_rate(MU, L), 1000
    )
    tuned = ball(BEST_ALPHA, BEST_BETA, 1000)
    predicted_descent = np.log(1e-6) / np.log(99 / 101)
    predicted_ball = np.log(1e-6) / np.log(9 / 11)
    assert predicted_descent == pytest.approx(690.8, abs=0.05)
    assert predicted_ball == pytest.approx(68.8, abs=0.05)
    # Descent: both components shrink by exactly ρ each step, the count is the ceiling.
    assert steps_to(descent) == int(np.ceil(predicted_descent)) == 691
    # The heavy ball: the factor linear in k of a double root costs extra steps.
    assert steps_to(tuned) == 85
    assert predicted_descent / predicted_ball == pytest.approx(10.0, abs=0.1)
    assert 7.5 < steps_to(descent) / steps_to(tuned) < 8.5  # "8 times fewer"


def test_the_fitted_rate_approaches_the_optimal_rate_from_above():
    run = ball(BEST_ALPHA, BEST_BETA, 1000)
    early = fitted_rate(np.arange(100, 401), errors(run)[100:401])
    late = fitted_rate(np.arange(500, 1001), errors(run)[500:1001])
    assert 9 / 11 < late < early
    assert late == pytest.approx(9 / 11, rel=2e-3)


def test_the_package_nesterov_path_is_the_textbook_look_ahead_points():
    beta, alpha = 0.9, 1.0
    previous = current = START.copy()
    look_ahead = [current]
    for _ in range(200):
        y = current + beta * (current - previous)
        previous, current = current, y - alpha * narrow_valley_gradient(y)
        look_ahead.append(current + beta * (current - previous))
    run = gradient_descent(
        narrow_valley_gradient, START, alpha, 200, rule=Nesterov(beta)
    )
    assert np.abs(run.path - np.array(look_ahead)).max() < 1e-13


def test_the_nesterov_matrix_advances_x_and_the_look_ahead_points():
    alpha, beta, lam = 0.7, 0.6, 0.9
    x = [1.0, 0.4]  # x⁽ᵏ⁾, x⁽ᵏ⁻¹⁾
    xs = [x[1], x[0]]
    for _ in range(10):
        y = xs[-1] + beta * (xs[-1] - xs[-2])
        xs.append(y - alpha * lam * y)
    matrix = nesterov_matrix(alpha, beta, lam)
    for k in range(1, 10):
        np.testing.assert_allclose(matrix @ [xs[k], xs[k - 1]], [xs[k + 1], xs[k]])
    ys = [xs[k] + beta * (xs[k] - xs[k - 1]) for k in range(1, len(xs))]
    for k in range(1, len(ys) - 1):
        np.testing.assert_allclose(matrix @ [ys[k], ys[k - 1]], [ys[k + 1], ys[k]])


def test_nesterov_rate_on_kappa_100_is_one_minus_one_over_root_kappa():
    assert NESTEROV_BETA == pytest.approx(9 / 11)
    rate = nesterov_rate(1 / L, NESTEROV_BETA, [MU, L])
    assert rate == pytest.approx(1 - 1 / np.sqrt(KAPPA), rel=1e-6)  # a double root
    trace, det = (1 + NESTEROV_BETA) * (1 - MU / L), NESTEROV_BETA * (1 - MU / L)
    assert trace**2 - 4 * det == pytest.approx(0, abs=1e-12)
    run = gradient_descent(
        narrow_valley_gradient, START, 1 / L, 1000, rule=Nesterov(NESTEROV_BETA)
    )
    window = np.arange(500, 1001)
    assert fitted_rate(window, errors(run)[window]) == pytest.approx(0.9, rel=3e-3)
    assert np.log(1e-6) / np.log(rate) == pytest.approx(131.1, abs=0.05)
    assert steps_to(run) == 157
    assert heavy_ball_rate(BEST_ALPHA, BEST_BETA, [MU, L]) < rate  # 0.818 < 0.9


@pytest.mark.parametrize(("alpha", "beta"), [(1.0, 0.5), (0.5, 0.8), (1.5, 0.3)])
def test_nesterov_measured_rate_is_its_spectral_radius(alpha, beta):
    run = gradient_descent(
        narrow_valley_gradient, START, alpha, 600, rule=Nesterov(beta)
    )
    steps = np.arange(200, 601)
    measured = fitted_rate(steps, errors(run)[steps])
    assert measured == pytest.approx(nesterov_rate(alpha, beta, [MU, L]), rel=2e-4)


def test_too_much_momentum_oscillates_at_rate_root_beta():
    beta = 0.95
    for lam in (MU, L):
        roots = np.linalg.eigvals(heavy_ball_matrix(BEST_ALPHA, beta, lam))
        assert np.all(roots.imag != 0)
        np.testing.assert_allclose(np.abs(roots), np.sqrt(beta), rtol=1e-12)
    assert round(np.sqrt(beta), 3) == 0.975
    run = ball(BEST_ALPHA, beta, 600)
    measured = fitted_rate(np.arange(200, 601), errors(run)[200:])
    assert measured == pytest.approx(np.sqrt(beta), rel=2e-4)
    values = np.array([narrow_valley(p) for p in run.path])
    rises = np.sum(np.diff(values) > 0)
    assert 0.4 < rises / 600 < 0.6  # "about half the steps"
    assert steps_to(run) > steps_to(ball(BEST_ALPHA, BEST_BETA, 600))


def test_ascent_on_minus_f_takes_the_same_points():
    down = ball(BEST_ALPHA, BEST_BETA, 100)
    up = gradient_ascent(
        lambda p: -narrow_valley_gradient(p),
        START,
        BEST_ALPHA,
        100,
        rule=HeavyBall(BEST_BETA),
    )
    np.testing.assert_array_equal(down.path, up.path)


def test_exercise_critical_damping_at_the_optimum():
    assert (1 - np.sqrt(BEST_ALPHA * MU)) ** 2 == pytest.approx(BEST_BETA, rel=1e-12)
    assert (1 - np.sqrt(BEST_ALPHA * MU)) == pytest.approx(
        (np.sqrt(KAPPA) - 1) / (np.sqrt(KAPPA) + 1)
    )


def test_exercise_momentum_stretches_the_learning_rate_to_3_8():
    limit = 2 * (1 + 0.9) / L
    assert limit == pytest.approx(3.8)
    assert heavy_ball_rate(0.99 * limit, 0.9, [MU, L]) < 1
    assert heavy_ball_rate(1.01 * limit, 0.9, [MU, L]) > 1
    below = ball(0.99 * limit, 0.9, 3000)
    assert not below.diverged and errors(below)[-1] < 1e-60
    with pytest.warns(RuntimeWarning, match="diverged"):
        above = ball(1.01 * limit, 0.9, 3000)
    assert above.diverged


def test_exercise_step_ratio_for_kappa_ten_thousand_is_about_root_kappa():
    kappa = 1e4
    ratio = np.log((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) / np.log(
        (kappa - 1) / (kappa + 1)
    )
    assert ratio == pytest.approx(np.sqrt(kappa), rel=1e-3)


def test_figure_claims():
    runs = valley_runs(400)
    labels = list(runs)
    descent, tuned, nesterov = (errors(runs[label][0]) for label in labels[:3])
    assert np.linalg.norm(runs[labels[0]][0].path[100]) == pytest.approx(1.4, abs=0.05)
    assert np.log10(descent[400]) == pytest.approx(-3.5, abs=0.1)
    assert tuned[400] < 1e-30 and tuned[400] < nesterov[400] < descent[400]
    overshoot = runs[labels[3]][0].path[:101, 1]
    assert overshoot.min() < -5  # "overshooting it by several units"
    tuned_path = runs[labels[1]][0].path[:101]
    assert tuned_path[:, 1].min() > 0  # it does not cross the minimum along y
    assert tuned_path[:, 0].max() == pytest.approx(3.7, abs=0.05)  # "up to x ≈ 3.7"


def test_the_rate_map_is_the_packages_and_its_minimum_is_near_the_optimum():
    data = momentum()
    rates = np.array(data["rates"])
    assert rates.shape == (len(MOMENTUM_BETAS), len(MOMENTUM_ALPHAS))
    for i, beta in enumerate(MOMENTUM_BETAS):
        for j, alpha in enumerate(MOMENTUM_ALPHAS):
            expected = round(heavy_ball_rate(alpha, beta, [MU, L]), RATE_DIGITS)
            assert rates[i, j] == expected
    i, j = np.unravel_index(np.argmin(rates), rates.shape)
    assert abs(MOMENTUM_ALPHAS[j] - BEST_ALPHA) < 0.15
    assert abs(MOMENTUM_BETAS[i] - BEST_BETA) < 0.03
    assert rates.min() == pytest.approx(0.82, abs=0.005)
    assert rates[0][rates[0] < 1].min() >= 0.98  # β = 0, plain descent
    np.testing.assert_allclose(data["optimal"], [BEST_ALPHA, BEST_BETA])


def test_the_explorables_contours_lie_on_their_levels():
    for contour in momentum()["contours"]:
        for line in contour["lines"]:
            points = np.reshape(line, (-1, 2))
            values = [narrow_valley(p) for p in points]
            np.testing.assert_allclose(values, contour["level"], rtol=1e-2, atol=1e-5)


def test_the_tuned_run_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ball(BEST_ALPHA, BEST_BETA, 1000)
