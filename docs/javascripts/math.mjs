// Notebook pages: typeset the $…$ math of their Markdown cells with the site's own KaTeX,
// loaded only on those pages (articles are typeset at build time, by hooks/typeset_math.py). Runs on
// every page load: Material's document$ also fires after instant navigation.
const katexFolder = new URL("../vendor/katex/", import.meta.url);
let katexLoaded;

function loadScript(name) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(name, katexFolder).href;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });
}

document$.subscribe(async ({ body }) => {
  if (!body.querySelector(".jp-Notebook")) return;
  katexLoaded ??= loadScript("katex.min.js").then(() => loadScript("contrib/auto-render.min.js"));
  await katexLoaded;
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
    ],
    throwOnError: false,
  });
});
