"""The figures show what their captions say: paths in view, told apart, keyed, legible."""

import base64
import contextlib

import matplotlib.colors
import matplotlib.pyplot as plt
import matplotlib.text
import numpy as np
import pytest
from matplotlib.lines import Line2D

from sitepages import ROOT
from steepest import gradient_descent
from steepest.figures.descent_and_ascent import (
    descent_and_negated_ascent,
    descent_on_the_surface,
    descent_vs_ascent,
)
from steepest.figures.linear_regression import regression_paths
from steepest.figures.registry import FIGURES
from steepest.figures.steepest_ascent import POINT, angle_scan
from steepest.figures.when_it_goes_wrong import (
    SADDLE_LIMIT,
    himmelblau_paths,
    rosenbrock_paths,
    saddle_paths,
    saddle_runs,
)
from steepest.functions import (
    paraboloid,
    paraboloid_gradient,
    saddle_gradient,
    skewed_bowl_gradient,
)
from steepest.rendering import (
    PALETTES,
    PaletteFigure,
    diverging_colormap,
    level_colours,
    one_math_parser,
    render_svg,
)

BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}  # Material's default and slate


def contrast(colour, background: str) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(value) -> float:
        rgb = np.array(matplotlib.colors.to_rgb(value))
        linear = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        return float(linear @ [0.2126, 0.7152, 0.0722])

    low, high = sorted((luminance(colour), luminance(background)))
    return (high + 0.05) / (low + 0.05)


def path_lines(axis) -> list[Line2D]:
    """The lines drawn in data coordinates (paths and markers), not axhline/axvline."""
    return [
        line
        for line in axis.get_lines()
        if line.get_transform() == axis.transData and len(line.get_xdata())
    ]


def in_palette(palette, make):
    """Call make under the palette's style, as the build does."""
    with plt.style.context(PALETTES[palette]):
        return make()


@pytest.mark.parametrize(
    "make",
    [
        saddle_paths,
        rosenbrock_paths,
        himmelblau_paths,
        regression_paths,
        descent_vs_ascent,
        descent_and_negated_ascent,
    ],
)
def test_every_path_point_lies_inside_its_axes(make):
    figure = make()
    for axis in figure.axes:
        if axis.name != "rectilinear" or not path_lines(axis):
            continue
        (x0, x1), (y0, y1) = sorted(axis.get_xlim()), sorted(axis.get_ylim())
        for line in path_lines(axis):
            x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
            assert np.all((x0 <= x) & (x <= x1) & (y0 <= y) & (y <= y1)), (
                f"{make.__name__}: a path leaves the plot"
            )
    plt.close(figure)


def test_himmelblau_paths_have_distinct_colours():
    figure = himmelblau_paths()
    (axis,) = figure.axes
    paths = [line for line in path_lines(axis) if len(line.get_xdata()) > 1]
    colours = {matplotlib.colors.to_hex(line.get_color()) for line in paths}
    assert len(paths) == 5 and len(colours) == 5
    plt.close(figure)


def test_saddle_escapes_end_at_their_last_point_inside_the_plot():
    runs = saddle_runs()
    assert [escapes for _, escapes in runs] == [False, False, True, True]
    for path, escapes in runs:
        full = gradient_descent(saddle_gradient, path[0], 0.1, 40).path
        np.testing.assert_array_equal(full[: len(path)], path)
        assert np.all(np.abs(path) <= SADDLE_LIMIT)
        if escapes:  # the next iterate of the same run is outside the plot
            assert np.any(np.abs(full[len(path)]) > SADDLE_LIMIT)
        else:  # 30 steps along the axis: at the saddle point
            assert len(path) == 31 and np.linalg.norm(path[-1]) < 0.01


def test_saddle_paths_end_markers_are_the_shown_paths_last_points_and_keyed():
    figure = saddle_paths()
    axis = figure.axes[0]
    handles, _labels = axis.get_legend_handles_labels()
    markers = {handle.get_marker() for handle in handles}
    assert set(markers) == {"s", "*", "^"}, "legend: start, at the saddle, escaping"
    ends = [
        (line.get_marker(), tuple(line.get_xydata()[0]))
        for line in path_lines(axis)
        if len(line.get_xdata()) == 1
    ]
    for path, escapes in saddle_runs():
        marker = ("^" if path[-1, 1] > path[-2, 1] else "v") if escapes else "*"
        assert (marker, tuple(path[-1])) in ends
    assert len(figure.axes) == 2, "a colour bar keys the contours"
    plt.close(figure)


def test_rosenbrock_paths_sharing_the_valley_are_drawn_widest_first():
    figure = rosenbrock_paths()
    left = figure.axes[0]
    paths = [line for line in path_lines(left) if len(line.get_xdata()) > 1]
    widths = [line.get_linewidth() for line in paths]
    assert len(paths) == 3 and widths == sorted(widths, reverse=True)
    assert len(set(widths)) == 3
    plt.close(figure)


def test_regression_paths_later_paths_are_drawn_narrower_on_top():
    figure = regression_paths()
    raw = figure.axes[0]
    paths = [line for line in path_lines(raw) if len(line.get_xdata()) > 2]
    assert [line.get_label().split(",")[0] for line in paths] == [
        "α = 0.01",
        "α = 0.1",
    ]
    assert paths[0].get_linewidth() > paths[1].get_linewidth()
    plt.close(figure)


