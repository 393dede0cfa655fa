// The explorables: figures the reader drives with sliders. Paths and gradients are computed
// here by the port of the package (steepest.mjs); contour lines, data and bounds come from
// the package at build time (explorables/<name>.json). Each drawing keeps its numbers in
// data coordinates (plot.mjs) and each shown number its full value in data-value, so the
// tests can compare both with the package.

import {
  drawContours,
  plot,
  pointList,
  powerOfTen,
  svgElement,
  symmetricTicks,
  visiblePrefix,
} from "./plot.mjs";
import {
  FUNCTIONS,
  gradientAscent,
  gradientDescent,
  heavyBall,
  meanSquaredError,
  meanSquaredErrorGradient,
  norm,
} from "./steepest.mjs";

/** Create an HTML element with attributes and text, appended to parent when given. */
function htmlElement(name, attributes = {}, parent = null, text = null) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== null) element.textContent = text;
  parent?.append(element);
  return element;
}

/** A number as shown: four significant digits, exponent form when very large or small. */
export function formatNumber(value) {
  const magnitude = Math.abs(value);
  const text =
    magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)
      ? value.toExponential(2)
      : String(Number(value.toPrecision(4)));
  return text.replaceAll("-", "−");
}

/** A shown number that keeps its exact value in data-value, named by data-name. */
function valueSpan(name, value) {
  const span = htmlElement("span", { class: "value", "data-name": name, "data-value": String(value) });
  span.textContent = formatNumber(value);
  return span;
}

const pointText = ([x, y]) => `(${formatNumber(x)}, ${formatNumber(y)})`;
const subscript = (k) => [...String(k)].map((digit) => "₀₁₂₃₄₅₆₇₈₉"[digit]).join("");

/** A labelled range input with its current value beside it; onInput runs on every change. */
function slider(parent, id, { label, min, max, step, value, onInput }) {
  const control = htmlElement("div", { class: "control" }, parent);
  htmlElement("label", { for: id }, control, label);
  const input = htmlElement("input", { type: "range", id, name: id, min, max, step, value }, control);
  const output = htmlElement("output", { for: id }, control, formatNumber(Number(value)));
  input.addEventListener("input", () => {
    output.textContent = formatNumber(Number(input.value));
    onInput();
  });
  return input;
}

/** A labelled range input over a list of choices (its value is the index); shows the choice. */
function choiceSlider(parent, id, { label, choices, value, onInput }) {
  const control = htmlElement("div", { class: "control" }, parent);
  htmlElement("label", { for: id }, control, label);
  const input = htmlElement("input", { type: "range", id, name: id, min: 0, max: choices.length - 1, step: 1, value }, control);
  const output = htmlElement("output", { for: id }, control, formatNumber(choices[value]));
  input.addEventListener("input", () => {
    output.textContent = formatNumber(choices[Number(input.value)]);
    onInput();
  });
  return input;
}

/** A labelled select of named options ({ value: text }). */
function optionSelect(parent, id, label, options, onInput) {
  const control = htmlElement("div", { class: "control" }, parent);
  htmlElement("label", { for: id }, control, label);
  const select = htmlElement("select", { id, name: id }, control);
  for (const [value, text] of Object.entries(options)) htmlElement("option", { value }, select, text);
  select.addEventListener("input", onInput);
  return select;
}

/** A labelled select of the example functions. */
function functionSelect(parent, id, names, onInput) {
  const control = htmlElement("div", { class: "control" }, parent);
  htmlElement("label", { for: id }, control, "Function f(x, y)");
  const select = htmlElement("select", { id, name: id }, control);
  for (const name of names) htmlElement("option", { value: name }, select, FUNCTIONS[name].label);
  select.addEventListener("input", onInput);
  return select;
}

/** The explorable's frame: controls, then the plots, then a live readout. */
function frame(container) {
  const app = htmlElement("div", { class: "explorable__app" });
  const controls = htmlElement("div", { class: "explorable__controls" }, app);
  const plots = htmlElement("div", { class: "explorable__plots" }, app);
  const readout = htmlElement("p", { class: "explorable__readout", "aria-live": "polite" }, app);
  container.append(app);
  return { controls, plots, readout };
}

