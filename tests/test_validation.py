"""Bad arguments fail at once, with the argument's name and what was expected."""

import math
import re
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from steepest import (
    backward_difference,
    central_difference,
    forward_difference,
    gradient_ascent,
    gradient_descent,
    numerical_gradient,
)
from steepest.optimizers import follow_gradient
from steepest.validation import PATH_LIMIT, step_budget


def bowl_gradient(p):
    """Gradient of f(x) = ‖x‖²."""
    return 2 * p


def square_norm(p):
    return float(np.sum(np.asarray(p) ** 2))


def descend(**changes):
    arguments = {"grad": bowl_gradient, "x0": [1.0, 2.0], "learning_rate": 0.1}
    return gradient_descent(**{**arguments, **changes})


def ascend(**changes):
    arguments = {"grad": lambda p: -2 * p, "x0": [1.0, 2.0], "learning_rate": 0.1}
    return gradient_ascent(**{**arguments, **changes})


def follow(**changes):
    arguments = {
        "grad": bowl_gradient,
        "x0": [1.0, 2.0],
        "learning_rate": 0.1,
        "direction": -1,
    }
    return follow_gradient(**{**arguments, **changes})


OPTIMIZERS = [descend, ascend, follow]
DIFFERENCES = [forward_difference, backward_difference, central_difference]


# ---- the functions: f and grad must be callable ----


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("grad", [None, 3.0, "2 * x", [1.0, 2.0]])
def test_grad_must_be_callable(run, grad):
    with pytest.raises(TypeError, match=r"^grad must be a callable function, got "):
        run(grad=grad)


@pytest.mark.parametrize("difference", DIFFERENCES)
def test_f_must_be_callable_for_differences(difference):
    with pytest.raises(TypeError, match=r"^f must be a callable function, got 0.5"):
        difference(0.5, 1.0, 1e-3)


def test_f_must_be_callable_for_the_numerical_gradient():
    with pytest.raises(TypeError, match=r"^f must be a callable function, got None"):
        numerical_gradient(None, [1.0, 2.0])


# ---- the point: finite real numbers ----

NOT_REAL_POINTS = [
    ([1 + 2j, 0.0], "complex128"),
    (["1.0", "2.0"], "<U3"),
    ("1.0", "<U3"),
    ([True, False], "bool"),
    (None, "object"),
]
NOT_FINITE_POINTS = [[np.nan, 1.0], [1.0, np.inf], [-np.inf, 0.0], math.nan]


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize(("x0", "dtype"), NOT_REAL_POINTS)
def test_x0_must_hold_real_numbers(run, x0, dtype):
    expected = rf"^x0 must hold real numbers \(int or float\), got dtype {dtype}"
    with pytest.raises(TypeError, match=expected):
        run(x0=x0)


@pytest.mark.parametrize("run", OPTIMIZERS)
def test_x0_must_not_be_ragged(run):
    with pytest.raises(TypeError, match=r"^x0 must be an array of real numbers: "):
        run(x0=[[1.0], [1.0, 2.0]])


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("x0", NOT_FINITE_POINTS)
def test_x0_must_be_finite(run, x0):
    with pytest.raises(ValueError, match=r"^x0 must be finite \(no NaN or inf\)"):
        run(x0=x0)


@pytest.mark.parametrize("run", OPTIMIZERS)
def test_x0_must_be_a_scalar_or_a_vector(run):
    with pytest.raises(ValueError, match=r"^x0 must be a scalar or a 1-D array"):
        run(x0=np.ones((2, 2)))


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("x", [1 + 0j, "1.0", None, [1.0], np.array([1.0]), True])
def test_x_must_be_a_real_number_for_differences(difference, x):
    with pytest.raises(TypeError, match=r"^x must be a real number, got "):
        difference(np.sin, x, 1e-3)


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("x", [math.nan, math.inf, -np.inf])
def test_x_must_be_finite_for_differences(difference, x):
    with pytest.raises(ValueError, match=r"^x must be a finite real number, got "):
        difference(np.sin, x, 1e-3)


