"""The one text normaliser that the index and the query language share.

News copy mixes spellings of the same word: `Qa'im`, `Qaʼim` and `Qa’im`; `U.S.` and `US`. Both
the indexed text and every query term go through `fold()`, so those spellings meet. Accents and
case are folded by the FTS5 tokenizer itself (`unicode61 remove_diacritics 2`), stemming by its
`porter` wrapper. What users see (titles, snippets) always comes from the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TOKENIZE = "porter unicode61 remove_diacritics 2"

APOSTROPHES = "'’ʼ‘`´"
# The class comes first so the scan skips quickly to apostrophes (5x faster than a leading
# lookbehind on article text); the lookbehind then checks a word character precedes it.
_INNER_APOSTROPHE = re.compile(rf"[{APOSTROPHES}](?<=\w[{APOSTROPHES}])(?=\w)")
# `U.S.`: a single word character, then `.` and single word characters, each followed by a
# `.`. The pattern starts at the first dot (a literal, which the regex engine finds fast:
# 25x faster on article text than starting at `\w`); `_join` checks what stands before it.
_DOTTED_ABBREVIATION = re.compile(r"\.(?:\w\.)+(?!\w)")
_WORD_CHAR = re.compile(r"\w")
# The rest of a word after an inner apostrophe: `Sullivan's` after `O'`.
_APOSTROPHE_WORD = re.compile(rf"\w+(?:[{APOSTROPHES}]\w+)*")


def _join(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    if start == 0 or not _WORD_CHAR.match(text, start - 1):
        return match.group()  # no letter before the first dot: not an abbreviation
    if start >= 2 and (text[start - 2] == "." or _WORD_CHAR.match(text, start - 2)):
        return match.group()  # `ab.c.`: the part before the dot is longer than one character
    return match.group().replace(".", "")


def fold(text: str) -> str:
    """Drop apostrophes inside words and join dotted abbreviations (`U.S.` -> `US`)."""
    if "." in text:
        text = _DOTTED_ABBREVIATION.sub(_join, text)
    return _INNER_APOSTROPHE.sub("", text)


def fold_case(text: str) -> str:
    """Case and accents folded, for matching headings in Python as FTS5 matches words:
    `--section reactions` finds "Réactions"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# Other forms of the text's words, for the index's hidden `forms` column
#
# An acronym is indexed twice: as an ordinary word in its own column (so `us` finds "US"), and
# here with ACRONYM_MARK appended, a private-use character that the tokenizer keeps inside the
# token and that no stemming rule removes: "US" -> `us\ue000`, "USE" would be `use\ue000`. A
# query word typed in capitals searches for the marked form, so `US` finds only the text that
# writes US or U.S., `WHO` only "WHO". A name after an elided one-letter prefix is indexed
# here alone: "O'Connor" adds `Connor`, "L'Aquila" `Aquila`.

ACRONYM_MARK = "\ue000"
_CAPS = "A-ZÀ-ÖØ-Þ"
# A run of capitals and digits with two capitals or more, starting with a capital (US, NATO,
# G7 has one: no; MH17), optionally with a plural s (CEOs -> CEO); or dotted capitals (U.S.).
# No word character, dot or apostrophe before it. The pattern starts with the capital and looks
# behind from there: 6x faster on article text than a leading lookbehind.
_ACRONYM = re.compile(
    rf"[{_CAPS}](?<![\w.'’][{_CAPS}])"
    rf"(?:[{_CAPS}0-9]*[{_CAPS}][{_CAPS}0-9]*(?P<plural>s)?|\.(?:[{_CAPS}]\.)*[{_CAPS}]\.?)(?!\w)"
)
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
# O'Connor, d'Ivoire, L'Aquila: the name after the prefix, two letters or more.
# Starts at the apostrophe (rare) and looks behind from there: 6x faster than a lookbehind first.
_ELIDED = re.compile(rf"[{APOSTROPHES}](?<=\b[OoDdLl][{APOSTROPHES}])(\w\w+)")
_QUERY_ACRONYM = re.compile(
    rf"(?:[{_CAPS}][{_CAPS}0-9]*[{_CAPS}][{_CAPS}0-9]*|(?:[{_CAPS}]\.)+[{_CAPS}]\.?)"
)


