"""Minibatch gradients, schedules, Newton's method and fitted rates."""

import numpy as np
import pytest

from steepest import (
    gradient_descent,
    minibatch_ascent,
    minibatch_descent,
    minibatches,
    newton_method,
)
from steepest.rates import fitted_power, fitted_rate
from steepest.regression import mean_squared_error, mean_squared_error_gradient

N = 200


@pytest.fixture(scope="module")
def data():
    """Linear regression data: y = 2 + 0.7 x + noise, N = 200, a fixed seed."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, N)
    X = np.column_stack([np.ones(N), x])
    y = 2 + 0.7 * x + rng.normal(0, 0.5, N)
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    return X, y, best, mean_squared_error(best, X, y)


def batch_gradient_of(X, y):
    return lambda theta, batch: mean_squared_error_gradient(theta, X[batch], y[batch])


def test_each_epoch_uses_every_example_once():
    batches = minibatches(10, 4, seed=5)
    epoch = [next(batches) for _ in range(3)]
    assert [len(b) for b in epoch] == [4, 4, 2]
    assert sorted(np.concatenate(epoch)) == list(range(10))
    second = np.concatenate([next(batches) for _ in range(3)])
    assert sorted(second) == list(range(10))
    assert not np.array_equal(np.concatenate(epoch), second)  # reshuffled


def test_the_same_seed_gives_the_same_batches_and_a_generator_is_used():
    first = [next(minibatches(50, 5, 11)) for _ in range(2)]
    np.testing.assert_array_equal(first[0], first[1])
    rng = np.random.default_rng(11)
    np.testing.assert_array_equal(next(minibatches(50, 5, rng)), first[0])


THETA = np.array([0.5, -1.0])


def per_example_gradients(data):
    """∇fᵢ(θ) at THETA, one row per example, for fᵢ = ½ (xᵢᵀθ − yᵢ)²."""
    X, y, _, _ = data
    return X * (X @ THETA - y)[:, None]


def sampled_gradients(data, batch_size, draws=4000, seed=2):
    """Minibatch gradients at THETA over whole epochs (so every batch has batch_size)."""
    X, y, _, _ = data
    batches, grad = minibatches(N, batch_size, seed), batch_gradient_of(X, y)
    epochs = -(-draws * batch_size // N)
    return np.array([grad(THETA, next(batches)) for _ in range(epochs * N // batch_size)])


def variance(samples, mean):
    """E‖g − mean‖², estimated from the rows of samples."""
    return ((samples - mean) ** 2).sum(axis=1).mean()


@pytest.mark.parametrize("batch_size", [1, 5, 20, 50, 100, 200])
def test_the_minibatch_gradient_is_unbiased_with_the_variance_of_sampling_without_replacement(
    data, batch_size
):
    X, y, _, _ = data
    per_example = per_example_gradients(data)
    full = per_example.mean(axis=0)
    np.testing.assert_allclose(full, mean_squared_error_gradient(THETA, X, y))
    sigma2 = variance(per_example, full)  # E‖∇fᵢ − ∇f‖² over the N examples
    expected = sigma2 / batch_size * (N - batch_size) / (N - 1)
    samples = sampled_gradients(data, batch_size)
    # the mean: within 4 standard errors of the full gradient
    error = np.linalg.norm(samples.mean(axis=0) - full)
    assert error <= 4 * np.sqrt(expected / len(samples)) + 1e-12
    if batch_size == N:  # the whole data set: the full gradient exactly
        assert variance(samples, full) == pytest.approx(0, abs=1e-24)
    else:
        assert variance(samples, full) == pytest.approx(expected, rel=0.1)


def test_the_variance_falls_as_one_over_the_batch_size(data):
    full = per_example_gradients(data).mean(axis=0)
    sizes = np.array([1, 2, 4, 8])
    measured = np.array([variance(sampled_gradients(data, b), full) for b in sizes])
    # b · Var / ((N − b)/(N − 1)) is the same σ² for every b
    scaled = measured * sizes / ((N - sizes) / (N - 1))
    np.testing.assert_allclose(scaled, scaled.mean(), rtol=0.1)
    assert measured[0] / measured[-1] == pytest.approx(8 * (N - 8) / (N - 1), rel=0.15)


def noise_floor(data, alpha, decay=None):
    X, y, _, best_value = data
    result = minibatch_descent(
        batch_gradient_of(X, y), [0.0, 0.0], alpha, N, 1, 60, seed=1, decay=decay
    )
    last = result.path[-20 * N :] if decay is None else result.path[-N:]
    return np.mean([mean_squared_error(p, X, y) - best_value for p in last])


def test_the_constant_step_noise_floor_grows_with_alpha_and_a_decay_goes_below_it(data):
    floors = [noise_floor(data, alpha) for alpha in (0.01, 0.02, 0.04, 0.08)]
    assert np.all(np.diff(floors) > 0)
    ratios = np.array(floors[1:]) / np.array(floors[:-1])
    assert np.all((ratios > 1.8) & (ratios < 3.5))  # about doubling per doubled α
    decayed = noise_floor(data, 0.08, decay=N)  # αₖ = 0.08 / (1 + k/N)
    assert decayed < floors[0] / 10


def test_minibatch_runs_take_epochs_times_batches_steps_with_the_schedule(data):
    X, y, best, _ = data
    result = minibatch_descent(batch_gradient_of(X, y), [0.0, 0.0], 0.1, N, 30, 3, 4, 50)
    assert result.iterations == 3 * 7  # ⌈200 / 30⌉ = 7 batches an epoch
    np.testing.assert_allclose(result.step_sizes, 0.1 / (1 + np.arange(21) / 50))


def test_minibatch_ascent_on_minus_f_is_the_mirror_of_descent(data):
    X, y, _, _ = data
    grad = batch_gradient_of(X, y)
    descent = minibatch_descent(grad, [0.0, 0.0], 0.05, N, 8, 2, seed=3, decay=20)
    ascent = minibatch_ascent(
        lambda t, b: -grad(t, b), [0.0, 0.0], 0.05, N, 8, 2, seed=3, decay=20
    )
    np.testing.assert_array_equal(ascent.path, descent.path)


def test_full_batch_minibatch_descent_is_gradient_descent(data):
    X, y, _, _ = data
    full = minibatch_descent(batch_gradient_of(X, y), [0.0, 0.0], 0.3, N, N, 25, seed=0)
    plain = gradient_descent(
        lambda t: mean_squared_error_gradient(t, X, y), [0.0, 0.0], 0.3, 25
    )
    np.testing.assert_allclose(full.path, plain.path, rtol=1e-12, atol=1e-15)


def test_a_divergent_minibatch_run_warns(data):
    X, y, _, _ = data
    with pytest.warns(RuntimeWarning, match="the iterates diverged"):
        result = minibatch_descent(batch_gradient_of(X, y), [0.0, 0.0], 5.0, N, 10, 20, 0)
    assert result.diverged


@pytest.mark.parametrize(
    ("arguments", "error", "name"),
    [
        ({"examples": 0}, ValueError, "examples"),
        ({"examples": 2.5}, TypeError, "examples"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": N + 1}, ValueError, "batch_size"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"seed": None}, TypeError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"seed": -3}, ValueError, "seed"),
        ({"decay": 0.0}, ValueError, "tau"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"batch_gradient": 3}, TypeError, "batch_gradient"),
    ],
)
def test_minibatch_arguments_are_checked_by_name(data, arguments, error, name):
    X, y, _, _ = data
    call = {
        "batch_gradient": batch_gradient_of(X, y),
        "x0": [0.0, 0.0],
        "learning_rate": 0.1,
        "examples": N,
        "batch_size": 10,
        "epochs": 1,
        "seed": 0,
    } | arguments
    with pytest.raises(error, match=f"^{name} must"):
        minibatch_descent(**call)


# ---- Newton's method ----


def test_newton_solves_a_quadratic_in_one_step():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -4.0])
    result = newton_method(lambda p: A @ p - b, lambda p: A, [10.0, -7.0], tol=1e-12)
    assert result.iterations == 1 and result.converged
    np.testing.assert_allclose(result.x, np.linalg.solve(A, b), rtol=1e-14)


def test_newton_finds_a_saddle_point_too():
    result = newton_method(
        lambda p: np.array([2 * p[0], -2 * p[1]]),
        lambda p: np.diag([2.0, -2.0]),
        [1.0, 3.0],
        steps=1,
    )
    np.testing.assert_array_equal(result.x, [0.0, 0.0])


def test_newton_error_squares_each_step_near_the_minimiser():
    # f(x) = eˣ − 2x, minimiser ln 2: e⁽ᵏ⁺¹⁾ = e⁽ᵏ⁾ − 1 + exp(−e⁽ᵏ⁾) ≤ ½ (e⁽ᵏ⁾)² for e ≥ 0,
    # which holds from the first step on (e⁽ᵏ⁺¹⁾ ≥ 0 always).
    result = newton_method(
        lambda x: np.exp(x) - 2, lambda x: np.exp(x).reshape(1, 1), [0.3], steps=4
    )
    e = np.abs(result.path[:, 0] - np.log(2))
    assert result.path[1, 0] > np.log(2)
    for k in range(1, 3):
        assert e[k + 1] <= 0.5 * e[k] ** 2 * (1 + 1e-9)
        assert e[k + 1] / e[k] ** 2 == pytest.approx(0.5, rel=0.05)  # C → 1/2
    assert e[1] < 0.1 and e[4] < 1e-10  # digits double: 1, 2, 5, 10 correct


def test_newton_with_a_learning_rate_below_one_converges_linearly():
    result = newton_method(lambda x: 4 * x, lambda x: np.array([[4.0]]), [1.0], 10, None, 0.5)
    np.testing.assert_allclose(result.path[:, 0], 0.5 ** np.arange(11))
    np.testing.assert_array_equal(result.step_sizes, np.full(10, 0.5))


def test_a_singular_hessian_raises_naming_hessian():
    with pytest.raises(ValueError, match="^hessian is singular at x"):
        newton_method(lambda p: p, lambda p: np.zeros((2, 2)), [1.0, 1.0])


@pytest.mark.parametrize(
    ("hessian", "error", "message"),
    [
        (lambda p: np.eye(3), ValueError, "^hessian must return an array of shape"),
        (lambda p: np.full((2, 2), np.nan), ValueError, "^hessian\\(x\\) must be finite"),
        (lambda p: "H", TypeError, "^hessian\\(x\\) must hold real numbers"),
        (np.eye(2), TypeError, "^hessian must be a callable"),
    ],
)
def test_a_wrong_hessian_raises_naming_it(hessian, error, message):
    with pytest.raises(error, match=message):
        newton_method(lambda p: p, hessian, [1.0, 1.0])


# ---- fitted rates: sublinear on x⁴, linear on a quadratic ----


def test_descent_on_x_to_the_fourth_is_sublinear():
    alpha, x0 = 0.05, 1.0  # α ≤ 1/L with L = 12 x0² the bound of f'' on |x| ≤ x0
    result = gradient_descent(lambda x: 4 * x**3, [x0], alpha, 20000)
    k = np.arange(1, result.iterations + 1)
    x = result.path[1:, 0]
    gap = x**4  # f(x⁽ᵏ⁾) − f*
    tail = k >= 1000
    # iterates like k^(−1/2), so f − f* like k⁻²: within the O(1/k) guarantee
    assert fitted_power(k[tail], x[tail]) == pytest.approx(-0.5, abs=0.01)
    assert fitted_power(k[tail], gap[tail]) == pytest.approx(-2.0, abs=0.03)
    assert np.all(gap <= x0**2 / (2 * alpha * k))  # f − f* ≤ ‖x⁰ − x*‖² / (2αk)
    assert fitted_rate(k[tail], gap[tail]) > 0.9995  # no linear rate ρ < 1
    np.testing.assert_allclose(gap[tail], 1 / (64 * alpha**2 * k[tail] ** 2), rtol=0.05)


def test_fits_check_their_data():
    with pytest.raises(ValueError, match="^errors must all be positive"):
        fitted_rate([0, 1, 2], [1.0, 0.0, 0.5])
    with pytest.raises(ValueError, match="^steps and errors must have the same length"):
        fitted_rate([0, 1], [1.0])
    with pytest.raises(ValueError, match="^steps must all be positive"):
        fitted_power([0, 1, 2], [1.0, 0.5, 0.2])
    assert fitted_rate([0, 1, 2, 3], 3 * 0.5 ** np.arange(4)) == pytest.approx(0.5)
    assert fitted_power([1, 2, 4], [1.0, 0.5, 0.25]) == pytest.approx(-1.0)
