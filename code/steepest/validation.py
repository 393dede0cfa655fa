"""Argument checks shared by the public functions of `steepest`.

Each check names the argument it rejects and says what was expected: a wrong type
raises `TypeError`, a value of the right type outside its range raises `ValueError`.
Checks that accept a value return it in the form the caller computes with.
"""

from collections.abc import Callable
from numbers import Integral, Real
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

REAL_KINDS = "iuf"  # NumPy dtype kinds of real numbers: signed, unsigned, floating
FLOAT_MAX = float(np.finfo(float).max)  # about 1.8e308: larger numbers are not floats
NOT_NUMBERS = (bool, np.bool_, np.timedelta64)  # registered as ints, but not numbers
Point = TypeVar("Point")


def short_repr(value: object) -> str:
    """repr(value), cut to 60 characters for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(value: object) -> str:
    """A short description of a rejected value for an error message: repr and type."""
    return f"{short_repr(value)} ({type(value).__name__})"


def require_callable(value: object, name: str) -> None:
    """Raise TypeError unless value can be called like a function."""
    if not callable(value):
        raise TypeError(f"{name} must be a callable function, got {describe(value)}")


def as_float(value: Real, name: str) -> float:
    """float(value); a ValueError naming `name` for an integer beyond float range."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be within float range (±{FLOAT_MAX:.4g}), "
            f"got {describe(value)}"
        ) from None


