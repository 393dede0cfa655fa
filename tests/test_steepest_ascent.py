"""Article "Why the gradient points uphill": the directional derivative, checked numerically."""

import numpy as np
import pytest

from steepest import central_difference, numerical_gradient
from steepest.figures.steepest_ascent import (
    angle_scan,
    directional_derivatives,
    numeric_directional_derivative,
    unit_vector,
)
from steepest.functions import skewed_bowl, skewed_bowl_gradient

POINT = np.array([1.0, 2.0])
FINE = np.arange(0.0, 360.0, 0.1)


def gradient_angle(point):
    gradient = skewed_bowl_gradient(point)
    return np.degrees(np.arctan2(gradient[1], gradient[0])) % 360


def test_gradient_at_the_article_point():
    gradient = skewed_bowl_gradient(POINT)
    np.testing.assert_allclose(gradient, [4.0, 13.0])
    assert np.linalg.norm(gradient) == pytest.approx(13.6015, abs=1e-4)
    assert gradient_angle(POINT) == pytest.approx(72.9, abs=0.05)
    zeros = sorted((gradient_angle(POINT) + offset) % 360 for offset in (90, 270))
    # 72.897° + 90° = 162.897°: the zeros round to 162.9° and 342.9°
    assert zeros == pytest.approx([162.9, 342.9], abs=0.05)


@pytest.mark.parametrize("point", [(1.0, 2.0), (-1.0, 0.5), (2.0, -1.0), (0.3, 0.1)])
def test_fine_scan_maximum_is_the_gradient_direction_and_norm(point):
    numeric, _ = angle_scan(FINE, point)
    best = FINE[np.argmax(numeric)]
    difference = (best - gradient_angle(point) + 180) % 360 - 180
    assert abs(difference) <= 0.1
    norm = np.linalg.norm(skewed_bowl_gradient(point))
    assert numeric.max() == pytest.approx(norm, rel=1e-6)
    assert numeric.min() == pytest.approx(-norm, rel=1e-6)


@pytest.mark.parametrize("point", [(1.0, 2.0), (-1.0, 0.5), (2.0, -1.0)])
def test_directional_derivative_vanishes_at_right_angles_to_the_gradient(point):
    direction = gradient_angle(point)
    norm = np.linalg.norm(skewed_bowl_gradient(point))
    for offset in (90.0, -90.0):
        slope = numeric_directional_derivative(
            skewed_bowl, point, unit_vector(direction + offset)
        )
        assert abs(slope) <= 1e-8 * norm


def test_numeric_directional_derivatives_match_gradient_dot_v():
    numeric, formula = angle_scan(np.arange(0.0, 360.0, 7.5))
    np.testing.assert_allclose(numeric, formula, atol=1e-8)
    rng = np.random.default_rng(1)
    for point in rng.uniform(-3, 3, size=(10, 2)):
        v = rng.normal(size=2)
        v /= np.linalg.norm(v)
        assert numeric_directional_derivative(skewed_bowl, point, v) == pytest.approx(
            skewed_bowl_gradient(point) @ v, abs=1e-8
        )


def test_cauchy_schwarz_bound_holds_for_every_direction():
    numeric, _ = angle_scan(FINE)
    norm = np.linalg.norm(skewed_bowl_gradient(POINT))
    assert np.all(np.abs(numeric) <= norm * (1 + 1e-8))


def test_every_directional_derivative_is_zero_at_the_stationary_point():
    origin = np.zeros(2)
    np.testing.assert_array_equal(skewed_bowl_gradient(origin), [0.0, 0.0])
    slopes = [
        numeric_directional_derivative(skewed_bowl, origin, unit_vector(a))
        for a in range(0, 360, 30)
    ]
    assert np.max(np.abs(slopes)) <= 1e-12


def test_unit_vectors_have_length_one():
    for angle in (0.0, 72.9, 162.9, 300.0):
        assert np.linalg.norm(unit_vector(angle)) == pytest.approx(1.0)


def test_figure_has_an_equal_aspect_map_and_a_curve():
    figure = directional_derivatives()
    assert len(figure.axes) == 2
    assert figure.axes[0].get_aspect() == 1.0


# The second-order test decides nothing where the Hessian is singular.


@pytest.mark.parametrize(
    ("g", "kind"),
    [
        (lambda t: t**4, "minimum"),
        (lambda t: -(t**4), "maximum"),
        (lambda t: t**3, "neither"),
    ],
)
def test_second_order_test_is_silent_when_the_second_derivative_is_zero(g, kind):
    h = 1e-3
    # f'(0) = f''(0) = 0 (by central differences, to within their truncation error) ...
    assert abs(central_difference(g, 0.0)) < 1e-10
    assert abs((g(h) - 2 * g(0.0) + g(-h)) / h**2) <= 2 * h**2 + 1e-15
    # ... yet the three stationary points differ.
    nearby = np.array([g(t) for t in np.linspace(-0.5, 0.5, 101) if t != 0])
    if np.all(nearby > g(0.0)):
        found = "minimum"
    elif np.all(nearby < g(0.0)):
        found = "maximum"
    else:
        found = "neither"
    assert found == kind