/** Replace the children of element with these nodes and strings. */
const show = (element, ...parts) => element.replaceChildren(...parts);

/**
 * A path (points in data coordinates) in a plot: a line with a dot at every point, a square
 * at the start and a larger dot at the end; only the part inside box, and the line out of it.
 */
function drawPath({ data, marks, toPixels }, path, box, className) {
  const drawn = visiblePrefix(path, box);
  svgElement("polyline", { points: pointList(drawn), class: `path ${className}` }, data);
  const group = svgElement("g", { class: `path ${className}` }, marks);
  const pixels = drawn.map(toPixels);
  pixels.forEach(([x, y]) => svgElement("circle", { cx: x, cy: y, r: 2.2, class: "point" }, group));
  const [x0, y0] = toPixels(path[0]);
  svgElement("rect", { x: x0 - 4.5, y: y0 - 4.5, width: 9, height: 9, class: "start" }, group);
  if (drawn.length === path.length) {
    const [x, y] = pixels.at(-1);
    svgElement("circle", { cx: x, cy: y, r: 4.5, class: "end" }, group);
  }
}

/**
 * A plot of [−limit, limit]², size pixels wide (two fit side by side at 360), with ticks at
 * −tickLimit, −tickLimit/2, 0, tickLimit/2 and tickLimit.
 */
function squarePlot(limit, { title = null, tickLimit = limit, size = 360 } = {}) {
  const ticks = symmetricTicks(tickLimit);
  return plot({
    box: [-limit, limit, -limit, limit],
    width: size,
    height: title ? size + 16 : size,
    xTicks: ticks,
    yTicks: ticks,
    xLabel: "x",
    yLabel: "y",
    title,
  });
}

/** The gradient of f on an n × n grid, each arrow ∇f(p) times one common scale. */
function gradientField({ controls, plots, readout }, data) {
  const limit = data.grid_limit;
  const chosen = functionSelect(controls, "field-function", Object.keys(data.functions), draw);
  const density = slider(controls, "field-density", { label: "Grid points per side", min: 3, max: 30, step: 1, value: 9, onInput: draw });
  const length = slider(controls, "field-length", { label: "Longest arrow, in grid spacings", min: 0.2, max: 3, step: 0.1, value: 1, onInput: draw });

  function draw() {
    const f = FUNCTIONS[chosen.value];
    const n = Number(density.value);
    const spacing = (2 * limit) / (n - 1);
    const points = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) points.push([-limit + j * spacing, -limit + i * spacing]);
    }
    const gradients = points.map(f.gradient);
    const longest = Math.max(...gradients.map(norm));
    const scale = longest > 0 ? (Number(length.value) * spacing) / longest : 0;
    const { svg, data: layer } = squarePlot(data.limit, { tickLimit: limit, size: 480 });
    drawContours(layer, data.functions[chosen.value].contours);
    const arrows = svgElement("g", { class: "arrows" }, layer);
    points.forEach(([x, y], index) => {
      const [u, v] = gradients[index].map((component) => component * scale);
      // The head: two strokes back from the tip, a quarter of the arrow long, ±25° off it.
      const [hx, hy] = [-0.25 * u, -0.25 * v];
      const [c, s] = [Math.cos(0.436), Math.sin(0.436)];
      const head = `M ${x + u + c * hx - s * hy} ${y + v + s * hx + c * hy} L ${x + u} ${y + v} L ${x + u + c * hx + s * hy} ${y + v - s * hx + c * hy}`;
      svgElement("path", { d: `M ${x} ${y} L ${x + u} ${y + v} ${head}`, class: "arrow" }, arrows);
    });
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `Gradient field of f(x, y) = ${f.label}: ${n} × ${n} arrows over contour lines of f.`);
    show(plots, svg);
    show(readout, `${n * n} arrows, each ∇f(x, y) times ${formatNumber(scale)}; the longest has ‖∇f‖ = `, valueSpan("longest", longest), ".");
  }
  draw();
}

