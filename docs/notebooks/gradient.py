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
# # Notebook: the gradient
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article [The gradient](../gradient/index.md).

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import numerical_gradient
from steepest.functions import (
    paraboloid,
    paraboloid_gradient,
    peak_and_pit,
    peak_and_pit_gradient,
)
from steepest.rendering import PaletteFigure, diverging_colormap

# %% [markdown]
# ## Numerical against analytic gradients at many points
#
# 200 random points in $[-3, 3]^2$ (fixed seed), for both example functions. The error is
# measured relative to the size of the gradient, with a floor for points where the
# gradient is nearly zero.

# %%
rng = np.random.default_rng(0)
points = rng.uniform(-3, 3, size=(200, 2))
for f, gradient in (
    (paraboloid, paraboloid_gradient),
    (peak_and_pit, peak_and_pit_gradient),
):
    errors = [
        np.linalg.norm(numerical_gradient(f, p) - gradient(p))
        / max(np.linalg.norm(gradient(p)), 1e-3)
        for p in points
    ]
    print(
        f"{f.__name__:<12} median error {np.median(errors):.1e}, max {np.max(errors):.1e}"
    )

# %% [markdown]
# ## Steepness at several points
#
# The length of the gradient of $x\,e^{-x^2-y^2}$ is zero at the peak and the pit, and
# largest in between, where the surface is steepest.

# %%
print(f"{'point':<14} {'gradient':<26} {'steepness':>9}")
for point in [(0.0, 0.0), (0.5, 0.0), (1 / np.sqrt(2), 0.0), (1.0, 1.0), (-1.0, 0.5)]:
    g = peak_and_pit_gradient(point)
    shown = f"({point[0]:.3f}, {point[1]:.3f})"
    print(
        f"{shown:<14} {np.array2string(g, precision=4):<26} {np.linalg.norm(g):>9.4f}"
    )

# %% [markdown]
# ## The gradient field of a peak and a pit
#
# Arrows point towards the peak at $(1/\sqrt2, 0)$ and away from the pit at
# $(-1/\sqrt2, 0)$, and cross every contour line at a right angle (the axes have equal
# scales, so right angles look right).

# %%
grid = np.linspace(-2, 2, 61)
x, y = np.meshgrid(grid, grid)
z = x * np.exp(-(x**2) - y**2)
arrows = np.linspace(-2, 2, 15)
ax_, ay_ = np.meshgrid(arrows, arrows)
u, v = peak_and_pit_gradient((ax_, ay_))


def draw():
    figure, axis = plt.subplots(figsize=(5, 5), layout="constrained")
    contours = axis.contour(x, y, z, levels=12, cmap=diverging_colormap())
    figure.colorbar(contours, ax=axis, shrink=0.8, label="f(x, y) = x·exp(−x² − y²)")
    axis.quiver(ax_, ay_, u, v, angles="xy", color=plt.rcParams["text.color"])
    axis.set_aspect("equal")
    axis.set_xlabel("x")
    axis.set_ylabel("y")
    return figure


PaletteFigure(
    draw,
    "Contour lines of x·exp(−x² − y²) on the square from −2 to 2, blue around the "
    "pit on the left and red around the peak on the right, keyed by a colour bar, "
    "with a 15 by 15 grid of gradient arrows: they point towards the peak and "
    "away from the pit and cross the contour lines at right angles.",
)
