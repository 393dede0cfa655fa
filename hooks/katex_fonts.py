"""KaTeX's fonts as the site uses them: which files a page's math is drawn with (the page
preloads them), and each file cut down to the characters the site's math shows.

A page whose math waits for its fonts until the browser lays it out shifts when they
arrive (Lighthouse measured a layout shift of 0.14 on an article). The fonts are found the
way the browser finds them: KaTeX's own stylesheet says which classes set font-family,
font-style and font-weight, each element inherits what its parent has, and the face of
every text run inside .katex-html (the MathML copy is drawn with the browser's math font)
is looked up among the stylesheet's @font-face rules.

KaTeX's fonts hold every glyph TeX might ask for; the site's math uses about a hundred
characters. Each font the site uses keeps the glyphs of every character any formula of
the site shows (not only those drawn with that font, for a margin).
"""

import functools
import io
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from fontTools import subset
from fontTools.ttLib import TTFont

KATEX_CSS = (
    Path(__file__).resolve().parent.parent / "node_modules/katex/dist/katex.min.css"
)
RULE = re.compile(r"(?P<selectors>[^{}@]+)\{(?P<declarations>[^{}]*)\}")
FONT_FACE = re.compile(r"@font-face\{(?P<declarations>[^}]*)\}")
DECLARATION = re.compile(r"(font-family|font-style|font-weight):([^;]+)")
FONT_FILE = re.compile(r"url\(fonts/(?P<name>[^)]+)\.woff2\)")
Face = tuple[str, str, str]  # family, style, weight
SIMPLE = re.compile(r"\.katex (?P<classes>(\.[\w-]+)+)")  # one element, by its classes
# `.katex{font:normal 1.21em KaTeX_Main,…}`: what every formula starts from.
FORMULA_FONT = {
    "font-family": "KaTeX_Main",
    "font-style": "normal",
    "font-weight": "400",
}


def normal(prop: str, value: str) -> str:
    value = value.strip().strip('"')
    if prop == "font-weight":
        return "700" if value in ("bold", "700") else "400"
    return value


@functools.cache
def stylesheet() -> tuple[list[tuple[str, dict[str, str]]], dict[Face, str]]:
    """The rules that set a font property, in order, and each face's woff2 file name."""
    css = KATEX_CSS.read_text(encoding="utf-8")
    faces = {}
    for match in FONT_FACE.finditer(css):
        found = dict(DECLARATION.findall(match["declarations"]))
        face = tuple(
            normal(p, found[p]) for p in ("font-family", "font-style", "font-weight")
        )
        faces[face] = FONT_FILE.search(match["declarations"])["name"]
    rules = []
    for match in RULE.finditer(FONT_FACE.sub("", css)):
        declarations = {
            prop: normal(prop, value)
            for prop, value in DECLARATION.findall(match["declarations"])
        }
        if declarations:
            for selector in match["selectors"].split(","):
                rules.append((selector.strip(), declarations))
    return rules, faces


def font_files(katex_html: str) -> dict[str, str]:
    """For each woff2 file (name without extension) the HTML is drawn with, its text."""
    rules, faces = stylesheet()
    soup = BeautifulSoup(katex_html, "html.parser")
    # Most rules are `.katex .a.b`, matched by the element's classes; the few others
    # (`… .x>span`) by CSS selector, once per page.
    matchers: list[tuple[set[str] | set[int], bool, dict[str, str]]] = []
    for selector, declarations in rules:
        if simple := SIMPLE.fullmatch(selector):
            matchers.append((set(simple["classes"][1:].split(".")), True, declarations))
        else:
            chosen = {id(element) for element in soup.select(selector)}
            matchers.append((chosen, False, declarations))
    used: dict[str, str] = {}

    def walk(element: Tag, inherited: dict[str, str]) -> None:
        classes = set(element.get("class", []))
        if "katex-mathml" in classes:
            return
        own = dict(inherited)
        for match, by_class, declarations in matchers:  # later rules win
            if classes >= match if by_class else id(element) in match:
                own.update(declarations)
        for child in element.children:
            if isinstance(child, Tag):
                walk(child, own)
            elif isinstance(child, NavigableString) and child.strip():
                name = face_file(faces, own)
                used[name] = used.get(name, "") + str(child)

    for formula in soup.select(".katex"):
        walk(formula, FORMULA_FONT)
    return used


def face_file(faces: dict[Face, str], font: dict[str, str]) -> str:
    """The file of the face the browser picks: exact, else the family's closest."""
    family, style, weight = (
        font[p] for p in ("font-family", "font-style", "font-weight")
    )
    candidates = [face for face in faces if face[0] == family]
    best = min(candidates, key=lambda face: (face[1] != style, face[2] != weight))
    return faces[best]


def cut_down(woff2: bytes, characters: str) -> bytes:
    """The woff2 font with only the glyphs of the characters (and what they need).

    The font keeps KaTeX's own `head.modified` date (fontTools would write the current
    time into it), so that two builds of the same site are byte for byte the same.
    """
    font = TTFont(io.BytesIO(woff2), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(character) for character in characters})
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
