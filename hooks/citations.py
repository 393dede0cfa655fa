"""MkDocs hook: citations linked to the bibliography, and numbered equations with links.

Citations. `[@nocedal2006]`, `[@nocedal2006, Chapter 8]` or `[@cauchy1847; @nocedal2006]`
in a page's prose becomes "(Nocedal and Wright 2006, Chapter 8)" (and `[-@cauchy1847]`,
after the author's name in the text, "(1847)"), each name a link to its entry on the
bibliography page, with an id (`cite-KEY-N`, the N-th citation of KEY on the page) that
the entry links back to ("Cited in: …"). The entries come from one data file,
docs/references.yml (not served: exclude_docs in mkdocs.yml); the bibliography page is
the page holding the line `<!-- bibliography -->`, which the hook replaces with the cited
entries, sorted by author and year. A citation of a key the file lacks, and an entry no
page cites, fail the build, naming the page (or the data file) and the line.

Equations. `\\label{eq:NAME}` inside display math numbers that formula: the labelled
formulas of a page are numbered 1, 2, … in page order, the number drawn with KaTeX's
`\\tag`, and the formula gets the id `eq-NAME`. `[@eq:NAME]` in prose becomes a link to
it, "(2)", or "(2) of *Page title*" for a formula of another page. Labels are unique
across the site; a reference to a missing label, a second label of that name, or a label
outside display math fail the build with page and line. No number is typed by hand.

Everything in code (fenced blocks, inline code) and in HTML comments is left as it is,
and so is `\\[@…]`. All pages are read from their sources first (on_files), so numbers and
back-links are known before any page is converted, and the lines named are those of the
source file. The hook replaces each citation on its own line (no line moves), after
examples.py has inserted its outputs (code, which it leaves alone), and changes the math
before typeset_math.py typesets it: it is listed between them in mkdocs.yml.
"""

import difflib
import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_cache import LastBuilds

REFERENCES = "references.yml"  # in docs_dir
MARKER = "<!-- bibliography -->"
# [@key], [@key, locator], [@key; @key, locator]; not after a backslash, not a link.
BRACKET = re.compile(r"(?<!\\)\[(?P<body>-?@[^\[\]\n]+)\](?![(\[{])")
ITEM = re.compile(
    r"^(?P<year_only>-)?@(?P<key>(?:eq:)?[A-Za-z0-9][\w-]*)(?:\s*,\s*(?P<locator>.+))?$"
)
LABEL = re.compile(r"\\label\{eq:(?P<name>[A-Za-z0-9][\w-]*)\}")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
# Inline code (a run of backticks to the same run) or an HTML comment.
INLINE_CODE = re.compile(
    r"(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)|<!--.*?-->", re.S
)
HEADING = re.compile(r"^# (?P<title>.+?)\s*$", re.M)
DISPLAY = re.compile(r'<div class="arithmatex">(?P<tex>.*?)</div>', re.S)
INLINE = re.compile(r'<span class="arithmatex">(?P<tex>.*?)</span>', re.S)
FIELDS = {
    "type",
    "authors",
    "editors",
    "title",
    "year",
    "edition",
    "series",
    "publisher",
    "journal",
    "volume",
    "number",
    "pages",
    "booktitle",
    "doi",
}
TYPES = {"book", "article", "chapter", "conference", "lecture"}


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str | None
    page: str  # src_uri
    line: int
    number: int  # the number-th citation of key on its page


@dataclass(frozen=True)
class Equation:
    name: str
    page: str
    line: int
    number: int  # its number on its page


@dataclass
class State:
    """What the sources of this build cite and label."""

    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    entry_lines: dict[str, int] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    equations: dict[str, Equation] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> first heading
    bibliography: str | None = None  # src_uri of the page with the marker


STATE = State()


@functools.lru_cache(maxsize=256)  # each page is searched for several patterns, and
def prose_spans(text: str) -> tuple[tuple[int, int], ...]:  # again at each rebuild
    """(start, end) offsets of the text outside fenced code, inline code and comments."""
    return tuple(spans_outside_code(text))


def spans_outside_code(text: str) -> Iterator[tuple[int, int]]:
    lines = text.splitlines(keepends=True)
    offset, start, index = 0, 0, 0
    regions = []
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            offset += len(lines[index])
            index += 1
            continue
        regions.append((start, offset))
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(
            rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
        )
        offset += len(lines[index])
        index += 1
        while index < len(lines) and not closing.match(lines[index].rstrip("\n")):
            offset += len(lines[index])
            index += 1
        if index < len(lines):
            offset += len(lines[index])
            index += 1
        start = offset
    regions.append((start, offset))
    for begin, end in regions:
        position = begin
        for code in INLINE_CODE.finditer(text, begin, end):
            yield position, code.start()
            position = code.end()
        yield position, end


