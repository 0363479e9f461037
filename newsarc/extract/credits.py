"""Wire datelines: where a story was filed and which agency filed it.

A dateline opens the first paragraph of a lede, before the story proper:

    MOSCOW, March 17. /TASS/. Russia's foreign minister said ...
    KYIV, Ukraine (AP) — Air raid sirens sounded ...
    LONDON, Feb 3 (Reuters) - Sterling rose ...
    NEW YORK, March 2 - Shares of ...
    (CNN) Lawmakers on Tuesday ...

`find_dateline(first_paragraph_of_lede)` is the one call: it returns a `Dateline` with the place
as written, the credit (the agency) under its usual short name, and `end`, the offset where the
lede proper starts. Only the first `HEAD` characters are looked at, so it costs the same for any
article.

What counts, by principle rather than by example (a false dateline changes a title):

1. A dateline is a place, optionally a region (`KYIV, Ukraine`, `SPRINGFIELD, Ill.`) and a date
   (`March 2`, `Feb. 3, 2024`, `3 February`), optionally a credit in brackets or slashes
   (`(AP)`, `/TASS/`), then what ends it: a dash, or a full stop after a date or a slashed
   credit, or just the closing bracket of a credit.
2. The place is believed when it is written in capitals (`GENEVA`, `NEW YORK`, `SÃO PAULO`), or
   when a known agency's credit or a date follows it (`Paris (AFP) -`, `Moscow, February 7.`).
   A title-case word followed by a dash alone (`Washington - a city of ...`) is a sentence.
3. A capitalised word alone before a dash is a place only if it could be one: four letters or
   more with a vowel (`NATO` passes and is the accepted risk; `IRGC`, `US`, `EU` do not), and not
   a kicker that labels the story (`BREAKING`, `EXCLUSIVE`, `UPDATE` ...).
4. Without a place, a credit alone opens a lede only when it names a known outlet: `(CNN)`,
   `(Reuters)`. With a place in capitals any short capitalised name in brackets is a credit.
5. What follows a dateline starts a sentence: it is not a lower-case word (`NATO - and its
   allies` is one sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAD = 200  # characters of the paragraph that can hold a dateline

# Outlets whose name alone, in brackets at the start of a lede, is a credit; the value is the
# usual short name (None: keep the name as written, e.g. `dpa` and `DPA` are both in use).
KNOWN_CREDITS: dict[str, str | None] = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "tass": "TASS", "itar-tass": "ITAR-TASS", "ria novosti": "RIA Novosti", "interfax": "Interfax",
    "sputnik": "Sputnik", "xinhua": "Xinhua", "cnn": "CNN", "upi": "UPI", "dpa": None,
    "bloomberg": "Bloomberg", "bbc": "BBC", "efe": "EFE", "ansa": "ANSA", "pti": "PTI",
    "ians": "IANS", "ani": "ANI", "uni": "UNI", "kyodo": "Kyodo", "yonhap": "Yonhap",
    "aap": "AAP", "cp": "CP", "canadian press": "CP", "anadolu": "Anadolu", "irna": "IRNA",
    "kuna": "KUNA", "wam": "WAM", "spa": "SPA", "qna": "QNA", "mena": "MENA", "sana": "SANA",
    "wafa": "WAFA", "bernama": "Bernama", "antara": "Antara", "kcna": "KCNA", "vna": "VNA",
    "ukrinform": "Ukrinform", "unian": "UNIAN", "lusa": "Lusa", "notimex": "Notimex",
    "prensa latina": "Prensa Latina", "cnbc": "CNBC", "marketwatch": "MarketWatch",
    "dow jones": "Dow Jones", "al jazeera": "Al Jazeera", "china daily": "China Daily",
    "voa": "VOA", "rfe/rl": "RFE/RL", "dw": "DW", "npr": "NPR", "cbs news": "CBS News",
    "nbc news": "NBC News", "abc news": "ABC News", "ctk": "CTK", "mti": "MTI", "pap": "PAP",
    "belga": "Belga", "anp": "ANP", "apa": "APA", "ntb": "NTB", "tt": "TT", "aa": "AA",
}

# Words that label a story's kind; in capitals before a dash they are not a place.
KICKERS = {
    "breaking", "exclusive", "update", "updated", "urgent", "flash", "alert", "analysis",
    "opinion", "comment", "editorial", "review", "correction", "clarification", "factbox",
    "explainer", "interview", "watch", "live", "video", "photos", "photo", "advisory", "note",
    "editors", "warning", "feature", "preview", "recap", "timeline", "fact", "check", "obituary",
}
# Title-case words that begin sentences, never a place name.
_NOT_PLACES = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i",
    "in", "on", "at", "as", "his", "her", "its", "our", "their", "my", "your", "there", "here",
    "but", "and", "or", "if", "when", "after", "before", "while", "for", "by", "from", "with",
}
_VOWELS = set("AEIOUÀÁÂÃÄÅÆÈÉÊËÌÍÎÏÒÓÔÕÖØÙÚÛÜ")

_L = r"[^\W\d_]"  # a letter, any script
# A word of a place: letters with inner apostrophes, hyphens or dots (ST. LOUIS, D.C., AL-QAIM).
_WORD = rf"{_L}+(?:['’.\-]{_L}+)*\.?"
_PARTICLE = r"(?:de|da|do|dos|das|del|della|di|du|des|la|le|el|al|am|an|upon|on|sur|of)"
_PLACE = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ])?{_WORD}){{0,3}}"
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?i:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = (
    rf"(?:{_MONTH}\.?[ ]\d{{1,2}}(?:(?:st|nd|rd|th)\b)?(?:,?[ ]\d{{4}})?"
    rf"|\d{{1,2}}[ ]{_MONTH}\.?(?:[ ]\d{{4}})?|{_WEEKDAY})"
)
_CREDIT_NAME = r"[^\W_][\w&.'’\-]*(?:[ /][^\W_][\w&.'’\-]*){0,3}"
_DASH = r"(?:[ ]*[—–―][ ]*|[ ]+-{1,3}(?:[ ]+|$)|[ ]*-{2,3}[ ]*)"

_DATELINE = re.compile(
    rf"""
    (?=(?P<place>{_PLACE}))(?P=place)        # atomic: words end only where a separator is
    (?:,[ ](?=(?P<region>{_PLACE}))(?P=region))??  # KYIV, Ukraine / SPRINGFIELD, Ill.
    (?:,?[ ](?P<date>{_DATE}))?              # , March 2 / , Feb. 3, 2024
    (?:(?P<dot>\.)?[ ]*(?:\((?P<paren>[ ]*{_CREDIT_NAME}[ ]*)\)
                         |/(?P<slash>[ ]*{_CREDIT_NAME}[ ]*)/\.?))?
    (?P<stop>{_DASH}|:[ ]+|\.(?:[ ]+|$)|(?<=[)/.])[ ]*)
    """,
    re.VERBOSE,
)
# A credit alone: (CNN) The ..., (Reuters) - ...
_CREDIT_ONLY = re.compile(
    rf"\((?P<paren>[ ]*{_CREDIT_NAME}[ ]*)\)(?P<stop>{_DASH}|[ ]*)"
)


@dataclass(frozen=True)
class Dateline:
    """Where the story was filed and by whom; `text[end:]` is the lede proper."""

    place: str | None
    credit: str | None
    start: int
    end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening `text` (the first paragraph of a lede), or None.

    Rules in the module docstring. Pure and cheap: only the first `HEAD` characters are read.
    """
    head = text[:HEAD]
    start = len(head) - len(head.lstrip())
    if start == len(head):
        return None
    first = head[start]
    if first == "(":
        return _credit_only(head, start)
    if not first.isupper():
        return None
    m = _DATELINE.match(head, start)
    if m is None:
        return None
    place, region, date = m.group("place"), m.group("region"), m.group("date")
    paren, slash, stop = m.group("paren"), m.group("slash"), m.group("stop")
    name = paren if paren is not None else slash
    credit = _credit(name) if name is not None else None
    caps = _in_capitals(place)
    stop_kind = stop.strip()[:1]
    if m.group("dot") and not (date and name is not None):
        return None  # "U.S. (left) ..." : a full stop inside a dateline only follows a date
    if name is not None:
        if credit is None and not (caps and _looks_like_outlet(name)):
            return None
        credit = credit or name.strip()
    elif date:
        if stop_kind not in ("-", "—", "–", "―", "."):
            return None  # "LONDON, March 3 said" is no dateline; a date needs its stop
    else:
        # A place alone: only in capitals, and only before a dash.
        if not caps or stop_kind not in ("-", "—", "–", "―"):
            return None
        if region is None and not _could_be_place(place):
            return None
    if not caps and not _title_case_place(place):
        return None
    if region is not None and not (_in_capitals(region) or _title_case_place(region)):
        return None
    end = m.end()
    if end < len(head) and head[end].islower():
        return None  # what follows a dateline begins a sentence
    return Dateline(place, credit, start, end)


