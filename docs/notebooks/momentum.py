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
# # Notebook: momentum
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [Momentum and Nesterov's method](../momentum/index.md) on the narrow valley
# $f(x, y) = (x^2 + 0.01\,y^2)/2$, whose Hessian has the eigenvalues $0.01$ and $1$
# ($\kappa = 100$), and then leaves quadratics for the Rosenbrock function.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np

from steepest import HeavyBall, Nesterov, gradient_descent
from steepest.functions import narrow_valley_gradient, rosenbrock, rosenbrock_gradient
from steepest.rates import fitted_rate, heavy_ball_rate, nesterov_rate
from steepest.rendering import PaletteFigure

eigenvalues = [0.01, 1.0]
start = np.array([1.0, 10.0])


def errors(run, minimiser=(0.0, 0.0)):
    """‖x⁽ᵏ⁾ − x*‖ along a run."""
    return np.linalg.norm(run.path - np.asarray(minimiser), axis=1)


# %% [markdown]
# ## A sweep of β at α = 1
#
# For each momentum β the run takes 600 steps; the rate is fitted to the error over
# steps 200 to 600 and compared with the spectral radius of the heavy ball's 2 × 2
# matrices (`heavy_ball_rate`). Runs whose error reaches the smallest floating-point
# numbers before step 600 would spoil the fit; at α = 1 none does.

# %%
betas = np.round(np.arange(0.0, 0.96, 0.05), 2)
window = np.arange(200, 601)
measured, predicted = [], []
for beta in betas:
    run = gradient_descent(
        narrow_valley_gradient, start, 1.0, 600, rule=HeavyBall(beta)
    )
    measured.append(fitted_rate(window, errors(run)[window]))
    predicted.append(heavy_ball_rate(1.0, beta, eigenvalues))
measured, predicted = np.array(measured), np.array(predicted)
for beta, m, p in zip(betas, measured, predicted, strict=True):
    print(f"β = {beta:.2f}: measured {m:.5f}, spectral radius {p:.5f}")
print(f"largest relative difference: {np.max(np.abs(measured / predicted - 1)):.1e}")
critical = (1 - np.sqrt(1.0 * eigenvalues[0])) ** 2  # double root for λ = 0.01
print(
    f"critical β = (1 − √(αλmin))² = {critical:.4f}: ρ = {heavy_ball_rate(1.0, critical, eigenvalues):.4f}"
)


# %% [markdown]
# Below the critical β the slow component (λ = 0.01) has two real roots and the larger
# one sets the rate; above it the roots of every component are complex (at this α,
# (1 − √β)² < αλmin ≤ αλ ≤ αL = 1 < (1 + √β)² for every β above the critical one)
# and the rate is √β.
# The best β at this α is the critical one (exercise 1 of the article).


# %%
def draw_sweep():
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    fine = np.linspace(0, 0.99, 300)
    axis.plot(
        fine,
        [heavy_ball_rate(1.0, b, eigenvalues) for b in fine],
        color="C0",
        label="spectral radius (heavy_ball_rate)",
    )
    axis.plot(fine, np.sqrt(fine), color="C1", linestyle="--", linewidth=1, label="√β")
    axis.plot(betas, measured, "o", color="C2", markersize=4, label="measured on a run")
    axis.set_xlabel("momentum β")
    axis.set_ylabel("rate ρ per step")
    axis.set_ylim(0.85, 1.0)
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


PaletteFigure(
    draw_sweep,
    "The heavy ball's rate against β at α = 1 on the narrow valley: the spectral radius "
    "falls from 0.99 at β = 0 to its minimum 0.9 at β = 0.81, then follows the curve √β "
    "up towards 1; the rates measured on runs lie on the curve.",
)

# %% [markdown]
# ## Nesterov over the same sweep
#
# The same comparison for Nesterov's method, whose 2 × 2 matrix per eigenvalue is
# `nesterov_matrix`.

# %%
nesterov_measured, nesterov_predicted = [], []
for beta in betas:
    run = gradient_descent(narrow_valley_gradient, start, 1.0, 600, rule=Nesterov(beta))
    nesterov_measured.append(fitted_rate(window, errors(run)[window]))
    nesterov_predicted.append(nesterov_rate(1.0, beta, eigenvalues))
difference = np.max(
    np.abs(np.array(nesterov_measured) / np.array(nesterov_predicted) - 1)
)
print(f"Nesterov, largest relative difference over the sweep: {difference:.1e}")

# %% [markdown]
# ## Beyond quadratics: Rosenbrock
#
# $f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2$ from $(-1.2, 1)$ with $\alpha = 10^{-3}$,
# 5000 steps, plain descent against momentum $\beta = 0.9$.

# %%
runs = {}
for name, rule in [
    ("gradient descent", None),
    ("heavy ball, β = 0.9", HeavyBall(0.9)),
    ("Nesterov, β = 0.9", Nesterov(0.9)),
]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # none of these runs diverges
        runs[name] = gradient_descent(
            rosenbrock_gradient, [-1.2, 1.0], 1e-3, 5000, rule=rule
        )
for name, run in runs.items():
    print(
        f"{name:<20} ‖x - x*‖ = {errors(run, (1, 1))[-1]:.2e}, f = {rosenbrock(run.x):.2e}"
    )

# %% [markdown]
# Near the minimiser $(1, 1)$ the Hessian $\begin{pmatrix}802 & -400\\ -400 & 200\end{pmatrix}$
# plays the role of $A$, so the 2 × 2 analysis predicts the final rate of each run:

# %%
hessian = np.array([[802.0, -400.0], [-400.0, 200.0]])
local = np.linalg.eigvalsh(hessian)
print(
    f"Hessian eigenvalues at (1, 1): {np.round(local, 4)}, κ = {local[1] / local[0]:.0f}"
)
tail = np.arange(3000, 4001)
ball_error = errors(runs["heavy ball, β = 0.9"], (1, 1))
print(
    f"heavy ball: measured {fitted_rate(tail, ball_error[tail]):.5f}, "
    f"predicted {heavy_ball_rate(1e-3, 0.9, local):.5f}"
)
nesterov_error = errors(runs["Nesterov, β = 0.9"], (1, 1))
print(
    f"Nesterov:   measured {fitted_rate(tail, nesterov_error[tail]):.5f}, "
    f"predicted {nesterov_rate(1e-3, 0.9, local):.5f}"
)


# %%
def draw_rosenbrock():
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for (name, run), colour in zip(runs.items(), ("C0", "C2", "C4"), strict=True):
        axis.semilogy(errors(run, (1, 1)), color=colour, label=name)
    axis.set_xlabel("step k")
    axis.set_ylabel("‖x⁽ᵏ⁾ − x*‖")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


PaletteFigure(
    draw_rosenbrock,
    "Distance to the minimiser (1, 1) of the Rosenbrock function over 5000 steps with "
    "α = 0.001: plain descent is still about 0.13 away at the end; the heavy ball and "
    "Nesterov with β = 0.9 follow the curved valley, then fall along straight lines "
    "below 10⁻⁹.",
)
