"""Newton's method, preconditioning and adaptive steps: every number the page quotes."""

import numpy as np
import pytest

from steepest import (
    AdaGrad,
    Adam,
    RMSProp,
    gradient_ascent,
    gradient_descent,
    newton_method,
    numerical_gradient,
)
from steepest.functions import (
    himmelblau,
    himmelblau_gradient,
    himmelblau_hessian,
    narrow_valley_gradient,
    narrow_valley_hessian,
    peak_and_pit,
    peak_and_pit_gradient,
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
    skewed_bowl_gradient,
    skewed_bowl_hessian,
)
from steepest.measuring import Counted, settled_step
from steepest.regression import example_data, mean_squared_error_gradient

ROSENBROCK_START = [-1.2, 1.0]


def hessian_estimate(gradient, point):
    """The Hessian as central differences of the analytic gradient."""
    return np.array(
        [numerical_gradient(lambda p, i=i: gradient(p)[i], point) for i in (0, 1)]
    )


@pytest.mark.parametrize(
    ("gradient", "hessian"),
    [
        (skewed_bowl_gradient, skewed_bowl_hessian),
        (narrow_valley_gradient, narrow_valley_hessian),
        (rosenbrock_gradient, rosenbrock_hessian),
        (himmelblau_gradient, himmelblau_hessian),
    ],
)
@pytest.mark.parametrize("point", [(0.0, 0.0), (-1.2, 1.0), (0.7, -2.3), (3.0, 2.0)])
def test_the_hessians_are_the_derivatives_of_the_gradients(gradient, hessian, point):
    H = hessian(point)
    np.testing.assert_allclose(H, H.T)
    np.testing.assert_allclose(
        H, hessian_estimate(gradient, point), rtol=1e-6, atol=1e-5
    )


# ---- one step on a quadratic ----


def test_newton_solves_the_bowl_in_one_step_and_descent_needs_51():
    newton = newton_method(
        skewed_bowl_gradient, skewed_bowl_hessian, [1.0, 0.5], tol=1e-12
    )
    assert newton.iterations == 1 and newton.converged
    np.testing.assert_allclose(newton.path[1], [0.0, 0.0], atol=1e-15)
    low, high = np.linalg.eigvalsh(skewed_bowl_hessian([0.0, 0.0]))
    assert high / low == pytest.approx(3.535, abs=5e-4)
    assert 2 / (low + high) == pytest.approx(0.25, rel=1e-12)
    descent = gradient_descent(skewed_bowl_gradient, [1.0, 0.5], 0.25, tol=1e-12)
    assert descent.converged and descent.iterations == 51


def test_newton_is_invariant_under_a_linear_change_of_variables():
    M = np.array([[2.0, 0.5], [-0.3, 0.8]])
    inverse = np.linalg.inv(M)
    start = np.array([0.9, 1.4])
    in_x = newton_method(rosenbrock_gradient, rosenbrock_hessian, start, steps=6)
    in_z = newton_method(
        lambda z: M.T @ rosenbrock_gradient(M @ z),
        lambda z: M.T @ rosenbrock_hessian(M @ z) @ M,
        inverse @ start,
        steps=6,
    )
    np.testing.assert_allclose(in_z.path @ M.T, in_x.path, rtol=1e-9, atol=1e-12)
    # descent is not: mapped back, its path differs
    plain = gradient_descent(rosenbrock_gradient, start, 1e-4, steps=3)
    mapped = gradient_descent(
        lambda z: M.T @ rosenbrock_gradient(M @ z), inverse @ start, 1e-4, steps=3
    )
    assert np.abs(mapped.path @ M.T - plain.path).max() > 1e-3


# ---- quadratic convergence on Rosenbrock, and the overshoot ----


def test_newton_on_rosenbrock_overshoots_then_the_digits_double():
    run = newton_method(
        rosenbrock_gradient, rosenbrock_hessian, ROSENBROCK_START, tol=1e-10
    )
    assert run.converged and run.iterations == 7
    errors = np.linalg.norm(run.path - [1.0, 1.0], axis=1)
    values = np.array([rosenbrock(p) for p in run.path])
    assert run.path[2, 1] == pytest.approx(-3.2, abs=0.05)
    assert values[1] == pytest.approx(4.7, abs=0.05) and values[2] > 1400
    assert values[4] > values[3]  # f rises again at step 4
    np.testing.assert_allclose(errors[4:7], [6e-2, 1e-5, 2e-11], rtol=0.1)
    assert errors[7] == 0
    for k in range(3, 6):
        assert errors[k + 1] <= errors[k] ** 2
    # correct digits: about 1, 5, 11
    digits = -np.log10(errors[4:7])
    assert np.all(digits[1:] >= 1.9 * digits[:-1])


