"""Properties that hold for every input, checked by hypothesis on random examples.

Most use random convex quadratics f(x) = ½ xᵀAx + bᵀx with A = QᵀQ + μI, whose gradient
is ∇f(x) = Ax + b and whose gradient is L-Lipschitz with L = λmax(A).
"""

import math
import re
import warnings
from dataclasses import dataclass
from fractions import Fraction

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
from steepest.validation import PATH_LIMIT

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
        # math.exp raises OverflowError itself; our checks raise ValueError
        assert isinstance(error, OverflowError) or (
            "is not finite" in str(error)
            or str(error).startswith(f"h = {h} is smaller than the spacing of floats")
        )
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


# ---- every wrong argument raises TypeError or ValueError naming it, nothing else ----

DIFFERENCES = [forward_difference, backward_difference, central_difference]
OPTIMIZERS = [gradient_descent, gradient_ascent]


def not_numbers() -> st.SearchStrategy[object]:
    """Values that are not real numbers, including those NumPy registers as integers."""
    return st.one_of(
        st.none(),
        st.text(max_size=3),
        st.booleans(),
        st.builds(np.bool_, st.booleans()),
        st.builds(np.timedelta64, st.integers(-5, 5)),
        st.complex_numbers(max_magnitude=10).filter(lambda z: z.imag != 0),
        st.decimals(allow_nan=False, allow_infinity=False),
        st.lists(entries(-1, 1), max_size=2),
        st.builds(object),
    )


def beyond_floats() -> st.SearchStrategy[object]:
    """Integers and fractions too large in magnitude for a float."""
    huge = st.integers(min_value=2**1024, max_value=10**400)
    return st.one_of(
        huge, huge.map(lambda n: -n), huge.map(lambda n: n + Fraction(1, 3))
    )


def call(function, argument, value):
    """Call `function` on good arguments, with `argument` replaced by value."""
    if function in DIFFERENCES:
        arguments = {"f": math.sin, "x": 0.5, "h": 1e-3}
    elif function is numerical_gradient:
        arguments = {"f": lambda p: float(p @ p), "x": [0.5, 1.0], "h": 1e-3}
    else:
        arguments = {"grad": lambda p: 2 * p, "x0": [0.5, 1.0], "learning_rate": 0.1}
        arguments |= {"steps": 5, "tol": 1e-6}
    return function(**(arguments | {argument: value}))


OPTIONAL = {  # None means: no stopping test, or the default step
    (gradient_descent, "tol"),
    (gradient_ascent, "tol"),
    (central_difference, "h"),
    (numerical_gradient, "h"),
}
SCALAR_ARGUMENTS = st.one_of(
    st.tuples(st.sampled_from(DIFFERENCES), st.sampled_from(["x", "h"])),
    st.tuples(st.just(numerical_gradient), st.just("h")),
    st.tuples(st.sampled_from(OPTIMIZERS), st.sampled_from(["learning_rate", "tol"])),
)


@quick
@given(target=SCALAR_ARGUMENTS, value=not_numbers())
def test_a_value_that_is_not_a_real_number_raises_a_type_error_naming_it(target, value):
    function, argument = target
    assume(not (value is None and (function, argument) in OPTIONAL))
    with pytest.raises(TypeError, match=rf"^{argument} must be a real number, got "):
        call(function, argument, value)


@quick
@given(
    target=st.one_of(
        SCALAR_ARGUMENTS,
        st.tuples(st.sampled_from(OPTIMIZERS), st.just("x0")),
        st.tuples(st.just(numerical_gradient), st.just("x")),
    ),
    value=beyond_floats(),
    as_list=st.booleans(),
)
def test_a_number_beyond_float_range_raises_a_value_error_naming_it(
    target, value, as_list
):
    function, argument = target
    if argument in ("x0", "x") and function not in DIFFERENCES and as_list:
        value = [1.0, value]  # a float array with one huge entry
    with pytest.raises(ValueError, match=rf"^{argument} must be within float range"):
        call(function, argument, value)


@quick
@given(function=st.sampled_from(OPTIMIZERS), steps=st.integers(PATH_LIMIT // 2, 2**70))
def test_a_step_budget_beyond_the_path_limit_raises_before_running(function, steps):
    with pytest.raises(ValueError, match=r"^steps must be at most 4,999,999 for a "):
        call(function, "steps", steps)


@quick
@given(function=st.sampled_from(OPTIMIZERS), steps=not_numbers())
def test_a_step_count_that_is_not_an_integer_raises_a_type_error(function, steps):
    with pytest.raises(TypeError, match=r"^steps must be an integer, got "):
        call(function, "steps", steps)


@quick
@given(
    function=st.sampled_from([*DIFFERENCES, numerical_gradient]),
    value=st.one_of(not_numbers(), beyond_floats()),
)
def test_a_value_of_f_that_is_not_a_real_number_raises_naming_f(function, value):
    expected = r"^f must return (a real number|a number within float range \(±1\.798e\+308\)), got "
    with pytest.raises((TypeError, ValueError), match=expected) as caught:
        call(function, "f", lambda x: value)
    huge = isinstance(value, int | Fraction) and not isinstance(value, bool)
    assert caught.type is (ValueError if huge else TypeError)


@quick
@given(
    function=st.sampled_from([*OPTIMIZERS, numerical_gradient]),
    shape=st.lists(st.integers(0, 3), min_size=1, max_size=3).filter(
        lambda shape: 0 in shape
    ),
)
def test_an_empty_point_raises_a_value_error(function, shape):
    argument = "x" if function is numerical_gradient else "x0"
    expected = rf"^{argument} must hold at least one number, got shape "
    with pytest.raises(ValueError, match=expected):
        call(function, argument, np.zeros(shape))


@quick
@given(
    method=st.sampled_from(DIFFERENCES),
    x=st.floats(
        allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300
    ),
    fraction=st.one_of(entries(1e-3, 0.999), entries(1.0, 1e3)),
)
def test_a_step_is_rejected_exactly_when_it_is_below_the_spacing_at_x(
    method, x, fraction
):
    spacing = float(abs(np.spacing(x)))
    h = fraction * spacing
    assume(h > 0)  # a subnormal spacing times a small fraction can round to 0
    try:
        estimate = method(
            lambda t: t, x, h
        )  # f' = 1: exact up to the rounding of x ± h
    except ValueError as error:
        message = re.escape(f"h = {h} is smaller than the spacing of floats at x = ")
        assert re.match(message, str(error))
        assert h < spacing
        return
    assert h >= spacing
    assert x + h != x and x - h != x  # f is never compared with itself
    assert estimate > 0  # so the quotient is never a silent 0
