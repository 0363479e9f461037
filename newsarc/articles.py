"""Seed-format text <-> Article. No database, no terminal.

The seed format: a first line ` date YYYY-MM-DD <lede...>`, paragraphs separated by blank lines,
and short lines without final punctuation, with a paragraph after them, as section headings.
Real files differ, so `parse_bytes()` and `parse()` read generously and return a warning for
everything they had to forgive; only a file that cannot be an article at all (empty, binary,
too large) raises `InputError`.

How text is read, in order (each rule is what `write()` relies on to be read back exactly):

1. Clean: line endings become `\\n`; control characters (C0/C1 but tab and newline), bidi
   embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
   byte-order marks are removed; tabs become spaces; every line is stripped.
2. Metadata (`read_metadata()`): front matter (`---`, `key: value` lines, `---`) or a header
   block (a first block of `Title:`/`Source:`/`Date:`/`URL:`/`Author:`/`Language:` lines,
   one of them more than title and date) is taken off the top. Its title and date replace
   the ones the text gives; `source`/`outlet`, `url`, `author`, `language` and any other keys
   are the article's `Meta`. Anything else that looks like it is text, read as before.
   Blocks: runs of non-blank lines. A paragraph keeps its inner line breaks.
3. Header, at the top, in any order until the date line: one `# Title` or `title: ...` line,
   a headline (a heading-like line on its own, or one short sentence ending in `?`, `!` or
   `.`) directly above the date line, and one date line (`date 2024-02-03 ...`,
   `Date: 3 February 2024`, `date: Feb 7th, 2017, 12:30 GMT — ...`, `date 05.03.2017`,
   `date 2024-02`, `date unknown`). A time, its zone and a dash or colon after the date
   belong to the date line, but on the seed format's own `date 2024-02-03 ...` line. A
   numeric date is read in the order `dayfirst` gives (unchosen: day first), with a warning
   when its day and month could be swapped (`parse_date()`). The rest of the date line and
   of its block begin the lede.
4. Body, block by block. A block may head a section when it is a Markdown heading line
   (`## Heading`, the rest of its block being the first paragraph under it) or one
   heading-like line, and what it says can head a section: no link (`http://`, `https://`,
   `www.`, `pic.twitter.com`), handle or hashtag (`@nasa`, `#vote`), no opening dash or
   bullet (a list item, `-- Reuters`), not wholly in brackets, not a credit line
   (`Reporting by ...`, `Photo: AFP`, `By Jane Doe`, `mp/jh (dpa)`), not a piece of a
   sentence nor two sentences (`is_heading_text()`). It is a heading only when
   a paragraph follows: the rest of its Markdown block, or a next block that does not itself
   look like a heading (a Markdown heading line, or one heading-like line). Anything else is
   a paragraph, kept as written, `##` included. So no section but the lede is ever empty; a
   short last line, and a heading-like line followed by another (a credit line, then a
   caption), are paragraphs.
5. A heading-like first body block followed by a paragraph is the title when the file has
   no title yet and no lede on its date line (the common "headline, then text" file).
6. Sections: position 0 is the lede (paragraphs before the first heading), then one per
   heading. The title, when the file gives none, is the lede's first sentence after its
   dateline (`MOSCOW, March 17. /TASS/. `, `KYIV (AP) — `; see `newsarc.extract.credits`),
   and after a byline paragraph before it (`By Jane Doe`), cut near 80 characters. The lede's
   text keeps its dateline: `find_dateline(opening_paragraph(sections))` finds it again.

Rule 4 only ever turns what the earlier rules read as a heading into a paragraph with the same
line of text, and the writer writes such a paragraph as that line: an article stored under the
earlier rules, written and parsed again, keeps its canonical text and sha256 (only its
derived title may change, when its lede opens with a dateline).

`write()` is the inverse: `parse(write(a))` gives back `a` for every parsed article, and for a
seed file `write(parse(x))` is `x` but for a final newline. It writes metadata as front matter
(and the title and date on their own lines), so an article without metadata is written, and
hashed, exactly as before.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsarc.dates import NUMERIC, free_text_date, numeric_date
from newsarc.errors import InputError
from newsarc.extract.credits import Dateline, find_dateline, is_credit_line
from newsarc.models import NO_META, Article, Meta, Parsed, Section

MAX_BYTES = 20 * 1024 * 1024
TOO_LARGE = "file is over 20 MB; skipped"
UNDATED_WORDS = {"unknown", "undated", "none", "n/a", "-"}
TITLE_MAX = 80

# A heading is a short line on its own without final punctuation.
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
FINAL_PUNCTUATION = ".!?,;:…"
CLOSING = "\"')]}”’»"

# A file is binary when more than this share of its characters are undecodable or control.
BINARY_SHARE = 0.10

# What no heading holds (rule 4): links, handles, hashtags; nor does a heading open with a
# dash or bullet (a list item, or an attribution such as `-- Reuters`).
_NOT_HEADING = re.compile(
    r"https?://|www\.|pic\.twitter\.com|(?<![\w.@])@\w|(?<![\w&#])#[^\W\d_]", re.IGNORECASE
)
_BULLETS = "-–—―•*·▪►"
# The ends of a sentence cut from its text: a closing quote first; an opening quote, bracket or
# dash last.
_CLOSING_QUOTES = "”’"
_OPENING = "“‘([–—-"
_NUMBER = re.compile(r"(?<!\w)[-+(]?\d")  # a token that starts with a digit: 12, -5, (10), 8.50pm
# The signature of UTF-8 read as Windows-1252: `â€` before quotes, dashes and ellipses, `Ã` +
# a continuation character before accented letters.
_GARBLED = re.compile("â€|Ã(?:[\u0080-\u00bf]|(?= [\u00a0-\u00bf])|$)")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_TITLE_LINE = re.compile(r"^title[ \t]*:[ \t]*(\S.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^date(?:[ \t]*(?P<colon>[:=])[ \t]*|[ \t]+|$)(?P<rest>.*)$", re.IGNORECASE
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=\s|$)")
_NUMERIC_DATE = re.compile(NUMERIC.pattern + r"(?=[\s,;]|$)")  # 05.03.2017, 7/2/17
# What may follow the date on a date line before the lede begins: a time (`12:30`, `12:30:05`,
# `9 a.m.`, `12.30 GMT`, `at 12:30`), its zone (`GMT`, `+0100`, `(CET)`), and a dash, colon,
# bar or comma between the date and the lede.
_ZONE = (r"(?:GMT|UTC|BST|IST|WET|WEST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT"
         r"|AEST|AEDT|JST|HKT|SGT|ET|CT|MT|PT|Z)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?(?!\w)"
         r"|[+-]\d{2}:?\d{2}(?!\d)")
_AMPM = r"(?i:[ap]\.?\s?m\.?)(?!\w)"
_TIME = (rf"(?:at\s+)?(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?{_AMPM})?"
         rf"|\d{{1,2}}(?:\.\d{{2}})?\s?{_AMPM}|\d{{1,2}}\.\d{{2}}(?=\s?\(?(?:{_ZONE})))")
_AFTER_DATE = re.compile(
    rf"^,?\s*(?:(?:{_TIME})(?:\s?\(?(?:{_ZONE})\)?)?)?\s*(?:[—–]|--?(?=\s)|[:|,](?=\s|$))?\s*"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not \t \n \r
# Anything clean() must do more than strip lines for: CR, controls, BOMs, line separators,
# lone surrogates (only reachable through parse(str)). One search decides for most files.
_ODD = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# Bidi embeddings, overrides and isolates: removed as control characters are, since no view
# may print them (they reorder what a terminal shows), so that the stored text is what
# `show --format text` prints and reads back as the same article.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")
# UTF-8 decoding with surrogateescape turns each invalid byte b into U+DC00+b; this maps it
# to what the byte means in Windows-1252 (U+FFFD for the five bytes that mean nothing there).
_CP1252 = {0xDC00 + b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0x100)}

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "ave", "blvd", "dept", "est", "fig", "approx", "rev", "hon", "pres",
}
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # U.S, J (the last dot is the match)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)")


# ---------------------------------------------------------------------------------------------
# Bytes -> text


def parse_bytes(
    data: bytes, *, id: str, source: str | None, dayfirst: bool | None = None
) -> Parsed:
    """Parse a file's bytes. Raises InputError, and only that, for what cannot be an article.
    `dayfirst` orders a numeric date's day and month (see `parse_date()`)."""
    if len(data) > MAX_BYTES:
        raise InputError(TOO_LARGE)
    text, warnings, plain = decode(data)
    text = clean(text, warnings, plain=plain)
    if not text.strip():
        raise InputError("empty file; skipped")
    parsed = _parse_clean(text, warnings, id, source, dayfirst)
    if not any(s.text or s.heading for s in parsed.article.sections):
        raise InputError("no article text; skipped")
    return parsed


