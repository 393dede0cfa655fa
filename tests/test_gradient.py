"""Article "The gradient": the paraboloid's gradient, the numerical gradient, the figures."""

import numpy as np
import pytest

from steepest import numerical_gradient
from steepest.figures.gradient import field_densities, surface_and_field
from steepest.functions import (
    paraboloid,
    paraboloid_gradient,
    peak_and_pit,
    peak_and_pit_gradient,
)

POINTS = [(0.3, -0.4), (1.5, 2.0), (-2.0, 0.7), (1.0, 1.0), (0.0, -2.0)]


@pytest.mark.parametrize("point", POINTS)
def test_paraboloid_gradient_is_2x_and_its_norm_twice_the_radius(point):
    gradient = paraboloid_gradient(point)
    np.testing.assert_allclose(gradient, 2 * np.array(point))
    assert np.linalg.norm(gradient) == pytest.approx(2 * np.hypot(*point))
    assert paraboloid(point) == pytest.approx(point[0] ** 2 + point[1] ** 2)


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize(
    ("f", "gradient"),
    [(paraboloid, paraboloid_gradient), (peak_and_pit, peak_and_pit_gradient)],
)
def test_numerical_gradient_agrees_to_about_ten_digits(f, gradient, point):
    exact = gradient(point)
    error = np.linalg.norm(numerical_gradient(f, point) - exact)
    assert error <= 1e-9 * np.linalg.norm(exact)


def test_paraboloid_gradient_points_away_from_the_origin_and_grows():
    for point in POINTS:
        gradient = paraboloid_gradient(point)
        cosine = (
            gradient @ np.array(point) / (np.linalg.norm(gradient) * np.hypot(*point))
        )
        assert cosine == pytest.approx(1.0)
    norms = [np.linalg.norm(paraboloid_gradient((r, 0.0))) for r in (0.5, 1.0, 2.0)]
    assert norms == sorted(norms)


def test_paraboloid_has_no_maximum():
    values = [paraboloid((r, r)) for r in (1.0, 10.0, 100.0, 1000.0)]
    assert values == sorted(values) and values[-1] > 1e6


def test_directional_derivative_is_gradient_dot_v_for_axes_and_diagonals():
    point = np.array([0.3, -0.4])
    for angle in np.radians([0, 45, 90, 135, 200]):
        v = np.array([np.cos(angle), np.sin(angle)])
        t = 1e-6
        numeric = (peak_and_pit(point + t * v) - peak_and_pit(point - t * v)) / (2 * t)
        assert numeric == pytest.approx(peak_and_pit_gradient(point) @ v, abs=1e-9)


def test_surface_and_field_has_one_3d_and_one_equal_aspect_2d_axes():
    figure = surface_and_field()
    assert len(figure.axes) == 2  # no stray axes behind the surface
    surface, field = figure.axes
    assert surface.name == "3d"
    assert field.name == "rectilinear"
    assert field.get_aspect() == 1.0


def test_field_densities_is_one_row_of_three_equal_aspect_axes():
    figure = field_densities()
    assert len(figure.axes) == 3
    assert all(axis.get_aspect() == 1.0 for axis in figure.axes)