def real_number(value: object, name: str) -> float:
    """A finite real number as a float; rejects bool, complex, strings, NaN and ±inf.

    Python and NumPy integers and floats are accepted; integers beyond float range
    and NumPy timedelta64 are not.
    """
    if isinstance(value, NOT_NUMBERS) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    number = as_float(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite real number, got {number}")
    return number


def positive_number(value: object, name: str) -> float:
    """A finite real number > 0, as a float (a learning rate, a step h, a tolerance)."""
    number = real_number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {number}")
    return number


def optional_positive_number(value: object, name: str) -> float | None:
    """None, or a finite real number > 0 as a float."""
    return None if value is None else positive_number(value, name)


def step_count(value: object, name: str) -> int:
    """A non-negative integer (Python or NumPy), as an int; rejects bool and floats."""
    if isinstance(value, NOT_NUMBERS) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    count = int(value)
    if count < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {count}")
    return count


PATH_LIMIT = 10_000_000
"""The most numbers an optimiser's path holds: (steps + 1) · n ≤ PATH_LIMIT (80 MB)."""


def step_budget(value: object, name: str, dimension: int) -> int:
    """A step count whose path, steps + 1 points of `dimension` numbers, fits PATH_LIMIT.

    For a point of n coordinates steps ≤ PATH_LIMIT // n − 1 (4,999,999 for n = 2).
    """
    count = step_count(value, name)
    most = max(PATH_LIMIT // dimension - 1, 0)
    if count > most:
        raise ValueError(
            f"{name} must be at most {most:,} for a point of {dimension} "
            f"coordinates, so that the path holds at most {PATH_LIMIT:,} numbers; "
            f"got {count:,}"
        )
    return count


def sign(value: object, name: str) -> int:
    """The integer −1 or +1."""
    if isinstance(value, NOT_NUMBERS) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be the integer -1 or +1, got {describe(value)}")
    if value not in (-1, 1):
        raise ValueError(f"{name} must be -1 (descent) or +1 (ascent), got {value}")
    return int(value)


def real_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """A new float array of finite real numbers, of any shape.

    Rejects empty arrays, complex numbers, strings, booleans, objects, ragged lists,
    NaN, ±inf and integers beyond float range.
    """
    try:
        array = np.array(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(f"{name} must be an array of real numbers: {error}") from None
    if array.dtype == object and all(
        isinstance(item, Real) and not isinstance(item, NOT_NUMBERS)
        for item in array.flat
    ):  # Python integers too large for int64, or mixed with them: floats if they fit
        floats = [as_float(item, name) for item in array.flat]
        array = np.array(floats).reshape(array.shape)
    if array.dtype.kind not in REAL_KINDS:
        raise TypeError(
            f"{name} must hold real numbers (int or float), got dtype {array.dtype}"
        )
    if array.size == 0:
        raise ValueError(
            f"{name} must hold at least one number, got shape {array.shape}"
        )
    with np.errstate(over="ignore"):  # a long double beyond float range becomes inf
        numbers = array.astype(float)
    if not np.all(np.isfinite(numbers)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {array}")
    return numbers


def real_vector(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """A new 1-D float array of finite real numbers; a scalar becomes shape (1,)."""
    vector = np.atleast_1d(real_array(value, name))
    if vector.ndim != 1:
        raise ValueError(
            f"{name} must be a scalar or a 1-D array, got shape {vector.shape}"
        )
    return vector


def gradient_at(
    grad: Callable[[NDArray[np.float64]], ArrayLike], x: NDArray[np.float64]
) -> NDArray[np.float64]:
    """grad(x) as a float array; raises unless it is real with the shape of x.

    The value may hold NaN or ±inf: what that means is the caller's decision.
    """
    value = np.asarray(grad(x.copy()))
    if value.dtype.kind not in REAL_KINDS:
        raise TypeError(f"grad must return real numbers, got dtype {value.dtype}")
    if value.shape != x.shape:
        raise ValueError(
            f"grad must return an array of the point's shape {x.shape}, "
            f"got shape {value.shape}"
        )
    return value.astype(float)


def start_gradient(
    grad: Callable[[NDArray[np.float64]], ArrayLike], x0: NDArray[np.float64]
) -> NDArray[np.float64]:
    """grad(x0), checked by `gradient_at` and required to be finite."""
    gradient = gradient_at(grad, x0)
    if not np.all(np.isfinite(gradient)):
        raise ValueError(
            f"grad must be finite at the start point x0 = {x0}, got {gradient}"
        )
    return gradient


def real_valued(f: Callable[[Point], object], name: str) -> Callable[[Point], float]:
    """f, with each value it returns checked: a real number, as a float.

    Raises TypeError naming f for a value that is not a real scalar (None, a string, a
    list, an array of more than one number, complex, Decimal, bool) and ValueError for
    an integer beyond float range. NaN and ±inf pass: the quotient's check names them.
    """
    require_callable(f, name)

    def checked(x: Point) -> float:
        value = f(x)
        scalar = (
            value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value
        )
        if isinstance(scalar, NOT_NUMBERS) or not isinstance(scalar, Real):
            raise TypeError(
                f"{name} must return a real number, got {describe(value)} "
                f"from {name}({short_repr(x)})"
            )
        try:
            return float(scalar)
        except OverflowError:
            raise ValueError(
                f"{name} must return a number within float range (±{FLOAT_MAX:.4g}), "
                f"got {describe(value)} from {name}({short_repr(x)})"
            ) from None

    return checked


def resolvable_step(h: float, x: float, at: str = "x") -> float:
    """h, if it is at least the spacing of floats at x, |np.spacing(x)|; else ValueError.

    A smaller h rounds x ± h to x or to a neighbour of x: the difference quotient
    would be 0 (x + h == x) or use another step than h.
    """
    spacing = float(abs(np.spacing(x)))
    if h < spacing:
        raise ValueError(
            f"h = {h} is smaller than the spacing of floats at {at} = {x} "
            f"({spacing}): x ± h rounds to x or next to it, so the difference quotient "
            f"would be 0 or wrong; take h ≥ {spacing}"
        )
    return h


def finite_derivative(estimate: float, what: str, where: str) -> float:
    """A difference quotient, if it is finite; else ValueError naming f.

    `what` names the quotient, `where` the points at which f was evaluated.
    """
    if not np.isfinite(estimate):
        raise ValueError(
            f"{what} is not finite ({estimate}): f must be finite at {where}, "
            "and h not so small that the quotient overflows"
        )
    return estimate


def fraction(value: object, name: str, zero: bool = True) -> float:
    """A real number in [0, 1) as a float, or in (0, 1) when zero is False.

    A momentum, a decay rate or a line search's shrink factor.
    """
    number = real_number(value, name)
    if not (0 <= number < 1) or (number == 0 and not zero):
        interval = "[0, 1)" if zero else "(0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {number}")
    return number


def positive_count(value: object, name: str) -> int:
    """An integer ≥ 1 (Python or NumPy), as an int; rejects bool and floats."""
    count = step_count(value, name)
    if count == 0:
        raise ValueError(f"{name} must be a positive integer, got 0")
    return count


def random_generator(value: object, name: str) -> np.random.Generator:
    """A NumPy Generator: an integer seed ≥ 0 starts a new one, a Generator is kept.

    None is rejected: every run that draws random numbers names its seed, so that it
    can be repeated.
    """
    if isinstance(value, np.random.Generator):
        return value
    if isinstance(value, NOT_NUMBERS) or not isinstance(value, Integral):
        raise TypeError(
            f"{name} must be an integer seed or a numpy.random.Generator, "
            f"got {describe(value)}"
        )
    return np.random.default_rng(step_count(value, name))
