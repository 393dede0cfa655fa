"""The data of the explorables, computed by `steepest.explorables` at build time.

What the explorables draw in the browser is tested in test_explorables_browser.py.
"""

import gzip
import json
import math
from collections.abc import Iterator

import numpy as np
import pytest

from steepest.explorables import EXPLORABLES
from steepest.functions import paraboloid, peak_and_pit, skewed_bowl
from steepest.regression import example_data, mean_squared_error

FUNCTIONS = {
    "paraboloid": paraboloid,
    "skewed_bowl": skewed_bowl,
    "peak_and_pit": peak_and_pit,
}


def explorable_data(name: str) -> dict:
    """The data of an explorable as the site serves it (through JSON)."""
    return json.loads(json.dumps(EXPLORABLES[name]()))


def contour_points(contours: list[dict]) -> Iterator[tuple[float, np.ndarray]]:
    for contour in contours:
        for line in contour["lines"]:
            yield contour["level"], np.reshape(line, (-1, 2))


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("gradient-field", "paraboloid"),
        ("gradient-field", "skewed_bowl"),
        ("gradient-field", "peak_and_pit"),
        ("descent", "paraboloid"),
        ("descent", "skewed_bowl"),
    ],
)
def test_contour_lines_lie_on_their_level(name, function):
    f = FUNCTIONS[function]
    contours = explorable_data(name)["functions"][function]["contours"]
    assert all(contour["lines"] for contour in contours), "a level without a line"
    for level, points in contour_points(contours):
        values = np.array([f(point) for point in points])
        np.testing.assert_allclose(values, level, rtol=0.02, atol=2e-3)


def test_negated_ascent_contours_are_those_of_peak_and_pit():
    for level, points in contour_points(
        explorable_data("descent-and-negated-ascent")["contours"]
    ):
        values = np.array([peak_and_pit(point) for point in points])
        np.testing.assert_allclose(values, level, rtol=0.02, atol=2e-3)


def test_stability_bounds_are_two_over_the_largest_curvature():
    functions = explorable_data("descent")["functions"]
    assert functions["paraboloid"]["stable_below"] == pytest.approx(1.0)
    # Hessian of x² + 3y² + xy: [[2, 1], [1, 6]], eigenvalues 4 ± √5.
    assert functions["skewed_bowl"]["stable_below"] == pytest.approx(
        2 / (4 + math.sqrt(5))
    )


def test_regression_data_is_the_articles_least_squares_problem():
    data = explorable_data("regression")
    X, y = example_data()
    assert data["X"] == X.tolist() and data["y"] == y.tolist()
    np.testing.assert_allclose(data["theta_star"], [2.0, 0.7], atol=1e-12)
    assert data["f_star"] == pytest.approx(mean_squared_error([2.0, 0.7], X, y))
    assert data["stable_below"] == pytest.approx(0.2395, abs=1e-4)  # FIELD-NOTES


def test_the_site_serves_the_packages_data(built_site):
    for name in EXPLORABLES:
        served = json.loads((built_site / "explorables" / f"{name}.json").read_text())
        assert served == explorable_data(name)


def test_explorable_data_is_small(built_site):
    for name in EXPLORABLES:
        raw = (built_site / "explorables" / f"{name}.json").read_bytes()
        assert len(gzip.compress(raw)) < 10_000, f"{name}: over 10 kB gzipped"
