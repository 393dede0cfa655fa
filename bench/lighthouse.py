"""Benchmark (not a test): Lighthouse scores and page weight of every page of the site.

Usage: .venv/bin/python bench/lighthouse.py [--site DIR] [--runs 3] [--pages PATH ...]
           [--modes mobile desktop] [--scores-only]

Builds the site (unless --site is given), serves it on 127.0.0.1, runs Lighthouse (pinned
in bench/package.json, installed here by `npm ci --prefix bench`, never by `make test`) on
every page in mobile and desktop mode, and prints the median scores. Python's http.server
does not compress, so the weights printed are computed here: the gzip size (level 6) of
every same-site file the page requested, plus the figures the reader scrolls to.

It also weighs the same pages built the common way, with Material's defaults: MathJax 3.2.2
(tex-mml-chtml.js) instead of KaTeX, on pages with diagrams Mermaid 11's mermaid.min.js
(what Material loads from unpkg when it finds a diagram) instead of the site's Mermaid
chunks, and each figure as a 1500-px-wide PNG instead of an SVG (both scripts from the npm
packages in bench/), and prints the ratio. `--scores-only` skips the weights; `--modes
mobile` runs the mobile preset only (issue 17's target).
"""

import argparse
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import (  # noqa: E402
    CHROMIUM,
    QuietHandler,
    html_file,
    page_paths,
    serve,
)

from sitepages import build  # noqa: E402

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
MATHJAX = BENCH / "node_modules" / "mathjax" / "es5" / "tex-mml-chtml.js"
MATHJAX_FONTS = MATHJAX.parent / "output" / "chtml" / "fonts" / "woff-v2"
# Material loads https://unpkg.com/mermaid@11/dist/mermaid.min.js (bench/package.json pins
# the 11.x that unpkg serves for it) on a page with a diagram, unless the site has its own.
MERMAID_CDN = BENCH / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
# The page every page's score is compared with: the API reference, plain Material.
PLAIN_PAGE = "reference/optimizers/"
PLAIN_PAGE_MARGIN = 0.04
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MODES = {"mobile": [], "desktop": ["--preset=desktop"]}


class GzipHandler(QuietHandler):
    """Serve files gzip-compressed when the client accepts it, as a static host does."""

    compressed: ClassVar[dict[Path, bytes]] = {}

    def do_GET(self) -> None:
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?")[0].endswith("/"):
            target = target / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not target.is_file():
            super().do_GET()
            return
        if target not in self.compressed:
            data = target.read_bytes()
            self.compressed[target] = gzip.compress(data, compresslevel=6, mtime=0)
        body = self.compressed[target]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass(frozen=True)
class CommonWay:
    """What the common way loads that this site does not, or loads later (gzip sizes)."""

    mathjax: int
    mermaid: int
    search_index: Path
    search: int


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund"], check=True
        )


def run_lighthouse(url: str, mode: str) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
        *MODES[mode],
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, check=True, timeout=300
    )
    return json.loads(result.stdout)


def requested_files(report: dict, site: Path, base: str) -> set[Path]:
    """Same-site files the page requested during the Lighthouse run."""
    files = set()
    for item in report["audits"]["network-requests"]["details"]["items"]:
        if not item["url"].startswith(base):
            continue
        path = unquote(urlsplit(item["url"]).path).lstrip("/")
        target = site / path
        if target.is_dir() or path == "" or path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            files.add(target)
    return files


def full_read_files(url: str, site: Path, base: str) -> set[Path]:
    """Same-site files a reader fetches scrolling the whole page (light palette)."""
    from browser_support import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    urls: set[str] = set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.on("request", lambda request: urls.add(request.url))
        page.goto(url, wait_until="networkidle")
        height = page.evaluate("document.body.scrollHeight")
        for y in range(0, height + 800, 400):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        browser.close()
    files = set()
    for item in urls:
        if not item.startswith(base):
            continue
        path = unquote(urlsplit(item).path).lstrip("/")
        target = site / path
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            files.add(target)
    return files


def shown_figures(site: Path, path: str) -> list[Path]:
    """The figure files a reader of the page sees in the light palette."""
    from bs4 import BeautifulSoup

    page = html_file(site, path)
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    figures = []
    for image in html.select("article img"):
        source = image.get("src", "")
        if source.startswith("data:") or "#only-dark" in source:
            continue
        figures.append((page.parent / source.split("#")[0]).resolve())
    return figures


