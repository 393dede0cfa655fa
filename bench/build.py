"""Benchmark of the author loop (a script, not a test): prints medians of several runs.

    .venv/bin/python bench/build.py [--runs 3] [--edits 7] [--skip-tests]

Works on a copy of the project in a temporary folder (its own package via PYTHONPATH, its
own cache), so the working tree is never touched. Measures:
- cold `mkdocs build` (empty cache): wall time and peak memory of the build and its kernels;
- warm `mkdocs build` (everything cached);
- during `mkdocs serve`: from saving a prose edit, and from saving a package edit, to the
  rebuilt page being served with the change;
- the full test suite's wall time (`pytest -q` in the real project).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ARTICLE = "docs/descent-and-ascent/index.md"
PACKAGE_FILE = "code/steepest/functions.py"  # its peak_and_pit section is on ARTICLE
LIVERELOAD = re.compile(r"livereload\((\d+),")


def copy_project(destination: Path) -> Path:
    for name in ("docs", "hooks", "overrides", "code"):
        shutil.copytree(ROOT / name, destination / name)
    for name in ("mkdocs.yml", "requirements.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def environment(project: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project / "code"),
        "STEEPEST_CACHE_DIR": str(project / ".cache/steepest"),
    }


def timed_build(project: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB (build plus its children) of one build."""
    start = time.perf_counter()
    process = psutil.Popen(
        [*MKDOCS, "build", "--strict", "-q", "-d", "site"],
        cwd=project,
        env=environment(project),
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
        raise SystemExit("the build failed")
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


def serve_edits(project: Path, edits: int) -> tuple[list[float], list[float]]:
    """Seconds from saving an edit to the page served with it, for prose and package."""
    port = 8765
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/descent-and-ascent/"
    prose, package = [], []
    try:
        wait_for(url, "Gradient descent")
        article, module = project / ARTICLE, project / PACKAGE_FILE
        for run in range(edits):
            time.sleep(1)
            marker = f"prose-edit-{run}-{time.time_ns()}"
            text = article.read_text("utf-8") + f"\n{marker}\n"
            prose.append(seconds_to_served(url, article, text, marker))

            time.sleep(1)
            marker = f"package-edit-{run}-{time.time_ns()}"
            source = module.read_text("utf-8")
            edited = source.replace(
                '    """f(x, y) = x', f'    """{marker}: f(x, y) = x', 1
            )
            package.append(seconds_to_served(url, module, edited, marker))
            module.write_text(source, "utf-8")
            wait_for(url, '"""f(x, y) = x')
    finally:
        server.terminate()
        server.wait(timeout=30)
    return prose, package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=7, help="edits of each kind")
    parser.add_argument("--skip-tests", action="store_true")
    arguments = parser.parse_args()
    runs = arguments.runs

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder))
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            cold.append(timed_build(project))
            warm.append(timed_build(project))
        prose, package = serve_edits(project, arguments.edits)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(f"runs: {runs} builds, {arguments.edits} edits of each kind (medians)")
    print(
        f"cold build (empty cache): {median([t for t, _ in cold]):.2f} s, "
        f"peak memory {median([m for _, m in cold]):.0f} MiB"
    )
    print(
        f"warm build:               {median([t for t, _ in warm]):.2f} s, "
        f"peak memory {median([m for _, m in warm]):.0f} MiB"
    )
    print(f"serve, prose edit -> page served:   {median(prose):.2f} s")
    print(f"serve, package edit -> page served: {median(package):.2f} s")
    print(
        f"cold build / 15.3 s (50-page blog, nothing executed): "
        f"{median([t for t, _ in cold]) / 15.3:.2f}"
    )
    if not arguments.skip_tests:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, check=False)
        print(f"test suite: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
