"""FTS5's tokens in Python: the words of a text exactly as SQLite's index holds them.

The rule: for any text, `lexemes(text)` is the list of terms that an FTS5 table declared with
`tokenize='porter unicode61 remove_diacritics 2'` (`normalise.TOKENIZE`) stores for it, in
order, the index of each term being its position. Why: a second backend (PostgreSQL) must find
exactly the articles that the SQLite index finds for every query, so it does no tokenizing or
stemming of its own. Python produces the lexemes with positions for its `tsvector`, and the
query's words go through the same function for its `tsquery` (`lexeme_literal()` quotes them),
so both backends see one set of words. tests/test_tokens.py compares this module with SQLite
itself, for every code point and over article and random text.

How FTS5 makes a term, and how this module follows it:

- `unicode61` splits the text into runs of token characters: the code points its own tables
  (Unicode 6.1, not Python's `unicodedata`) put in categories L*, N* and Co. Everything else
  separates: punctuation, `_`, the emoji of Unicode 6.1 (😀), the soft hyphen, joiners,
  variation selectors, Arabic harakat and the Indic vowel signs (so Hindi and Arabic words with
  those marks are split). Code points that Unicode 6.1 left unassigned count as letters: most
  of those outside the BMP, and so the emoji added since (`a🤔b` and `🥳` are tokens). The
  private-use U+E000 (`ACRONYM_MARK`) is Co and stays inside its token. 25 combining accents
  (U+0300..U+0331, `_DIACRITICS`) continue a token when they follow a token character and are
  dropped from it; at a token's start they separate, as does every other combining mark.
- Each token character is folded on its own, by unicode61's tables (`_FOLD_DATA`): lower case
  from CaseFolding.txt of Unicode 6.1, one code point for one (so ß, ı, ﬁ and ŉ stay as they
  are, ẞ becomes ß, İ becomes i, Σ and final ς become σ, ǅ becomes ǆ, full-width Ａ becomes ａ,
  Deseret is the only script folded outside the BMP), then `remove_diacritics 2`: a Latin
  letter with accents becomes its base letter (É, ě, ṩ, ǘ become e, e, s, u) but letters with a
  stroke or ligatures do not (ø, ł, đ, ħ, æ, œ stay), nor Greek or Cyrillic ones (ά, ё stay).
  Digits of other scripts stay as they are (٣ is not 3).
- `porter` stems each token of 3 to 64 BYTES of UTF-8 (shorter and longer ones pass through).
  It works on bytes: any byte outside ASCII is a consonant, and nothing else is special about
  it, so `øs` (3 bytes) becomes `ø`, digits are consonants (`1990s` becomes `1990`), and
  `us\\ue000` is left alone because no rule ends in the mark. The algorithm is SQLite's
  fts5PorterCb, ported rule by rule (`_porter`), including its slips: `ies` becomes `ie`; a
  step that removes `ed`/`ing` and then undoubles a final consonant can cut the last byte of a
  multi-byte character (`a丸ing` becomes the 3 bytes `a\\xe4\\xb8`, not UTF-8). Such a byte is
  returned as a lone surrogate (`bytes.decode(errors="surrogateescape")`), so `stem()` stays
  one-to-one with FTS5's bytes; `lexeme_literal()` spells it as valid text.
- The index truncates a term to 32,768 bytes (FTS5_MAX_TOKEN_SIZE), after stemming.

Speed: `lexemes()` splits the text in C (`str.translate` and `str.split` for ASCII text, one
compiled regex otherwise) and looks each token, as written, up in a bounded dict of lexemes
(`_STEMS`: folding and stemming happen once per distinct token), about 60 µs for a warm 3 KB
article in ASCII and 100 µs with other characters.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

__all__ = ["lexeme_literal", "lexemes", "stem", "tokenize"]

# unicode61's token characters: ranges of code points (hex) that fts5_unicode2.c of SQLite
# (3.40.1 here) puts in categories L*, N* and Co (its tables come from Unicode 6.1 data, hence the
# name), found by asking SQLite about every code point; tests/test_tokens.py asks again.
_ALNUM_DATA = """
    30..39 41..5A 61..7A AA B2..B3 B5 B9..BA BC..BE C0..D6 D8..F6 F8..2C1 2C6..2D1 2E0..2E4
    2EC 2EE 370..374 376..37D 37F..383 386 388..3F5 3F7..481 48A..559 560..588 58B..58E 590
    5C8..5F2 5F5..5FF 605 61C..61D 620..64A 660..669 66E..66F 671..6D3 6D5 6E5..6E6 6EE..6FC
    6FF 70E 710 712..72F 74B..7A5 7B1..7EA 7F4..7F5 7FA..815 81A 824 828 82E..82F 83F..858
    85C..85D 85F..8E3 8FF 904..939 93D 950 958..961 966..96F 971..980 984..9BB 9BD 9C5..9C6
    9C9..9CA 9CE..9D6 9D8..9E1 9E4..9F1 9F4..9F9 9FC..A00 A04..A3B A3D A43..A46 A49..A4A
    A4E..A50 A52..A6F A72..A74 A76..A80 A84..ABB ABD AC6 ACA ACE..AE1 AE4..AEF AF2..B00
    B04..B3B B3D B45..B46 B49..B4A B4E..B55 B58..B61 B64..B6F B71..B81 B83..BBD BC3..BC5 BC9
    BCE..BD6 BD8..BF2 BFB..C00 C04..C3D C45 C49 C4E..C54 C57..C61 C64..C7E C80..C81 C84..CBB
    CBD CC5 CC9 CCE..CD4 CD7..CE1 CE4..D01 D04..D3D D45 D49 D4E..D56 D58..D61 D64..D78
    D7A..D81 D84..DC9 DCB..DCE DD5 DD7 DE0..DF1 DF5..E30 E32..E33 E3B..E3E E40..E46 E50..E59
    E5C..EB0 EB2..EB3 EBA EBD..EC7 ECE..F00 F20..F33 F40..F70 F88..F8C F98 FBD FCD FDB..102A
    103F..1049 1050..1055 105A..105D 1061 1065..1066 106E..1070 1075..1081 108E 1090..1099
    10A0..10FA 10FC..135C 1369..138F 139A..13FF 1401..166C 166F..167F 1681..169A 169D..16EA
    16EE..1711 1715..1731 1737..1751 1754..1771 1774..17B3 17D7 17DC 17DE..17FF 180F..18A8
    18AA..191F 192C..192F 193C..193F 1941..1943 1946..19AF 19C1..19C7 19CA..19DD 1A00..1A16
    1A1C..1A1D 1A20..1A54 1A5F 1A7D..1A7E 1A80..1A9F 1AA7 1AAE..1AFF 1B05..1B33 1B45..1B59
    1B7D..1B7F 1B83..1BA0 1BAE..1BE5 1BF4..1BFB 1C00..1C23 1C38..1C3A 1C40..1C7D 1C80..1CBF
    1CC8..1CCF 1CE9..1CEC 1CEE..1CF1 1CF5..1DBF 1DE7..1DFB 1E00..1FBC 1FBE 1FC2..1FCC
    1FD0..1FDC 1FE0..1FEC 1FF0..1FFC 1FFF 2065..2069 2070..2079 207F..2089 208F..209F
    20BA..20CF 20F1..20FF 2102 2107 210A..2113 2115 2119..211D 2124 2126 2128 212A..212D
    212F..2139 213C..213F 2145..2149 214E 2150..218F 23F4..23FF 2427..243F 244B..249B
    24EA..24FF 2700 2776..2793 2B4D..2B4F 2B5A..2CE4 2CEB..2CEE 2CF2..2CF8 2CFD 2D00..2D6F
    2D71..2D7E 2D80..2DDF 2E2F 2E3C..2E7F 2E9A 2EF4..2EFF 2FD6..2FEF 2FFC..2FFF 3005..3007
    3021..3029 3031..3035 3038..303C 3040..3098 309D..309F 30A1..30FA 30FC..318F 3192..3195
    31A0..31BF 31E4..31FF 321F..3229 3248..324F 3251..325F 3280..3289 32B1..32BF 32FF
    3400..4DBF 4E00..A48F A4C7..A4FD A500..A60C A610..A66E A67F..A69E A6A0..A6EF A6F8..A6FF
    A717..A71F A722..A788 A78B..A801 A803..A805 A807..A80A A80C..A822 A82C..A835 A83A..A873
    A878..A87F A882..A8B3 A8C5..A8CD A8D0..A8DF A8F2..A8F7 A8FB..A925 A930..A946 A954..A95E
    A960..A97F A984..A9B2 A9CE..A9DD A9E0..AA28 AA37..AA42 AA44..AA4B AA4E..AA5B AA60..AA76
    AA7A AA7C..AAAF AAB1 AAB5..AAB6 AAB9..AABD AAC0 AAC2..AADD AAE0..AAEA AAF2..AAF4
    AAF7..ABE2 ABEE..D7FF E000..FB1D FB1F..FB28 FB2A..FBB1 FBC2..FD3D FD40..FDFB FDFE..FDFF
    FE1A..FE1F FE27..FE2F FE53 FE67 FE6C..FEFE FF00 FF10..FF19 FF21..FF3A FF41..FF5A
    FF66..FFDF FFE7 FFEF..FFF8 10000..100FF 10103..10136 10140..10178 1018A..1018F
    1019C..101CF 101FE..1039E 103A0..103CF 103D1..10856 10858..1091E 10920..1093E 10940..10A00
    10A04 10A07..10A0B 10A10..10A37 10A3B..10A3E 10A40..10A4F 10A59..10A7E 10A80..10B38
    10B40..10FFF 11003..11037 1104E..1107F 11083..110AF 110C2..110FF 11103..11126 11135..1113F
    11144..1117F 11183..111B2 111C1..111C4 111C9..116AA 116B8..1246F 12474..16F50 16F7F..16F8E
    16F93..1CFFF 1D0F6..1D0FF 1D127..1D128 1D1DE..1D1FF 1D246..1D2FF 1D357..1D6C0 1D6C2..1D6DA
    1D6DC..1D6FA 1D6FC..1D714 1D716..1D734 1D736..1D74E 1D750..1D76E 1D770..1D788 1D78A..1D7A8
    1D7AA..1D7C2 1D7C4..1EEEF 1EEF2..1EFFF 1F02C..1F02F 1F094..1F09F 1F0AF..1F0B0 1F0BF..1F0C0
    1F0D0 1F0E0..1F10F 1F12F 1F16C..1F16F 1F19B..1F1E5 1F203..1F20F 1F23B..1F23F 1F249..1F24F
    1F252..1F2FF 1F321..1F32F 1F336 1F37D..1F37F 1F394..1F39F 1F3C5 1F3CB..1F3DF 1F3F1..1F3FF
    1F43F 1F441 1F4F8 1F4FD..1F4FF 1F53E..1F53F 1F544..1F54F 1F568..1F5FA 1F641..1F644
    1F650..1F67F 1F6C6..1F6FF 1F774..E0000 E0002..E001F E0080..E00FF E01F0..10FFFF