/** Descent on a quadratic bowl: start point, learning rate and number of steps. */
function descent({ controls, plots, readout }, data) {
  const limit = data.limit;
  const chosen = functionSelect(controls, "descent-function", Object.keys(data.functions), draw);
  const startX = slider(controls, "descent-x0", { label: "Start x⁽⁰⁾", min: -10, max: 10, step: 0.5, value: 8, onInput: draw });
  const startY = slider(controls, "descent-y0", { label: "Start y⁽⁰⁾", min: -10, max: 10, step: 0.5, value: 8, onInput: draw });
  const rate = slider(controls, "descent-rate", { label: "Learning rate α", min: 0.01, max: 1.2, step: 0.01, value: 0.1, onInput: draw });
  const steps = slider(controls, "descent-steps", { label: "Steps", min: 1, max: 50, step: 1, value: 20, onInput: draw });

  function draw() {
    const f = FUNCTIONS[chosen.value];
    const { contours, stable_below: bound } = data.functions[chosen.value];
    const alpha = Number(rate.value);
    const run = gradientDescent(f.gradient, [Number(startX.value), Number(startY.value)], alpha, Number(steps.value));
    const plane = squarePlot(limit, { title: "The path in the plane" });
    drawContours(plane.data, contours);
    drawPath(plane, run.path, [-limit, limit, -limit, limit], "descent");
    const { svg } = plane;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `Gradient descent on f(x, y) = ${f.label} with α = ${alpha}: ${run.iterations} steps from ${pointText(run.path[0])}.`);
    const n = Number(steps.value);
    const box = [0, n, -limit, limit];
    const chart = plot({
      box,
      width: 360,
      height: 376,
      xTicks: [0, n / 2, n].filter(Number.isInteger),
      yTicks: symmetricTicks(limit),
      xLabel: "step k",
      yLabel: "first coordinate of xₖ",
      title: "The first coordinate, step by step",
    });
    svgElement("line", { x1: 0, x2: n, y1: 0, y2: 0, class: "zero" }, chart.data);
    const coordinates = run.path.map(([x], k) => [k, x]);
    drawPath(chart, coordinates, box, "descent coordinate");
    chart.svg.setAttribute("role", "img");
    chart.svg.setAttribute("aria-label", `The first coordinate of the iterates against the step, ${run.iterations} steps.`);
    show(plots, svg, chart.svg);
    const k = subscript(run.iterations);
    const verdict = alpha < bound ? "so the iterates converge to the minimum at (0, 0)" : "so the iterates do not converge";
    const parts = [`After ${run.iterations} steps: x${k} = (`, valueSpan("x", run.x[0]), ", ", valueSpan("y", run.x[1]), `), f(x${k}) = `, valueSpan("f", f.value(run.x)), ". "];
    if (run.diverged) parts.push(`The run stopped as diverged: the next point was more than 10¹² · max(1, ‖x₀‖) from the origin. `);
    parts.push(`On this f descent is stable for α < 2/λmax = `, valueSpan("bound", bound), `: here α = ${formatNumber(alpha)}, ${verdict}.`);
    show(readout, ...parts);
  }
  draw();
}

/** Descent on f and ascent on −f from one start: the same points, step for step. */
function descentAndNegatedAscent({ controls, plots, readout }, data) {
  const limit = data.limit;
  const f = FUNCTIONS.peak_and_pit;
  const negatedGradient = (p) => f.gradient(p).map((component) => -component);
  const startX = slider(controls, "negated-x0", { label: "Start x⁽⁰⁾", min: -2, max: 2, step: 0.05, value: 0.1, onInput: draw });
  const startY = slider(controls, "negated-y0", { label: "Start y⁽⁰⁾", min: -2, max: 2, step: 0.05, value: 0.9, onInput: draw });
  const rate = slider(controls, "negated-rate", { label: "Learning rate α", min: 0.05, max: 3, step: 0.05, value: 0.5, onInput: draw });
  const steps = slider(controls, "negated-steps", { label: "Steps", min: 1, max: 100, step: 1, value: 30, onInput: draw });

  function draw() {
    const start = [Number(startX.value), Number(startY.value)];
    const alpha = Number(rate.value);
    const runs = [
      ["Descent on f", 1, gradientDescent(f.gradient, start, alpha, Number(steps.value)), "descent"],
      ["Ascent on −f", -1, gradientAscent(negatedGradient, start, alpha, Number(steps.value)), "ascent"],
    ];
    const svgs = runs.map(([title, sign, run, className]) => {
      const panel = squarePlot(limit, { title });
      drawContours(panel.data, data.contours, { sign, coloured: true });
      drawPath(panel, run.path, [-limit, limit, -limit, limit], className);
      const { svg } = panel;
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", `${title}, f(x, y) = ${f.label}, with α = ${alpha}: ${run.iterations} steps from ${pointText(start)}.`);
      return svg;
    });
    show(plots, ...svgs);
    const [descentRun, ascentRun] = runs.map((entry) => entry[2]);
    const difference = Math.max(
      ...descentRun.path.flatMap((point, k) => point.map((value, i) => Math.abs(value - ascentRun.path[k][i]))),
    );
    show(
      readout,
      `Both runs end at (`, valueSpan("x", descentRun.x[0]), ", ", valueSpan("y", descentRun.x[1]),
      `) after ${descentRun.iterations} steps, where f = `, valueSpan("f", f.value(descentRun.x)),
      ". Largest difference between the two paths, over all steps and coordinates: ",
      valueSpan("difference", difference), ".",
    );
  }
  draw();
}

