"""The rules of JupyterLab's stylesheet that can match on the site's notebook pages.

nbconvert gives every notebook page JupyterLab's whole stylesheet (0.57 MB, 86 kB gzip;
the page cannot be drawn before it arrives): the styles of JupyterLab's application, its
widgets (Blueprint), editors (CodeMirror) and toolbars. On a static page only nbconvert's
HTML is there, and no script of the site adds JupyterLab's classes, so a selector that
needs a class of JupyterLab's namespaces that no notebook page has cannot match; nor can
one that puts `:root` (the document's root element) below another element. Those are
left out; every other rule is kept as written, inside its @media or @supports.
"""

import itertools
import re

import tinycss2
from tinycss2.ast import Node

# JupyterLab's (jp-), Lumino's (lm-, p-), Blueprint's (bp3-) and CodeMirror's classes.
NAMESPACES = ("jp-", "lm-", "p-", "bp3-", "cm-", "CodeMirror")
ROOT_BELOW = re.compile(r"\S\s*[\s>+~]\s*:root\b")
GROUPING = ("media", "supports")


def selectors(prelude: list[Node]) -> list[list[Node]]:
    """The selectors of a rule's comma-separated list (the commas of :is() and the like
    are inside their function tokens, so they do not split)."""
    parts: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def required_classes(selector: list[Node]) -> list[str]:
    """The classes an element must have for selector to match it: those outside
    functional pseudo-classes (`:not(.a)` needs no class, `:is(.a, .b)` either)."""
    return [
        token.value
        for dot, token in itertools.pairwise(selector)
        if dot.type == "literal" and dot.value == "." and token.type == "ident"
    ]


def can_match(selector: list[Node], classes: set[str]) -> bool:
    """Whether an element of the notebook pages can match selector."""
    if ROOT_BELOW.search(tinycss2.serialize(selector)):
        return False
    return all(
        name in classes or not name.startswith(NAMESPACES)
        for name in required_classes(selector)
    )


def kept(rules: list[Node], classes: set[str]) -> list[str]:
    """The rules (serialized) that can match, with only the selectors that can."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            matching = [
                tinycss2.serialize(selector).strip()
                for selector in selectors(rule.prelude)
                if can_match(selector, classes)
            ]
            if matching:
                out.append(
                    f"{','.join(matching)}{{{tinycss2.serialize(rule.content)}}}"
                )
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING:
            inner = tinycss2.parse_rule_list(
                rule.content or [], skip_comments=True, skip_whitespace=True
            )
            body = kept(inner, classes)
            if body:
                prelude = tinycss2.serialize(rule.prelude)
                out.append(f"@{rule.at_keyword}{prelude}{{{''.join(body)}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
        # A parse error is left out, as a browser leaves it out.
    return out


def rules_in_use(css: str, classes: set[str]) -> str:
    """The stylesheet without the rules no element of the notebook pages can match;
    classes: every class of those pages."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(kept(rules, classes))