def mathjax_font_bytes(katex_font: Path) -> int:
    """Size of the MathJax CHTML font a KaTeX font was made from (0 if MathJax has none).

    KaTeX's fonts are MathJax's, renamed: KaTeX_Main-Regular.woff2 is
    MathJax_Main-Regular.woff, which a MathJax page loads for the same glyphs.
    """
    name = katex_font.name.replace("KaTeX_", "MathJax_").replace(".woff2", ".woff")
    font = MATHJAX_FONTS / name
    return font.stat().st_size if font.is_file() else 0


def html_with_tex(page: Path) -> bytes:
    """The page as a MathJax site serves it: each typeset formula back to its TeX."""
    from bs4 import BeautifulSoup

    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for formula in html.select(".arithmatex"):
        tex = formula.select_one("annotation[encoding='application/x-tex']")
        if tex is not None:
            display = formula.name == "div"
            formula.string = f"\\[{tex.text}\\]" if display else f"\\({tex.text}\\)"
    return str(html).encode()


def png_bytes(stem: str, width_px: int = 1500) -> int:
    """Size of a figure rendered as a width_px-wide PNG (the unoptimised common way)."""
    import matplotlib.pyplot as plt

    from steepest.figures.registry import FIGURES
    from steepest.rendering import COMMON_STYLE, PALETTES

    with plt.style.context([COMMON_STYLE, PALETTES["light"]]):
        figure = FIGURES[stem]()
        dpi = width_px / figure.get_figwidth()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return len(buffer.getvalue())


def figure_formats(stem: str, svg: bytes) -> str:
    """One line comparing the SVG with optimised PNG and WebP at 2x of 720 CSS px."""
    import matplotlib.pyplot as plt
    from PIL import Image

    from steepest.figures.registry import FIGURES
    from steepest.rendering import COMMON_STYLE, PALETTES

    with plt.style.context([COMMON_STYLE, PALETTES["light"]]):
        figure = FIGURES[stem]()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=1440 / figure.get_figwidth())
    plt.close(figure)
    image = Image.open(buffer)
    sizes = {}
    for name, options in {
        "png-opt": {"format": "PNG", "optimize": True},
        "webp-q80": {"format": "WEBP", "quality": 80},
        "webp-lossless": {"format": "WEBP", "lossless": True},
    }.items():
        out = io.BytesIO()
        image.save(out, **options)
        sizes[name] = len(out.getvalue())
    parts = [f"svg {len(svg) / 1000:.1f} kB (gzip {gzip_size(svg) / 1000:.1f} kB)"]
    parts += [f"{name} {size / 1000:.1f} kB" for name, size in sizes.items()]
    return f"  {stem} at 1440 px: " + ", ".join(parts)


def print_against_plain_page(rows: list[tuple]) -> None:
    """Each page's median performance next to the plain page's, measured in this run."""
    plain = next(scores for path, scores, *_ in rows if path == PLAIN_PAGE)
    print(
        f"\nPerformance against the plain page ({PLAIN_PAGE}: no math, no figures), "
        f"medians of this run; target (issue 17): mobile ≥ the plain page's − "
        f"{PLAIN_PAGE_MARGIN}"
    )
    for mode in plain:
        baseline = statistics.median(plain[mode]["performance"])
        print(f"  {mode}: plain page {baseline:.2f}")
        for path, scores, *_ in rows:
            score = statistics.median(scores[mode]["performance"])
            gap = score - baseline
            line = f"    {path:34} {score:.2f} ({gap:+.2f})"
            if mode == "mobile":
                missed = -PLAIN_PAGE_MARGIN - gap
                line += " met" if missed <= 1e-9 else f" missed by {missed:.2f}"
            print(line)