def test_the_convergence_figure_newton_and_descent_on_rosenbrock():
    run = newton_method(rosenbrock_gradient, rosenbrock_hessian, ROSENBROCK_START, 7)
    errors = np.linalg.norm(run.path - [1.0, 1.0], axis=1)
    np.testing.assert_allclose(errors[:4], [2.2, 2.2, 4.2, 0.48], rtol=0.02)
    descent = gradient_descent(rosenbrock_gradient, ROSENBROCK_START, 0.001, steps=40)
    errors = np.linalg.norm(descent.path - [1.0, 1.0], axis=1)
    assert np.all((errors > 1.9) & (errors <= 2.2))  # about 2 for all 40 steps


# ---- Newton seeks any stationary point ----


@pytest.mark.parametrize(
    ("start", "end", "signs", "value", "steps"),
    [
        ((0.0, 0.0), (-0.270845, -0.923039), (-1, -1), 181.6165, 5),
        ((-3.0, 0.0), (-3.073026, -0.081353), (-1, 1), 104.0152, 4),
        ((3.0, 3.0), (3.0, 2.0), (1, 1), 0.0, 6),
    ],
)
def test_newton_on_himmelblau_finds_a_maximum_a_saddle_and_a_minimum(
    start, end, signs, value, steps
):
    run = newton_method(himmelblau_gradient, himmelblau_hessian, start, tol=1e-10)
    assert run.converged and run.iterations == steps
    np.testing.assert_allclose(run.x, end, atol=1e-6)
    assert himmelblau(run.x) == pytest.approx(value, abs=1e-4)
    eigenvalues = np.linalg.eigvalsh(himmelblau_hessian(run.x))
    np.testing.assert_array_equal(np.sign(eigenvalues), signs)


def test_from_the_origin_descent_finds_the_minimum_three_two():
    run = gradient_descent(himmelblau_gradient, [0.0, 0.0], 0.01, tol=1e-6)
    np.testing.assert_allclose(run.x, [3.0, 2.0], atol=1e-6)


def test_the_hessian_at_the_origin_of_himmelblau_is_negative_definite():
    np.testing.assert_allclose(
        np.linalg.eigvalsh(himmelblau_hessian([0.0, 0.0])), [-42, -26]
    )


# ---- centring and scaling ----


@pytest.fixture(scope="module")
def regression():
    X, y = example_data()
    x_mean, x_std = X[:, 1].mean(), X[:, 1].std()
    M = np.array([[1.0, -x_mean / x_std], [0.0, 1 / x_std]])
    return X, y, M, X.T @ X / len(X), x_mean


