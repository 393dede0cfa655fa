"""Argument checks shared by the public functions of `steepest`.

Each check names the argument it rejects and says what was expected: a wrong type
raises `TypeError`, a value of the right type outside its range raises `ValueError`.
Checks that accept a value return it in the form the caller computes with.
"""

from collections.abc import Callable
from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

REAL_KINDS = "iuf"  # NumPy dtype kinds of real numbers: signed, unsigned, floating


def describe(value: object) -> str:
    """A short description of a rejected value for an error message: repr and type."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def require_callable(value: object, name: str) -> None:
    """Raise TypeError unless value can be called like a function."""
    if not callable(value):
        raise TypeError(f"{name} must be a callable function, got {describe(value)}")


def real_number(value: object, name: str) -> float:
    """A finite real number as a float; rejects bool, complex, strings, NaN and ±inf.

    Python and NumPy integers and floats are accepted.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    number = float(value)
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
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    count = int(value)
    if count < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {count}")
    return count


def sign(value: object, name: str) -> int:
    """The integer −1 or +1."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be the integer -1 or +1, got {describe(value)}")
    if value not in (-1, 1):
        raise ValueError(f"{name} must be -1 (descent) or +1 (ascent), got {value}")
    return int(value)


def real_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """A new float array of finite real numbers, of any shape.

    Rejects complex numbers, strings, booleans, objects, ragged lists, NaN and ±inf.
    """
    try:
        array = np.array(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(f"{name} must be an array of real numbers: {error}") from None
    if array.dtype.kind not in REAL_KINDS:
        raise TypeError(
            f"{name} must hold real numbers (int or float), got dtype {array.dtype}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {array}")
    return array.astype(float)


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


def finite_derivative(value: object, what: str, where: str) -> float:
    """A difference quotient as a float; raises unless it is a finite real number.

    `what` names the quotient, `where` the points at which f was evaluated.
    """
    estimate = np.asarray(value)
    if estimate.shape != () or estimate.dtype.kind not in REAL_KINDS:
        raise TypeError(
            f"f must return a real number, so {what} is one; got {describe(value)}"
        )
    if not np.isfinite(estimate):
        raise ValueError(
            f"{what} is not finite ({estimate}): f must be finite at {where}, "
            "and h not so small that the quotient overflows"
        )
    return float(estimate)
