"""hooks/kept_pages.py: under `mkdocs serve`, a page goes through the templates again only
when its template context changed, and gets the output a render would give."""

from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation

from sitepages import hook

TEMPLATE = (
    "{{ page.title }}|{{ page.content }}|{% for item in nav %}{{ item.title }}"
    "{% if item.active %}*{% endif %},{% endfor %}|{{ config.extra.tag }}"
)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates Jinja really renders, by name."""
    rendered: list[str] = []
    render = jinja2.Template.render

    def counting(self: jinja2.Template, *args, **kwargs) -> str:
        rendered.append(self.name or "?")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    return rendered


def project(folder: Path, pages: dict[str, str], tag: str = "one") -> None:
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "theme").mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "theme" / "main.html").write_text(TEMPLATE, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: null, custom_dir: theme}\n"
        f"extra: {{tag: {tag}}}\n",
        encoding="utf-8",
    )


def build(kept, folder: Path) -> dict[str, str]:
    """What a (re)build gives each page through main.html, with the hook's events."""
    config = load_config(str(folder / "mkdocs.yml"))
    names = sorted(path.name for path in (folder / "docs").glob("*.md"))
    files = Files(
        [File(n, str(folder / "docs"), str(folder / "site"), True) for n in names]
    )
    nav = get_navigation(files, config)
    kept.on_nav(nav, config, files)
    for file in files.documentation_pages():  # as MkDocs: every page, then templates
        file.page.read_source(config)
        file.page.render(config, files)
    env = kept.on_env(config.theme.get_env(), config, files)
    outputs = {}
    for file in files.documentation_pages():
        page = file.page
        page.active = True
        context = get_context(nav, files, config, page)
        outputs[file.src_uri] = env.get_template("main.html").render(context)
        page.active = False
    kept.on_post_build(config)
    return outputs


def test_only_pages_whose_context_changed_are_rendered_again(tmp_path, renders):
    kept = hook("kept_pages")
    kept.on_startup("serve", dirty=False)
    pages = {"a.md": "alpha\n", "b.md": "beta\n", "c.md": "gamma\n"}
    project(tmp_path, pages)
    first = build(kept, tmp_path)
    assert len(renders) == 3
    assert first["a.md"] == "A|<p>alpha</p>|A*,B,C,|one"
    assert build(kept, tmp_path) == first and len(renders) == 3

    pages["a.md"] = "alpha and more\n"
    project(tmp_path, pages)
    edited = build(kept, tmp_path)
    assert len(renders) == 4
    assert edited["a.md"] == "A|<p>alpha and more</p>|A*,B,C,|one"
    assert edited["b.md"] == first["b.md"]

    # A new title is in every page's navigation (not only its neighbours' links).
    pages["c.md"] = "# Sea\n"
    project(tmp_path, pages)
    retitled = build(kept, tmp_path)
    assert len(renders) == 7
    assert retitled["a.md"] == "A|<p>alpha and more</p>|A*,B,Sea,|one"

    # The configuration and the templates are read at each build.
    project(tmp_path, pages, tag="two")
    assert build(kept, tmp_path)["a.md"].endswith("|two") and len(renders) == 10
    (tmp_path / "theme" / "main.html").write_text("new {{ page.title }}", "utf-8")
    assert build(kept, tmp_path) == {
        "a.md": "new A",
        "b.md": "new B",
        "c.md": "new Sea",
    }
    assert len(renders) == 13


def test_builds_render_every_page(tmp_path, renders):
    kept = hook("kept_pages")
    kept.on_startup("build", dirty=False)
    project(tmp_path, {"a.md": "alpha\n", "b.md": "beta\n"})
    assert build(kept, tmp_path) == build(kept, tmp_path) and len(renders) == 4