def test_centring_and_scaling_bring_the_condition_number_to_one(regression):
    X, _, M, hessian, x_mean = regression
    centre = np.array([[1.0, -x_mean], [0.0, 1.0]])
    expected = {"raw": 55.78, "centred": 1.25, "scaled": 1.0}
    for name, matrix in [("raw", np.eye(2)), ("centred", centre), ("scaled", M)]:
        low, high = np.linalg.eigvalsh(matrix.T @ hessian @ matrix)
        assert high / low == pytest.approx(expected[name], abs=5e-3)
    np.testing.assert_allclose(M.T @ hessian @ M, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(M @ M.T, np.linalg.inv(hessian), rtol=1e-12)
    standardised = (X[:, 1] - x_mean) / X[:, 1].std()
    np.testing.assert_allclose(X @ M, np.column_stack([np.ones(4), standardised]))


def test_descent_on_standardised_data_is_preconditioned_descent(regression):
    X, y, M, hessian, _ = regression

    def loss_gradient(theta):
        return mean_squared_error_gradient(theta, X, y)

    standardised = gradient_descent(
        lambda c: mean_squared_error_gradient(c, X @ M, y), [0.0, 0.0], 0.5, steps=10
    )
    preconditioned = newton_method(
        loss_gradient,
        lambda t: np.linalg.inv(M @ M.T),
        [0.0, 0.0],
        10,
        learning_rate=0.5,
    )
    assert np.abs(standardised.path @ M.T - preconditioned.path).max() < 1e-13
    best = np.linalg.lstsq(X, y)[0]
    errors = np.linalg.norm(preconditioned.path - best, axis=1)
    np.testing.assert_allclose(errors[1:] / errors[:-1], 0.5, rtol=1e-9)
    one_step = newton_method(loss_gradient, lambda t: hessian, [0.0, 0.0], tol=1e-12)
    assert one_step.iterations == 1
    np.testing.assert_allclose(one_step.x, [2.0, 0.7], rtol=1e-12)


# ---- the adaptive rules ----


def first_steps(rule, alpha=0.01):
    run = gradient_descent(
        rosenbrock_gradient, ROSENBROCK_START, alpha, steps=3, rule=rule
    )
    return np.abs(np.diff(run.path, axis=0)) / alpha


def test_the_first_steps_have_size_alpha_and_rmsprop_three_times_that():
    gradient = rosenbrock_gradient(ROSENBROCK_START)
    np.testing.assert_allclose(gradient, [-215.6, -88.0])
    assert gradient[0] / gradient[1] == pytest.approx(2.45, abs=0.005)
    np.testing.assert_allclose(first_steps(AdaGrad())[0], 1.0, rtol=1e-9)
    np.testing.assert_allclose(first_steps(Adam())[0], 1.0, rtol=1e-9)
    np.testing.assert_allclose(first_steps(RMSProp())[0], 1 / np.sqrt(0.1), rtol=1e-9)
    assert 1 / np.sqrt(0.1) == pytest.approx(3.16, abs=0.005)
    assert (1 - 0.9) / np.sqrt(1 - 0.999) == pytest.approx(3.16, abs=0.005)
    # Adam's next steps stay close to α while the gradient keeps its sign
    np.testing.assert_allclose(first_steps(Adam()), 1.0, rtol=0.01)


@pytest.mark.parametrize("rule", [Adam, AdaGrad])
def test_adaptive_steps_are_unchanged_when_f_is_multiplied_by_a_constant(rule):
    plain = gradient_descent(
        rosenbrock_gradient, ROSENBROCK_START, 0.01, 300, rule=rule()
    )
    scaled = gradient_descent(
        lambda p: 100 * rosenbrock_gradient(p), ROSENBROCK_START, 0.01, 300, rule=rule()
    )
    np.testing.assert_allclose(scaled.path, plain.path, rtol=1e-6, atol=1e-9)
    assert 1 / (1 - Adam().beta2) == pytest.approx(1000)  # Adam's averaging window


settled = settled_step


def test_settled_step_is_the_step_from_which_the_run_stays_within_tol():
    path = np.array([[3.0, 0.0], [0.5, 0.0], [2.0, 0.0], [0.9, 0.0], [0.1, 0.0]])
    assert settled_step(path, [0.0, 0.0], 1.0) == 3  # passed close at 1, left at 2
    assert settled_step(path, [0.0, 0.0], 5.0) == 0
    assert settled_step(path, [0.0, 0.0], 0.05) is None
    with pytest.raises(ValueError, match=r"^path must have one row per point of 3"):
        settled_step(path, [0.0, 0.0, 0.0], 1.0)
    with pytest.raises(ValueError, match=r"^tol must"):
        settled_step(path, [0.0, 0.0], 0.0)


PROBLEMS = {
    "bowl": (skewed_bowl_gradient, [1.0, 0.5], [0.0, 0.0], 1e-6, 2000),
    "valley": (narrow_valley_gradient, [1.0, 10.0], [0.0, 0.0], 1e-6, 2000),
    "Rosenbrock": (rosenbrock_gradient, ROSENBROCK_START, [1.0, 1.0], 1e-3, 10_000),
}
RULES = {"descent": None, "AdaGrad": AdaGrad(), "RMSProp": RMSProp(), "Adam": Adam()}
# (problem, method): (exponent j of α = 10^(j/4), step it settles at or None, end distance)
TABLE = {
    ("bowl", "descent"): (-3, 37, 0.0),
    ("bowl", "AdaGrad"): (1, 13, 0.0),
    ("bowl", "RMSProp"): (-13, None, 4e-4),
    ("bowl", "Adam"): (-3, 258, 1e-46),
    ("valley", "descent"): (1, 899, 3e-15),
    ("valley", "AdaGrad"): (4, 8, 0.0),
    ("valley", "RMSProp"): (-9, None, 4e-3),
    ("valley", "Adam"): (-1, 308, 2e-45),
    ("Rosenbrock", "descent"): (-11, 9586, 7e-4),
    ("Rosenbrock", "AdaGrad"): (-1, 8630, 3e-4),
    ("Rosenbrock", "RMSProp"): (-12, 9475, 9e-4),
    ("Rosenbrock", "Adam"): (-10, 7529, 3e-12),
}


def table_run(problem, method, exponent):
    grad, start, minimiser, tol, steps = PROBLEMS[problem]
    run = gradient_descent(
        grad, start, 10 ** (exponent / 4), steps=steps, rule=RULES[method]
    )
    return settled(run.path, minimiser, tol), np.linalg.norm(run.x - minimiser), run


def rank(k):
    return np.inf if k is None else k


@pytest.mark.filterwarnings("ignore:the iterates diverged:RuntimeWarning")
@pytest.mark.parametrize(("problem", "method"), list(TABLE))
def test_the_table_and_each_learning_rate_is_the_best_of_its_neighbours(
    problem, method
):
    exponent, k, end = TABLE[problem, method]
    measured, distance, _ = table_run(problem, method, exponent)
    assert measured == k
    if end == 0:
        assert distance == 0
    else:
        assert distance == pytest.approx(end, rel=0.5)
    if k is not None:
        for neighbour in (exponent - 1, exponent + 1):
            assert rank(table_run(problem, method, neighbour)[0]) >= k


@pytest.mark.parametrize("problem", ["bowl", "valley"])
def test_rmsprop_settles_for_no_learning_rate_of_the_grid(problem):
    for exponent in range(-16, 9):
        assert table_run(problem, "RMSProp", exponent)[0] is None


@pytest.mark.parametrize("alpha", [0.01, 0.1])
def test_rmsprop_ends_about_0_7_alpha_away_and_adams_steps_shrink(alpha):
    for problem, method in [("bowl", "RMSProp"), ("valley", "RMSProp")]:
        exponent, _, end = TABLE[problem, method]
        assert end / 10 ** (exponent / 4) == pytest.approx(0.7, abs=0.05)
    _, distance, run = table_run("bowl", "RMSProp", 4 * np.log10(alpha))
    assert distance / alpha == pytest.approx(1 / np.sqrt(2), rel=1e-4)
    np.testing.assert_allclose(np.abs(run.x) / alpha, 0.5, rtol=1e-4)  # ±(α/2)(1, 1)
    assert np.linalg.norm(run.path, axis=1).min() < 1e-2 * alpha  # it came close
    last = np.abs(np.diff(run.path[-20:], axis=0)).max()
    assert last > 0.1 * alpha  # steps of order α to the end
    _, _, adam = table_run("bowl", "Adam", 4 * np.log10(alpha))
    assert np.abs(np.diff(adam.path[-20:], axis=0)).max() < 1e-6 * alpha


def test_the_table_ratios_and_newton_steps():
    descent, adam = (TABLE["valley", m][1] for m in ("descent", "Adam"))
    assert descent / adam == pytest.approx(3, abs=0.2)
    # AdaGrad's first step on the valley, α = 10 per coordinate, takes y from 10 to ≈ 0
    _, _, adagrad = table_run("valley", "AdaGrad", 4)
    assert abs(adagrad.path[1, 1]) < 1e-5
    assert (
        TABLE["bowl", "AdaGrad"][1]
        < TABLE["bowl", "descent"][1]
        < TABLE["bowl", "Adam"][1]
    )
    for problem, hessian, steps in [
        ("bowl", skewed_bowl_hessian, 1),
        ("valley", narrow_valley_hessian, 1),
        ("Rosenbrock", rosenbrock_hessian, 5),
    ]:
        grad, start, minimiser, tol, _ = PROBLEMS[problem]
        run = newton_method(grad, hessian, start, steps=50)
        assert settled(run.path, minimiser, tol) == steps
        assert np.linalg.norm(run.x - minimiser) == 0
    thousands = [TABLE["Rosenbrock", m][1] for m in RULES]
    assert min(thousands) > 1000


# ---- ascent ----


def test_adam_ascent_climbs_to_the_peak_as_descent_on_minus_f():
    up = gradient_ascent(
        peak_and_pit_gradient, [-0.2, 0.8], 0.05, tol=1e-8, rule=Adam()
    )
    down = gradient_descent(
        lambda p: -peak_and_pit_gradient(p), [-0.2, 0.8], 0.05, tol=1e-8, rule=Adam()
    )
    assert up.converged and up.iterations == 343
    assert np.linalg.norm(up.x - [1 / np.sqrt(2), 0.0]) < 1e-8
    assert peak_and_pit(up.x) == pytest.approx(np.exp(-0.5) / np.sqrt(2), abs=1e-12)
    np.testing.assert_array_equal(up.path, down.path)


# ---- costs ----


def test_each_step_costs_one_gradient_and_newton_one_hessian():
    grad, hessian = Counted(rosenbrock_gradient), Counted(rosenbrock_hessian)
    newton = newton_method(grad, hessian, ROSENBROCK_START, tol=1e-10)
    assert (newton.iterations, grad.calls, hessian.calls) == (7, 8, 7)
    assert newton.evaluations == 0
    grad = Counted(rosenbrock_gradient)
    adam = gradient_descent(grad, ROSENBROCK_START, 0.002, steps=500, rule=Adam())
    assert (adam.iterations, grad.calls, adam.evaluations) == (500, 501, 0)
    assert 8 * (10**6) ** 2 == 8e12  # bytes of a float64 Hessian for n = 10⁶


def test_counted_passes_arguments_on_and_checks_its_function():
    counted = Counted(lambda a, b=1: a + b)
    assert counted(2, b=3) == 5 and counted(1) == 2 and counted.calls == 2
    with pytest.raises(TypeError, match=r"^function must be a callable"):
        Counted(3)


# ---- exercises ----


def test_exercise_newton_is_unchanged_by_the_scale_and_sign_of_f():
    reference = newton_method(himmelblau_gradient, himmelblau_hessian, [0.0, 0.0], 6)
    for c in (5.0, -1.0):
        scaled = newton_method(
            lambda p, c=c: c * himmelblau_gradient(p),
            lambda p, c=c: c * himmelblau_hessian(p),
            [0.0, 0.0],
            6,
        )
        np.testing.assert_allclose(scaled.path, reference.path, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("alpha", [0.3, 0.5, 1.5])
def test_exercise_damped_newton_multiplies_the_error_by_one_minus_alpha(alpha):
    damped = newton_method(
        skewed_bowl_gradient, skewed_bowl_hessian, [1.0, 0.5], 10, learning_rate=alpha
    )
    predicted = np.outer((1 - alpha) ** np.arange(11), [1.0, 0.5])
    np.testing.assert_allclose(damped.path, predicted, rtol=1e-12, atol=1e-15)


def test_exercise_the_newton_direction_at_the_origin_of_himmelblau_is_uphill():
    g, H = himmelblau_gradient([0.0, 0.0]), himmelblau_hessian([0.0, 0.0])
    d = -np.linalg.solve(H, g)
    np.testing.assert_allclose(g, [-14.0, -22.0])
    assert g @ d == pytest.approx(196 / 42 + 484 / 26, rel=1e-12)  # 23.28 > 0
    assert himmelblau(0.01 * d) > himmelblau([0.0, 0.0])


def test_exercise_scaling_without_centring_leaves_a_large_condition_number(regression):
    X, _, _, hessian, _ = regression
    scale_only = np.diag([1.0, 1 / X[:, 1].std()])
    low, high = np.linalg.eigvalsh(scale_only.T @ hessian @ scale_only)
    np.testing.assert_allclose(
        [low, high], [(7 - np.sqrt(45)) / 2, (7 + np.sqrt(45)) / 2]
    )
    assert high / low == pytest.approx(46.98, abs=0.01)
    assert 40 < high / low < 55.78  # barely better than the raw 55.78


def test_the_paths_figure_on_the_bowl():
    """The caption and alt text of adaptive-paths, left panel: 40 steps, α = 0.1."""
    start, alpha = (1.0, 0.5), 0.1
    runs = {
        name: gradient_descent(skewed_bowl_gradient, start, alpha, 40, rule=rule)
        for name, rule in [
            ("descent", None),
            ("AdaGrad", AdaGrad()),
            ("RMSProp", RMSProp()),
            ("Adam", Adam()),
        ]
    }
    first = {name: run.path[1] - run.path[0] for name, run in runs.items()}
    np.testing.assert_allclose(
        first["AdaGrad"], [-alpha, -alpha], rtol=1e-6
    )  # ε in the denominators
    np.testing.assert_allclose(
        first["Adam"], [-alpha, -alpha], rtol=1e-6
    )  # ε in the denominators
    np.testing.assert_allclose(
        first["RMSProp"], [-alpha / np.sqrt(0.1)] * 2, rtol=1e-6
    )  # ε in the denominators
    distance = {name: np.linalg.norm(run.x) for name, run in runs.items()}
    assert distance["descent"] < 1e-3 and distance["RMSProp"] < 1e-10  # the centre
    assert distance["AdaGrad"] == pytest.approx(0.23, abs=0.005)  # "0.23 short"
    assert distance["Adam"] < 0.06  # "circles into it"
    later = gradient_descent(skewed_bowl_gradient, start, alpha, 60, rule=RMSProp())
    assert np.linalg.norm(later.x) > 0.1  # RMSProp "does not stay"
