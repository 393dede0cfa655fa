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
# # Notebook: descent and ascent
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article
# [Gradient descent and gradient ascent](../descent-and-ascent/index.md) on the function
# $f(x, y) = x\,e^{-x^2-y^2}$, which has a pit at $(-1/\sqrt2, 0)$ and a peak at
# $(1/\sqrt2, 0)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_ascent, gradient_descent
from steepest.functions import peak_and_pit, peak_and_pit_gradient
from steepest.rendering import PaletteFigure

# %% [markdown]
# ## Several starting points
#
# Each run has a budget of 200 steps and stops early once $\lVert\nabla f\rVert \le 10^{-8}$.

# %%
starts = [(0.1, 0.9), (0.0, -0.5), (-0.3, 0.2), (-1.0, -0.5), (1.2, 0.3)]
print(f"{'start':<12} {'method':<8} {'ends at':<22} {'steps':>5}  converged")
for start in starts:
    for method in (gradient_descent, gradient_ascent):
        run = method(
            peak_and_pit_gradient, start, learning_rate=0.5, steps=200, tol=1e-8
        )
        end = np.round(run.x, 4) + 0.0  # + 0.0 turns -0.0 into 0.0
        name = method.__name__.removeprefix("gradient_")
        print(
            f"{start!s:<12} {name:<8} {end!s:<22} {run.iterations:>5}  {run.converged}"
        )

# %% [markdown]
# Most runs reach the pit (descent) or the peak (ascent). Two do not: ascent from
# $(-1, -0.5)$ and descent from $(1.2, 0.3)$ start beyond the *other* extremum, the one they
# are not looking for: ascent beyond the pit ($x < -1/\sqrt2$), descent beyond the peak
# ($x > 1/\sqrt2$). Uphill from $(-1, -0.5)$ is *away* from the pit, out onto the plain where
# $f$ rises towards 0 and flattens out; the gradient fades, and the budget runs out with the
# run reported as not converged. (With `tol=1e-3` and the default budget of 1000 steps,
# the ascent is reported as converged, out on the plain, far from any stationary point: see
# the article.) Gradient methods are local: where they end depends on where they start.

# %% [markdown]
# ## The value of f along the paths
#
# Descent lowers $f$ at every step and ascent raises it, towards $\mp 1/\sqrt{2e}$, the values
# at the pit and the peak.

# %%
down = gradient_descent(peak_and_pit_gradient, starts[0], learning_rate=0.5, steps=30)
up = gradient_ascent(peak_and_pit_gradient, starts[0], learning_rate=0.5, steps=30)


def draw():
    figure, axis = plt.subplots(figsize=(6, 3.5), layout="constrained")
    axis.plot([peak_and_pit(p) for p in down.path], "o-", markersize=3, label="descent")
    axis.plot([peak_and_pit(p) for p in up.path], "o-", markersize=3, label="ascent")
    for bound in (-1, 1):
        axis.axhline(
            bound / np.sqrt(2 * np.e), color="gray", linestyle=":", linewidth=1
        )
    axis.set_xlabel("step k")
    axis.set_ylabel("f(x⁽ᵏ⁾)")
    axis.legend()
    return figure


PaletteFigure(
    draw,
    "The value f(x⁽ᵏ⁾) of x·exp(−x² − y²) along 30 steps of gradient descent and "
    "30 of gradient ascent from the same start: descent falls to the lowest value "
    "of f, ascent rises to the highest; dotted lines mark the two extreme values, "
    "plus and minus 1/√(2e).",
)
