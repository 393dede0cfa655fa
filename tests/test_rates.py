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


# ---- the article "How fast: convexity, smoothness and rates" (docs/rates/index.md) ----

from steepest import gradient_ascent, gradient_descent  # noqa: E402
from steepest.functions import (  # noqa: E402
    huber,
    huber_gradient,
    quartic,
    quartic_gradient,
)
from steepest.logistic import (  # noqa: E402
    likelihood_has_maximum,
    log_likelihood,
    log_likelihood_gradient,
    make_data,
)
from steepest.rates import fitted_power, fitted_rate  # noqa: E402
from steepest.update_rules import Backtracking  # noqa: E402

LOGISTIC_X, LOGISTIC_Y = make_data()
LOGISTIC_L = np.linalg.eigvalsh(LOGISTIC_X.T @ LOGISTIC_X).max() / 4


def logistic_loss(theta):
    return -log_likelihood(theta, LOGISTIC_X, LOGISTIC_Y)


def logistic_loss_gradient(theta):
    return -log_likelihood_gradient(theta, LOGISTIC_X, LOGISTIC_Y)


def logistic_minimiser():
    return gradient_descent(
        logistic_loss_gradient, np.zeros(2), 1 / LOGISTIC_L, 100_000, tol=1e-10
    ).x


def test_the_page_quotes_l_and_alpha_for_the_logistic_loss():
    assert LOGISTIC_L == pytest.approx(27.450, abs=5e-4)
    assert 1 / LOGISTIC_L == pytest.approx(0.0364, abs=5e-5)


def test_the_descent_lemma_holds_for_the_logistic_loss_at_random_pairs():
    rng = np.random.default_rng(0)
    for _ in range(2000):
        x, z = rng.normal(scale=3, size=(2, 2))
        upper = (
            logistic_loss(x)
            + logistic_loss_gradient(x) @ (z - x)
            + LOGISTIC_L / 2 * (z - x) @ (z - x)
        )
        assert logistic_loss(z) <= upper + 1e-9 * (1 + abs(upper))
        # convexity: above the tangent
        tangent = logistic_loss(x) + logistic_loss_gradient(x) @ (z - x)
        assert logistic_loss(z) >= tangent - 1e-9 * (1 + abs(tangent))


def test_at_one_over_l_each_step_gains_between_one_and_two_halves_alpha_grad_squared():
    run = gradient_descent(logistic_loss_gradient, np.zeros(2), 1 / LOGISTIC_L, 50)
    values = np.array([logistic_loss(t) for t in run.path])
    squares = np.array([g @ g for g in map(logistic_loss_gradient, run.path[:-1])])
    ratio = (values[:-1] - values[1:]) / (squares / (2 * LOGISTIC_L))
    assert np.all(ratio >= 1 - 1e-6)
    assert np.all(ratio <= 2 + 1e-6)
    assert ratio.min() == pytest.approx(1.133, abs=5e-3)  # a margin, as the page says


@pytest.mark.parametrize("factor", [1.2, 1.6, 1.95])
def test_below_two_over_l_every_step_still_lowers_f(factor):
    run = gradient_descent(logistic_loss_gradient, np.zeros(2), factor / LOGISTIC_L, 40)
    values = np.array([logistic_loss(t) for t in run.path])
    assert np.all(np.diff(values) < 0)


@pytest.mark.parametrize(("x0", "alpha"), [(1.0, 0.05), (1.0, 1 / 12), (2.0, 0.01)])
def test_the_sublinear_bound_holds_on_x_to_the_fourth_and_the_gap_is_one_over_k_squared(
    x0, alpha
):
    assert alpha <= 1 / (12 * x0**2)  # α ≤ 1/L on |x| ≤ x0
    run = gradient_descent(quartic_gradient, [x0], alpha, 10000)
    x = run.path[:, 0]
    assert np.all((x > 0) & (x <= x0)) and np.all(np.diff(x) < 0)  # never leaves
    k = np.arange(1, run.iterations + 1)
    gap = np.array([quartic(p) for p in run.path[1:]])
    bound = x0**2 / (2 * alpha * k)
    assert np.all(gap <= bound)
    assert fitted_power(k[k >= 100], gap[k >= 100]) == pytest.approx(-2.0, abs=0.02)
    assert 64 * alpha**2 * k[-1] ** 2 * gap[-1] == pytest.approx(1.0, abs=0.01)
    assert np.all(np.diff(k * gap)[k[:-1] >= 10] < 0)  # k · gap → 0: o(1/k)


