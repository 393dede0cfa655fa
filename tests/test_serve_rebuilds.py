"""Under `mkdocs serve` every rebuild runs in the same process, and the hooks keep what
they made for the next rebuild (kept renders, kept template outputs, kept page content,
verified cache entries, typeset math). Whatever they keep, a rebuild must write the site a
fresh `mkdocs build` of the same sources writes: the same files, byte for byte.

The rebuilds run as `mkdocs serve` runs them (a new configuration, then `build`, in one
process started as `serve`), after edits of each kind: prose with a character the math
fonts did not hold yet, a page's title (every page's navigation shows it), and a package
function that a page's example runs and an API page documents. And whatever they keep,
a rebuild lets go of what the rebuilds before the previous one made.
"""

import filecmp
import gzip
import json
import sys
from pathlib import Path

from projects import PAGE_INDEPENDENT, run_in, small_project
from sitepages import SITE_BUILDER

INDEX = """# Rebuilds

The gradient $\\nabla f$ points uphill; see [the second page](second.md#more).

$$
f(x, y) = \\frac{x^2 + 0.01\\,y^2}{2}
$$

```python
from steepest.functions import narrow_valley_hessian

print(narrow_valley_hessian([1.0, 2.0]))
```
"""

SECOND = """# Second

## More

A formula, $\\alpha \\le 1$, and a solution:

??? note "Solution"
    Its math, $\\beta^2$, is laid out when the reader opens it.

Back to [the first page](index.md).
"""

NOTEBOOK = """# %% [markdown]
# # Notebook
#
# As on [the first page](../index.md), $x^2$.
# %%
print(2 + 2)
"""

API = """# API

::: steepest.functions.narrow_valley_hessian
"""

PAGES = {
    "index.md": INDEX,
    "second.md": SECOND,
    "api.md": API,
    "notebooks/check.py": NOTEBOOK,
}

FUNCTIONS = "code/steepest/functions.py"
HESSIAN = "    return np.array([[1.0, 0.0], [0.0, 0.01]])"
EDITS = [  # (file, old, new), one rebuild after each
    (FUNCTIONS, HESSIAN, HESSIAN.replace("0.01]]", "0.02]]")),
    ("docs/index.md", "points uphill;", "points uphill, $\\aleph_0$ times;"),
    ("docs/second.md", "# Second", "# Second, renamed"),
]

# A build, a rebuild after each edit, in one process started as `mkdocs serve` is. Last,
# it writes to stderr which of the pages and package objects the first rebuild made are
# still alive, and whether the first build's reading of the package (code_dependencies'
# Package, with the syntax trees of its modules) is. (The first build's pages stay:
# jupytext keeps the error of an optional import, and with its traceback the
# configuration that was loading the plugins.)
REBUILDS = """
import gc, json, shutil, sys, weakref
from pathlib import Path
import griffe
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

edits = json.loads(sys.argv[1])
for step in range(len(edits) + 1):
    if step:
        path, old, new = edits[step - 1]
        text = Path(path).read_text("utf-8")
        assert text.count(old) == 1, (path, old)
        Path(path).write_text(text.replace(old, new), "utf-8")
    config = load_config("mkdocs.yml", site_dir="site-served", strict=True)
    if step == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    made = [o for o in gc.get_objects() if isinstance(o, (Page, griffe.Object))]
    if step == 0:
        first = {id(o) for o in made}
        read = [o for o in gc.get_objects() if type(o).__module__ == "code_dependencies"]
        first_package = [weakref.ref(o) for o in read if type(o).__name__ == "Package"]
        assert first_package, "the first build read no Package: nothing to check"
        del read
    elif step == 1:
        second = [weakref.ref(o) for o in made if id(o) not in first]
    del made
gc.collect()
alive = [r() for r in second + first_package if r() is not None]
print(json.dumps([type(o).__name__ for o in alive]), file=sys.stderr)
"""


def differences(one: Path, other: Path) -> list[str]:
    """Files that are in one site only, or differ (sitemap.xml.gz: its content)."""
    found = []
    names = {
        path.relative_to(site).as_posix()
        for site in (one, other)
        for path in site.rglob("*")
        if path.is_file()
    }
    for name in sorted(names):
        first, second = one / name, other / name
        if not (first.is_file() and second.is_file()):
            found.append(f"{name}: in one site only")
        elif name.endswith(".gz"):
            if gzip.decompress(first.read_bytes()) != gzip.decompress(
                second.read_bytes()
            ):
                found.append(name)
        elif not filecmp.cmp(first, second, shallow=False):
            found.append(name)
    return found


def test_rebuilds_in_one_process_write_the_site_a_fresh_build_writes(tmp_path: Path):
    project = small_project(tmp_path, PAGES, seed=PAGE_INDEPENDENT)
    printed = run_in(project, [sys.executable, "-c", REBUILDS, json.dumps(EDITS)])
    run_in(
        project,
        [sys.executable, "-m", SITE_BUILDER, "build", "--strict", "-d", "site-fresh"],
    )
    page = (project / "site-fresh/index.html").read_text("utf-8")
    assert "0.02" in page and "ℵ" in page and "Second, renamed" in page  # the edits
    assert differences(project / "site-served", project / "site-fresh") == []
    # Two rebuilds after the package edit, nothing holds on to the pages and the package
    # model its rebuild made (a rebuild keeps only what the previous one made), nor to
    # the Package the first build read (only the current snapshot's is kept).
    assert json.loads(printed.splitlines()[-1]) == []
