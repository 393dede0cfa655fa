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
# # Notebook: Newton and adaptive steps
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [Newton's method, preconditioning and adaptive steps](../newton-and-adaptive/index.md):
# where Newton's method goes on Himmelblau's function, and how the adaptive methods
# depend on their learning rate.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np

from steepest import AdaGrad, Adam, RMSProp, gradient_descent, newton_method
from steepest.functions import (
    himmelblau_gradient,
    himmelblau_hessian,
    skewed_bowl_gradient,
)
from steepest.measuring import settled_step
from steepest.rendering import PaletteFigure

# %% [markdown]
# ## Where Newton's method goes on Himmelblau's function
#
# Himmelblau's $f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$ has nine stationary points:
# four minima, one maximum and four saddle points. Newton's method runs from each start of a
# 61 × 61 grid on $[-5, 5]^2$ (at most 50 steps, `tol=1e-8`); each converged run is
# classified by the signs of the Hessian's eigenvalues where it stopped.

# %%
grid = np.linspace(-5, 5, 61)
KINDS = ("minimum", "saddle point", "maximum", "not converged")
kind_of = np.empty((grid.size, grid.size), dtype=int)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # should a run diverge
    for i, y in enumerate(grid):
        for j, x in enumerate(grid):
            try:
                run = newton_method(
                    himmelblau_gradient, himmelblau_hessian, [x, y], steps=50, tol=1e-8
                )
            except ValueError:  # should a Hessian on the way be singular
                kind_of[i, j] = 3
                continue
            if not run.converged:
                kind_of[i, j] = 3
                continue
            negative = int(np.sum(np.linalg.eigvalsh(himmelblau_hessian(run.x)) < 0))
            kind_of[i, j] = negative  # 0 minimum, 1 saddle, 2 maximum
counts = np.bincount(kind_of.ravel(), minlength=4)
for kind, count in zip(KINDS, counts, strict=True):
    print(f"{kind:<14} {count:>5} starts  ({count / kind_of.size:.0%})")

# %% [markdown]
# Descent goes downhill, so from a grid like this one it reaches the minima (the notebook of
# [when it goes wrong](../when-it-goes-wrong/index.md) colours such a grid by the minimum
# descent reaches). Newton's method solves $\nabla f = 0$ and ends at a saddle point or at
# the maximum from a large share of the starts.


# %%
def draw():
    figure, axis = plt.subplots(figsize=(5.5, 5), layout="constrained")
    colours = ["C0", "C1", "C2", "C4"]
    for kind, colour in enumerate(colours):
        mask = kind_of == kind
        xs, ys = np.meshgrid(grid, grid)
        axis.plot(
            xs[mask], ys[mask], "s", color=colour, markersize=3.2, label=KINDS[kind]
        )
    axis.set(xlabel="x⁽⁰⁾ (first coordinate)", ylabel="y⁽⁰⁾ (second coordinate)")
    axis.set_aspect("equal")
    axis.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, framealpha=0)
    return figure


PaletteFigure(
    draw,
    "A 61 × 61 grid of start points on the square from −5 to 5, each coloured by where "
    "Newton's method from it ends on Himmelblau's function: at a minimum, a saddle "
    "point, the maximum, or nowhere (no start). Minima take the largest share: the "
    "corners and the outer parts of the square. The saddle points take a cross-shaped "
    "band along both axes, reaching out from the centre to the edges. The maximum takes "
    "a patch around the centre, a little below the x-axis.",
)

# %% [markdown]
# ## How each adaptive method depends on its learning rate
#
# On the bowl $x^2 + 3y^2 + xy$ from $(1, 0.5)$, the step from which the run stays within
# $10^{-6}$ of the minimiser (within 2000 steps), for $\alpha = 10^{j/4}$, $j = -16, \dots, 8$.
# A missing point: the run never settles.


# %%
alphas = 10 ** (np.arange(-16, 9) / 4)
RULES = {"descent": None, "AdaGrad": AdaGrad(), "RMSProp": RMSProp(), "Adam": Adam()}
COLOURS = {"descent": "C0", "AdaGrad": "C1", "RMSProp": "C2", "Adam": "C4"}
sweep = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # descent diverges above 2/λmax
    for name, rule in RULES.items():
        sweep[name] = [
            settled_step(
                gradient_descent(
                    skewed_bowl_gradient, [1.0, 0.5], alpha, steps=2000, rule=rule
                ).path,
                [0.0, 0.0],
                1e-6,
            )
            for alpha in alphas
        ]
for name, ks in sweep.items():
    settled_at = [(k, a) for k, a in zip(ks, alphas, strict=True) if k is not None]
    if settled_at:
        k, alpha = min(settled_at)
        low, high = settled_at[0][1], settled_at[-1][1]
        print(
            f"{name:<8} settles for α from {low:.3g} to {high:.3g}; "
            f"soonest: {k} steps at α = {alpha:.3g}"
        )
    else:
        print(f"{name:<8} never settles")


# %%
def draw():
    figure, axis = plt.subplots(figsize=(6.5, 3.6), layout="constrained")
    for name, ks in sweep.items():
        colour = COLOURS[name]
        shown = [(a, k) for a, k in zip(alphas, ks, strict=True) if k is not None]
        if shown:
            axis.loglog(
                *zip(*shown, strict=True), "o-", color=colour, markersize=4, label=name
            )
    axis.set_xlabel("learning rate α")
    axis.set_ylabel("steps until within 1e-6 for good")
    axis.legend(framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


PaletteFigure(
    draw,
    "Log–log plot of the step from which the run stays within 1e-6 of the minimiser "
    "against α, for descent, AdaGrad and Adam; RMSProp never settles and has no curve. "
    "Descent's count falls steeply as α grows, is lowest just below 0.2, rises once "
    "and stops: above 2/λmax it diverges. AdaGrad needs α above 0.05, is lowest near "
    "α = 2 and stays almost as low up to α = 100. Adam settles over the widest range, "
    "with a count that stops falling near α = 0.02 and stays about flat, apart from a "
    "jump near α = 1.",
)

# %% [markdown]
# ## RMSProp's distance at the end is proportional to α
#
# With a constant $\alpha$, RMSProp ends its 2000 steps on the bowl oscillating about the
# minimiser. The final distance divided by $\alpha$ is $1/\sqrt2 \approx 0.707$: the run
# ends in a two-point cycle $x^* \pm \tfrac{\alpha}{2}(1, 1)$. There the gradient keeps
# its size and flips its sign, so its running RMS is its size, and each step is $\alpha$ in
# each coordinate, from one point of the cycle to the other.

# %%
for alpha in (0.003, 0.01, 0.03, 0.1, 0.3):
    run = gradient_descent(
        skewed_bowl_gradient, [1.0, 0.5], alpha, 2000, rule=RMSProp()
    )
    last_step = np.abs(run.path[-1] - run.path[-2]) / alpha
    print(
        f"α = {alpha:<5}  ‖x⁽²⁰⁰⁰⁾ − x*‖ / α = {np.linalg.norm(run.x) / alpha:.3f}, "
        f"last step / α = {last_step.round(6)}, x⁽²⁰⁰⁰⁾ / α = {(run.x / alpha).round(6)}"
    )
