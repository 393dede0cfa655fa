"""The reader's path: only the built site, pip and a fresh virtual environment.

Two environments are made once per test session, outside the project (no editable
install, no code/ on sys.path, working directory a temporary folder), from the wheel the
Install page links, downloaded by pip from the built site served on 127.0.0.1:
- `core`: the wheel alone, so NumPy is all it brings;
- `figures`: the wheel with its `figures` extra, plus ipykernel to run the notebooks.
NumPy, matplotlib and ipykernel come from the registry (or pip's cache), at the versions
requirements.txt pins. In them, every page's script prints exactly the page's "Output"
blocks, and every downloaded notebook gives the text outputs stored in it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from test_examples import blocks_with_output

from sitepages import MARKDOWN_PAGES, NOTEBOOKS, ROOT, built_file, hook, shared_html_of


class ReaderEnvironment:
    """A virtual environment with the site's wheel, and a folder to work in."""

    def __init__(self, folder: Path, requirements: list[str], constraints: Path):
        self.folder = folder
        self.work = folder / "work"
        self.work.mkdir(parents=True)
        self.python = folder / "venv" / "bin" / "python"
        self.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")])
        pip = [sys.executable, "-m", "pip", "--python", str(self.python), "install"]
        quiet = ["--quiet", "--disable-pip-version-check"]
        self.run([*pip, *quiet, "--constraint", str(constraints), *requirements])

    @property
    def environ(self) -> dict[str, str]:
        """The test's environment without anything pointing into the project."""
        hidden = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "MPLBACKEND")
        return {k: v for k, v in os.environ.items() if k not in hidden}

    def run(self, command: list[str], **options) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            command,
            cwd=self.work,
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=600,
            **options,
        )
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
        return result

    def python_code(self, code: str) -> str:
        """What the code prints when this environment's Python runs it."""
        return self.run([str(self.python), "-c", code]).stdout


def page_url(base: str, source: Path) -> str:
    stem = source.with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    return urljoin(base, "" if folder == Path(".") else f"{folder.as_posix()}/")


def download_link(built_site: Path, source: Path, suffix: str) -> str | None:
    """The href of the page's download link for a file ending in suffix, if any."""
    links = shared_html_of(built_site, source).select(f'a[download][href$="{suffix}"]')
    return links[0]["href"] if links else None


@pytest.fixture(scope="session")
def wheel_url(built_site: Path, site_url: str) -> str:
    """The wheel's URL, as the Install page links it, on the served site."""
    install = Path("install.md")
    link = download_link(built_site, install, ".whl")
    assert link is not None, "the Install page links no wheel"
    return urljoin(page_url(site_url, install), link)


