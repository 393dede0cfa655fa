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
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

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


@functools.cache
def matched_rules() -> tuple[list[tuple["RuleMatch", dict[str, str]]], dict[Face, str]]:
    """The stylesheet's font rules as matchers, and its faces' files (read once)."""
    rules, faces = stylesheet()
    matched = []
    for selector, declarations in rules:
        match = rule_matcher(selector)
        if match is None:
            raise PluginError(
                f"{KATEX_CSS}: a font rule of a form not read: {selector}"
            )
        matched.append((match, declarations))
    return matched, faces


def font_files(katex_html: str) -> dict[str, str]:
    """For each woff2 file (name without extension) the HTML is drawn with, its text."""
    matched, faces = matched_rules()
    reader = FontReader(matched, faces)
    reader.feed(katex_html)
    reader.close()
    return reader.used


# KaTeX's font rules are `.katex .a.b` (the element's classes) and, for two, `.katex
# .a.b .c>span` (a span, child of a .c, below a .a.b); a rule of another form stops the
# build (a new KaTeX version: extend rule_matcher).
CHILD_OF = re.compile(
    r"\.katex (?P<above>(\.[\w-]+)+) (?P<parent>(\.[\w-]+)+)>(?P<tag>[a-z]+)"
)


@dataclass(frozen=True)
class RuleMatch:
    """What an element needs to match a rule: its classes, or its tag, its parent's
    classes and the classes of an element above the parent, inside the formula."""

    classes: frozenset[str]
    tag: str | None = None
    parent: frozenset[str] = frozenset()
    above: frozenset[str] = frozenset()


def rule_matcher(selector: str) -> RuleMatch | None:
    if simple := SIMPLE.fullmatch(selector):
        return RuleMatch(frozenset(simple["classes"][1:].split(".")))
    if child := CHILD_OF.fullmatch(selector):
        return RuleMatch(
            frozenset(),
            child["tag"],
            frozenset(child["parent"][1:].split(".")),
            frozenset(child["above"][1:].split(".")),
        )
    return None


@dataclass(frozen=True)
class Open:
    """An open element: its font (None outside a formula's drawn HTML), the classes of the
    formula's open elements down to it, and whether it is in a formula's MathML copy."""

    font: dict[str, str] | None = None
    line: tuple[frozenset[str], ...] = ()
    skipped: bool = False


class FontReader(HTMLParser):
    """Reads HTML once, keeping each text run inside a .katex (not its MathML copy) under
    the font file its element's font properties select, as the browser does: each
    element inherits its parent's font, and the rules that match it apply in order."""

    def __init__(
        self, rules: list[tuple[RuleMatch, dict[str, str]]], faces: dict[Face, str]
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.rules, self.faces = rules, faces
        self.open: list[Open] = [Open()]
        self.used: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = frozenset(
            " ".join(value or "" for name, value in attrs if name == "class").split()
        )
        parent = self.open[-1]
        if parent.skipped or (parent.font is not None and "katex-mathml" in classes):
            self.open.append(Open(skipped=True))
            return
        if parent.font is None and "katex" not in classes:
            self.open.append(Open())
            return
        font = dict(FORMULA_FONT if parent.font is None else parent.font)
        line = (*parent.line, classes)
        for match, declarations in self.rules:  # later rules win
            if self.matches(match, tag, line):
                font.update(declarations)
        self.open.append(Open(font, line))

    @staticmethod
    def matches(match: RuleMatch, tag: str, line: tuple[frozenset[str], ...]) -> bool:
        """Whether the element (the last of line, below the formula's .katex) matches."""
        if match.tag is None:
            return line[-1] >= match.classes
        return (
            tag == match.tag
            and len(line) >= 3
            and line[-2] >= match.parent
            and any(above >= match.above for above in line[1:-2])
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if len(self.open) > 1:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        font = self.open[-1].font
        if font is not None and data.strip():
            name = face_file(self.faces, font)
            self.used[name] = self.used.get(name, "") + data


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
    # Imported here: a build whose cut fonts are all cached does without (0.14 s).
    from fontTools import subset
    from fontTools.ttLib import TTFont

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