/** Least-squares regression by descent: the gap f(θₖ) − f(θ*) for one learning rate. */
export const GAP_FLOOR = 1e-16; // gaps below it (rounding) are drawn at it

function regression({ controls, plots, readout }, data) {
  const { X, y, theta_star: best, f_star: lowest, stable_below: bound } = data;
  const gradient = (theta) => meanSquaredErrorGradient(theta, X, y);
  const rate = slider(controls, "regression-rate", { label: "Learning rate α", min: 0.005, max: 0.26, step: 0.005, value: 0.1, onInput: draw });
  const steps = slider(controls, "regression-steps", { label: "Steps", min: 10, max: 1000, step: 10, value: 600, onInput: draw });

  function draw() {
    const alpha = Number(rate.value);
    const run = gradientDescent(gradient, [0, 0], alpha, Number(steps.value));
    const gaps = run.path.map((theta) => meanSquaredError(theta, X, y) - lowest);
    const curve = gaps.map((gap, k) => [k, Math.log10(Math.max(gap, GAP_FLOOR))]);
    const n = Number(steps.value);
    const box = [0, n, Math.log10(GAP_FLOOR), 4];
    const { svg, data: layer } = plot({
      box,
      width: 600,
      height: 300,
      marginLeft: 64,
      xTicks: [0, n / 4, n / 2, (3 * n) / 4, n],
      yTicks: [-16, -12, -8, -4, 0, 4],
      xLabel: "step k",
      yLabel: "f(θₖ) − f(θ*)",
      yTickText: powerOfTen,
    });
    svgElement("polyline", { points: pointList(visiblePrefix(curve, box)), class: "path descent" }, layer);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `f(θₖ) − f(θ*) on a logarithmic scale over ${run.iterations} steps of gradient descent with α = ${alpha}.`);
    show(plots, svg);
    const k = subscript(run.iterations);
    const distance = norm(run.x.map((value, i) => value - best[i]));
    const parts = [`After ${run.iterations} steps: θ${k} = (`, valueSpan("theta0", run.x[0]), ", ", valueSpan("theta1", run.x[1]), `), f(θ${k}) − f(θ*) = `, valueSpan("gap", gaps.at(-1)), `, ‖θ${k} − θ*‖ = `, valueSpan("distance", distance), ". "];
    if (run.diverged) parts.push("The run stopped as diverged. ");
    parts.push(`Stable for α < 2/λmax = `, valueSpan("bound", bound), ".");
    show(readout, ...parts);
  }
  draw();
}

/**
 * Minibatch descent on linear regression: the gap f(θₖ) − f(θ*) against the epoch. The
 * browser cannot draw NumPy's batches, so every run of the grid of control values was
 * computed by the package at build time; the controls select one.
 */
export const STOCHASTIC_BOX = [-9, 1]; // log₁₀ of the gap: every run lies inside

