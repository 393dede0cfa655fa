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
# # Notebook: rates
#
# This notebook is executed when the site is built: every output below comes from
# running it with the `steepest` package. It continues the article
# [How fast: convexity, smoothness and rates](../rates/index.md): the power of the
# sublinear rate on flatter and flatter functions, separable data that are not
# symmetric, and the line search's two parameters.

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import gradient_ascent, gradient_descent
from steepest.logistic import (
    likelihood_has_maximum,
    log_likelihood,
    log_likelihood_gradient,
    make_data,
)
from steepest.rates import fitted_power
from steepest.rendering import PaletteFigure
from steepest.update_rules import Backtracking

# %% [markdown]
# ## The power of the gap on |x|ᵖ
#
# On $f(x) = \lvert x\rvert^p$ with even $p \ge 4$, descent from $x^{(0)} = 1$ with
# $\alpha \le 1/L$, $L = p(p-1)$ the largest $f''$ on $[-1, 1]$, keeps the iterates in
# $[0, 1]$. A step is $x^{(k+1)} = x^{(k)}(1 - \alpha p\,(x^{(k)})^{p-2})$, so
# $v = x^{p-2}$ obeys $v^{(k+1)} \approx v^{(k)} - \alpha p (p-2) (v^{(k)})^2$ and
# $v^{(k)} \approx 1/(\alpha p (p-2) k)$: the gap $x^p = v^{p/(p-2)}$ falls like
# $k^{-p/(p-2)}$. The exponent is $-2$ for $p = 4$ and tends to $-1$, the order of the
# worst-case bound, as $p$ grows: flatter minima are slower.


# %%
def power_gradient(p):
    """f'(x) = p x^(p−1) for f(x) = x^p, p even."""
    return lambda x: p * x ** (p - 1)


steps = 50_000
k = np.arange(1, steps + 1)
tail = k >= steps // 10
gaps = {}
for p in (4, 6, 10, 20):
    alpha = 1 / (p * (p - 1))
    run = gradient_descent(power_gradient(p), [1.0], alpha, steps)
    gaps[p] = run.path[1:, 0] ** p
    bound_holds = bool(np.all(gaps[p] <= 1 / (2 * alpha * k)))
    print(
        f"p = {p:>2}: fitted power {fitted_power(k[tail], gaps[p][tail]):.3f}, "
        f"predicted {-p / (p - 2):.3f}, bound 1/(2αk) holds: {bound_holds}"
    )


# %%
def power_gaps():
    """The gap against k on log–log axes, one line per power p."""
    figure, axis = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for p, gap in gaps.items():
        axis.loglog(k[::50], gap[::50], linewidth=1.8, label=f"p = {p}")
    axis.set_xlabel("step k")
    axis.set_ylabel("f(x⁽ᵏ⁾) − f*")
    axis.legend(fontsize=9, framealpha=0)
    axis.grid(True, linewidth=0.5)
    return figure


PaletteFigure(
    power_gaps,
    "The gap against the step on log–log axes for x⁴, x⁶, x¹⁰ and x²⁰, each with "
    "α = 1/L: straight lines, the flatter the function the shallower the line and "
    "the higher it lies.",
)

# %% [markdown]
# ## Separable data that are not symmetric
#
# The article's six points were symmetric, so $\theta_0$ stayed 0. Here the labels of
# the forty points of [logistic regression](../logistic-regression/index.md) are
# replaced by whether $x > 0$, and the points with $\lvert x\rvert < 0.5$ are left
# out, so the two classes are separated by a gap. The norm still grows like $\log k$;
# its increase per tenfold of steps settles only slowly, since the direction of
# $\theta^{(k)}$ converges to the maximum-margin direction only like $1/\log k$
# (Soudry et al., *The implicit bias of gradient descent on separable data*, 2018).

# %%
X_all, _ = make_data()
keep = np.abs(X_all[:, 1]) >= 0.5
X = X_all[keep]
y = (X[:, 1] > 0).astype(float)
print(f"{len(y)} points, maximum exists: {likelihood_has_maximum(X[:, 1], y)}")
alpha = 4 / np.linalg.eigvalsh(X.T @ X).max()
climb = gradient_ascent(
    lambda t: log_likelihood_gradient(t, X, y), np.zeros(2), alpha, 100_000
)
previous = None
for shown in (10, 100, 1000, 10_000, 100_000):
    theta = climb.path[shown]
    norm = np.linalg.norm(theta)
    increase = "" if previous is None else f", +{norm - previous:.3f} since k/10"
    print(
        f"k = {shown:>6}: θ = {np.round(theta, 3)}, ‖θ‖ = {norm:.3f}{increase}, "
        f"f(θ) = {log_likelihood(theta, X, y):.2e}"
    )
    previous = norm

