"""The citation and equation hook (hooks/citations.py), on pages of its own."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from sitepages import hook

citations = hook("citations")

REFERENCES = """\
cauchy1847:
  type: article
  authors: ["Cauchy, A.-L."]
  title: Méthode générale
  year: 1847
  journal: Comptes rendus

nocedal2006:
  type: book
  authors: ["Nocedal, J.", "Wright, S. J."]
  title: Numerical Optimization
  year: 2006
  publisher: Springer
"""

BIBLIOGRAPHY = "# Bibliography\n\n<!-- bibliography -->\n"

PAGE = """\
# A page

Descent goes back to Cauchy [-@cauchy1847].

$$
x^{(k+1)} = x^{(k)} - \\alpha\\nabla f(x^{(k)})
\\label{eq:step}
$$

The step [@eq:step] is analysed elsewhere [@nocedal2006, Chapter 3; @cauchy1847].
"""


def site(tmp_path: Path, pages: dict[str, str], references: str = REFERENCES) -> Files:
    """Files for the given pages (docs-relative path -> source), and the data file."""
    (tmp_path / "references.yml").write_text(references, encoding="utf-8")
    files = []
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        file = File(name, str(tmp_path), str(tmp_path / "site"), True)
        file.inclusion = InclusionLevel.INCLUDED
        files.append(file)
    return Files(files)


def read(tmp_path: Path, pages: dict[str, str], references: str = REFERENCES):
    return citations.read_sources(site(tmp_path, pages, references), tmp_path)


def convert(tmp_path: Path, pages: dict[str, str], name: str) -> str:
    """The Markdown the hook makes of one page, after reading all of them."""
    files = site(tmp_path, pages)
    citations.STATE = citations.read_sources(files, tmp_path)
    page = SimpleNamespace(file=files.get_file_from_path(name))
    return citations.on_page_markdown(pages[name], page, None, files)


def test_citations_and_references_become_links(tmp_path):
    pages = {"bibliography.md": BIBLIOGRAPHY, "topic/index.md": PAGE}
    text = convert(tmp_path, pages, "topic/index.md")
    assert (
        "Cauchy ([1847](../bibliography.md#ref-cauchy1847){ #cite-cauchy1847-1" in text
    )
    assert "[(1)](#eq-step){ .equation-reference }" in text
    assert (
        "([Nocedal and Wright 2006](../bibliography.md#ref-nocedal2006)"
        "{ #cite-nocedal2006-1 .citation" in text
    )
    assert ", Chapter 3; [Cauchy 1847](../bibliography.md#ref-cauchy1847)" in text
    assert "{ #cite-cauchy1847-2 .citation" in text
    assert text.count("\n") == PAGE.count("\n"), "no line moves"


def test_the_bibliography_links_back_to_every_citation(tmp_path):
    pages = {"bibliography.md": BIBLIOGRAPHY, "topic/index.md": PAGE}
    text = convert(tmp_path, pages, "bibliography.md")
    assert "{ #ref-cauchy1847 .reference }" in text
    assert (
        "[A page](topic/index.md#cite-cauchy1847-1) (also [2](topic/index.md#cite-cauchy1847-2)"
        in text
    )
    assert text.index("#ref-cauchy1847") < text.index("#ref-nocedal2006")


def test_another_pages_equation_is_named_with_its_page(tmp_path):
    pages = {
        "bibliography.md": BIBLIOGRAPHY,
        "topic/index.md": PAGE,
        "other.md": "# Other\n\nAs in [@eq:step].\n",
    }
    text = convert(tmp_path, pages, "other.md")
    assert "[(1) of *A page*](topic/index.md#eq-step)" in text


def test_a_citation_of_a_missing_key_fails_naming_page_and_line(tmp_path):
    pages = {
        "bibliography.md": BIBLIOGRAPHY,
        "topic/index.md": PAGE + "\nAnd [@nocedal2005].\n",
    }
    with pytest.raises(PluginError) as error:
        read(tmp_path, pages)
    assert "topic/index.md:12: [@nocedal2005] cites no entry of references.yml" in str(
        error.value
    )
    assert "did you mean nocedal2006?" in str(error.value)


def test_an_entry_no_page_cites_fails_naming_its_line(tmp_path):
    pages = {"bibliography.md": BIBLIOGRAPHY, "page.md": "# P\n\n[@cauchy1847]\n"}
    with pytest.raises(
        PluginError,
        match=r"references.yml:8: the entry nocedal2006 is cited by no page",
    ):
        read(tmp_path, pages)


def test_a_reference_to_a_missing_label_fails_naming_page_and_line(tmp_path):
    pages = {
        "bibliography.md": BIBLIOGRAPHY,
        "topic/index.md": PAGE,
        "other.md": "# Other\n\nText.\n\nAs in [@eq:stpe].\n",
    }
    with pytest.raises(PluginError) as error:
        read(tmp_path, pages)
    assert "other.md:5: [@eq:stpe] refers to no \\label{eq:stpe}" in str(error.value)
    assert "did you mean eq:step?" in str(error.value)


def test_a_label_used_twice_fails_naming_both_places(tmp_path):
    pages = {
        "bibliography.md": BIBLIOGRAPHY,
        "topic/index.md": PAGE,
        "other.md": "# Other\n\n$$\ny \\label{eq:step}\n$$\n",
    }
    with pytest.raises(
        PluginError,
        match=r"other.md:4: a second \\label\{eq:step\} \(the first is at topic/index.md:7\)",
    ):
        read(tmp_path, pages)


def test_code_and_comments_are_left_alone(tmp_path):
    page = (
        "# Code\n\nCited [@cauchy1847; @nocedal2006].\n\n"
        "```python\nprint('[@nokey]', r'\\label{eq:none}')\n```\n\n"
        "Inline `[@nokey]` and ``[@eq:none]``, escaped \\[@nokey], "
        "<!-- [@nokey] -->.\n\n"
        "    ~~~~\n    [@nokey]\n    ~~~~\n"
    )
    pages = {"bibliography.md": BIBLIOGRAPHY, "code.md": page}
    text = convert(tmp_path, pages, "code.md")
    assert text.count("[@nokey]") == 5 and "``[@eq:none]``" in text
    assert "print('[@nokey]', r'\\label{eq:none}')" in text
    assert citations.STATE.equations == {}


def test_a_label_outside_display_math_fails_naming_page_and_line(tmp_path):
    pages = {"inline.md": "# Inline\n\nText $x \\label{eq:inline}$.\n"}
    files = site(tmp_path, pages, references="")
    citations.STATE = citations.read_sources(files, tmp_path)
    page = SimpleNamespace(
        file=files.get_file_from_path("inline.md"), present_anchor_ids=set()
    )
    html = '<p>Text <span class="arithmatex">\\(x \\label{eq:inline}\\)</span>.</p>'
    with pytest.raises(
        PluginError, match=r"inline.md:3: \\label\{eq:inline\} is in inline math"
    ):
        citations.on_page_content(html, page, None, files)


def test_a_labelled_formula_is_tagged_and_gets_its_id(tmp_path):
    pages = {"bibliography.md": BIBLIOGRAPHY, "topic/index.md": PAGE}
    files = site(tmp_path, pages)
    citations.STATE = citations.read_sources(files, tmp_path)
    page = SimpleNamespace(
        file=files.get_file_from_path("topic/index.md"), present_anchor_ids=set()
    )
    html = '<div class="arithmatex">\\[\nx \\label{eq:step}\n\\]</div>'
    out = citations.on_page_content(html, page, None, files)
    assert out == (
        '<div class="equation" id="eq-step"><div class="arithmatex">'
        "\\[\nx \n\\tag{1}\\]</div></div>"
    )
    assert page.present_anchor_ids == {"eq-step"}
