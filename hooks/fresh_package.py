"""MkDocs hook: make every build import the current `steepest`.

`mkdocs serve` rebuilds in one long-lived process, where an imported module would
otherwise keep its old code after an edit in code/steepest/. Listed first in mkdocs.yml.
"""

import sys

from mkdocs.config.defaults import MkDocsConfig


def on_pre_build(config: MkDocsConfig) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == "steepest"]:
        del sys.modules[name]