def test_the_page_quotes_the_quartic_numbers():
    run = gradient_descent(quartic_gradient, [1.0], 0.05, 10000)
    k = np.arange(1, 10001)
    gap = np.array([quartic(p) for p in run.path[1:]])
    assert gap[-1] / (1 / (2 * 0.05 * 1e4)) == pytest.approx(6.2e-5, abs=5e-7)
    assert fitted_power(k[99:], gap[99:]) == pytest.approx(-1.990, abs=5e-4)
    assert 64 * 0.05**2 * 1e8 * gap[-1] == pytest.approx(0.998, abs=5e-4)


@pytest.mark.parametrize("horizon", [1, 10, 100, 1000])
def test_the_huber_function_attains_half_the_bound_at_its_horizon(horizon):
    width = 1 / (2 * horizon + 1)
    run = gradient_descent(lambda x: huber_gradient(x, width), [1.0], 1.0, horizon)
    gaps = np.array([huber(p, width) for p in run.path[1:]])
    k = np.arange(1, horizon + 1)
    assert np.all(gaps <= 1 / (2 * k))
    assert gaps[-1] == pytest.approx(1 / (4 * horizon + 2), rel=1e-9)
    assert abs(run.x[0]) > width  # still on the linear part


def test_huber_is_convex_with_a_one_lipschitz_gradient_and_checks_its_width():
    width = 0.3
    points = np.linspace(-2, 2, 401)
    values = np.array([huber([p], width) for p in points])
    slopes = np.array([huber_gradient([p], width)[0] for p in points])
    np.testing.assert_allclose(np.gradient(values, points), slopes, atol=1e-2)
    assert np.all(np.diff(slopes) >= 0)
    assert np.all(np.abs(np.diff(slopes)) <= np.diff(points) + 1e-12)
    for bad in (0.0, -1.0, np.inf):
        with pytest.raises(ValueError, match=r"^width must be"):
            huber([1.0], bad)


def test_the_sublinear_bound_holds_on_the_logistic_loss():
    minimiser = logistic_minimiser()
    alpha = 1 / LOGISTIC_L
    run = gradient_descent(logistic_loss_gradient, np.zeros(2), alpha, 300)
    k = np.arange(1, 301)
    gap = np.array([logistic_loss(t) for t in run.path[1:]]) - logistic_loss(minimiser)
    assert np.all(gap <= minimiser @ minimiser / (2 * alpha * k) + 1e-12)
    distances = np.linalg.norm(run.path - minimiser, axis=1)
    assert np.all(np.diff(distances) <= 1e-9)  # never grows (x* known to ~1e-11)


@pytest.mark.parametrize("factor", [1.5, 1.9])
def test_between_one_and_two_over_l_the_gap_is_still_order_one_over_k(factor):
    width = 1 / 201
    run = gradient_descent(lambda x: huber_gradient(x, width), [1.0], factor, 20000)
    k = np.arange(1, 20001)
    gap = np.array([huber(p, width) for p in run.path[1:]])
    assert np.max(k * gap) < 1.0


def test_the_constant_grows_without_bound_as_alpha_nears_two_over_l():
    # f = x²/2, L = 1: the gap (1 − α)^(2k)/2, and max over k of k · gap ~ 1/(4e(2 − α))
    worst = []
    for delta in (1e-1, 1e-2, 1e-3):
        run = gradient_descent(lambda x: x, [1.0], 2 - delta, 20000)
        k = np.arange(1, 20001)
        worst.append(np.max(k * run.path[1:, 0] ** 2 / 2))
    assert worst[1] > 8 * worst[0] and worst[2] > 8 * worst[1]


