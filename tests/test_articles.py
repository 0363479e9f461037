"""The parser and writer: the seed, every odd input the issue lists, and property tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from newsarc import articles
from newsarc.articles import (
    _MD_HEADING,
    MAX_BYTES,
    derive_title,
    is_heading_like,
    make_article,
    meta_fields,
    parse,
    parse_bytes,
    read_file,
    with_metadata,
    write,
)
from newsarc.errors import InputError
from newsarc.models import Article, Meta, Parsed, Section
from tests.conftest import SEED
from tests.news_parse_cases import CASES, Case


def parsed(data: bytes | str) -> Parsed:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_bytes(raw, id="t", source="t.txt")


def article(data: bytes | str) -> Article:
    return parsed(data).article


def texts(a: Article) -> list[tuple[str | None, str]]:
    return [(s.heading, s.text) for s in a.sections]


# ---------------------------------------------------------------------------------------------
# The seed


def test_seed_parses_into_date_title_and_sections() -> None:
    result = read_file(SEED, id="000_f055cd5f58f7f2b2")
    a = result.article
    assert result.warnings == ()
    assert a.id == "000_f055cd5f58f7f2b2"
    assert a.date == "2024-02-03"
    assert [s.heading for s in a.sections] == [
        None, "A Deliberate Strike", "Impact and Implications", "Broader Context"
    ]
    assert [s.position for s in a.sections] == [0, 1, 2, 3]
    assert a.sections[0].text.startswith("In the early hours of the morning, a U.S. airstrike")
    assert a.sections[3].text.endswith("maintaining peace and stability in the region.")
    # The first sentence is longer than 80 characters: cut on a word boundary with "…".
    assert a.title == (
        "In the early hours of the morning, a U.S. airstrike triggered a series of…"
    )
    assert len(a.title) <= 81


def test_seed_writes_back_byte_for_byte() -> None:
    raw = SEED.read_bytes()
    a = read_file(SEED, id="x").article
    assert write(a).encode("utf-8") == raw.rstrip(b"\n")
    # ... and with a final newline added, the article is the same.
    assert article(raw + b"\n") == article(raw)


def test_sha256_ignores_how_the_file_was_spelled() -> None:
    """Same content, different line endings, BOM, trailing blanks: one hash (duplicates)."""
    raw = SEED.read_bytes()
    messy = b"\xef\xbb\xbf" + raw.replace(b"\n", b"  \r\n") + b"\r\n\r\n"
    assert article(messy).sha256 == article(raw).sha256
    assert article(raw.replace(b"Iraq", b"Iran")).sha256 != article(raw).sha256


# ---------------------------------------------------------------------------------------------
# Odd input: read generously, say what was odd


SEEDISH = "date 2024-02-03 The lede sentence.\n\nA Heading\n\nThe body."


@pytest.mark.parametrize(
    ("raw", "warning"),
    [
        (b"\xef\xbb\xbf" + SEEDISH.encode(), "removed a byte-order mark"),
        (SEEDISH.replace("\n", "\r\n").encode(), "converted CRLF line endings"),
        (SEEDISH.replace("\n", "\r").encode(), "converted CR line endings"),
        (SEEDISH.replace("\n", "  \n").encode(), "removed trailing whitespace on 4 lines"),
        (SEEDISH.replace(" ", "\t", 2).encode(), "replaced tabs with spaces"),
        (SEEDISH.replace("lede", "le\x07de\x1b").encode(), "removed 2 control characters"),
        (SEEDISH.replace("lede", "le\x7fde").encode(), "removed 1 control character"),
    ],
)
def test_odd_whitespace_and_controls_are_fixed_with_a_warning(raw: bytes, warning: str) -> None:
    result = parsed(raw)
    assert result.warnings == (warning,)
    assert result.article == article(SEEDISH)


def test_utf16_with_byte_order_mark() -> None:
    result = parsed(SEEDISH.encode("utf-16"))
    assert result.warnings == ("decoded as UTF-16",)
    assert result.article == article(SEEDISH)


def test_invalid_utf8_is_read_as_windows_1252() -> None:
    raw = "date 2024-02-03 The café said “no”.".encode("cp1252")
    result = parsed(raw)
    assert result.warnings == ("not valid UTF-8; decoded 3 bytes as Windows-1252",)
    assert result.article.sections[0].text == "The café said “no”."


def test_mostly_utf8_file_keeps_its_accents() -> None:
    """One stray Windows-1252 byte must not turn every other accent into mojibake."""
    raw = "date 2024 Zürich and São Paulo".encode() + b" \x96 the end."
    result = parsed(raw)
    assert result.warnings == ("not valid UTF-8; decoded 1 byte as Windows-1252",)
    assert result.article.sections[0].text == "Zürich and São Paulo – the end."


def test_markdown_title_and_headings() -> None:
    a = article("# The Real Title\n\ndate 2024-02-03\n\nLede here.\n\n## Second part.\n\nText.")
    assert a.title == "The Real Title"
    assert a.date == "2024-02-03"
    assert texts(a) == [(None, "Lede here."), ("Second part.", "Text.")]


def test_title_line_and_headline_above_the_date() -> None:
    assert article("title: From a Title Line\ndate 2024-02-03 Lede.").title == (
        "From a Title Line"
    )
    a = article("A Plain Headline\n\ndate 2024-02-03 Lede.\n\nMore.")
    assert a.title == "A Plain Headline"
    assert texts(a) == [(None, "Lede.\n\nMore.")]


def test_headline_then_text_without_a_date() -> None:
    result = parsed("A Plain Headline\n\nThe first paragraph.\n\nSub Head\n\nMore.")
    assert result.article.title == "A Plain Headline"
    assert texts(result.article) == [(None, "The first paragraph."), ("Sub Head", "More.")]
    assert result.warnings == ("no date line; stored undated",)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("date 2024-02-03 Lede.", "2024-02-03"),
        ("date: Feb 3, 2024\nLede.", "2024-02-03"),
        ("Date: 3 February 2024\nLede.", "2024-02-03"),
        ("DATE = 2024-2-3 Lede.", "2024-02-03"),
        ("date 2024-02 Lede.", "2024-02"),
        ("date: February 2024\nLede.", "2024-02"),
        ("date 2024 Lede.", "2024"),
        ("date 2024-02-03T10:30:00Z\nLede.", "2024-02-03"),
    ],
)
def test_date_lines_keep_their_precision(line: str, date: str) -> None:
    result = parsed(line)
    assert result.article.date == date
    assert result.article.sections[0].text == "Lede."
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("date 2024-02-30 Lede.", "impossible date '2024-02-30'; stored undated"),
        ("date 2023-13 Lede.", "impossible date '2023-13'; stored undated"),
        ("Date: sometime last week\nLede.", "unreadable date 'sometime last week'; stored undated"),
        ("date:\nLede.", "no date on the date line; stored undated"),
        ("Lede without any date line.", "no date line; stored undated"),
    ],
)
def test_impossible_or_missing_date_is_stored_undated_with_a_warning(
    text: str, warning: str
) -> None:
    result = parsed(text)
    assert result.article.date is None
    assert result.warnings == (warning,)
    assert result.article.sections[0].text.startswith("Lede")


# --- date lines issue 13 found missing: headlines with final punctuation, times, dashes -------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Is this the end of the euro?\n\n date 2017-02-07 The minister spoke.",
         "Is this the end of the euro?"),
        ("Markets rally!\n\ndate: 7 Feb 2017\nThe minister spoke.", "Markets rally!"),
        ("U.S. stocks fall.\n\ndate 2017-02-07\nThe minister spoke.", "U.S. stocks fall."),
        ("\u201cWe will win.\u201d\n\ndate 2017-02-07 The minister spoke.",
         "\u201cWe will win.\u201d"),
    ],
)
def test_a_headline_ending_in_punctuation_above_the_date_line(text: str, title: str) -> None:
    result = parsed(text)
    assert (result.article.title, result.article.date) == (title, "2017-02-07")
    assert texts(result.article) == [(None, "The minister spoke.")]
    assert result.warnings == ()
    assert parse(write(result.article), id="t", source="t.txt").article == result.article


@pytest.mark.parametrize(
    "text",
    [
        "He left. Nobody knew why.\n\ndate 2017-02-07 The minister spoke.",  # two sentences
        "and then it ended.\n\ndate 2017-02-07 The minister spoke.",  # a piece of one
        "By Jane Doe.\n\ndate 2017-02-07 The minister spoke.",  # a credit line
        "Is this the end?\nSurely not.\n\ndate 2017-02-07 The minister spoke.",  # two lines
    ],
)
def test_what_is_no_headline_above_a_date_line_stays_text(text: str) -> None:
    result = parsed(text)
    assert result.article.date is None
    assert result.warnings == ("no date line; stored undated",)


@pytest.mark.parametrize(
    "line",
    [
        "date 7 Feb 2017 12:30 GMT The minister spoke.",
        "date: Feb 7th, 2017 \u2014 The minister spoke.",
        "date: Feb 7th, 2017, 12:30 p.m. ET \u2014 The minister spoke.",
        "Date: 7 February 2017 at 9 a.m. The minister spoke.",
        "date 7 Feb 2017 12:30 UTC: The minister spoke.",
        "date 7 Feb 2017 12.30 CET - The minister spoke.",
        "date 7 Feb 2017 12:30 +0100 | The minister spoke.",
        "date 7 Feb 2017 12:30:05 (BST) The minister spoke.",
        "date 07.02.2017 12:30 EST -- The minister spoke.",
        "date: 2017-02-07 12:30 GMT \u2013 The minister spoke.",
        "date 2017-02-07T12:30:00+01:00 The minister spoke.",
        "date Feb 7, 2017, The minister spoke.",
    ],
)
def test_a_time_its_zone_and_a_dash_belong_to_the_date_line(line: str) -> None:
    a = parsed(line).article
    assert (a.date, texts(a)) == ("2017-02-07", [(None, "The minister spoke.")])


@pytest.mark.parametrize(
    ("line", "lede"),
    [
        # the seed format's own line (what write() writes) keeps its lede as written
        ("date 2017-02-07 12:30 GMT The minister spoke.", "12:30 GMT The minister spoke."),
        ("date 2017-02-07 \u2014 The minister spoke.", "\u2014 The minister spoke."),
        ("date unknown \u2014 The minister spoke.", "\u2014 The minister spoke."),
        # what only looks like a time
        ("date 7 Feb 2017 5 Americans died.", "5 Americans died."),
        ("date 7 Feb 2017 12.50 euros a barrel.", "12.50 euros a barrel."),
        ("date 7 Feb 2017 -5 degrees in Oslo.", "-5 degrees in Oslo."),
    ],
)
def test_what_is_not_a_time_after_the_date_stays_in_the_lede(line: str, lede: str) -> None:
    a = parsed(line).article
    assert texts(a) == [(None, lede)]
    assert parse(write(a), id="t", source="t.txt").article == a


# --- numeric dates: day and month in the order chosen, a warning when it was a guess ----------

AMBIGUOUS = "use --dayfirst/--monthfirst to choose"


@pytest.mark.parametrize(
    ("line", "dayfirst", "date", "warnings"),
    [
        ("date 05.03.2017 Lede.", None, "2017-03-05",
         (f"ambiguous date '05.03.2017' read as 2017-03-05 (day first); {AMBIGUOUS}",)),
        ("date 05.03.2017 Lede.", True, "2017-03-05", ()),
        ("date 05.03.2017 Lede.", False, "2017-05-03", ()),
        ("date 13.03.2017 Lede.", None, "2017-03-13", ()),  # one reading only
        ("date 13.03.2017 Lede.", False, "2017-03-13", ()),
        ("date 03.13.2017 Lede.", True, "2017-03-13", ()),
        ("date 05.05.2017 Lede.", None, "2017-05-05", ()),  # day and month agree
        ("date 07/02/2017 Lede.", None, "2017-02-07",
         (f"ambiguous date '07/02/2017' read as 2017-02-07 (day first); {AMBIGUOUS}",)),
        ("date 07/02/2017 Lede.", False, "2017-07-02", ()),
        ("date: 7/2/17, Lede.", None, "2017-02-07",
         (f"ambiguous date '7/2/17' read as 2017-02-07 (day first); {AMBIGUOUS}",)),
        ("date 25-12-2016 Lede.", None, "2016-12-25", ()),
        ("date 2017/02/07 Lede.", None, "2017-02-07", ()),  # year first: one reading
        ("date 2017.02.07 Lede.", False, "2017-02-07", ()),
        ("date 2017-02-07 Lede.", None, "2017-02-07", ()),  # ISO: never ambiguous
        ("date 17-02-07 Lede.", None, None,
         ("ambiguous date '17-02-07' (2007-02-17 or 2017-02-07); stored undated",)),
        ("date 17-02-07 Lede.", True, None,
         ("ambiguous date '17-02-07' (2007-02-17 or 2017-02-07); stored undated",)),
        ("date 99-12-31 Lede.", None, "1999-12-31", ()),  # only year first reads it
        ("date 31.02.2017 Lede.", None, None, ("impossible date '31.02.2017'; stored undated",)),
    ],
)
def test_numeric_dates(
    line: str, dayfirst: bool | None, date: str | None, warnings: tuple[str, ...]
) -> None:
    result = parse_bytes(line.encode(), id="t", source="t.txt", dayfirst=dayfirst)
    assert (result.article.date, result.warnings) == (date, warnings)
    assert texts(result.article) == [(None, "Lede.")]
    again = parse(write(result.article), id="t", source="t.txt")  # stored dates are ISO
    assert (again.article, again.warnings) == (result.article, ())


def test_read_file_passes_the_order_on(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 07/02/2017 Lede.")
    assert read_file(path, id="a", dayfirst=False).article.date == "2017-07-02"
    assert read_file(path, id="a", dayfirst=True).warnings == ()


def test_date_unknown_is_undated_on_purpose() -> None:
    result = parsed("date unknown Lede.")
    assert (result.article.date, result.warnings) == (None, ())


def test_a_sentence_starting_with_date_is_not_a_date_line() -> None:
    result = parsed("Date palms grow along the Euphrates. They are old.")
    assert result.article.sections[0].text.startswith("Date palms grow")
    assert result.warnings == ("no date line; stored undated",)


@pytest.mark.parametrize(
    ("lede", "title"),
    [
        ("The U.S. Army said so. Then it left.", "The U.S. Army said so."),
        ("Dr. Smith met Gen. Jones in the U.K. today! Later more.",
         "Dr. Smith met Gen. Jones in the U.K. today!"),
        ("He lives at No. 10 now. He moved.", "He lives at No. 10 now."),
        ('"Is it over?" she asked. Nobody knew.', '"Is it over?" she asked.'),
        ("Short lede without a full stop", "Short lede without a full stop"),
    ],
)
def test_title_is_the_first_sentence(lede: str, title: str) -> None:
    assert article(f"date 2024 {lede}").title == title


def test_long_title_is_cut_on_a_word_boundary() -> None:
    words = "word " * 40
    title = article(f"date 2024 {words.strip()}.").title
    assert title.endswith("…")
    assert title[:-1] == ("word " * 16).strip()  # 79 characters, then the ellipsis


def test_no_final_newline_is_the_same_article() -> None:
    assert article(SEEDISH) == article(SEEDISH + "\n")


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", "empty file; skipped"),
        (b" \n\t\r\n", "empty file; skipped"),
        (b"\xef\xbb\xbf\n", "empty file; skipped"),
        (b"# Only a Title\n\ndate 2024-02-03\n", "no article text; skipped"),
        (b"text\x00with a NUL", "binary file (contains NUL bytes); skipped"),
        (b"\x01\x02\x03\x04" * 5 + b"text" * 5,
         "binary file (50% undecodable or control characters); skipped"),
    ],
)
def test_what_cannot_be_an_article_is_an_input_error(raw: bytes, error: str) -> None:
    with pytest.raises(InputError) as info:
        parsed(raw)
    assert info.value.message == error


def test_a_file_over_20_mb_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: costs no disk and no time
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="^file is over 20 MB; skipped$"):
        read_file(big, id="big")
    with pytest.raises(InputError, match="^file is over 20 MB; skipped$"):
        parse_bytes(b"x" * (MAX_BYTES + 1), id="big", source=None)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="^cannot read: No such file or directory$"):
        read_file(tmp_path / "gone.txt", id="gone")
    with pytest.raises(InputError, match="^cannot read: Is a directory$"):
        read_file(tmp_path, id="dir")


# ---------------------------------------------------------------------------------------------
# The writer: plain seed format, markers only where needed


def test_writer_marks_only_what_plain_text_would_lose() -> None:
    a = article(
        "# Chosen Title\n\ndate 2024-02-03 Lede.\n\n## Heading that ends in a stop.\n\n"
        "Text.\n\n## Sub\nLooks Like A Heading"
    )
    assert write(a) == (
        "# Chosen Title\n\n date 2024-02-03 Lede.\n\n## Heading that ends in a stop.\n\n"
        "Text.\n\n## Sub\nLooks Like A Heading"
    )
    undated = article("Just a lede.")
    assert write(undated) == " date unknown Just a lede."


def test_writer_marks_a_first_heading_that_would_become_the_title() -> None:
    a = article("date 2024\n\n## Only Heading\n\nText under it.")
    assert texts(a) == [("Only Heading", "Text under it.")]
    assert write(a) == " date 2024\n\n## Only Heading\n\nText under it."
    assert parse(write(a), id="t", source="t.txt").article == a


# ---------------------------------------------------------------------------------------------
# Properties

# Text built from the pieces that matter to the parser finds counter-examples far sooner than
# uniformly random text; both are drawn.
PIECES = st.sampled_from([
    "date", "Date:", "date=", " 2024", "-02", "-30", "Feb", " 3,", "#", "## ", "# ", "title:",
    "U.S.", "Dr.", "No.", " 5", ".", "!", "?", '"', "”", "…", ":", " ", "\t", "\r", "\r\n", "\n",
    "\n\n", "\u2028", "\x85", "\ufeff", "\x1b", "unknown", "-", "Heading", "Lede text", "x" * 90,
    "é", "\xa0",
    # rule 4's lines that are not headings, and datelines (rule 6)
    "\n\nShort Last Line", "https://example.org/a", "www.example.com", "pic.twitter.com/x1",
    "@handle", "#tag", "(", ")", "(Reporting by Jo Park)", "Reporting by Jo Park", "-- Reuters",
    "— ", "By Jane Doe", "Photo: AFP", "mp/jh (dpa)", "MOSCOW, March 17. /TASS/. ",
    "GENEVA (Reuters) - ", "(CNN)", "NEW YORK, March 2 - ",
    # times and dashes after a date, numeric dates, headlines ending in punctuation
    " 12:30", " GMT", " a.m.", " +0100", " — ", " 05.03.2017", " 07/02/17", " 17-02-07",
    "Is it over?\n\n",
])
# Metadata: front matter and header blocks, well formed or nearly (issue 13).
META_PIECES = st.sampled_from([
    "---\n", "\n---\n", "...\n", "title: ", "Title: ", "date: ", "Date: ", "source: ",
    "Source: ", "outlet: ", "URL: ", "url: ", "author: ", "language: ", "Section Name: ",
    "x-key: ", "id: ", "Reuters", "https://example.org/a?b=c", "\"A: B\"", "'q'", "2024-02-03",
    "Feb 3, 2024", "en", "\n", "\n\n", " ", ":", "#", "-", "é", "\t",
])
FRONT = st.builds(
    lambda pairs, body: "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\n" + body,
    st.lists(st.tuples(st.sampled_from(["title", "date", "source", "url", "Author", "lang",
                                        "Section Name", "id", "x.y", "Title"]),
                       st.one_of(st.text(max_size=20), st.sampled_from(
                           ["Reuters", "2024-02", "\"quoted\"", "'x'", " a  b ", "x: y"]))),
             max_size=6),
    st.lists(PIECES, max_size=20).map("".join),
)
TEXT = st.one_of(st.text(), st.lists(PIECES, max_size=30).map("".join),
                 st.lists(st.one_of(META_PIECES, PIECES), max_size=40).map("".join), FRONT)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(TEXT)
@example("## Heading\ndate: Feb 3, 2024")  # a paragraph that alone would read as a heading
@example("date 2024\n\nHeadline\n\nText.")
def test_any_text_parses_and_round_trips(text: str) -> None:
    a = parse(text, id="t", source="t.txt").article
    written = write(a)
    again = parse(written, id="t", source="t.txt")
    assert again.article == a
    assert write(again.article) == written
    assert again.warnings == ()  # the writer's output is clean seed format


@PROPERTY
@given(st.one_of(st.binary(), TEXT.map(lambda t: t.encode("utf-8")),
                 st.lists(st.sampled_from([b"\xe9", b"\x93", b"\x81", b"\xff\xfe", b"\xc3\xa9",
                                           b"\xe2\x80", b"date 2024 ", b"Text. ", b"\n\n"]),
                          max_size=20).map(b"".join)))
def test_any_bytes_parse_or_raise_input_error(data: bytes) -> None:
    try:
        result = parse_bytes(data, id="t", source="t.txt")
    except InputError as exc:
        assert exc.message.endswith("; skipped")
        return
    assert parse(write(result.article), id="t", source="t.txt").article == result.article


@PROPERTY
@given(TEXT)
def test_the_byte_fast_path_agrees_with_parsing_text(text: str) -> None:
    """parse_bytes skips the character scans for plain UTF-8: it must see what parse sees."""
    if "\x00" in text or not text.strip():
        return
    try:
        from_bytes = parse_bytes(text.encode("utf-8"), id="t", source="s")
    except InputError:
        return
    assert from_bytes == parse(text, id="t", source="s")


def test_written_undated_article_reads_back_without_warnings() -> None:
    """`show --format text` output fed back to ingest must not complain about its own marker."""
    a = article("No date at all.")
    assert parse(write(a), id="t").warnings == ()



@PROPERTY
@given(TEXT)
def test_no_section_but_the_lede_is_ever_empty(text: str) -> None:
    a = parse(text, id="t").article
    assert all(s.text for s in a.sections if s.heading is not None)


# ---------------------------------------------------------------------------------------------
# Headings that are headings (rule 4) and titles after the dateline (rule 6)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_annotated_titles_and_headings(case: Case) -> None:
    a = parse(case.text, id=case.name).article
    if "heading" in case.known_miss:
        pytest.xfail(case.known_miss)
    if "place" not in case.known_miss:
        assert a.title == case.title
    assert tuple(s.heading for s in a.sections if s.heading) == case.headings
    assert parse(write(a), id=case.name).article == a
    if "## " not in case.text:
        assert write(a) == case.text  # the seed format, written back exactly


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        # A short last line is a paragraph, not a heading over nothing.
        ("date 2024 Lede.\n\nHead\n\nText.\n\nMore to follow",
         [(None, "Lede."), ("Head", "Text.\n\nMore to follow")]),
        # A heading-like line followed by another: the first is a paragraph.
        ("date 2024 Lede.\n\nCaption Line\n\nNext Section\n\nText.",
         [(None, "Lede.\n\nCaption Line"), ("Next Section", "Text.")]),
        # Links, handles, hashtags, brackets, credits, list items: paragraphs.
        ("date 2024 Lede.\n\nSee https://example.org/x\n\nText.",
         [(None, "Lede.\n\nSee https://example.org/x\n\nText.")]),
        ("date 2024 Lede.\n\nFollow @newsdesk\n\nText.",
         [(None, "Lede.\n\nFollow @newsdesk\n\nText.")]),
        ("date 2024 Lede.\n\n#Budget2024\n\nText.", [(None, "Lede.\n\n#Budget2024\n\nText.")]),
        ("date 2024 Lede.\n\n(China Weekly 01/27/2017 page25)\n\nText.",
         [(None, "Lede.\n\n(China Weekly 01/27/2017 page25)\n\nText.")]),
        ("date 2024 Lede.\n\nBy Jane Doe\n\nText.", [(None, "Lede.\n\nBy Jane Doe\n\nText.")]),
        ("date 2024 Lede.\n\n- first item\n\nText.", [(None, "Lede.\n\n- first item\n\nText.")]),
        # Markdown headings too need a paragraph; one heading nothing stays as written.
        ("date 2024 Lede.\n\n## Part One\n\n### Chapter\n\nText.\n\n## The End",
         [(None, "Lede.\n\n## Part One"), ("Chapter", "Text.\n\n## The End")]),
        ("date 2024 Lede.\n\n## Sub\nLooks Like A Heading", [(None, "Lede."),
                                                            ("Sub", "Looks Like A Heading")]),
        ("date 2024 Lede.\n\n## Www.example.com\n\nText.",
         [(None, "Lede.\n\n## Www.example.com\n\nText.")]),
    ],
)
def test_headings_need_a_paragraph_and_words_that_can_head_one(
    text: str, sections: list[tuple[str | None, str]]
) -> None:
    a = article(text)
    assert texts(a) == sections
    assert parse(write(a), id="t", source="t.txt").article == a


def test_title_starts_after_the_dateline_and_the_text_keeps_it() -> None:
    a = article("date 2023-03-17 MOSCOW, March 17. /TASS/. Russia's foreign minister said so. "
                "Then more.")
    assert a.title == "Russia's foreign minister said so."
    assert a.sections[0].text.startswith("MOSCOW, March 17. /TASS/. Russia's")
    assert write(a) == " date 2023-03-17 " + a.sections[0].text  # no `# Title` needed


def test_a_file_with_only_a_headline_keeps_its_title() -> None:
    a = article("date 2024\n\n## Only A Heading")
    assert texts(a) == [(None, "## Only A Heading")]
    assert a.title == "Only A Heading"
    assert write(a) == " date 2024\n\n## Only A Heading"


# ---------------------------------------------------------------------------------------------
# Migration: articles stored under the earlier rule 4 keep their canonical text and sha256


def _earlier_body(blocks: list[list[str]]) -> tuple[list[tuple[str, str]], bool]:
    """Rule 4 before headings needed a paragraph: every heading-like line alone was one."""
    items: list[tuple[str, str]] = []
    plain_first = False
    for block in blocks:
        md = _MD_HEADING.match(block[0])
        if md:
            items.append(("h", md.group(2).strip()))
            if len(block) > 1:
                items.append(("p", "\n".join(block[1:])))
        elif len(block) == 1 and is_heading_like(block[0]):
            plain_first = plain_first or not items
            items.append(("h", block[0]))
        else:
            items.append(("p", "\n".join(block)))
    return items, plain_first and len(items) > 1 and items[1][0] == "p"


def parse_earlier(text: str) -> Article:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(articles, "_body", _earlier_body)
        return parse(text, id="t", source="t.txt").article


def test_a_trailing_heading_over_nothing_becomes_a_paragraph_with_the_same_sha256() -> None:
    lede = "GENEVA (Reuters) - Talks resumed."
    sections = [Section(0, None, lede), Section(1, "Outlook", "More talks are planned."),
                Section(2, "Reporting by Jo Park", "")]
    old = make_article("t", "2024-02-03", derive_title(sections[:1]), "t.txt", sections)
    assert parse_earlier(write(old)) == old  # what the earlier rules stored
    new = parse(write(old), id="t", source="t.txt").article
    assert new.sha256 == old.sha256
    assert texts(new) == [(None, lede),
                          ("Outlook", "More talks are planned.\n\nReporting by Jo Park")]


@PROPERTY
@given(TEXT)
@example("A")
@example("## -\rA")
@example("# 0\n0")
def test_earlier_articles_keep_their_sha256(text: str) -> None:
    old = parse_earlier(text)
    assume(old.title == derive_title(old.sections))  # titles after datelines do change
    assert parse(write(old), id="t", source="t.txt").article.sha256 == old.sha256


@pytest.mark.parametrize(
    "line",
    [
        'so I could be a better person. "',  # a sentence cut mid-way
        "” but that he believed “",
        "Bob's gone to Cuba. I didn't make it up",  # two sentences
        "FACTIONS ----------- 4. (C)",
        "The agency said —",
    ],
)
def test_pieces_of_sentences_are_not_headings(line: str) -> None:
    a = article(f"date 2024 Lede.\n\n{line}\n\nText that follows.")
    assert texts(a) == [(None, f"Lede.\n\n{line}\n\nText that follows.")]


@pytest.mark.parametrize("line", ["U.S. Policy in Asia", "No. 10 Downing Street", "iPhone Sales",
                                  "Mr. Smith Goes to Washington", "“The Quiet Man”"])
def test_headings_with_dots_and_quotes_stay_headings(line: str) -> None:
    assert texts(article(f"date 2024 Lede.\n\n{line}\n\nText.")) == [(None, "Lede."),
                                                                     (line, "Text.")]


@pytest.mark.parametrize(
    "line",
    [
        "11 pm leaderboard: -12 McIlroy (10) -5 Westwood (F) Day (F) -4",  # a table row
        "Shirin Ebadi 11 Noam Chomsky 12 Al Gore 13",  # a ranked list
        "Ayatollah Khomeiniâ€™s grandson",  # UTF-8 read as Windows-1252
        "JosÃ© Agripino (Democrats)",
    ],
)
def test_table_rows_and_garbled_lines_are_not_headings(line: str) -> None:
    a = article(f"date 2024 Lede.\n\n{line}\n\nText that follows.")
    assert texts(a) == [(None, f"Lede.\n\n{line}\n\nText that follows.")]


@pytest.mark.parametrize("line", ["Top 10 Moments of 2016", "The G20 Summit in 2017"])
def test_headings_with_a_number_or_two_stay_headings(line: str) -> None:
    assert texts(article(f"date 2024 Lede.\n\n{line}\n\nText.")) == [(None, "Lede."),
                                                                     (line, "Text.")]


# ---------------------------------------------------------------------------------------------
# Metadata: front matter and header blocks (issue 13)


def test_front_matter_is_metadata_and_its_title_and_date_replace_the_texts() -> None:
    text = ("---\ntitle: Floods close the port\ndate: 7 Feb 2017\nsource: Reuters\n"
            "url: https://example.org/floods\nauthor: Jo Park\nlanguage: en\n"
            "Section Name: World\n---\n\nWater rose overnight. Ships waited.\n\nDamage\n\nBad.")
    parsed = parse(text, id="t", source="t.md")
    a = parsed.article
    assert parsed.warnings == ()
    assert (a.title, a.date) == ("Floods close the port", "2017-02-07")
    assert a.meta == Meta("Reuters", "https://example.org/floods", "Jo Park", "en",
                          (("section_name", "World"),))
    assert texts(a) == [(None, "Water rose overnight. Ships waited."), ("Damage", "Bad.")]
    assert write(a).startswith("---\noutlet: Reuters\nurl: https://example.org/floods\n")
    assert parse(write(a), id="t", source="t.md").article == a


def test_header_block_is_metadata() -> None:
    text = ("Title: Talks resume in Geneva\nSource: AP\nDate: 2024-02-03\n"
            "URL: https://example.org/talks\n\nDelegates met again on Monday.")
    parsed = parse(text, id="t")
    a = parsed.article
    assert parsed.warnings == ()
    assert (a.title, a.date, a.meta.outlet, a.meta.url) == (
        "Talks resume in Geneva", "2024-02-03", "AP", "https://example.org/talks")
    assert texts(a) == [(None, "Delegates met again on Monday.")]


@pytest.mark.parametrize("text", [
    "Title: A title\nDate: 2024-02-03 The lede.",  # title and date lines, as before
    "---\nnot front matter\n---\n\nText.",
    "Note: this is a paragraph\nwith two lines.\n\nMore.",
    "Source: Reuters\n\nOne line alone is a paragraph.",
])
def test_what_is_not_metadata_reads_as_before(text: str) -> None:
    assert not parse(text, id="t").article.meta


def test_no_metadata_leaves_the_sha256_unchanged() -> None:
    raw = SEED.read_bytes()
    a = parse_bytes(raw, id="t", source="t.txt").article
    assert not a.meta and write(a).strip() == raw.decode("utf-8").strip()


def test_with_metadata_lays_a_csv_row_over_the_file() -> None:
    parsed = parse("---\nsource: AP\nauthor: A\n---\n date 2024 Text here.", id="t")
    row = meta_fields([("Headline", "Given"), ("outlet", "Reuters"), ("date", "2024-05-06"),
                       ("desk", "World")], [])
    a = with_metadata(parsed, row).article
    assert (a.title, a.date, a.meta.outlet, a.meta.author, a.meta.extra) == (
        "Given", "2024-05-06", "Reuters", "A", (("desk", "World"),))
    assert parse(write(a), id="t").article == a
