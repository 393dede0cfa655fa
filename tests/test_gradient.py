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


# The exercises: the numbers their solutions state.


def test_exercise_gradient_of_x2y_plus_3y_at_1_2_is_4_4():
    def f(p):
        x, y = p
        return x**2 * y + 3 * y

    np.testing.assert_allclose(numerical_gradient(f, [1.0, 2.0]), [4.0, 4.0], rtol=1e-9)


def test_exercise_paraboloid_rates_along_and_across_the_contour_at_1_1():
    point = np.array([1.0, 1.0])
    along = np.array([1.0, -1.0]) / np.sqrt(2)
    across = np.array([1.0, 1.0]) / np.sqrt(2)
    assert paraboloid_gradient(point) @ along == pytest.approx(0.0, abs=1e-15)
    assert paraboloid_gradient(point) @ across == pytest.approx(2 * np.sqrt(2))
    assert 2 * np.sqrt(2) == pytest.approx(2.8284, abs=5e-5)
    assert np.linalg.norm(paraboloid_gradient(point)) == pytest.approx(2 * np.sqrt(2))


def test_exercise_skewed_bowl_is_xtax_with_gradient_2ax():
    from steepest.functions import skewed_bowl, skewed_bowl_gradient

    a = np.array([[1.0, 0.5], [0.5, 3.0]])
    rng = np.random.default_rng(3)
    for p in rng.uniform(-3, 3, size=(20, 2)):
        assert skewed_bowl(p) == pytest.approx(p @ a @ p)
        np.testing.assert_allclose(skewed_bowl_gradient(p), 2 * a @ p)
    b = rng.normal(size=(2, 2))  # not symmetric: the gradient is (B + Bᵀ)x
    for p in rng.uniform(-3, 3, size=(5, 2)):
        np.testing.assert_allclose(
            numerical_gradient(lambda q: q @ b @ q, p), (b + b.T) @ p, atol=1e-8
        )


def test_exercise_partials_zero_but_diagonal_derivative_one_over_2_root_2():
    from steepest import central_difference

    def f(p):
        x, y = p
        return 0.0 if x == 0 and y == 0 else x**2 * y / (x**2 + y**2)

    np.testing.assert_array_equal(numerical_gradient(f, [0.0, 0.0]), [0.0, 0.0])
    v = np.array([1.0, 1.0]) / np.sqrt(2)
    for t in (1e-3, 1e-6, -1e-2):
        assert f(t * v) == pytest.approx(t / (2 * np.sqrt(2)))
    slope = central_difference(lambda t: f(t * v), 0.0)
    assert slope == pytest.approx(1 / (2 * np.sqrt(2)))
    assert 1 / (2 * np.sqrt(2)) == pytest.approx(0.3536, abs=5e-5)
    # continuous at the origin: |f| <= |y|
    rng = np.random.default_rng(4)
    for p in rng.uniform(-1, 1, size=(100, 2)):
        assert abs(f(p)) <= abs(p[1])