# %% [markdown]
# The increase per tenfold tends to $\lVert\hat w\rVert\ln 10$, where $\hat w$ is the
# maximum-margin separator: the shortest $\theta$ with $a_i^\top\theta \ge 1$ at every
# label 1 and $\le -1$ at every label 0. With one feature and an intercept, if the two
# innermost points $a < 0 < b$ are the active constraints, $\hat w$ solves
# $\theta_0 + \theta_1 b = 1$, $\theta_0 + \theta_1 a = -1$; they are active when both
# Lagrange multipliers of that solution are positive, which the cell checks.

# %%
feature = X[:, 1]
a, b = feature[y == 0].max(), feature[y == 1].min()
w_hat = np.linalg.solve([[1.0, b], [1.0, a]], [1.0, -1.0])
multipliers = np.linalg.solve([[1.0, -1.0], [b, -a]], w_hat)
print(
    f"innermost points a = {a:.4f}, b = {b:.4f}; multipliers {np.round(multipliers, 3)}"
)
print(f"ŵ = {np.round(w_hat, 4)}, ‖ŵ‖ ln 10 = {np.linalg.norm(w_hat) * np.log(10):.3f}")
direction = climb.path[-1] / np.linalg.norm(climb.path[-1])
cosine = direction @ w_hat / np.linalg.norm(w_hat)
print(f"angle between θ⁽ᵏ⁾ and ŵ at k = 100 000: {np.degrees(np.arccos(cosine)):.2f}°")

# %% [markdown]
# ## The line search's α₀ and c
#
# Descent on the negative log-likelihood of the non-separated data, to
# $\lVert\nabla f\rVert \le 10^{-6}$, for several first trials $\alpha_0$ and shrink
# factors $c$ (with $\gamma = 10^{-4}$). From $\alpha_0 = 0.1$ every first trial
# passes: the search is then a fixed step, one evaluation a step. A large $\alpha_0$
# costs trials at every step, and the number of steps does not fall steadily with
# larger steps: see the cell after the table.

# %%
X, y = make_data()  # the forty points, not separated


def loss(theta):
    """−f(θ), the negative log-likelihood."""
    return -log_likelihood(theta, X, y)


def loss_gradient(theta):
    """∇(−f)(θ) = Xᵀ(σ(Xθ) − y)."""
    return -log_likelihood_gradient(theta, X, y)


print(" α₀     c    steps  evaluations")
for first in (0.1, 1.0, 10.0):
    for shrink in (0.2, 0.5, 0.8):
        run = gradient_descent(
            loss_gradient,
            np.zeros(2),
            first,
            steps=10_000,
            tol=1e-6,
            rule=Backtracking(loss, shrink=shrink),
        )
        print(f"{first:>4} {shrink:>5} {run.iterations:>6} {run.evaluations:>10}")

# %% [markdown]
# With $c = 0.8$ from $\alpha_0 = 1$ the search settles on $0.8^5 \approx 0.33$. A small
# $\gamma$ accepts nearly every step that lowers $f$: on a quadratic $\tfrac12 x^\top A x$,
# exactly the $\alpha \le 2(1 - \gamma)/\lambda$, where
# $\lambda = \nabla f^\top A\nabla f/\lVert\nabla f\rVert^2$ is the curvature along the
# gradient. Near $2/\lambda$ the iterates oscillate and converge slowly (a fixed step of
# 0.35 no longer converges here). A larger $\gamma$ asks for more decrease and rules those
# steps out: $\gamma = 1/2$ accepts $\alpha \le 1/\lambda$.

# %%
for gamma in (1e-4, 0.5):
    run = gradient_descent(
        loss_gradient,
        np.zeros(2),
        1.0,
        steps=10_000,
        tol=1e-6,
        rule=Backtracking(loss, shrink=0.8, sufficient_decrease=gamma),
    )
    values, counts = np.unique(np.round(run.step_sizes, 4), return_counts=True)
    common = values[np.argmax(counts)]
    print(
        f"γ = {gamma}: {run.iterations} steps, {run.evaluations} evaluations, "
        f"most common accepted α = {common}"
    )
