"""Seed-format text <-> Article. No database, no terminal.

The seed format: a first line ` date YYYY-MM-DD <lede...>`, paragraphs separated by blank lines,
and short lines without final punctuation as section headings. Real files differ, so `decode()`
and `parse()` read generously and return warnings for everything they had to forgive; only a
file that cannot be an article at all (empty, binary, too large) raises `InputError`.

`write()` is the inverse: `parse(write(a))` gives back `a`, and for a seed file
`write(parse(x))` is `x` but for a final newline.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

from newsarc.errors import InputError
from newsarc.models import Article, Parsed, Section

MAX_BYTES = 20 * 1024 * 1024
UNDATED_WORDS = {"unknown", "undated", "none", "n/a", "-"}
TITLE_MAX = 80

# A heading is a short line on its own without final punctuation.
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
FINAL_PUNCTUATION = ".!?,;:…"
CLOSING = "\"')]}”’»"

_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_TITLE_LINE = re.compile(r"^title[ \t]*:[ \t]*(\S.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^date(?:[ \t]*(?P<colon>[:=])[ \t]*|[ \t]+|$)(?P<rest>.*)$", re.IGNORECASE
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not \t \n \r
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029]")

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "ave", "blvd", "dept", "est", "fig", "approx", "rev", "hon", "pres",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)")


# ---------------------------------------------------------------------------------------------
# Bytes -> clean text


def decode(data: bytes, name: str = "<input>") -> tuple[str, list[str]]:
    """Turn a file's bytes into clean text: the step where encodings and invisible oddities go.

    Raises InputError for what cannot be an article: empty, over 20 MB, or binary.
    """
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        raise InputError(f"file is larger than 20 MB ({len(data) / 1e6:.1f} MB); skipped")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace").lstrip("\ufeff")
        warnings.append("decoded as UTF-16 (byte-order mark)")
    else:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes); skipped")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
            warnings.append("removed a UTF-8 byte-order mark")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data.decode("cp1252", errors="replace")
            warnings.append(
                f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252"
            )
    bad = text.count("\ufffd") + len(_CONTROL.findall(text))
    if text and bad > max(8, len(text) // 10):
        raise InputError("binary file (mostly undecodable); skipped")
    return text, warnings


def clean(text: str, warnings: list[str]) -> str:
    """Normalise line endings, control characters and whitespace, noting each kind once."""
    if text.startswith("\ufeff"):
        text = text[1:]
        warnings.append("removed a byte-order mark")
    if "\r" in text:
        warnings.append("converted CRLF/CR line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LINE_SEPARATORS.search(text):
        text = _LINE_SEPARATORS.sub("\n", text)
    controls = len(_CONTROL.findall(text))
    if controls:
        text = _CONTROL.sub("", text)
        warnings.append(f"removed {controls} control character{'s' if controls != 1 else ''}")
    if "\t" in text:
        warnings.append("replaced tabs with spaces")
        text = text.replace("\t", " ")
    lines = text.split("\n")
    trailing = sum(1 for line in lines if line != line.rstrip())
    if trailing:
        plural = "s" if trailing != 1 else ""
        warnings.append(f"removed trailing whitespace on {trailing} line{plural}")
    return "\n".join(line.strip() for line in lines)


# ---------------------------------------------------------------------------------------------
# Dates


def parse_date(text: str) -> tuple[str | None, str, str | None]:
    """Read a date at the start of `text`.

    Returns (iso date or None, the rest of the text, a warning or None). An ISO date keeps its
    precision (`2024`, `2024-02`, `2024-02-03`); other spellings go through python-dateutil,
    taking the shortest run of words that names a year, so the lede after it is left alone.
    """
    text = text.strip()
    if not text:
        return None, "", "no date on the date line; stored undated"
    first, _, rest = text.partition(" ")
    if first.lower() in UNDATED_WORDS:
        return None, rest.strip(), None
    m = _ISO_DATE.match(text)
    if m:
        rest = text[m.end():].strip()
        iso = _valid_iso(m.group(1), m.group(2), m.group(3))
        if iso is None:
            return None, rest, f"impossible date {m.group(0)!r}; stored undated"
        return iso, rest, None
    words = list(re.finditer(r"\S+", text))
    for k in range(1, min(len(words), 6) + 1):
        candidate = text[: words[k - 1].end()]
        iso = _dateutil_prefix(candidate)
        if iso is not None:
            return iso, text[words[k - 1].end():].strip(), None
    if len(text) <= 40 and not any(c in text for c in ".!?"):
        return None, "", f"unreadable date {text!r}; stored undated"
    warning = f"unreadable date {words[0].group()!r}; stored undated"
    return None, text[words[0].end():].strip(), warning


def _valid_iso(year: str, month: str | None, day: str | None) -> str | None:
    try:
        datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if int(year) < 1:
        return None
    if day:
        return f"{int(year):04d}-{int(month or 1):02d}-{int(day):02d}"
    if month:
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}"


def _dateutil_prefix(candidate: str) -> str | None:
    """A date from free text, or None; fields the text does not give are not invented."""
    if not any(ch.isdigit() for ch in candidate):
        return None
    from dateutil import parser as dateparser  # imported here: most files are ISO-dated

    try:
        a = dateparser.parse(candidate, default=datetime(2000, 1, 1))
        b = dateparser.parse(candidate, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:
        return None  # no year given: do not guess one from today
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return f"{a.year:04d}-{a.month:02d}-{a.day:02d}"


# ---------------------------------------------------------------------------------------------
# Text -> Article


def is_heading_like(line: str) -> bool:
    """A short line with a letter in it and no final punctuation."""
    if not line or "\n" in line or len(line) > HEADING_MAX_CHARS:
        return False
    if len(line.split()) > HEADING_MAX_WORDS or not any(c.isalpha() for c in line):
        return False
    stripped = line.rstrip(CLOSING)
    return bool(stripped) and stripped[-1] not in FINAL_PUNCTUATION


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def parse(text: str, *, id: str, source: str | None = None) -> Parsed:
    """Parse text into an Article. Never raises on odd text: it warns."""
    warnings: list[str] = []
    blocks = _blocks(clean(text, warnings))
    title: str | None = None
    date: str | None = None
    lede_first: list[str] = []
    saw_date = False

    # The header: `# Title`, `title: ...` and one date line, in any order, at the top.
    while blocks:
        line = blocks[0][0]
        md = _MD_HEADING.match(line)
        tl = _TITLE_LINE.match(line)
        dl = _DATE_LINE.match(line) if not saw_date else None
        if dl:
            date, rest, warning = parse_date(dl.group("rest"))
            if warning and warning.startswith("unreadable") and not dl.group("colon"):
                dl = None  # "Date palms grow..." is a sentence, not a date line
        if md and len(md.group(1)) == 1 and title is None and md.group(2):
            title = md.group(2).strip()
        elif tl and title is None:
            title = tl.group(1).strip()
        elif dl:
            saw_date = True
            if warning:
                warnings.append(warning)
            lede_first = ([rest] if rest else []) + blocks[0][1:]
            blocks.pop(0)
            break
        elif (
            title is None
            and len(blocks[0]) == 1
            and is_heading_like(line)
            and len(blocks) > 1
            and _DATE_LINE.match(blocks[1][0])
        ):
            title = line  # a headline line just above the date line
        else:
            break
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)
    if not saw_date:
        warnings.append("no date line; stored undated")

    # Body: paragraphs and headings.
    items: list[tuple[str, str]] = []  # ("h", heading) | ("p", paragraph) | ("H", markdown heading)
    for block in blocks:
        md = _MD_HEADING.match(block[0])
        if md and md.group(2).strip():
            items.append(("H", md.group(2).strip()))
            if block[1:]:
                items.append(("p", "\n".join(block[1:])))
        elif len(block) == 1 and is_heading_like(block[0]):
            items.append(("h", block[0]))
        else:
            items.append(("p", "\n".join(block)))

    # A plain headline as the first body line, with text after it, is the title.
    if (
        title is None
        and not lede_first
        and len(items) > 1
        and items[0][0] == "h"
        and items[1][0] == "p"
    ):
        title = items.pop(0)[1]

    lede: list[str] = ["\n".join(lede_first)] if lede_first else []
    sections: list[Section] = []
    heading: str | None = None
    paragraphs = lede
    for kind, value in items:
        if kind == "p":
            paragraphs.append(value)
            continue
        _close(sections, heading, paragraphs)
        heading, paragraphs = value, []
    _close(sections, heading, paragraphs)
    if not sections:
        sections.append(Section(0, None, ""))
    if not title:
        title = derive_title(sections)
    return Parsed(make_article(id, date, title, source, sections), tuple(warnings))


def _close(sections: list[Section], heading: str | None, paragraphs: list[str]) -> None:
    if heading is None and not paragraphs:
        return  # no lede
    position = 0 if heading is None else max((s.position for s in sections), default=0) + 1
    sections.append(Section(position, heading, "\n\n".join(paragraphs)))


def make_article(
    id: str,
    date: str | None,
    title: str,
    source: str | None,
    sections: list[Section] | tuple[Section, ...],
) -> Article:
    """Build an Article, hashing its canonical text so equal content always has one sha256."""
    draft = Article(id, date, title, source, "", tuple(sections))
    digest = hashlib.sha256(write(draft).encode("utf-8")).hexdigest()
    return Article(id, date, title, source, digest, tuple(sections))


def derive_title(sections: list[Section] | tuple[Section, ...]) -> str:
    """The first sentence of the first text, cut near 80 characters on a word boundary."""
    for section in sections:
        if section.text.strip():
            return shorten(first_sentence(section.text.split("\n\n")[0]))
    for section in sections:
        if section.heading:
            return shorten(section.heading)
    return "(untitled)"


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for m in _SENTENCE_END.finditer(text):
        before = text[: m.start()].rsplit(" ", 1)[-1]
        word = before.rstrip(".").lower()
        if m.group().startswith(".") and (
            word in _ABBREVIATIONS
            or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", before)  # U.S, J (initials)
        ):
            continue
        return text[: m.end()]
    return text


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def read_file(path: Path, *, id: str) -> Parsed:
    """Read and parse one file; InputError names why it cannot be stored."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is larger than 20 MB ({size / 1e6:.1f} MB); skipped")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return parse_bytes(data, id=id, source=str(path))


