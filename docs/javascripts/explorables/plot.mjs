// Small SVG plots for the explorables. Data is drawn in data coordinates inside a group
// whose transform maps them to the picture, so the `points` of a drawn path are the very
// numbers that were computed (the tests read them back). Colours come from CSS classes
// (docs/stylesheets/site.css), so the drawings follow the light and dark palettes.

const SVG = "http://www.w3.org/2000/svg";
let clips = 0;

/** Create an SVG element with attributes, appended to parent when given. */
export function svgElement(name, attributes = {}, parent = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  parent?.append(element);
  return element;
}

/** A number for a tick label: short, with a true minus sign. */
export function tickLabel(value) {
  return String(Number(value.toPrecision(3))).replaceAll("-", "−");
}

const SUPERSCRIPTS = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** 10 to an integer power, written as 10⁻⁸ (1 for the power 0). */
export function powerOfTen(power) {
  if (power === 0) return "1";
  return `10${[...String(power)].map((digit) => SUPERSCRIPTS[digit]).join("")}`;
}

/**
 * A plot of the box [x0, x1] × [y0, y1]: an <svg> with axes, ticks and labels, a clipped
 * group `data` drawn in data coordinates, and a clipped group `marks` for markers, drawn in
 * pixels at toPixels(point) so that they keep their shape.
 */
export function plot({ box, width, height, xTicks, yTicks, xLabel, yLabel, title, yTickText = tickLabel, marginLeft = 44 }) {
  const [x0, x1, y0, y1] = box;
  const margin = { left: marginLeft, right: 16, top: title ? 26 : 10, bottom: 36 };
  const sx = (width - margin.left - margin.right) / (x1 - x0);
  const sy = (height - margin.top - margin.bottom) / (y1 - y0);
  const px = (x) => margin.left + (x - x0) * sx;
  const py = (y) => margin.top + (y1 - y) * sy;
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, class: "plot" });
  if (title) svgElement("text", { x: width / 2, y: 16, class: "plot-title" }, svg).textContent = title;
  const id = `explorable-clip-${clips++}`;
  const clip = svgElement("clipPath", { id }, svgElement("defs", {}, svg));
  svgElement("rect", { x: px(x0), y: py(y1), width: (x1 - x0) * sx, height: (y1 - y0) * sy }, clip);
  svgElement("rect", { x: px(x0), y: py(y1), width: (x1 - x0) * sx, height: (y1 - y0) * sy, class: "frame" }, svg);
  for (const x of xTicks) {
    svgElement("line", { x1: px(x), x2: px(x), y1: py(y0), y2: py(y0) + 4, class: "tick" }, svg);
    svgElement("text", { x: px(x), y: py(y0) + 16, class: "tick-label x" }, svg).textContent = tickLabel(x);
  }
  for (const y of yTicks) {
    svgElement("line", { x1: px(x0) - 4, x2: px(x0), y1: py(y), y2: py(y), class: "tick" }, svg);
    svgElement("text", { x: px(x0) - 6, y: py(y) + 4, class: "tick-label y" }, svg).textContent = yTickText(y);
  }
  svgElement("text", { x: px((x0 + x1) / 2), y: height - 4, class: "axis-label" }, svg).textContent = xLabel;
  const yAxis = svgElement("text", { class: "axis-label", transform: `translate(12 ${py((y0 + y1) / 2)}) rotate(-90)` }, svg);
  yAxis.textContent = yLabel;
  const frame = svgElement("g", { "clip-path": `url(#${id})` }, svg);
  const data = svgElement("g", { class: "data", transform: `translate(${px(0)} ${py(0)}) scale(${sx} ${-sy})` }, frame);
  const marks = svgElement("g", { class: "marks" }, frame);
  return { svg, data, marks, toPixels: ([x, y]) => [px(x), py(y)] };
}

/** Points as the `points` attribute of a polyline: x0,y0 x1,y1 … */
export const pointList = (points) => points.map(([x, y]) => `${x},${y}`).join(" ");

/**
 * Contour lines {f = c} (from explorables/<name>.json) as polylines, labelled as the
 * contours of sign · f; coloured by the sign of their level when `coloured`.
 */
export function drawContours(parent, contours, { sign = 1, coloured = false } = {}) {
  for (const { level, lines } of contours) {
    const value = sign * level;
    const className = coloured ? `contour ${value < 0 ? "negative" : "positive"}` : "contour";
    for (const line of lines) {
      const points = [];
      for (let i = 0; i < line.length; i += 2) points.push([line[i], line[i + 1]]);
      svgElement("polyline", { points: pointList(points), class: className, "data-level": value }, parent);
    }
  }
}

/** Ticks at −limit, −limit/2, 0, limit/2, limit. */
export const symmetricTicks = (limit) => [-limit, -limit / 2, 0, limit / 2, limit];

/** The points up to the first one outside box [x0, x1, y0, y1] (drawn, clipped); all if none. */
export function visiblePrefix(points, [x0, x1, y0, y1]) {
  const outside = points.findIndex(([x, y]) => x < x0 || x > x1 || y < y0 || y > y1);
  return outside === -1 ? points : points.slice(0, outside + 1);
}
