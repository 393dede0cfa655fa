"""MkDocs hook: execute the companion notebooks, with a cache keyed on what they run.

mkdocs-jupyter's own cache is keyed on the notebook's bytes alone, so it would serve stale
outputs after a change in code/steepest/. Here each notebook (docs/notebooks/*.py, jupytext)
is executed only when its code cells, the steepest modules they import, the pinned
dependencies or the runner change (build_cache.py), in IPython's shell in a process forked
from one that has NumPy, matplotlib and IPython imported (notebook_runner.py: the outputs
a Jupyter kernel gives, tests/test_notebook_runner.py). Its outputs are merged into the
current cells (so editing a markdown cell runs nothing) and the executed .ipynb is what
mkdocs-jupyter renders, with `execute: false`. A cell that raises, or runs longer than
STEEPEST_TIMEOUT seconds (120 unless set), stops the build with one message naming the
notebook and line.

Each notebook starts with a cell, added here, that installs the wheel the site serves
(package_wheel.py) only if `steepest` is missing: a no-op in the build, which has it, so
it is keyed with the wheel's address left out, and a reader's plain Jupyter or Colab
installs the package before the first import.
"""

import copy
import functools
import json
import logging
import os
import re
from concurrent.futures import Future
from pathlib import Path

import jupytext
import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import notebook_runner
import workers
from build_cache import CACHE_DIR, Cache, LastBuilds, is_list_of
from package_wheel import needs_figures, requirement

CACHE = Cache("notebooks", code=[__file__, notebook_runner.__file__, workers.__file__])
LOG = logging.getLogger("mkdocs.hooks.notebooks")
EXECUTED = (
    CACHE_DIR / "executed" / "notebooks"
)  # mkdocs-jupyter includes notebooks/*.ipynb
TIMEOUT = int(os.environ.get("STEEPEST_TIMEOUT", "120"))  # seconds, per cell
ANSI_CODES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # IPython colours its tracebacks


def install_cell(target: str | None) -> str:
    """The first cell: pip-install target unless steepest is importable.

    With no target (site_url unset, so the wheel's address is unknown) it says where to
    get the package instead of guessing an address.
    """
    if target is None:
        return "\n".join(
            [
                "# This notebook uses steepest, the package of the site it comes from:",
                "# this cell stops with a message if it is missing.",
                "import importlib.util",
                "",
                'if importlib.util.find_spec("steepest") is None:',
                "    raise ModuleNotFoundError(",
                '        "steepest is missing: install it as the Install page of the site says"',
                "    )",
            ]
        )
    return "\n".join(
        [
            "# This notebook uses steepest, the package of the site it comes from:",
            "# this cell installs it if it is missing (in Colab or a new environment).",
            "import importlib.util",
            "import subprocess",
            "import sys",
            "",
            'if importlib.util.find_spec("steepest") is None:',
            f"    requirement = {json.dumps(target)}",
            '    pip = [sys.executable, "-m", "pip", "install", "--quiet"]',
            "    subprocess.run([*pip, requirement], check=True)",
            "    importlib.invalidate_caches()",
        ]
    )


# Functions of the text: computed once per process (`mkdocs serve` rebuilds in one).
@functools.lru_cache(maxsize=1024)
def as_python(cell: str) -> str:
    """A code cell as IPython runs it: its magics (`%pip`) turned into Python."""
    return TransformerManager().transform_cell(cell)


@functools.lru_cache(maxsize=64)
def parsed(text: str) -> nbformat.NotebookNode:
    """The notebook of a jupytext percent-format source, parsed once per process."""
    return jupytext.reads(text, fmt={"extension": ".py"})


def read_notebook(text: str) -> nbformat.NotebookNode:
    """The notebook of a source's text, as `jupytext.reads` gives it: a new object (the
    build adds a cell and outputs to it), parsed only when the text is new to this
    process."""
    return copy.deepcopy(parsed(text))


def install_cells(
    notebook: nbformat.NotebookNode, config: MkDocsConfig
) -> tuple[str, str]:
    """The install cell the notebook starts with, and that cell as keyed in the cache."""
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    target = requirement(config, needs_figures(code)) if config.site_url else None
    return install_cell(target), install_cell(None if target is None else "TARGET")


def execute(notebook: nbformat.NotebookNode, source: Path, name: str) -> list[dict]:
    """Run the notebook's code cells in a new process; return each code cell's results.

    The process is forked from the fork server (workers.py) and runs the cells in an
    IPython shell (notebook_runner.py) in the notebook's folder. A cell that raises, or
    runs longer than TIMEOUT seconds (the process is then killed), is a PluginError
    that names the notebook's line where the cell starts.
    """
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    process, connection = workers.start_forked(
        notebook_runner.run_notebook, cells, str(source.parent), dict(os.environ)
    )
    running = 0
    try:
        while True:
            if not connection.poll(TIMEOUT):
                where = f"{name}:{line_of(cells[running], source)}"
                raise PluginError(
                    f"the notebook cell at {where} ran longer than {TIMEOUT} s "
                    "(STEEPEST_TIMEOUT) and was stopped: does it loop forever?"
                )
            kind, value = connection.recv()
            if kind != "started":
                break
            running = value
    except EOFError:
        process.join()
        where = f"{name}:{line_of(cells[running], source)}"
        raise PluginError(
            f"the notebook process ended (exit code {process.exitcode}) while the "
            f"cell at {where} ran"
        ) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        connection.close()
    if kind == "failed":
        raise PluginError(f"notebook {name}: its runner failed:\n{value}")
    errors = [o for o in value[-1]["outputs"] if o["output_type"] == "error"]
    if errors:
        where = f"{name}:{line_of(cells[len(value) - 1], source)}"
        trace = ANSI_CODES.sub("", "\n".join(errors[0]["traceback"]))
        raise PluginError(f"notebook {name}: the cell at {where} raised:\n{trace}")
    return value