def parse_bytes(data: bytes, *, id: str, source: str | None) -> Parsed:
    if not data.strip():
        raise InputError("empty file; skipped")
    text, warnings = decode(data)
    parsed = parse(text, id=id, source=source)
    if not any(s.text or s.heading for s in parsed.article.sections):
        raise InputError("no article text (only a date or title line); skipped")
    return Parsed(parsed.article, tuple(warnings) + parsed.warnings)


# ---------------------------------------------------------------------------------------------
# Article -> text


def write(article: Article) -> str:
    """The article in the seed format: ` date D lede`, then headings and paragraphs.

    Explicit markers appear only where plain text would be read back differently: `# Title` when
    the title is not the lede's first sentence, `## Heading` for a heading that does not look
    like one (or that would be taken for a title), and `date unknown` for an undated article.
    """
    parts: list[str] = []
    sections = list(article.sections)
    if article.title != derive_title(sections):
        parts.append(f"# {article.title}")
    lede = sections.pop(0).text if sections and sections[0].heading is None else ""
    first, _, rest = lede.partition("\n\n")
    parts.append(f" date {article.date or 'unknown'}" + (f" {first}" if first else ""))
    if rest:
        parts.append(rest)
    for index, section in enumerate(sections):
        heading = section.heading or ""
        plain = is_heading_like(heading) and not _looks_like_header(heading)
        if not plain or (index == 0 and not lede):
            parts.append(f"## {heading}")
        else:
            parts.append(heading)
        if section.text:
            parts.append(section.text)
    return "\n\n".join(parts)


def _looks_like_header(line: str) -> bool:
    return bool(_MD_HEADING.match(line) or _TITLE_LINE.match(line))
