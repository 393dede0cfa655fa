"""The explorables in a real browser: the JavaScript port equals the package, every
control changes the drawing, and what is drawn and shown equals what `steepest` computes.

Paths are drawn in data coordinates (docs/javascripts/explorables/plot.mjs), so the
`points` of a drawn line are the computed numbers themselves, and every number in a
readout keeps its full value in data-value.
"""

import warnings
from collections.abc import Callable

import numpy as np
import pytest
from browser_support import BROWSER_TEST, TIMEOUT_MS, desktop_context, open_page

from steepest import HeavyBall, gradient_ascent, gradient_descent, minibatch_descent
from steepest.explorables import MOMENTUM_ALPHAS, MOMENTUM_BETAS, RATE_DIGITS
from steepest.functions import (
    narrow_valley,
    narrow_valley_gradient,
    paraboloid,
    paraboloid_gradient,
    peak_and_pit,
    peak_and_pit_gradient,
    skewed_bowl,
    skewed_bowl_gradient,
)
from steepest.optimizers import OptimizeResult, follow_gradient
from steepest.rates import heavy_ball_rate, optimal_heavy_ball
from steepest.regression import (
    example_data,
    mean_squared_error,
    mean_squared_error_gradient,
    noisy_line,
)

pytestmark = BROWSER_TEST

FUNCTIONS: dict[str, tuple[Callable, Callable]] = {
    "paraboloid": (paraboloid, paraboloid_gradient),
    "skewed_bowl": (skewed_bowl, skewed_bowl_gradient),
    "peak_and_pit": (peak_and_pit, peak_and_pit_gradient),
    "narrow_valley": (narrow_valley, narrow_valley_gradient),
}
# The article that shows each explorable.
PAGES = {
    "gradient-field": "gradient/",
    "descent": "learning-rate/",
    "descent-and-negated-ascent": "descent-and-ascent/",
    "regression": "linear-regression/",
    "stochastic": "stochastic/",
    "momentum": "momentum/",
}
GAP_FLOOR = 1e-16  # app.mjs draws a gap f(θₖ) − f(θ*) below it at it


@pytest.fixture(scope="module")
def context(browser):
    with desktop_context(browser, "light") as context:
        yield context


@pytest.fixture
def open_explorable(context, site_url):
    """Open the article of an explorable, wait until it is live; check for problems."""
    opened = []

    def open_(name: str):
        tab, problems = open_page(context, site_url + PAGES[name])
        tab.locator(f"[data-explorable='{name}']").scroll_into_view_if_needed()
        tab.wait_for_selector(f"[data-explorable='{name}'].explorable--live")
        opened.append((tab, problems))
        return tab

    yield open_
    for tab, problems in opened:
        tab.close()
        assert problems == []


SET_CONTROLS = """([name, values]) => {
  const root = document.querySelector(`[data-explorable='${name}']`);
  for (const [id, value] of Object.entries(values)) {
    const control = root.querySelector(`#${id}`);
    control.value = String(value);
    control.dispatchEvent(new Event("input", { bubbles: true }));
  }
}"""

READ_DRAWING = """(name) => {
  const root = document.querySelector(`[data-explorable='${name}']`);
  const pairs = text => text.trim().split(/\\s+/).map(pair => pair.split(",").map(Number));
  const svgs = [...root.querySelectorAll(".explorable__plots svg")];
  return {
    paths: svgs.map(svg => [...svg.querySelectorAll("polyline.path")]
      .map(line => pairs(line.getAttribute("points")))),
    arrows: [...root.querySelectorAll("path.arrow")].map(path =>
      path.getAttribute("d").split(/[ML]/).filter(part => part.trim()).slice(0, 2)
        .map(point => point.trim().split(/\\s+/).map(Number))),
    values: Object.fromEntries([...root.querySelectorAll(".explorable__readout .value")]
      .map(span => [span.dataset.name, Number(span.dataset.value)])),
    readout: root.querySelector(".explorable__readout").textContent,
  };
}"""