def are_results(value: object, cells: int) -> bool:
    """Whether a cached value holds what `execute` returns for that many code cells."""
    return is_list_of(dict, value, cells) and all(
        is_list_of(dict, result.get("outputs"))
        and all(
            isinstance(output.get("output_type"), str) for output in result["outputs"]
        )
        and isinstance(result.get("execution_count"), int | None)
        for result in value
    )


def line_of(cell_source: str, source: Path) -> int | str:
    """The line of the notebook's source file where the cell's code starts."""
    text = source.read_text(encoding="utf-8")
    position = text.find(cell_source)
    return text.count("\n", 0, position) + 1 if position >= 0 else "?"


def notebook_pages(files: Files) -> list[File]:
    return [
        file
        for file in files.documentation_pages()
        if file.src_uri.startswith("notebooks/") and file.src_uri.endswith(".py")
    ]


Made = tuple[str, str, str]  # the source's text, its install cell, its results' key
# Each notebook page's notebook, what its executed notebook is made of, and its results
# to come, or its results, or (when EXECUTED_TEXTS knows it) its executed notebook's text.
Pending = tuple[nbformat.NotebookNode | None, Made, Future[list] | list | str]
PENDING: dict[File, Pending] = {}
# The executed notebook's text by what it is made of (its results are a function of their
# key), in this build and the previous one: a `mkdocs serve` rebuild neither reads the
# results nor writes the notebook again when those are the same.
EXECUTED_TEXTS: LastBuilds[Made, str] = LastBuilds()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Queue the notebooks whose results are not cached (workers.py: one per core).

    They run while the articles are built (and before the figures, queued after them);
    each notebook page waits for its own (on_pre_page). A notebook whose executed text
    this process made from the same source, install cell and key is not read again.
    """
    PENDING.clear()
    EXECUTED_TEXTS.next_build()
    for file in notebook_pages(files):
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        install, keyed_install = install_cells(parsed(text), config)
        code = [c.source for c in parsed(text).cells if c.cell_type == "code"]
        # The cells are keyed as IPython runs them, cell by cell (build_cache.cache_key).
        key = CACHE.key([keyed_install], python=[as_python(cell) for cell in code])
        made = (text, install, key)
        known = EXECUTED_TEXTS.get(made)
        if known is not None:
            PENDING[file] = (None, made, known)
            continue
        notebook = read_notebook(text)
        notebook.cells.insert(0, nbformat.v4.new_code_cell(install))
        results = CACHE.get(key, functools.partial(are_results, cells=len(code) + 1))
        if results is None:
            LOG.info("executing %s", file.src_uri)
            source = Path(file.abs_src_path)
            results = workers.QUEUE.submit(execute, notebook, source, file.src_uri)
        PENDING[file] = (notebook, made, results)
    # Pages are built in the order of files: the notebook pages last, so that the
    # articles' examples run while the notebooks do, instead of waiting for them.
    notebooks = notebook_pages(files)
    return Files([file for file in files if file not in notebooks] + notebooks)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Point each notebook page at its executed .ipynb; write the ones already known."""
    for file, (notebook, made, results) in PENDING.items():
        file.abs_src_path = str(executed_path(file))
        if not isinstance(results, Future):
            write_executed(notebook, made, results, file)
    return nav


@event_priority(100)  # before mkdocs-jupyter reads the notebook in its own on_pre_page
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Wait for this page's notebook only now: the pages before it were built meanwhile."""
    if page.file in PENDING:
        notebook, made, results = PENDING.pop(page.file)
        if isinstance(results, Future):
            results = results.result()
            CACHE.put(made[2], results)
            write_executed(notebook, made, results, page.file)
    return page


def on_post_build(config: MkDocsConfig) -> None:
    """Notebooks whose page was not built still must not fail unnoticed."""
    for _notebook, _key, results in PENDING.values():
        if isinstance(results, Future):
            results.result()
    PENDING.clear()


def executed_path(file: File) -> Path:
    return EXECUTED / f"{Path(file.src_uri).stem}.ipynb"


def write_executed(
    notebook: nbformat.NotebookNode | None,
    made: Made,
    results: list | str,
    file: File,
) -> None:
    """Merge the results into the notebook's code cells; write it as .ipynb (results: the
    executed notebook's text, when EXECUTED_TEXTS knows it)."""
    if isinstance(results, str):
        text = results
    else:
        assert notebook is not None
        code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        for cell, result in zip(code_cells, results, strict=True):
            cell.outputs = [nbformat.from_dict(output) for output in result["outputs"]]
            cell.execution_count = result["execution_count"]
        for index, cell in enumerate(notebook.cells):
            cell.id = (
                f"cell-{index}"  # jupytext makes random ids: keep the bytes stable
            )
        text = nbformat.writes(notebook)
    EXECUTED_TEXTS.made(made, lambda: text)
    executed = executed_path(file)
    executed.parent.mkdir(parents=True, exist_ok=True)
    if not executed.is_file() or executed.read_text(encoding="utf-8") != text:
        executed.write_text(text, encoding="utf-8")