"""
# Combining accents that remove_diacritics drops from inside a token (they separate elsewhere).
_DIACRITICS = "\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331"
# unicode61's fold (case, then remove_diacritics 2) of each token character it changes:
# `A..B+D` adds D to each code point of A..B (`/2`: every second one from A), `A..B-D` subtracts,
# `A..B>T` maps each to code point T.
_FOLD_DATA = """
    41..5A+20 B5+307 C0..C5>61 C6+20 C7-64 C8..CB>65 CC..CF>69 D0+20 D1..D2-63 D3..D6>6F D8+20
    D9..DC>75 DD-64 DE+20 E0..E5>61 E7-84 E8..EB>65 EC..EF>69 F1..F2-83 F3..F6>6F F9..FC>75
    FD-84 FF-86 100..105>61 106..10D>63 10E..10F>64 110+1 112..11B>65 11C..123>67 124..125>68
    126+1 128..130>69 132+1 134..135>6A 136..137>6B 139..13E>6C 13F..141/2+1 143..148>6E 14A+1
    14C..151>6F 152+1 154..159>72 15A..161>73 162..165>74 166+1 168..173>75 174..175>77
    176..178>79 179..17E>7A 17F-10C 181+D2 182..184/2+1 186+CE 187+1 189..18A+CD 18B+1 18E+4F
    18F+CA 190+CB 191+1 193+CD 194+CF 196+D3 197+D1 198+1 19C+D3 19D+D5 19F+D6 1A0..1A1>6F
    1A2..1A4/2+1 1A6+DA 1A7+1 1A9+DA 1AC+1 1AE+DA 1AF..1B0>75 1B1..1B2+D9 1B3..1B5/2+1 1B7+DB
    1B8+1 1BC+1 1C4..1C5>1C6 1C7..1C8>1C9 1CA..1CB>1CC 1CD..1CE>61 1CF..1D0>69 1D1..1D2>6F
    1D3..1DC>75 1DE..1DF>61 1E0..1E4/2+1 1E6..1E7>67 1E8..1E9>6B 1EA..1ED>6F 1EE+1 1F0-186
    1F1..1F2>1F3 1F4..1F5>67 1F6-61 1F7-38 1F8..1F9>6E 1FA..1FB>61 1FC..1FE/2+1 200..203>61
    204..207>65 208..20B>69 20C..20F>6F 210..213>72 214..217>75 218..219>73 21A..21B>74 21C+1
    21E..21F>68 220-82 222..224/2+1 226..227>61 228..229>65 22A..231>6F 232..233>79 23A+2A2B
    23B+1 23D-A3 23E+2A28 241+1 243-C3 244+45 245+47 246..24E/2+1 370..372/2+1 376+1 386+26
    388..38A+25 38C+40 38E..38F+3F 391..3A1+20 3A3..3AB+20 3C2+1 3CF+8 3D0-1E 3D1-19 3D5-F
    3D6-16 3D8..3EE/2+1 3F0-36 3F1-30 3F4-3C 3F5-40 3F7+1 3F9-7 3FA+1 3FD..3FF-82 400..40F+50
    410..42F+20 460..480/2+1 48A..4BE/2+1 4C0+F 4C1..4CD/2+1 4D0..526/2+1 531..556+30
    10A0..10C5+1C60 10C7+1C60 10CD+1C60 1E00..1E01>61 1E02..1E07>62 1E08..1E09>63
    1E0A..1E13>64 1E14..1E1D>65 1E1E..1E1F>66 1E20..1E21>67 1E22..1E2B>68 1E2C..1E2F>69
    1E30..1E35>6B 1E36..1E3D>6C 1E3E..1E43>6D 1E44..1E4B>6E 1E4C..1E53>6F 1E54..1E57>70
    1E58..1E5F>72 1E60..1E69>73 1E6A..1E71>74 1E72..1E7B>75 1E7C..1E7F>76 1E80..1E89>77
    1E8A..1E8D>78 1E8E..1E8F>79 1E90..1E95>7A 1E96-1E2E 1E97-1E23 1E98-1E21 1E99-1E20
    1E9B-1E28 1E9E-1DBF 1EA0..1EB7>61 1EB8..1EC7>65 1EC8..1ECB>69 1ECC..1EE3>6F 1EE4..1EF1>75
    1EF2..1EF9>79 1EFA..1EFE/2+1 1F08..1F0F-8 1F18..1F1D-8 1F28..1F2F-8 1F38..1F3F-8
    1F48..1F4D-8 1F59..1F5F/2-8 1F68..1F6F-8 1F88..1F8F-8 1F98..1F9F-8 1FA8..1FAF-8
    1FB8..1FB9-8 1FBA..1FBB-4A 1FBC-9 1FBE-1C05 1FC8..1FCB-56 1FCC-9 1FD8..1FD9-8
    1FDA..1FDB-64 1FE8..1FE9-8 1FEA..1FEB-70 1FEC-7 1FF8..1FF9-80 1FFA..1FFB-7E 1FFC-9
    2126-1D5D 212A-20BF 212B-20CA 2132+1C 2160..216F+10 2183+1 2C00..2C2E+30 2C60+1 2C62-29F7
    2C63-EE6 2C64-29E7 2C67..2C6B/2+1 2C6D-2A1C 2C6E-29FD 2C6F-2A1F 2C70-2A1E 2C72+1 2C75+1
    2C7E..2C7F-2A3F 2C80..2CE2/2+1 2CEB..2CED/2+1 2CF2+1 A640..A66C/2+1 A680..A696/2+1
    A722..A72E/2+1 A732..A76E/2+1 A779..A77B/2+1 A77D-8A04 A77E..A786/2+1 A78B+1 A78D-A528
    A790..A792/2+1 A7A0..A7A8/2+1 A7AA-A544 FF21..FF3A+20 10400..10427+28
