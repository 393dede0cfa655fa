"""Article "Derivatives and numerical differentiation": orders, best steps, the sign rule."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from steepest import backward_difference, central_difference, forward_difference
from steepest.differentiation import EPSILON
from steepest.figures.derivatives import (
    STEPS,
    difference_errors,
    error_against_step,
    secant_slopes,
)

FUNCTIONS = {
    "sin": (np.sin, np.cos),
    "exp": (np.exp, np.exp),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
}
POINTS = [-2.0, -1.0, -0.5, 0.3, 1.0, 1.5, 2.0]
TRUNCATION_STEPS = np.logspace(-4, -1, 7)


def fitted_slope(method, f, derivative, x, steps=TRUNCATION_STEPS):
    """Slope of log |error| against log h."""
    errors = [abs(method(f, x, h) - derivative(x)) for h in steps]
    return np.polyfit(np.log(steps), np.log(errors), 1)[0]


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("x", [-1.0, 0.5, 1.0])
@pytest.mark.parametrize(
    ("method", "order"),
    [(forward_difference, 1), (backward_difference, 1), (central_difference, 2)],
)
def test_fitted_slope_is_the_order(name, x, method, order):
    f, derivative = FUNCTIONS[name]
    assert fitted_slope(method, f, derivative, x) == pytest.approx(order, abs=0.1)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("x", POINTS)
def test_central_difference_default_step_reaches_1e_10(name, x):
    f, derivative = FUNCTIONS[name]
    exact = derivative(x)
    assert abs(central_difference(f, x) - exact) <= 1e-10 * abs(exact)


def test_best_steps_and_errors_have_the_predicted_size():
    errors = difference_errors()  # sin at 1 for h from 1e-15 to 1
    forward, central = errors["forward"], errors["central"]
    # the minima lie within two decades of √ε and ∛ε ...
    assert (
        1e-2 * np.sqrt(EPSILON) <= STEPS[np.argmin(forward)] <= 1e2 * np.sqrt(EPSILON)
    )
    assert (
        1e-2 * np.cbrt(EPSILON) <= STEPS[np.argmin(central)] <= 1e2 * np.cbrt(EPSILON)
    )
    # ... and reach errors of the order of √ε and ε^(2/3)
    assert 1e-2 * np.sqrt(EPSILON) <= forward.min() <= 10 * np.sqrt(EPSILON)
    assert central.min() <= 10 * EPSILON ** (2 / 3)
    # at those steps, exactly as printed on the page
    forward_error = abs(forward_difference(np.sin, 1.0, np.sqrt(EPSILON)) - np.cos(1.0))
    central_error = abs(central_difference(np.sin, 1.0, np.cbrt(EPSILON)) - np.cos(1.0))
    assert forward_error < 1e-7
    assert central_error < 1e-10
    assert forward_error / central_error > 100


def test_rounding_error_dominates_for_tiny_steps():
    errors = difference_errors()
    tiny = STEPS <= 1e-12
    for name in ("forward", "backward", "central"):
        assert np.median(errors[name][tiny]) > 1e-6
        assert np.median(errors[name][tiny]) > 100 * errors[name].min()


def test_ascent_step_with_a_negative_derivative_decreases_x_and_raises_f():
    x = 2.5  # sin decreases here: sin'(2.5) = cos(2.5) < 0
    slope = central_difference(np.sin, x)
    assert slope < 0
    x_next = x + 0.5 * slope
    assert x_next < x
    assert np.sin(x_next) > np.sin(x)


@pytest.mark.parametrize("make_figure", [secant_slopes, error_against_step])
def test_figures_have_one_axes(make_figure):
    figure = make_figure()
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 1


def test_the_central_rounding_error_is_at_most_eps_f_over_2h_half_the_forward_one():
    # x ± h exact (dyadic x, h a power of two), h so small that truncation is negligible:
    # what is left is the rounding of f(x ± h), ε|f|/(2h) for the central quotient
    # against ε|f|/h for the forward one.
    h = 2.0**-36
    xs = 1 + np.arange(2000) * 2.0**-20
    central = np.array([abs(central_difference(np.sin, x, h) - np.cos(x)) for x in xs])
    forward = np.array([abs(forward_difference(np.sin, x, h) - np.cos(x)) for x in xs])
    central_term = EPSILON * np.abs(np.sin(xs)) / (2 * h)
    assert np.all(central <= central_term)
    assert np.all(forward <= 2 * central_term)
    assert 1.6 < np.median(forward) / np.median(central) < 2.5


NOTEBOOK_FUNCTIONS = {
    **FUNCTIONS,
    "log": (np.log, lambda x: 1 / x),
    "x^3": (lambda x: x**3, lambda x: 3 * x**2),
}


@pytest.mark.parametrize("name", sorted(NOTEBOOK_FUNCTIONS))
@pytest.mark.parametrize("x", [0.5, 1.0, 2.0])
def test_the_notebooks_orders_of_magnitude_one_sided_1e_8_central_1e_11(name, x):
    # The derivatives notebook: one-sided quotients at √ε·max(1, |x|) near 1e-8,
    # the central one at central_step(x) near 1e-11, whatever the function.
    f, derivative = NOTEBOOK_FUNCTIONS[name]
    exact = derivative(x)
    h = np.sqrt(EPSILON) * max(1.0, abs(x))
    for method in (forward_difference, backward_difference):
        assert 1e-10 < abs(method(f, x, h) - exact) / abs(exact) < 1e-7
    assert abs(central_difference(f, x) - exact) / abs(exact) < 1e-10


# The exercises: the numbers their solutions state.


def test_exercise_quadratic_forward_is_2_1_and_central_is_exact():
    def square(t):
        return t**2

    assert forward_difference(square, 1.0, 0.1) == pytest.approx(2.1, abs=1e-12)
    assert central_difference(square, 1.0, 0.1) == pytest.approx(2.0, abs=1e-12)
    for x in (-3.0, 0.0, 2.5):  # exact for every quadratic and every h, up to rounding
        for h in (1.0, 0.1, 1e-3):
            assert central_difference(square, x, h) == pytest.approx(2 * x, abs=1e-9)


@pytest.mark.parametrize("h", [0.1, 0.01, 0.001])
def test_exercise_cubic_central_error_is_h2_forward_error_3xh_plus_h2(h):
    def cube(t):
        return t**3

    for x in (-1.5, 1.0, 2.0):
        central = central_difference(cube, x, h) - 3 * x**2
        forward = forward_difference(cube, x, h) - 3 * x**2
        assert central == pytest.approx(h**2, rel=1e-5)
        assert forward == pytest.approx(3 * x * h + h**2, rel=1e-5)
    assert forward_difference(cube, 0.0, h) == pytest.approx(h**2, rel=1e-9)
    # the departure of the central ratio from 1 is about ε/(2h³): 1e-7 at h = 1e-3
    ratio = (central_difference(cube, 1.0, h) - 3.0) / h**2
    assert abs(ratio - 1) <= 10 * EPSILON / (2 * h**3)
    assert EPSILON / (2 * 1e-3**3) == pytest.approx(1e-7, rel=0.2)


def test_exercise_halving_h_halves_the_forward_error_quarters_the_central_one():
    for method, factor in ((forward_difference, 2), (central_difference, 4)):
        error = abs(method(np.exp, 1.0, 1e-2) - np.e)
        halved = abs(method(np.exp, 1.0, 0.5e-2) - np.e)
        assert error / halved == pytest.approx(factor, abs=0.01)


def test_exercise_a_constant_1e6_costs_about_three_decades_of_accuracy():
    steps = 10.0 ** -np.arange(1, 16)
    smallest = {}
    best_step = {}
    for shift in (0.0, 1e6):
        errors = [
            abs(
                forward_difference(lambda t, c=shift: np.sin(t) + c, 1.0, h)
                - np.cos(1.0)
            )
            for h in steps
        ]
        smallest[shift], best_step[shift] = min(errors), steps[np.argmin(errors)]
    # the best step and the smallest error both grow like √|f|: √1e6 = 1e3
    assert 1e2 < smallest[1e6] / smallest[0.0] < 1e4
    assert 1e2 <= best_step[1e6] / best_step[0.0] <= 1e4
