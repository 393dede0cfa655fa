"""MkDocs hook: under `mkdocs serve`, a page whose template context did not change is not
put through the theme's templates again. Builds (`mkdocs build`) are unchanged.

Each rebuild renders every page's template (about 0.2 s of a 1.6-s rebuild), although a
prose edit changes one page's content. What the theme's `main.html` makes of a page is a
function of its context: the page (content, table of contents, title, metadata, URLs,
previous and next pages, ancestors), the navigation (every entry's title and URL, which
entries are active follows from the page's URL), the configuration (mkdocs.yml as
written, the site URL, `extra`), the page's base URL and script and style sheet links,
the site's files, and the templates (the overrides, read at each build, and the theme's
pinned version). Keyed on all of
that, the previous rebuild's output is reused; `on_post_page` still runs on it. The hooks
cannot change within a process (MkDocs loads them once); the template globals they or
plugins set are keyed too; nothing else the templates read varies between rebuilds (the
build date is not shown on pages).
"""

import hashlib
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_cache import by_name, environment, files_signature

SERVING: list[bool] = []  # set at startup: whether this process is `mkdocs serve`
OUTPUTS: dict[str, str] = {}  # key -> the template's output, previous rebuild and this
SITE: dict[str, str] = {}  # what every page's key shares, for this build


def on_startup(command: str, dirty: bool) -> None:
    SERVING[:] = [command == "serve"]


def toc_rows(toc: Any) -> list[Any]:
    return [
        [item.id, item.title, item.url, item.level, toc_rows(item.children)]
        for item in toc
    ]


def nav_rows(items: list[Any]) -> list[Any]:
    """Every navigation entry: its kind, title, URL and children."""
    return [
        [
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            nav_rows(item.children or []),
        ]
        for item in items
    ]


def templates_digest(config: MkDocsConfig) -> str:
    """SHA-256 over the theme's overrides and the pinned dependencies (the theme's own
    templates are those of its pinned version)."""
    digest = hashlib.sha256(environment().encode())
    custom = config.theme.custom_dir
    for path in sorted(Path(custom).rglob("*")) if custom else []:
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# What MkDocs puts in a page's context (get_context), keyed above by what templates read
# of it; anything a plugin adds is keyed as it is.
MKDOCS_CONTEXT = {
    "nav",
    "pages",
    "base_url",
    "extra_css",
    "extra_javascript",
    "mkdocs_version",
    "build_date_utc",
    "config",
    "page",
}


def page_key(context: dict[str, Any]) -> str:
    page: Page = context["page"]
    neighbours = [page.previous_page, page.next_page]
    read = [
        page.content,
        toc_rows(page.toc),
        page.title,
        page.meta,
        [page.url, page.canonical_url, page.edit_url, page.abs_url],
        [page.file.src_uri, page.file.dest_uri],
        [None if other is None else [other.title, other.url] for other in neighbours],
        [ancestor.title for ancestor in page.ancestors],
        [context["base_url"], context["extra_css"], context["extra_javascript"]],
        {name: value for name, value in context.items() if name not in MKDOCS_CONTEXT},
        SITE["signature"],
    ]
    text = json.dumps(read, sort_keys=True, default=by_name)
    return hashlib.sha256(text.encode()).hexdigest()


def kept_render(template: Template) -> None:
    """Make the template's top-level render reuse the output for a known page context
    (the templates it extends or includes are rendered through Jinja's own functions)."""
    render = template.render

    def render_or_reuse(*args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        if not isinstance(context.get("page"), Page):
            return render(*args, **kwargs)
        key = page_key(context)
        if key not in OUTPUTS:
            OUTPUTS[key] = render(*args, **kwargs)
        KEYS.append(key)
        return OUTPUTS[key]

    template.render = render_or_reuse  # type: ignore[method-assign]


KEYS: list[str] = []  # the keys this build used


@event_priority(-100)  # after the other hooks and plugins have set the globals it keys
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if not SERVING or not SERVING[0]:
        return env
    get_template = env.get_template

    def get_kept_template(
        name: Any, parent: Any = None, *args: Any, **kwargs: Any
    ) -> Template:
        template = get_template(name, parent, *args, **kwargs)
        if parent is None and not getattr(template, "kept", False):  # called by MkDocs
            kept_render(template)
            template.kept = True  # type: ignore[attr-defined]
        return template

    env.get_template = get_kept_template  # type: ignore[method-assign]
    with open(config.config_file_path, encoding="utf-8") as file:
        configuration = file.read()
    SITE["signature"] = json.dumps(
        [
            configuration,
            config.site_url,
            config.extra,
            templates_digest(config),
            nav_rows(NAV[0].items),
            files_signature(files),
            env.globals,
        ],
        sort_keys=True,
        default=by_name,
    )
    return env


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    NAV[:] = [nav]  # read at on_env, when every page's title is known (from its render)
    return nav


NAV: list[Navigation] = []


def on_post_build(config: MkDocsConfig) -> None:
    """Keep only the outputs this build used: the next rebuild's candidates."""
    used = set(KEYS)
    for key in [key for key in OUTPUTS if key not in used]:
        del OUTPUTS[key]
    KEYS.clear()