def drawing(tab, name: str, **controls: object) -> dict:
    """Set controls (element id → value), then read what the explorable draws."""
    tab.evaluate(
        SET_CONTROLS, [name, {k.replace("_", "-"): v for k, v in controls.items()}]
    )
    return tab.evaluate(READ_DRAWING, name)


def visible_prefix(points: np.ndarray, box: tuple[float, ...]) -> np.ndarray:
    """The points up to the first one outside box (x0, x1, y0, y1), as app.mjs draws."""
    x0, x1, y0, y1 = box
    inside = (
        (points[:, 0] >= x0)
        & (points[:, 0] <= x1)
        & (points[:, 1] >= y0)
        & (points[:, 1] <= y1)
    )
    outside = np.flatnonzero(~inside)
    return points if len(outside) == 0 else points[: outside[0] + 1]


def assert_close(drawn, computed, where: str = "") -> None:
    computed = np.asarray(computed, dtype=float)
    scale = max(1.0, float(np.abs(computed).max(initial=0)))
    np.testing.assert_allclose(
        np.asarray(drawn, dtype=float),
        computed,
        rtol=1e-12,
        atol=1e-12 * scale,
        err_msg=where,
    )


# ---- the port ------------------------------------------------------------------------

PORT_CASES = [
    (function, start, alpha, direction)
    for function in FUNCTIONS
    for start in ([8.0, 8.0], [-3.0, 0.5], [0.1, 0.9])
    for alpha in (0.01, 0.1, 0.5, 0.9, 1.1, 1.2)
    for direction in (-1, 1)
]
TOL_CASES = [
    (("paraboloid", [8.0, 8.0], 0.1, -1), 1e-6),
    (("skewed_bowl", [-3.0, 0.5], 0.3, -1), 1e-8),
    (("peak_and_pit", [0.1, 0.9], 0.5, 1), 1e-10),
]
REGRESSION_RATES = [0.01, 0.1, 0.2353, 0.2395, 0.245]

RUN_PORT = """async ([url, cases, tolCases, regression]) => {
  const port = await import(url);
  const result = (run) => ({ path: run.path, iterations: run.iterations,
    converged: run.converged, diverged: run.diverged });
  const follow = ([name, start, alpha, direction], steps, tol = null) => result(
    port.followGradient(port.FUNCTIONS[name].gradient, start, alpha, direction, steps, tol));
  const { X, y, rates } = regression;
  const points = cases.map(([, start]) => start);
  return {
    runs: cases.map(c => follow(c, 120)),
    tolRuns: tolCases.map(([c, tol]) => follow(c, 5000, tol)),
    values: Object.fromEntries(Object.entries(port.FUNCTIONS).map(([name, f]) =>
      [name, points.map(p => [f.value(p), ...f.gradient(p)])])),
    regression: rates.map(alpha => result(port.gradientDescent(
      theta => port.meanSquaredErrorGradient(theta, X, y), [0, 0], alpha, 1500))),
    losses: rates.map(alpha => port.meanSquaredError([alpha, 1 - alpha], X, y)),
  };
}"""


