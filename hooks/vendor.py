"""MkDocs hook: serve the pinned npm packages (KaTeX, Mermaid) from the site itself.

`npm ci` installs them into node_modules/ (see package.json); this hook adds the files
a page needs, and their licences, to the site under vendor/, so no page loads anything
from another host.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"

# site folder -> (package folder, glob patterns of the files to serve)
VENDORED = {
    "vendor/katex": (
        "katex",
        [
            "LICENSE",
            "dist/katex.min.css",
            "dist/fonts/*.woff2",
        ],
    ),
    "vendor/mermaid": (
        "mermaid",
        ["LICENSE", "dist/mermaid.esm.min.mjs", "dist/chunks/mermaid.esm.min/*.mjs"],
    ),
}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for site_folder, (package, patterns) in VENDORED.items():
        package_root = NODE_MODULES / package
        if not package_root.is_dir():
            raise PluginError(
                f"{package_root} is missing: run `make setup` (npm ci) first"
            )
        for pattern in patterns:
            matches = sorted(package_root.glob(pattern))
            if not matches:
                raise PluginError(f"no file matches {package}/{pattern}")
            for path in matches:
                relative = path.relative_to(package_root)
                if relative.parts[0] == "dist":
                    relative = relative.relative_to("dist")
                uri = f"{site_folder}/{relative.as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