"""


def _ranges(data: str) -> list[tuple[int, int]]:
    ranges = []
    for item in data.split():
        first, _, last = item.partition("..")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def _char_class(ranges: list[tuple[int, int]]) -> str:
    """A regex character class of the code points in `ranges`."""
    return "[" + "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges
    ) + "]"


_RUN = re.compile(r"([0-9A-F]+)(?:\.\.([0-9A-F]+)(/2)?)?([-+>])([0-9A-F]+)")


def _parse_fold(data: str) -> dict[int, str | None]:
    """The `str.translate` table of `_FOLD_DATA`, and the accents that fold to nothing."""
    table: dict[int, str | None] = {}
    for item in data.split():
        m = _RUN.fullmatch(item)
        if m is None:
            raise ValueError(f"bad fold run {item!r}")
        first, last, step, op, value = m.groups()
        start = int(first, 16)
        number = int(value, 16)
        for code in range(start, int(last or first, 16) + 1, 2 if step else 1):
            if op == ">":
                table[code] = chr(number)
            else:
                table[code] = chr(code + number if op == "+" else code - number)
    for code in range(0x300, 0x332):
        if re.match(f"[{_DIACRITICS}]", chr(code)):
            table[code] = None
    return table


_FOLD = _parse_fold(_FOLD_DATA)
_ALNUM = _ranges(_ALNUM_DATA)
# A token: a token character, then token characters or accents. Python's regex engine tests a
# character class of BMP code points against a bitmap, but walks a list of ranges for any class
# that also holds code points above U+FFFF (for each separator, 3x slower on article text): text
# without such characters, nearly all, is split with the BMP ranges only.
_ACCENT = f"[{_DIACRITICS}]"
_TOKEN = re.compile(f"{_char_class(_ALNUM)}(?:{_char_class(_ALNUM)}|{_ACCENT})*")
_BMP_ALNUM = _char_class([(a, min(b, 0xFFFF)) for a, b in _ALNUM if a <= 0xFFFF])
_BMP_TOKEN = re.compile(f"{_BMP_ALNUM}[{_BMP_ALNUM[1:-1]}{_DIACRITICS}]*")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
# ASCII text: letters and digits kept, anything else a space, then str.split() (7x faster
# than a regex on article text: translate has a fast path for ASCII to ASCII).
_ASCII_SPACES = {c: chr(c) if chr(c).isalnum() else " " for c in range(128)}


def _raw_tokens(text: str) -> list[str]:
    """unicode61's tokens, not yet folded."""
    if text.isascii():
        return text.translate(_ASCII_SPACES).split()
    if _ASTRAL.search(text) is None:
        return _BMP_TOKEN.findall(text)
    return _TOKEN.findall(text)