def package_run(optimiser: Callable[..., OptimizeResult], *args) -> OptimizeResult:
    """optimiser(*args), which must warn exactly when the run diverges."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = optimiser(*args)
    assert [w.category for w in caught] == [RuntimeWarning] * result.diverged
    return result


def assert_same_run(port: dict, package: OptimizeResult, where: str) -> None:
    assert port["iterations"] == package.iterations, where
    assert port["diverged"] == package.diverged, where
    assert port["converged"] == package.converged, where
    assert_close(port["path"], package.path, where)


def test_port_computes_what_the_package_computes(open_explorable, site_url):
    tab = open_explorable("descent")
    X, y = example_data()
    port = tab.evaluate(
        RUN_PORT,
        [
            site_url + "javascripts/explorables/steepest.mjs",
            PORT_CASES,
            TOL_CASES,
            {"X": X.tolist(), "y": y.tolist(), "rates": REGRESSION_RATES},
        ],
    )
    for case, run in zip(PORT_CASES, port["runs"], strict=True):
        name, start, alpha, direction = case
        gradient = FUNCTIONS[name][1]
        package = package_run(follow_gradient, gradient, start, alpha, direction, 120)
        assert_same_run(run, package, f"{case}")
    assert any(run["diverged"] for run in port["runs"])
    for (case, tol), run in zip(TOL_CASES, port["tolRuns"], strict=True):
        name, start, alpha, direction = case
        package = follow_gradient(
            FUNCTIONS[name][1], start, alpha, direction, 5000, tol
        )
        assert package.converged
        assert_same_run(run, package, f"{case}, tol={tol}")
    for name, (f, gradient) in FUNCTIONS.items():
        expected = [[f(start), *gradient(start)] for _, start, _, _ in PORT_CASES]
        assert_close(port["values"][name], expected, name)

    def regression_gradient(theta):
        return mean_squared_error_gradient(theta, X, y)

    for alpha, run in zip(REGRESSION_RATES, port["regression"], strict=True):
        package = package_run(
            gradient_descent, regression_gradient, [0, 0], alpha, 1500
        )
        assert_same_run(run, package, f"regression, α={alpha}")
    assert port["regression"][-1]["diverged"]
    expected = [mean_squared_error([a, 1 - a], X, y) for a in REGRESSION_RATES]
    assert_close(port["losses"], expected)


# On the quadratics the port repeats the package's arithmetic exactly. peak_and_pit calls
# exp, whose last bit may differ between JavaScript and numpy: only where the iteration
# does not amplify that (small steps, moderate momentum) do its paths agree to 1e-12.
HEAVY_BALL_CASES = [
    (function, start, alpha, beta, direction)
    for function in ("narrow_valley", "skewed_bowl")
    for start in ([1.0, 10.0], [-3.0, 0.5])
    for alpha in (0.1, 0.5, 2.0, 3.3, 4.0)
    for beta in (0.0, 0.5, 0.675, 0.975)
    for direction in (-1, 1)
] + [
    ("peak_and_pit", start, alpha, beta, direction)
    for start in ([0.1, 0.9], [-1.5, 1.2])
    for alpha in (0.1, 0.5)
    for beta in (0.0, 0.5)
    for direction in (-1, 1)
]

RUN_HEAVY_BALL = """async ([url, cases]) => {
  const port = await import(url);
  return cases.map(([name, start, alpha, beta, direction]) => {
    const run = port.followGradient(port.FUNCTIONS[name].gradient, start, alpha, direction,
      150, null, port.heavyBall(beta));
    return { path: run.path, iterations: run.iterations, converged: run.converged,
      diverged: run.diverged };
  });
}"""


def test_heavy_ball_port_computes_what_the_package_computes(open_explorable, site_url):
    tab = open_explorable("momentum")
    port = tab.evaluate(
        RUN_HEAVY_BALL,
        [site_url + "javascripts/explorables/steepest.mjs", HEAVY_BALL_CASES],
    )
    for case, run in zip(HEAVY_BALL_CASES, port, strict=True):
        name, start, alpha, beta, direction = case
        package = package_run(
            follow_gradient,
            FUNCTIONS[name][1],
            start,
            alpha,
            direction,
            150,
            None,
            HeavyBall(beta),
        )
        assert_same_run(run, package, f"{case}")
    assert any(run["diverged"] for run in port)
    assert not all(run["diverged"] for run in port)


def test_numbers_are_shown_with_a_minus_sign_in_mantissa_and_exponent(
    open_explorable, site_url
):
    tab = open_explorable("momentum")
    shown = tab.evaluate(
        "async ([url, values]) => values.map((await import(url)).formatNumber)",
        [site_url + "javascripts/explorables/app.mjs", [-2.42e-8, 1.05e-7, -0.5, 3e6]],
    )
    assert shown == ["−2.42e−8", "1.05e−7", "−0.5", "3.00e+6"]
    readout = tab.locator("[data-explorable='momentum']").inner_text()
    assert "-" not in readout.replace("e+", "")


# ---- the controls ----------------------------------------------------------------------

CONTROLS = """(name) => [...document.querySelectorAll(
  `[data-explorable='${name}'] :is(input, select)`)].map(control => ({
    id: control.id, type: control.type, labels: control.labels.length,
    atMax: control.type === "range" && Number(control.value) >= Number(control.max),
  }))"""
PLOTS = """name => document.querySelector(
  `[data-explorable='${name}'] .explorable__plots`).innerHTML"""


@pytest.mark.parametrize("name", PAGES)
def test_every_control_is_labelled_and_changes_the_drawing(open_explorable, name):
    tab = open_explorable(name)
    controls = tab.evaluate(CONTROLS, name)
    assert {control["type"] for control in controls} <= {"range", "select-one"}
    assert sum(control["type"] == "range" for control in controls) >= 2
    for control in controls:
        assert control["labels"] == 1, f"{control['id']} has no label"
        before = tab.evaluate(PLOTS, name)
        element = tab.locator(f"#{control['id']}")
        if control["type"] == "range":  # with the keyboard, as a reader would
            element.focus()
            element.press("ArrowLeft" if control["atMax"] else "ArrowRight")
        else:
            options = element.locator("option").all_inner_texts()
            element.select_option(index=len(options) - 1)
        after = tab.evaluate(PLOTS, name)
        assert after != before, f"{control['id']} did not change the drawing"


# ---- what is drawn and shown -----------------------------------------------------------


def test_descent_draws_the_packages_path(open_explorable):
    tab = open_explorable("descent")
    limit = 10.0
    cases = [
        ("skewed_bowl", -6.0, 4.0, 0.3, 30),  # converges, zigzagging
        ("paraboloid", 8.0, 8.0, 0.8, 20),  # oscillates
        ("paraboloid", 8.0, -2.0, 1.1, 50),  # grows out of the plot
        ("skewed_bowl", 1.0, 0.5, 1.2, 50),  # diverges: the run stops
    ]
    diverged = []
    for function, x0, y0, alpha, steps in cases:
        shown = drawing(
            tab,
            "descent",
            descent_function=function,
            descent_x0=x0,
            descent_y0=y0,
            descent_rate=alpha,
            descent_steps=steps,
        )
        f, gradient = FUNCTIONS[function]
        run = package_run(gradient_descent, gradient, [x0, y0], alpha, steps)
        (plane,), (coordinate,) = shown["paths"]
        where = f"{function} from ({x0}, {y0}), α = {alpha}"
        assert_close(
            plane, visible_prefix(run.path, (-limit, limit, -limit, limit)), where
        )
        first = np.column_stack([np.arange(len(run.path)), run.path[:, 0]])
        assert_close(
            coordinate, visible_prefix(first, (0, steps, -limit, limit)), where
        )
        values = shown["values"]
        assert_close([values["x"], values["y"], values["f"]], [*run.x, f(run.x)], where)
        assert ("diverged" in shown["readout"]) == run.diverged, where
        assert f"After {run.iterations} steps" in shown["readout"]
        diverged.append(run.diverged)
    assert diverged == [False, False, False, True]


def test_gradient_field_draws_the_packages_gradients(open_explorable):
    tab = open_explorable("gradient-field")
    for function, density, longest in [
        ("peak_and_pit", 12, 1.5),
        ("skewed_bowl", 5, 0.4),
    ]:
        shown = drawing(
            tab,
            "gradient-field",
            field_function=function,
            field_density=density,
            field_length=longest,
        )
        arrows = np.array(shown["arrows"])  # [[tail, tip], ...]
        assert arrows.shape == (density**2, 2, 2)
        axis = np.linspace(-2, 2, density)
        grid = np.array([(x, y) for y in axis for x in axis])
        assert_close(arrows[:, 0], grid, function)
        gradients = np.array([FUNCTIONS[function][1](point) for point in grid])
        norms = np.linalg.norm(gradients, axis=1)
        scale = longest * (axis[1] - axis[0]) / norms.max()
        np.testing.assert_allclose(
            arrows[:, 1] - arrows[:, 0], scale * gradients, rtol=1e-9, atol=1e-12
        )
        assert shown["values"]["longest"] == pytest.approx(norms.max(), rel=1e-12)


def test_descent_on_f_and_ascent_on_minus_f_draw_the_same_path(open_explorable):
    tab = open_explorable("descent-and-negated-ascent")
    for x0, y0, alpha, steps in [(-1.5, 1.2, 0.8, 40), (1.5, -1.0, 1.5, 60)]:
        shown = drawing(
            tab,
            "descent-and-negated-ascent",
            negated_x0=x0,
            negated_y0=y0,
            negated_rate=alpha,
            negated_steps=steps,
        )
        descent = gradient_descent(peak_and_pit_gradient, [x0, y0], alpha, steps)
        ascent = gradient_ascent(
            lambda p: -peak_and_pit_gradient(p), [x0, y0], alpha, steps
        )
        assert np.array_equal(descent.path, ascent.path)
        (left,), (right,) = shown["paths"]
        assert left == right
        assert_close(left, visible_prefix(descent.path, (-2, 2, -2, 2)))
        values = shown["values"]
        assert values["difference"] == 0
        assert_close(
            [values["x"], values["y"], values["f"]],
            [*descent.x, peak_and_pit(descent.x)],
        )


def test_regression_draws_the_packages_loss_gap(open_explorable):
    tab = open_explorable("regression")
    X, y = example_data()
    theta_star = np.linalg.lstsq(X, y)[0]
    lowest = mean_squared_error(theta_star, X, y)

    def regression_gradient(theta):
        return mean_squared_error_gradient(theta, X, y)

    diverged = []
    for alpha, steps in [(0.2, 500), (0.245, 1000), (0.01, 100)]:
        shown = drawing(
            tab, "regression", regression_rate=alpha, regression_steps=steps
        )
        run = package_run(gradient_descent, regression_gradient, [0, 0], alpha, steps)
        gaps = np.array([mean_squared_error(t, X, y) - lowest for t in run.path])
        (curve,) = shown["paths"][0]
        curve = np.array(curve)
        expected = visible_prefix(
            np.column_stack([np.arange(len(gaps)), np.maximum(gaps, GAP_FLOOR)]),
            (0, steps, GAP_FLOOR, 1e4),
        )
        assert len(curve) == len(expected)
        assert_close(curve[:, 0], expected[:, 0])
        # Rounding in f(θ) ≈ f(θ*) makes tiny gaps differ in their last digits.
        np.testing.assert_allclose(
            10 ** curve[:, 1], expected[:, 1], rtol=1e-9, atol=1e-14
        )
        values = shown["values"]
        assert_close([values["theta0"], values["theta1"]], run.x)
        assert values["distance"] == pytest.approx(np.linalg.norm(run.x - theta_star))
        assert ("diverged" in shown["readout"]) == run.diverged
        diverged.append(run.diverged)
    assert diverged == [False, True, False]


def test_stochastic_draws_the_packages_minibatch_runs(open_explorable):
    """The drawn curve is the package's run: its epochs and rounded log₁₀ gaps."""
    tab = open_explorable("stochastic")
    X, y = noisy_line()
    theta_star = np.linalg.lstsq(X, y)[0]
    lowest = mean_squared_error(theta_star, X, y)
    sizes, rates = (1, 10, 50, 200), (0.03, 0.1, 0.3, 0.9)
    for i, j, schedule in [
        (0, 1, "constant"),
        (1, 3, "decay"),
        (2, 2, "constant"),
        (3, 0, "decay"),
    ]:
        shown = drawing(
            tab,
            "stochastic",
            stochastic_batch=i,
            stochastic_rate=j,
            stochastic_schedule=schedule,
        )
        b, alpha = sizes[i], rates[j]
        run = minibatch_descent(
            lambda t, batch: mean_squared_error_gradient(t, X[batch], y[batch]),
            [0.0, 0.0],
            alpha,
            200,
            b,
            20,
            seed=1,
            tau=200 / b if schedule == "decay" else None,
        )
        every = max(1, 20 // b)  # every tenth of an epoch, or every step
        steps = np.arange(0, run.iterations + 1, every)
        gaps = np.array([mean_squared_error(run.path[k], X, y) - lowest for k in steps])
        (curve,) = shown["paths"][0]
        curve = np.array(curve)
        where = f"b = {b}, α = {alpha}, {schedule}"
        np.testing.assert_allclose(
            curve[:, 0], steps * b / 200, atol=5e-4, err_msg=where
        )
        np.testing.assert_array_equal(curve[:, 1], np.round(np.log10(gaps), 2), where)
        assert f"{20 * 200 // b} in 20 epochs" in shown["readout"], where
        assert shown["values"]["gap"] == pytest.approx(10 ** curve[-1, 1], rel=1e-12)
        assert shown["values"]["gap"] == pytest.approx(
            gaps[-1], rel=0.012
        )  # 2 decimals


LOSS_FLOOR = 1e-20  # app.mjs draws a loss f(xₖ) below it at it

READ_RATE_MAP = """() => {
  const root = document.querySelector("[data-explorable='momentum']");
  return {
    cells: [...root.querySelectorAll("rect.rate-cell")].map(cell => [
      Number(cell.getAttribute("x")) + Number(cell.getAttribute("width")) / 2,
      Number(cell.getAttribute("y")) + Number(cell.getAttribute("height")) / 2,
      Number(cell.dataset.rate)]),
    current: [...root.querySelectorAll(".marks .current")].map(mark =>
      [Number(mark.dataset.alpha), Number(mark.dataset.beta)]),
    optimum: [...root.querySelectorAll(".marks .optimum")].map(mark =>
      [Number(mark.dataset.alpha), Number(mark.dataset.beta)]),
  };
}"""


def test_momentum_draws_the_packages_path_loss_and_rates(open_explorable):
    tab = open_explorable("momentum")
    box = (-4.0, 4.0, -15.0, 15.0)
    cases = [
        (2.0, 0.5, 100),  # converges
        (3.3, 0.675, 300),  # near the optimum
        (3.3, 0.95, 200),  # overshoots: oscillates
        (4.0, 0.2, 60),  # α > 2(1 + β): diverges
    ]
    diverged = []
    for alpha, beta, steps in cases:
        shown = drawing(
            tab,
            "momentum",
            momentum_rate=alpha,
            momentum_beta=beta,
            momentum_steps=steps,
        )
        run = package_run(
            gradient_descent,
            narrow_valley_gradient,
            [1.0, 10.0],
            alpha,
            steps,
            None,
            HeavyBall(beta),
        )
        where = f"α = {alpha}, β = {beta}"
        (plane,), (loss,), map_paths = shown["paths"]
        assert map_paths == []
        assert_close(plane, visible_prefix(run.path, box), where)
        values = np.array([narrow_valley(p) for p in run.path])
        expected = visible_prefix(
            np.column_stack([np.arange(len(values)), np.maximum(values, LOSS_FLOOR)]),
            (0, steps, LOSS_FLOOR, 10.0),
        )
        loss = np.array(loss)
        assert len(loss) == len(expected), where
        assert_close(loss[:, 0], expected[:, 0], where)
        np.testing.assert_allclose(10 ** loss[:, 1], expected[:, 1], rtol=1e-12)
        shown_values = shown["values"]
        assert_close(
            [shown_values["x"], shown_values["y"], shown_values["f"]],
            [*run.x, narrow_valley(run.x)],
            where,
        )
        rate = round(heavy_ball_rate(alpha, beta, [0.01, 1.0]), RATE_DIGITS)
        assert shown_values["rate"] == rate, where
        assert shown_values["optimal_rate"] == pytest.approx(9 / 11, rel=1e-12)
        assert ("does not converge" in shown["readout"]) == (rate >= 1), where
        marks = tab.evaluate(READ_RATE_MAP)
        assert marks["current"] == [[alpha, beta]]
        np.testing.assert_allclose(marks["optimum"], [optimal_heavy_ball(0.01, 1.0)])
        diverged.append(run.diverged)
    assert diverged == [False, False, False, True]
    cells = np.array(marks["cells"])
    expected_cells = [
        (a, b, round(heavy_ball_rate(a, b, [0.01, 1.0]), RATE_DIGITS))
        for b in MOMENTUM_BETAS
        for a in MOMENTUM_ALPHAS
        if round(heavy_ball_rate(a, b, [0.01, 1.0]), RATE_DIGITS) < 1
    ]
    np.testing.assert_allclose(cells, expected_cells, rtol=1e-12, atol=1e-12)


# ---- without JavaScript, on a phone, in both palettes --------------------------------


@pytest.fixture(scope="module")
def context_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, color_scheme="light")
    yield context
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_without_javascript_the_static_figure_shows(
    context_without_javascript, site_url, name
):
    tab = context_without_javascript.new_page()
    try:
        tab.goto(site_url + PAGES[name])
        explorable = tab.locator(f"[data-explorable='{name}']")
        image = explorable.locator("img[src*='-light.svg']")
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
        assert explorable.locator(".explorable__app").count() == 0
    finally:
        tab.close()


