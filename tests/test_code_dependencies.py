"""What an example reaches in the package (hooks/code_dependencies.py), which keys the cache.

An edit to a part the example does not reach must leave its key alone; an edit to any part
it can run must change it. Each case is a small package written out as sources.
"""

import re
from pathlib import Path

import pytest

from sitepages import ROOT, hook

code_dependencies = hook("code_dependencies")  # one module: its searches are kept
Package = code_dependencies.Package
without_docstrings = code_dependencies.without_docstrings

SOURCES = {
    "pkg": "from pkg.core import solve\n\n__all__ = ['solve']\n",
    "pkg.core": (
        "import numpy as np\n"
        "from pkg.checks import positive\n\n"
        "LIMIT = 10\n\n"
        "def solve(x):\n"
        "    '''Solve it.'''\n"
        "    return helper(positive(x))  # a comment\n\n"
        "def helper(x):\n"
        "    return np.sqrt(x) if x < LIMIT else x\n\n"
        "def unrelated(x):\n"
        "    return x + 1\n"
    ),
    "pkg.checks": (
        "def positive(x):\n"
        "    if x <= 0:\n"
        "        raise ValueError('x')\n"
        "    return x\n\n"
        "def negative(x):\n"
        "    return -positive(-x)\n"
    ),
    "pkg.registry": (
        "from pkg import core\n"
        "from pkg.checks import positive\n\n"
        "ENTRIES = {}\n"
        "for name in ('solve',):\n"
        "    ENTRIES[name] = core\n"
        "TABLE = {'positive': positive}\n"
    ),
    "pkg.computed": (
        "from pkg.checks import negative\n\n"
        "SHIFT = negative(3)\n\n"
        "def shifted(x):\n"
        "    return x + 1\n"
    ),
    "pkg.decorated": (
        "REGISTERED = []\n\n"
        "def register(function):\n"
        "    REGISTERED.append(function)\n"
        "    return function\n\n"
        "@register\n"
        "def first():\n"
        "    return 1\n\n"
        "def plain():\n"
        "    return REGISTERED\n"
    ),
}


def reached(source: str, sources: dict[str, str] = SOURCES) -> set[tuple[str, str]]:
    return set(Package(sources).reached(source))


def edited(module: str, old: str, new: str) -> dict[str, str]:
    assert old in SOURCES[module]
    return {**SOURCES, module: SOURCES[module].replace(old, new)}


def key_changes(source: str, sources: dict[str, str]) -> bool:
    return Package(SOURCES).reached(source) != Package(sources).reached(source)


def test_a_function_reaches_what_it_calls_and_not_its_neighbours():
    parts = reached("from pkg.core import solve\nprint(solve(4))")
    assert {
        ("pkg.core", "solve"),
        ("pkg.core", "helper"),
        ("pkg.core", "LIMIT"),
    } <= parts
    assert ("pkg.checks", "positive") in parts  # through an import of pkg.core
    assert ("pkg.core", "unrelated") not in parts
    assert ("pkg.checks", "negative") not in parts
    # importing pkg.core runs pkg/__init__ first, and the modules both import
    assert {("pkg", "<module code>"), ("pkg.checks", "<module code>")} <= parts


def test_a_re_export_is_followed_to_its_definition():
    parts = reached("from pkg import solve")
    assert ("pkg.core", "solve") in parts and ("pkg.core", "unrelated") not in parts


def test_attributes_of_an_imported_module_are_followed():
    parts = reached("import pkg.core as core\ncore.solve(1)")
    assert ("pkg.core", "solve") in parts and ("pkg.core", "unrelated") not in parts
    parts = reached("import pkg.core\npkg.core.solve(1)")
    assert ("pkg.core", "solve") in parts and ("pkg.core", "unrelated") not in parts