def quadratic_run(curvatures, alpha, steps=200):
    hessian = np.diag(curvatures)
    run = gradient_descent(
        lambda p: hessian @ p, np.ones(len(curvatures)), alpha, steps
    )
    return np.array([p @ hessian @ p / 2 for p in run.path])


def test_the_linear_bound_holds_and_the_quadratic_does_the_square():
    gap = quadratic_run([1.0, 10.0], 0.1)
    steps = np.arange(gap.size)
    assert np.all(gap <= 0.9**steps * gap[0] * (1 + 1e-12))
    assert fitted_rate(steps[20:], gap[20:]) == pytest.approx(0.81, abs=5e-5)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_linear_bound_holds_for_random_spectra_and_steps(seed):
    rng = np.random.default_rng(seed)
    curvatures = np.sort(rng.uniform(0.1, 5.0, 4))
    mu, lipschitz = curvatures[0], curvatures[-1]
    for alpha in (0.3 / lipschitz, 1 / lipschitz):
        gap = quadratic_run(curvatures, alpha)
        steps = np.arange(gap.size)
        assert np.all(gap <= (1 - alpha * mu) ** steps * gap[0] * (1 + 1e-12))


def test_the_linear_bound_holds_on_a_strongly_convex_function_that_is_not_quadratic():
    # f(x) = Σ xᵢ²/2 + log cosh xᵢ: f'' = 1 + sech² ∈ (1, 2], μ = 1, L = 2, f* = 0
    def f(p):
        return float(np.sum(p**2 / 2 + np.log(np.cosh(p))))

    run = gradient_descent(lambda p: p + np.tanh(p), [3.0, -2.0], 0.5, 40)
    gap = np.array([f(p) for p in run.path])
    steps = np.arange(gap.size)
    assert np.all(gap <= (1 - 0.5) ** steps * gap[0] * (1 + 1e-12))


SEPARATED = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])


def separated_climb():
    X = np.column_stack([np.ones(6), SEPARATED])
    y = (SEPARATED > 0).astype(float)
    lipschitz = np.linalg.eigvalsh(X.T @ X).max() / 4
    run = gradient_ascent(
        lambda t: log_likelihood_gradient(t, X, y), np.zeros(2), 1 / lipschitz, 100_000
    )
    return run, X, y, 1 / lipschitz


def test_on_separated_data_theta_grows_like_log_k():
    run, X, y, alpha = separated_climb()
    assert not likelihood_has_maximum(SEPARATED, y)
    assert alpha == pytest.approx(1 / 7)
    assert np.all(np.abs(run.path[:, 0]) < 1e-11)  # the intercept stays at 0
    norms = np.linalg.norm(run.path, axis=1)
    assert np.all(np.diff(norms) > 0)  # unbounded growth, no maximiser
    k = np.arange(1000, 100_001)
    slope = np.polyfit(np.log(k), norms[k], 1)[0]
    assert slope == pytest.approx(1.0, abs=0.01)
    assert norms[100_000] - norms[10_000] == pytest.approx(np.log(10), abs=0.01)
    assert norms[100_000] == pytest.approx(np.log(2 * alpha * 1e5), abs=1e-3)
    assert norms[10_000] == pytest.approx(np.log(2 * alpha * 1e4), abs=1e-2)
    value_gap = -log_likelihood(run.path[100_000], X, y) * alpha * 1e5
    assert value_gap == pytest.approx(1.0, abs=1e-3)


