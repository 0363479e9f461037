"""newsarc.tokens against SQLite itself: for every text, `lexemes()` must be exactly the terms
an FTS5 table with `normalise.TOKENIZE` stores, position by position, and `tokenize()` those of
plain `unicode61 remove_diacritics 2`. The oracle is SQLite's `fts5vocab` table of type
'instance' (term, doc, col, offset), read as bytes: FTS5 can store a term that is not UTF-8.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsarc.normalise import ACRONYM_MARK, TOKENIZE, fold, forms
from newsarc.tokens import (
    MAX_TERM_BYTES,
    PG_MAX_LEXEME_BYTES,
    lexeme_literal,
    lexemes,
    stem,
    tokenize,
)
from tests import corpus, news_corpus
from tests.conftest import SEEDS


class Fts5:
    """An in-memory FTS5 table with the given tokenizer, and its instance vocabulary."""

    def __init__(self, tokenizer: str) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.text_factory = bytes
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tokenizer}')")
        self.db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")

    def terms(self, texts: Iterable[str]) -> list[list[tuple[int, str]]]:
        """(position, term) of each text, in order of position."""
        texts = list(texts)
        with self.db:
            self.db.execute("DELETE FROM t")
            self.db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts))
        out: list[list[tuple[int, str]]] = [[] for _ in texts]
        rows = self.db.execute("SELECT doc, offset, term FROM v ORDER BY doc, offset")
        for doc, offset, term in rows:
            out[doc].append((offset, term.decode("utf-8", "surrogateescape")))
        return out


@pytest.fixture(scope="module")
def porter() -> Iterator[Fts5]:
    fts = Fts5(TOKENIZE)
    yield fts
    fts.db.close()


@pytest.fixture(scope="module")
def unicode61() -> Iterator[Fts5]:
    fts = Fts5(TOKENIZE.removeprefix("porter "))
    yield fts
    fts.db.close()


def mismatches(fts: Fts5, texts: list[str], ours: Iterable[list[str]]) -> list[str]:
    """The texts whose terms differ, each with the first difference."""
    bad = []
    for text, theirs, mine in zip(texts, fts.terms(texts), ours, strict=True):
        if theirs != list(enumerate(mine)):
            pairs = zip(theirs, enumerate(mine), strict=False)
            at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(theirs), len(mine)))
            bad.append(f"{text[:60]!r}: at {at} sqlite {theirs[at:at + 3]} "
                       f"ours {list(enumerate(mine))[at:at + 3]}")
    return bad


def indexed(tokens: list[str]) -> list[str]:
    """The terms the index stores for unstemmed tokens: each cut to 32,768 bytes."""
    return [t if len(t) * 4 <= MAX_TERM_BYTES else
            t.encode()[:MAX_TERM_BYTES].decode("utf-8", "surrogateescape") for t in tokens]


def check(porter: Fts5, unicode61: Fts5, texts: list[str]) -> None:
    assert mismatches(unicode61, texts, (indexed(tokenize(t)) for t in texts)) == []
    assert mismatches(porter, texts, map(lexemes, texts)) == []


# ---------------------------------------------------------------------------------------------
# Every code point, alone and in the contexts where FTS5 treats it specially


def code_points(first: int, last: int) -> list[str]:
    return [chr(c) for c in range(first, last) if not 0xD800 <= c <= 0xDFFF]  # lone surrogates
    # cannot reach SQLite


def test_every_code_point() -> None:
    """unicode61's classes and folds, for each code point: between letters it separates, joins
    (folded) or is dropped (an accent); after a separator an accent separates too."""
    chunks = [code_points(first, first + 2048) for first in range(0, 0x110000, 2048)]
    texts = ["q" + "q".join(chunk) + "q" for chunk in chunks]
    texts += ["-".join(chunk) for chunk in chunks]
    unicode61 = Fts5(TOKENIZE.removeprefix("porter "))  # its own: the fixture's stays small
    assert mismatches(unicode61, texts, map(tokenize, texts)) == []
    unicode61.db.close()


def test_porter_on_the_bytes_of_every_character() -> None:
    """porter on tokens holding each character of the BMP and plane 1 (before `ing`: the
    undoubling of a final consonant compares its last two bytes; before `s`: byte lengths)."""
    chunks = [code_points(first, first + 2048) for first in range(0, 0x20000, 2048)]
    texts = [" ".join(f"a{c}ing {c}s" for c in chunk) for chunk in chunks]
    porter = Fts5(TOKENIZE)
    assert mismatches(porter, texts, map(lexemes, texts)) == []
    porter.db.close()


# ---------------------------------------------------------------------------------------------
# Article text


def article_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += corpus.ARTICLES.values()
    texts += news_corpus.ARTICLES.values()
    # What the index holds: folded text and the hidden `forms` column (acronyms marked).
    return texts + [fold(t) for t in texts] + [forms(t) for t in texts]


def test_article_texts(porter: Fts5, unicode61: Fts5) -> None:
    texts = article_texts()
    assert len(texts) > 200
    assert sum(map(len, map(lexemes, texts))) > 10_000
    check(porter, unicode61, texts)


HARD = [
    "It's the U.S. and the U.K.'s O'Sullivan, d'Ivoire; rock 'n' roll",
    "well-known state-of-the-art Al-Qaim 9/11 e-mail co-operate — en–dash",
    "Café naïve résumé Zürich São Paulo Ærø Œuvre Łódź Dvořák Ångström façade",
    "İstanbul ISPARTA ılık ıI iİ",  # Turkish dotted and dotless i
    "Straße STRASSE ẞ groß Maß",  # German sharp s: not folded to ss
    "ΟΔΥΣΣΕΥΣ Οδυσσεύς σοφός ΣΟΦΟΣ ἀλήθεια ς",  # Greek, final sigma, polytonic
    "العربية مُحَمَّد الْقَاهِرَة ١٢٣ ۴۵۶",  # Arabic, harakat (separators), its digits
    "Москва ЁЛКА ёлка Київ Їжак",  # Cyrillic
    "東京都 北京市 서울 ソウル ｶﾀｶﾅ",  # CJK, Hangul, half-width kana
    "हिन्दी नमस्ते ภาษาไทย",  # Indic and Thai vowel signs
    "ﬁnance ﬂow Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ²³ ½ Ⅻ ⅻ ①",  # ligatures, full width, numbers
    "e\u0301 a\u0308b \u0301x a\u0305b a\u0327\u0300c \u0300\u0301",  # combining marks
    "x\u200by x\u200dy x\u00ady x\ufe0fy x\u2060y",  # zero-width and format characters
    "😀 👍🏽 family👨‍👩‍👧 flag🇺🇸 emoji😀word a🤔b 🥳",  # emoji since Unicode 6.1 are letters
    "𝐀𝐁𝐂 𝔸𝔹 𐐀𐐨 𠀀𠀁 \U000f0000 \U0010fffd",  # outside the BMP: math, Deseret, CJK ext, PUA
    f"us{ACRONYM_MARK} uses{ACRONYM_MARK} {ACRONYM_MARK}nato nato{ACRONYM_MARK}s who{ACRONYM_MARK}",
    "1990s 2024 3rd 4th 10,000 3.14 0x1F 007 G7 MH17 COVID-19 123ing 99ed",
    "a an I ab ox us is as ies sss ss eed aed ied ing ying bing",
    "a丸ing a丸ed øs ØSS üs ñing ñed aßing",  # porter on bytes: a character is consonants
    "generously sky ponies agreed feed hopping filing conditional relational probate rate "
    "cease caresses cats running hoping falling fizzed hissing happy controlling rolling "
    "electricity electrical hopeful goodness adjustment dependent adoption communism "
    "activate angularity homologous effective bowdlerize formality sensitivity allowance "
    "inference airliner gyroscopic adjustable defensible irritant replacement adoption",
    "triplicate formative formalize electriciti hopefulness callousness ization "
    "operational rational digitizer conformabli radicalli differentli vileli analogousli "
    "vietnamization predication operator feudalism decisiveness sensitiviti sensibiliti",
    "x" * 63 + " " + "y" * 64 + " " + "z" * 65 + "ing " + "é" * 32 + "s " + "é" * 33 + "ing",
    "a" * (MAX_TERM_BYTES + 10) + " " + "ü" * 20000 + " " + "丸" * 11000,  # the 32 KB cut
    "tab\tnew\nline\r\nnul\x00bell\x07 nbsp\u00a0thin\u2009ideo\u3000end",
    "under_score hash#tag @user e.g. i.e. 3:45p.m. $5 £10 €20 100% a&b a+b a*b 'quoted'",
]


@pytest.mark.parametrize("text", HARD, ids=range(len(HARD)))
def test_hard_cases(porter: Fts5, unicode61: Fts5, text: str) -> None:
    check(porter, unicode61, [text])


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("generously", "gener"), ("sky", "sky"), ("ponies", "poni"), ("agreed", "agre"),
        ("feed", "feed"), ("hopping", "hop"), ("filing", "file"), ("conditional", "condit"),
        ("relational", "relat"), ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"),
        ("us", "us"), ("uses", "us"), ("ies", "ie"), ("1990s", "1990"), ("aed", "a"),
        (f"us{ACRONYM_MARK}", f"us{ACRONYM_MARK}"),  # no rule ends in the mark
        ("øs", "ø"),  # 3 bytes: stemmed; ø is two consonant bytes
        ("x" * 65 + "ing", "x" * 65 + "ing"),  # over 64 bytes: not stemmed
        ("é" * 32 + "s", "é" * 32 + "s"),  # 65 bytes
        ("é" * 31 + "s", "é" * 31),
        ("a丸ing", "a\udce4\udcb8"),  # undoubling cut the character's last byte (FTS5 does)
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_long_terms_are_cut_at_32_kb() -> None:
    assert lexemes("a" * 40_000) == ["a" * MAX_TERM_BYTES]
    cut = lexemes("丸" * 11_000)[0]  # 3 bytes each: the cut falls inside a character
    assert cut.encode("utf-8", "surrogateescape") == ("丸" * 11_000).encode()[:MAX_TERM_BYTES]


def test_folding() -> None:
    """unicode61's own choices, which differ from str.lower/casefold and from NFKD."""
    assert tokenize("Straße ẞ İ ı Σ ς ﬁ Ａ ٣ Ø Ł Ś ǅ") == [
        "straße", "ß", "i", "ı", "σ", "σ", "ﬁ", "ａ", "٣", "ø", "ł", "s", "ǆ"]
    assert tokenize("a\u0301b \u0301c a\u0305b") == ["ab", "c", "a", "b"]
    assert tokenize("😀x👍y x\u00ady") == ["x", "y", "x", "y"]
    assert tokenize("a🤔b 🥳") == ["a🤔b", "🥳"]  # unassigned in Unicode 6.1: letters
    assert tokenize(f"US{ACRONYM_MARK}") == [f"us{ACRONYM_MARK}"]


