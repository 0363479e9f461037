"""How spellings of a place name meet (issue 17): one normalisation of gazetteer names, of
the text and of `place:NAME` queries alike. Apart from `places`, so that a `place:` query
reads it without the gazetteer and its rules.

`normalise()`: unidecode's transliteration, lower case, no apostrophes, hyphens or full
stops, `q` read as `k`, doubled letters single, a final `h` after a vowel dropped:
`Al-Qa'im`, `Al Qaim` and `al-Kaim` are `al kaim`; `Raqqah`, `Raqqa` and `Rakka` are `raka`.
`bare()` drops the Arabic article (`al`, `el`, `ar`...) as an alternative key: `kaim`.
"""

from __future__ import annotations

import re

_APOSTROPHES = re.compile(r"['’ʼ`ʿʾ‘´]")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"([aeiou])h\b")
_SPACES = re.compile(r"\s+")
ARTICLES = frozenset("al el ar ad as an at az ash ath adh ed es et ez".split())


def normalise(name: str) -> str:
    """The key under which spellings of one name meet: `Al-Qa'im` -> `al kaim`."""
    if not name.isascii():
        from unidecode import unidecode

        name = unidecode(name)
    name = _APOSTROPHES.sub("", name.lower()).replace("q", "k")
    name = _NON_WORD.sub(" ", name.replace(".", ""))
    name = _FINAL_H.sub(r"\1", _DOUBLES.sub(r"\1", name))  # `Raqqah`, `Raqqa`, `Rakka`
    return _SPACES.sub(" ", name).strip()


def bare(key: str) -> str:
    """`key` without its Arabic articles (`al kaim` -> `kaim`); `key` if nothing would remain."""
    words = key.split(" ")
    kept = [w for w in words if w not in ARTICLES] if len(words) > 1 else words
    return " ".join(kept) if kept else key


def query_keys(name: str) -> tuple[str, ...]:
    """The keys a `place:NAME` query looks up: a GeoNames id as it is; a name's key, and
    without its Arabic article."""
    name = name.strip()
    if name.isdigit():
        return (name,)
    key = normalise(name)
    return tuple(dict.fromkeys(k for k in (key, bare(key)) if k))