def test_backtracking_needs_no_l_and_keeps_its_guarantees():
    search = gradient_descent(
        logistic_loss_gradient,
        np.zeros(2),
        1.0,
        10_000,
        tol=1e-6,
        rule=Backtracking(logistic_loss),
    )
    fixed = gradient_descent(
        logistic_loss_gradient, np.zeros(2), 1 / LOGISTIC_L, 10_000, tol=1e-6
    )
    assert search.converged and fixed.converged
    guaranteed = min(1.0, 2 * 0.5 * (1 - 1e-4) / LOGISTIC_L)
    trials = 1 + int(np.ceil(np.log2(LOGISTIC_L / (2 * (1 - 1e-4)))))
    assert trials == 5
    assert np.all(search.step_sizes >= guaranteed)
    assert search.evaluations <= search.iterations * trials + 1
    # the page's numbers
    assert (search.iterations, search.evaluations, fixed.iterations) == (20, 61, 103)
    assert search.step_sizes.min() * LOGISTIC_L == pytest.approx(3.4, abs=0.05)
    assert search.step_sizes.max() * LOGISTIC_L == pytest.approx(13.7, abs=0.05)
    assert 5 * search.iterations <= fixed.iterations  # a fifth of the steps
    assert 2.5 < search.evaluations / search.iterations < 3.5  # about three
    np.testing.assert_allclose(search.x, fixed.x, atol=1e-6)
    for x, next_x, alpha in zip(
        search.path[:-1], search.path[1:], search.step_sizes, strict=True
    ):
        g = logistic_loss_gradient(x)
        assert logistic_loss(next_x) <= logistic_loss(x) - 1e-4 * alpha * g @ g


@pytest.mark.parametrize("first", [0.5, 1.0, 10.0])
def test_backtracking_accepts_at_least_the_guaranteed_step_on_an_ill_conditioned_bowl(
    first,
):
    hessian = np.diag([1.0, 100.0])
    run = gradient_descent(
        lambda p: hessian @ p,
        [1.0, 1.0],
        first,
        200,
        rule=Backtracking(lambda p: p @ hessian @ p / 2),
    )
    assert np.all(run.step_sizes >= min(first, 2 * 0.5 * (1 - 1e-4) / 100.0))


def test_the_quartic_gradient_is_its_derivative():
    for x in (-1.3, 0.2, 2.0):
        assert quartic_gradient([x])[0] == pytest.approx(
            (quartic([x + 1e-6]) - quartic([x - 1e-6])) / 2e-6, rel=1e-8
        )


def test_the_figure_texts_numbers():
    search = gradient_descent(
        logistic_loss_gradient,
        np.zeros(2),
        1.0,
        10_000,
        tol=1e-6,
        rule=Backtracking(logistic_loss),
    )
    steps = search.step_sizes
    assert steps.min() == 0.125 and steps.max() == 0.5
    assert np.mean(steps == 0.25) > 0.5  # mostly 0.25
    assert 1 / LOGISTIC_L == pytest.approx(0.036, abs=5e-4)
    assert 2 / LOGISTIC_L == pytest.approx(0.073, abs=5e-4)
    run, *_ = separated_climb()
    norms = np.linalg.norm(run.path, axis=1)
    alpha = 1 / 7
    assert norms[100_000] == pytest.approx(10.3, abs=0.05)
    k = np.arange(1000, 100_001)
    assert np.all(np.abs(norms[k] - np.log(2 * alpha * k)) < 0.03)  # on the line
    assert abs(norms[100] - np.log(2 * alpha * 100)) > 0.1  # not yet at k = 100
    gap = quadratic_run([1.0, 10.0], 0.1)
    assert gap[0] == 5.5 and gap[1] == pytest.approx(0.405)  # "from 5.5 to 0.4"


# ---- the notebook docs/notebooks/rates.py ----


@pytest.mark.parametrize("p", [4, 6, 10, 20])
def test_the_gap_on_x_to_the_p_falls_like_k_to_minus_p_over_p_minus_two(p):
    alpha, steps = 1 / (p * (p - 1)), 50_000
    run = gradient_descent(lambda x: p * x ** (p - 1), [1.0], alpha, steps)
    k = np.arange(1, steps + 1)
    gap = run.path[1:, 0] ** p
    assert np.all(gap <= 1 / (2 * alpha * k))
    tail = k >= steps // 10
    assert fitted_power(k[tail], gap[tail]) == pytest.approx(-p / (p - 2), abs=2e-3)