def find(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of pattern in the prose of text (not in code or comments)."""
    for begin, end in prose_spans(text):
        yield from pattern.finditer(text, begin, end)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_items(body: str, where: str) -> list[tuple[str, str | None, bool]]:
    """The (key, locator, year only) of each item of one bracket's body."""
    items = []
    for part in body.split(";"):
        match = ITEM.match(part.strip())
        if not match:
            raise PluginError(
                f"{where}: [{body}] is not a citation: write [@key], [@key, Chapter 3]"
                " or [@key; @other] (or [@eq:name] for an equation)"
            )
        items.append((match["key"], match["locator"], match["year_only"] is not None))
    kinds = {key.startswith("eq:") for key, _, _ in items}
    if len(kinds) > 1:
        raise PluginError(f"{where}: [{body}] mixes citations and equations")
    return items


def load_references(path: Path) -> tuple[dict[str, dict[str, object]], dict[str, int]]:
    """The entries of the data file, and the line of each key, checked field by field."""
    if not path.is_file():
        return {}, {}
    return parsed_references(path, path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)  # under `mkdocs serve`, parsed again only once edited
def parsed_references(
    path: Path, text: str
) -> tuple[dict[str, dict[str, object]], dict[str, int]]:
    """load_references of the file's text (the values are only read, never changed)."""
    data = yaml.safe_load(text) or {}
    lines = {
        match["key"]: line_of(text, match.start())
        for match in re.finditer(r"^(?P<key>[^\s#:][^:]*):", text, re.M)
    }
    if not isinstance(data, dict):
        raise PluginError(f"{path.name}: a mapping of keys to entries")
    problems = []
    for key, entry in data.items():
        where = f"{path.name}:{lines.get(key, 1)}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: the entry {key} is not a mapping")
            continue
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            problems.append(f"{where}: the entry {key} has unknown fields {unknown}")
        missing = [
            name for name in ("type", "authors", "title", "year") if name not in entry
        ]
        if missing:
            problems.append(f"{where}: the entry {key} lacks {missing}")
        if entry.get("type") not in TYPES:
            problems.append(f"{where}: the type of {key} is one of {sorted(TYPES)}")
        if not re.fullmatch(r"[A-Za-z0-9][\w-]*", str(key)):
            problems.append(
                f"{where}: the key {key} has other characters than [A-Za-z0-9_-]"
            )
    if problems:
        raise PluginError("\n".join(problems))
    return data, lines


def family_names(entry: dict[str, object]) -> list[str]:
    return [str(author).split(",")[0].strip() for author in entry["authors"]]  # type: ignore[attr-defined]


def join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def short_label(entry: dict[str, object]) -> str:
    """Author–year label: Cauchy 1847, Nocedal and Wright 2006, LeCun et al. 1998."""
    names = family_names(entry)
    authors = join_names(names) if len(names) <= 2 else f"{names[0]} et al."
    return f"{authors} {entry['year']}"


def full_reference(entry: dict[str, object]) -> str:
    """The entry as Markdown: authors (year). title. where published."""
    authors = join_names([str(a) for a in entry["authors"]])  # type: ignore[attr-defined]
    parts = [f"{authors} ({entry['year']})."]
    title = str(entry["title"])
    if entry["type"] == "book":
        edition = f", {entry['edition']} edition" if "edition" in entry else ""
        parts.append(f"*{title}*{edition}.")
        if "series" in entry:
            parts.append(f"{entry['series']}.")
        parts.append(f"{entry['publisher']}.")
    elif entry["type"] == "article":
        parts.append(f"{title}.")
        journal = f"*{entry['journal']}*"
        if "volume" in entry:
            journal += f" {entry['volume']}"
            if "number" in entry:
                journal += f"({entry['number']})"
        if "pages" in entry:
            journal += f", {entry['pages']}"
        parts.append(f"{journal}.")
    elif entry["type"] in ("conference", "lecture"):  # a paper or a recorded lecture
        parts.append(f"{title}. *{entry['booktitle']}*.")
    else:  # a chapter of an edited book
        editors = join_names([str(e) for e in entry.get("editors", [])])  # type: ignore[attr-defined]
        parts.append(f"{title}. In {editors} (editors),")
        booktitle = f"*{entry['booktitle']}*"
        if "series" in entry:
            booktitle += f", {entry['series']}"
        if "pages" in entry:  # "pp.": after a series number, a bare range reads as one
            booktitle += f", pp. {entry['pages']}"
        parts.append(f"{booktitle}. {entry['publisher']}.")
    if "doi" in entry:
        doi = entry["doi"]
        parts.append(f"doi:[{doi}](https://doi.org/{doi})")
    return " ".join(parts)


