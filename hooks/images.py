"""MkDocs hook: make every image of every page cheap and accessible.

- Every <img> gets `loading="lazy" decoding="async"`: a figure below the fold costs nothing
  until the reader scrolls to it, and the copy for the palette not shown (Material hides
  it with display: none) is never fetched.
- Notebook pages: nbconvert gives a plot neither a size nor alt text (it writes a
  placeholder). The hook sets width and height from the PNG's header, so the page does not
  shift when it loads, and names the plot after the section it belongs to.
"""

import base64
import re
import struct

from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import Cache, LastBuilds

CACHE = Cache(
    "notebook-images", code=[__file__]
)  # parsing a notebook page costs more than a rebuild

IMAGE_TAG = re.compile(r"<img\b(?![^>]*\bloading=)")
PLACEHOLDER_ALT = "No description has been provided for this image"
PNG_DATA = "data:image/png;base64,"


def png_size(data_url: str) -> tuple[int, int] | None:
    """Width and height of a base64 PNG data URL, read from its IHDR chunk."""
    header = base64.b64decode(data_url[len(PNG_DATA) :][:32])
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def describe_notebook_images(html: str, title: str) -> str:
    """Give notebook plots their pixel size and alt text naming their section."""
    if PLACEHOLDER_ALT not in html and PNG_DATA not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        source = image.get("src", "")
        if source.startswith(PNG_DATA) and not image.get("width"):
            size = png_size(source)
            if size:
                image["width"], image["height"] = (str(side) for side in size)
        if image.get("alt", PLACEHOLDER_ALT) == PLACEHOLDER_ALT:
            heading = image.find_previous(["h1", "h2", "h3", "h4"])
            section = (
                heading.get_text(" ", strip=True).rstrip("¶ ") if heading else title
            )
            section = section.replace("$", "").replace("\\", "")
            image["alt"] = f"Plot drawn by the code cell above, for “{section}”"
    return str(soup)


# What on_page_content made of a page, by what it read: whether the page is a notebook,
# its title, its HTML.
MADE: LastBuilds[tuple[bool, str, str], str] = LastBuilds()


def on_pre_build(config: MkDocsConfig) -> None:
    MADE.next_build()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    read = (page.file.src_uri.endswith(".md"), page.title or "", html)
    return MADE.made(read, lambda: with_images_described(html, page))


def with_images_described(html: str, page: Page) -> str:
    """Every image loaded lazily; a notebook page's plots sized and described."""
    if not page.file.src_uri.endswith(".md"):
        key = CACHE.key([page.title or "", html])
        described = CACHE.get(key, lambda value: isinstance(value, str))
        if described is None:
            described = describe_notebook_images(html, page.title or "")
            CACHE.put(key, described)
        html = described
    return IMAGE_TAG.sub('<img loading="lazy" decoding="async"', html)
