"""hooks/tables.py: tables are written inside Material's scroll wrapper, with the theme's
table rules for their class, so that Material's script leaves them in place."""

import pytest

from sitepages import hook

tables = hook("tables")

CSS = (
    '/* a comment {} */@charset "utf-8";'
    ".md-typeset table:not([class]){display:inline-block}"
    ".md-typeset table:not([class]) td,.md-typeset pre{padding:1em}"
    ".md-typeset pre{margin:0}"
    "@media print{.md-typeset table:not([class]){display:table}.x{y:z}}"
    "@media screen{.x{y:z}}"
    "@font-face{font-family:a}"
)


def test_the_theme_rules_for_class_less_tables_are_made_for_the_wrapped_class():
    assert tables.rules_for_wrapped(CSS).split("\n") == [
        ".md-typeset table.wrapped-table{display:inline-block}",
        ".md-typeset table.wrapped-table td{padding:1em}",  # only its own selector
        "@media print{.md-typeset table.wrapped-table{display:table}}",
    ]


@pytest.mark.parametrize(
    ("html", "wrapped"),
    [
        ("<table><tr><td>1</td></tr></table>", True),
        ('<table style="width:1px"><tr><td>1</td></tr></table>', True),
        ('<table class="dataframe"><tr><td>1</td></tr></table>', False),
    ],
)
def test_a_table_material_would_move_is_wrapped_as_material_wraps_it(html, wrapped):
    result = tables.on_page_content(html, None, None, None)
    if wrapped:
        assert result.startswith(
            '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            '<table class="wrapped-table"'
        )
        assert result.endswith("</table></div></div>")
        assert result.count("<td>1</td>") == 1
    else:
        assert result == html


def test_of_nested_tables_the_inner_is_wrapped_and_the_outer_left_to_material():
    """Material's script wraps the outer one: the page ends as it would without the
    hook."""
    inner = "<table><tr><td>1</td></tr></table>"
    result = tables.on_page_content(
        f"<table><tr><td>{inner}</td></tr></table>", *[None] * 3
    )
    assert result.startswith("<table><tr><td><div class=")
    assert result.count("wrapped-table") == 1