@pytest.fixture(scope="session")
def constraints(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """requirements.txt's pins, without the editable project."""
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path_factory.mktemp("reader") / "constraints.txt"
    path.write_text("\n".join(p for p in pins if not p.startswith("-e")) + "\n")
    return path


@pytest.fixture(scope="session")
def core(tmp_path_factory, wheel_url: str, constraints: Path) -> ReaderEnvironment:
    return ReaderEnvironment(tmp_path_factory.mktemp("core"), [wheel_url], constraints)


@pytest.fixture(scope="session")
def figures(tmp_path_factory, wheel_url: str, constraints: Path) -> ReaderEnvironment:
    requirements = [f"steepest[figures] @ {wheel_url}", "ipykernel"]
    return ReaderEnvironment(
        tmp_path_factory.mktemp("figures"), requirements, constraints
    )


def test_the_wheel_installs_from_the_install_pages_link_with_numpy_only(
    core, built_site, wheel_url
):
    installed = json.loads(
        core.python_code(
            "import importlib.metadata as m, json, steepest\n"
            "print(json.dumps({'file': steepest.__file__, 'version': m.version("
            "'steepest'), 'packages': sorted(d.name for d in m.distributions())}))"
        )
    )
    wheels = list((built_site / "packages").glob("*.whl"))
    assert [wheel.name for wheel in wheels] == [wheel_url.rsplit("/", 1)[-1]]
    assert wheels[0].name == f"steepest-{installed['version']}-py3-none-any.whl"
    assert Path(installed["file"]).is_relative_to(core.folder / "venv")
    assert installed["packages"] == ["numpy", "steepest"]


def test_the_served_wheel_is_the_one_pip_builds_from_the_same_sources(
    built_site, tmp_path
):
    """hooks/package_wheel.py calls the build backend itself, without pip: the wheel is
    the one `pip wheel --no-build-isolation` gives, byte for byte."""
    (served,) = (built_site / "packages").glob("*.whl")
    version = served.name.split("-")[1]
    shutil.copytree(ROOT / "code/steepest", tmp_path / "code/steepest")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    labelled = re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', pyproject)
    (tmp_path / "pyproject.toml").write_text(labelled, "utf-8")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
    command += ["--no-build-isolation", "--wheel-dir", "out", "."]
    environ = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    subprocess.run(command, cwd=tmp_path, env=environ, check=True, timeout=300)
    assert (tmp_path / "out" / served.name).read_bytes() == served.read_bytes()


def test_the_install_page_gives_the_command_for_its_wheel(built_site):
    commands = [
        code.get_text().strip()
        for code in shared_html_of(built_site, Path("install.md")).select(
            "article pre code"
        )
    ]
    name = next((built_site / "packages").glob("*.whl")).name
    assert commands == [
        f"pip install {name}",
        f'pip install "steepest[figures] @ {name}"',
    ]


def test_each_page_with_code_names_the_served_wheel_before_its_first_block(
    built_site,
):
    """The command is filled in after the page is rendered (hooks/page_scripts.py)."""
    name = next((built_site / "packages").glob("*.whl")).name
    plain, extra = f"pip install {name}", f'pip install "steepest[figures] @ {name}"'
    placeholder, shown = hook("package_wheel").WHEEL_PLACEHOLDER, {}
    for page in MARKDOWN_PAGES:
        note = shared_html_of(built_site, page).select_one("article p.page-code")
        if note is not None:
            shown[page] = note.code.get_text()
            script = (
                built_file(built_site, page).parent
                / note.select_one("a[download]")["href"]
            )
            figures = "steepest[figures]" in script.read_text("utf-8")
            assert shown[page] == (extra if figures else plain), page
    assert len(shown) >= 12 and {plain, extra} <= set(shown.values())
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".json", ".py", ".ipynb"}:
            assert placeholder not in path.read_text("utf-8"), path
    # The line is the same on every page: the search index leaves it out.
    search = (built_site / "search/search_index.json").read_text("utf-8")
    assert "The blocks run in order" not in search


def test_with_a_site_url_the_command_is_the_wheels_absolute_url():
    wheel = hook("package_wheel")
    config = type("Config", (), {"site_url": "https://example.org/steepest/"})()
    url = f"https://example.org/steepest/packages/{wheel.wheel_name()}"
    assert wheel.install_command(config, figures=False) == f"pip install {url}"
    assert wheel.install_command(config, figures=True) == (
        f'pip install "steepest[figures] @ {url}"'
    )


def test_the_version_label_follows_the_package_source(tmp_path):
    wheel = hook("package_wheel")
    shutil.copytree(ROOT / "code" / "steepest", tmp_path / "code" / "steepest")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    cache = hook("build_cache")
    original = wheel.digest(cache.read_package(), ROOT)
    copy = tmp_path / "code" / "steepest"
    assert wheel.digest(cache.read_package(copy), tmp_path) == original
    module = copy / "functions.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert wheel.digest(cache.read_package(copy), tmp_path) != original


