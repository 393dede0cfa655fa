"""What the site's explorables draw besides the paths: contours, data and bounds.

The explorables (interactive figures) run gradient descent in the reader's browser with
a small JavaScript port of this package (docs/javascripts/explorables/steepest.mjs,
tested against it). Everything else they show is computed here, at build time, and
served as explorables/<name>.json: contour lines of the objective, the regression data
and its least-squares solution, and the stability bound 2/λmax of each quadratic. Minibatch runs draw their batches with
NumPy's random generator, which the browser cannot reproduce: the stochastic explorable
shows runs computed here, for a grid of its control values.
"""

from collections.abc import Callable

import contourpy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from steepest.functions import (
    paraboloid,
    paraboloid_gradient,
    peak_and_pit,
    skewed_bowl,
    skewed_bowl_gradient,
)
from steepest.rates import heavy_ball_rate, optimal_heavy_ball
from steepest.regression import (
    example_data,
    mean_squared_error,
    mean_squared_error_gradient,
    noisy_line,
)
from steepest.stochastic import minibatch_descent

Json = dict[str, object]
GRID_POINTS = 81  # contours are traced on a GRID_POINTS × GRID_POINTS grid
DIGITS = 3  # contour coordinates are rounded to this many decimals


def contour_lines(
    f: Callable[[ArrayLike], float], limit: float, levels: list[float]
) -> list[Json]:
    """The level sets {f = c} on the square [−limit, limit]², one entry per level c.

    Each entry holds the level and its lines, each line a flat list x₀, y₀, x₁, y₁, ….
    """
    axis = np.linspace(-limit, limit, GRID_POINTS)
    x, y = np.meshgrid(axis, axis)
    z = np.vectorize(lambda a, b: f((a, b)))(x, y)
    generator = contourpy.contour_generator(
        x, y, z, line_type=contourpy.LineType.Separate
    )
    return [
        {
            "level": level,
            "lines": [
                np.round(line, DIGITS).ravel().tolist()
                for line in generator.lines(level)
            ],
        }
        for level in levels
    ]


def stable_below(gradient: Callable[[NDArray[np.float64]], ArrayLike]) -> float:
    """2/λmax for a quadratic f(x) = ½ xᵀAx + bᵀx on R², whose Hessian A is constant.

    Column i of A is ∇f(eᵢ) − ∇f(0), exactly, for a quadratic.
    """
    origin = np.asarray(gradient(np.zeros(2)), dtype=float)
    hessian = np.column_stack(
        [np.asarray(gradient(unit), dtype=float) - origin for unit in np.eye(2)]
    )
    return float(2 / np.linalg.eigvalsh(hessian).max())


def gradient_field() -> Json:
    """The gradient field explorable: arrows on [−2, 2]², contours on [−2.5, 2.5]²."""
    limit = 2.5
    return {
        "limit": limit,
        "grid_limit": 2.0,
        "functions": {
            "paraboloid": {
                "contours": contour_lines(paraboloid, limit, [0.25, 1, 2.25, 4, 6.25])
            },
            "skewed_bowl": {
                "contours": contour_lines(skewed_bowl, limit, [0.5, 2, 4.5, 8, 12.5])
            },
            "peak_and_pit": {
                "contours": contour_lines(
                    peak_and_pit, limit, [-0.4, -0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.4]
                )
            },
        },
    }


def descent() -> Json:
    """The learning-rate explorable: two quadratic bowls on [−10, 10]²."""
    limit = 10.0
    return {
        "limit": limit,
        "functions": {
            "paraboloid": {
                "contours": contour_lines(
                    paraboloid, limit, [float(r * r) for r in range(2, 15, 2)]
                ),
                "stable_below": stable_below(paraboloid_gradient),
            },
            "skewed_bowl": {
                "contours": contour_lines(
                    skewed_bowl, limit, [float(4 * r * r) for r in range(1, 12, 2)]
                ),
                "stable_below": stable_below(skewed_bowl_gradient),
            },
        },
    }


def descent_and_negated_ascent() -> Json:
    """Descent on f beside ascent on −f, for f(x, y) = x · exp(−x² − y²) on [−2, 2]²."""
    limit = 2.0
    levels = [-0.4, -0.3, -0.2, -0.1, -0.03, 0.03, 0.1, 0.2, 0.3, 0.4]
    return {"limit": limit, "contours": contour_lines(peak_and_pit, limit, levels)}


def regression() -> Json:
    """The regression explorable: the data, θ* = lstsq(X, y), f(θ*) and 2/λmax."""
    X, y = example_data()
    theta_star = np.linalg.lstsq(X, y)[0]
    eigenvalues = np.linalg.eigvalsh(X.T @ X / len(X))
    return {
        "X": X.tolist(),
        "y": y.tolist(),
        "theta_star": theta_star.tolist(),
        "f_star": mean_squared_error(theta_star, X, y),
        "stable_below": float(2 / eigenvalues.max()),
    }


STOCHASTIC_BATCH_SIZES = (1, 10, 50, 200)
STOCHASTIC_LEARNING_RATES = (0.03, 0.1, 0.3, 0.9)
STOCHASTIC_EPOCHS = 20
STOCHASTIC_SEED = 1
POINTS_PER_EPOCH = 10  # at most: a batch of more than N/10 examples gives fewer


