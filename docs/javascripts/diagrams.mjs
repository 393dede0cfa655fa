// Draw ```mermaid blocks (rendered as <pre class="diagram">) with the site's own copy of
// Mermaid, loaded only on pages that have a diagram, and redraw them when the palette changes.
const mermaidUrl = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
let mermaidModule;

function isDark() {
  return document.body.getAttribute("data-md-color-scheme") === "slate";
}

async function drawDiagrams() {
  const diagrams = document.querySelectorAll("pre.diagram, div.diagram[data-source]");
  if (diagrams.length === 0) return;
  mermaidModule ??= (await import(mermaidUrl)).default;
  mermaidModule.initialize({ startOnLoad: false, theme: isDark() ? "dark" : "default" });
  for (const [index, element] of diagrams.entries()) {
    const source = element.dataset.source ?? element.textContent;
    const { svg } = await mermaidModule.render(`diagram-${index}`, source);
    const container = document.createElement("div");
    container.className = "diagram";
    container.dataset.source = source;
    container.innerHTML = svg;
    element.replaceWith(container);
  }
}

document$.subscribe(drawDiagrams);
new MutationObserver(drawDiagrams).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});