def printable(name: str) -> str:
    """A file name or argument as text: bytes that are not UTF-8 shown as `\\xe9`, so the
    name stays unique, can be stored and printed, and can be typed back."""
    if name.isascii():
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file system produced
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_id(name: str) -> str:
    """An article id as stored and as looked up: printable, control characters removed,
    whitespace runs as one space. A file `tab\\tname.txt` becomes `tab name`, which survives
    tsv output, `| newsarc show -` and an export round trip."""
    return " ".join(_CONTROL.sub("", printable(name)).split())


def read_file(
    path: str | os.PathLike[str], *, id: str, source: str | None = None,
    dayfirst: bool | None = None,
) -> Parsed:
    """Read and parse one file; InputError names why it cannot be stored. `source` is what
    the article records as its source (default: `path`).

    The size is checked on the open file before reading, so a huge file (or one that grew
    since it was listed) costs nothing.
    """
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                raise InputError(TOO_LARGE)
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return parse_bytes(data, id=id, source=os.fspath(path) if source is None else source,
                       dayfirst=dayfirst)


def decode(data: bytes) -> tuple[str, list[str], bool]:
    """Turn bytes into text: UTF-8, UTF-16 with a byte-order mark, or Windows-1252 for bytes
    that are not UTF-8 (each invalid byte alone, so a mostly-UTF-8 file keeps its accents).

    Returns (text, warnings, plain); `plain` means the text holds nothing for `clean()` to fix
    but spaces and tabs. Raises InputError for binary data: NUL bytes, or too many
    undecodable or control characters for text.
    """
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        warnings.append("decoded as UTF-16")
    else:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes); skipped")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="surrogateescape")
            invalid = len(_ESCAPED_BYTE.findall(text))
            text = text.translate(_CP1252)
            plural = "s" if invalid != 1 else ""
            warnings.append(f"not valid UTF-8; decoded {invalid} byte{plural} as Windows-1252")
        else:
            if _plain_utf8(data):
                return text, warnings, True
    if "\ufffd" in text or _CONTROL.search(text):
        bad = text.count("\ufffd") + len(_CONTROL.findall(text))
        if bad > max(8, len(text) * BINARY_SHARE):
            share = round(100 * bad / len(text))
            raise InputError(f"binary file ({share}% undecodable or control characters); skipped")
    return text, warnings, False


