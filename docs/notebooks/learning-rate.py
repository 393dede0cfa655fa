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
# # Notebook: learning rate
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [Learning rate and stopping](../learning-rate/index.md) on the elliptic bowl
# $f(x, y) = x^2 + 3y^2 + xy = \tfrac12 x^\top A x$ with
# $A = \begin{pmatrix}2 & 1\\ 1 & 6\end{pmatrix}$.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_descent
from steepest.functions import (
    narrow_valley_gradient,
    skewed_bowl,
    skewed_bowl_gradient,
)
from steepest.rendering import PaletteFigure

A = np.array([[2.0, 1.0], [1.0, 6.0]])
lambda_min, lambda_max = np.linalg.eigvalsh(A)
print(f"λmin = {lambda_min:.4f}, λmax = {lambda_max:.4f}")
print(f"bound 2/λmax = {2 / lambda_max:.4f}")
print(f"best α = 2/(λmin + λmax) = {2 / (lambda_min + lambda_max):.4f}")

# %% [markdown]
# ## Steps to a tolerance, for a sweep of learning rates
#
# Each run starts at $(1, 0.5)$ and stops once $\lVert\nabla f\rVert \le 10^{-8}$,
# with a budget of 5000 steps. The gradient is
# $\nabla f(x^{(k)}) = (I - \alpha A)^k\,\nabla f(x^{(0)})$, so its length shrinks by a
# factor of at most $\rho(\alpha) = \max_i|1 - \alpha\lambda_i|$ per step, and the test is
# met after at most about
# $\log(\text{tol}/\lVert\nabla f(x^{(0)})\rVert) / \log\rho(\alpha)$ steps (the
# "predicted" column: an upper bound, reached when the slowest component dominates). Learning
# rates beyond the bound run for 30 steps only, to show the growth.


# %%
def spectral_radius(alpha):
    """ρ(α) = max |1 − αλᵢ|, the contraction factor of the slowest component."""
    return max(abs(1 - alpha * lambda_min), abs(1 - alpha * lambda_max))


start = np.array([1.0, 0.5])
tol = 1e-8
first_gradient = np.linalg.norm(skewed_bowl_gradient(start))
alphas = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.28, 0.3, 0.31, 0.32, 0.33, 0.35]
steps_needed = {}
print(f"{'α':>5} {'ρ(α)':>7} {'steps':>6} {'predicted':>9}  result")
for alpha in alphas:
    rho = spectral_radius(alpha)
    if rho < 1:
        run = gradient_descent(skewed_bowl_gradient, start, alpha, steps=5000, tol=tol)
        predicted = np.log(tol / first_gradient) / np.log(rho)
        steps_needed[alpha] = run.iterations
        result = "converged" if run.converged else "budget spent"
        print(f"{alpha:>5} {rho:>7.4f} {run.iterations:>6} {predicted:>9.0f}  {result}")
    else:
        run = gradient_descent(skewed_bowl_gradient, start, alpha, steps=30)
        growth = np.linalg.norm(run.x) / np.linalg.norm(start)
        print(f"{alpha:>5} {rho:>7.4f} {'-':>6} {'-':>9}  growth ×{growth:.1f} in 30")

# %% [markdown]
# The count falls as $\alpha$ grows, is smallest near
# $2/(\lambda_{\min}+\lambda_{\max})$, rises again as $\alpha$ approaches
# $2/\lambda_{\max}$ (the fast direction oscillates with a factor close to −1), and
# beyond the bound the iterates grow.


# %%
def draw():
    figure, axis = plt.subplots(figsize=(6, 3.5), layout="constrained")
    axis.plot(list(steps_needed), list(steps_needed.values()), "o-")
    axis.axvline(2 / (lambda_min + lambda_max), linestyle=":", label="2/(λmin + λmax)")
    axis.axvline(2 / lambda_max, color="C1", linestyle="--", label="2/λmax")
    axis.set_yscale("log")
    axis.set_xlabel("learning rate α")
    axis.set_ylabel("steps to ‖∇f‖ ≤ 1e-8")
    axis.legend()
    return figure


PaletteFigure(
    draw,
    "The number of steps to reach ‖∇f‖ ≤ 1e-8 against the learning rate α, on a "
    "log scale: the count falls as α grows, is lowest near the dotted line at "
    "2/(λmin + λmax), and rises again as α approaches the dashed line at 2/λmax.",
)

# %% [markdown]
# ## The value of f along runs on either side of the best learning rate
#
# Below the best learning rate the slow direction limits the speed; above it the fast
# direction does. For every $\alpha < 2/\lambda_{\max}$, $f(x^{(k)})$ decreases at every step:
# in the eigenvector coordinates $f = \tfrac12\sum_i\lambda_i c_i^2$ and every $|c_i|$
# shrinks. What changes once $\alpha > 1/\lambda_{\max}$ is the sign of the fast component
# $c_2$: it alternates from step to step, and the iterates zig-zag across the bowl.


# %%
def draw():
    figure, axis = plt.subplots(figsize=(6, 3.5), layout="constrained")
    for alpha in (0.05, 0.15, 2 / (lambda_min + lambda_max), 0.31):
        run = gradient_descent(skewed_bowl_gradient, start, alpha, steps=80)
        axis.semilogy([skewed_bowl(p) for p in run.path], label=f"α = {alpha:.3f}")
    axis.set_xlabel("step k")
    axis.set_ylabel("f(x⁽ᵏ⁾)")
    axis.legend()
    return figure


PaletteFigure(
    draw,
    "f(x⁽ᵏ⁾) on a log scale along 80 steps of descent on x² + 3y² + xy for four "
    "learning rates around the best one: every curve decreases, each at its own "
    "rate.",
)

# %% [markdown]
# ## Stopping rules on the narrow valley
#
# On $f(x, y) = (x^2 + 0.01y^2)/2$ a gradient tolerance `tol` only guarantees an
# error of `tol / 0.01`. The table runs the gradient test with several tolerances and
# reports the actual distance to the minimiser next to that bound.

# %%
print(f"{'tol':>8} {'steps':>6} {'‖x - x*‖':>10} {'tol/λmin':>10}")
for tol in (1e-2, 1e-4, 1e-6, 1e-8):
    run = gradient_descent(narrow_valley_gradient, [1.0, 10.0], 1.0, 5000, tol=tol)
    error = np.linalg.norm(run.x)
    print(f"{tol:>8.0e} {run.iterations:>6} {error:>10.2e} {tol / 0.01:>10.0e}")