function stochastic({ controls, plots, readout }, data) {
  const { batch_sizes: sizes, learning_rates: rates, point_epochs: epochs, log_gaps: logGaps, epoch_count: count, examples } = data;
  const size = choiceSlider(controls, "stochastic-batch", { label: "Batch size b", choices: sizes, value: 0, onInput: draw });
  const rate = choiceSlider(controls, "stochastic-rate", { label: "Learning rate α", choices: rates, value: 1, onInput: draw });
  const schedule = optionSelect(controls, "stochastic-schedule", "Schedule", { constant: "constant α", decay: "αₖ = α / (1 + k/τ), τ = N/b" }, draw);

  function draw() {
    const [i, j] = [Number(size.value), Number(rate.value)];
    const [b, alpha] = [sizes[i], rates[j]];
    const gaps = logGaps[schedule.value][i][j];
    const curve = epochs[i].map((epoch, n) => [epoch, gaps[n]]);
    const [low, high] = STOCHASTIC_BOX;
    const { svg, data: layer } = plot({
      box: [0, count, low, high],
      width: 600,
      height: 300,
      marginLeft: 64,
      xTicks: [0, count / 4, count / 2, (3 * count) / 4, count],
      yTicks: [-8, -6, -4, -2, 0],
      xLabel: "epoch",
      yLabel: "f(θₖ) − f(θ*)",
      yTickText: powerOfTen,
    });
    svgElement("polyline", { points: pointList(curve), class: "path descent" }, layer);
    const scheduleText = schedule.value === "decay" ? `α₀ = ${formatNumber(alpha)} decaying with τ = ${formatNumber(examples / b)} steps` : `constant α = ${formatNumber(alpha)}`;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `f(θₖ) − f(θ*) on a logarithmic scale over ${count} epochs of minibatch descent with b = ${b} and ${scheduleText}.`);
    show(plots, svg);
    const steps = (count * examples) / b;
    const last = gaps.slice(-Math.round(curve.length / 4));
    show(
      readout,
      `b = ${b}: ${examples / b} steps an epoch, ${steps} in ${count} epochs, ${scheduleText}. Gap at the end: `,
      valueSpan("gap", 10 ** gaps.at(-1)),
      `; lowest over the last quarter: `,
      valueSpan("lowest", 10 ** Math.min(...last)),
      `. Computed by the package at build time (seed 1), as the page's figures are.`,
    );
  }
  draw();
}

/**
 * The heavy ball on the narrow valley: α, β and the number of steps. The path and the loss
 * come from the port; the map of the rate ρ(α, β) over the sliders' grid is the package's
 * (heavy_ball_rate at build time), and the readout shows its entry for the current (α, β).
 */
export const LOSS_FLOOR = 1e-20; // losses below it are drawn at it

