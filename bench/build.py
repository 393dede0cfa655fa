"""Benchmark of the author loop (a script, not a test): prints medians of several runs.

    .venv/bin/python bench/build.py [--runs 3] [--edits 7] [--skip-tests]

Works on a copy of the project in a temporary folder (its own package via PYTHONPATH, its
own cache), so the working tree is never touched, and next to it writes a reference
project (bench/reference_site.py: 50 posts of a Material blog on ML mathematics, each of
our median article's length in words, our theme and markdown extensions, nothing
executed). Builds alternate within each run (reference, ours cold, ours warm, reference
again), all `mkdocs build --strict`, so the machine's load hits both. Measures:
- cold `mkdocs build` (empty cache): wall time and peak memory of the build and its processes;
- warm `mkdocs build` (everything cached);
- the reference's build (it has no cache: every build of it is cold);
- per article: our cold and warm build time over the number of articles, the reference's
  over its number of posts;
- during `mkdocs serve`: from saving a prose edit, and from saving a package edit (of a
  function's docstring, and of its code), to the rebuilt page being served with the
  change;
- the full test suite's wall time (`pytest -q` in the real project).
Prints each figure against its target (issue 17), in the same run, with "met" or
"missed by".
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from reference_site import write_reference_site

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The prose edit: a line added to an article, timed to that page served.
ARTICLE, ARTICLE_URL = "docs/descent-and-ascent/index.md", "descent-and-ascent/"
# The package edit (issue 17: "one function used on one page"): the docstring of
# narrow_valley_hessian, which only the Newton page's examples use and whose source that
# page shows (the `hessians` section), timed to that page served.
PACKAGE_FILE, PACKAGE_URL = "code/steepest/functions.py", "newton-and-adaptive/"
PACKAGE_DOCSTRING = '    """∇²f(x, y) = [[1, 0], [0, 0.01]]'
# The code edit: a statement added to that function's body (the page shows it), which
# runs the examples that reach the function again (a docstring edit runs nothing again).
PACKAGE_CODE = "    return np.array([[1.0, 0.0], [0.0, 0.01]])"
EDIT_KINDS = ("prose", "docstring", "code")

LIVERELOAD = re.compile(r"livereload\((\d+),")
REFERENCE_POSTS = 50
# Issue 17's targets: ratios to the reference's cold build, and absolute seconds.
COLD_RATIO, WARM_RATIO = 1.0, 0.3
PROSE_SECONDS, PACKAGE_SECONDS, SUITE_SECONDS = 0.5, 2.0, 120.0


def articles() -> list[Path]:
    """Our articles: docs/*/index.md, the API reference's index excepted."""
    return sorted(
        page
        for page in (ROOT / "docs").glob("*/index.md")
        if page.parent.name != "reference"
    )


def notebooks() -> list[Path]:
    return sorted((ROOT / "docs/notebooks").glob("*.py"))


def median_words(pages: list[Path]) -> int:
    """Median number of white-space-separated words (as `wc -w` counts) of the pages."""
    return round(statistics.median(len(p.read_text("utf-8").split()) for p in pages))


def copy_project(destination: Path) -> Path:
    destination.mkdir()
    for name in ("docs", "hooks", "overrides", "code"):
        shutil.copytree(ROOT / name, destination / name)
    for name in ("mkdocs.yml", "requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def environment(project: Path) -> dict[str, str]:
    """What `make` gives our builds (the Makefile's exports), with the copy's package."""
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1",
        "PYTHONPATH": str(project / "code"),
        "STEEPEST_CACHE_DIR": str(project / ".cache/steepest"),
    }