@pytest.mark.parametrize(("x", "dtype"), NOT_REAL_POINTS)
def test_x_must_hold_real_numbers_for_the_numerical_gradient(x, dtype):
    expected = rf"^x must hold real numbers \(int or float\), got dtype {dtype}"
    with pytest.raises(TypeError, match=expected):
        numerical_gradient(square_norm, x)


@pytest.mark.parametrize("x", NOT_FINITE_POINTS)
def test_x_must_be_finite_for_the_numerical_gradient(x):
    with pytest.raises(ValueError, match=r"^x must be finite \(no NaN or inf\)"):
        numerical_gradient(square_norm, x)


# ---- positive finite numbers: learning_rate, h, tol ----

NOT_NUMBERS = ["0.1", None, 0.1 + 0j, True, [0.1], np.array([0.1])]
NOT_POSITIVE = [0.0, -0.1, -1, math.nan, math.inf, -math.inf]


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("learning_rate", NOT_NUMBERS)
def test_learning_rate_must_be_a_real_number(run, learning_rate):
    with pytest.raises(TypeError, match=r"^learning_rate must be a real number, got "):
        run(learning_rate=learning_rate)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("learning_rate", NOT_POSITIVE)
def test_learning_rate_must_be_positive_and_finite(run, learning_rate):
    expected = r"^learning_rate must be a (positive )?finite (real )?number, got "
    with pytest.raises(ValueError, match=expected):
        run(learning_rate=learning_rate)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("tol", NOT_NUMBERS)
def test_tol_must_be_a_real_number_or_none(run, tol):
    if tol is None:
        run(tol=tol)  # None is allowed: no stopping test
        return
    with pytest.raises(TypeError, match=r"^tol must be a real number, got "):
        run(tol=tol)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("tol", NOT_POSITIVE)
def test_tol_must_be_positive_and_finite(run, tol):
    expected = r"^tol must be a (positive )?finite (real )?number, got "
    with pytest.raises(ValueError, match=expected):
        run(tol=tol)


@pytest.mark.parametrize("difference", [forward_difference, backward_difference])
def test_h_is_required_for_one_sided_differences(difference):
    with pytest.raises(TypeError, match=r"^h must be a real number, got None"):
        difference(np.sin, 1.0, None)


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("h", [value for value in NOT_NUMBERS if value is not None])
def test_h_must_be_a_real_number(difference, h):
    with pytest.raises(TypeError, match=r"^h must be a real number, got "):
        difference(np.sin, 1.0, h)


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("h", NOT_POSITIVE)
def test_h_must_be_positive_and_finite(difference, h):
    expected = r"^h must be a (positive )?finite (real )?number, got "
    with pytest.raises(ValueError, match=expected):
        difference(np.sin, 1.0, h)


@pytest.mark.parametrize("h", NOT_POSITIVE)
def test_h_must_be_positive_and_finite_for_the_numerical_gradient(h):
    expected = r"^h must be a (positive )?finite (real )?number, got "
    with pytest.raises(ValueError, match=expected):
        numerical_gradient(square_norm, [1.0, 2.0], h=h)


def test_h_must_be_a_number_for_the_numerical_gradient():
    with pytest.raises(TypeError, match=r"^h must be a real number, got '0.1'"):
        numerical_gradient(square_norm, [1.0, 2.0], h="0.1")


def test_numpy_scalars_are_accepted():
    result = descend(
        x0=np.float32(3.0),
        learning_rate=np.float64(0.5),
        steps=np.int64(4),
        tol=np.float32(1e-3),
    )
    assert result.iterations == 1  # α = 1/2 on ‖x‖²: the minimum in one step
    assert central_difference(np.sin, np.float64(1.0), np.float64(1e-4)) == (
        pytest.approx(np.cos(1.0), rel=1e-8)
    )
    assert forward_difference(np.sin, np.int64(1), np.float32(1e-3)) == (
        pytest.approx(np.cos(1.0), rel=1e-3)
    )
    np.testing.assert_allclose(
        numerical_gradient(square_norm, np.array([1, 2], dtype=np.int32), h=1e-4),
        [2.0, 4.0],
    )


