"""MkDocs hook: cache mkdocs-jupyter's conversion of each executed notebook to HTML.

mkdocs-jupyter's own cache stores the HTML with no checksum (an altered entry would be
published as it is) and keys it on the notebook and its options only, not on nbconvert's
version; it is off (`cache: false` in mkdocs.yml). Its conversion runs under build_cache
instead: keyed on the executed notebook, the plugin's options, this hook and the pinned
dependencies; stored with a checksum; an entry that is altered or of the wrong shape is
converted again.

With site_url set (as under `mkdocs serve`), each notebook's install cell names the
wheel's URL, whose file name changes with every version of the package. The file name is
keyed and stored as a placeholder (package_wheel.WHEEL_PLACEHOLDER) and filled in when the
page is rendered, so a package edit converts no notebook again; an entry is stored so only
when nothing of the version is left in it.

nbconvert's templates are compiled once, into the build's shared template cache
(fast_rebuild.py), not once for each notebook.
"""

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from nbconvert.exporters.templateexporter import TemplateExporter

import package_wheel
from build_cache import Cache, LastBuilds, is_list_of
from fast_rebuild import TEMPLATE_CODE

CACHE = Cache("notebook-html", code=[__file__, package_wheel.__file__])


def create_environment_with_compiled_templates(exporter: TemplateExporter) -> object:
    """nbconvert's environment, taking compiled templates from the shared cache.

    mkdocs-jupyter makes two exporters per notebook, each with a new Jinja environment
    that would compile nbconvert's ~20 templates again (about 0.2 s a notebook).
    """
    environment = create_environment(exporter)
    environment.bytecode_cache = TEMPLATE_CODE
    return environment


create_environment = TemplateExporter._create_environment
TemplateExporter._create_environment = create_environment_with_compiled_templates  # type: ignore[method-assign]


def toc_tokens(links: list[AnchorLink]) -> list[dict]:
    """A table of contents as the tokens `get_toc` reads back."""
    return [
        {
            "level": link.level,
            "id": link.id,
            "name": link.title,
            "children": toc_tokens(link.children),
        }
        for link in links
    ]


def is_converted(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("content"), str)
        and is_list_of(dict, value.get("toc"))
        and isinstance(value.get("title"), str | None)
    )


# What rendering made of each notebook page (converted's value), by the plugin's options
# and the executed notebook (which names the wheel), in this build and the previous one:
# a `mkdocs serve` rebuild neither digests, reads nor fills in an unchanged one again.
CONVERTED: LastBuilds[tuple[str, str], dict] = LastBuilds()


def on_pre_build(config: MkDocsConfig) -> None:
    CONVERTED.next_build()


@event_priority(-100)  # after mkdocs-jupyter's on_pre_page has set the page's render
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if page.file.src_uri.endswith(".md"):
        return page
    convert = page.render
    options = json.dumps(config.plugins["mkdocs-jupyter"].config, default=str)

    def converted(notebook: str, config: MkDocsConfig, files: Files) -> dict:
        """The page's content (the wheel's name filled in), its table of contents as
        tokens, and its title if converting it sets one: cached, or converted."""
        label = package_wheel.version().partition("+")[2]  # the digest of the sources
        key = CACHE.key([options, package_wheel.without_version(notebook)])
        stored = CACHE.get(key, is_converted)
        if stored is not None:
            return {**stored, "content": package_wheel.with_version(stored["content"])}
        title = page.title
        convert(config, files)
        made = {
            "content": page.content or "",
            "toc": toc_tokens(list(page.toc)),
            "title": page.title if page.title != title else None,
        }
        stored = {**made, "content": package_wheel.without_version(made["content"])}
        if label not in json.dumps(stored):  # the version is in the placeholder only
            CACHE.put(key, stored)
        return made

    def render(config: MkDocsConfig, files: Files) -> None:
        notebook = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        made = CONVERTED.made(
            (options, notebook), lambda: converted(notebook, config, files)
        )
        page.content = made["content"]
        page.toc = get_toc(made["toc"])
        if made["title"] is not None:
            page.title = made["title"]

    page.render = render  # type: ignore[method-assign]
    return page