def test_an_explorable_comes_alive_only_near_the_viewport(context, site_url):
    """Below the fold, an explorable costs nothing until the reader scrolls to it."""
    tab, problems = open_page(context, site_url + PAGES["descent"])
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    try:
        tab.wait_for_load_state("networkidle")
        explorable = tab.locator("[data-explorable='descent']")
        assert "explorable--live" not in explorable.get_attribute("class")
        assert not [url for url in requested if "explorables/" in url]
        explorable.scroll_into_view_if_needed()
        tab.wait_for_selector("[data-explorable='descent'].explorable--live")
        assert problems == []
    finally:
        tab.close()


def test_explorables_fit_a_phone_screen(browser, site_url):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        for name in PAGES:
            tab, problems = open_page(context, site_url + PAGES[name])
            explorable = tab.locator(f"[data-explorable='{name}']")
            explorable.scroll_into_view_if_needed()
            tab.wait_for_selector(f"[data-explorable='{name}'].explorable--live")
            box = explorable.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, name
            widths = explorable.locator("svg, input, select").evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().right)"
            )
            assert max(widths) <= 375, f"{name}: wider than the screen"
            assert tab.evaluate("document.documentElement.scrollWidth") <= 375, name
            assert problems == []
            tab.close()
    finally:
        context.close()


PATH_COLOUR = """name => getComputedStyle(document.querySelector(
  `[data-explorable='${name}'] polyline.path`)).stroke"""


def test_drawings_follow_the_palette(open_explorable):
    tab = open_explorable("descent")
    light = tab.evaluate(PATH_COLOUR, "descent")
    tab.locator("label[for='__palette_1']").click()
    tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    dark = tab.evaluate(PATH_COLOUR, "descent")
    assert light != dark
    assert "rgb(" in light and "rgb(" in dark