@pytest.mark.parametrize("sigma", [1e-4, 0.3, 0.5])
def test_on_a_quadratic_armijo_accepts_exactly_up_to_two_one_minus_sigma_over_lambda(
    sigma,
):
    hessian = np.array([[3.0, 1.0], [1.0, 2.0]])
    x = np.array([1.0, -2.0])
    g = hessian @ x
    curvature = g @ hessian @ g / (g @ g)
    edge = 2 * (1 - sigma) / curvature
    f = lambda p: p @ hessian @ p / 2  # noqa: E731

    def passes(alpha):
        return f(x - alpha * g) <= f(x) - sigma * alpha * g @ g

    assert passes(edge * (1 - 1e-9)) and not passes(edge * (1 + 1e-9))


def test_the_fixed_step_of_035_does_not_converge_on_the_logistic_loss():
    run = gradient_descent(logistic_loss_gradient, np.zeros(2), 0.35, 10_000, tol=1e-6)
    assert not run.converged
    assert gradient_descent(
        logistic_loss_gradient, np.zeros(2), 0.3, 10_000, tol=1e-6
    ).converged


# ---- the article's exercises ----


def test_exercise_steps_to_a_gap():
    gap = quadratic_run([1.0, 10.0], 0.1, steps=400)
    assert int(np.ceil(10 * np.log(gap[0] / 1e-8))) == 202
    taken = int(np.argmax(gap <= 1e-8))
    assert taken == 85 and taken < 202 / 2  # "fewer than half"


def test_exercise_the_square_on_the_quadratic():
    gap = quadratic_run([1.0, 10.0], 0.1)
    k = np.arange(1, gap.size)
    np.testing.assert_allclose(gap[1:], 0.5 * 0.9 ** (2 * k), rtol=1e-12)


def test_exercise_backtracking_beyond_two_over_l_on_the_narrow_valley():
    from steepest.functions import narrow_valley, narrow_valley_gradient

    search = gradient_descent(
        narrow_valley_gradient,
        [1.0, 10.0],
        10.0,
        100_000,
        tol=1e-6,
        rule=Backtracking(narrow_valley),
    )
    fixed = gradient_descent(
        narrow_valley_gradient, [1.0, 10.0], 1.9, 100_000, tol=1e-6
    )
    assert search.converged and fixed.converged
    assert np.any(search.step_sizes > 2)  # beyond 2/L = 2
    values = np.array([narrow_valley(p) for p in search.path])
    assert np.all(np.diff(values) < 0)
    for x, alpha in zip(search.path[:-1], search.step_sizes, strict=True):
        g = narrow_valley_gradient(x)
        curvature = (g[0] ** 2 + 0.01 * g[1] ** 2) / (g @ g)
        assert alpha <= 2 * (1 - 1e-4) / curvature  # only steps Armijo allows
    assert (search.iterations, search.evaluations, fixed.iterations) == (393, 1206, 601)


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0])
def test_exercise_a_wider_margin(scale):
    X = np.column_stack([np.ones(6), scale * SEPARATED])
    y = (SEPARATED > 0).astype(float)
    assert 0.02 <= 4 / np.linalg.eigvalsh(X.T @ X).max()  # α ≤ 1/L
    run = gradient_ascent(
        lambda t: log_likelihood_gradient(t, X, y), np.zeros(2), 0.02, 100_000
    )
    predicted = np.log(2 * 0.02 * scale**2 * 1e5) / scale
    assert run.x[1] == pytest.approx(predicted, abs=0.02)


