"""Properties that hold for every input, checked by hypothesis on random examples.

Most use random convex quadratics f(x) = ½ xᵀAx + bᵀx with A = QᵀQ + μI, whose gradient
is ∇f(x) = Ax + b and whose gradient is L-Lipschitz with L = λmax(A).
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from steepest import (
    backward_difference,
    central_difference,
    forward_difference,
    gradient_ascent,
    gradient_descent,
    numerical_gradient,
)

# Small and quick: the whole file runs in a few seconds.
quick = settings(max_examples=60, deadline=None)


@dataclass(frozen=True)
class Quadratic:
    """f(x) = ½ xᵀAx + bᵀx with A symmetric positive definite."""

    A: np.ndarray
    b: np.ndarray

    def __call__(self, x: np.ndarray) -> float:
        return float(0.5 * x @ self.A @ x + self.b @ x)

    def gradient(self, x: np.ndarray) -> np.ndarray:
        return self.A @ x + self.b

    def negated_gradient(self, x: np.ndarray) -> np.ndarray:
        """Gradient of −f."""
        return -(self.A @ x + self.b)

    @property
    def lipschitz(self) -> float:
        """L = λmax(A), the Lipschitz constant of ∇f."""
        return float(np.linalg.eigvalsh(self.A)[-1])

    def size(self, x: np.ndarray) -> float:
        """½ |x|ᵀ|A||x| + |b|ᵀ|x|: the size of the terms summed in f(x)."""
        magnitude = np.abs(x)
        return float(
            0.5 * magnitude @ np.abs(self.A) @ magnitude + np.abs(self.b) @ magnitude
        )


def entries(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


@st.composite
def quadratics(draw: st.DrawFn) -> tuple[Quadratic, np.ndarray]:
    """A random convex quadratic in 1 to 4 dimensions and a random point."""
    n = draw(st.integers(1, 4))
    q = draw(arrays(float, (n, n), elements=entries(-2, 2)))
    mu = draw(entries(0.1, 2))
    b = draw(arrays(float, n, elements=entries(-5, 5)))
    x0 = draw(arrays(float, n, elements=entries(-10, 10)))
    return Quadratic(q.T @ q + mu * np.eye(n), b), x0


@quick
@given(problem=quadratics(), fraction=entries(0.01, 0.99))
def test_descent_with_a_step_below_one_over_l_never_increases_f(problem, fraction):
    f, x0 = problem
    alpha = fraction / f.lipschitz
    result = gradient_descent(f.gradient, x0, alpha, steps=60)
    values = np.array([f(x) for x in result.path])
    rounding = 1e-12 * (1 + f.size(x0))  # the error of evaluating f itself
    assert np.all(np.diff(values) <= rounding)
    assert result.diverged is False


@quick
@given(problem=quadratics(), fraction=entries(0.01, 3.0))
def test_ascent_on_minus_f_follows_the_path_of_descent_on_f_exactly(problem, fraction):
    f, x0 = problem
    alpha = fraction / f.lipschitz  # up to 3/L: includes diverging runs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        descent = gradient_descent(f.gradient, x0, alpha, steps=80)
        ascent = gradient_ascent(f.negated_gradient, x0, alpha, steps=80)
    np.testing.assert_array_equal(ascent.path, descent.path)
    assert (ascent.iterations, ascent.diverged) == (
        descent.iterations,
        descent.diverged,
    )


@quick
@given(problem=quadratics())
def test_numerical_gradient_matches_the_analytic_gradient(problem):
    f, x = problem
    # Central differences are exact on quadratics up to rounding: about ε·size/h with
    # h ≈ ∛ε, i.e. 4e-11 relative to the size of f's terms. Allow a margin of 250.
    tolerance = 1e-8 * (1 + f.size(x) + np.abs(f.b).sum())
    np.testing.assert_allclose(
        numerical_gradient(f, x), f.gradient(x), rtol=0, atol=tolerance
    )


@quick
@given(
    amplitude=entries(0.5, 5),
    frequency=entries(0.5, 3),
    phase=entries(0, 2 * math.pi),
    cubic=entries(-2, 2),
    x=entries(-3, 3),
)
def test_central_difference_error_falls_100_times_per_10_times_smaller_h(
    amplitude, frequency, phase, cubic, x
):
    def f(t):
        return amplitude * math.sin(frequency * t + phase) + cubic * t**3

    def derivative(t):
        return (
            amplitude * frequency * math.cos(frequency * t + phase) + 3 * cubic * t**2
        )

    third = -amplitude * frequency**3 * math.cos(frequency * x + phase) + 6 * cubic
    # The error is f'''(x) h²/6 + O(h⁴): skip points where f''' (nearly) vanishes.
    assume(abs(third) >= 0.05 * (amplitude * frequency**3 + 6 * abs(cubic)))
    h = 1e-2 / frequency  # truncation-dominated for h and h/10
    coarse = abs(central_difference(f, x, h) - derivative(x))
    fine = abs(central_difference(f, x, h / 10) - derivative(x))
    assert coarse / fine == pytest.approx(100, rel=0.1)
    assert coarse == pytest.approx(abs(third) * h**2 / 6, rel=0.05)


# ---- no public function returns a non-finite result without saying so ----


@quick
@given(
    problem=quadratics(),
    scale=st.sampled_from([1.0, 1e50, 1e150, 1e300]),
    fraction=entries(0.01, 10),
    steps=st.integers(0, 200),
    ascent=st.booleans(),
)
def test_optimisers_return_finite_paths_or_say_they_diverged(
    problem, scale, fraction, steps, ascent
):
    f, x0 = problem
    optimizer = gradient_ascent if ascent else gradient_descent
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            result = optimizer(f.gradient, x0 * scale, fraction / f.lipschitz, steps)
        except ValueError as error:  # only when ∇f(x0) itself is not finite
            assert str(error).startswith("grad must be finite at the start point")
            return
    warned = any("diverged" in str(warning.message) for warning in caught)
    assert np.all(np.isfinite(result.path))
    assert np.all(np.isfinite(result.x))
    assert result.diverged is warned
    assert not (result.diverged and result.converged)


FUNCTIONS = [
    math.sin,
    math.exp,
    lambda t: t**3,
    lambda t: 1 / t if t else math.inf,
    lambda t: math.sqrt(t) if t >= 0 else math.nan,
    lambda t: 1e300 * t,
]


@quick
@given(
    f=st.sampled_from(FUNCTIONS),
    method=st.sampled_from(
        [forward_difference, backward_difference, central_difference]
    ),
    x=st.one_of(entries(-5, 5), entries(-1e300, 1e300)),
    h=st.one_of(entries(1e-12, 1.0), entries(1e-320, 1e-300), st.just(1e300)),
)
def test_differences_return_finite_numbers_or_raise(f, method, x, h):
    try:
        with np.errstate(all="ignore"):
            estimate = method(lambda t: float(f(t)), x, h)
    except (ValueError, OverflowError) as error:
        # math.exp raises OverflowError itself; our check raises ValueError
        assert isinstance(error, OverflowError) or "is not finite" in str(error)
        return
    assert math.isfinite(estimate)


@quick
@given(problem=quadratics(), scale=st.sampled_from([1.0, 1e100, 1e155, 1e300]))
def test_numerical_gradient_returns_finite_numbers_or_raises(problem, scale):
    f, x = problem
    try:
        with np.errstate(all="ignore"):
            gradient = numerical_gradient(f, x * scale)
    except ValueError as error:
        assert "is not finite" in str(error)
        return
    assert np.all(np.isfinite(gradient))
