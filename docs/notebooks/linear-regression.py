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
# # Notebook: linear regression
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [Linear regression by gradient descent](../linear-regression/index.md), with the objective
# $f(\theta) = \frac{1}{2m}\lVert X\theta - y\rVert^2$ and its gradient
# $\frac1m X^\top(X\theta - y)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_descent
from steepest.regression import (
    example_data,
    mean_squared_error,
    mean_squared_error_gradient,
)
from steepest.rendering import PaletteFigure

X, y = example_data()
theta_star = np.linalg.lstsq(X, y)[0]
lambda_min, lambda_max = np.linalg.eigvalsh(X.T @ X / len(X))
print(f"θ* = {theta_star}, λmin = {lambda_min:.4f}, λmax = {lambda_max:.4f}")


def loss_gradient(theta):
    return mean_squared_error_gradient(theta, X, y)


# %% [markdown]
# ## Steps to reach the least-squares solution, for a sweep of learning rates
#
# Each run starts at $\theta^{(0)} = 0$ and stops when
# $\lVert\nabla f\rVert \le 10^{-6}\lambda_{\min}$, which guarantees
# $\lVert\theta - \theta^*\rVert \le 10^{-6}$. Rates at or above $2/\lambda_{\max}$
# run 30 steps only.

# %%
bound = 2 / lambda_max
best = 2 / (lambda_min + lambda_max)
alphas = [0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, best, 0.236, 0.239, 0.24, 0.25]
print(f"{'α':>7} {'steps':>6} {'distance to θ*':>15}")
for alpha in alphas:
    if alpha < bound:
        fit = gradient_descent(
            loss_gradient, np.zeros(2), alpha, steps=50_000, tol=1e-6 * lambda_min
        )
        distance = np.linalg.norm(fit.x - theta_star)
        print(f"{alpha:>7.4f} {fit.iterations:>6} {distance:>15.2e}")
    else:
        short = gradient_descent(loss_gradient, np.zeros(2), alpha, steps=30)
        distance = np.linalg.norm(short.x - theta_star)
        print(f"{alpha:>7.4f} {'-':>6} {distance:>15.2e}  after 30 steps (diverging)")

# %% [markdown]
# The number of steps is roughly inversely proportional to $\alpha$ while the slow
# direction limits the speed. It is lowest near $\alpha = 0.2$, not exactly at
# $2/(\lambda_{\min}+\lambda_{\max}) \approx 0.2353$: that rate minimises the worst
# contraction factor of the *error*, but the gradient test weights the fast direction by
# $\lambda_{\max}$, and at that rate the fast direction contracts as slowly as the slow
# one. Just below the bound $2/\lambda_{\max}$ the fast direction barely contracts and
# the count shoots up; above the bound the distance grows.

# %% [markdown]
# ## Loss curves of several learning rates

# %%
lowest = mean_squared_error(theta_star, X, y)


def draw():
    figure, axis = plt.subplots(figsize=(6.5, 3.8), layout="constrained")
    for alpha in (0.01, 0.05, 0.1, 0.2, best, 0.238):
        run = gradient_descent(loss_gradient, np.zeros(2), alpha, steps=400)
        gaps = [mean_squared_error(t, X, y) - lowest for t in run.path]
        axis.semilogy(np.maximum(gaps, 1e-16), label=f"α = {alpha:.3f}")
    axis.set_xlabel("step k")
    axis.set_ylabel("f(θ⁽ᵏ⁾) − f(θ*)")
    axis.legend(fontsize=9)
    return figure


PaletteFigure(
    draw,
    "The gap f(θ⁽ᵏ⁾) − f(θ*) on a log scale over 400 steps of descent on the mean "
    "squared error, one curve per learning rate from 0.01 to 0.238: the larger "
    "the learning rate up to the best one, the faster the gap falls.",
)

# %% [markdown]
# ## A larger data set with the feature far from zero
#
# Fifty noisy points on the line $y = 3 + 0.5x$ with $x$ between 100 and 110 (seeded).
# The intercept column and the feature column are almost parallel, so $X^\top X/m$ is
# extremely ill-conditioned, and the stable learning rate is tiny. Centring the feature
# removes the problem.

# %%
rng = np.random.default_rng(7)
x = rng.uniform(100, 110, size=50)
y_big = 3 + 0.5 * x + rng.normal(0, 0.5, size=50)
designs = {
    "raw": np.column_stack([np.ones_like(x), x]),
    "centred": np.column_stack([np.ones_like(x), x - x.mean()]),
}
print(f"{'design':<8} {'λmin':>10} {'λmax':>10} {'κ':>10} {'best α':>10} {'steps':>7}")
for name, design in designs.items():
    low, high = np.linalg.eigvalsh(design.T @ design / len(design))
    fit = gradient_descent(
        lambda t, d=design: mean_squared_error_gradient(t, d, y_big),
        np.zeros(2),
        2 / (low + high),
        steps=20_000,
        tol=1e-6 * low,
    )
    result = fit.iterations if fit.converged else "> 20000"
    print(
        f"{name:<8} {low:>10.3g} {high:>10.3g} {high / low:>10.3g}"
        f" {2 / (low + high):>10.3g} {result!s:>7}"
    )

# %% [markdown]
# With the raw feature the run spends its whole budget of 20 000 steps without reaching
# the tolerance: at the best constant $\alpha$ the slow direction shrinks by
# $(\kappa - 1)/(\kappa + 1)$ per step, a factor extremely close to 1. With the centred
# feature the same rule is met in a few dozen steps.
