// A port of the parts of the Python package `steepest` that the explorables run in the
// browser: the example functions with their gradients, the mean squared error, and
// gradient descent and ascent with the package's divergence rule and two of its update
// rules (the fixed step and the heavy ball). Same formulas, same
// order of floating-point operations; tests/test_explorables.py checks that every
// function here returns what the package returns, on a grid of cases.

/** The iterates have diverged once ‖xₖ‖ > GROWTH_LIMIT · max(1, ‖x₀‖). */
export const GROWTH_LIMIT = 1e12;

const square = (value) => value * value;

/** Euclidean norm √(vᵀv), summed in order, as numpy's norm of a vector. */
export function norm(vector) {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** Example objectives of steepest.functions: value f(p) and gradient ∇f(p) at p = (x, y). */
export const FUNCTIONS = {
  paraboloid: {
    label: "x² + y²",
    value: ([x, y]) => square(x) + square(y),
    gradient: ([x, y]) => [2 * x, 2 * y],
  },
  skewed_bowl: {
    label: "x² + 3y² + xy",
    value: ([x, y]) => square(x) + 3 * square(y) + x * y,
    gradient: ([x, y]) => [2 * x + y, x + 6 * y],
  },
  narrow_valley: {
    label: "(x² + 0.01 y²) / 2",
    value: ([x, y]) => (square(x) + 0.01 * square(y)) / 2,
    gradient: ([x, y]) => [x, 0.01 * y],
  },
  peak_and_pit: {
    label: "x · exp(−x² − y²)",
    value: ([x, y]) => x * Math.exp(-square(x) - square(y)),
    gradient: ([x, y]) => {
      const scale = Math.exp(-square(x) - square(y));
      return [scale * (1 - 2 * square(x)), scale * (-2 * x * y)];
    },
  },
};

function residuals(theta, X, y) {
  return X.map((row, i) => row.reduce((sum, value, j) => sum + value * theta[j], 0) - y[i]);
}

/** f(θ) = (1/2m) ‖Xθ − y‖², m the number of rows of X. */
export function meanSquaredError(theta, X, y) {
  const residual = residuals(theta, X, y);
  return residual.reduce((sum, value) => sum + value * value, 0) / (2 * residual.length);
}

/** ∇f(θ) = Xᵀ(Xθ − y) / m. */
export function meanSquaredErrorGradient(theta, X, y) {
  const residual = residuals(theta, X, y);
  return theta.map(
    (_, j) => X.reduce((sum, row, i) => sum + row[j] * residual[i], 0) / X.length,
  );
}

const isFinite = (vector) => vector.every(Number.isFinite);

/**
 * The update rules of steepest.update_rules that the explorables use: each gives its first
 * state, then for one step the displacement xₖ₊₁ − xₖ and its next state, from xₖ, ∇f(xₖ),
 * α, the direction and the previous state.
 */
export const FIXED_STEP = {
  start: () => null,
  step: (x, slope, learningRate, direction) => [slope.map((g) => direction * learningRate * g), null],
};

/** Polyak's heavy ball, steepest.HeavyBall(β): v ← direction · α ∇f(xₖ) + β v; the step is v. */
export function heavyBall(momentum) {
  return {
    start: (x0) => x0.map(() => 0),
    step: (x, slope, learningRate, direction, velocity) => {
      const next = slope.map((g, i) => direction * learningRate * g + momentum * velocity[i]);
      return [next, next];
    },
  };
}

/**
 * xₖ₊₁ = xₖ + direction · α ∇f(xₖ), direction −1 (descent) or +1 (ascent), for `steps`
 * steps, or xₖ₊₁ = xₖ + the rule's displacement; earlier, converged, at the first xₖ with
 * ‖∇f(xₖ)‖ ≤ tol; earlier, diverged, when xₖ₊₁ or ∇f(xₖ₊₁) is not finite or
 * ‖xₖ₊₁‖ > GROWTH_LIMIT · max(1, ‖x₀‖).
 * Returns { x, path, iterations, converged, diverged } as steepest's OptimizeResult.
 */
export function followGradient(gradient, x0, learningRate, direction, steps, tol = null, rule = FIXED_STEP) {
  let x = [...x0];
  let slope = gradient(x);
  let state = rule.start(x);
  const bound = GROWTH_LIMIT * Math.max(1, norm(x));
  const path = [x];
  for (let step = 1; step <= steps; step++) {
    if (tol !== null && norm(slope) <= tol) break;
    const [displacement, nextState] = rule.step(x, slope, learningRate, direction, state);
    const next = x.map((value, i) => value + displacement[i]);
    const nextSlope = isFinite(next) && norm(next) <= bound ? gradient(next) : null;
    if (nextSlope === null || !isFinite(nextSlope)) {
      return { x, path, iterations: step - 1, converged: false, diverged: true };
    }
    [x, slope, state] = [next, nextSlope, nextState];
    path.push(x);
  }
  const converged = tol !== null && norm(slope) <= tol;
  return { x, path, iterations: path.length - 1, converged, diverged: false };
}

/** Gradient descent, xₖ₊₁ = xₖ − α ∇f(xₖ), or with an update rule. */
export const gradientDescent = (gradient, x0, learningRate, steps, tol = null, rule = FIXED_STEP) =>
  followGradient(gradient, x0, learningRate, -1, steps, tol, rule);

/** Gradient ascent, xₖ₊₁ = xₖ + α ∇f(xₖ), or with an update rule. */
export const gradientAscent = (gradient, x0, learningRate, steps, tol = null, rule = FIXED_STEP) =>
  followGradient(gradient, x0, learningRate, +1, steps, tol, rule);
