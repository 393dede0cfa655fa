"""Every figure of the site: the `FIGURES` of each article's module, combined.

The build draws every entry as figures/<stem>-light.svg and figures/<stem>-dark.svg (see
hooks/figures.py). The combination lives here, not in the package's __init__, so that
importing one article's module does not import (and depend on) all the others.
"""

from collections.abc import Callable

from matplotlib.figure import Figure

from steepest.figures import (
    derivatives,
    descent_and_ascent,
    gradient,
    learning_rate,
    linear_regression,
    logistic_regression,
    momentum,
    newton_and_adaptive,
    rates,
    steepest_ascent,
    stochastic,
    when_it_goes_wrong,
)

ARTICLE_MODULES = (
    derivatives,
    gradient,
    steepest_ascent,
    descent_and_ascent,
    learning_rate,
    linear_regression,
    logistic_regression,
    when_it_goes_wrong,
    rates,
    momentum,
    stochastic,
    newton_and_adaptive,
)

FIGURES: dict[str, Callable[[], Figure]] = {}
for _module in ARTICLE_MODULES:
    if clashes := FIGURES.keys() & _module.FIGURES.keys():
        raise ValueError(f"figure names used twice: {sorted(clashes)}")
    FIGURES.update(_module.FIGURES)
