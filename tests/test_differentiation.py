"""Finite differences and the numerical gradient against exact derivatives."""

import numpy as np
import pytest

from steepest import (
    backward_difference,
    central_difference,
    forward_difference,
    numerical_gradient,
)
from steepest.functions import peak_and_pit, peak_and_pit_gradient


def fitted_order(method, h_values):
    """Slope of log(error) against log(h) for the derivative of sin at 1."""
    errors = [abs(method(np.sin, 1.0, h) - np.cos(1.0)) for h in h_values]
    return np.polyfit(np.log(h_values), np.log(errors), 1)[0]


@pytest.mark.parametrize(
    ("method", "order"),
    [(forward_difference, 1), (backward_difference, 1), (central_difference, 2)],
)
def test_error_order_in_the_truncation_range(method, order):
    h_values = np.logspace(-4, -1, 7)
    assert fitted_order(method, h_values) == pytest.approx(order, abs=0.1)


def test_one_sided_differences_err_on_opposite_sides():
    # sin is concave at 1, so the forward slope is too small and the backward too large.
    assert (
        forward_difference(np.sin, 1.0, 1e-3)
        < np.cos(1.0)
        < backward_difference(np.sin, 1.0, 1e-3)
    )


@pytest.mark.parametrize("x", [-2.0, 0.3, 1.0, 3.0, 7.5])
def test_central_difference_default_step_is_accurate(x):
    assert central_difference(np.sin, x) == pytest.approx(
        np.cos(x), rel=1e-9, abs=1e-10
    )
    assert central_difference(np.exp, x / 10) == pytest.approx(
        np.exp(x / 10), rel=1e-10
    )


def test_numerical_gradient_matches_the_analytic_gradient():
    for point in [(0.3, 0.4), (-1.2, 0.7), (0.0, 0.0), (2.0, -1.5)]:
        np.testing.assert_allclose(
            numerical_gradient(peak_and_pit, point),
            peak_and_pit_gradient(point),
            rtol=1e-8,
            atol=1e-10,
        )


def test_numerical_gradient_keeps_the_shape_of_x():
    matrix = np.arange(6.0).reshape(2, 3)
    gradient = numerical_gradient(lambda a: float(np.sum(a**2)), matrix)
    assert gradient.shape == (2, 3)
    assert gradient.dtype == np.float64
    np.testing.assert_allclose(gradient, 2 * matrix, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_with_a_fixed_step():
    gradient = numerical_gradient(lambda p: p[0] ** 3 + p[1], [1.0, 5.0], h=1e-3)
    # central difference of x³ is 3x² + h², exactly, up to rounding
    np.testing.assert_allclose(gradient, [3.0 + 1e-6, 1.0], rtol=1e-9)