def _fold(token: str) -> str:
    return token.lower() if token.isascii() else token.translate(_FOLD)


def tokenize(text: str) -> list[str]:
    """The tokens of unicode61 (remove_diacritics 2) for `text`, folded, in order."""
    return list(map(_fold, _raw_tokens(text)))


# ---------------------------------------------------------------------------------------------
# porter, as SQLite's fts5PorterCb (fts5_tokenize.c): on the token's UTF-8 bytes.

PORTER_MIN_BYTES = 3  # shorter tokens pass through unstemmed ...
PORTER_MAX_BYTES = 64  # ... and so do longer ones (FTS5_PORTER_MAX_TOKEN)
MAX_TERM_BYTES = 32768  # the index truncates a term to this (FTS5_MAX_TOKEN_SIZE)

_E, _I, _L, _S, _T, _Y = (ord(c) for c in "eilsty")
_VOWELS = frozenset(b"aeiou")


def _is_vowel(c: int, y_is_vowel: bool) -> bool:
    return c in _VOWELS or (y_is_vowel and c == _Y)


def _gobble_vc(z: bytes, cons: bool) -> int:
    """fts5PorterGobbleVC: the length of the first vowels-then-consonant run, or 0."""
    n = len(z)
    i = 0
    while i < n:
        cons = not _is_vowel(z[i], cons)
        if not cons:
            break
        i += 1
    i += 1
    while i < n:
        cons = not _is_vowel(z[i], cons)
        if cons:
            return i + 1
        i += 1
    return 0


