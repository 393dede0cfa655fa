"""hooks/jupyter_styles.py: JupyterLab's stylesheet without the rules that cannot match
on the notebook pages."""

from sitepages import hook

PAGE_CLASSES = {"jupyter-wrapper", "jp-Cell", "jp-InputPrompt"}


def in_use(css: str) -> str:
    return hook("jupyter_styles").rules_in_use(css, PAGE_CLASSES)


def test_a_selector_needing_an_absent_jupyterlab_class_is_left_out():
    css = ".jupyter-wrapper .bp3-button{color:red}.jupyter-wrapper .jp-Cell{color:blue}"
    assert in_use(css) == ".jupyter-wrapper .jp-Cell{color:blue}"


def test_only_the_selectors_that_can_match_are_kept_in_a_list():
    css = ".jp-Cell .lm-Widget,.jp-Cell .other,.p-Menu{margin:0}"
    assert in_use(css) == ".jp-Cell .other{margin:0}"


def test_classes_in_functional_pseudo_classes_are_not_required():
    css = (
        ".jp-Cell:not(.jp-mod-active) .jp-InputPrompt{color:gray}"
        ".jp-Cell:is(.jp-Nope,.jp-InputPrompt){color:red}"
    )
    assert in_use(css) == css


def test_root_below_another_element_is_left_out():
    css = ".jupyter-wrapper :root{--a:1}:root{--b:2}.jupyter-wrapper{--c:3}"
    assert in_use(css) == ":root{--b:2}.jupyter-wrapper{--c:3}"


def test_media_rules_keep_what_can_match_and_empty_ones_go():
    css = (
        "@media print{.jp-Toolbar{display:none}}"
        "@media (max-width:760px){.jp-Toolbar{display:none}.jp-Cell{padding:0}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )
    assert in_use(css) == (
        "@media (max-width:760px){.jp-Cell{padding:0}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )


def test_other_classes_are_kept_whatever_the_page_has():
    css = ".md-typeset .highlight{color:red}"
    assert in_use(css) == css