def plain(markdown_text: str) -> str:
    """Markdown of a reference as plain text, for a title attribute."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return text.replace("*", "").replace('"', "'")


def escape(text: str) -> str:
    """Text safe as the text of a Markdown link."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def relative(source: str, target: str) -> str:
    """The link from the page source to the target source (both docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def read_sources(files: Files, docs_dir: Path) -> State:
    """Every citation, label and heading of the Markdown pages, and the data file."""
    state = State()
    state.entries, state.entry_lines = load_references(docs_dir / REFERENCES)
    problems = []
    pages = [
        file for file in files.documentation_pages() if file.src_uri.endswith(".md")
    ]
    for file in pages:
        text = file.content_string
        page = file.src_uri
        heading = next(find(HEADING, text), None)
        state.titles[page] = heading["title"] if heading else page
        if any(line.strip() == MARKER for line in text.splitlines()):
            if state.bibliography is not None:
                problems.append(
                    f"{page}: a second page with the line {MARKER} "
                    f"(the first is {state.bibliography})"
                )
            state.bibliography = page
        counts: dict[str, int] = {}
        for match in find(BRACKET, text):
            where = f"{page}:{line_of(text, match.start())}"
            try:
                items = parse_items(match["body"], where)
            except PluginError as error:
                problems.append(str(error))
                continue
            for key, locator, _year_only in items:
                if key.startswith("eq:"):
                    continue
                counts[key] = counts.get(key, 0) + 1
                state.citations.append(
                    Citation(
                        key, locator, page, line_of(text, match.start()), counts[key]
                    )
                )
        for number, match in enumerate(find(LABEL, text), 1):
            name, line = match["name"], line_of(text, match.start())
            if name in state.equations:
                first = state.equations[name]
                problems.append(
                    f"{page}:{line}: a second \\label{{eq:{name}}} "
                    f"(the first is at {first.page}:{first.line})"
                )
                continue
            state.equations[name] = Equation(name, page, line, number)
    for file in pages:  # references to equations, now that every label is known
        text = file.content_string
        for match in find(BRACKET, text):
            where = f"{file.src_uri}:{line_of(text, match.start())}"
            try:
                items = parse_items(match["body"], where)
            except PluginError:
                continue  # reported above
            for key, _locator, _year_only in items:
                if key.startswith("eq:") and key[3:] not in state.equations:
                    close = difflib.get_close_matches(key[3:], state.equations, 1)
                    hint = f" (did you mean eq:{close[0]}?)" if close else ""
                    problems.append(
                        f"{where}: [@{key}] refers to no \\label{{{key}}}{hint}"
                    )
    for citation in state.citations:
        if citation.key not in state.entries:
            close = difflib.get_close_matches(citation.key, state.entries, 1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(
                f"{citation.page}:{citation.line}: [@{citation.key}] cites no entry "
                f"of {REFERENCES}{hint}"
            )
    cited = {citation.key for citation in state.citations}
    for key in state.entries:
        if key not in cited:
            problems.append(
                f"{REFERENCES}:{state.entry_lines.get(key, 1)}: the entry {key} is "
                "cited by no page: cite it, or remove it"
            )
    if state.citations and state.bibliography is None:
        problems.append(
            f"{state.citations[0].page}:{state.citations[0].line}: pages cite "
            f"references, but no page holds the line {MARKER}"
        )
    if problems:
        raise PluginError("\n".join(problems))
    return state


# What read_sources found, by what it reads (the data file's bytes, each Markdown page's
# path and text, in order), in this build and the previous one: a `mkdocs serve` rebuild
# reads the sources again only after an edit of one of them.
FOUND: LastBuilds[tuple[bytes | None, tuple[tuple[str, str], ...]], State] = (
    LastBuilds()
)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global STATE
    FOUND.next_build()
    docs = Path(config.docs_dir)
    references = docs / REFERENCES
    read = (
        references.read_bytes() if references.is_file() else None,
        tuple(
            (file.src_uri, file.content_string)
            for file in files.documentation_pages()
            if file.src_uri.endswith(".md")
        ),
    )
    STATE = FOUND.made(read, lambda: read_sources(files, docs))
    return files


def citation_markdown(
    key: str, locator: str | None, page: str, number: int, year_only: bool
) -> str:
    entry = STATE.entries[key]
    label = str(entry["year"]) if year_only else short_label(entry)
    assert STATE.bibliography is not None
    target = relative(page, STATE.bibliography)
    title = plain(full_reference(entry))
    link = (
        f"[{escape(label)}]({target}#ref-{key})"
        f'{{ #cite-{key}-{number} .citation title="{title}" }}'
    )
    return f"{link}, {locator}" if locator else link


def equation_markdown(name: str, page: str) -> str:
    equation = STATE.equations[name]
    if equation.page == page:
        return f"[({equation.number})](#eq-{name}){{ .equation-reference }}"
    target = relative(page, equation.page)
    title = escape(STATE.titles[equation.page])
    return (
        f"[({equation.number}) of *{title}*]({target}#eq-{name})"
        "{ .equation-reference }"
    )


def bibliography_markdown(page: str) -> str:
    """The cited entries, each a paragraph with its id and its back-links."""
    by_key: dict[str, list[Citation]] = {}
    for citation in STATE.citations:
        by_key.setdefault(citation.key, []).append(citation)

    def order(key: str) -> tuple[list[str], str, str]:
        entry = STATE.entries[key]
        return family_names(entry), str(entry["year"]), key

    paragraphs = []
    for key in sorted(by_key, key=order):
        places: dict[str, list[Citation]] = {}
        for citation in by_key[key]:
            places.setdefault(citation.page, []).append(citation)
        links = []
        for source, citations in places.items():
            target = relative(page, source)
            first, *others = citations
            link = (
                f"[{escape(STATE.titles[source])}]({target}#cite-{key}-{first.number})"
            )
            if others:
                name = plain(STATE.titles[source])
                again = ", ".join(
                    f"[{c.number}]({target}#cite-{key}-{c.number})"
                    f'{{ title="citation {c.number} on {name}" }}'
                    for c in others
                )
                link += f" (also {again})"
            links.append(link)
        paragraphs.append(
            f"{full_reference(STATE.entries[key])}\n"
            f'<span class="cited-in">Cited in: {"; ".join(links)}.</span>\n'
            f"{{ #ref-{key} .reference }}"
        )
    return "\n\n".join(paragraphs)


def on_page_markdown(
    markdown_text: str, page: Page, config: MkDocsConfig, files: Files
) -> str:
    source = page.file.src_uri
    if not source.endswith(".md"):
        return markdown_text
    counts: dict[str, int] = {}
    pieces, position = [], 0
    for match in find(BRACKET, markdown_text):
        where = f"{source}:{line_of(markdown_text, match.start())}"
        rendered = []
        for key, locator, year_only in parse_items(match["body"], where):
            if key.startswith("eq:"):
                rendered.append(equation_markdown(key[3:], source))
            else:
                counts[key] = counts.get(key, 0) + 1
                rendered.append(
                    citation_markdown(key, locator, source, counts[key], year_only)
                )
        text = "; ".join(rendered)
        if "@eq:" not in match["body"]:
            text = f"({text})"
        pieces += [markdown_text[position : match.start()], text]
        position = match.end()
    pieces.append(markdown_text[position:])
    markdown_text = "".join(pieces)
    expected: dict[str, int] = {}
    for citation in STATE.citations:
        if citation.page == source:
            expected[citation.key] = expected.get(citation.key, 0) + 1
    if counts != expected:
        raise PluginError(
            f"{source}: the page cites {counts} once converted, its source {expected}"
        )
    if source == STATE.bibliography:
        markdown_text = "\n".join(
            bibliography_markdown(source) if line.strip() == MARKER else line
            for line in markdown_text.split("\n")
        )
    return markdown_text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Number each labelled display formula with \\tag and give it its id."""
    source = page.file.src_uri
    labelled = {n: e for n, e in STATE.equations.items() if e.page == source}
    if not labelled:
        return html
    found: set[str] = set()

    def number(match: re.Match[str]) -> str:
        labels = list(LABEL.finditer(match["tex"]))
        if not labels:
            return match[0]
        name = labels[0]["name"]
        if len(labels) > 1 or name not in labelled:
            equation = labelled.get(name)
            where = f"{source}:{equation.line}" if equation else source
            raise PluginError(
                f"{where}: a formula takes one \\label{{eq:…}}, written in the page's source"
            )
        found.add(name)
        tex = LABEL.sub("", match["tex"]).rstrip()
        tag = f"\\tag{{{labelled[name].number}}}"
        tex = tex[:-2] + tag + "\\]" if tex.endswith("\\]") else tex + tag
        return (
            f'<div class="equation" id="eq-{name}">'
            f'<div class="arithmatex">{tex}</div></div>'
        )

    html = DISPLAY.sub(number, html)
    missing = sorted(set(labelled) - found, key=lambda n: labelled[n].line)
    if missing:
        equation = labelled[missing[0]]
        inline = any(LABEL.search(m["tex"]) for m in INLINE.finditer(html))
        kind = "inline math" if inline else "no display formula"
        raise PluginError(
            f"{source}:{equation.line}: \\label{{eq:{equation.name}}} is in {kind}: "
            "labels belong in display math ($$ … $$)"
        )
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {f"eq-{name}" for name in found}
    return html
