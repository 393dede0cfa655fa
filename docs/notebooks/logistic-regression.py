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
# # Notebook: logistic regression
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article
# [Logistic regression by gradient ascent](../logistic-regression/index.md) on the same forty
# points.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_ascent
from steepest.logistic import (
    log_likelihood,
    log_likelihood_gradient,
    make_data,
    sigmoid,
)
from steepest.rendering import PaletteFigure

X, y = make_data()


def gradient(theta):
    """∇f(θ) = Xᵀ(y − σ(Xθ)) on the data set."""
    return log_likelihood_gradient(theta, X, y)


# %% [markdown]
# ## A reference: Newton's method
#
# Newton's method uses the Hessian $-X^\top S X$ as well as the gradient and reaches the
# maximum of this concave $f$ in a handful of steps. Its result is the reference for the
# gradient-ascent runs below.

# %%
theta = np.zeros(2)
for step in range(8):
    p = sigmoid(X @ theta)
    hessian = -X.T @ (X * (p * (1 - p))[:, None])
    theta = theta - np.linalg.solve(hessian, gradient(theta))
    print(f"step {step + 1}: θ = {theta}, ‖∇f‖ = {np.linalg.norm(gradient(theta)):.1e}")
newton = theta

# %% [markdown]
# ## The learning rate and the number of steps
#
# Every run starts at $(0, 0)$ and stops once $\lVert\nabla f\rVert \le 10^{-6}$, or after
# 5000 steps. The bound $2/L$ with $L = \lambda_{\max}(X^\top X)/4$ guarantees that each
# step increases $f$; it is a worst case over all $\theta$. Near the maximum the curvature
# is smaller, so somewhat larger rates still converge, but without the guarantee: the
# column "f rises" says whether $f$ increased at every step.

# %%
bound = 2 / (np.linalg.eigvalsh(X.T @ X).max() / 4)
print(f"2/L = {bound:.4f}\n")
print(
    f"{'α':>6} {'steps':>6} {'converged':>10} {'f rises':>8} {'distance to Newton':>19}"
)
for alpha in (0.005, 0.01, 0.02, 0.05, 0.07, 0.1, 0.2, 0.3, 0.5):
    run = gradient_ascent(gradient, np.zeros(2), alpha, steps=5000, tol=1e-6)
    values = np.array([log_likelihood(t, X, y) for t in run.path])
    rises = bool(np.all(np.diff(values) > 0))
    distance = np.linalg.norm(run.x - newton)
    print(
        f"{alpha:>6} {run.iterations:>6} {run.converged!s:>10} {rises!s:>8}"
        f" {distance:>19.1e}"
    )

# %% [markdown]
# Halving $\alpha$ roughly doubles the number of steps while the rate is small. Above the
# bound the count keeps falling for a while, then the steps overshoot: at $\alpha = 0.3$
# the value of $f$ no longer rises at every step, and at $\alpha = 0.5$ the iterates
# bounce around the maximum without ever settling.

# %% [markdown]
# ## How fast f approaches its maximum
#
# The gap $f(\hat\theta) - f(\theta^{(k)})$ on a logarithmic scale: straight lines, that is
# linear convergence, steeper for larger $\alpha$ as long as the steps stay stable.

# %%
best = log_likelihood(newton, X, y)


def draw():
    figure, axis = plt.subplots(figsize=(6, 3.5), layout="constrained")
    for alpha in (0.01, 0.02, 0.05, 0.1):
        run = gradient_ascent(gradient, np.zeros(2), alpha, steps=400, tol=1e-6)
        gaps = [best - log_likelihood(t, X, y) for t in run.path]
        axis.semilogy(np.maximum(gaps, 1e-16), label=f"α = {alpha}")
    axis.set_xlabel("step k")
    axis.set_ylabel("f(θ̂) − f(θ⁽ᵏ⁾)")
    axis.legend()
    return figure


PaletteFigure(
    draw,
    "The gap between the largest log-likelihood and its value along gradient "
    "ascent, on a log scale over up to 400 steps, for α = 0.01, 0.02, 0.05 and "
    "0.1: larger learning rates close the gap faster.",
)
