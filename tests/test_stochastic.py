"""Stochastic and minibatch gradient descent: every number and claim of the article.

Statistical claims are checked with fixed seeds and tolerances wider than their sampling
error; exact claims (enumerated batches, mirrored runs) to rounding.
"""

from itertools import combinations

import numpy as np
import pytest

from steepest import gradient_ascent, minibatch_ascent, minibatch_descent, minibatches
from steepest.logistic import (
    likelihood_has_maximum,
    log_likelihood,
    log_likelihood_gradient,
    make_data,
    sigmoid,
)
from steepest.regression import (
    mean_squared_error,
    mean_squared_error_gradient,
    noisy_line,
)

THETA = np.array([0.5, -1.0])  # the point where the page measures the variance


@pytest.fixture(scope="module")
def problem():
    X, y = noisy_line()
    theta_star = np.linalg.lstsq(X, y)[0]
    return X, y, theta_star, mean_squared_error(theta_star, X, y)


def per_example(X, y, theta):
    return X * (X @ theta - y)[:, None]


def batch_gradient_of(X, y):
    return lambda theta, batch: mean_squared_error_gradient(theta, X[batch], y[batch])


def gaps_along(problem, run):
    X, y, _, f_star = problem
    return np.array([mean_squared_error(t, X, y) for t in run.path]) - f_star


# ---- the data ----


def test_noisy_line_is_fixed_by_its_seed_and_near_its_line(problem):
    X, y, theta_star, f_star = problem
    assert X.shape == (200, 2) and y.shape == (200,)
    np.testing.assert_array_equal(X[:, 0], 1.0)
    assert np.all(np.abs(X[:, 1]) <= 1)
    again = noisy_line()
    np.testing.assert_array_equal(again[1], y)
    assert not np.array_equal(noisy_line(seed=1)[1], y)
    np.testing.assert_allclose(theta_star, [1.96030457, 0.63674632], atol=1e-8)
    assert f_star == pytest.approx(0.13027, abs=5e-6)
    # the residual noise has standard deviation 0.5: f* ≈ 0.5²/2
    assert f_star == pytest.approx(0.125, rel=0.1)
    np.testing.assert_allclose(
        np.linalg.eigvalsh(X.T @ X / 200), [0.35972293, 1.00981144], atol=1e-8
    )