def reference_environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(project: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB (build plus its children) of one build."""
    start = time.perf_counter()
    process = psutil.Popen(
        [*MKDOCS, "build", "--strict", "-q", "-d", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    if process.returncode != 0:
        raise SystemExit(f"the build of {project} failed")
    return time.perf_counter() - start, peak / 2**20


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 120) -> None:
    """Poll url until its body contains text (the server's start, a restored file)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if text in fetch(url):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{text!r} never appeared at {url}")


def seconds_to_served(url: str, path: Path, text: str, marker: str) -> float:
    """Save text (holding marker) to path, then wait as the page's live-reload script
    does; return the seconds from the save to the page served with the edit.

    The script long-polls /livereload/<epoch>/<id>, which answers once a newer build is
    visible, and then reloads the page. Polling the page itself instead would load the
    server with requests while it builds.
    """
    base = url.split("/", 3)[:3]
    saved = None
    while True:
        epoch = LIVERELOAD.search(fetch(url))
        if epoch is None:
            raise SystemExit(f"no live-reload script in {url}")
        if saved is None:
            path.write_text(text, "utf-8")
            saved = time.perf_counter()
        fetch("/".join(base) + f"/livereload/{epoch[1]}/0")
        if marker in fetch(url):
            return time.perf_counter() - saved


def package_edit(source: str, kind: str, marker: str) -> str:
    """The package module with a docstring edit or a code edit holding marker."""
    if kind == "docstring":
        old, new = PACKAGE_DOCSTRING, PACKAGE_DOCSTRING.replace('"""', f'"""{marker}: ')
    else:
        old, new = PACKAGE_CODE, f'    marker = "{marker}"\n{PACKAGE_CODE}'
    if old not in source:
        raise SystemExit(f"{PACKAGE_FILE} no longer has {old!r}")
    return source.replace(old, new, 1)


def wait_until_gone(url: str, text: str, timeout: float = 120) -> None:
    """Poll url until its body no longer holds text (a restored file rebuilt)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if text not in fetch(url):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{text!r} still at {url}")


def serve_edits(project: Path, edits: int) -> dict[str, list[float]]:
    """Seconds from saving an edit to the page served with it, for each kind of edit:
    prose, a package function's docstring, its code."""
    with socket.socket() as probe:  # a free port: other builds may be serving
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    article_url, package_url = base + ARTICLE_URL, base + PACKAGE_URL
    seconds: dict[str, list[float]] = {kind: [] for kind in EDIT_KINDS}
    try:
        wait_for(article_url, "Gradient descent")
        article, module = project / ARTICLE, project / PACKAGE_FILE
        for run in range(edits):
            time.sleep(1)
            marker = f"prose-edit-{run}-{time.time_ns()}"
            text = article.read_text("utf-8") + f"\n{marker}\n"
            seconds["prose"].append(
                seconds_to_served(article_url, article, text, marker)
            )
            for kind in ("docstring", "code"):
                time.sleep(1)
                marker = f"package-edit-{run}-{time.time_ns()}"
                source = module.read_text("utf-8")
                edited = package_edit(source, kind, marker)
                seconds[kind].append(
                    seconds_to_served(package_url, module, edited, marker)
                )
                module.write_text(source, "utf-8")
                wait_until_gone(package_url, marker)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return seconds


def verdict(value: float, target: float, unit: str = "") -> str:
    """'met' when value is at most target, else by how much it is missed."""
    if value <= target:
        return "met"
    return f"missed by {value - target:.2f}{unit} ({value / target:.1f}× the target)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=7, help="edits of each kind")
    parser.add_argument("--skip-tests", action="store_true")
    arguments = parser.parse_args()
    runs = arguments.runs
    ours, words = articles(), median_words(articles())

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "ours")
        reference = write_reference_site(
            Path(folder) / "reference", pages=REFERENCE_POSTS, words=words
        )
        posts = len(list((reference / "docs").glob("*/*.md")))
        cold, warm, reference_cold, reference_warm = [], [], [], []
        for _ in range(runs):
            reference_cold.append(timed_build(reference, reference_environment()))
            shutil.rmtree(project / ".cache", ignore_errors=True)
            cold.append(timed_build(project, environment(project)))
            warm.append(timed_build(project, environment(project)))
            reference_warm.append(timed_build(reference, reference_environment()))
        edits = serve_edits(project, arguments.edits)

    def seconds(builds: list[tuple[float, float]]) -> float:
        return statistics.median([t for t, _ in builds])

    def memory(builds: list[tuple[float, float]]) -> float:
        return statistics.median([m for _, m in builds])

    ratio_cold = seconds(cold) / seconds(reference_cold)
    ratio_warm = seconds(warm) / seconds(reference_cold)
    print(
        f"runs: {runs} builds of each, {arguments.edits} edits of each kind (medians)"
    )
    print(
        f"reference: {posts} posts of ≥ {words} words (our median article), Material, "
        "our markdown extensions, search only, nothing executed"
    )
    print(f"ours: {len(ours)} articles, {len(notebooks())} notebooks")
    print("                            ours                  reference")
    for name, mine, theirs in (
        ("cold build (empty cache)", cold, reference_cold),
        ("warm build", warm, reference_warm),
    ):
        print(
            f"{name:<27} {seconds(mine):7.2f} s {memory(mine):5.0f} MiB   "
            f"{seconds(theirs):7.2f} s {memory(theirs):5.0f} MiB\n"
            f"{'  per article (per post)':<27} {seconds(mine) / len(ours):7.2f} s"
            f"               {seconds(theirs) / posts:7.3f} s"
        )
    print(
        "each edit -> page served: "
        + "; ".join(
            f"{kind} " + ", ".join(f"{t:.2f}" for t in times) + " s"
            for kind, times in edits.items()
        )
    )
    print("targets (issue 17):")
    print(
        f"  cold build / reference cold    {ratio_cold:6.2f}    ≤ {COLD_RATIO:.1f}    "
        f"{verdict(ratio_cold, COLD_RATIO)}"
    )
    print(
        f"  warm build / reference cold    {ratio_warm:6.2f}    ≤ {WARM_RATIO:.1f}    "
        f"{verdict(ratio_warm, WARM_RATIO)}"
    )
    for kind, label, target in (
        ("prose", "prose edit", PROSE_SECONDS),
        ("docstring", "docstring edit", PACKAGE_SECONDS),
        ("code", "code edit", PACKAGE_SECONDS),
    ):
        median = statistics.median(edits[kind])
        print(
            f"  {label + ' -> page served':<30} {median:6.2f} s  ≤ {target:.1f} s  "
            f"{verdict(median, target, ' s')}"
        )
    if arguments.skip_tests:
        print(f"  test suite                     skipped   ≤ {SUITE_SECONDS:.0f} s")
    else:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, check=False)
        suite = time.perf_counter() - start
        print(
            f"  test suite                     {suite:6.1f} s  ≤ {SUITE_SECONDS:.0f} s  "
            f"{verdict(suite, SUITE_SECONDS, ' s')}"
        )


if __name__ == "__main__":
    main()
