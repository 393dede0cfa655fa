"""Update rules: how one step of descent or ascent turns ∇f(x⁽ᵏ⁾) into a displacement.

`follow_gradient` runs every rule in the same loop: it asks the rule for the
displacement x⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾ given the point, its gradient, the learning rate α, the
direction (−1 descent, +1 ascent) and the rule's state from the previous step. The
direction multiplies the gradient and nothing else, so ascent on f is descent on −f,
step for step, for every rule. A rule holds only its parameters (checked when it is
made); what a run remembers lives in the state, so one rule can serve many runs.
"""

# --8<-- [start:rule]
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from steepest.validation import describe, fraction, positive_number, real_valued


class Move(NamedTuple):
    """One step of a rule: the displacement, the rule's next state, the α it used."""

    displacement: NDArray[np.float64]  # x⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾
    state: Any  # what the rule remembers for the next step
    step_size: float  # the learning rate this step used
    evaluations: int = 0  # evaluations of f this step took (line searches)


@runtime_checkable
class UpdateRule(Protocol):
    """What `follow_gradient` asks of a rule: its first state, then one Move a step."""

    def start(self, x0: NDArray[np.float64]) -> Any:
        """The state before the first step."""

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: Any,
    ) -> Move:
        """The move from x, where ∇f(x) = gradient, given the previous state."""
        # --8<-- [end:rule]


def set_checked(rule: object, name: str, value: float) -> None:
    """Store a checked parameter on a frozen dataclass (from its __post_init__)."""
    object.__setattr__(rule, name, value)


# --8<-- [start:fixed_step]
@dataclass(frozen=True)
class FixedStep:
    """Plain gradient descent or ascent: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± α ∇f(x⁽ᵏ⁾). No state."""

    def start(self, x0: NDArray[np.float64]) -> None:
        return None

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: None,
    ) -> Move:
        return Move(direction * learning_rate * gradient, None, learning_rate)
        # --8<-- [end:fixed_step]


# --8<-- [start:decay]
@dataclass(frozen=True)
class Decay:
    """A decaying learning rate: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± αₖ ∇f(x⁽ᵏ⁾), αₖ = α / (1 + k/τ).

    k = 0, 1, 2, … counts the steps; τ (`tau` > 0) is the number of steps after which
    the learning rate has halved. The state is k.
    """

    tau: float

    def __post_init__(self) -> None:
        set_checked(self, "tau", positive_number(self.tau, "tau"))

    def start(self, x0: NDArray[np.float64]) -> int:
        return 0

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: int,
    ) -> Move:
        alpha = learning_rate / (1 + state / self.tau)
        return Move(direction * alpha * gradient, state + 1, alpha)
        # --8<-- [end:decay]


# --8<-- [start:heavy_ball]
@dataclass(frozen=True)
class HeavyBall:
    """Polyak's heavy ball: x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± α ∇f(x⁽ᵏ⁾) + β (x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾).

    β (`momentum`, 0 ≤ β < 1) keeps that fraction of the previous step; β = 0 is plain
    gradient descent or ascent. The state is the previous step v = x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾,
    zero before the first step.
    """

    momentum: float

    def __post_init__(self) -> None:
        set_checked(self, "momentum", fraction(self.momentum, "momentum"))

    def start(self, x0: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.zeros_like(x0)

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: NDArray[np.float64],
    ) -> Move:
        velocity = direction * learning_rate * gradient + self.momentum * state
        return Move(velocity, velocity, learning_rate)
        # --8<-- [end:heavy_ball]