def noisy_line_losses(
    learning_rate: float, batch_size: int, epochs: int, tau: float | None
) -> tuple[NDArray[np.float64], float]:
    """Minibatch descent on `noisy_line()` from θ⁽⁰⁾ = 0, seed STOCHASTIC_SEED.

    Returns f(θ⁽ᵏ⁾) for every step k = 0, 1, … and the least-squares minimum f(θ*);
    αₖ = α / (1 + k/τ) with τ = `tau`, or a constant α without one.
    """
    X, y = noisy_line()
    lowest = mean_squared_error(np.linalg.lstsq(X, y)[0], X, y)
    run = minibatch_descent(
        lambda theta, batch: mean_squared_error_gradient(theta, X[batch], y[batch]),
        np.zeros(2),
        learning_rate,
        len(y),
        batch_size,
        epochs,
        STOCHASTIC_SEED,
        tau=tau,
    )
    return np.array([mean_squared_error(theta, X, y) for theta in run.path]), lowest


def stochastic_gaps(
    batch_size: int, learning_rate: float, decay: bool, epochs: int = STOCHASTIC_EPOCHS
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Minibatch descent on `noisy_line()` from θ⁽⁰⁾ = 0: epochs and f(θ⁽ᵏ⁾) − f(θ*).

    The gap is taken every max(1, (N/10) / b) steps, at the epoch k·b/N (ten points
    an epoch when b divides N/10). With `decay`, αₖ = α / (1 + k/τ) with τ = N/b
    steps, one epoch. Seed STOCHASTIC_SEED.
    """
    examples = len(noisy_line()[1])
    tau = examples / batch_size if decay else None
    losses, lowest = noisy_line_losses(learning_rate, batch_size, epochs, tau)
    every = max(1, examples // POINTS_PER_EPOCH // batch_size)
    steps = np.arange(0, len(losses), every)
    return steps * batch_size / examples, losses[steps] - lowest


def stochastic() -> Json:
    """The minibatch explorable: log₁₀ of the gap for every batch size, α and schedule.

    log_gaps[schedule][i][j] holds log₁₀(f(θ⁽ᵏ⁾) − f(θ*)) rounded to 2 decimals, for
    batch size i and learning rate j (schedule "constant" or "decay"), taken at the
    epochs point_epochs[i].
    """
    log_gaps: dict[str, list[list[list[float]]]] = {}
    point_epochs: list[list[float]] = []
    for schedule in ("constant", "decay"):
        log_gaps[schedule] = []
        for batch_size in STOCHASTIC_BATCH_SIZES:
            row = []
            for alpha in STOCHASTIC_LEARNING_RATES:
                epochs, gaps = stochastic_gaps(batch_size, alpha, schedule == "decay")
                row.append(np.round(np.log10(gaps), 2).tolist())
            log_gaps[schedule].append(row)
            if schedule == "constant":
                point_epochs.append(np.round(epochs, 3).tolist())
    return {
        "examples": len(noisy_line()[1]),
        "batch_sizes": list(STOCHASTIC_BATCH_SIZES),
        "learning_rates": list(STOCHASTIC_LEARNING_RATES),
        "epoch_count": STOCHASTIC_EPOCHS,
        "point_epochs": point_epochs,
        "log_gaps": log_gaps,
    }


# The momentum explorable: the heavy ball on the narrow valley (x² + 0.01 y²)/2, κ = 100.
VALLEY_EIGENVALUES = (0.01, 1.0)
MOMENTUM_ALPHAS = np.round(np.arange(1, 41) * 0.1, 10)  # 0.1, 0.2, …, 4.0
MOMENTUM_BETAS = np.round(np.arange(40) * 0.025, 10)  # 0, 0.025, …, 0.975
RATE_DIGITS = 4  # the rates of the map are rounded to this many decimals


def rate_map(alphas: ArrayLike, betas: ArrayLike) -> NDArray[np.float64]:
    """ρ(α, β) = heavy_ball_rate on the narrow valley; rows β, columns α."""
    return np.array(
        [
            [heavy_ball_rate(alpha, beta, VALLEY_EIGENVALUES) for alpha in alphas]
            for beta in betas
        ]
    )


def ellipse_lines(eigenvalues: tuple[float, float], levels: list[float]) -> list[Json]:
    """The level sets {½ (λ₁x² + λ₂y²) = c}, ellipses with semi-axes √(2c/λᵢ), exactly.

    Each entry holds the level and one closed line of 97 points, flat x₀, y₀, x₁, y₁, ….
    """
    t = np.linspace(0, 2 * np.pi, 97)
    return [
        {
            "level": level,
            "lines": [
                np.round(
                    np.column_stack(
                        [
                            np.sqrt(2 * level / eigenvalues[0]) * np.cos(t),
                            np.sqrt(2 * level / eigenvalues[1]) * np.sin(t),
                        ]
                    ),
                    DIGITS,
                )
                .ravel()
                .tolist()
            ],
        }
        for level in levels
    ]


def momentum() -> Json:
    """The momentum explorable: the valley's contours and ρ over the (α, β) grid."""
    alpha, beta = optimal_heavy_ball(*VALLEY_EIGENVALUES)
    levels = [0.5 * (r / 10) ** 2 for r in (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 12.0)]
    return {
        "eigenvalues": list(VALLEY_EIGENVALUES),
        "start": [1.0, 10.0],
        "box": [-4.0, 4.0, -15.0, 15.0],
        "contours": ellipse_lines((1.0, 0.01), levels),
        "alphas": MOMENTUM_ALPHAS.tolist(),
        "betas": MOMENTUM_BETAS.tolist(),
        "rates": np.round(
            rate_map(MOMENTUM_ALPHAS, MOMENTUM_BETAS), RATE_DIGITS
        ).tolist(),
        "optimal": [alpha, beta],
        "optimal_rate": float(np.sqrt(beta)),
    }


EXPLORABLES: dict[str, Callable[[], Json]] = {
    "gradient-field": gradient_field,
    "descent": descent,
    "descent-and-negated-ascent": descent_and_negated_ascent,
    "regression": regression,
    "stochastic": stochastic,
    "momentum": momentum,
}
