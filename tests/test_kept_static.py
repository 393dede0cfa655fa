"""Under `mkdocs serve`, kept_static.py links a rebuild's static files to the previous
site's where they are what MkDocs would write, and copies them otherwise.

Each test runs builds as MkDocs and whole_site.py run them: the site folder is named in
on_config, the build writes into a staging folder, the static files are written by their
copy_file after on_env, and the staging folder replaces the site after on_post_build.
"""

import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from sitepages import hook

OLD = time.time_ns() - 60 * 1_000_000_000  # a minute ago: not racily clean


@pytest.fixture
def kept_static():
    module = hook("kept_static")
    module.on_startup(command="serve", dirty=False)
    return module


def source(folder: Path, name: str, text: str, modified: int | None = OLD) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if modified is not None:
        os.utime(path, ns=(modified, modified))


def build(kept_static, tmp_path: Path, generated: dict[str, str], after=None) -> Path:
    """One build of the sources under tmp_path/src and the generated files; returns the
    staging folder before it replaces the site (after(staging) runs before
    on_post_build, as a hook's writes do)."""
    site, staging = tmp_path / "site", tmp_path / "staging"
    config = SimpleNamespace(site_dir=str(site))
    kept_static.on_config(config)
    config.site_dir = str(staging)
    files = [
        File(
            path.relative_to(tmp_path / "src").as_posix(),
            str(tmp_path / "src"),
            str(staging),
            True,
        )
        for path in sorted((tmp_path / "src").rglob("*"))
        if path.is_file()
    ]
    for name, text in generated.items():
        file = File(name, None, str(staging), True)
        file.content_string = text
        files.append(file)
    kept_static.on_env(None, config, Files(files))
    for file in files:
        file.copy_file(False)
    if after is not None:
        after(staging)
    kept_static.on_post_build(config)
    return staging


def swap(tmp_path: Path) -> None:
    """whole_site.py's swap: the staging folder becomes the site."""
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
    (tmp_path / "staging").rename(tmp_path / "site")


def linked(tmp_path: Path, name: str) -> bool:
    return (tmp_path / "site" / name).samefile(tmp_path / "staging" / name)


def test_unchanged_files_are_linked_and_changed_ones_copied(kept_static, tmp_path):
    src = tmp_path / "src"
    source(src, "assets/theme.css", "body {}")
    source(src, "edited.css", "a {}")
    source(src, "recent.css", "b {}", modified=None)  # modified just now
    figures = {"figures/same.svg": "<svg/>", "figures/redrawn.svg": "<svg>1</svg>"}
    build(kept_static, tmp_path, figures)
    swap(tmp_path)
    previous = (tmp_path / "site/edited.css").read_text(encoding="utf-8")
    source(src, "edited.css", "a { color: red }")
    figures["figures/redrawn.svg"] = "<svg>2</svg>"
    staging = build(kept_static, tmp_path, figures)
    assert linked(tmp_path, "assets/theme.css") and linked(tmp_path, "figures/same.svg")
    assert not linked(tmp_path, "edited.css")
    assert not linked(tmp_path, "recent.css")  # racily clean: copied
    assert not linked(tmp_path, "figures/redrawn.svg")
    assert (staging / "edited.css").read_text(encoding="utf-8") == "a { color: red }"
    assert (staging / "figures/redrawn.svg").read_text(
        encoding="utf-8"
    ) == "<svg>2</svg>"
    assert (tmp_path / "site/edited.css").read_text(encoding="utf-8") == previous


def test_a_file_a_hook_changed_after_the_copy_is_copied_ever_after(
    kept_static, tmp_path
):
    source(tmp_path / "src", "fonts/math.woff2", "full font")

    def cut_down(staging: Path) -> None:  # as a hook that writes into its copy would
        (staging / "fonts/math.woff2").write_text("cut", encoding="utf-8")

    build(kept_static, tmp_path, {}, after=cut_down)
    swap(tmp_path)
    build(kept_static, tmp_path, {})
    assert not linked(tmp_path, "fonts/math.woff2")
    assert (tmp_path / "staging/fonts/math.woff2").read_text("utf-8") == "full font"
    swap(tmp_path)
    build(kept_static, tmp_path, {})  # unchanged since, and still copied
    assert not linked(tmp_path, "fonts/math.woff2")


def test_a_site_file_altered_since_its_build_is_copied(kept_static, tmp_path):
    source(tmp_path / "src", "style.css", "p {}")
    build(kept_static, tmp_path, {})
    swap(tmp_path)
    (tmp_path / "site/style.css").write_text("altered", encoding="utf-8")
    staging = build(kept_static, tmp_path, {})
    assert not linked(tmp_path, "style.css")
    assert (staging / "style.css").read_text(encoding="utf-8") == "p {}"


def test_a_file_written_twice_never_writes_through_its_link(kept_static, tmp_path):
    figures = {"figures/late.svg": "<svg/>"}
    build(kept_static, tmp_path, figures)
    swap(tmp_path)

    def drawn_late(staging: Path) -> None:  # figures.py writes a late drawing again
        file = File("figures/late.svg", None, str(staging), True)
        file.content_string = "<svg>drawn</svg>"
        kept_static.write(file)

    staging = build(kept_static, tmp_path, figures, after=drawn_late)
    assert (tmp_path / "site/figures/late.svg").read_text("utf-8") == "<svg/>"
    assert (staging / "figures/late.svg").read_text("utf-8") == "<svg>drawn</svg>"


def test_mkdocs_build_copies_as_mkdocs_does(kept_static, tmp_path):
    kept_static.on_startup(command="build", dirty=False)
    source(tmp_path / "src", "style.css", "p {}")
    build(kept_static, tmp_path, {})
    swap(tmp_path)
    build(kept_static, tmp_path, {})
    assert not linked(tmp_path, "style.css")
