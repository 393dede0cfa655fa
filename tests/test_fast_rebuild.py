"""hooks/fast_rebuild.py: what `mkdocs serve` watches with, and the shared template cache."""

import time
from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from watchdog.events import FileSystemEventHandler

from sitepages import ROOT, hook


def test_the_observer_reports_saves_but_not_reads(tmp_path: Path):
    """A build reads the watched files: that must not start another build."""
    page = tmp_path / "page.md"
    page.write_text("before\n", encoding="utf-8")
    events = []
    handler = FileSystemEventHandler()
    handler.on_any_event = events.append
    observer = hook("fast_rebuild").ChangeObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        page.read_text(encoding="utf-8")
        time.sleep(0.5)
        assert events == []
        page.write_text("after\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not events and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(event.src_path == str(page) for event in events)
    finally:
        observer.stop()
        observer.join()


def test_templates_compile_once_per_process_and_again_when_edited(tmp_path: Path):
    template = tmp_path / "page.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    code_cache = hook("fast_rebuild").TemplateCodeCache()

    def fresh_environment() -> jinja2.Environment:  # as each serve rebuild makes one
        loader = jinja2.FileSystemLoader(tmp_path)
        return jinja2.Environment(loader=loader, bytecode_cache=code_cache)

    assert fresh_environment().get_template("page.html").render(x=1) == "one 1"
    assert len(code_cache.code) == 1
    compiled = next(iter(code_cache.code.values()))
    assert fresh_environment().get_template("page.html").render(x=2) == "one 2"
    assert next(iter(code_cache.code.values())) is compiled  # not compiled again
    template.write_text("two {{ x }}", encoding="utf-8")
    assert fresh_environment().get_template("page.html").render(x=3) == "two 3"


def test_the_next_process_loads_compiled_templates_and_drops_altered_ones(
    tmp_path: Path,
):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    folder = tmp_path / "compiled"
    fast_rebuild = hook("fast_rebuild")

    def render(x: int, autoescape: bool = False) -> tuple[str, int]:
        """Render in a new process (a new cache on the folder): text, compilations."""
        code_cache = fast_rebuild.TemplateCodeCache(folder)
        compiled = 0
        dump = code_cache.dump_bytecode

        def counting(bucket) -> None:
            nonlocal compiled
            compiled += 1
            dump(bucket)

        code_cache.dump_bytecode = counting
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(tmp_path / "templates"),
            bytecode_cache=code_cache,
            autoescape=autoescape,
        )
        return environment.get_template("page.html").render(x=x), compiled

    assert render(1) == ("one 1", 1)
    (stored,) = folder.glob("*.jinja")
    assert render(2) == ("one 2", 0)  # loaded from the folder
    assert render(3, autoescape=True) == ("one 3", 1)  # other settings, other code
    stored.write_bytes(stored.read_bytes()[:-5])  # partial
    assert render(4) == ("one 4", 1)
    assert render(5) == ("one 5", 0)
    template.write_text("two {{ x }}", encoding="utf-8")
    assert render(6) == ("two 6", 1)


def test_the_installed_theme_is_listed_once_and_the_projects_folders_each_build(
    tmp_path: Path, monkeypatch
):
    """A static file added to overrides/ under `mkdocs serve` is still found."""
    fast_rebuild = hook("fast_rebuild")
    installed, overrides = tmp_path / "installed", tmp_path / "overrides"
    (tmp_path / "docs").mkdir()
    for folder in (installed, overrides):
        (folder / "assets").mkdir(parents=True)
        (folder / "main.html").write_text("{{ x }}", encoding="utf-8")
    (installed / "assets" / "theme.css").write_text("a {}", encoding="utf-8")
    monkeypatch.setattr(fast_rebuild, "INSTALLED", {installed.resolve()})
    monkeypatch.setattr(fast_rebuild, "LISTINGS", {})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: mkdocs\n  custom_dir: overrides\n"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.theme.dirs[1:] = [str(installed)]  # the installed theme, after overrides/
    listed: list[str] = []

    class Counting(jinja2.FileSystemLoader):
        def list_templates(self) -> list[str]:
            listed.append("listed")
            return super().list_templates()

    def static_files() -> list[str]:
        files = Files([])
        environment = jinja2.Environment(loader=Counting(config.theme.dirs))
        Files.add_files_from_theme(
            files, fast_rebuild.ListedOnce(environment, config), config
        )
        return sorted(file.src_uri for file in files)

    assert static_files() == ["assets/theme.css"]
    (installed / "assets" / "ignored.css").write_text("b {}", encoding="utf-8")
    assert static_files() == ["assets/theme.css"] and listed == ["listed"]
    (overrides / "assets" / "extra.css").write_text("c {}", encoding="utf-8")
    assert static_files() == [
        "assets/extra.css",
        "assets/ignored.css",
        "assets/theme.css",
    ]
    assert listed == ["listed", "listed"]


def test_serve_watches_with_the_native_observer_and_waits_less_for_a_save_to_settle(
    tmp_path: Path,
):
    fast_rebuild = hook("fast_rebuild")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path)
    )
    try:
        server.watch(config.docs_dir)  # as `mkdocs serve` does before this event
        server.watch(config.config_file_path)
        server = fast_rebuild.on_serve(server, config, None)
        assert isinstance(server.observer, fast_rebuild.ChangeObserver)
        assert server.build_delay == fast_rebuild.SETTLE_SECONDS < 0.1
    finally:
        server.server_close()


def test_every_environment_made_from_the_theme_shares_the_compiled_templates():
    """Material's search plugin makes one at each build, to read its translations."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    fast_rebuild = hook("fast_rebuild")  # loaded last: its cache is the one shared
    first, second = config.theme.get_env(), config.theme.get_env()
    assert first is not second
    assert first.bytecode_cache is second.bytecode_cache is fast_rebuild.TEMPLATE_CODE