@pytest.mark.parametrize(
    "source",
    [
        "import pkg.core as core\nrun(core)",  # the module as a value
        "import pkg.core",  # imported and never used
        "from pkg import core\nprint(core)",
        "from pkg.core import *",
    ],
)
def test_a_module_used_as_a_value_counts_whole(source):
    assert ("pkg.core", "unrelated") in reached(source)


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        ("return x + 1", "return x + 2", False),  # another function
        ("# a comment", "# another comment", False),  # comments do not run
        ("'''Solve it.'''", "'''Solve it, now.'''", True),  # data (not keyed: below)
        ("np.sqrt(x)", "np.cbrt(x)", True),  # a function it calls
        ("LIMIT = 10", "LIMIT = 11", True),  # a constant it reads
        ("import numpy as np\n", "import numpy as np\nprint('loaded')\n", True),
    ],
)
def test_an_edit_changes_the_key_exactly_when_the_example_can_run_it(old, new, changes):
    example = "from pkg.core import solve\nprint(solve(4))"
    assert key_changes(example, edited("pkg.core", old, new)) is changes


def docstrings_count(python: str, sources: dict[str, str] = SOURCES) -> bool:
    return code_dependencies.docstrings_count(python, Package(sources))


def test_docstrings_count_only_where_something_reads_them():
    """Keys leave docstrings out, unless the Python, or any module of the package, reads
    docstrings (or could: the words are matched, in comments too)."""
    assert not docstrings_count("from pkg.core import solve\nprint(solve(4))")
    for reader in [
        "print(solve.__doc__)",
        "help(solve)",
        "np.info(solve)",
        "get_ipython().run_line_magic('pinfo', 'solve')",
        "import inspect",
    ]:
        assert docstrings_count(f"from pkg.core import solve\n{reader}")
    reading = edited("pkg.checks", "return x\n", "return x.__doc__\n")
    assert docstrings_count("from pkg.core import solve\nprint(solve(4))", reading)


def test_docstrings_are_emptied():
    text = (
        'def f(p):\n    """∇²f = [[1, 0],\n    [0, 1]]."""\n    return "∇ kept"\n\n\n'
        "class A:\n    'A doc.'\n\n    def g(self):\n        '''g.'''\n        return 2\n"
    )
    assert without_docstrings(text) == (
        'def f(p):\n    ""\n    return "∇ kept"\n\n\n'
        'class A:\n    ""\n\n    def g(self):\n        ""\n        return 2\n'
    )
    assert without_docstrings("def broken(:\n    'doc'") == "def broken(:\n    'doc'"


def test_an_edit_in_another_module_counts_only_where_it_is_reached():
    example = "from pkg.core import solve\nprint(solve(4))"
    assert key_changes(
        example, edited("pkg.checks", "raise ValueError", "raise TypeError")
    )
    assert not key_changes(
        example, edited("pkg.checks", "return -positive", "return 0-")
    )


EXAMPLES = [
    "from pkg.core import solve\nprint(solve(4))",
    "import pkg.core as core\ncore.solve(1)",
    "from pkg import core\nprint(core)",
    "from pkg.registry import ENTRIES",
    "from pkg.computed import shifted",
    "from pkg.decorated import plain",
    "import pkg.checks\npkg.checks.negative(2)",
    "print(",
]
EDITS = [  # (module, old, new), or (module, None, None) to remove the module
    ("pkg.core", "return x + 1", "return x + 2"),  # a body nothing here reaches
    ("pkg.core", "np.sqrt(x)", "np.cbrt(x)"),  # a body some reach
    ("pkg.core", "LIMIT = 10", "LIMIT = 11"),
    ("pkg.core", "import numpy as np\n", "import numpy as np\nimport pkg.computed\n"),
    ("pkg.core", "def unrelated", "def helper2(x):\n    return x\n\ndef unrelated"),
    ("pkg.core", "def helper(x)", "helper = print\ndef helper_old(x)"),
    ("pkg.checks", "def negative", "@print\ndef negative"),
    ("pkg.checks", "return -positive(-x)", "from pkg.core import *"),
    ("pkg.decorated", "def register(function):", "def register(function):\n    1"),
    ("pkg.decorated", "def plain():", "@register\ndef plain():"),
    ("pkg.registry", "for name in", "import pkg.decorated\nfor name in"),
    ("pkg.computed", "SHIFT = negative(3)", "SHIFT = 3"),
    ("pkg.core", "def solve(x):", "def solve(x:"),  # no longer parses
    ("pkg.computed", None, None),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: f"{edit[0]}: {edit[1]!r}")
