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


def test_stochastic_data_is_the_grid_of_package_runs():
    from steepest.explorables import stochastic_gaps

    data = explorable_data("stochastic")
    assert data["batch_sizes"] == [1, 10, 50, 200]
    assert data["learning_rates"] == [0.03, 0.1, 0.3, 0.9]
    assert data["epoch_count"] == 20 and data["examples"] == 200
    # ten points an epoch for b ≤ 20, every step for larger batches
    assert [len(e) for e in data["point_epochs"]] == [201, 201, 81, 21]
    values = [
        gap
        for schedule in data["log_gaps"].values()
        for row in schedule
        for run in row
        for gap in run
    ]
    assert -9 < min(values) and max(values) < 1  # inside the explorable's plot
    epochs, gaps = stochastic_gaps(10, 0.3, True)
    np.testing.assert_allclose(data["point_epochs"][1], epochs, atol=5e-4)
    assert data["log_gaps"]["decay"][1][2] == np.round(np.log10(gaps), 2).tolist()


def test_stochastic_data_size_as_the_page_states():
    raw = json.dumps(explorable_data("stochastic"), separators=(",", ":")).encode()
    assert 25_000 < len(raw) < 27_500  # about 26 kB
    assert 7_000 < len(gzip.compress(raw)) < 8_000  # about 7.4 kB gzipped