def page_weights(
    site: Path, base: str, path: str, files: set[Path], common_way: CommonWay
) -> tuple[int, int, int]:
    """The page's gzip weight: at first view (`files`, requested during the Lighthouse
    runs), read to the end, and built the common way (Material's defaults, PNG figures)."""
    mathjax_gzip, mermaid_gzip = common_way.mathjax, common_way.mermaid
    search_index, search_gzip = common_way.search_index, common_way.search
    first_view = sum(gzip_size(f.read_bytes()) for f in files)
    read_files = files | full_read_files(base + path, site, base)
    read = sum(gzip_size(f.read_bytes()) for f in read_files)
    katex_files = [f for f in read_files if "vendor/katex" in f.as_posix()]
    katex = sum(gzip_size(f.read_bytes()) for f in katex_files)
    has_math = katex > 0
    mermaid = sum(
        gzip_size(f.read_bytes())
        for f in read_files
        if "vendor/mermaid" in f.as_posix()
    )
    # The MathJax page: its script and the fonts of the same glyphs, its HTML
    # with TeX where ours has typeset math.
    mathjax = mathjax_gzip + sum(
        mathjax_font_bytes(f) for f in katex_files if f.suffix == ".woff2"
    )
    page = html_file(site, path)
    html = gzip_size(page.read_bytes())
    tex_html = gzip_size(html_with_tex(page))
    pngs = sum(
        png_bytes(f.stem.removesuffix("-light")) for f in shown_figures(site, path)
    )
    svgs = sum(gzip_size(f.read_bytes()) for f in shown_figures(site, path))
    common = (
        read
        - katex
        - svgs
        + pngs
        - html
        + tex_html
        + (mathjax if has_math else 0)
        - mermaid
        + (mermaid_gzip if mermaid else 0)
        + (0 if search_index in read_files else search_gzip)
    )
    return first_view, read, common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="URL paths (default: every page)")
    parser.add_argument(
        "--modes", nargs="+", choices=sorted(MODES), default=list(MODES)
    )
    parser.add_argument(
        "--scores-only", action="store_true", help="skip the page weights"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="serve uncompressed, as http.server does (default: gzip, as a host does)",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            result = build(ROOT / "mkdocs.yml", site)
            if result.returncode != 0:
                sys.exit(result.stderr)
        pages = args.pages or [p for p in page_paths(site) if p != "404.html"]
        if PLAIN_PAGE not in pages:  # every score is compared with it, in this run
            pages.insert(0, PLAIN_PAGE)
        mathjax_gzip = gzip_size(MATHJAX.read_bytes())
        mermaid_gzip = gzip_size(MERMAID_CDN.read_bytes())
        print(f"MathJax 3.2.2 tex-mml-chtml.js: {MATHJAX.stat().st_size:,} B raw, ")
        print(f"  {mathjax_gzip:,} B gzip, plus the woff fonts of the glyphs shown")
        print(f"Mermaid 11 mermaid.min.js: {MERMAID_CDN.stat().st_size:,} B raw, ")
        print(f"  {mermaid_gzip:,} B gzip, on pages with a diagram")
        # Material's defaults request the search index on every page load; this site
        # requests it when the reader first opens search.
        search_index = site / "search" / "search_index.json"
        search_gzip = gzip_size(search_index.read_bytes())
        print(f"Search index: {search_gzip:,} B gzip, loaded on the first search")
        common_way = CommonWay(mathjax_gzip, mermaid_gzip, search_index, search_gzip)
        handler = QuietHandler if args.plain else GzipHandler
        with serve(site, handler) as base:
            rows = []
            for path in pages:
                scores = {mode: {c: [] for c in CATEGORIES} for mode in args.modes}
                files: set[Path] = set()
                for mode in args.modes:
                    for _ in range(args.runs):
                        report = run_lighthouse(base + path, mode)
                        for category in CATEGORIES:
                            value = report["categories"][category]["score"]
                            scores[mode][category].append(value)
                        if mode == "mobile":
                            files |= requested_files(report, site, base)
                if args.scores_only:
                    first_view = read = common = 0
                else:
                    first_view, read, common = page_weights(
                        site, base, path, files, common_way
                    )
                rows.append((path or "/", scores, first_view, read, common))
                medians = {
                    mode: " ".join(
                        f"{c[:4]} {statistics.median(scores[mode][c]):.2f}"
                        for c in CATEGORIES
                    )
                    for mode in args.modes
                }
                print(f"\n{path or '/'}")
                for mode in args.modes:
                    print(f"  {mode:8} {medians[mode]}")
                if not args.scores_only:
                    print(
                        f"  weight (gzip): first view {first_view:,} B, whole page "
                        f"read {read:,} B; Material's defaults (MathJax, Mermaid from "
                        f"CDNs) + 1500-px PNGs {common:,} B; ratio {read / common:.3f}"
                    )
            print_against_plain_page(rows)
        if args.scores_only:
            return
        print("\nFigures (light palette):")
        from steepest.figures.registry import FIGURES

        for stem in FIGURES:
            svg = (site / "figures" / f"{stem}-light.svg").read_bytes()
            print(figure_formats(stem, svg))


if __name__ == "__main__":
    main()