def test_the_skewed_bowl_hessian_is_positive_definite():
    hessian = np.array(
        [
            numerical_gradient(lambda p, i=i: skewed_bowl_gradient(p)[i], [0.0, 0.0])
            for i in (0, 1)
        ]
    )
    np.testing.assert_allclose(hessian, [[2, 1], [1, 6]], atol=1e-8)
    assert np.all(np.linalg.eigvalsh(hessian) > 0)


def test_in_another_norm_the_steepest_direction_is_p_inverse_times_the_gradient():
    # Unit vectors of ‖v‖_P = √(vᵀPv): v = P^(-1/2) u with ‖u‖ = 1.
    P = np.array([[4.0, 1.0], [1.0, 1.0]])
    values, vectors = np.linalg.eigh(P)
    inverse_root = vectors @ np.diag(values**-0.5) @ vectors.T
    gradient = skewed_bowl_gradient(POINT)
    units = np.array([inverse_root @ unit_vector(a) for a in FINE])
    best = units[np.argmax(units @ gradient)]
    expected = np.linalg.solve(P, gradient)
    cosine = best @ expected / (np.linalg.norm(best) * np.linalg.norm(expected))
    assert cosine > 1 - 1e-5
    euclidean = gradient / np.linalg.norm(gradient)
    assert (
        best @ euclidean / np.linalg.norm(best) < 0.99
    )  # not the gradient's direction


# The exercises: the numbers their solutions state.


def test_exercise_rates_along_the_x_axis_the_diagonal_and_the_gradient():
    gradient = skewed_bowl_gradient(POINT)
    assert gradient @ np.array([1.0, 0.0]) == 4.0
    assert gradient @ (np.array([1.0, 1.0]) / np.sqrt(2)) == pytest.approx(
        17 / np.sqrt(2)
    )
    assert 17 / np.sqrt(2) == pytest.approx(12.02, abs=5e-3)
    assert np.linalg.norm(gradient) == pytest.approx(np.sqrt(185))
    assert np.sqrt(185) == pytest.approx(13.60, abs=5e-3)
    angle = np.degrees(np.arccos(4 / np.sqrt(185)))
    assert angle == pytest.approx(72.9, abs=0.05)
    assert angle == pytest.approx(gradient_angle(POINT))


@pytest.mark.parametrize("point", [(1.0, 2.0), (-1.0, 0.5), (2.0, -1.0)])
def test_exercise_half_the_steepest_rate_at_60_degrees(point):
    norm = np.linalg.norm(skewed_bowl_gradient(point))
    for offset in (60.0, -60.0):
        v = unit_vector(gradient_angle(point) + offset)
        rate = numeric_directional_derivative(skewed_bowl, point, v)
        assert rate == pytest.approx(norm / 2, rel=1e-8)


def test_exercise_hessian_eigenvalues_are_4_plus_minus_root_5_and_saddle_indefinite():
    from steepest.functions import saddle, saddle_gradient

    hessian = np.array(
        [
            numerical_gradient(lambda p, i=i: skewed_bowl_gradient(p)[i], POINT)
            for i in range(2)
        ]
    )
    np.testing.assert_allclose(hessian, [[2.0, 1.0], [1.0, 6.0]], atol=1e-8)
    eigenvalues = np.linalg.eigvalsh(hessian)
    np.testing.assert_allclose(eigenvalues, [4 - np.sqrt(5), 4 + np.sqrt(5)])
    np.testing.assert_allclose(eigenvalues, [1.76, 6.24], atol=5e-3)
    saddle_hessian = np.array(
        [
            numerical_gradient(lambda p, i=i: saddle_gradient(p)[i], [0.0, 0.0])
            for i in range(2)
        ]
    )
    np.testing.assert_allclose(saddle_hessian, np.diag([2.0, -2.0]))
    for t in (0.1, -0.1):
        assert saddle([t, 0.0]) > 0 > saddle([0.0, t])


def test_exercise_steepest_in_the_p_norm_is_p_inverse_gradient():
    P = np.diag([1.0, 4.0])
    gradient = skewed_bowl_gradient(POINT)
    steepest = np.linalg.solve(P, gradient)
    np.testing.assert_allclose(steepest, [4.0, 3.25])
    assert np.degrees(np.arctan2(3.25, 4.0)) == pytest.approx(39.1, abs=0.05)
    assert np.sqrt(gradient @ steepest) == pytest.approx(np.sqrt(58.25))
    assert np.sqrt(58.25) == pytest.approx(7.632, abs=5e-4)
    phis = np.radians(np.arange(0.0, 360.0, 0.01))
    candidates = np.stack([np.cos(phis), np.sin(phis) / 2], axis=1)
    np.testing.assert_allclose(np.einsum("ij,jk,ik->i", candidates, P, candidates), 1)
    rates = candidates @ gradient
    best = candidates[np.argmax(rates)]
    assert rates.max() <= np.sqrt(gradient @ steepest) * (1 + 1e-12)
    assert rates.max() == pytest.approx(np.sqrt(gradient @ steepest), rel=1e-7)
    cosine = best @ steepest / (np.linalg.norm(best) * np.linalg.norm(steepest))
    assert cosine == pytest.approx(1.0, abs=1e-7)