# Every public function of the core modules, called as a reader would; the test fails
# when a module gains a public function this table does not call.
CORE_CALLS = {
    "steepest.differentiation": [
        "forward_difference(np.sin, 1.0, 1e-6)",
        "backward_difference(np.sin, 1.0, 1e-6)",
        "central_step(2.0)",
        "central_difference(np.sin, 1.0)",
        "numerical_gradient(lambda p: p[0] ** 2 + 3 * p[1], [1.0, 2.0])",
    ],
    "steepest.optimizers": [
        "bounded_gradient(lambda p: 2 * p, np.array([1.0, 1.0]), 10.0)",
        "norm(np.array([3.0, 4.0]))",
        "follow_gradient(lambda p: 2 * p, [1.0, 1.0], 0.1, -1, steps=5)",
        "gradient_descent(lambda p: 2 * p, [1.0, 1.0], 0.1, steps=20, tol=1e-3)",
        "gradient_ascent(lambda p: -2 * p, [1.0, 1.0], 0.1, steps=20)",
        "warn_divergence(3, 1.5, -1)",
        "gradient_descent(lambda p: 2 * p, [1.0, 1.0], 0.1, 20, rule=FixedStep())",
    ],
    "steepest.stochastic": [
        "minibatches(10, 4, 0).__next__()",
        "epochs_of(10, 4, np.random.default_rng(0)).__next__()",
        "batch_count(4, 10)",
        "minibatch_gradient(lambda p, i: p - i.mean(), 10, 4, 2, 0)[1]",
        "minibatch_descent(lambda p, i: p - i.mean(), [1.0], 0.1, 10, 4, 2, 0)",
        "minibatch_ascent(lambda p, i: i.mean() - p, [1.0], 0.1, 10, 4, 2, 0, 5.0)",
    ],
    "steepest.newton": [
        "newton_method(lambda p: 2 * p, lambda p: 2 * np.eye(2), [1.0, 1.0], tol=1e-9)",
        "NewtonStep(lambda p: np.eye(1)).step(np.ones(1), np.ones(1), 1.0, -1, None)",
    ],
    "steepest.update_rules": [
        "as_rule(HeavyBall(0.5))",
        "set_checked(Nesterov(0.5), 'momentum', 0.25)",
        "FixedStep().step(np.ones(2), np.ones(2), 0.1, -1, None)",
        "Adam().step(np.ones(2), np.ones(2), 0.1, -1, Adam().start(np.ones(2)))",
        "AdaGrad().step(np.ones(2), np.ones(2), 0.1, +1, np.zeros(2))",
        "RMSProp().step(np.ones(2), np.ones(2), 0.1, -1, np.zeros(2))",
        "Decay(10.0).step(np.ones(2), np.ones(2), 0.1, -1, 3)",
        "Backtracking(lambda p: float(p @ p)).step(np.ones(2), 2 * np.ones(2), 1.0, -1, None)",
    ],
    "steepest.rates": [
        "eigenvalue_list([1, 100])",
        "gradient_descent_rate(0.01, [1.0, 100.0])",
        "optimal_learning_rate(1.0, 100.0)",
        "condition_pair(1, 100)",
        "heavy_ball_matrix(0.1, 0.5, 2.0)",
        "heavy_ball_rate(0.01, 0.5, [1.0, 100.0])",
        "optimal_heavy_ball(1.0, 100.0)",
        "nesterov_matrix(0.1, 0.5, 2.0)",
        "nesterov_rate(0.01, 0.5, [1.0, 100.0])",
        "fit_data([1, 2, 3], [1.0, 0.5, 0.25])",
        "fitted_rate([1, 2, 3], [1.0, 0.5, 0.25])",
        "fitted_power([1, 2, 4], [1.0, 0.5, 0.25])",
    ],
    "steepest.validation": [
        "short_repr(list(range(40)))",
        "describe(list(range(40)))",
        "as_float(3, 'x')",
        "step_budget(10, 'steps', 2)",
        "real_valued(np.sin, 'f')(0.5)",
        "resolvable_step(1e-6, 1.0)",
        "require_callable(len, 'f')",
        "real_number(np.int64(3), 'x')",
        "positive_number(0.5, 'h')",
        "optional_positive_number(None, 'tol')",
        "step_count(np.int32(7), 'steps')",
        "sign(-1, 'direction')",
        "real_array([[1, 2], [3, 4]], 'X')",
        "real_vector(2.0, 'x0')",
        "gradient_at(lambda p: 2 * p, np.array([1.0, 2.0]))",
        "start_gradient(lambda p: 2 * p, np.array([1.0, 2.0]))",
        "finite_derivative(0.25, 'quotient', 'x')",
        "fraction(0.5, 'momentum')",
        "positive_count(np.int64(3), 'examples')",
        "random_generator(3, 'seed').integers(10)",
    ],
    "steepest.functions": [
        f"{name}([0.5, -1.5])"
        for name in (
            "peak_and_pit",
            "peak_and_pit_gradient",
            "paraboloid",
            "paraboloid_gradient",
            "skewed_bowl",
            "skewed_bowl_gradient",
            "narrow_valley",
            "narrow_valley_gradient",
            "saddle",
            "saddle_gradient",
            "rosenbrock",
            "rosenbrock_gradient",
            "himmelblau",
            "himmelblau_gradient",
            "skewed_bowl_hessian",
            "narrow_valley_hessian",
            "rosenbrock_hessian",
            "himmelblau_hessian",
        )
    ]
    + [
        "quartic([0.5])",
        "quartic_gradient([0.5])",
        "huber_width(1.0)",
        "huber([2.0], 1.0)",
        "huber_gradient([2.0], 1.0)",
    ],
    "steepest.measuring": [
        "Counted(np.sin)(1.0)",
        "settled_step([[1.0, 1.0], [0.1, 0.0], [0.0, 0.0]], [0.0, 0.0], 0.2)",
    ],
    "steepest.regression": [
        "mean_squared_error([1.0, 0.5], *example_data())",
        "mean_squared_error_gradient([1.0, 0.5], *example_data())",
        "example_data()",
        "noisy_line(size=5)",
    ],
    "steepest.logistic": [
        "sigmoid([-800.0, 0.0, 3.0])",
        "log_likelihood([0.5, 1.5], *make_data(size=10))",
        "log_likelihood_gradient([0.5, 1.5], *make_data(size=10))",
        "make_data(size=5)",
        "likelihood_has_maximum([0.0, 1.0, 2.0], [0, 1, 0])",
    ],
}