def test_integer_learning_rates_and_points_are_accepted():
    result = descend(x0=[3, -1], learning_rate=1, steps=2)
    np.testing.assert_array_equal(result.path, [[3, -1], [-3, 1], [3, -1]])


# ---- steps: a non-negative integer ----


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("steps", [10.0, 2.5, "10", None, True, False, np.bool_(1)])
def test_steps_must_be_an_integer(run, steps):
    with pytest.raises(TypeError, match=r"^steps must be an integer, got "):
        run(steps=steps)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("steps", [-1, np.int64(-5)])
def test_steps_must_not_be_negative(run, steps):
    with pytest.raises(ValueError, match=r"^steps must be a non-negative integer"):
        run(steps=steps)


@pytest.mark.parametrize("steps", [np.int8(3), np.uint16(3), np.int64(3), 3])
def test_python_and_numpy_integers_are_step_counts(steps):
    assert descend(steps=steps).iterations == 3


# ---- direction of follow_gradient ----


@pytest.mark.parametrize("direction", [0, 2, -2])
def test_direction_must_be_minus_one_or_plus_one(direction):
    expected = r"^direction must be -1 \(descent\) or \+1 \(ascent\), got "
    with pytest.raises(ValueError, match=expected):
        follow(direction=direction)


@pytest.mark.parametrize("direction", [1.0, -1.0, True, "up", None])
def test_direction_must_be_an_integer(direction):
    with pytest.raises(TypeError, match=r"^direction must be the integer -1 or \+1"):
        follow(direction=direction)


# ---- what grad returns ----


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize(
    ("grad", "shape"),
    [
        (lambda p: 2 * p[0], r"\(\)"),
        (lambda p: np.append(p, 0.0), r"\(3,\)"),
        (lambda p: np.outer(p, p), r"\(2, 2\)"),
    ],
)
def test_grad_must_return_the_points_shape(run, grad, shape):
    expected = (
        rf"^grad must return an array of the point's shape \(2,\), got shape {shape}"
    )
    with pytest.raises(ValueError, match=expected):
        run(grad=grad)


@pytest.mark.parametrize("run", OPTIMIZERS)
def test_grad_must_return_real_numbers(run):
    with pytest.raises(TypeError, match=r"^grad must return real numbers, got dtype"):
        run(grad=lambda p: p * 1j)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_grad_must_be_finite_at_the_start(run, bad):
    expected = r"^grad must be finite at the start point x0 = \[1\. 2\.\], got "
    with pytest.raises(ValueError, match=expected):
        run(grad=lambda p: np.array([bad, 1.0]))


def test_a_wrong_shape_later_in_the_run_is_caught_too():
    def grad(p):
        return 2 * p if p[0] > 0.5 else 2 * p[:1]

    with pytest.raises(ValueError, match=r"^grad must return an array of the point's"):
        descend(grad=grad, x0=[1.0, 1.0], learning_rate=0.4)


# ---- difference quotients: never a silent NaN or inf ----


@pytest.mark.parametrize("difference", DIFFERENCES)
def test_a_non_finite_difference_quotient_raises(difference):
    expected = r"difference is not finite \(nan\): f must be finite at "
    with pytest.raises(ValueError, match=expected):
        difference(lambda x: math.nan, 1.0, 1e-3)


def test_an_overflowing_quotient_raises():
    with pytest.raises(
        ValueError, match=r"^the forward difference is not finite \(inf"
    ):
        forward_difference(lambda x: 1e300 if x > 0 else 0.0, 0.0, 1e-300)


@pytest.mark.parametrize("difference", DIFFERENCES)
def test_f_must_return_a_real_number(difference):
    with pytest.raises(TypeError, match=r"^f must return a real number, got \("):
        difference(lambda x: complex(x, 1.0) * x, 1.0, 1e-3)


def test_a_non_finite_partial_derivative_names_its_index():
    def f(p):
        return float(np.log(p[1]))  # NaN where p[1] < 0, as at 1e-4 − h

    with (
        warnings.catch_warnings(),
        pytest.raises(
            ValueError, match=re.escape("∂f/∂x at index (1,) is not finite (nan)")
        ),
    ):
        warnings.simplefilter("ignore", RuntimeWarning)  # log of a negative number
        numerical_gradient(f, [1.0, 1e-4], h=1e-3)