@pytest.mark.parametrize("first", [0.05, 1.0, 10.0])
def test_backtracking_keeps_the_linear_rate_with_the_smallest_step(first):
    hessian = np.diag([1.0, 100.0])
    gamma, shrink = 1e-4, 0.5
    run = gradient_descent(
        lambda p: hessian @ p,
        [1.0, 1.0],
        first,
        300,
        rule=Backtracking(lambda p: p @ hessian @ p / 2, shrink, gamma),
    )
    gap = np.array([p @ hessian @ p / 2 for p in run.path])
    smallest = min(first, 2 * shrink * (1 - gamma) / 100.0)
    factor = 1 - 2 * gamma * 1.0 * smallest
    positive = gap[:-1] > 1e-300
    assert np.all(gap[1:][positive] <= factor * gap[:-1][positive] * (1 + 1e-12))


@pytest.mark.parametrize("first", [0.5, 3.0, 50.0])
def test_with_gamma_one_half_backtracking_keeps_the_sublinear_bound(first):
    width = 1 / 401  # Huber, L = 1, from x⁽⁰⁾ = 1
    run = gradient_descent(
        lambda x: huber_gradient(x, width),
        [1.0],
        first,
        1000,  # before x⁽ᵏ⁾ underflows (then the rule's step is 0)
        rule=Backtracking(lambda x: huber(x, width), 0.5, 0.5),
    )
    smallest = min(first, 0.5 / 1.0)
    k = np.arange(1, run.iterations + 1)
    gap = np.array([huber(p, width) for p in run.path[1:]])
    assert np.all(run.step_sizes >= smallest)
    assert np.all(gap <= 1 / (2 * smallest * k) + 1e-15)


def test_one_step_of_one_over_l_shrinks_every_strongly_convex_gap_by_the_square():
    """The page's [@taylor2018] claim, checked on random functions of one variable
    with μ ≤ f'' ≤ L (f'' constant between a few random points, f and f' exact): one step
    with α = 1/L multiplies the gap by at most (1 − μ/L)², and the quadratic μx²/2
    attains it."""
    mu, L = 1.0, 10.0
    rng = np.random.default_rng(7)
    edges = np.linspace(-20.0, 20.0, 4001)
    width = edges[1] - edges[0]
    worst = 0.0
    for _ in range(300):
        blocks = np.sort(rng.uniform(-20, 20, rng.integers(1, 6)))  # f'' jumps there
        levels = rng.choice([mu, L, rng.uniform(mu, L)], blocks.size + 1)
        curvature = levels[np.searchsorted(blocks, edges[:-1])]
        slope = np.concatenate([[0.0], np.cumsum(curvature * width)])
        slope -= np.interp(rng.uniform(-2, 2), edges, slope)  # f' = 0 somewhere inside
        value = np.concatenate(
            [[0.0], np.cumsum(slope[:-1] * width + curvature * width**2 / 2)]
        )

        def f(x, curvature=curvature, slope=slope, value=value):
            cell = np.clip(np.searchsorted(edges, x) - 1, 0, curvature.size - 1)
            offset = x - edges[cell]
            return value[cell] + slope[cell] * offset + curvature[cell] * offset**2 / 2

        def f_prime(x, curvature=curvature, slope=slope):
            cell = np.clip(np.searchsorted(edges, x) - 1, 0, curvature.size - 1)
            return slope[cell] + curvature[cell] * (x - edges[cell])

        root = np.searchsorted(slope, 0.0) - 1  # the cell where f' crosses 0
        minimiser = edges[root] - slope[root] / curvature[root]
        for start in rng.uniform(-8, 8, 5):
            gap = f(start) - f(minimiser)
            step = start - f_prime(start) / L
            worst = max(worst, (f(step) - f(minimiser)) / gap)
    assert worst <= (1 - mu / L) ** 2 * (1 + 1e-9)
    assert worst > 0.8  # close to the bound: random functions come near it

    # The page's quadratic ½(μx² + Ly²) attains it from a start on its slow axis.
    def bowl(p):
        return (mu * p[0] ** 2 + L * p[1] ** 2) / 2

    step = gradient_descent(
        lambda p: np.array([mu * p[0], L * p[1]]), [1.0, 0.0], 1 / L, 1
    )
    assert bowl(step.x) / bowl([1.0, 0.0]) == pytest.approx(
        (1 - mu / L) ** 2, rel=1e-12
    )