CALL_SCRIPT = """
import importlib, importlib.util, inspect, json, sys
import numpy as np

calls = json.loads(sys.argv[1])
results, uncalled = {}, {}
for module_name, expressions in calls.items():
    module = importlib.import_module(module_name)
    public = {
        name for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module_name
        and not name.startswith("_")
    }
    called = {expression.split("(")[0] for expression in expressions}
    uncalled[module_name] = sorted(public - called)
    namespace = {"np": np, **vars(module)}
    for expression in expressions:
        results[expression] = repr(eval(expression, namespace))
absent = [name for name in ("matplotlib", "contourpy") if importlib.util.find_spec(name)]
print(json.dumps({"results": results, "uncalled": uncalled, "absent": absent,
                  "modules": sorted(m.split(".")[0] for m in sys.modules)}))
"""


def test_every_public_function_works_with_numpy_alone(core):
    report = json.loads(
        core.run([str(core.python), "-c", CALL_SCRIPT, json.dumps(CORE_CALLS)]).stdout
    )
    assert report["absent"] == [], "matplotlib and contourpy are not installed"
    assert all(names == [] for names in report["uncalled"].values()), report["uncalled"]
    assert "steepest" in report["modules"] and "matplotlib" not in report["modules"]
    # The same calls on the project's own source give the same values.
    here = subprocess.run(
        [sys.executable, "-c", CALL_SCRIPT, json.dumps(CORE_CALLS)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert report["results"] == json.loads(here.stdout)["results"]


def test_the_extra_adds_the_figures(figures):
    printed = figures.python_code(
        "import steepest.explorables, steepest.figures.registry as r, matplotlib\n"
        "print(len(r.FIGURES), matplotlib.get_backend())"
    )
    assert int(printed.split()[0]) > 0


ARTICLES_WITH_CODE = [
    page
    for page in MARKDOWN_PAGES
    if (ROOT / "docs" / page).read_text().count("```python")
]


@pytest.mark.parametrize("page", ARTICLES_WITH_CODE, ids=str)
def test_the_page_script_prints_what_the_page_shows(
    page, built_site, site_url, core, figures
):
    link = download_link(built_site, page, ".py")
    assert link is not None, f"{page} offers no script"
    script = core.work / link
    with urlopen(urljoin(page_url(site_url, page), link)) as response:
        script.write_bytes(response.read())
    text = script.read_text(encoding="utf-8")
    environment = figures if "steepest[figures]" in text.split("\n\n")[0] else core
    printed = environment.run([str(environment.python), str(script)]).stdout
    shown = [
        output.rstrip("\n") + "\n"
        for _, output in blocks_with_output(shared_html_of(built_site, page))
        if output is not None
    ]
    assert printed == "".join(shown)


def text_outputs(notebook: nbformat.NotebookNode) -> list[list[tuple[str, str]]]:
    """Each code cell's text outputs: stream text and text/plain results."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            assert output.output_type != "error", output
            if output.output_type == "stream":
                outputs.append((output.name, output.text))
            elif "text/plain" in output.get("data", {}):
                outputs.append((output.output_type, output.data["text/plain"]))
        cells.append(outputs)
    return cells


@pytest.fixture(scope="session")
def reader_kernel(figures: ReaderEnvironment) -> KernelSpecManager:
    """A kernelspec that starts the figures environment's Python."""
    folder = figures.folder / "kernels" / "reader"
    folder.mkdir(parents=True)
    spec = {
        "argv": [
            str(figures.python),
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
        ],
        "display_name": "Reader",
        "language": "python",
    }
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(folder.parent)])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=str)
def test_the_downloaded_notebook_runs_with_the_outputs_it_stores(
    notebook, built_site, site_url, figures, reader_kernel
):
    source = Path(notebook)
    link = download_link(built_site, source, ".ipynb")
    assert link is not None, f"{notebook} offers no download"
    with urlopen(urljoin(page_url(site_url, source), link)) as response:
        stored = nbformat.reads(response.read().decode(), as_version=4)
    # Built without site_url, the cell cannot know the wheel's address: it says so.
    assert stored.cells[0].source == hook("notebook_execution").install_cell(None)
    markdown = "".join(c.source for c in stored.cells if c.cell_type == "markdown")
    assert not re.search(r"\]\([^)\s]*\.md\b", markdown), "links to page sources"
    run = nbformat.from_dict(stored)
    manager = KernelManager(kernel_name="reader", kernel_spec_manager=reader_kernel)
    client = NotebookClient(
        run,
        km=manager,
        timeout=120,
        allow_errors=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(figures.work)}},
    )
    client.execute(env=figures.environ)
    assert text_outputs(run) == text_outputs(stored)


def test_the_install_cell_installs_the_served_wheel_when_steepest_is_missing(
    tmp_path, wheel_url, constraints
):
    """The first cell of a notebook built with site_url, in a new environment."""
    cell = hook("notebook_execution").install_cell(wheel_url)
    subprocess.run([sys.executable, "-m", "venv", tmp_path / "venv"], check=True)
    python = str(tmp_path / "venv" / "bin" / "python")
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    check = "import steepest; print(steepest.__file__)"
    for code in (f"{cell}\n{check}", check):  # the second run installs nothing
        result = subprocess.run(
            [python, "-c", code],
            cwd=tmp_path,
            env={**environ, "PIP_CONSTRAINT": str(constraints)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(str(tmp_path / "venv"))
