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
# # Notebook: stochastic gradient descent
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [Stochastic and minibatch gradient descent](../stochastic/index.md) on the same 200
# points of a noisy line, $f(\theta) = \frac1N\sum_i \tfrac12(a_i^\top\theta - y_i)^2$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import minibatch_descent
from steepest.regression import (
    mean_squared_error,
    mean_squared_error_gradient,
    noisy_line,
)
from steepest.rendering import PaletteFigure

X, y = noisy_line()
N = len(y)
theta_star = np.linalg.lstsq(X, y)[0]
f_star = mean_squared_error(theta_star, X, y)


def batch_gradient(theta, batch):
    """The mean gradient over the examples of the batch."""
    return mean_squared_error_gradient(theta, X[batch], y[batch])


def gaps_along(run):
    """f(θ⁽ᵏ⁾) − f(θ*) at every point of the run."""
    return np.array([mean_squared_error(t, X, y) for t in run.path]) - f_star


print(f"N = {N}, θ* = {theta_star}")

# %% [markdown]
# ## The noise floor over several seeds
#
# The article measured each floor on one run. A floor is an average, so it varies a little
# with the seed that shuffles the epochs: five seeds, one example a step, 30 epochs, the
# mean gap over the last 15. The spread across seeds is small next to the factor between
# learning rates.

# %%
alphas = (0.01, 0.02, 0.04, 0.08)
seeds = range(5)
floors = np.array(
    [
        [
            gaps_along(
                minibatch_descent(batch_gradient, [0.0, 0.0], alpha, N, 1, 30, seed)
            )[-15 * N :].mean()
            for seed in seeds
        ]
        for alpha in alphas
    ]
)
print(f"{'α':>5} {'mean floor':>11} {'lowest':>9} {'highest':>9}")
for alpha, row in zip(alphas, floors, strict=True):
    print(f"{alpha:>5} {row.mean():>11.2e} {row.min():>9.2e} {row.max():>9.2e}")
print(
    "ratios of the means per doubled α:",
    np.round(floors.mean(axis=1)[1:] / floors.mean(axis=1)[:-1], 2),
)

# %% [markdown]
# ## The schedule
#
# $\alpha_k = \alpha_0/(1 + k/\tau)$ halves after $\tau$ steps, is a third of $\alpha_0$
# after $2\tau$, and falls like $\alpha_0\tau/k$ from then on: the sum of the $\alpha_k$
# grows like $\alpha_0\tau\log k$, without bound, while the sum of their squares stays
# below $\alpha_0^2(1 + \tau)$.

# %%
tau, alpha0 = N, 0.08
run = minibatch_descent(batch_gradient, [0.0, 0.0], alpha0, N, 1, 20, seed=1, tau=tau)
k = np.arange(run.iterations)
print(
    f"α at k = τ: {run.step_sizes[tau]:.4f}, at k = 2τ: {run.step_sizes[2 * tau]:.4f}"
)
print(
    f"Σαₖ = {run.step_sizes.sum():.2f}, α₀τ log(1 + K/τ) = {alpha0 * tau * np.log1p(len(k) / tau):.2f}"
)
print(
    f"Σαₖ² = {(run.step_sizes**2).sum():.4f} < α₀²(1 + τ) = {alpha0**2 * (1 + tau):.4f}"
)


def schedule_figure():
    figure, axis = plt.subplots(figsize=(7, 3.4), layout="constrained")
    axis.plot(k / N, run.step_sizes, color="C2", label="αₖ = 0.08 / (1 + k/200)")
    axis.plot(k / N, alpha0 * tau / np.maximum(k, 1), "--", color="C1", label="α₀τ/k")
    axis.set_ylim(0, 0.09)
    axis.set_xlabel("epoch")
    axis.set_ylabel("learning rate")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


PaletteFigure(
    schedule_figure,
    "The learning rate 0.08/(1 + k/200) against the epoch over 20 epochs: it halves after "
    "the first epoch and falls to about 0.004 by the last, approaching the dashed curve "
    "α₀τ/k from below.",
)

# %% [markdown]
# ## Batch sizes at equal numbers of steps
#
# The article compared batch sizes at equal cost, in epochs. Counted in *steps* instead,
# the larger batch always wins: each of its steps uses a better gradient. That is the right
# count when a step costs the same whatever $b$ (on parallel hardware, up to a point); the
# epoch count is right when every per-example gradient costs the same. 400 steps each at
# $\alpha = 0.1$, the mean gap over the last 100:

# %%
print(f"{'b':>4} {'epochs':>7} {'mean gap, last 100 steps':>25}")
for b in (1, 10, 50, 200):
    epochs = 400 * b // N
    steps_run = minibatch_descent(
        batch_gradient, [0.0, 0.0], 0.1, N, b, max(epochs, 1), seed=1
    )
    gaps = gaps_along(steps_run)[: 400 + 1]
    print(f"{b:>4} {400 * b / N:>7.0f} {gaps[-100:].mean():>25.2e}")
