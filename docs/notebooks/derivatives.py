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
# # Notebook: derivatives
#
# This notebook is executed when the site is built: every output below comes from running it
# with the `steepest` package. It continues the article
# [Derivatives and numerical differentiation](../derivatives/index.md).

# %%
import matplotlib.pyplot as plt
import numpy as np

from steepest import backward_difference, central_difference, forward_difference
from steepest.differentiation import EPSILON, central_step
from steepest.rendering import PaletteFigure

# %% [markdown]
# ## Errors for several functions and points
#
# Relative error of each difference quotient at its usual step
# ($\sqrt\varepsilon\cdot\max(1, \lvert x\rvert)$ for the one-sided quotients,
# `central_step(x)` $= \sqrt[3]\varepsilon\cdot\max(1, \lvert x\rvert)$ for the central
# one), against the exact derivative.

# %%
functions = {
    "sin": (np.sin, np.cos),
    "exp": (np.exp, np.exp),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "log": (np.log, lambda x: 1 / x),
    "x^3": (lambda x: x**3, lambda x: 3 * x**2),
}
print(f"{'f':<5} {'x':>5} {'forward':>10} {'backward':>10} {'central':>10}")
for name, (f, derivative) in functions.items():
    for x in (0.5, 1.0, 2.0):
        exact = derivative(x)
        h = np.sqrt(EPSILON) * max(1.0, abs(x))
        errors = [
            abs(forward_difference(f, x, h) - exact) / abs(exact),
            abs(backward_difference(f, x, h) - exact) / abs(exact),
            abs(central_difference(f, x) - exact) / abs(exact),
        ]
        print(f"{name:<5} {x:>5} " + " ".join(f"{e:>10.1e}" for e in errors))

# %% [markdown]
# The one-sided errors sit near $10^{-8}$ and the central ones near $10^{-11}$, whatever the
# function: the orders of magnitude predicted by $\sqrt\varepsilon$ and
# $\varepsilon^{2/3}$.

# %% [markdown]
# ## A fixed step far from the origin
#
# Floating-point numbers near $x$ are spaced about $\varepsilon\lvert x\rvert$ apart. A step
# that is fine at $x = 1$ is too small at $x = 10^6$: $f(x \pm h)$ are rounded to the
# spacing of numbers near $f(x)$, about $\varepsilon\lvert f(x)\rvert$, and that rounding is
# large next to the tiny difference $f(x+h) - f(x-h) \approx 2hf'(x)$ (the relative error
# grows like $\varepsilon\lvert f(x)\rvert/(h\lvert f'(x)\rvert)$); $x \pm h$ itself rounds too. Scaling the
# step with $\lvert x\rvert$, as `central_step` does, avoids this. Here $f = \log$, whose
# derivative is $1/x$.

# %%
fixed = np.cbrt(EPSILON)
print(f"{'x':>8} {'fixed h':>12} {'scaled h':>12}")
for x in (1.0, 1e2, 1e4, 1e6):
    exact = 1 / x
    fixed_error = abs(central_difference(np.log, x, fixed) - exact) / exact
    scaled_error = abs(central_difference(np.log, x, central_step(x)) - exact) / exact
    print(f"{x:>8.0e} {fixed_error:>12.1e} {scaled_error:>12.1e}")

# %% [markdown]
# ## The error curve of a second function
#
# The shape of the error curve in the article does not depend on $\sin$: here is the same
# plot for $\exp$ at $x = 0.5$.

# %%
steps = np.logspace(-15, 0, 61)


def draw():
    figure, axis = plt.subplots(figsize=(6, 3.8), layout="constrained")
    for method in (forward_difference, central_difference):
        errors = np.array([abs(method(np.exp, 0.5, h) - np.exp(0.5)) for h in steps])
        shown = errors > 0
        axis.loglog(
            steps[shown], errors[shown], "o-", markersize=3, label=method.__name__
        )
    axis.axvline(np.sqrt(EPSILON), color="gray", linestyle=":")
    axis.axvline(np.cbrt(EPSILON), color="gray", linestyle=":")
    axis.set_xlabel("step h")
    axis.set_ylabel("|error|")
    axis.legend()
    return figure


PaletteFigure(
    draw,
    "Log-log plot of the absolute error of forward_difference and "
    "central_difference for exp at 0.5 against the step h from 1e-15 to 1, with "
    "dotted vertical lines at the square root and the cube root of machine "
    "epsilon. To the right of its line each error falls along a straight line as "
    "h shrinks (truncation); to the left it rises again, noisily (rounding).",
)