def _m_gt0(z: bytes) -> bool:
    return _gobble_vc(z, False) != 0


def _m_gt1(z: bytes) -> bool:
    n = _gobble_vc(z, False)
    return n != 0 and _gobble_vc(z[n:], True) != 0


def _m_eq1(z: bytes) -> bool:
    n = _gobble_vc(z, False)
    return n != 0 and _gobble_vc(z[n:], True) == 0


def _ostar(z: bytes) -> bool:
    """*o: the stem ends consonant-vowel-consonant, the last not w, x or y."""
    if z[-1] in b"wxy":
        return False
    mask = 0
    cons = False
    for c in z:
        cons = not _is_vowel(c, cons)
        mask = ((mask << 1) | cons) & 7
    return mask == 5


def _m_gt1_s_or_t(z: bytes) -> bool:
    return z[-1] in (_S, _T) and _m_gt1(z)


def _has_vowel(z: bytes) -> bool:
    """*v*: a vowel anywhere (`y` counts after the first byte, whatever precedes it)."""
    return any(_is_vowel(c, i > 0) for i, c in enumerate(z))


_Rule = tuple[bytes, bytes, Callable[[bytes], bool] | None]


def _rules(cond: Callable[[bytes], bool] | None, pairs: str) -> list[_Rule]:
    out: list[_Rule] = []
    for pair in pairs.split():
        suffix, _, replacement = pair.partition(">")
        out.append((suffix.encode(), replacement.encode(), cond))
    return out