# ---- numbers beyond float range, and timedelta64, which NumPy registers as an int ----

BEYOND_FLOATS = [10**400, -(10**309), Fraction(10**400, 3)]


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("argument", ["x", "h"])
@pytest.mark.parametrize("value", BEYOND_FLOATS)
def test_numbers_beyond_float_range_are_rejected_by_name(difference, argument, value):
    arguments = {"f": np.sin, "x": 1.0, "h": 0.1, argument: value}
    with pytest.raises(ValueError, match=rf"^{argument} must be within float range"):
        difference(**arguments)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("argument", ["learning_rate", "tol"])
@pytest.mark.parametrize("value", BEYOND_FLOATS)
def test_rates_and_tolerances_beyond_float_range_are_rejected(run, argument, value):
    with pytest.raises(ValueError, match=rf"^{argument} must be within float range"):
        run(**{argument: value})


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("x0", [[10**400, 1], [1.0, -(10**309)], 10**400])
def test_points_beyond_float_range_are_rejected(run, x0):
    with pytest.raises(ValueError, match=r"^x0 must be within float range"):
        run(x0=x0)


def test_a_point_beyond_float_range_is_rejected_by_the_numerical_gradient():
    with pytest.raises(ValueError, match=r"^x must be within float range"):
        numerical_gradient(square_norm, [1, 10**400])


def test_python_integers_too_large_for_int64_are_floats():
    result = descend(x0=[2**64, 0], learning_rate=0.5, steps=1)
    np.testing.assert_array_equal(result.path, [[2.0**64, 0.0], [0.0, 0.0]])


TIMEDELTA = np.timedelta64(1)


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize("argument", ["x", "h"])
def test_timedelta64_is_not_a_number_for_differences(difference, argument):
    arguments = {"f": np.sin, "x": 1.0, "h": 0.1, argument: TIMEDELTA}
    with pytest.raises(TypeError, match=rf"^{argument} must be a real number, got "):
        difference(**arguments)


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("learning_rate", "learning_rate must be a real number"),
        ("tol", "tol must be a real number"),
        ("steps", "steps must be an integer"),
        ("x0", r"x0 must hold real numbers \(int or float\), got dtype timedelta64"),
    ],
)
def test_timedelta64_is_not_a_number_for_optimizers(run, argument, message):
    with pytest.raises(TypeError, match=rf"^{message}"):
        run(**{argument: TIMEDELTA})


def test_timedelta64_is_not_a_direction():
    with pytest.raises(TypeError, match=r"^direction must be the integer -1 or \+1"):
        follow(direction=TIMEDELTA)


# ---- what f returns: a real number, checked before it is used ----

NOT_REAL_VALUES = [
    None,
    "1.0",
    [1.0],
    np.array([1.0, 2.0]),
    object(),
    Decimal("1.5"),
    1 + 1j,
    True,
    np.bool_(False),
    np.timedelta64(3),
]


def sample_call(method, f):
    if method is numerical_gradient:
        return numerical_gradient(f, [1.0, 2.0])
    return method(f, 1.0, 1e-3)


METHODS = [*DIFFERENCES, numerical_gradient]


def value_id(value: object) -> str:
    """A test id that is the same in every process (an object's repr holds its address)."""
    return "object()" if type(value) is object else repr(value)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("value", NOT_REAL_VALUES, ids=value_id)
def test_f_must_return_a_real_scalar(method, value):
    with pytest.raises(
        TypeError, match=r"^f must return a real number, got .* from f\("
    ):
        sample_call(method, lambda x: value)


@pytest.mark.parametrize("method", METHODS)
def test_f_must_return_a_number_within_float_range(method):
    expected = r"^f must return a number within float range \(±1.798e\+308\), got "
    with pytest.raises(ValueError, match=expected):
        sample_call(method, lambda x: 10**400)


def test_a_boolean_f_is_not_differentiated():
    # the comparison x > 0 once slipped through as the numbers 1 and 0
    with pytest.raises(TypeError, match=r"^f must return a real number, got True"):
        forward_difference(lambda x: x > 0, 0.0, 0.1)