# --8<-- [start:nesterov]
@dataclass(frozen=True)
class Nesterov:
    """Nesterov's accelerated gradient, written for the look-ahead point.

    The usual form evaluates the gradient at a look-ahead point y⁽ᵏ⁾:
    y⁽ᵏ⁾ = x⁽ᵏ⁾ + β (x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾), x⁽ᵏ⁺¹⁾ = y⁽ᵏ⁾ ± α ∇f(y⁽ᵏ⁾). This rule tracks y
    instead, so that the loop needs ∇f only at the point it holds: with
    v⁽ᵏ⁺¹⁾ = β v⁽ᵏ⁾ ± α ∇f(y⁽ᵏ⁾) = x⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾,
    y⁽ᵏ⁺¹⁾ = y⁽ᵏ⁾ + β v⁽ᵏ⁺¹⁾ ± α ∇f(y⁽ᵏ⁾).
    The path holds the points y⁽ᵏ⁾ (y⁽⁰⁾ = x⁽⁰⁾, v⁽⁰⁾ = 0); they converge where x⁽ᵏ⁾ does.
    β (`momentum`) is in [0, 1); the state is v.
    """

    momentum: float

    def __post_init__(self) -> None:
        set_checked(self, "momentum", fraction(self.momentum, "momentum"))

    def start(self, x0: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.zeros_like(x0)

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: NDArray[np.float64],
    ) -> Move:
        push = direction * learning_rate * gradient
        velocity = self.momentum * state + push
        return Move(self.momentum * velocity + push, velocity, learning_rate)
        # --8<-- [end:nesterov]


# --8<-- [start:adagrad]
@dataclass(frozen=True)
class AdaGrad:
    """AdaGrad: each coordinate's step divided by its gradients' root sum of squares.

    s⁽ᵏ⁺¹⁾ = s⁽ᵏ⁾ + ∇f(x⁽ᵏ⁾)²,  x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± α ∇f(x⁽ᵏ⁾) / (√s⁽ᵏ⁺¹⁾ + ε),
    squares, roots and quotients coordinate by coordinate, s⁽⁰⁾ = 0. ε (`epsilon` > 0)
    keeps the quotient finite where a coordinate's gradient has been zero. State: s.
    """

    epsilon: float = 1e-8

    def __post_init__(self) -> None:
        set_checked(self, "epsilon", positive_number(self.epsilon, "epsilon"))

    def start(self, x0: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.zeros_like(x0)

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: NDArray[np.float64],
    ) -> Move:
        squares = state + gradient**2
        scale = np.sqrt(squares) + self.epsilon
        return Move(
            direction * learning_rate * gradient / scale, squares, learning_rate
        )
        # --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
@dataclass(frozen=True)
class RMSProp:
    """RMSProp: each coordinate's step divided by a running root mean square.

    s⁽ᵏ⁺¹⁾ = ρ s⁽ᵏ⁾ + (1 − ρ) ∇f(x⁽ᵏ⁾)²,  x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± α ∇f(x⁽ᵏ⁾) / (√s⁽ᵏ⁺¹⁾ + ε),
    coordinate by coordinate, s⁽⁰⁾ = 0. ρ (`decay`, 0 ≤ ρ < 1) is how much of the old
    average each step keeps; ε (`epsilon` > 0) keeps the quotient finite. State: s.
    """

    decay: float = 0.9
    epsilon: float = 1e-8

    def __post_init__(self) -> None:
        set_checked(self, "decay", fraction(self.decay, "decay"))
        set_checked(self, "epsilon", positive_number(self.epsilon, "epsilon"))

    def start(self, x0: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.zeros_like(x0)

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: NDArray[np.float64],
    ) -> Move:
        average = self.decay * state + (1 - self.decay) * gradient**2
        scale = np.sqrt(average) + self.epsilon
        return Move(
            direction * learning_rate * gradient / scale, average, learning_rate
        )
        # --8<-- [end:rmsprop]


