// Draw ```mermaid blocks (rendered as <pre class="diagram">) with the site's own copy of
// Mermaid. Mermaid is large, so it is loaded only when a diagram comes near the viewport
// (then every diagram of the page is drawn), and never on pages without one. Drawn
// diagrams are redrawn when the palette changes.
const mermaidUrl = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
let mermaidModule;
let observer;
// Mermaid removes any element whose id it is asked to render, so every drawing gets a new
// id: a diagram being redrawn keeps its old drawing until the new one replaces it.
let drawings = 0;

function isDark() {
  return document.body.getAttribute("data-md-color-scheme") === "slate";
}

async function draw(elements) {
  if (elements.length === 0) return;
  mermaidModule ??= (await import(mermaidUrl)).default;
  // Mermaid 12 lays out with ELK by default, a 0.5 MB download; its dagre layout is a
  // small one, and enough for our flowcharts.
  mermaidModule.initialize({
    startOnLoad: false,
    layout: "dagre",
    theme: isDark() ? "dark" : "default",
  });
  for (const element of elements) {
    if (!element.isConnected) continue;
    const source = element.dataset.source ?? element.textContent;
    // Each diagram on its own: one that fails is reported and the others are still drawn.
    // (The build parses every diagram first, hooks/diagrams.py, so this is a last resort.)
    let svg;
    try {
      ({ svg } = await mermaidModule.render(`diagram-${drawings++}`, source));
    } catch (error) {
      console.error(`Mermaid cannot draw the diagram "${source.split("\n", 1)[0]} …": ${error.message ?? error}`);
      continue;
    }
    const container = document.createElement("div");
    container.className = "diagram";
    container.dataset.source = source;
    container.innerHTML = svg;
    element.replaceWith(container);
  }
}

function drawWhenNear() {
  observer?.disconnect();
  const pending = [...document.querySelectorAll("pre.diagram")];
  if (pending.length === 0) return;
  observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      draw([...document.querySelectorAll("pre.diagram")]);
    },
    { rootMargin: "100px 0px" },
  );
  pending.forEach((element) => observer.observe(element));
}

document$.subscribe(drawWhenNear);
new MutationObserver(() => draw([...document.querySelectorAll("div.diagram[data-source]")])).observe(
  document.body,
  { attributes: true, attributeFilter: ["data-md-color-scheme"] },
);
