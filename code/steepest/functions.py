"""Example objectives used across the articles, each with its analytic gradient."""

# --8<-- [start:peak_and_pit]
import numpy as np
from numpy.typing import ArrayLike, NDArray


def peak_and_pit(p: ArrayLike) -> float:
    """f(x, y) = x · exp(−x² − y²): a peak at (1/√2, 0) and a pit at (−1/√2, 0)."""
    x, y = np.asarray(p, dtype=float)
    return float(x * np.exp(-(x**2) - y**2))


def peak_and_pit_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = exp(−x² − y²) · (1 − 2x², −2xy)."""
    x, y = np.asarray(p, dtype=float)
    return np.exp(-(x**2) - y**2) * np.array([1 - 2 * x**2, -2 * x * y])
    # --8<-- [end:peak_and_pit]


# --8<-- [start:paraboloid]
def paraboloid(p: ArrayLike) -> float:
    """f(x, y) = x² + y²: a bowl with its minimum at the origin and no maximum."""
    x, y = np.asarray(p, dtype=float)
    return float(x**2 + y**2)


def paraboloid_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (2x, 2y)."""
    x, y = np.asarray(p, dtype=float)
    return np.array([2 * x, 2 * y])
    # --8<-- [end:paraboloid]


# --8<-- [start:skewed_bowl]
def skewed_bowl(p: ArrayLike) -> float:
    """f(x, y) = x² + 3y² + xy: an elliptic bowl whose axes are not the x and y axes."""
    x, y = np.asarray(p, dtype=float)
    return float(x**2 + 3 * y**2 + x * y)


def skewed_bowl_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (2x + y, x + 6y)."""
    x, y = np.asarray(p, dtype=float)
    return np.array([2 * x + y, x + 6 * y])
    # --8<-- [end:skewed_bowl]


# --8<-- [start:narrow_valley]
def narrow_valley(p: ArrayLike) -> float:
    """f(x, y) = (x² + 0.01 y²) / 2: curvatures 1 and 0.01, minimum at the origin."""
    x, y = np.asarray(p, dtype=float)
    return float((x**2 + 0.01 * y**2) / 2)


def narrow_valley_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (x, 0.01 y)."""
    x, y = np.asarray(p, dtype=float)
    return np.array([x, 0.01 * y])
    # --8<-- [end:narrow_valley]


# --8<-- [start:saddle]
def saddle(p: ArrayLike) -> float:
    """f(x, y) = x² − y²: a saddle point at the origin, no minimum, no maximum."""
    x, y = np.asarray(p, dtype=float)
    return float(x**2 - y**2)


def saddle_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (2x, −2y)."""
    x, y = np.asarray(p, dtype=float)
    return np.array([2 * x, -2 * y])
    # --8<-- [end:saddle]


# --8<-- [start:rosenbrock]
def rosenbrock(p: ArrayLike) -> float:
    """f(x, y) = (1 − x)² + 100 (y − x²)²: a curved valley, minimum at (1, 1)."""
    x, y = np.asarray(p, dtype=float)
    return float((1 - x) ** 2 + 100 * (y - x**2) ** 2)


def rosenbrock_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (−2(1 − x) − 400x(y − x²), 200(y − x²))."""
    x, y = np.asarray(p, dtype=float)
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    # --8<-- [end:rosenbrock]


# --8<-- [start:himmelblau]
def himmelblau(p: ArrayLike) -> float:
    """f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima, one at (3, 2)."""
    x, y = np.asarray(p, dtype=float)
    return float((x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2)


def himmelblau_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """∇f(x, y) = (4xa + 2b, 2a + 4yb), with a = x² + y − 11, b = x + y² − 7."""
    x, y = np.asarray(p, dtype=float)
    a, b = x**2 + y - 11, x + y**2 - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])
    # --8<-- [end:himmelblau]


# --8<-- [start:hessians]
def skewed_bowl_hessian(p: ArrayLike) -> NDArray[np.float64]:
    """∇²f(x, y) = [[2, 1], [1, 6]] for f = x² + 3y² + xy, the same at every point."""
    return np.array([[2.0, 1.0], [1.0, 6.0]])


def narrow_valley_hessian(p: ArrayLike) -> NDArray[np.float64]:
    """∇²f(x, y) = [[1, 0], [0, 0.01]] for f = (x² + 0.01 y²)/2, at every point."""
    return np.array([[1.0, 0.0], [0.0, 0.01]])


def rosenbrock_hessian(p: ArrayLike) -> NDArray[np.float64]:
    """∇²f(x, y) = [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]] (Rosenbrock)."""
    x, y = np.asarray(p, dtype=float)
    return np.array([[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200.0]])


def himmelblau_hessian(p: ArrayLike) -> NDArray[np.float64]:
    """∇²f(x, y) = [[4a + 8x² + 2, 4(x + y)], [4(x + y), 4b + 8y² + 2]] (Himmelblau).

    a = x² + y − 11 and b = x + y² − 7, as in `himmelblau_gradient`.
    """
    x, y = np.asarray(p, dtype=float)
    a, b = x**2 + y - 11, x + y**2 - 7
    mixed = 4 * (x + y)
    return np.array([[4 * a + 8 * x**2 + 2, mixed], [mixed, 4 * b + 8 * y**2 + 2]])
    # --8<-- [end:hessians]


# --8<-- [start:quartic]
def quartic(p: ArrayLike) -> float:
    """f(x) = x⁴ in one variable: convex, minimum 0 at x = 0, f''(x) = 12x² unbounded."""
    (x,) = np.asarray(p, dtype=float)
    return float(x**4)


def quartic_gradient(p: ArrayLike) -> NDArray[np.float64]:
    """f'(x) = 4x³, as a vector of one coordinate."""
    (x,) = np.asarray(p, dtype=float)
    return np.array([4 * x**3])
    # --8<-- [end:quartic]


# --8<-- [start:huber]
def huber_width(width: float) -> float:
    """width as a float, if it is a finite number > 0; else ValueError naming it."""
    tau = float(width)
    if not 0 < tau < np.inf:
        raise ValueError(f"width must be a positive finite number, got {width}")
    return tau


def huber(p: ArrayLike, width: float) -> float:
    """f(x) = x²/2 for |x| ≤ τ, τ|x| − τ²/2 beyond (τ = `width` > 0): convex, L = 1."""
    (x,) = np.asarray(p, dtype=float)
    tau = huber_width(width)
    return float(x**2 / 2 if abs(x) <= tau else tau * abs(x) - tau**2 / 2)


def huber_gradient(p: ArrayLike, width: float) -> NDArray[np.float64]:
    """f'(x) = x clipped to [−τ, τ]: slope τ outside the quadratic middle."""
    (x,) = np.asarray(p, dtype=float)
    tau = huber_width(width)
    return np.array([min(max(x, -tau), tau)])
    # --8<-- [end:huber]
