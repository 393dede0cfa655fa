"""MkDocs hook: serve the data of every explorable as explorables/<name>.json.

The data (contour lines, the regression data set, stability bounds) is computed by
`steepest.explorables` and cached (build_cache.py), keyed on the parts of the package that
its functions reach. The pages' scripts (docs/javascripts/explorables/) read it.
"""

import json
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from build_cache import Cache, is_list_of

CACHE = Cache("explorables", code=[__file__])
LOG = logging.getLogger("mkdocs.hooks.explorables")


def is_data(value: object) -> bool:
    """{"names": every explorable's name, "data": each one's data}: stored with the names,
    the entry shows whether it holds them all without importing the package."""
    return (
        isinstance(value, dict)
        and is_list_of(str, value.get("names"))
        and isinstance(value.get("data"), dict)
        and sorted(value["data"]) == sorted(value["names"])
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    key = CACHE.key([], python=["from steepest.explorables import EXPLORABLES"])
    stored = CACHE.get(key, is_data)
    if stored is None:
        # Imported here, not at the top: each build computes with the current package,
        # and one whose data is cached does not import it (NumPy, 0.15 s).
        from steepest.explorables import EXPLORABLES

        LOG.info("computing the data of the explorables")
        data = {name: make_data() for name, make_data in EXPLORABLES.items()}
        stored = {"names": list(EXPLORABLES), "data": data}
        CACHE.put(key, stored)
    data = stored["data"]
    for name, content in data.items():
        text = json.dumps(content, separators=(",", ":"))
        files.append(File.generated(config, f"explorables/{name}.json", content=text))
    return files