def acronym_key(word: str) -> str:
    """The marked token of an acronym as written: `U.S.` -> `us\\ue000`."""
    return word.replace(".", "").lower() + ACRONYM_MARK


def is_query_acronym(word: str) -> bool:
    """A query word typed in capitals (two or more) or dotted: `US`, `U.S.`, `NATO`, `G20`
    has one capital only."""
    return _QUERY_ACRONYM.fullmatch(word) is not None


def shouted(text: str, pos: int) -> bool:
    """Whether the line around `pos` is written in capitals throughout (no lower-case letter):
    an ALL-CAPS heading or lead-in, whose words are not acronyms."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return _LOWER.search(text, start, len(text) if end < 0 else end) is None


def acronym_of(word: str) -> str | None:
    """The marked token of a word written as an acronym (`U.S.`, `NATO's`, `CEOs`), else None;
    whether its line is in capitals throughout is for the caller to see (`shouted()`)."""
    m = _ACRONYM.match(word)
    if m is None:
        return None
    return acronym_key(m.group()[:-1] if m.group("plural") else m.group())


def acronyms(text: str, skip: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, marked token) for every acronym written in `text` from offset `skip` on
    (a dateline before `skip` is shouted by convention), leaving out lines in capitals."""
    found = []
    quiet: dict[int, bool] = {}  # line start -> shouted?
    for m in _ACRONYM.finditer(text, skip):
        line = text.rfind("\n", 0, m.start()) + 1
        if line not in quiet:
            quiet[line] = shouted(text, m.start())
        if not quiet[line]:
            found.append((m.start(), m.end(), acronym_of(m.group()) or ""))
    return found


def folded_words(text: str) -> list[str]:
    """Each word that `fold()` changes, as written (`O'Sullivan`, `Trump's`, `U.S.`), in order.

    Other tools (sqlite-utils, Datasette) quote a query word into a phrase of the tokenizer's
    tokens: `"O'Sullivan"` is `o sullivan`, which the folded text (`osullivan`) does not hold.
    Indexed as written too, in the hidden `forms` column, these words give those phrases
    something to match, at the cost of the few words with an inner apostrophe or dots.
    """
    spans: dict[int, int] = {}  # start -> end of each word, once
    end = 0
    for m in _INNER_APOSTROPHE.finditer(text):
        if m.start() < end:
            continue  # a later apostrophe of the same word: `O'Sullivan's`
        start = m.start()
        while start and _WORD_CHAR.match(text, start - 1):
            start -= 1
        rest = _APOSTROPHE_WORD.match(text, m.end())
        end = rest.end() if rest else m.end()
        spans[start] = end
    if "." in text:
        for m in _DOTTED_ABBREVIATION.finditer(text):
            if _join(m) != m.group():
                spans.setdefault(m.start() - 1, m.end())
    return [text[start:end] for start, end in sorted(spans.items())]


def forms(text: str, skip: int = 0) -> str:
    """The hidden index column for `text`: its acronyms marked, names after O'/D'/L', and the
    words `fold()` changes as written (see `folded_words()`)."""
    out = [key for _, _, key in acronyms(text, skip)]
    out += _ELIDED.findall(text)
    out += folded_words(text)
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Exact words (`=Sessions`), checked on the stored text (the SQL function newsarc_exact)

_TOKEN = re.compile(r"[^\W_]+")  # what the tokenizer takes for a token: letters and digits


@functools.lru_cache(maxsize=256)
def exact_pattern(text: str) -> str:
    """The regex that finds an exact word or phrase in folded text: its parts whole, in
    order, with only non-word characters between them."""
    parts = [re.escape(p) for p in _TOKEN.findall(text)]
    return r"(?<![^\W_])" + r"[\W_]+".join(parts) + r"(?![^\W_])"


@functools.lru_cache(maxsize=256)
def _exact_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def exact_in(text: str | None, pattern: str) -> bool:
    """Whether folded `text` has the exact word or phrase (the SQL function newsarc_exact)."""
    return bool(text) and _exact_regex(pattern).search(fold(text or "")) is not None
