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
# # Notebook: when it goes wrong
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article
# [When it goes wrong](../when-it-goes-wrong/index.md) with three experiments: where descent ends
# from a whole grid of starts, how long a start near a saddle lingers, and how the step size
# changes the work on a narrow valley.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_descent
from steepest.functions import (
    himmelblau,
    himmelblau_gradient,
    rosenbrock_gradient,
    saddle_gradient,
)
from steepest.rendering import PaletteFigure

# %% [markdown]
# ## Basins of attraction on Himmelblau's function
#
# Descent with $\alpha = 0.01$ from each point of a 31 × 31 grid on $[-5, 5]^2$, stopped at
# $\lVert\nabla f\rVert \le 10^{-6}$. Each start is coloured by the minimum it reaches: the
# coloured regions are the *basins of attraction* of the four minima.

# %%
grid = np.linspace(-5, 5, 31)
ends = np.array(
    [
        gradient_descent(himmelblau_gradient, (a, b), 0.01, steps=2000, tol=1e-6).x
        for b in grid
        for a in grid
    ]
)
minima, which = np.unique(np.round(ends, 3), axis=0, return_inverse=True)
for number, minimum in enumerate(minima):
    count = int(np.sum(which == number))
    print(f"minimum {minimum}: reached from {count} of {len(ends)} starts")

# %%
x, y = np.meshgrid(np.linspace(-5, 5, 81), np.linspace(-5, 5, 81))
z = np.vectorize(lambda a, b: himmelblau((a, b)))(x, y)
starts_x, starts_y = np.meshgrid(grid, grid)


def draw():
    figure, axis = plt.subplots(figsize=(5.5, 5), layout="constrained")
    axis.contour(
        x, y, z, levels=[2, 10, 30, 70, 130, 250], colors="gray", linewidths=0.7
    )
    for number, minimum in enumerate(minima):
        chosen = which.reshape(starts_x.shape) == number
        colour = f"C{number}"
        axis.plot(starts_x[chosen], starts_y[chosen], ".", color=colour, markersize=5)
        axis.plot(*minimum, "*", color=colour, markersize=15, markeredgecolor="gray")
    axis.set_aspect("equal")
    axis.set_xlabel("x")
    axis.set_ylabel("y")
    return figure


PaletteFigure(
    draw,
    "A grid of starting points over the square from −5 to 5, each dot coloured by "
    "the minimum of Himmelblau's function that descent from it reaches, over gray "
    "contour lines, with the four minima as stars in the same colours: four "
    "coloured regions, one around each minimum.",
)

# %% [markdown]
# The basins are not the four quadrants: their borders curve, and they pass through the
# local maximum and the saddle points, where the gradient gives no preferred direction.

# %% [markdown]
# ## Lingering near a saddle
#
# On $f = x^2 - y^2$ with $\alpha = 0.1$, start at $x^{(0)} = (1.5, y^{(0)})$ for smaller and
# smaller $y^{(0)}$. The closer the start is to the $x$-axis, the longer the iterates stay within 0.1 of
# the saddle before they escape; and with `tol=1e-6` the closest starts are stopped there
# and reported as converged.

# %%
print(f"{'y(0)':>8} {'points near (0, 0)':>18} {'converged':>10}")
for y0 in (1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14):
    run = gradient_descent(saddle_gradient, (1.5, y0), 0.1, steps=150, tol=1e-6)
    near = int(np.sum(np.linalg.norm(run.path, axis=1) < 0.1))
    print(f"{y0:>8.0e} {near:>18} {run.converged!s:>10}")

# %% [markdown]
# ## Step size and work on the Rosenbrock valley
#
# Steps needed from $(-1.2, 1)$ until $\lVert\nabla f\rVert \le 10^{-6}$, with a budget of
# 70 000 steps. The largest stable step near the minimum is
# $2/\lambda_{\max} \approx 0.002$; the last two rates exceed it.

# %%
print(f"{'α':>7} {'steps':>6} {'converged':>10} {'distance to (1, 1)':>19}")
for alpha in (0.0005, 0.001, 0.0015, 0.0019, 0.0021, 0.003):
    run = gradient_descent(
        rosenbrock_gradient, (-1.2, 1.0), alpha, steps=70_000, tol=1e-6
    )
    distance = np.linalg.norm(run.x - 1)
    print(f"{alpha:>7} {run.iterations:>6} {run.converged!s:>10} {distance:>19.2e}")

# %% [markdown]
# Below the limit, the number of steps is roughly inversely proportional to $\alpha$: the
# slow direction along the valley floor sets the pace. Above it, descent never settles at
# $(1, 1)$, however many steps it gets.