# --8<-- [start:adam]
@dataclass(frozen=True)
class Adam:
    """Adam: a running mean of the gradient over a running root mean square.

    m⁽ᵏ⁺¹⁾ = β₁ m⁽ᵏ⁾ + (1 − β₁) g,  v⁽ᵏ⁺¹⁾ = β₂ v⁽ᵏ⁾ + (1 − β₂) g²  (g = ∇f(x⁽ᵏ⁾)),
    m̂ = m⁽ᵏ⁺¹⁾ / (1 − β₁ᵏ⁺¹),  v̂ = v⁽ᵏ⁺¹⁾ / (1 − β₂ᵏ⁺¹),
    x⁽ᵏ⁺¹⁾ = x⁽ᵏ⁾ ± α m̂ / (√v̂ + ε), coordinate by coordinate, m⁽⁰⁾ = v⁽⁰⁾ = 0.
    The bias correction divides out the zero start: on the first step m̂ = g and
    v̂ = g², so each coordinate moves by α |g| / (|g| + ε), about α.
    β₁, β₂ (`beta1`, `beta2`) are in [0, 1), ε (`epsilon`) > 0. State: (m, v, k).
    """

    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8

    def __post_init__(self) -> None:
        set_checked(self, "beta1", fraction(self.beta1, "beta1"))
        set_checked(self, "beta2", fraction(self.beta2, "beta2"))
        set_checked(self, "epsilon", positive_number(self.epsilon, "epsilon"))

    def start(
        self, x0: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], int]:
        return np.zeros_like(x0), np.zeros_like(x0), 0

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: tuple[NDArray[np.float64], NDArray[np.float64], int],
    ) -> Move:
        mean, square, count = state
        mean = self.beta1 * mean + (1 - self.beta1) * gradient
        square = self.beta2 * square + (1 - self.beta2) * gradient**2
        count += 1
        mean_hat = mean / (1 - self.beta1**count)
        scale = np.sqrt(square / (1 - self.beta2**count)) + self.epsilon
        displacement = direction * learning_rate * mean_hat / scale
        return Move(displacement, (mean, square, count), learning_rate)
        # --8<-- [end:adam]


# --8<-- [start:backtracking]
@dataclass(frozen=True)
class Backtracking:
    """Backtracking line search with Armijo's sufficient-decrease condition.

    Each step tries α₀, c α₀, c² α₀, … (α₀ the learning rate, c = `shrink`) and takes
    the first α with, for descent and ascent respectively,
    f(x − α∇f(x)) ≤ f(x) − γ α ‖∇f(x)‖²,   f(x + α∇f(x)) ≥ f(x) + γ α ‖∇f(x)‖²
    (γ = `sufficient_decrease`; both read direction · (f(x ± α∇f) − f(x)) ≥ γ α ‖∇f‖²).
    For a differentiable f and ∇f(x) ≠ 0 a small enough α passes. If none passes before
    x ± α∇f(x) rounds to x (f is not finite nearby, or rounding hides the change), the
    step is 0. Each trial costs one evaluation of f; f(x) itself is evaluated once, on
    the first step, then kept: the accepted trial's value is f at the next point.
    The state is f(x), None before the first step. `f` must return real numbers;
    shrink and γ are in (0, 1).
    """

    f: Callable[[NDArray[np.float64]], object]
    shrink: float = 0.5
    sufficient_decrease: float = 1e-4

    def __post_init__(self) -> None:
        real_valued(self.f, "f")  # raises TypeError if f is not callable
        set_checked(self, "shrink", fraction(self.shrink, "shrink", zero=False))
        decrease = fraction(self.sufficient_decrease, "sufficient_decrease", zero=False)
        set_checked(self, "sufficient_decrease", decrease)

    def start(self, x0: NDArray[np.float64]) -> float | None:
        return None

    def step(
        self,
        x: NDArray[np.float64],
        gradient: NDArray[np.float64],
        learning_rate: float,
        direction: int,
        state: float | None,
    ) -> Move:
        f = real_valued(self.f, "f")
        value, evaluations = (f(x.copy()), 1) if state is None else (state, 0)
        slope = float(gradient @ gradient)  # ‖∇f(x)‖²
        alpha = learning_rate
        while True:
            displacement = direction * alpha * gradient
            trial = x + displacement
            if np.array_equal(trial, x):
                return Move(np.zeros_like(x), value, 0.0, evaluations)
            trial_value, evaluations = f(trial), evaluations + 1
            if (
                direction * (trial_value - value)
                >= self.sufficient_decrease * alpha * slope
            ):
                return Move(displacement, trial_value, alpha, evaluations)
            alpha *= self.shrink
            # --8<-- [end:backtracking]


def as_rule(rule: object) -> UpdateRule:
    """rule, if it has the methods `start` and `step`; else TypeError naming rule."""
    if not isinstance(rule, UpdateRule):
        raise TypeError(
            "rule must be an update rule, an object with methods start and step "
            f"(such as HeavyBall(0.9)), got {describe(rule)}"
        )
    return rule