# In SQLite's order: the first rule whose suffix ends the word (the word longer than it) is the
# only one tried, whether or not its condition holds.
_STEP1B2 = _rules(None, "at>ate bl>ble iz>ize")
_STEP2 = _rules(
    _m_gt0,
    "ational>ate tional>tion enci>ence anci>ance izer>ize logi>log bli>ble alli>al entli>ent "
    "eli>e ousli>ous ization>ize ation>ate ator>ate alism>al iveness>ive fulness>ful "
    "ousness>ous aliti>al iviti>ive biliti>ble",
)
_STEP3 = _rules(_m_gt0, "ical>ic ness> icate>ic iciti>ic ful> ative> alize>al")
_STEP4 = [
    *_rules(_m_gt1, "al> ance> ence> er> ic> able> ible> ant> ement> ment> ent>"),
    (b"ion", b"", _m_gt1_s_or_t),
    *_rules(_m_gt1, "ou> ism> ate> iti> ous> ive> ize>"),
]


def _apply(z: bytes, rules: list[_Rule]) -> tuple[bytes, bool]:
    """The word after the first rule that matches it, and whether that rule changed it."""
    for suffix, replacement, cond in rules:
        if len(z) > len(suffix) and z.endswith(suffix):
            stem = z[: len(z) - len(suffix)]
            if cond is None or cond(stem):
                return stem + replacement, True
            break
    return z, False


def _porter(z: bytes) -> bytes:
    """fts5PorterCb's steps on a token of 3 to 64 bytes."""
    # Step 1a
    if z[-1] == _S:
        if z[-2] == _E:
            n = len(z)
            if (n > 4 and z[-4] == _S and z[-3] == _S) or (n > 3 and z[-3] == _I):
                z = z[:-2]
            else:
                z = z[:-1]
        elif z[-2] != _S:
            z = z[:-1]
    # Step 1b: `eed` -> `ee` (m > 0); else `ed` or `ing` go if a vowel precedes them
    cut = False
    if len(z) > 3 and z.endswith(b"eed"):
        if _m_gt0(z[:-3]):
            z = z[:-1]
    elif len(z) > 2 and z.endswith(b"ed") and _has_vowel(z[:-2]):
        z, cut = z[:-2], True
    elif len(z) > 3 and z.endswith(b"ing") and _has_vowel(z[:-3]):
        z, cut = z[:-3], True
    if cut:
        z, grew = _apply(z, _STEP1B2)
        if not grew:
            c = z[-1]
            if not _is_vowel(c, False) and c not in b"lsz" and len(z) > 1 and c == z[-2]:
                z = z[:-1]
            elif _m_eq1(z) and _ostar(z):
                z += b"e"
    # Step 1c
    if z[-1] == _Y and _has_vowel(z[:-1]):
        z = z[:-1] + b"i"
    # Steps 2 to 4
    z = _apply(z, _STEP2)[0]
    z = _apply(z, _STEP3)[0]
    z = _apply(z, _STEP4)[0]
    # Step 5a
    if z[-1] == _E and (_m_gt1(z[:-1]) or (_m_eq1(z[:-1]) and not _ostar(z[:-1]))):
        z = z[:-1]
    # Step 5b
    if len(z) > 1 and z[-1] == _L and z[-2] == _L and _m_gt1(z[:-1]):
        z = z[:-1]
    return z