@pytest.mark.parametrize(
    "f",
    [
        lambda x: np.float32(np.sin(x)),
        lambda x: np.array(np.sin(x)),  # a 0-d array is a number
        lambda x: Fraction(2) * float(np.sin(x)),
        lambda x: int(100 * x),
    ],
)
def test_numpy_and_python_real_values_are_accepted(f):
    assert math.isfinite(central_difference(f, 1.0, 1e-2))


# ---- empty points ----

EMPTY_POINTS = [[], np.array([]), np.zeros((2, 0)), [[]]]


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("x0", EMPTY_POINTS, ids=repr)
def test_an_empty_start_point_is_rejected(run, x0):
    with pytest.raises(ValueError, match=r"^x0 must hold at least one number, got "):
        run(x0=x0)


@pytest.mark.parametrize("x", EMPTY_POINTS, ids=repr)
def test_the_numerical_gradient_of_an_empty_point_is_rejected(x):
    with pytest.raises(ValueError, match=r"^x must hold at least one number, got "):
        numerical_gradient(square_norm, x)


# ---- h below the spacing of floats at x: never a silent 0 ----


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize(("x", "h"), [(1.0, 1e-300), (1.0, 1e-16), (-1e10, 1e-7)])
def test_a_step_below_the_spacing_of_floats_raises(difference, x, h):
    spacing = abs(np.spacing(x))
    expected = re.escape(
        f"h = {h} is smaller than the spacing of floats at x = {x} ({spacing}): "
    )
    with pytest.raises(ValueError, match=rf"^{expected}.*take h ≥ "):
        difference(np.sin, x, h)


def test_the_step_check_names_the_coordinate_of_the_numerical_gradient():
    expected = re.escape("h = 1e-12 is smaller than the spacing of floats at x[1] = ")
    with pytest.raises(ValueError, match=rf"^{expected}"):
        numerical_gradient(square_norm, [1.0, 1e6], h=1e-12)


def test_forward_difference_once_returned_zero_for_a_step_that_does_not_move_x():
    assert 1.0 + 1e-300 == 1.0
    with pytest.raises(ValueError, match=r"smaller than the spacing of floats"):
        forward_difference(np.sin, 1.0, 1e-300)


@pytest.mark.parametrize("difference", DIFFERENCES)
def test_a_step_of_one_spacing_is_accepted(difference):
    assert difference(lambda t: t, 1.0, float(np.spacing(1.0))) == 1.0  # exact
    assert difference(np.sin, 0.0, 5e-324) == pytest.approx(1.0)


# ---- steps: a run stores at most PATH_LIMIT numbers ----


@pytest.mark.parametrize("run", OPTIMIZERS)
@pytest.mark.parametrize("steps", [10**9, 2**63, np.uint64(2**63), 10**400, 5_000_000])
def test_steps_that_would_store_too_many_points_are_rejected(run, steps):
    expected = (
        r"^steps must be at most 4,999,999 for a point of 2 coordinates, so that "
        r"the path holds at most 10,000,000 numbers; got "
    )
    with pytest.raises(ValueError, match=expected):
        run(steps=steps)


def test_the_step_limit_is_the_largest_that_fits_and_costs_nothing_unused():
    result = descend(steps=4_999_999, tol=1e-6)
    assert result.converged is True
    assert result.path.shape == (result.iterations + 1, 2)
    assert result.path.nbytes < 2_000  # only the rows visited are kept


def test_the_step_limit_shrinks_with_the_dimension():
    x0 = np.ones(1000)
    with pytest.raises(ValueError, match=r"^steps must be at most 9,999 for a point "):
        descend(x0=x0, steps=10_000)
    assert descend(x0=x0, steps=9_999, tol=1e-3).converged is True
    assert step_budget(0, "steps", dimension=PATH_LIMIT + 1) == 0
    with pytest.raises(ValueError, match=r"^steps must be at most 0 for a point of "):
        step_budget(1, "steps", dimension=PATH_LIMIT + 1)