function momentum({ controls, plots, readout }, data) {
  const f = FUNCTIONS.narrow_valley;
  const { alphas, betas, rates, box, start } = data;
  const [bestAlpha, bestBeta] = data.optimal;
  const rate = slider(controls, "momentum-rate", { label: "Learning rate α", min: alphas[0], max: alphas.at(-1), step: alphas[1] - alphas[0], value: 2, onInput: draw });
  const beta = slider(controls, "momentum-beta", { label: "Momentum β", min: betas[0], max: betas.at(-1), step: betas[1] - betas[0], value: 0.5, onInput: draw });
  const steps = slider(controls, "momentum-steps", { label: "Steps", min: 10, max: 300, step: 10, value: 100, onInput: draw });
  const nearest = (values, value) => values.reduce((best, v, i) => (Math.abs(v - value) < Math.abs(values[best] - value) ? i : best), 0);
  const [stepA, stepB] = [alphas[1] - alphas[0], betas[1] - betas[0]];
  const mapBox = [alphas[0] - stepA / 2, alphas.at(-1) + stepA / 2, betas[0] - stepB / 2, betas.at(-1) + stepB / 2];

  function draw() {
    const [alpha, momentumValue, n] = [Number(rate.value), Number(beta.value), Number(steps.value)];
    const run = gradientDescent(f.gradient, start, alpha, n, null, heavyBall(momentumValue));
    const [x0, x1, y0, y1] = box;
    const plane = plot({ box, width: 360, height: 376, xTicks: [x0, x0 / 2, 0, x1 / 2, x1], yTicks: [y0, y0 / 2, 0, y1 / 2, y1], xLabel: "x", yLabel: "y", title: "The path (axes not to scale)" });
    drawContours(plane.data, data.contours);
    drawPath(plane, run.path, box, "descent");
    plane.svg.setAttribute("role", "img");
    plane.svg.setAttribute("aria-label", `The heavy ball on f(x, y) = ${f.label} with α = ${alpha}, β = ${momentumValue}: ${run.iterations} steps from ${pointText(start)}.`);

    const lossBox = [0, n, Math.log10(LOSS_FLOOR), 1];
    const chart = plot({ box: lossBox, width: 360, height: 376, marginLeft: 56, xTicks: [0, n / 2, n].filter(Number.isInteger), yTicks: [-20, -15, -10, -5, 0], xLabel: "step k", yLabel: "f(xₖ)", yTickText: powerOfTen, title: "The loss, step by step" });
    const losses = run.path.map((point, k) => [k, Math.log10(Math.max(f.value(point), LOSS_FLOOR))]);
    svgElement("polyline", { points: pointList(visiblePrefix(losses, lossBox)), class: "path descent" }, chart.data);
    chart.svg.setAttribute("role", "img");
    chart.svg.setAttribute("aria-label", `f(xₖ) on a logarithmic scale over ${run.iterations} steps.`);

    const map = plot({ box: mapBox, width: 360, height: 376, xTicks: [1, 2, 3, 4], yTicks: [0, 0.25, 0.5, 0.75], xLabel: "learning rate α", yLabel: "momentum β", title: "The rate ρ(α, β): more colour, faster" });
    const cells = svgElement("g", { class: "rate-map" }, map.data);
    const best = data.optimal_rate;
    rates.forEach((row, i) => row.forEach((value, j) => {
      if (value >= 1) return;
      const opacity = Math.max(0.04, Math.min(1, Math.log(value) / Math.log(best)));
      svgElement("rect", { x: alphas[j] - stepA / 2, y: betas[i] - stepB / 2, width: stepA, height: stepB, class: "rate-cell", "fill-opacity": opacity.toFixed(3), "data-rate": value }, cells);
    }));
    const marker = (point, className, size) => {
      const [px, py] = map.toPixels(point);
      const group = svgElement("g", { class: className, "data-alpha": point[0], "data-beta": point[1] }, map.marks);
      svgElement("path", { d: `M ${px - size} ${py - size} L ${px + size} ${py + size} M ${px - size} ${py + size} L ${px + size} ${py - size}` }, group);
    };
    marker([bestAlpha, bestBeta], "optimum", 4);
    marker([alpha, momentumValue], "current", 7);
    map.svg.setAttribute("role", "img");
    map.svg.setAttribute("aria-label", `The heavy ball's rate over α and β, computed by the package; the current α = ${alpha}, β = ${momentumValue} is marked.`);
    show(plots, plane.svg, chart.svg, map.svg);

    const shown = rates[nearest(betas, momentumValue)][nearest(alphas, alpha)];
    const k = subscript(run.iterations);
    const parts = [`After ${run.iterations} steps: x${k} = (`, valueSpan("x", run.x[0]), ", ", valueSpan("y", run.x[1]), `), f(x${k}) = `, valueSpan("f", f.value(run.x)), ". "];
    if (run.diverged) parts.push("The run stopped as diverged. ");
    parts.push("The rate for this α and β: ρ = ", valueSpan("rate", shown));
    parts.push(shown < 1 ? ", the factor by which the error shrinks per step in the long run" : ", at least 1: the heavy ball does not converge");
    parts.push("; the best, ρ* = ", valueSpan("optimal_rate", best), `, is at α* = ${formatNumber(bestAlpha)}, β* = ${formatNumber(bestBeta)}.`);
    show(readout, ...parts);
  }
  draw();
}

const EXPLORABLES = {
  "gradient-field": gradientField,
  descent,
  "descent-and-negated-ascent": descentAndNegatedAscent,
  regression,
  stochastic,
  momentum,
};

/** Turn a container (class explorable, data-explorable=NAME) into its live explorable. */
export async function mount(container) {
  const name = container.dataset.explorable;
  const response = await fetch(new URL(`../../explorables/${name}.json`, import.meta.url));
  if (!response.ok) throw new Error(`explorables/${name}.json: HTTP ${response.status}`);
  EXPLORABLES[name](frame(container), await response.json());
  container.classList.add("explorable--live");
}
