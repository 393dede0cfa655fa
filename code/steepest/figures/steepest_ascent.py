"""Figures of the article "Why the gradient points uphill"."""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike, NDArray

from steepest.differentiation import central_difference
from steepest.functions import skewed_bowl, skewed_bowl_gradient
from steepest.rendering import level_colours

POINT = np.array([1.0, 2.0])  # where the article takes directional derivatives


# --8<-- [start:directional]
def unit_vector(degrees: float) -> NDArray[np.float64]:
    """The unit vector v = (cos φ, sin φ) at angle φ (degrees) from the x axis."""
    angle = np.radians(degrees)
    return np.array([np.cos(angle), np.sin(angle)])


def numeric_directional_derivative(
    f: Callable[[NDArray[np.float64]], float], x: ArrayLike, v: ArrayLike
) -> float:
    """D_v f(x) = g'(0) for g(t) = f(x + t v), by a central difference in t."""
    x, v = np.asarray(x, dtype=float), np.asarray(v, dtype=float)
    return central_difference(lambda t: f(x + t * v), 0.0)
    # --8<-- [end:directional]


def angle_scan(
    degrees: NDArray[np.float64], x: ArrayLike = POINT
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Numeric D_v f(x) of the skewed bowl for each angle, and the formula ∇f(x)·v."""
    gradient = skewed_bowl_gradient(x)
    numeric = np.array(
        [
            numeric_directional_derivative(skewed_bowl, x, unit_vector(a))
            for a in degrees
        ]
    )
    formula = np.array([gradient @ unit_vector(a) for a in degrees])
    return numeric, formula


def directional_derivatives() -> Figure:
    """D_v f at (1, 2) against the angle of v, beside the directions on a contour map.

    The curve's axis is read two ways: φ, the angle of v from the x axis (bottom), and
    θ = φ − φ∇, the angle between v and ∇f (top), so that D_v f = ‖∇f‖ cos θ.
    """
    gradient = skewed_bowl_gradient(POINT)
    norm = float(np.linalg.norm(gradient))
    steepest = float(np.degrees(np.arctan2(gradient[1], gradient[0])))
    level = (steepest + 90.0, steepest + 270.0)

    figure = plt.figure(figsize=(10, 4.2), layout="constrained")
    grid = figure.add_gridspec(1, 2, width_ratios=(1, 1.6))
    map_axis = figure.add_subplot(grid[0])
    curve_axis = figure.add_subplot(grid[1])

    # Left: contours around (1, 2), the gradient and the two contour directions.
    axis_values = np.linspace(-1.5, 3.5, 61)
    x, y = np.meshgrid(axis_values, axis_values)
    z = x**2 + 3 * y**2 + x * y
    map_axis.contour(
        x, y, z, levels=[2, 5, 9, 23, 33], colors=level_colours(5), linewidths=1
    )
    map_axis.contour(x, y, z, levels=[skewed_bowl(POINT)], colors="C2", linewidths=1.5)
    arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.012)
    direction = gradient / norm
    map_axis.quiver(*POINT, *(1.2 * direction), color="C1", **arrow)
    for angle in level:
        map_axis.quiver(*POINT, *(0.9 * unit_vector(angle)), color="C2", **arrow)
    map_axis.plot(*POINT, "o", color="C0", markersize=6)
    map_axis.annotate(
        "∇f / ‖∇f‖",
        POINT + 1.2 * direction,
        xytext=(4, -4),
        textcoords="offset points",
        color="C1",
        fontsize=10,
    )
    map_axis.set_xlim(-1.5, 3.5)
    map_axis.set_ylim(-0.5, 3.5)
    map_axis.set_aspect("equal")
    map_axis.set_xlabel("x")
    map_axis.set_ylabel("y")
    map_axis.set_title("f = x² + 3y² + xy near (1, 2)", fontsize=11)

    # Right: the directional derivative against the angle φ of v from the x axis
    # (bottom) and against θ = φ − (direction of ∇f), the angle between v and ∇f (top).
    fine = np.linspace(0, 360, 361)
    coarse = np.arange(0, 361, 7.5)
    numeric, _ = angle_scan(coarse)
    _, formula = angle_scan(fine)
    curve_axis.plot(
        fine, formula, color="C0", linewidth=1.5, label="∇f · v = ‖∇f‖ cos θ"
    )
    curve_axis.plot(
        coarse,
        numeric,
        "o",
        color="C1",
        markersize=4,
        label="central difference along v",
    )
    curve_axis.axhline(0, color="gray", linewidth=0.8)
    curve_axis.axhline(norm, color="gray", linewidth=0.8, linestyle=":")
    curve_axis.axvline(steepest, color="C1", linewidth=1, linestyle="--")
    curve_axis.annotate(
        f"φ = {steepest:.1f}°: maximum ‖∇f‖ = {norm:.2f}",
        (steepest, norm),
        xytext=(8, 5),
        textcoords="offset points",
        fontsize=9,
    )
    for angle in level:
        right = angle < 300
        curve_axis.axvline(angle, color="C2", linewidth=1, linestyle="--")
        curve_axis.annotate(
            f"φ = {angle:.1f}°",
            (angle, 0),
            xytext=(4 if right else -4, 6),
            ha="left" if right else "right",
            textcoords="offset points",
            fontsize=9,
            color="C2",
        )
    curve_axis.set_ylim(-1.2 * norm, 1.25 * norm)
    curve_axis.set_xlim(0, 360)
    curve_axis.set_xticks(range(0, 361, 45))
    curve_axis.set_xlabel("φ, the angle of v from the x axis (degrees)")
    between = curve_axis.secondary_xaxis(
        "top", functions=(lambda phi: phi - steepest, lambda theta: theta + steepest)
    )
    between.set_xticks(range(-45, 316, 45))
    between.set_xlabel("θ, the angle between v and ∇f (degrees)")
    curve_axis.set_ylabel("directional derivative $D_v f(1, 2)$")
    curve_axis.legend(loc="lower left", fontsize=9, framealpha=0)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "directional-derivatives": directional_derivatives,
}