# ---------------------------------------------------------------------------------------------
# Random text

ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0xA0, max_codepoint=0x24F),  # Latin-1, Latin Extended
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),  # combining marks
    st.characters(min_codepoint=0x370, max_codepoint=0x52F),  # Greek, Cyrillic
    st.sampled_from("丸东京ㅎ한ひらカナ١٢مُحَहिन्दीＡｂ１ẞßİıς😀\U0001d400\U00010400\u200d\ufe0f"),
    st.sampled_from(["ing", "ed", "s", "ies", "eed", "ation", "al", "ness", "y", "e", "ll"]),
    st.just(ACRONYM_MARK),
    st.characters(),  # anything at all
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("generously sky ponies")
def test_random_text(porter: Fts5, unicode61: Fts5, text: str) -> None:
    text = text.encode("utf-8", "replace").decode()  # lone surrogates cannot reach SQLite
    check(porter, unicode61, [text])


# ---------------------------------------------------------------------------------------------
# PostgreSQL literals


def parse_quoted(literal: str) -> tuple[str, str]:
    """PostgreSQL's gettoken_tsvector on a literal that starts with a quote: (lexeme, rest).
    Inside quotes `''` is a quote and a backslash takes the next character as it is."""
    assert literal.startswith("'")
    out = []
    i = 1
    while True:
        c = literal[i]  # IndexError: unterminated, as PostgreSQL's syntax error
        if c == "\\":
            out.append(literal[i + 1])
            i += 2
        elif c == "'":
            if literal[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
            else:
                return "".join(out), literal[i + 1:]
        else:
            out.append(c)
            i += 1


@pytest.mark.parametrize(
    ("lexeme", "literal"),
    [
        ("word", "'word'"),
        ("o'brien", "'o''brien'"),
        ("back\\slash", "'back\\\\slash'"),
        ("''", "''''''"),
        ("a & b | !c <-> d:* :1,2A", "'a & b | !c <-> d:* :1,2A'"),
        (f"us{ACRONYM_MARK}", f"'us{ACRONYM_MARK}'"),
        ("a\udce4\udcb8", "'a\ufffde4\ufffdb8'"),  # bytes FTS5 left without their character
    ],
)
def test_lexeme_literal(lexeme: str, literal: str) -> None:
    assert lexeme_literal(lexeme) == literal


def test_overlong_lexemes_keep_a_prefix_and_a_digest() -> None:
    short = "é" * (PG_MAX_LEXEME_BYTES // 2)
    assert lexeme_literal(short) == f"'{short}'"
    long = lexemes("a" * 40_000)[0]
    literal = lexeme_literal(long)
    assert len(literal.encode()) <= PG_MAX_LEXEME_BYTES
    assert literal.startswith("'" + "a" * 1024 + "\ufffd#")
    assert literal != lexeme_literal(long[:-1])  # other terms, other literals
    assert lexeme_literal(long) == literal


@given(st.text())
@example("it's \\' \\\\'' x")
def test_literal_round_trip(lexeme: str) -> None:
    """The quoted form parses back to the lexeme and nothing after it: no character of it is
    tsvector or tsquery syntax."""
    lexeme = lexeme.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    assert parse_quoted(lexeme_literal(lexeme) + " next") == (lexeme, " next") or \
        len(lexeme.encode()) > PG_MAX_LEXEME_BYTES


@given(st.lists(st.text(min_size=1), min_size=2, max_size=2, unique=True))
def test_literals_differ_when_lexemes_differ(pair: list[str]) -> None:
    assert lexeme_literal(pair[0]) != lexeme_literal(pair[1])


def psql_available() -> bool:
    """A PostgreSQL server that psql reaches with the environment's PG* settings."""
    if shutil.which("psql") is None:
        return False
    try:
        return subprocess.run(["psql", "-XAtqc", "SELECT 1"], capture_output=True,
                              timeout=10).stdout.strip() == b"1"
    except (OSError, subprocess.SubprocessError):
        return False


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.skipif(not psql_available(), reason="no PostgreSQL server reachable by psql")
def test_postgresql_reads_the_literals_back() -> None:
    """PostgreSQL parses each literal, in a tsvector and in a tsquery, as the one lexeme."""
    words = ["word", "o'brien", "back\\slash", "a & b | !c <-> d:* :1,2A", "''", "\\",
             f"us{ACRONYM_MARK}", stem("a丸ing"), "é" * 1023, lexemes("a" * 40_000)[0]]
    lines = ["SET standard_conforming_strings = on;"]
    for word in words:
        lit = lexeme_literal(word)
        vector, query, prefix = (sql_string(lit + s) for s in (":1", "", ":*"))
        lines.append(
            f"SELECT encode(convert_to((tsvector_to_array({vector}::tsvector))[1], 'UTF8'), 'hex'),"
            f" {vector}::tsvector @@ {query}::tsquery, {vector}::tsvector @@ {prefix}::tsquery;")
    result = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", " "],
                            input="\n".join(lines), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    expected = [f"{parse_quoted(lexeme_literal(w))[0].encode().hex()} t t" for w in words]
    assert result.stdout.splitlines() == expected
