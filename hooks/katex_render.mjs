// Render TeX with the site's KaTeX (node_modules/katex), for hooks/math.py: reads a JSON
// list of [tex, display] pairs on stdin and writes the JSON list of their HTML (with
// MathML for screen readers). A formula KaTeX cannot parse makes it exit non-zero with
// KaTeX's message.
import katex from "../node_modules/katex/dist/katex.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const rendered = JSON.parse(input).map(([tex, displayMode]) =>
  katex.renderToString(tex, { displayMode, throwOnError: true }),
);
process.stdout.write(JSON.stringify(rendered));