@pytest.mark.parametrize("make", [descent_vs_ascent, descent_and_negated_ascent])
def test_diverging_contours_are_keyed_by_a_colour_bar(make):
    figure = make()
    colour_bars = [axis for axis in figure.axes if axis.get_label() == "<colorbar>"]
    assert len(colour_bars) == 1 and colour_bars[0].get_ylabel()
    plt.close(figure)


def test_directional_derivative_curve_is_norm_times_cos_of_the_angle_to_the_gradient():
    # The plotted line is ‖∇f‖ cos θ with θ = φ − φ∇, the top axis of the figure.
    gradient = skewed_bowl_gradient(POINT)
    phi = np.linspace(0, 360, 361)
    theta = phi - np.degrees(np.arctan2(gradient[1], gradient[0]))
    _, formula = angle_scan(phi)
    expected = np.linalg.norm(gradient) * np.cos(np.radians(theta))
    np.testing.assert_allclose(formula, expected, atol=1e-12)


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_contour_colours_have_three_to_one_contrast_in_each_palette(palette):
    sequential = in_palette(palette, lambda: level_colours(8))
    colormap = in_palette(palette, diverging_colormap)
    diverging = colormap(np.linspace(0, 1, 21))
    for colour in [*sequential, *diverging]:
        assert contrast(colour[:3], BACKGROUNDS[palette]) >= 3.0


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_palette_colour_cycle_reads_on_its_background(palette):
    colours = PALETTES[palette]["axes.prop_cycle"].by_key()["color"]
    assert len(set(colours)) == len(colours) >= 5
    for colour in colours:
        assert contrast(colour, BACKGROUNDS[palette]) >= 3.0


def test_the_build_draws_each_figure_with_its_palette_colours():
    svg = {p: render_svg(FIGURES["saddle-paths"], p).decode() for p in PALETTES}
    for palette, other in (("light", "dark"), ("dark", "light")):
        mine = PALETTES[palette]["axes.prop_cycle"].by_key()["color"][0]
        theirs = PALETTES[other]["axes.prop_cycle"].by_key()["color"][0]
        assert mine in svg[palette] and theirs not in svg[palette]


def test_sharing_one_math_parser_draws_the_same_svg(monkeypatch):
    """rates-sublinear-linear has log axes, whose tick labels are math text."""
    shared = {p: render_svg(FIGURES["rates-sublinear-linear"], p) for p in PALETTES}
    monkeypatch.setattr("steepest.rendering.one_math_parser", contextlib.nullcontext)
    for palette, svg in shared.items():
        assert render_svg(FIGURES["rates-sublinear-linear"], palette) == svg


def test_one_math_parser_is_in_effect_only_inside_its_block():
    make_text_to_path = matplotlib.text.TextToPath
    with pytest.raises(RuntimeError, match="a drawing failed"), one_math_parser():
        assert matplotlib.text.TextToPath() is matplotlib.text.TextToPath()
        raise RuntimeError("a drawing failed")
    assert matplotlib.text.TextToPath is make_text_to_path
    assert matplotlib.text.TextToPath() is not matplotlib.text.TextToPath()


def test_descent_on_the_surface_draws_the_run_at_height_f_on_the_graph():
    figure = descent_on_the_surface()
    surface, above = figure.axes
    run = gradient_descent(paraboloid_gradient, (8.0, 8.0), 0.1, 20)
    (path,) = [line for line in surface.get_lines() if len(line.get_xdata()) > 1]
    x, y, z = path.get_data_3d()
    np.testing.assert_array_equal(np.column_stack([x, y]), run.path)
    np.testing.assert_allclose(z, [paraboloid(p) for p in run.path], rtol=1e-15)
    (flat,) = [line for line in path_lines(above) if len(line.get_xdata()) > 1]
    np.testing.assert_array_equal(flat.get_xydata(), run.path)
    plt.close(figure)


def test_palette_figure_shows_the_light_image_and_hides_the_dark_one_outside_the_site():
    from bs4 import BeautifulSoup

    shown = PaletteFigure(FIGURES["himmelblau-paths"], 'five "paths" & four minima')
    images = BeautifulSoup(shown._repr_html_(), "html.parser").find_all("img")
    assert [image["src"].rsplit("#", 1)[1] for image in images] == [
        "only-light",
        "only-dark",
    ]
    light, dark = images
    assert not light.has_attr("hidden") and dark.has_attr("hidden")
    for image, palette in ((light, "light"), (dark, "dark")):
        assert image["alt"] == 'five "paths" & four minima'
        assert int(image["width"]) > 0 and int(image["height"]) > 0
        data = image["src"].split(",", 1)[1].rsplit("#", 1)[0]
        svg = base64.b64decode(data).decode()
        colour = PALETTES[palette]["axes.prop_cycle"].by_key()["color"][0]
        assert colour in svg
    light_svg = base64.b64decode(light["src"].split(",", 1)[1].split("#")[0])
    assert b"fill: #ffffff" in light_svg, "light image opaque: readable in dark Jupyter"


def test_every_notebook_figure_is_drawn_in_both_palettes():
    for notebook in sorted((ROOT / "docs" / "notebooks").glob("*.py")):
        code = notebook.read_text(encoding="utf-8")
        assert "plt.show()" not in code, f"{notebook}: a figure in one palette only"
        assert code.count("plt.subplots(") == code.count("PaletteFigure(\n"), notebook
