"""hooks/typeset_math.py: which formulas are laid out with the page (their fonts are
preloaded) and which wait in a closed <details> until the reader opens it (its <summary>
is shown)."""

from sitepages import hook

PAGE = (
    "<p>①</p>"
    '<details class="success"><p>②</p>'
    "<details open><p>③</p></details><p>④</p></details>"
    '<details class="note" open="open"><p>⑤</p>'
    '<details class="success"><summary>⑥</summary></details><p>⑦</p></details>'
    "<p>⑧</p>"
)


def test_a_formula_is_shown_at_load_unless_a_closed_details_holds_it():
    positions = [PAGE.index(mark) for mark in "①②③④⑤⑥⑦⑧"]
    shown = hook("typeset_math").shown_at_load(PAGE, positions)
    assert shown == [True, False, False, False, True, True, True, True]


def test_stray_end_tags_do_not_stop_the_build():
    page = "</details><p>①</p></summary><details><p>②</p></details>"
    positions = [page.index(mark) for mark in "①②"]
    assert hook("typeset_math").shown_at_load(page, positions) == [True, False]