@pytest.mark.parametrize(
    ("arguments", "error", "name"),
    [
        ({"size": 0}, ValueError, "size"),
        ({"size": 2.5}, TypeError, "size"),
        ({"noise": 0.0}, ValueError, "noise"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": None}, TypeError, "seed"),
    ],
)
def test_noisy_line_checks_its_arguments_by_name(arguments, error, name):
    with pytest.raises(error, match=f"^{name} must"):
        noisy_line(**arguments)


def test_the_mean_of_the_example_gradients_is_the_gradient(problem):
    X, y, _, _ = problem
    np.testing.assert_allclose(
        per_example(X, y, THETA).mean(axis=0),
        mean_squared_error_gradient(THETA, X, y),
        rtol=1e-13,
    )


# ---- unbiased, with the variance of sampling without replacement ----


@pytest.mark.parametrize("N", [2, 7, 10])
def test_enumerated_batches_are_unbiased_with_the_exact_variance(problem, N):
    X, y, _, _ = problem
    gradients = per_example(X, y, THETA)[:N]
    full = gradients.mean(axis=0)
    d = gradients - full
    sigma2 = (d**2).sum(axis=1).mean()
    # the step of the derivation: Σ_{i≠j} dᵢᵀdⱼ = −Nσ²
    cross = (d @ d.T).sum() - np.trace(d @ d.T)
    assert cross == pytest.approx(-N * sigma2, rel=1e-12)
    for b in range(1, N + 1):
        batches = np.array(
            [gradients[list(c)].mean(axis=0) for c in combinations(range(N), b)]
        )
        np.testing.assert_allclose(batches.mean(axis=0), full, rtol=0, atol=1e-14)
        variance = ((batches - full) ** 2).sum(axis=1).mean()
        expected = sigma2 / b * (N - b) / (N - 1) if N > 1 else 0.0
        assert variance == pytest.approx(expected, rel=1e-12, abs=1e-28)
        if 1 < b < N:  # below the with-replacement σ²/b
            assert variance < sigma2 / b


def test_the_pages_enumeration_numbers(problem):
    X, y, _, _ = problem
    small = per_example(X, y, THETA)[:10]
    full = small.mean(axis=0)
    sigma2 = ((small - full) ** 2).sum(axis=1).mean()
    assert sigma2 == pytest.approx(1.962016, abs=1e-6)
    assert sigma2 / 5 * 5 / 9 == pytest.approx(0.218002, abs=1e-6)


def test_sampled_batches_of_the_whole_data_set_match_the_formula(problem):
    X, y, _, _ = problem
    N = len(y)
    gradients = per_example(X, y, THETA)
    full = gradients.mean(axis=0)
    sigma2 = ((gradients - full) ** 2).sum(axis=1).mean()
    assert sigma2 == pytest.approx(2.4118, abs=1e-4)
    for b in (1, 5, 20, 50, 100, 200):
        batches = minibatches(N, b, seed=2)
        draws = np.array([gradients[next(batches)].mean(axis=0) for _ in range(4000)])
        measured = ((draws - full) ** 2).sum(axis=1).mean()
        formula = sigma2 / b * (N - b) / (N - 1)
        if b == N:
            assert measured == pytest.approx(0, abs=1e-25)
        else:  # "within a few percent": 4000 draws, relative error ≈ √(2/4000) ≈ 2%
            assert measured == pytest.approx(formula, rel=0.05)
        # the mean of the draws: within 4 standard errors of ∇f
        error = np.linalg.norm(draws.mean(axis=0) - full)
        assert error <= 4 * np.sqrt(formula / 4000) + 1e-12


# ---- the noise floor ----


@pytest.fixture(scope="module")
def floors(problem):
    X, y, _, _ = problem
    grad = batch_gradient_of(X, y)
    result = {}
    for alpha in (0.01, 0.02, 0.04, 0.08):
        run = minibatch_descent(grad, [0.0, 0.0], alpha, 200, 1, 40, seed=1)
        result[alpha] = gaps_along(problem, run)[-20 * 200 :].mean()
    return result


def sigma2_star(problem):
    X, y, theta_star, _ = problem
    return (per_example(X, y, theta_star) ** 2).sum(axis=1).mean()


def test_the_floor_grows_with_alpha_two_to_threefold_per_doubling(problem, floors):
    assert sigma2_star(problem) == pytest.approx(0.3435, abs=1e-4)
    values = np.array(list(floors.values()))
    ratios = values[1:] / values[:-1]
    assert np.all((ratios > 2.0) & (ratios < 3.0))
    assert floors[0.01] == pytest.approx(3.91e-4, rel=0.01)
    assert floors[0.08] == pytest.approx(6.18e-3, rel=0.01)


def test_shuffled_floors_lie_below_the_independent_model_closer_at_larger_alpha(
    problem, floors
):
    model = np.array([a / 4 * sigma2_star(problem) for a in floors])
    ratio = np.array(list(floors.values())) / model
    assert np.all((ratio > 0.4) & (ratio < 1.0))
    assert np.all(np.diff(ratio) > 0)


def test_the_independent_batch_model_is_alpha_trace_c_over_four_to_first_order(
    problem,
):
    X, y, theta_star, _ = problem
    N = len(y)
    H = X.T @ X / N
    G = per_example(X, y, theta_star)
    C = G.T @ G / N  # covariance of one example's gradient at θ* (its mean is 0)
    for alpha in (0.001, 0.01, 0.1):
        # P = (I − αH) P (I − αH) + α² C, solved as a linear system
        M = np.eye(2) - alpha * H
        P = np.linalg.solve(np.eye(4) - np.kron(M, M), alpha**2 * C.ravel()).reshape(
            2, 2
        )
        assert 2 * np.trace(H @ P) - alpha * np.trace(H @ P @ H) == pytest.approx(
            alpha * np.trace(C), rel=1e-10
        )
        relative = (np.trace(H @ P) / 2) / (alpha * np.trace(C) / 4) - 1
        assert 0 <= relative <= alpha  # first order in α


def test_with_replacement_the_floor_matches_the_model(problem):
    """Batches drawn with replacement (independent): the model's α σ²/4 within 15%."""
    X, y, _, _ = problem
    rng = np.random.default_rng(7)

    def independent(theta, batch):
        pick = rng.integers(0, len(y), size=len(batch))
        return mean_squared_error_gradient(theta, X[pick], y[pick])

    alpha = 0.02
    run = minibatch_descent(independent, [0.0, 0.0], alpha, 200, 1, 60, seed=1)
    floor = gaps_along(problem, run)[-40 * 200 :].mean()
    assert floor == pytest.approx(alpha / 4 * sigma2_star(problem), rel=0.15)


# ---- the decaying schedule ----


@pytest.fixture(scope="module")
def decayed(problem):
    X, y, _, _ = problem
    grad = batch_gradient_of(X, y)
    runs = {
        tau: minibatch_descent(grad, [0.0, 0.0], 0.08, 200, 1, 40, seed=1, tau=tau)
        for tau in (200, 20)
    }
    return {
        tau: (run, gaps_along(problem, run)[-200:].mean()) for tau, run in runs.items()
    }


def test_the_schedule_halves_after_tau_steps_and_meets_robbins_monro():
    run_sizes = 0.08 / (1 + np.arange(10**6) / 200)
    assert run_sizes[200] == pytest.approx(0.04)
    partial = np.cumsum(run_sizes)
    # Σαₖ grows without bound, at least like α₀τ log(1 + K/τ) …
    K = np.arange(1, 10**6 + 1)
    assert np.all(partial >= 0.08 * 200 * np.log1p(K / 200) * (1 - 1e-12))
    # … while Σαₖ² stays below α₀²(1 + τ)
    assert np.sum(run_sizes**2) < 0.08**2 * (1 + 200)


def test_a_decay_over_one_epoch_ends_far_below_every_constant_floor(
    problem, floors, decayed
):
    X, _, _, _ = problem
    mu = np.linalg.eigvalsh(X.T @ X / 200).min()
    assert 0.08 * 200 * mu == pytest.approx(5.8, abs=0.05)
    run, last_epoch = decayed[200]
    np.testing.assert_allclose(run.step_sizes, 0.08 / (1 + np.arange(8000) / 200))
    assert run.step_sizes[-1] == pytest.approx(0.00195, abs=5e-6)
    assert last_epoch == pytest.approx(7.60e-6, rel=0.01)
    assert floors[0.01] / last_epoch == pytest.approx(51, abs=1)
    assert last_epoch < min(floors.values()) / 10


def test_a_decay_too_soon_crawls_several_times_higher(problem, decayed):
    X, _, _, _ = problem
    mu = np.linalg.eigvalsh(X.T @ X / 200).min()
    assert 0.08 * 20 * mu == pytest.approx(0.58, abs=0.005)
    assert 0.08 * 20 * mu < 1
    ratio = decayed[20][1] / decayed[200][1]
    assert ratio == pytest.approx(8.1, abs=0.1)
    assert ratio > 3


# ---- batch sizes at equal cost ----


def test_small_batches_get_low_first_and_larger_ones_have_lower_floors(problem):
    X, y, _, _ = problem
    grad = batch_gradient_of(X, y)
    first, late = [], []
    for b in (1, 10, 50, 200):
        run = minibatch_descent(grad, [0.0, 0.0], 0.1, 200, b, 20, seed=1)
        assert run.iterations == 20 * 200 // b
        gaps = gaps_along(problem, run)
        first.append(gaps[200 // b])
        late.append(gaps[-5 * 200 // b :].mean())
        if b == 200:  # full batch: gradient descent, no floor, f falls at every step
            assert np.all(np.diff(gaps) < 0)
    assert np.all(
        np.diff(first) > 0
    )  # after one epoch, the smaller the batch the lower
    assert late[0] > late[1] > late[2]  # floors fall with the batch size
    assert late[3] > late[2]  # the full batch, 20 steps, is still on its way down


# ---- ascent on the log-likelihood ----


@pytest.fixture(scope="module")
def logistic():
    X, y = make_data(size=200)
    mle = gradient_ascent(
        lambda t: log_likelihood_gradient(t, X, y) / 200, [0.0, 0.0], 1.0, tol=1e-12
    )
    return X, y, mle


def log_batch_gradient_of(X, y):
    return lambda t, b: log_likelihood_gradient(t, X[b], y[b]) / len(b)


def test_the_logistic_data_have_a_maximum_likelihood_estimate(logistic):
    X, y, mle = logistic
    assert likelihood_has_maximum(X[:, 1], y)
    assert mle.converged
    np.testing.assert_allclose(mle.x, [0.6644428, 1.83221271], atol=1e-6)
    s = sigmoid(X @ mle.x)
    curvature = X.T @ (X * (s * (1 - s))[:, None]) / 200
    mu = np.linalg.eigvalsh(curvature).min()
    assert 2.0 * 20 * mu == pytest.approx(2.6, abs=0.05)


def test_minibatch_ascent_leaves_a_floor_that_the_decay_goes_below(logistic):
    X, y, mle = logistic
    grad = log_batch_gradient_of(X, y)

    def shortfall(alpha, decay):
        climb = minibatch_ascent(grad, [0.0, 0.0], alpha, 200, 10, 30, 4, decay)
        best = log_likelihood(mle.x, X, y) / 200
        return np.mean([best - log_likelihood(t, X, y) / 200 for t in climb.path[-20:]])

    constant, decaying = shortfall(1.0, None), shortfall(2.0, 20)
    assert constant == pytest.approx(2.7e-3, rel=0.05)
    assert decaying == pytest.approx(1.2e-5, rel=0.05)
    assert decaying < constant / 100


def test_minibatch_ascent_is_descent_on_the_negative_batch_for_batch(logistic):
    X, y, _ = logistic
    grad = log_batch_gradient_of(X, y)
    up = minibatch_ascent(grad, [0.0, 0.0], 2.0, 200, 10, 30, seed=4, tau=20)
    down = minibatch_descent(
        lambda t, b: -grad(t, b), [0.0, 0.0], 2.0, 200, 10, 30, seed=4, tau=20
    )
    assert up.iterations == 600
    np.testing.assert_array_equal(up.path, down.path)


# ---- what the figures' alt texts say ----


def test_the_noise_floor_figure_levels(problem):
    from steepest.figures.stochastic import epoch_mean_gaps

    fast, slow = epoch_mean_gaps(0.08, None, 40), epoch_mean_gaps(0.01, None, 40)
    decaying = epoch_mean_gaps(0.08, 200.0, 40)
    assert np.all((fast[2:] > 3e-3) & (fast[2:] < 1.2e-2))  # around 5e-3
    assert np.all((slow[20:] > 1e-4) & (slow[20:] < 1.3e-3))
    assert decaying[-1] < 1e-5
    assert np.all(decaying[:2] < 1.2 * fast[:2])  # as fast as α = 0.08 at the start


def test_the_batch_size_figure_levels():
    from steepest.explorables import stochastic_gaps

    late = {b: stochastic_gaps(b, 0.1, False)[1] for b in (1, 10, 50, 200)}
    one, ten = (late[b][len(late[b]) // 2 :] for b in (1, 10))  # the last 10 epochs
    assert np.median(one) == pytest.approx(5e-3, rel=0.2)
    assert np.median(ten) == pytest.approx(2e-4, rel=0.2)
    assert late[1][10] < 1e-2  # within the first epoch
    assert 5e-5 < late[50][-1] < 2e-4
    assert np.all(np.diff(late[200]) < 0) and 1e-2 < late[200][-1] < 1e-1
    rates = late[200][1:] / late[200][:-1]  # a straight line: a constant factor
    np.testing.assert_allclose(rates[5:], rates[-1], rtol=0.02)


# ---- the exercises ----


def test_exercise_with_replacement_gains(problem):
    X, y, _, _ = problem
    assert (200 - 5) / 199 == pytest.approx(0.98, abs=0.001)  # about 2%
    assert (200 - 100) / 199 == pytest.approx(0.5, abs=0.005)  # about half
    gradients = per_example(X, y, THETA)
    full = gradients.mean(axis=0)
    sigma2 = ((gradients - full) ** 2).sum(axis=1).mean()
    rng = np.random.default_rng(8)
    for b in (5, 100):
        draws = np.array(
            [gradients[rng.integers(0, 200, b)].mean(axis=0) for _ in range(4000)]
        )
        measured = ((draws - full) ** 2).sum(axis=1).mean()
        assert measured == pytest.approx(sigma2 / b, rel=0.06)


def test_exercise_the_floor_of_a_larger_batch_is_less_than_half_the_model(
    problem, floors
):
    X, y, _, _ = problem
    model = 0.08 / 4 * sigma2_star(problem) / 10 * 190 / 199
    run = minibatch_descent(batch_gradient_of(X, y), [0.0, 0.0], 0.08, 200, 10, 40, 1)
    floor = gaps_along(problem, run)[-20 * 20 :].mean()
    assert floor / model == pytest.approx(0.44, abs=0.01)
    # "ratio 0.90 there": one example a step at the same α
    assert floors[0.08] / (0.08 / 4 * sigma2_star(problem)) == pytest.approx(
        0.90, abs=0.005
    )


def test_exercise_one_example_one_step(problem):
    X, y, _, f_star = problem
    squares = (X**2).sum(axis=1)
    assert np.all(squares <= 2)
    assert 2 / squares.max() == pytest.approx(1.0055, abs=1e-4)
    # the residual of the example used is multiplied by 1 − α‖aᵢ‖²
    theta, i, alpha = np.array([0.3, -0.2]), 17, 0.7
    after = theta - alpha * (X[i] @ theta - y[i]) * X[i]
    assert X[i] @ after - y[i] == pytest.approx(
        (1 - alpha * squares[i]) * (X[i] @ theta - y[i])
    )
    grad = batch_gradient_of(X, y)
    run = minibatch_descent(grad, [0.0, 0.0], 1.0, 200, 1, 10, seed=1)
    assert not run.diverged and mean_squared_error(run.x, X, y) - f_star > 1
    with pytest.warns(RuntimeWarning):
        assert minibatch_descent(grad, [0.0, 0.0], 1.6, 200, 1, 10, seed=1).diverged


def test_exercise_the_decay_falls_faster_than_its_bound(problem):
    X, y, _, _ = problem
    assert (200 + 7500) / (200 + 3500) == pytest.approx(2.1, abs=0.05)
    means = []
    for seed in range(4):
        run = minibatch_descent(
            batch_gradient_of(X, y), [0.0, 0.0], 0.08, 200, 1, 40, seed, 200
        )
        epochs = gaps_along(problem, run)[1:].reshape(40, 200).mean(axis=1)
        means.append((epochs[15:20].mean(), epochs[35:40].mean()))
    early, late = np.mean(means, axis=0)
    assert early / late == pytest.approx(3.62, abs=0.01)
    assert early / late > (200 + 7500) / (200 + 3500)


def test_the_second_moment_of_a_batch_gradient_grows_at_most_quadratically(problem):
    """Bottou, Curtis and Nocedal's E‖g‖² ≤ M + M_G ‖∇f‖², here with b = 1 (the worst)."""
    X, y, theta_star, _ = problem
    H = X.T @ X / 200
    squares = (X**2).sum(axis=1)
    M = 2 * (per_example(X, y, theta_star) ** 2).sum(axis=1).mean()
    M_G = 2 * squares.max() ** 2 / np.linalg.eigvalsh(H).min() ** 2
    rng = np.random.default_rng(3)
    for theta in theta_star + rng.normal(scale=10, size=(200, 2)):
        second_moment = (per_example(X, y, theta) ** 2).sum(axis=1).mean()
        gradient = mean_squared_error_gradient(theta, X, y)
        assert second_moment <= M + M_G * gradient @ gradient


# ---- the notebook's claims ----


def test_notebook_the_schedule_ends_near_0_004():
    alphas = 0.08 / (1 + np.arange(20 * 200) / 200)
    assert alphas[-1] == pytest.approx(0.004, abs=3e-4)
    assert alphas[400] == pytest.approx(0.08 / 3)
    assert np.all(alphas < 0.08 * 200 / np.maximum(np.arange(4000), 1))


def test_notebook_at_equal_steps_the_larger_batch_wins(problem):
    X, y, _, _ = problem
    late = []
    for b in (1, 10, 50, 200):
        run = minibatch_descent(
            batch_gradient_of(X, y), [0.0, 0.0], 0.1, 200, b, 400 * b // 200, seed=1
        )
        assert run.iterations == 400
        late.append(gaps_along(problem, run)[-100:].mean())
    assert np.all(np.diff(late) < 0)
