"""MkDocs hook: serve the data of every explorable as explorables/<name>.json.

The data (contour lines, the regression data set, stability bounds) is computed by
`steepest.explorables` and cached (build_cache.py), keyed on the parts of the package that
its functions reach. The pages' scripts (docs/javascripts/explorables/) read it.
"""

import json
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from build_cache import Cache

CACHE = Cache("explorables", code=[__file__])
LOG = logging.getLogger("mkdocs.hooks.explorables")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here, not at the top, so that each build computes with the current package.
    from steepest.explorables import EXPLORABLES

    key = CACHE.key([], python=["from steepest.explorables import EXPLORABLES"])
    data = CACHE.get(
        key, lambda value: isinstance(value, dict) and set(value) == set(EXPLORABLES)
    )
    if data is None:
        LOG.info("computing the data of the explorables")
        data = {name: make_data() for name, make_data in EXPLORABLES.items()}
        CACHE.put(key, data)
    for name, content in data.items():
        text = json.dumps(content, separators=(",", ":"))
        files.append(File.generated(config, f"explorables/{name}.json", content=text))
    return files
