# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Notebook: steepest ascent
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article
# [Why the gradient points uphill](../steepest-ascent/index.md).

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest.figures.steepest_ascent import numeric_directional_derivative, unit_vector
from steepest.functions import (
    peak_and_pit,
    peak_and_pit_gradient,
    skewed_bowl,
    skewed_bowl_gradient,
)
from steepest.rendering import PaletteFigure


def scan(f, point, step=0.1):
    """Angles (degrees) and numeric directional derivatives of f at point."""
    angles = np.arange(0.0, 360.0, step)
    slopes = np.array(
        [numeric_directional_derivative(f, point, unit_vector(a)) for a in angles]
    )
    return angles, slopes


# %% [markdown]
# ## The steepest direction at other points
#
# For each point: the direction of the gradient (from `atan2`), the direction with the
# largest numerical directional derivative in a 0.1° scan, the largest slope, and
# $\lVert\nabla f\rVert$.

# %%
cases = [
    (skewed_bowl, skewed_bowl_gradient, (-1.0, 0.5)),
    (skewed_bowl, skewed_bowl_gradient, (2.0, -1.0)),
    (peak_and_pit, peak_and_pit_gradient, (0.2, 0.6)),
    (peak_and_pit, peak_and_pit_gradient, (-1.0, -0.5)),
]
print(f"{'f':<12} {'point':<12} {'atan2':>7} {'scan':>7} {'max':>8} {'norm':>8}")
for f, gradient, point in cases:
    g = gradient(point)
    angles, slopes = scan(f, point)
    print(
        f"{f.__name__:<12} {point!s:<12} {np.degrees(np.arctan2(g[1], g[0])) % 360:>7.1f}"
        f" {angles[np.argmax(slopes)]:>7.1f} {slopes.max():>8.4f}"
        f" {np.linalg.norm(g):>8.4f}"
    )

# %% [markdown]
# ## Approaching a stationary point
#
# Along the segment from $(1, 2)$ to the minimum of the skewed bowl at the origin, the curve
# $D_v f$ against the angle keeps its cosine shape but flattens: its amplitude is
# $\lVert\nabla f\rVert$, which goes to zero. At the origin every direction is equally
# (un)steep, and "the steepest direction" no longer exists.


# %%
def draw():
    figure, axis = plt.subplots(figsize=(6, 3.6), layout="constrained")
    for fraction in (1.0, 0.5, 0.2, 0.0):
        point = fraction * np.array([1.0, 2.0])
        angles, slopes = scan(skewed_bowl, point, step=2.0)
        axis.plot(angles, slopes, label=f"x = ({point[0]:.1f}, {point[1]:.1f})")
    axis.set_xlabel("φ, the angle of v from the x axis (degrees)")
    axis.set_ylabel("directional derivative")
    axis.legend(fontsize=8)
    return figure


PaletteFigure(
    draw,
    "The directional derivative against φ, the angle of v from the x axis, at "
    "four points on the segment from the origin to (1, 2): sinusoids whose "
    "amplitude, the length of the gradient, shrinks towards the origin, where the "
    "curve is flat at zero.",
)