def test_a_search_kept_from_the_last_package_is_what_a_new_search_finds(edit):
    """Package.reached keeps what it found for a source and, in the next package (the
    next snapshot under `mkdocs serve`), takes it if the search would go the same way:
    it must then be what searching again finds."""
    module, old, new = edit
    if old is None:
        sources = {name: text for name, text in SOURCES.items() if name != module}
    else:
        sources = edited(module, old, new)
    found = code_dependencies.FOUND
    for example in EXAMPLES:
        found.clear()
        Package(SOURCES).reached(example)
        kept = Package(sources).reached(example)
        found.clear()
        assert kept == Package(sources).reached(example), example


def test_a_search_is_kept_when_the_edit_is_elsewhere(monkeypatch):
    example = "from pkg.core import solve\nprint(solve(4))"
    Package(SOURCES).reached(example)
    searched = []
    search = Package.search

    def counted(self, source):
        searched.append(source)
        return search(self, source)

    monkeypatch.setattr(Package, "search", counted)
    Package(edited("pkg.core", "return x + 1", "return x + 2")).reached(example)
    assert not searched
    Package(edited("pkg.core", "np.sqrt(x)", "np.cbrt(x)")).reached(example)
    assert searched == [example]


def test_module_level_code_reaches_everything_it_uses():
    # A loop filling a registry at import: whoever imports the module reaches its uses.
    parts = reached("from pkg.registry import ENTRIES")
    assert ("pkg.core", "unrelated") in parts  # ENTRIES holds the whole module
    # A plain table is reached only through its name.
    assert ("pkg.checks", "positive") in reached("from pkg.registry import TABLE")


def test_a_function_called_at_import_time_is_reached():
    parts = reached("from pkg.computed import shifted")
    assert {("pkg.checks", "negative"), ("pkg.checks", "positive")} <= parts


def test_a_definition_with_a_package_decorator_is_reached():
    parts = reached("from pkg.decorated import plain")
    assert ("pkg.decorated", "first") in parts


def test_a_local_import_inside_a_function_is_followed():
    sources = {
        **SOURCES,
        "pkg.lazy": "def late():\n    from pkg.core import solve\n\n    return solve\n",
    }
    parts = reached("from pkg.lazy import late", sources)
    assert ("pkg.core", "solve") in parts and ("pkg.core", "unrelated") not in parts


def test_unreadable_code_counts_every_module_whole():
    broken = {**SOURCES, "pkg.core": "def solve(:\n"}
    assert ("pkg.core", "<whole module>") in reached(
        "from pkg.core import solve", broken
    )
    assert ("pkg.checks", "<whole module>") in reached("print(", SOURCES)


def test_names_outside_the_package_are_ignored():
    assert reached("import numpy as np\nprint(np.pi)") == set()
    assert reached("import numpy\nfrom math import pi") == set()


# The analysis reads names; a lookup by a computed name would be invisible to it.
DYNAMIC = re.compile(
    r"\bgetattr\(|\bglobals\(|\bvars\(|\b__import__\(|\bimportlib\b|\bexec\(|\beval\("
    r"|\bsys\.modules\b|import \*"
)


@pytest.mark.parametrize(
    "module",
    sorted((ROOT / "code/steepest").rglob("*.py")),
    ids=lambda path: path.relative_to(ROOT / "code").as_posix(),
)
def test_the_package_looks_nothing_up_by_a_computed_name(module: Path):
    source = module.read_text(encoding="utf-8")
    assert not DYNAMIC.findall(source), (
        f"{module}: the cache keys could not follow this"
    )
