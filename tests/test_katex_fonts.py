"""hooks/katex_fonts.py: the font file each text run of a formula is drawn with."""

import functools

import pytest
from mkdocs.exceptions import PluginError

from sitepages import hook

FORMULA = (
    '<p>prose <span class="katex"><span class="katex-mathml"><math><mi>x</mi></math>'
    '</span><span class="katex-html"><span class="mord mathnormal">x</span>'
    '<span class="mrel">=</span><span class="mord">2</span>'
    '<span class="delimsizing mult"><span class="vlist"><span class="delim-size1">'
    "<span>⎛</span></span></span></span></span></span> more prose</p>"
)


def test_each_run_is_drawn_with_the_face_its_classes_select():
    assert hook("katex_fonts").font_files(FORMULA) == {
        "KaTeX_Math-Italic": "x",
        "KaTeX_Main-Regular": "=2",
        "KaTeX_Size1-Regular": "⎛",
    }


def test_a_font_rule_of_a_form_not_read_stops_the_build(monkeypatch):
    katex_fonts = hook("katex_fonts")
    rules, faces = katex_fonts.stylesheet()
    unknown = (".katex .a+.b", {"font-family": "KaTeX_Main"})
    monkeypatch.setattr(katex_fonts, "stylesheet", lambda: ([*rules, unknown], faces))
    # The rules are read once per build: read them afresh.
    unread = functools.cache(katex_fonts.matched_rules.__wrapped__)
    monkeypatch.setattr(katex_fonts, "matched_rules", unread)
    with pytest.raises(PluginError, match=r"a font rule of a form not read: \.katex"):
        katex_fonts.font_files(FORMULA)
