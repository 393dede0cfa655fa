// Parse Mermaid diagrams with the site's Mermaid (node_modules/mermaid), for
// hooks/diagrams.py. Reads one JSON list of diagram sources on stdin and writes one JSON
// list: null for a diagram Mermaid parses, else Mermaid's own error message.
import { readFileSync } from "node:fs";
import DOMPurify from "../node_modules/dompurify/dist/purify.es.mjs";

// Parsing draws nothing, so it needs no DOM; Mermaid's label sanitiser (DOMPurify) does
// without one, and is stood in for here. The browser sanitises what it draws.
Object.assign(DOMPurify, {
  addHook() {},
  removeHook() {},
  removeHooks() {},
  sanitize: (text) => String(text),
});
const { default: mermaid } = await import("../node_modules/mermaid/dist/mermaid.core.mjs");
mermaid.initialize({ startOnLoad: false, layout: "dagre" });

const answers = [];
for (const source of JSON.parse(readFileSync(0, "utf8"))) {
  try {
    await mermaid.parse(source);
    answers.push(null);
  } catch (error) {
    answers.push(String(error.message ?? error));
  }
}
process.stdout.write(JSON.stringify(answers));
