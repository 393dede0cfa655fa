"""Serve a built site on 127.0.0.1 and drive Debian's Chromium against it.

Nothing here installs anything: the browser is the system's /usr/bin/chromium, driven by
the PyPI package playwright (pinned in requirements.txt), which never downloads one.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"
TIMEOUT_MS = 20_000
# The marks of a test that drives the browser: skipped, and said so, without Chromium.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(
    folder: Path, handler_class: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 and a free port; yield the base URL."""
    handler = partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def desktop_context(browser, color_scheme: str) -> Iterator[object]:
    """A browser context of a 1280×900 window in a colour scheme, with the tests' timeout."""
    context = browser.new_context(
        color_scheme=color_scheme, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def page_paths(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page of a built site."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("assets/", "vendor/")):
            continue
        if relative == "index.html":
            paths.append("")
        elif relative.endswith("/index.html"):
            paths.append(relative.removesuffix("index.html"))
        else:
            paths.append(relative)
    return paths


def html_file(site: Path, path: str) -> Path:
    """The HTML file behind a URL path returned by page_paths."""
    return site / path if path.endswith(".html") else site / path / "index.html"


def url_path_of(source: Path) -> str:
    """The URL path of a docs/ source file under use_directory_urls ('' for index.md)."""
    stem = source.with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    return "" if folder == Path(".") else f"{folder.as_posix()}/"


def open_page(context, url: str) -> tuple[object, list[str]]:
    """Open url in a new tab; return the tab and a live list of what went wrong."""
    problems: list[str] = []
    tab = context.new_page()

    def on_request(request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == HOST:
            return
        problems.append(f"request to another host: {request.url[:200]}")

    def on_response(response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    tab.on("request", on_request)
    tab.on("response", on_response)
    tab.on(
        "requestfailed",
        lambda r: problems.append(f"failed request: {r.url[:200]} ({r.failure})"),
    )
    tab.on(
        "console",
        lambda m: (
            problems.append(f"console error: {m.text}") if m.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.goto(url, wait_until="load")
    return tab, problems
