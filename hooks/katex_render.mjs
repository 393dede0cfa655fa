// Render TeX with the site's KaTeX (node_modules/katex), for hooks/typeset_math.py. One
// process serves a whole build: each line on stdin is a JSON list of [tex, display] pairs
// (one page's formulas); each answer is one JSON line, {"html": [...]} with KaTeX's HTML
// (and MathML for screen readers) for each, or {"error": message} if KaTeX cannot parse one.
import { createInterface } from "node:readline";
import katex from "../node_modules/katex/dist/katex.mjs";

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const html = JSON.parse(line).map(([tex, displayMode]) =>
      katex.renderToString(tex, { displayMode, throwOnError: true }),
    );
    answer = { html };
  } catch (error) {
    answer = { error: String(error.message ?? error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