def _credit_only(head: str, start: int) -> Dateline | None:
    m = _CREDIT_ONLY.match(head, start)
    if m is None:
        return None
    credit = _credit(m.group("paren"))
    end = m.end()
    if credit is None or (end < len(head) and head[end].islower()):
        return None
    return Dateline(None, credit, start, end)


def _credit(name: str) -> str | None:
    """The usual short name of a known outlet, as written for those kept as written; None for
    a name that is not a known outlet."""
    name = " ".join(name.split())
    key = name.lower()
    if key not in KNOWN_CREDITS:
        return None
    return KNOWN_CREDITS[key] or name


def _in_capitals(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title_case_place(words: str) -> bool:
    """`Paris`, `São Paulo`, `Rio de Janeiro`, `Ill.`: each word capitalised, none a sentence
    opener like `The`."""
    parts = words.split()
    if parts[0].lower() in _NOT_PLACES:
        return False
    return all(p[0].isupper() or re.fullmatch(_PARTICLE, p) for p in parts)


def _looks_like_outlet(name: str) -> bool:
    """`Kyiv Independent`, `KUNA`, `CNSNews.com`: one to three capitalised words."""
    parts = name.replace("/", " ").split()
    return 1 <= len(parts) <= 3 and all(p[0].isupper() or p[0].isdigit() for p in parts)


def _could_be_place(word: str) -> bool:
    """A capitalised word before a dash: a place has four letters or more, a vowel, and is not
    a kicker (`BREAKING`)."""
    if " " in word:
        return not any(w.strip(".").lower() in KICKERS for w in word.split())
    letters = word.strip(".")
    return (
        len(letters) >= 4
        and any(c in _VOWELS for c in letters[1:])
        and letters.lower() not in KICKERS
    )


# ---------------------------------------------------------------------------------------------
# Credit lines: who reported, wrote, edited or photographed, on a line of their own


_CREDIT_LINE = re.compile(
    r"""^(?:
      (?:additional[ ])?(?:reporting|writing|editing|compiled|translated|produced|edited
        |photos?|photographs?|pictures?|images?|video|graphics?|illustrations?)[ ]by\b
    | (?:photo|photograph|picture|image|video|source|credit|caption|copyright|file[ ]photo)s?
        (?:[ ](?:copyright|caption|credit)s?)?[ ]?:
    | (?:image|photo|picture)[ ](?:copyright|caption|credit)\b
    | copyright\b | ©
    | [a-z]{1,4}(?:/[a-z]{1,4})+(?:[ ]|$)      # DW's initials: mp/jh (dpa, AFP)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# By Jane Doe / By JANE DOE and John Roe, Associated Press
_NAME = r"[^\W\d_][\w.'’\-]*(?:[ ][^\W\d_][\w.'’\-]*){1,3}"
_BYLINE = re.compile(rf"^by[ ](?P<names>{_NAME}(?:(?:,[ ]|[ ]and[ ]|[ ]&[ ]){_NAME})*)"
                     rf"(?:,[ ][^,]{{1,40}})?$", re.IGNORECASE)
_TRAILING_CREDIT = re.compile(r"\((?P<names>[^()]{1,60})\)$")


def is_credit_line(line: str) -> bool:
    """A line that credits a story or a picture rather than heading a section: `Reporting by
    Jane Doe; Editing by John Roe`, `Photo: AFP`, `© 2024 Reuters`, `By Jane Doe`, DW's
    `mp/jh (dpa, AFP)`, a line ending in agency names in brackets (`... (AP/Reuters)`), and any
    of these after a dash or in brackets (`-- Reuters`, `(Reporting by Jane Doe)`)."""
    line = line.strip()
    inner = line.lstrip("-–—― ")  # -- Reuters
    if line[:1] == "(" and line[-1:] == ")":
        inner = line[1:-1]  # (Reporting by Jane Doe)
    if inner != line and inner and (_credit(inner) is not None or is_credit_line(inner)):
        return True
    if _CREDIT_LINE.match(line):
        return True
    by = _BYLINE.match(line)
    if by and all(_is_name(n) for n in re.split(r",[ ]|[ ]and[ ]|[ ]&[ ]", by.group("names"))):
        return True
    tail = _TRAILING_CREDIT.search(line)
    if tail:
        names = [n for n in re.split(r"[/,;]|[ ]and[ ]", tail.group("names")) if n.strip()]
        return bool(names) and all(_credit(n) is not None for n in names)
    return False


def _is_name(words: str) -> bool:
    """`Jane Doe`, `JANE DOE`, `Jean-Paul de la Roche`: capitalised words, not `The Numbers`."""
    parts = words.split()
    return parts[0].lower() not in _NOT_PLACES and parts[0][0].isupper()