def stem(token: str) -> str:
    """The term FTS5's `porter` wrapper, then its index, make of one unicode61 token.

    Tokens of 3 to 64 UTF-8 bytes are stemmed (`generously` -> `gener`, `ponies` -> `poni`),
    others pass through; a term is cut to 32,768 bytes. A byte that stemming or the cut leaves
    without the rest of its character is returned as a lone surrogate (surrogateescape).
    """
    raw = token.encode("utf-8", "surrogateescape")
    if PORTER_MIN_BYTES <= len(raw) <= PORTER_MAX_BYTES:
        out = _porter(raw)
    elif len(raw) > MAX_TERM_BYTES:
        out = raw[:MAX_TERM_BYTES]
    else:
        return token
    return out.decode("utf-8", "surrogateescape")


_CACHE_SIZE = 100_000  # tokens: some 15 MB at most; the cache starts again when full


class _Stems(dict[str, str]):
    """Token as written -> its lexeme, filled on demand: a text's tokens are looked up in C."""

    def __missing__(self, token: str) -> str:
        lexeme = stem(_fold(token))
        if len(token) <= PORTER_MAX_BYTES:  # longer ones are rare and pass through
            if len(self) >= _CACHE_SIZE:
                self.clear()
            self[token] = lexeme
        return lexeme


_STEMS = _Stems()


def lexemes(text: str) -> list[str]:
    """The terms FTS5 indexes for `text` (`normalise.TOKENIZE`), in order: `[stem(t) for t in
    tokenize(text)]`. The index of each is its position, from 0 (a tsvector's start at 1)."""
    return list(map(_STEMS.__getitem__, _raw_tokens(text)))


# ---------------------------------------------------------------------------------------------
# PostgreSQL

# tsvector_in and the tsquery parser reject a lexeme of MAXSTRLEN (2047) bytes or more.
PG_MAX_LEXEME_BYTES = 2046
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_KEEP_BYTES = 1024  # of an overlong lexeme, before its digest


def lexeme_literal(lexeme: str) -> str:
    """`lexeme` as one quoted lexeme of a PostgreSQL tsvector or tsquery literal.

    In single quotes, with `'` doubled and `\\` doubled (inside quotes PostgreSQL's parser takes
    `''` for a quote and a backslash as escaping the next character), so no character of the
    text can be an operator, a position, a weight or a space between lexemes. Append `:1,5` in a
    tsvector, `:*` for a prefix in a tsquery. The literal is the value to send as a query
    parameter (or inside a SQL string literal, itself quoted as SQL wants).

    Two kinds of FTS5 term PostgreSQL cannot hold are spelt so that equal terms still give equal
    literals and different ones different literals: a byte left alone by stemming (a lone
    surrogate, see `stem()`) becomes U+FFFD and its two hex digits (U+FFFD separates in
    unicode61, so no other term holds it); a term longer than PostgreSQL's limit of 2,046 bytes
    keeps its first kilobyte, then U+FFFD, `#` and the SHA-256 of the whole term.
    """
    text = lexeme
    if "\udc80" <= max(lexeme, default="") and _ESCAPED_BYTE.search(lexeme):
        text = _ESCAPED_BYTE.sub(lambda m: f"\ufffd{ord(m.group()) - 0xDC00:02x}", lexeme)
    if len(text) * 4 > PG_MAX_LEXEME_BYTES and len(text.encode()) > PG_MAX_LEXEME_BYTES:
        digest = hashlib.sha256(lexeme.encode("utf-8", "surrogateescape")).hexdigest()
        head = text.encode()[:_KEEP_BYTES].decode("utf-8", "ignore")
        text = f"{head}\ufffd#{digest}"
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