# The hot path: most files are clean UTF-8, and two regex scans over the decoded text cost more
# than the rest of parsing. Byte-level C loops answer "anything odd?" ten times faster: the C0
# controls but tab and newline (so CR too) and DEL, plus the UTF-8 lead bytes of C1 controls
# (C2; also that of no-break space and a few signs, which merely take the slow path), of
# U+2028/U+2029, of a byte-order mark and of U+FFFD.
_ODD_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_ORDINARY_BYTES = bytes(b for b in range(256) if b not in _ODD_BYTES)
_ODD_SEQUENCES = (b"\xc2", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf", b"\xef\xbf\xbd")
_BIDI_BYTES = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")  # U+202A-E, U+2066-9


def _plain_utf8(data: bytes) -> bool:
    """Valid UTF-8 `data` holds no character that clean() or the binary check act on."""
    return not data.translate(None, _ORDINARY_BYTES) and not any(
        seq in data for seq in _ODD_SEQUENCES
    ) and not _BIDI_BYTES.search(data)


def clean(text: str, warnings: list[str], *, plain: bool = False) -> str:
    """Normalise line endings, control characters and whitespace, noting each kind once.

    Leading spaces are stripped silently (the seed format itself starts with one); trailing
    ones are reported, as they often hide other damage. `plain` (from `decode()`) skips the
    search for line endings, controls and byte-order marks.
    """
    if not plain and _ODD.search(text):
        text = _clean_odd(text, warnings)
    if "\t" in text:
        warnings.append("replaced tabs with spaces")
        text = text.replace("\t", " ")
    lines = text.split("\n")
    trailing = sum(1 for line in lines if line and line[-1].isspace())
    if trailing:
        plural = "s" if trailing != 1 else ""
        warnings.append(f"removed trailing whitespace on {trailing} line{plural}")
    return "\n".join([line.strip() for line in lines])


def _clean_odd(text: str, warnings: list[str]) -> str:
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
        warnings.append("removed a byte-order mark")
    if "\r" in text:
        warnings.append("converted CRLF line endings" if "\r\n" in text
                        else "converted CR line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _SURROGATE.sub("\ufffd", text)
    text, controls = _CONTROL.subn("", text)
    if controls:
        plural = "s" if controls != 1 else ""
        warnings.append(f"removed {controls} control character{plural}")
    text, bidi = _BIDI.subn("", text)
    if bidi:
        warnings.append(f"removed {bidi} bidi control character{'s' if bidi != 1 else ''}")
    return text


# ---------------------------------------------------------------------------------------------
# Dates


def parse_date(text: str, dayfirst: bool | None = None) -> tuple[str | None, str, str | None]:
    """Read a date at the start of `text`.

    Returns (iso date or None, the rest of the text, a warning or None). An ISO date keeps its
    precision (`2024`, `2024-02`, `2024-02-03`); three numbers (`05.03.2017`, `07/02/17`) are
    read by `dates.numeric_date()` in the order `dayfirst` gives (None: not chosen, day first),
    with a warning naming the reading taken when the other order, or a year first, could be
    meant; other spellings go through python-dateutil, taking the shortest run of words that
    names a year, so the lede after it is left alone. `unknown`, `undated`, `none`, `n/a` and
    `-` say "no date" on purpose: no warning.
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
    m = _NUMERIC_DATE.match(text)
    if m:
        read = numeric_date(m.group(0), dayfirst)
        assert read is not None
        rest, problem = text[m.end():].strip(), read.problem()
        if read.iso is None:
            return None, rest, f"{problem}; stored undated"
        if problem:
            return read.iso, rest, f"{problem}; use --dayfirst/--monthfirst to choose"
        return read.iso, rest, None
    words = list(re.finditer(r"\S+", text))
    for k in range(1, min(len(words), 6) + 1):
        iso = free_text_date(text[: words[k - 1].end()])
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
    if day:
        return f"{int(year):04d}-{int(month or 1):02d}-{int(day):02d}"
    if month:
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}"


def _date_line(line: str, dayfirst: bool | None = None
               ) -> tuple[str | None, str, str | None] | None:
    """(date, rest, warning) when `line` is a date line; None when it is ordinary text.

    "Date palms grow..." is a sentence: without a colon, an unreadable date means the line is
    not a date line at all. A time, its zone and a dash or colon after the date belong to the
    date line (`date: Feb 7th, 2017, 12:30 GMT — The minister`), except on the seed format's
    own line (`date 2024-02-03 ...`, `date unknown ...`, as `write()` writes it), whose rest is
    the lede as written: so a lede that opens with `12:30` or a dash reads back the same.
    """
    m = _DATE_LINE.match(line)
    if m is None:
        return None
    value = m.group("rest")
    date, rest, warning = parse_date(value, dayfirst)
    unreadable = bool(warning and warning.startswith("unreadable"))
    if unreadable and not m.group("colon"):
        return None
    own = not m.group("colon") and (
        _ISO_DATE.match(value) is not None or value.split(" ", 1)[0].lower() in UNDATED_WORDS
    )
    if rest and not own and not unreadable:
        after = _AFTER_DATE.match(rest)  # matches always, if only the empty string
        rest = rest[after.end():] if after else rest
    return date, rest, warning


# ---------------------------------------------------------------------------------------------
# Text -> Article


def is_heading_like(line: str) -> bool:
    """A short line with a letter in it and no final punctuation."""
    if not line or len(line) > HEADING_MAX_CHARS or "\n" in line:
        return False
    stripped = line.rstrip(CLOSING)
    if not stripped or stripped[-1] in FINAL_PUNCTUATION:
        return False
    return len(line.split()) <= HEADING_MAX_WORDS and any(c.isalpha() for c in line)


def is_heading_text(text: str) -> bool:
    """Could this line, by what it says, head a section? Not a link (`http://`, `www.`,
    `pic.twitter.com`), a handle or hashtag (`@nasa`, `#vote`), a list item or attribution
    (a line opening with a dash or bullet), a line wholly in brackets, a credit line
    (`Reporting by ...`, `Photo: AFP`, `mp/jh (dpa)`; see `credits.is_credit_line`), a piece
    of a sentence (opening with a lower-case word or a closing quote, ending with an opening
    one or a dash, or with final punctuation behind a space) or two sentences, a row of a table
    or list (three numbers or more: `-12 McIlroy (10) -5 Westwood (F)`), or mis-decoded text
    (`â€œ`, UTF-8 read as Windows-1252: no heading was written so)."""
    if not text or text[0] in _BULLETS:
        return False
    if _GARBLED.search(text) or len(_NUMBER.findall(text)) >= 3:
        return False
    if ("/" in text or "@" in text or "#" in text or "ww." in text.lower()) and (
        _NOT_HEADING.search(text)
    ):
        return False
    if text[0] in "([" and text[-1] in ")]" and _closes_at_end(text):
        return False
    # A sentence cut mid-way: `” but he`, `so I could be`, `the agency said —`,
    # `a better person. "` (final punctuation behind a space and closing quotes).
    if text[0] in _CLOSING_QUOTES or text[-1] in _OPENING or text.split(" ", 1)[0].islower():
        return False
    unquoted = text.rstrip(CLOSING + " ")
    if unquoted and unquoted[-1] in FINAL_PUNCTUATION and " " in text[len(unquoted):]:
        return False
    if any(mark in text for mark in ".!?") and (
        len(first_sentence(text)) < len(" ".join(text.split()))
    ):
        return False  # two sentences: `Bob's gone. I didn't make it up`
    return not is_credit_line(text)


def _closes_at_end(text: str) -> bool:
    """Is the bracket that opens `text` the one that closes it (`(a) or (b)` is not)?"""
    depth = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
    return False


def _heading_of(block: list[str]) -> str | None:
    """The heading a block would be if a paragraph follows it (rule 4), else None."""
    md = _MD_HEADING.match(block[0])
    if md:
        heading = md.group(2).strip()
    elif len(block) == 1 and is_heading_like(block[0]):
        heading = block[0]
    else:
        return None
    return heading if is_heading_text(heading) else None


def _reads_as_heading(paragraph: str) -> bool:
    """Would this paragraph, written as a block of its own, look like a heading: a Markdown
    heading line first, or one heading-like line? What follows a heading must not (rule 4)."""
    if _MD_HEADING.match(paragraph.split("\n", 1)[0]):
        return True
    return "\n" not in paragraph and is_heading_like(paragraph)


def _body(blocks: list[list[str]]) -> tuple[list[tuple[str, str]], bool]:
    """Body blocks as ("h", heading) | ("p", paragraph) items (rule 4), and whether the first
    item is a plain (not Markdown) heading."""
    # Does each block look like a heading (a Markdown heading line first, or one heading-like
    # line)? Computed once: each block is asked about itself and about the one after it.
    looks = [
        _MD_HEADING.match(block[0]) is not None
        or (len(block) == 1 and is_heading_like(block[0]))
        for block in blocks
    ]
    looks.append(True)  # after the last block: nothing, which is no paragraph
    items: list[tuple[str, str]] = []
    plain_first = False
    for index, block in enumerate(blocks):
        if looks[index]:
            md = _MD_HEADING.match(block[0])
            heading = md.group(2).strip() if md else block[0]
            if md and len(block) > 1:
                if is_heading_text(heading):  # "## Heading" with its first paragraph below
                    items.append(("h", heading))
                    items.append(("p", "\n".join(block[1:])))
                    continue
            elif not looks[index + 1] and is_heading_text(heading):
                plain_first = plain_first or (not items and not md)
                items.append(("h", heading))
                continue
        items.append(("p", "\n".join(block)))
    return items, plain_first


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


def parse(
    text: str, *, id: str, source: str | None = None, dayfirst: bool | None = None
) -> Parsed:
    """Parse text into an Article (rules in the module docstring). Never raises: it warns.
    `dayfirst` orders a numeric date's day and month (see `parse_date()`)."""
    warnings: list[str] = []
    return _parse_clean(clean(text, warnings), warnings, id, source, dayfirst)


def _parse_clean(
    text: str, warnings: list[str], id: str, source: str | None, dayfirst: bool | None = None
) -> Parsed:
    found = read_metadata(text)
    given = MetaFields()
    if found is not None:
        pairs, text = found
        given = meta_fields(pairs, warnings, dayfirst)
    blocks = _blocks(text)
    before = len(warnings)
    title, date, lede = _header(blocks, warnings, dayfirst)
    if given.title:
        title = given.title  # a real title replaces the one the text gives or suggests
    if given.date:
        date = given.date
        warnings[before:] = [w for w in warnings[before:] if not w.startswith("no date line")]

    items, plain_first = _body(blocks)
    if title is None and not lede and plain_first:
        title = items.pop(0)[1]

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
    derived: bool | None = None  # an explicit title may still equal the derived one
    if title is None:
        title, derived = derive_title(sections), True
    return Parsed(make_article(id, date, title, source, sections, derived, given.meta),
                  tuple(warnings))


def _header(
    blocks: list[list[str]], warnings: list[str], dayfirst: bool | None = None
) -> tuple[str | None, str | None, list[str]]:
    """Consume the title and date lines at the top of `blocks`; return (title, date, lede
    paragraphs begun on the date line)."""
    title: str | None = None
    while blocks:
        line = blocks[0][0]
        dated = _date_line(line, dayfirst)
        if dated is not None:
            date, rest, warning = dated
            if warning:
                warnings.append(warning)
            first = ([rest] if rest else []) + blocks.pop(0)[1:]
            return title, date, ["\n".join(first)] if first else []
        if title is not None:
            break
        md = _MD_HEADING.match(line)
        tl = _TITLE_LINE.match(line)
        if md and len(md.group(1)) == 1:
            title = md.group(2).strip()
        elif tl:
            title = tl.group(1).strip()
        elif _headline_above_date_line(blocks):
            title = line
        else:
            break
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)
    warnings.append("no date line; stored undated")
    return title, None, []


def _headline_above_date_line(blocks: list[list[str]]) -> bool:
    """Is the first block a headline directly above the date line: one line that looks like a
    heading, or one short sentence ending in `?`, `!` or `.` (`Is this the end of the euro?`)
    that could head a section by what it says?"""
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return False
    line = blocks[0][0]
    if not is_heading_like(line):
        stripped = line.rstrip(CLOSING)
        if not (
            stripped
            and stripped[-1] in ".!?"
            and len(line) <= HEADING_MAX_CHARS
            and len(line.split()) <= HEADING_MAX_WORDS
            and any(c.isalpha() for c in line)
            and is_heading_text(line)
        ):
            return False
    return _date_line(blocks[1][0]) is not None


def _close(sections: list[Section], heading: str | None, paragraphs: list[str]) -> None:
    if heading is None and not paragraphs:
        return  # no lede
    position = 0 if heading is None else (sections[-1].position + 1 if sections else 1)
    sections.append(Section(position, heading, "\n\n".join(paragraphs)))


def make_article(
    id: str,
    date: str | None,
    title: str,
    source: str | None,
    sections: Sequence[Section],
    derived_title: bool | None = None,
    meta: Meta = NO_META,
) -> Article:
    """Build an Article, hashing its canonical text so equal content always has one sha256.

    `derived_title` (the title is the one `derive_title()` gives) saves deriving it again.
    The metadata is part of the canonical text (front matter), so of the sha256.
    """
    draft = Article(id, date, title, source, "", tuple(sections), meta)
    digest = hashlib.sha256(_write(draft, derived_title).encode("utf-8")).hexdigest()
    return Article(id, date, title, source, digest, tuple(sections), meta)


def derive_title(sections: Sequence[Section]) -> str:
    """The first sentence of the first text, cut near 80 characters on a word boundary; in a
    lede, the sentence after its dateline (`MOSCOW, March 17. /TASS/. Russia's ...` gives
    `Russia's ...`) and after a credit line of its own (`By Jane Doe`). The text itself keeps
    its dateline."""
    for section in sections:
        if section.text:
            paragraph = _opening(section.text)
            heading, _, rest = paragraph.partition("\n")
            md = _MD_HEADING.match(heading)
            if md:  # a `## Heading` that heads nothing (rule 4): what it says, or what follows
                return shorten(first_sentence(rest) if rest else md.group(2))
            return shorten(first_sentence(after_dateline(paragraph) if section.heading is None
                                          else paragraph))
    for section in sections:
        if section.heading:
            return shorten(section.heading)
    return "(untitled)"


def opening_paragraph(sections: Sequence[Section]) -> str | None:
    """The paragraph the story opens with: the lede's first, after a byline paragraph
    (`By Jane Doe`) if one comes first. Its dateline, if any, is
    `newsarc.extract.credits.find_dateline(opening_paragraph(sections))`."""
    if sections and sections[0].heading is None and sections[0].text:
        return _opening(sections[0].text)
    return None


def lede_dateline(lede: str) -> tuple[Dateline | None, int]:
    """The dateline of a lede's text, and the offset in that text where the story proper
    starts (0 without a dateline): acronyms and titles begin there."""
    opening, at = lede_opening(lede)
    found = find_dateline(opening) if opening else None
    if found is None:
        return None, 0
    return found, at + found.end


def lede_opening(lede: str) -> tuple[str, int]:
    """The lede's first paragraph after any byline paragraphs (where a dateline is), and its
    offset in the lede."""
    opening = _opening(lede) if lede else ""
    return opening, lede.index(opening) if opening else 0


def _opening(text: str) -> str:
    paragraph, _, more = text.partition("\n\n")
    while more and _is_byline(paragraph):
        paragraph, _, more = more.partition("\n\n")
    return paragraph


def _is_byline(paragraph: str) -> bool:
    return len(paragraph) <= HEADING_MAX_CHARS and "\n" not in paragraph and is_credit_line(
        paragraph)


def after_dateline(paragraph: str) -> str:
    """The lede proper: `paragraph` after its dateline, if it has one and text follows it."""
    dateline = find_dateline(paragraph)
    if dateline is None:
        return paragraph
    return paragraph[dateline.end:].strip() or paragraph


def first_sentence(text: str) -> str:
    """Up to the first full stop, question or exclamation mark that ends a sentence.

    A mark followed by a lower-case word does not end one, nor a dot after an abbreviation
    (`Dr.`, `Gen.`, `Feb.`), after initials (`U.S.`, `J.`) or in `No. 10`; a run of marks and
    closing quotes (`?!"`) stays with the sentence.
    """
    text = " ".join(text.split())
    for m in _SENTENCE_END.finditer(text):
        if text[m.end() + 1: m.end() + 2].islower():
            continue  # '"Is it over?" she asked.', 'e.g. this'
        if m.group().startswith("."):
            before = text[: m.start()].rsplit(" ", 1)[-1]
            word = before.lstrip("\"'“‘(").lower()
            if word in _ABBREVIATIONS or _INITIALS.fullmatch(before.lstrip("\"'“‘(")):
                continue
            if word == "no" and text[m.end() + 1: m.end() + 2].isdigit():
                continue
        return text[: m.end()]
    return text


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """`text` on one line, cut on a word boundary at about `limit` characters with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


# ---------------------------------------------------------------------------------------------
# Article -> text


def write(article: Article) -> str:
    """The article in the seed format: ` date D lede`, then headings and paragraphs.

    Explicit markers appear only where plain text would be read back differently: `# Title`
    when the title is not the one the text gives anyway, `## Heading` for a heading that does
    not look like one (or that would be taken for a title), `## Heading` with its first
    paragraph on the next line when that paragraph alone would be read as a heading, and
    `date unknown` for an undated article.
    """
    return _write(article, None)


def section_offsets(article: Article) -> dict[int, int]:
    """Where each section's text starts in `write(article)` (what `show --format text`
    prints), by position: `write(article)[o : o + len(text)] == text`."""
    offsets: dict[int, int] = {}
    _write(article, None, offsets)
    return offsets


def _write(article: Article, derived_title: bool | None,
           offsets: dict[int, int] | None = None) -> str:
    parts: list[str] = [front_matter(article.meta)] if article.meta else []
    at: list[tuple[int, int, int]] = []  # (section position, part index, offset in the part)
    sections = list(article.sections)
    if derived_title is None:
        derived_title = article.title == derive_title(sections)
    if not derived_title:
        parts.append(f"# {article.title}")
    lede_position = sections[0].position if sections else 0
    lede = sections.pop(0).text if sections and sections[0].heading is None else ""
    first, _, rest = lede.partition("\n\n")
    if _MD_HEADING.match(first.split("\n", 1)[0]) and _stays_a_paragraph(first, rest):
        # A `## Heading` that heads nothing is a paragraph of the lede (rule 4); on a block of
        # its own, as the earlier rules wrote such a heading, it reads back the same.
        first, rest = "", lede
    parts.append(f" date {article.date or 'unknown'}" + (f" {first}" if first else ""))
    if first:
        at.append((lede_position, len(parts) - 1, len(parts[-1]) - len(first)))
    elif lede:
        at.append((lede_position, len(parts), 0))
    if rest:
        parts.append(rest)
    for index, section in enumerate(sections):
        heading = section.heading or ""
        paragraph, _, more = section.text.partition("\n\n")
        if paragraph and _reads_as_heading(paragraph):
            parts.append(f"## {heading}\n{paragraph}")  # rule 4 keeps it a paragraph
            at.append((section.position, len(parts) - 1, len(parts[-1]) - len(paragraph)))
            if more:
                parts.append(more)
            continue
        plain = (
            (index > 0 or bool(lede))  # else rule 5 would take it for the title
            and is_heading_like(heading)
            and not _MD_HEADING.match(heading)
            and not _TITLE_LINE.match(heading)
        )
        parts.append(heading if plain else f"## {heading}")
        if section.text:
            at.append((section.position, len(parts), 0))
            parts.append(section.text)
    if offsets is not None:
        starts = [0]
        for part in parts:
            starts.append(starts[-1] + len(part) + 2)
        offsets.update((position, starts[i] + within) for position, i, within in at)
    return "\n\n".join(parts)


def _stays_a_paragraph(paragraph: str, after: str) -> bool:
    """Is `paragraph`, written as a block of its own with `after` (the rest of its section)
    next, read back as a paragraph? Whatever follows a section is a heading or nothing."""
    lines = paragraph.split("\n")
    if _heading_of(lines) is None:
        return True
    return len(lines) == 1 and (not after or _reads_as_heading(after.split("\n\n", 1)[0]))


def reread(article: Article) -> Article:
    """The article read again, by today's rules, from its own canonical text: how a migration
    brings a stored article up to a newer parser without the file it came from.

    Whether its title was derived is known from its sha256 (the canonical text of a derived
    title has no `# Title` line): a derived title is derived again, a given one kept.
    """
    derived = make_article(article.id, article.date, article.title, article.source,
                           article.sections, True, article.meta).sha256 == article.sha256
    text = _write(article, derived)
    return parse(text, id=article.id, source=article.source).article


# ---------------------------------------------------------------------------------------------
# Metadata: front matter and header blocks (what a `--meta` CSV row gives, too)
#
# Front matter: a first line `---`, then `key: value` lines (blank lines allowed), then `---` or
# `...`; any other line inside means it is not front matter, and the text is read as before.
# A header block: a first block of two or more `Key: value` lines whose keys are all header
# keys (title, date, source/outlet, url, author, language), one of them more than title and
# date, with text after it. Keys are matched in any case; `source` is the outlet. The writer
# writes metadata (but the title and date, which have their own lines) as front matter.

META_KEYS = {
    "title": "title", "headline": "title", "date": "date",
    "source": "outlet", "outlet": "outlet", "publication": "outlet",
    "url": "url", "link": "url", "author": "author", "byline": "author",
    "language": "language", "lang": "language",
}
_HEADER_ONLY = {"outlet", "url", "author", "language"}  # what makes a block a header block
_META_LINE = re.compile(r"^([^\s:#-][^:]{0,59}?)[ ]*:(?:[ ]+(.*))?$")
_KEY_JUNK = re.compile(r"[^\w.-]+")
_FRONT_MAX_LINES = 200


@dataclass(frozen=True)
class MetaFields:
    """Metadata read from a file or a CSV row: the title and date, which replace what the
    text gives, and the rest."""

    title: str | None = None
    date: str | None = None
    meta: Meta = NO_META
    id: str | None = None  # a CSV's `id` column beside its file column


def meta_key(name: str) -> str:
    """A metadata key as stored: lower case, `[\\w.-]` only, aliases resolved (`Source` is
    `outlet`, `Headline` is `title`); '' when nothing is left."""
    key = _KEY_JUNK.sub("_", name.strip().lower()).strip("_.-")[:60].rstrip("_.-")
    return META_KEYS.get(key, key)


def meta_value(value: str) -> str:
    """A metadata value as stored: one line, control characters removed, surrounding quotes
    (`"A: B"`) dropped."""
    value = " ".join(_CONTROL.sub("", value.replace("\ufeff", "")).split())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = " ".join(value[1:-1].split())
    return value


def read_metadata(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """(key/value pairs, the text after them) when cleaned `text` opens with front matter or a
    header block; None otherwise."""
    body = text.lstrip("\n")
    if body.startswith("---\n"):
        lines = body.split("\n", _FRONT_MAX_LINES + 2)[1:]
        end = next((i for i, line in enumerate(lines[:_FRONT_MAX_LINES + 1])
                    if line in ("---", "...")), None)
        if end is None:
            return None
        pairs = _pairs(lines[:end])
        if not pairs:
            return None
        return pairs, "\n".join(lines[end + 1:])
    first, blank, rest = body.partition("\n\n")
    if not blank or "\n" not in first or first.count("\n") > 20:
        return None
    pairs = _pairs(first.split("\n"))
    keys = [meta_key(k) for k, _ in pairs or []]
    if not pairs or any(k not in META_KEYS.values() for k in keys) or not (
        _HEADER_ONLY & set(keys)
    ):
        return None
    return pairs, rest


def _pairs(lines: list[str]) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    for line in lines:
        if not line:
            continue
        m = _META_LINE.match(line)
        if m is None:
            return None
        pairs.append((m.group(1), m.group(2) or ""))
    return pairs


def meta_fields(
    pairs: Sequence[tuple[str, str]], warnings: list[str], dayfirst: bool | None = None
) -> MetaFields:
    """Key/value pairs (front matter, a header block, a CSV row) as fields: the last value of
    a key wins; empty values and keys are ignored; the date is read as a date line's is."""
    values: dict[str, str] = {}
    for name, raw in pairs:
        key, value = meta_key(name), meta_value(raw)
        if key and value:
            values.pop(key, None)
            values[key] = value
    date: str | None = None
    if "date" in values:
        date, _, warning = parse_date(values["date"], dayfirst)
        if warning:
            warnings.append(f"metadata date: {warning}")
    named = ("title", "date", "outlet", "url", "author", "language")
    meta = Meta(values.get("outlet"), values.get("url"), values.get("author"),
                values.get("language"), tuple((k, v) for k, v in values.items() if k not in named))
    return MetaFields(values.get("title"), date, meta)


def front_matter(meta: Meta) -> str:
    """The metadata as front matter, read back exactly by `read_metadata()`."""
    lines = ["---"]
    for key, value in meta.items():
        quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
        lines.append(f"{key}: " + (f'"{value}"' if quoted else value))
    lines.append("---")
    return "\n".join(lines)


def with_metadata(parsed: Parsed, fields: MetaFields) -> Parsed:
    """The article with metadata given beside it (a `--meta` CSV row) laid over what the file
    says: each field given replaces the file's, extra keys are added."""
    a = parsed.article
    meta = a.meta
    given = fields.meta
    extra = dict(meta.extra)
    extra.update(given.extra)
    meta = Meta(given.outlet or meta.outlet, given.url or meta.url, given.author or meta.author,
                given.language or meta.language, tuple(extra.items()))
    article = make_article(fields.id or a.id, fields.date or a.date, fields.title or a.title,
                           a.source, a.sections, None, meta)
    warnings = parsed.warnings
    if fields.date:
        warnings = tuple(w for w in warnings if not w.startswith(("no date", "metadata date")))
    return Parsed(article, warnings)
