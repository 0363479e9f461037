"""Date mentions in article text: every expression that names a calendar day, week, month,
season, quarter, half-year, year, decade or century, resolved against the article's dateline.

`find_dates(text, anchor)` is the one call. It returns `DateMention`s in text order, each with
its offsets into `text`, the words as written, a TimeML-style value and how it was resolved:

    value            granularity  example in the text
    2017-03-20       day          March 20, 2017 / 20 March / Monday / yesterday / two days ago
    2017-W12         week         this week / last week / two weeks ago
    2017-W11-WE      week         last weekend / at the weekend (Saturday and Sunday)
    2017-03          month        March 2017 / in March / next month / mid-March
    2017-SU          season       last summer / the summer of 2017   (SP, SU, FA, WI)
    2017-Q1          quarter      the first quarter / Q1 2017 / first-quarter
    2017-H2          half         the second half of the year
    2017             year         2017 / this year / earlier this year / fiscal 2017
    199X             decade       the 1990s / the nineties / a decade ago (201X - 1)
    19               century      the 20th century
    2014/2016        (parts')     from 2014 to 2016 / 1987/88 / between March and May / March 5-7

A range's value is its two ends joined by `/`, and its granularity is its ends' (a range of
months is `month`): `is_range` tells it apart, `first_day`/`last_day` cover it whole.
Every mention has `first_day` and `last_day`, the ISO days its value covers, so a store can
filter by overlap and a timeline can bin by day, week or month. A winter is the one that
starts in December of its year (`2016-WI` is December 2016 to February 2017); a century `19`
is 1900-1999 and a decade `199X` 1990-1999.

`how` says where the value came from:
- `explicit`: the text gives it whole (`March 22, 2017`, `2016`, `the 1990s`, `Q3 2016`);
- `anchored`: the text names a place in the calendar without its year (`March 5`, `in May`,
  `the first quarter`, `the summer`, `Monday`): the year (the week, for a weekday) is the
  dateline's, moved by the tense around it;
- `relative`: a distance from the dateline (`yesterday`, `last week`, `next month`,
  `two days ago`, `this year`, `last Monday`).
`tense` is the cue that chose between the past and the next one (`past`, `future`; `""` when
none was needed or none was found), and `mod` a modifier the span carries (`early`, `mid`,
`late`; `mid-March`, `the end of 2015`, `the early 1990s`).

The anchor is the dateline: a `date`, or an ISO string at the precision the article has
(`2017-03-22`, `2017-03`, `2017`). What needs more than the anchor gives is left out: with a
month-only anchor `March 5` resolves (the year) but `Monday` and `yesterday` do not; with a
year-only anchor a month without a year is taken to be in that year; an undated article
(`None`) keeps only what the text states whole (`explicit`).

The tense rules, as a careful reader of news applies them:
1. `last`, `next`, `this` decide alone: `last Friday` is the latest Friday before the
   dateline's day, `next Friday` the first after it, `this Friday` the one of the dateline's
   ISO week; `last March` the latest March before the dateline's month.
2. Otherwise the nearest tense cue in the same clause decides (the window stops at a full
   stop, a comma before the date, `which`/`who`, and after the date at `and`, `that`, `when`
   ...; a tie goes to the cue before). Forward: `will`, `would`, `could`, `scheduled`,
   `expected`, `due`, `plans to`, `set for`, `to be held`, `until`, verbs of commitment and
   prediction even in the past (`promised`, `forecast`), and the present tense of a
   scheduled event (`goes to Congress on Monday`, `meets`). Back: `ago`, `since`, `was`, `had`,
   `has`, an irregular past (`met`, `rose`) or an `-ed` word, except a participle after `be` or
   a determiner (`will be held`, `the proposed merger`). A verb of saying (`said`, `told`) is a
   cue only just before the date (`said on Monday`): it dates the saying, not what was said.
   After the date an infinitive (`voted on Friday to close`) or a verb of saying is no cue.
3. A bare weekday is the latest one on or before the dateline's day, or with a forward cue
   the first on or after it: in an article dated Monday, `on Monday` is that day (wire copy
   names the day it is filed on), `on Friday` is three days before, `will meet on Friday`
   four days after.
4. A month, a day of a month, a season, a quarter or a half named without its year: with a
   past cue it is the latest one that has begun by the dateline (`rose in April` in March is
   last April); with a forward cue the first that has not ended, but only up to six months
   ahead, since a date in another year is written with its year (`will open on March 5` on
   March 22 is this year's March 5; `will be issued in February` on December 28 is next
   February); with no cue the nearest one, the earlier on a tie (`December` in a January
   article is last December). A noun after it can decide instead: a delivery month is ahead
   (`March shipment`), a reported period has begun (`February figures`, `fourth-quarter
   results`). In a range the end without a cue moves to keep the ends in order.

What is left out, because it names no calendar period of its own: times of day (`at 10
a.m.`, `tonight`, `last night`; but `10 a.m. Monday` keeps its Monday), durations (`for three
years`, `the past week`, `the last year`, `in two weeks`), sets (`every Monday`, `on
Mondays`, `each year`), ages (`the 45-year-old`, `in his 60s`), expressions anchored to
another event rather than the dateline (`the day before`, `the following week`, `a year
earlier`), vague ones (`recently`, `in recent years`, `now`), four-digit numbers that count
(`2016 people`, `some 1900 homes`, `Flight 1987`, `at 1930 GMT`), and month words that are
not months: `may` the verb (months are capitalised), `Theresa May`, `Mrs May`, `the March on
Washington`. `May`, `March` and `August` alone count as months only where a date is
expected (after `in`, `since`, `until`, `of`, `last`, `early`..., or in a range).

Cost: two precompiled regexes whose alternatives all start with a literal find the core words
(a month, a weekday, a year-like number, `Q3`, `yesterday`, or after a space `year`, `week`,
`ago`, `summer`...) at C speed; each kind of expression that can hold the core is then matched
only at the few word starts before it, and the tense is read only for mentions that need it.
About 55 µs for a 3 KB article of the benchmark corpus, 70 µs for a 1 KB Reuters story (real
copy holds more dates: about 15-20 µs a mention).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import repeat

VERSION = 1  # bump when the rules change: stored mentions record the version that found them

DAY, WEEK, MONTH, SEASON, QUARTER, HALF, YEAR, DECADE, CENTURY = (
    "day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
EXPLICIT, ANCHORED, RELATIVE = "explicit", "anchored", "relative"
PAST, FUTURE = "past", "future"
EARLY, MID, LATE = "early", "mid", "late"


@dataclass(frozen=True)
class DateMention:
    """One date expression: `text[start:end] == surface`; vocabulary in the module docstring."""

    start: int
    end: int
    surface: str
    value: str
    granularity: str
    how: str
    tense: str = ""
    mod: str = ""

    @property
    def is_range(self) -> bool:
        return "/" in self.value

    @property
    def first_day(self) -> str:
        """The first ISO day the value covers."""
        return period(self.value)[0].isoformat()

    @property
    def last_day(self) -> str:
        """The last ISO day the value covers."""
        return period(self.value)[1].isoformat()


@dataclass(frozen=True)
class Anchor:
    """The dateline: `day` is its first day, `precision` `day`, `month` or `year`."""

    day: date
    precision: str = DAY

    @classmethod
    def of(cls, value: date | str | Anchor | None) -> Anchor | None:
        """An Anchor from a date, an ISO string (`2017-03-22`, `2017-03`, `2017`) or None.
        ValueError for a string that is none of these."""
        if value is None or isinstance(value, Anchor):
            return value
        if isinstance(value, date):
            return cls(value, DAY)
        return _anchor_of(value)


@lru_cache(maxsize=4096)
def _anchor_of(value: str) -> Anchor:
    """An Anchor from an ISO string (articles repeat their dates: cached)."""
    parts = value.strip().split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not an ISO date: {value!r}")
    nums = [int(p) for p in parts] + [1, 1]
    return Anchor(date(nums[0], nums[1], nums[2]), (YEAR, MONTH, DAY)[len(parts) - 1])


# --- Words ------------------------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_OF = {**_ABBREVIATIONS, **MONTHS}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_INDEX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "sixty": 60, "hundred": 100, "a hundred": 100, "a couple of": 2,
            "a dozen": 12}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18}


def _title_and_caps(words: list[str]) -> str:
    return "|".join([w.capitalize() for w in words] + [w.upper() for w in words])


def _any_case(words: list[str]) -> str:
    return "|".join(words + [w.capitalize() for w in words] + [w.upper() for w in words])


_MONTH_FULL = _title_and_caps(sorted(MONTHS, key=len, reverse=True))
_MONTH_ABBR = _title_and_caps(["sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                               "oct", "nov", "dec"])
_WEEKDAY = _title_and_caps(list(WEEKDAYS))
_SEASON = _any_case(list(SEASONS))
_MON = rf"(?:(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])(?!\.\d)"
_YEAR = r"(?:1[6-9]|20)\d\d(?![\d%]|[-/–]\d)"  # not the start of `2017-03-22`, `1987/88`
_YEAR_ANY = r"(?:1[6-9]|20)\d\d(?![\d%])"
_MOD = r"(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-|\s+)"
_UNIT = r"day|week|month|year|decade|century"
_REL_YEAR = r"(?:,?\s+(?:of\s+)?(?P<ry>last|this|next)\s+year\b)"  # `May last year`
_NUMBER = r"\d{1,3}|" + _any_case(sorted(_NUMBERS, key=len, reverse=True))

# Each kind of expression, most specific first (at one position the first that matches wins).
# Named groups are read by the kind's own compiled pattern; the combined scanner drops them.
_KINDS: list[tuple[str, str]] = [
    ("iso", r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?![\d-])"),
    ("md", rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<mod>{_MOD}))?(?P<mon>{_MON})\s*"
           rf"(?P<d>{_DAYNUM})(?:\s*(?P<join>-|–|to|through|and)\s*(?P<d2>{_DAYNUM}))?"
           rf"(?:,?\s+(?P<y>{_YEAR})|{_REL_YEAR})?"),
    ("dm", rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:[Tt]he\s+)?(?<![\d.,:$£€])(?P<d>{_DAYNUM})"
           rf"(?:\s*(?:-|–|to)\s*(?P<d2>{_DAYNUM}))?\s+(?:of\s+)?(?P<mon>{_MON})"
           rf"(?:,?\s+(?P<y>{_YEAR})|{_REL_YEAR})?"),
    ("my", rf"(?:(?P<mod>{_MOD}))?(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<y>{_YEAR})"),
    ("season_y", rf"(?:[Tt]he\s+)?(?:(?P<mod>{_MOD}))?(?P<s>{_SEASON})\s+(?:of\s+)?"
                 rf"(?P<y>{_YEAR})"),
    ("part", r"(?:[Tt]he\s+)?(?P<n>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|1st|2nd|3rd"
             r"|4th)[- ](?P<u>quarter|qtr|half|Quarter|Half)\b"
             rf"(?:,?\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y>{_YEAR})"
             r"|(?P<rel>this|last|next|the|the\s+current)\s+(?:fiscal\s+)?year\b))?"),
    ("part_y", rf"(?P<y>{_YEAR})\s+(?P<n>first|second|third|fourth|final|1st|2nd|3rd|4th)"
               r"[- ](?P<u>quarter|qtr|half)\b"),
    ("q", rf"\b(?:(?P<y0>{_YEAR})[\s-])?(?P<q>[QH][1-4])\b(?:[\s-](?P<y>{_YEAR}))?"),
    ("decade", rf"(?:[Tt]he\s+)?(?:(?P<mod>{_MOD}))?(?P<dec>(?:1[5-9]|20)\d0)'?s\b"),
    ("decade2", rf"[Tt]he\s+(?:(?P<mod>{_MOD}))?(?:'(?P<dd>\d0)s|(?P<dd2>[2-9]0)'?s\b"
                r"|(?:[Nn]ineteen[- ])?(?P<dw>" + "|".join(_DECADE_WORDS) + r")\b)"),
    ("century", rf"(?:[Tt]he\s+)?(?:(?P<mod>{_MOD}))?(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)"
                r"|(?P<cw>" + "|".join(_CENTURY_WORDS) + r"))[- ][Cc]entury\b"),
    ("ago", rf"\b(?P<n>{_NUMBER})\s+(?P<u>{_UNIT})s?\s+(?P<dir>ago|from\s+now|hence)\b"),
    ("day_rel", r"\b(?:[Tt]he\s+day\s+(?P<two>before\s+yesterday|after\s+tomorrow)"
                r"|(?P<w>[Yy]esterday|[Tt]oday|[Tt]omorrow|YESTERDAY|TODAY|TOMORROW))\b"),
    ("fiscal", rf"\b(?:[Ff]iscal|FY|[Ff]inancial)\s*(?:[Yy]ear\s+)?(?P<y>{_YEAR_ANY})"
               r"(?:\s*[-/–]\s*(?P<y2>(?:19|20)?\d\d)(?![\d%]))?"),
    ("rel", r"\b(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+(?:in\s+)?|(?P<mod>[Ee]arly|[Ll]ate|[Mm]id)"
            r"(?:-|\s+))?(?P<rel>[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Ll]ast|[Nn]ext"
            r"|[Pp]ast|[Cc]oming|[Cc]urrent|[Tt]he)\s+(?:fiscal\s+|calendar\s+)?"
            r"(?P<u>weekend|week|month|year|quarter|decade|century|" + _SEASON + r")\b"),
    ("end_of", r"\b(?:[Tt]he\s+)?(?P<pos>end|beginning|start|middle)\s+of\s+(?:the\s+)?"
               r"(?P<u>week|month|year|quarter|decade)\b"),
    ("weekday", r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his"
                r"|[Cc]oming|[Pp]ast)\s+)?(?P<wd>" + _WEEKDAY + r")(?![A-Za-z])"),
    ("year_range", rf"(?<![\d$£€#.,/:-])(?:(?P<mod>{_MOD}))?(?P<y>{_YEAR_ANY})\s*[-/–]\s*"
                   r"(?P<y2>(?:19|20)?\d\d)(?![\d%]|[.,:/-]\d)"),
    ("month", rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+|(?P<mod>{_MOD}))?"
              rf"(?P<mon>{_MONTH_FULL})\b{_REL_YEAR}?"),
    ("season", rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Tt]he|[Ee]arly|[Ll]ate|[Mm]id-?|in|during"
               rf"|In|During|its|their|his|her|our)\s*(?P<s>{_SEASON})\b"),
    ("year", rf"(?<![\d$£€#.,/:-])(?:(?P<mod>{_MOD}))?(?P<y>{_YEAR})(?![.,:]\d|')"),
]
_GROUP = re.compile(r"\(\?P<\w+>")

# The scan. Python's `re` tries every alternative at every position, which for the patterns
# above costs about 2 µs a character; a pattern whose alternatives all start with a literal
# skips the characters none of them can start with in C. So two such patterns find the core
# words (a month, a weekday, a year-like number, `Q3`, or after a space a word such as `year`,
# `ago`, `summer`, `yesterday`), and the kinds that can hold a core are matched only at the
# few word starts just before it.
_CAPS_CORES = "|".join([
    _title_and_caps(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                     "dec"]),
    _WEEKDAY, r"Q[1-4]|H[12]|FY", _title_and_caps(["yesterday", "today", "tomorrow"]),
    _title_and_caps(list(SEASONS)), r"1[6-9]\d\d|20\d\d|'\d0s"])
# After a space (a literal first character makes the scan fast, a class like `[ -]` does not):
# `first-` stands for `first-quarter`, `year` not followed by a letter (`years` is a duration).
_WORD_CORES = (r" (?:y(?:ear(?![a-z])|esterday)|w(?:eek|inter)|month|a(?:go|utumn)"
               r"|to(?:day|morrow)|q(?:uarter|tr)|half|decade|century"
               r"|s(?:pring|ummer|econd-|ixties|eventies)|f(?:all|iscal|irst-|ourth-|inal-|orties"
               r"|ifties)|t(?:hird-|wenties|hirties)|eighties|nineties)")
_TRIGGERS = (re.compile(f"(?:{_CAPS_CORES})"), re.compile(_WORD_CORES))
_CLASSES = {
    "month": ("md", "dm", "my", "month"),
    "weekday": ("md", "dm", "weekday"),
    "number": ("iso", "part_y", "q", "decade", "decade2", "fiscal", "year_range", "year"),
    "q": ("q",),
    "unit": ("season_y", "part", "century", "rel", "end_of", "season"),
    "ago": ("ago",),
    "day": ("day_rel",),
    "decade": ("decade2",),
}
_KIND_PATTERN = dict(_KINDS)
_CLASS_SCAN = {
    name: re.compile("|".join(f"(?P<{k}>{_GROUP.sub('(?:', _KIND_PATTERN[k])})" for k in kinds))
    for name, kinds in _CLASSES.items()}
_PARTS = {kind: re.compile(p) for kind, p in _KINDS}
_MONTH_PREFIXES = {m[:3] for m in MONTHS}
_DAY_WORDS = {"yesterday", "today", "tomorrow"}
_LEFT_WORDS, _LEFT_CHARS = 4, 40  # how far before a core an expression can start


def _class_of(core: str) -> str:
    """Which kinds a trigger's core word can be part of."""
    first = core[0]
    if first in " -":
        word = core[1:].lower()
        if word == "ago":
            return "ago"
        if word in _DAY_WORDS:
            return "day"
        return "decade" if word.endswith("ties") else "unit"  # `first-` is a unit's
    if first.isdigit() or first == "'" or core == "FY":
        return "number"
    low = core.lower()
    if first in "QH" and len(core) == 2:
        return "q"
    if low in _DAY_WORDS:
        return "day"
    if low in SEASONS:
        return "unit"
    if low in WEEKDAYS:
        return "weekday"
    return "month" if low in _MONTH_PREFIXES else "unit"


# --- Context ----------------------------------------------------------------------------------

_WORD_BEFORE = re.compile(r"[A-Za-z][\w'’.-]*$")
_WORD_AFTER = re.compile(r"^[\s,]*([A-Za-z][\w'’-]*)")
# Words after which a month alone is a date (`in May`), so `May`, `March`, `August` count.
_DATE_PREPOSITIONS = {
    "in", "since", "until", "till", "through", "from", "during", "before", "after", "of",
    "last", "next", "this", "early", "late", "mid", "mid-", "between", "throughout", "by",
    "for", "to", "and", "or", "on", "around", "into", "within", "as", "than", "that",
}
_AMBIGUOUS_MONTHS = {"may", "march", "august"}
_WEAK_PREPOSITIONS = {"to", "and", "or", "by", "for", "as", "than", "that", "on"}
_NOT_AFTER_A_MONTH = {
    "said", "says", "told", "added", "has", "have", "had", "is", "was", "will", "would", "could",
    "should", "can", "did", "does", "who", "herself", "himself", "wants", "insisted", "argued",
    "announced", "against", "organisers", "organizers", "protesters", "marchers"}
# Nouns after a month that make it a delivery month, ahead of the dateline (`March shipment`).
_FORWARD_NOUNS = {"shipment", "shipments", "delivery", "deliveries", "futures", "contract",
                  "contracts", "loading", "loadings", "expiry", "options"}
# Nouns after a month or quarter that make it the period a report measures, which has begun
# (`will publish February figures`, `will report fourth-quarter results` early in the year).
_REPORT_NOUNS = {"figures", "data", "sales", "results", "earnings", "profit", "profits",
                 "output", "production", "exports", "imports", "numbers", "statistics",
                 "index", "inflation", "revenue", "revenues", "entitlements", "orders",
                 "payrolls", "loss", "losses", "net", "growth", "turnover", "volume"}
# Nouns after a season that make it a kind of thing rather than a date (`winter wheat`).
_SEASON_KINDS = {"and", "or", "session", "sessions", "term", "terms", "semester", "offensive",
                 "olympics", "games", "house", "school", "camp", "fashion", "collection",
                 "wheat", "crop", "crops", "sowing", "planting", "harvest", "solstice",
                 "equinox", "storm", "storms", "weather", "coat", "coats", "tyres", "tires"}
_MONTH_PAIR = re.compile(rf"\s*(?:/|-|–|to|through|and|or)\s*(?:{_MONTH_FULL})\b")
# Capitalised words before a name-like month or weekday that still leave it a date.
_FUNCTION_WORDS = {w.capitalize() for w in _DATE_PREPOSITIONS} | {
    "The", "A", "An", "On", "At", "By", "Last", "Next", "This", "Early", "Late", "Mid", "Since",
    "Every", "Each", "But", "And", "Or", "So", "Then", "Until", "Through", "Between", "Also",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "ON", "IN", "BY", "SINCE", "FROM", "UNTIL", *(m.capitalize() for m in MONTHS),
}
_TITLES = {"Mrs", "Mrs.", "Ms", "Ms.", "Mr", "Mr.", "Dr", "Dr.", "Minister", "Prime", "Sen.",
           "Senator", "Rep.", "President", "Judge", "Justice", "Governor", "Gov.", "Lady",
           "Sir", "Dame", "Saint", "St.", "Lord"}
# Nouns that make a four-digit number a count, not a year (`2016 people`).
_COUNTED = set("""
people persons residents men women children kids students pupils voters members workers
employees staff jobs troops soldiers police officers fighters migrants refugees patients
deaths cases victims households families homes houses flats apartments buildings cars
vehicles trucks units shares stocks dollars dlrs euros pounds yen yuan rupees francs marks
cents pct percent barrels bpd tonnes tons tonne ton bags kilos kg km kilometres kilometers
miles metres meters feet ft acres hectares points votes seats beds rooms pages words copies
items products tickets passengers flights guests visitors delegates participants
signatures contracts lots ounces oz mln billion million bushels bales head cattle animals
birds trees species hours minutes seconds days weeks times calories gallons litres liters
""".split())
_TIMES = re.compile(r"\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|IST|JST|hrs\b|hours\b"
                    r"|h\b|local\b|[ap]\.?m\b)")
_COUNT_BEFORE = {"about", "some", "nearly", "almost", "approximately", "roughly", "over",
                 "than", "under", "No.", "no.", "No", "Number", "number", "Flight", "flight",
                 "Route", "route", "Room", "room", "Page", "page", "Article", "article",
                 "Resolution", "resolution", "Model", "model", "Interstate", "Highway",
                 "highway", "Bus", "bus", "Channel", "channel", "Gate", "gate", "Lot", "lot",
                 "Windows", "Boeing", "Airbus", "ISO", "Form", "form", "Rule", "rule", "Act",
                 "Section", "section", "Chapter", "chapter", "Vol", "Vol.", "Part", "part",
                 "Platform", "Apartment", "Suite", "suite", "Box", "PO", "Code", "code",
                 "Law", "law", "Decree", "decree", "Bill", "bill", "Case", "case", "Item",
                 "item", "Level", "level", "Grade", "grade", "Cup", "minus", "plus", "Ps"}
_DETERMINERS = {"the", "its", "his", "her", "their", "our", "this", "that", "a", "an", "in",
                "of", "for", "from", "since", "by", "during", "and", "to", "until"}

# Tense cues, read in the clause around a mention that needs one (rules 2-4). The window is
# split into words by one simple pattern and the words are looked up: a regex of cues with
# lookbehinds costs 40 µs a mention, this a few.
_FUTURE_WORDS = set("""
will won't shall would planned planning scheduled expected due slated until till upcoming
starting effective deadline begins opens starts meets resumes ends expires promised pledged
vowed hoped hopes intended threatened urged predicted projected anticipated awaits awaited
forecast forecasts outlook ending begin resume meet convene expire start could might should
goes go comes come arrives arrive travels travel heads faces hosts holds returns kicks
""".split())
# Verbs of commitment and prediction look forward even in the past tense; `the year ending
# March 31` is the current one (`ended` is past); and news writes a scheduled event in the
# present: `goes to Congress on Monday`.
_FUTURE_PAIRS = {
    "going": {"to"}, "plan": {"to"}, "plans": {"to"}, "set": {"to", "for"}, "expect": {"to"},
    "expects": {"to"}, "is": {"to", "forecast"}, "are": {"to", "forecast"},
    "was": {"to", "forecast"}, "were": {"to", "forecast"}, "aim": {"to"}, "aims": {"to"},
    "intend": {"to"}, "intends": {"to"}, "agreed": {"to"}, "ahead": {"of"}, "forecast": {"to"},
    "seen": {"at", "as", "higher", "lower", "rising", "falling", "reaching"},
    "to": {"begin", "start", "open", "close", "end", "expire", "resume", "meet", "vote",
           "convene", "launch", "take"},
}
_PAST_WORDS = set("""
was were had did has have ago since met rose fell won lost left held led gave got found became
sold bought paid spent sent struck took made came went saw began ran wrote spoke broke chose
drove fought flew grew knew brought caught taught thought sought built felt kept meant stood
withdrew beat bid slid hit quit told said dealt fled drew sank shot shut slept sprang stole
swept swore threw underwent upheld woke overtook wore arose
""".split())
_SAYING = {"said", "told", "announced", "reported", "added", "stated", "confirmed", "wrote",
           "disclosed", "declared", "revealed", "noted", "argued", "warned", "explained"}
_NOT_PAST = {"need", "speed", "feed", "seed", "indeed", "proceed", "exceed", "succeed", "red",
             "bed", "shed", "united", "limited", "based", "hundred", "related", "called",
             "interested", "concerned", "detailed", "advanced", "biased", "embed", "breed",
             "weed", "greed", "creed", "deed", "heed", "wed", "fed"}
# A participle after these is passive or an adjective, not a past tense: `will be held`,
# `the proposed merger`.
_BEFORE_PARTICIPLE = {"be", "being", "been", "the", "a", "an", "its", "their", "his", "her"}
_AUXILIARIES = {"was", "were", "had", "did", "has", "have", "ago", "since"}
# A date belongs to its clause: the window before it starts after the last comma or clause word,
# the one after it stops at a clause word (`On Monday, the board will vote` crosses a comma).
_CLAUSE_BEFORE = {"who", "which", "whose", "whom", "where", "while", "whereas"}
_CLAUSE_AFTER = {"and", "but", "or", "who", "which", "whose", "where", "while", "whereas",
                 "when", "after", "before", "because", "although", "though", "as", "if",
                 "since", "than", "that"}
_WINDOW_BEFORE, _WINDOW_AFTER, _WINDOW_WORDS = 90, 40, 99
_CLAUSE_END = set(",;:.!?()—–")  # a word ending so ends its clause (`U.S.` too: accepted)
_DASHES = {"-", "--", "—", "–"}
_QUOTES = "\"'“”‘’()[]"
_NOT_AFTER = {"to", "until", "till", "ahead", "effective", "starting", "deadline"}
_NEAR = 2  # words between: how close a verb of saying must be to date the mention

# What may stand between two mentions that form a range, and what may open one.
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and|/)\s*")
_RANGE_OPEN = re.compile(r"(?:\b([Ff]rom|[Bb]etween)\s+)$")
_EDGE_OF = re.compile(
    r"(?:\b(?:[Tt]he\s+)?(?:very\s+)?(?P<pos>end|beginning|start|middle|turn|close)\s+of\s+)$")
_EDGE_MOD = {"end": LATE, "close": LATE, "beginning": EARLY, "start": EARLY, "turn": EARLY,
             "middle": MID}


# --- Values -----------------------------------------------------------------------------------

def period(value: str) -> tuple[date, date]:
    """The first and last day a value covers (a range: its first end's first day to its
    last end's last day). ValueError for a value this module does not write."""
    if "/" in value:
        first, _, last = value.partition("/")
        return period(first)[0], period(last)[1]
    if len(value) == 2 and value.isdigit():  # century
        c = int(value)
        return date(c * 100, 1, 1), date(c * 100 + 99, 12, 31)
    if len(value) == 4 and value.endswith("X"):  # decade
        d = int(value[:3]) * 10
        return date(d, 1, 1), date(d + 9, 12, 31)
    year = int(value[:4])
    rest = value[5:]
    if not rest:
        return date(year, 1, 1), date(year, 12, 31)
    if rest in _SEASON_INDEX:
        opens = 3 + 3 * _SEASON_INDEX[rest]  # March, June, September, December
        end_year, end_month = (year + 1, 2) if rest == "WI" else (year, opens + 2)
        return date(year, opens, 1), _month_end(end_year, end_month)
    if rest[0] == "W":
        monday = date.fromisocalendar(year, int(rest[1:3]), 1)
        if rest.endswith("WE"):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if rest[0] == "Q":
        q = int(rest[1])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if rest[0] == "H":
        h = int(rest[1])
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    month = int(rest[:2])
    if len(rest) == 2:
        return date(year, month, 1), _month_end(year, month)
    day = date(year, month, int(rest[3:5]))
    return day, day


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _week(d: date, weekend: bool = False) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if weekend else "")


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + by, 12)
    return y, m + 1


def _nearest(candidates: list[tuple[date, date, str]], anchor: date, tense: str) -> str:
    """Of periods (first, last, value) in time order, one a year apart, the one the tense
    points to (rule 4 of the module docstring)."""

    def distance(c: tuple[date, date, str]) -> int:
        if c[0] <= anchor <= c[1]:
            return 0
        return (c[0] - anchor).days if c[0] > anchor else (anchor - c[1]).days

    if tense == PAST:
        begun = [c for c in candidates if c[0] <= anchor]
        return begun[-1][2] if begun else candidates[0][2]
    if tense == FUTURE:
        this_year = [c for c in candidates if c[0].year == anchor.year]
        left = [c for c in candidates if c[1] >= anchor]
        if left and (left[0][0] - anchor).days > _AHEAD and this_year:
            return this_year[0][2]  # `will open on March 5` on March 22: this year's
        return left[0][2] if left else candidates[-1][2]
    return min(candidates, key=distance)[2]  # past first on a tie: candidates in time order


# --- The scan ---------------------------------------------------------------------------------

class _Skip(Exception):
    """A candidate that is not a date mention after all."""


def find_dates(text: str, anchor: date | str | Anchor | None) -> list[DateMention]:
    """Every date mention in `text`, in order, resolved against `anchor` (the dateline: a
    date, an ISO string at its precision, or None for an undated article). Rules in the
    module docstring; pure, and cheap enough to run on every article at ingest."""
    hits = [(m.start(), m.end()) for trigger in _TRIGGERS for m in trigger.finditer(text)]
    if not hits:
        return []
    hits.sort()
    a = Anchor.of(anchor)
    found: list[DateMention] = []
    done = 0  # where the last mention ended: a core inside it is part of it
    for start, end in hits:
        core = start + 1 if text[start] == " " else start
        if core < done:
            continue
        scan = _CLASS_SCAN[_class_of(text[start:end])]
        matches = [m for m in map(scan.match, repeat(text), _starts(text, core, done))
                   if m is not None and m.end() > core]
        # the longest reading first (`winter 2016` before `in winter`), then the earliest
        matches.sort(key=lambda m: (-m.end(), m.start()))
        for m in matches:
            kind = m.lastgroup
            assert kind is not None
            try:
                mention = _RULES[kind](text, m.start(), m.end(), a, found)
            except (_Skip, OverflowError, ValueError):  # not a date; or one outside the
                continue  # calendar (`next week` from a 9999-12-30 placeholder dateline)
            found.append(mention)
            done = mention.end
            break
    return _finish(text, found)


def _starts(text: str, core: int, done: int) -> list[int]:
    """Where an expression holding the core at `core` can start: the core itself and up to
    `_LEFT_WORDS` word starts before it on its line, furthest first."""
    lo = max(done, core - _LEFT_CHARS, text.rfind("\n", 0, core) + 1)
    starts = [core]
    at = core
    for _ in range(_LEFT_WORDS + 1):
        space = text.rfind(" ", lo, at)
        if space < 0:
            if lo < at and lo not in starts:
                starts.append(lo)
            break
        if space + 1 < at and space + 1 not in starts:
            starts.append(space + 1)
        at = space
    starts.reverse()
    return starts


_STEP = {"last": -1, "this": 0, "next": 1}
# How far ahead a forward cue may move a date written without its year: further than this,
# the date is this year's (a date in another year is written with it) and the cue is about
# something else.
_AHEAD = 183
_Rule = Callable[[str, int, int, "Anchor | None", list[DateMention]], DateMention]


def _parts(kind: str, text: str, start: int, end: int) -> re.Match[str]:
    m = _PARTS[kind].match(text, start, end)
    assert m is not None and m.end() == end, (kind, text[start:end])
    return m


def _mention(text: str, start: int, end: int, value: str, granularity: str, how: str,
             tense: str = "", mod: str = "") -> DateMention:
    return DateMention(start, end, text[start:end], value, granularity, how, tense, mod)


def _mod(word: str | None) -> str:
    if not word:
        return ""
    w = word.lower().rstrip("- ").strip()
    return {"early": EARLY, "mid": MID, "late": LATE}.get(w, "")


def _need(a: Anchor | None, precision: str) -> Anchor:
    """The anchor when it is at least as precise as `precision`; _Skip otherwise."""
    order = {YEAR: 0, MONTH: 1, DAY: 2}
    if a is None or order[a.precision] < order[precision]:
        raise _Skip
    return a


def _iso(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    g = _parts("iso", text, s, e)
    try:
        date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        raise _Skip from None
    return _mention(text, s, e, g.group(0), DAY, EXPLICIT)


def _day_of_month(text: str, s: int, e: int, a: Anchor | None, kind: str) -> DateMention:
    g = _parts(kind, text, s, e)
    mon_word = g["mon"].rstrip(".").lower()
    month = _MONTH_OF[mon_word]
    if mon_word in _AMBIGUOUS_MONTHS and g["y"] is None and g["wd"] is None:
        before = _word_before(text, s)
        if before in _TITLES or _is_name(before):
            raise _Skip  # `Theresa May 5` is not a date
    d1 = int(g["d"].rstrip("stndrh"))
    d2 = int(g["d2"].rstrip("stndrh")) if g["d2"] else None
    if g.groupdict().get("join") == "and" and not _opened_by(text, s, "between"):
        e, d2 = g.end("d"), None  # `on Feb 17 and 19`: two days, the second without its month
    if d2 is not None and d2 <= d1:
        raise _Skip  # `March 5-3` is no range of days
    mod = _mod(g["mod"]) if "mod" in g.groupdict() else ""
    if g["y"]:
        return _mention(text, s, e, _day_value(int(g["y"]), month, d1, d2), DAY, EXPLICIT,
                        mod=mod)
    if g["ry"]:
        year = _need(a, YEAR).day.year + _STEP[g["ry"]]
        return _mention(text, s, e, _day_value(year, month, d1, d2), DAY, RELATIVE, mod=mod)
    if a is None:
        return _mention(text, s, e, _day_value(None, month, d1, d2), DAY, ANCHORED, mod=mod)
    if a.precision == YEAR:
        return _mention(text, s, e, _day_value(a.day.year, month, d1, d2), DAY, ANCHORED,
                        mod=mod)
    tense = _tense(text, s, e)
    candidates = []
    for year in (a.day.year - 1, a.day.year, a.day.year + 1):
        try:
            value = _day_value(year, month, d1, d2)
        except _Skip:
            continue  # 29 February
        first, last = period(value)
        if a.precision == MONTH:  # only the month of the dateline is known: compare months
            first, last = first.replace(day=1), _month_end(year, month)
        candidates.append((first, last, value))
    if not candidates:
        raise _Skip
    return _mention(text, s, e, _nearest(candidates, a.day, tense), DAY, ANCHORED,
                    tense, mod)


def _day_value(year: int | None, month: int, d1: int, d2: int | None) -> str:
    """`2017-03-05`, or `2017-03-05/2017-03-07` for `March 5-7`; `XXXX` for an unknown year.
    _Skip for a day the month does not have."""
    y = "XXXX" if year is None else f"{year:04d}"
    try:
        date(2000 if year is None else year, month, d2 or d1)  # 2000: 29 February exists
    except ValueError:
        raise _Skip from None
    first = f"{y}-{month:02d}-{d1:02d}"
    return first if d2 is None else f"{first}/{y}-{month:02d}-{d2:02d}"


def _md(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    return _day_of_month(text, s, e, a, "md")


def _dm(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    return _day_of_month(text, s, e, a, "dm")


def _my(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    g = _parts("my", text, s, e)
    month = _MONTH_OF[g["mon"].rstrip(".").lower()]
    return _mention(text, s, e, f"{int(g['y']):04d}-{month:02d}", MONTH, EXPLICIT,
                    mod=_mod(g["mod"]))


def _season_y(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
              ) -> DateMention:
    g = _parts("season_y", text, s, e)
    code = SEASONS[g["s"].lower()]
    return _mention(text, s, e, f"{int(g['y']):04d}-{code}", SEASON, EXPLICIT,
                    mod=_mod(g["mod"]))


def _part(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
          ) -> DateMention:
    g = _parts("part", text, s, e)
    n = _ORDINALS[g["n"].lower()]
    unit = g["u"].lower()
    half = unit == "half"
    if half and n > 2:
        raise _Skip
    letter, gran = ("H", HALF) if half else ("Q", QUARTER)
    if g["y"]:
        return _mention(text, s, e, f"{int(g['y']):04d}-{letter}{n}", gran, EXPLICIT)
    if g["rel"]:
        anchor = _need(a, YEAR)
        year = anchor.day.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        return _mention(text, s, e, f"{year:04d}-{letter}{n}", gran, RELATIVE)
    after = _WORD_AFTER.match(text[e:e + 20])
    if after and after.group(1).lower() in ("of", "century", "inning", "innings"):
        raise _Skip  # `the first half of the match`, `the second half of the 20th century`
    if a is None:
        return _mention(text, s, e, f"XXXX-{letter}{n}", gran, ANCHORED)
    if a.precision == YEAR:
        return _mention(text, s, e, f"{a.day.year:04d}-{letter}{n}", gran, ANCHORED)
    tense = _noun_tense(text, e) or _tense(text, s, e)
    size = 6 if half else 3
    candidates = [(date(y, size * (n - 1) + 1, 1), _month_end(y, size * n),
                   f"{y:04d}-{letter}{n}") for y in (a.day.year - 1, a.day.year, a.day.year + 1)]
    anchor_day = a.day if a.precision == DAY else a.day.replace(day=15)
    return _mention(text, s, e, _nearest(candidates, anchor_day, tense), gran,
                    ANCHORED, tense)


def _part_y(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
            ) -> DateMention:
    g = _parts("part_y", text, s, e)
    n = _ORDINALS[g["n"].lower()]
    if g["u"] == "half":
        if n > 2:
            raise _Skip
        return _mention(text, s, e, f"{int(g['y']):04d}-H{n}", HALF, EXPLICIT)
    return _mention(text, s, e, f"{int(g['y']):04d}-Q{n}", QUARTER, EXPLICIT)


def _q(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    g = _parts("q", text, s, e)
    letter, n = g["q"][0], int(g["q"][1])
    if letter == "H" and n > 2:
        raise _Skip
    gran = HALF if letter == "H" else QUARTER
    year = g["y"] or g["y0"]
    if year:
        return _mention(text, s, e, f"{int(year):04d}-{letter}{n}", gran, EXPLICIT)
    if a is None:
        return _mention(text, s, e, f"XXXX-{letter}{n}", gran, ANCHORED)
    if a.precision == YEAR:
        return _mention(text, s, e, f"{a.day.year:04d}-{letter}{n}", gran, ANCHORED)
    tense = _noun_tense(text, e) or _tense(text, s, e)
    size = 6 if letter == "H" else 3
    candidates = [(date(y, size * (n - 1) + 1, 1), _month_end(y, size * n),
                   f"{y:04d}-{letter}{n}") for y in (a.day.year - 1, a.day.year, a.day.year + 1)]
    return _mention(text, s, e, _nearest(candidates, a.day, tense), gran,
                    ANCHORED, tense)


def _decade(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
            ) -> DateMention:
    g = _parts("decade", text, s, e)
    return _mention(text, s, e, g["dec"][:3] + "X", DECADE, EXPLICIT, mod=_mod(g["mod"]))


def _decade2(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
             ) -> DateMention:
    g = _parts("decade2", text, s, e)
    if g["dw"]:
        digit = _DECADE_WORDS[g["dw"].lower()]
    else:
        digit = int((g["dd"] or g["dd2"])[0])
    century = 19
    if a is not None and g["dw"] is None and digit * 10 + 1900 > a.day.year:
        century = 18  # `the '90s` before 1990 is the 1890s
    after = _WORD_AFTER.match(text[e:e + 12])
    if g["dd2"] and after and after.group(1).lower() in ("degrees", "percent", "pct", "mph"):
        raise _Skip  # `in the 80s` degrees
    return _mention(text, s, e, f"{century}{digit}X", DECADE, EXPLICIT, mod=_mod(g["mod"]))


def _century(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
             ) -> DateMention:
    g = _parts("century", text, s, e)
    n = int(g["cn"]) if g["cn"] else _CENTURY_WORDS[g["cw"].lower()]
    if not 1 <= n <= 22:
        raise _Skip
    return _mention(text, s, e, f"{n - 1:02d}", CENTURY, EXPLICIT, mod=_mod(g["mod"]))


def _ago(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    g = _parts("ago", text, s, e)
    word = g["n"].lower()
    n = int(word) if word.isdigit() else _NUMBERS[" ".join(word.split())]
    sign = -1 if g["dir"].lower() == "ago" else 1
    unit = g["u"].lower()
    if unit in (DAY, WEEK):
        anchor = _need(a, DAY)
        d = anchor.day + timedelta(days=sign * n * (7 if unit == WEEK else 1))
        value = d.isoformat() if unit == DAY else _week(d)
        return _mention(text, s, e, value, unit, RELATIVE)
    if unit == MONTH:
        anchor = _need(a, MONTH)
        y, mo = _shift_month(anchor.day.year, anchor.day.month, sign * n)
        return _mention(text, s, e, f"{y:04d}-{mo:02d}", MONTH, RELATIVE)
    anchor = _need(a, YEAR)
    if unit == YEAR:
        return _mention(text, s, e, f"{anchor.day.year + sign * n:04d}", YEAR, RELATIVE)
    if unit == DECADE:
        return _mention(text, s, e, f"{(anchor.day.year + sign * 10 * n) // 10:03d}X", DECADE,
                        RELATIVE)
    century = (anchor.day.year // 100) + sign * n
    return _mention(text, s, e, f"{century:02d}", CENTURY, RELATIVE)


def _day_rel(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
             ) -> DateMention:
    g = _parts("day_rel", text, s, e)
    anchor = _need(a, DAY)
    if g["two"]:
        shift = -2 if g["two"].lower().startswith("before") else 2
    else:
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["w"].lower()]
    return _mention(text, s, e, (anchor.day + timedelta(days=shift)).isoformat(), DAY,
                    RELATIVE)


def _fiscal(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
            ) -> DateMention:
    g = _parts("fiscal", text, s, e)
    year = int(g["y"])
    if g["y2"]:
        y2 = _second_year(year, g["y2"])
        if y2 is not None:
            return _mention(text, s, e, f"{year:04d}/{y2:04d}", YEAR, EXPLICIT)
        e = s + g.start("y2") - g.start() - 1
        e = s + len(text[s:e].rstrip(" -/–"))
    return _mention(text, s, e, f"{year:04d}", YEAR, EXPLICIT)


def _second_year(year: int, digits: str) -> int | None:
    """The end of `1987/88`, `1986-1987`, `1999-00`: None unless it is the next years."""
    if len(digits) == 4:
        y2 = int(digits)
    else:
        y2 = year // 100 * 100 + int(digits)
        if y2 <= year:
            y2 += 100
    return y2 if year < y2 <= year + 30 else None


def _rel(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]) -> DateMention:
    g = _parts("rel", text, s, e)
    rel = " ".join(g["rel"].lower().split())
    unit = g["u"].lower()
    before = _word_before(text, s)
    if rel in ("past", "last") and before is not None and before.lower() in (
            "the", "this", "that", "his", "her", "its", "their", "our", "my", "your"):
        raise _Skip  # `over the past week`, `the last year`: durations; `this past` is matched
    if rel == "past":
        raise _Skip
    if rel == "the" and unit not in ("weekend", *SEASONS):
        raise _Skip  # `the week`, `the year`: anaphoric
    if rel == "the" and unit == "fall":
        raise _Skip  # `the fall` of a government
    if rel == "coming" and before is not None and before.lower() != "the":
        raise _Skip
    if before is not None and before.lower() in ("every", "each"):
        raise _Skip
    step = {"last": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(rel, 0)
    mod = _mod(g["mod"])
    if unit in SEASONS:
        code = SEASONS[unit]
        return _season_rel(text, s, e, a, code, rel, step, mod)
    if unit in ("week", "weekend"):
        anchor = _need(a, DAY)
        weekend = unit == "weekend"
        if rel == "the" or (weekend and step == 0):
            tense = _tense(text, s, e) if rel == "the" else FUTURE
            monday = anchor.day - timedelta(days=anchor.day.weekday())
            candidates = [(monday + timedelta(days=5 + 7 * k), monday + timedelta(days=6 + 7 * k),
                           _week(monday + timedelta(days=7 * k), True)) for k in (-1, 0, 1)]
            return _mention(text, s, e, _nearest(candidates, anchor.day, tense or PAST), WEEK,
                            RELATIVE, tense, mod)
        d = anchor.day + timedelta(days=7 * step)
        return _mention(text, s, e, _week(d, weekend), WEEK, RELATIVE, mod=mod)
    if unit == "month":
        anchor = _need(a, MONTH)
        y, mo = _shift_month(anchor.day.year, anchor.day.month, step)
        return _mention(text, s, e, f"{y:04d}-{mo:02d}", MONTH, RELATIVE, mod=mod)
    if unit == "quarter":
        anchor = _need(a, MONTH)
        q = (anchor.day.month - 1) // 3 + step
        y, q = anchor.day.year + q // 4, q % 4 + 1
        return _mention(text, s, e, f"{y:04d}-Q{q}", QUARTER, RELATIVE, mod=mod)
    anchor = _need(a, YEAR)
    year = anchor.day.year
    if unit == "year":
        return _mention(text, s, e, f"{year + step:04d}", YEAR, RELATIVE, mod=mod)
    if unit == "decade":
        return _mention(text, s, e, f"{year // 10 + step:03d}X", DECADE, RELATIVE, mod=mod)
    return _mention(text, s, e, f"{year // 100 + step:02d}", CENTURY, RELATIVE, mod=mod)


def _season_rel(text: str, s: int, e: int, a: Anchor | None, code: str, rel: str, step: int,
                mod: str) -> DateMention:
    """`last summer`, `this winter`, `the spring`, `in spring` (rules 1 and 4)."""
    anchor = _need(a, YEAR)
    if rel in ("in", "during", "its", "their", "his", "her", "our"):
        s = s + len(text[s:e]) - len(text[s:e].split()[-1])  # the span is the season alone
    if a is None or anchor.precision == YEAR:
        return _mention(text, s, e, f"{anchor.day.year:04d}-{code}", SEASON, ANCHORED, mod=mod)
    day = anchor.day if anchor.precision == DAY else anchor.day.replace(day=15)
    year = day.year
    candidates = [(*period(f"{y:04d}-{code}"), f"{y:04d}-{code}")
                  for y in (year - 2, year - 1, year, year + 1)]
    if step == -1:  # the latest one over before this season began
        value = [c for c in candidates if c[1] < day and not (c[0] <= day <= c[1])][-1][2]
        return _mention(text, s, e, value, SEASON, RELATIVE, mod=mod)
    if step == 1:
        value = [c for c in candidates if c[0] > day][0][2]
        return _mention(text, s, e, value, SEASON, RELATIVE, mod=mod)
    if rel == "this":
        this_year = year - 1 if code == "WI" and day.month < 3 else year
        return _mention(text, s, e, f"{this_year:04d}-{code}", SEASON, RELATIVE, mod=mod)
    if code == "FA" and text[s:e].split()[-1].lower() == "fall":
        raise _Skip  # `in the fall`, `the fall`: too often the verb or a government's fall
    tense = _tense(text, s, e)
    return _mention(text, s, e, _nearest(candidates, day, tense), SEASON,
                    ANCHORED, tense, mod)


def _end_of(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
            ) -> DateMention:
    g = _parts("end_of", text, s, e)
    pos, unit = g["pos"].lower(), g["u"].lower()
    if "the" not in text[s:e].lower().split()[-2:]:
        raise _Skip  # `end of week` headlines; `end of year` is fine but rare
    mod = _EDGE_MOD[pos]
    if unit == "week":
        anchor = _need(a, DAY)
        return _mention(text, s, e, _week(anchor.day), WEEK, RELATIVE, mod=mod)
    if unit == "month":
        anchor = _need(a, MONTH)
        return _mention(text, s, e, anchor.day.isoformat()[:7], MONTH, RELATIVE, mod=mod)
    if unit == "quarter":
        anchor = _need(a, MONTH)
        q = (anchor.day.month - 1) // 3 + 1
        return _mention(text, s, e, f"{anchor.day.year:04d}-Q{q}", QUARTER, RELATIVE, mod=mod)
    anchor = _need(a, YEAR)
    if unit == "year":
        return _mention(text, s, e, f"{anchor.day.year:04d}", YEAR, RELATIVE, mod=mod)
    return _mention(text, s, e, f"{anchor.day.year // 10:03d}X", DECADE, RELATIVE, mod=mod)


def _weekday(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
             ) -> DateMention:
    g = _parts("weekday", text, s, e)
    wd = WEEKDAYS[g["wd"].lower()]
    rel = " ".join(g["rel"].lower().split()) if g["rel"] else ""
    before = _word_before(text, s)
    if before is not None:
        low = before.lower()
        if low in ("every", "each", "most", "some", "other", "all"):
            raise _Skip  # sets
        if not rel and (_is_name(before) or before in _TITLES):
            raise _Skip  # `Black Friday`, `Super Tuesday`, `Bloody Sunday`: names
    if rel == "past":
        raise _Skip
    anchor = _need(a, DAY)
    today = anchor.day
    back = (today.weekday() - wd) % 7  # days back to the latest such day, 0 for today
    ahead = (wd - today.weekday()) % 7
    tense = ""
    if rel in ("last", "this past"):
        d = today - timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming"):
        d = today + timedelta(days=ahead or 7)
    elif rel == "this":
        d = today + timedelta(days=wd - today.weekday())
    else:
        tense = _tense(text, s, e)
        d = today + timedelta(days=ahead) if tense == FUTURE else today - timedelta(days=back)
    how = RELATIVE if rel else ANCHORED
    return _mention(text, s, e, d.isoformat(), DAY, how, tense)


def _year_range(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
                ) -> DateMention:
    g = _parts("year_range", text, s, e)
    year = int(g["y"])
    y2 = _second_year(year, g["y2"])
    if y2 is None:
        digits = g["y2"]
        if len(digits) == 2 and 1 <= int(digits) <= 12 and text[g.start("y2") - 1] == "-":
            return _mention(text, s, e, f"{year:04d}-{int(digits):02d}", MONTH, EXPLICIT)
        raise _Skip
    return _mention(text, s, e, f"{year:04d}/{y2:04d}", YEAR, EXPLICIT, mod=_mod(g["mod"]))


def _month(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
           ) -> DateMention:
    g = _parts("month", text, s, e)
    word = g["mon"].lower()
    month = MONTHS[word]
    rel = g["rel"].lower() if g["rel"] else ""
    mod = _mod(g["mod"])
    if not (rel or mod or g["ry"]):
        _check_month_alone(text, s, e, word, found)
    elif (_word_before(text, s) or "").lower() in ("every", "each"):
        raise _Skip
    if g["ry"]:
        year = _need(a, YEAR).day.year + _STEP[g["ry"]]
        return _mention(text, s, e, f"{year:04d}-{month:02d}", MONTH, RELATIVE, mod=mod)
    if a is None:
        return _mention(text, s, e, f"XXXX-{month:02d}", MONTH, ANCHORED, mod=mod)
    year = a.day.year
    if a.precision == YEAR:
        return _mention(text, s, e, f"{year + _STEP.get(rel, 0):04d}-{month:02d}", MONTH,
                        RELATIVE if rel else ANCHORED, mod=mod)
    if rel:  # rule 1: `last March` is the latest before this month, `next March` the first after
        if rel == "last":
            year -= month >= a.day.month
        elif rel == "next":
            year += month <= a.day.month
        return _mention(text, s, e, f"{year:04d}-{month:02d}", MONTH, RELATIVE, mod=mod)
    tense = _noun_tense(text, e) or _tense(text, s, e)
    candidates = [(date(y, month, 1), _month_end(y, month), f"{y:04d}-{month:02d}")
                  for y in (year - 1, year, year + 1)]
    return _mention(text, s, e, _nearest(candidates, a.day, tense), MONTH,
                    ANCHORED, tense, mod)


def _noun_tense(text: str, e: int) -> str:
    """The tense a noun right after a month or quarter gives it: a delivery month is ahead
    (`March shipment`), a reported period has begun (`February figures`)."""
    after = _WORD_AFTER.match(text[e:e + 20])
    noun = after.group(1).lower() if after else ""
    return FUTURE if noun in _FORWARD_NOUNS else PAST if noun in _REPORT_NOUNS else ""


def _check_month_alone(text: str, s: int, e: int, word: str, found: list[DateMention]) -> None:
    """_Skip a month name alone that is a name or a word (module docstring)."""
    before = _word_before(text, s)
    low = before.lower() if before else ""
    after = _WORD_AFTER.match(text[e:e + 30])
    next_word = after.group(1) if after else ""
    paired = (bool(found) and _RANGE_JOIN.fullmatch(text[found[-1].end:s]) is not None
              and found[-1].granularity == MONTH) or _MONTH_PAIR.match(text, e) is not None
    if before in _TITLES or low in ("every", "each"):
        raise _Skip
    if _is_name(before) and not paired:
        raise _Skip  # `Theresa May`, `New York May` futures, `Women's March`
    if word in _AMBIGUOUS_MONTHS:
        if text[e:e + 2] in ("'s", "’s") or next_word.lower() in _NOT_AFTER_A_MONTH:
            raise _Skip  # `May's government`, `May said`, `the March on Washington`
        if not (paired or next_word.lower() in _FORWARD_NOUNS or (
                low in _DATE_PREPOSITIONS and low not in _WEAK_PREPOSITIONS)):
            raise _Skip
    elif next_word[:1].isupper() and not (paired or low in _DATE_PREPOSITIONS
                                          or low in _DETERMINERS):
        raise _Skip  # `August Wilson`, `April Ryan`; but `the December OPEC accord`


def _season(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
            ) -> DateMention:
    g = _parts("season", text, s, e)
    rel = g["rel"].lower().rstrip("-")
    code = SEASONS[g["s"].lower()]
    before = _word_before(text, s)
    if before is not None and before.lower() in ("every", "each"):
        raise _Skip
    after = _WORD_AFTER.match(text[e:e + 20])
    nxt = after.group(1).lower() if after else ""
    if nxt == "of" or (nxt in _SEASON_KINDS and rel not in ("last", "next", "this")):
        raise _Skip  # `the spring of discontent`; `the spring offensive`, `winter wheat`
    if code == "FA" and rel not in ("last", "next", "this"):
        raise _Skip  # `the fall`, `its fall`: too often a government's or a price's
    mod = ""
    if rel in ("early", "late", "mid"):
        mod, rel = _mod(rel), "the"
    step = {"last": -1, "next": 1}.get(rel, 0)
    return _season_rel(text, s, e, a, code, rel, step, mod)


def _year(text: str, s: int, e: int, a: Anchor | None, found: list[DateMention]
          ) -> DateMention:
    g = _parts("year", text, s, e)
    year = int(g["y"])
    if not 1900 <= year <= 2099:
        raise _Skip
    ys = s + g.start("y") - g.start()
    before = _word_before(text, ys)
    after = _WORD_AFTER.match(text[e:e + 30])
    next_word = after.group(1) if after else ""
    if before in _COUNT_BEFORE or (before and before.lower() in ("about", "some", "nearly")):
        raise _Skip
    if _TIMES.match(text, e):
        raise _Skip  # `at 1930 GMT`
    if next_word.lower() in _COUNTED and text[e:e + 1] == " ":
        if not (before and before.lower() in ("the", "its", "his", "their", "our", "her")
                and next_word.lower() in ("elections", "votes", "seats", "games", "results")):
            raise _Skip  # `2016 people`
    if text[s - 1:s] in ("+", "-", "−", "x", "×") or text[e:e + 1] in ("x", "×"):
        raise _Skip
    return _mention(text, s, e, f"{year:04d}", YEAR, EXPLICIT, mod=_mod(g["mod"]))


_RULES: dict[str, _Rule] = {
    "iso": _iso, "md": _md, "dm": _dm, "my": _my, "season_y": _season_y, "part": _part,
    "part_y": _part_y, "q": _q, "decade": _decade, "decade2": _decade2, "century": _century,
    "ago": _ago, "day_rel": _day_rel, "fiscal": _fiscal, "rel": _rel, "end_of": _end_of,
    "weekday": _weekday, "year_range": _year_range, "month": _month, "season": _season,
    "year": _year,
}
assert set(_RULES) == {kind for kind, _ in _KINDS}


def _is_name(word: str | None) -> bool:
    """Is `word`, just before a month or weekday, a name's first part (`Theresa` May, `Black`
    Friday)? A capitalised word that is not a function word; in capitals it says nothing."""
    return word is not None and word[:1].isupper() and not word.isupper() and (
        word not in _FUNCTION_WORDS)


def _word_before(text: str, s: int) -> str | None:
    """The word before text[s:], across spaces and a comma (`Theresa` May, `in` May)."""
    head = text[max(0, s - 30):s].rstrip(" ,\t")
    if not head or head[-1] in "\n.;:!?":
        return None if not head or head[-1] != "." else _word(head)
    return _word(head)


def _word(head: str) -> str | None:
    word = head[max(head.rfind(" "), head.rfind("\n")) + 1:]
    m = _WORD_BEFORE.search(word)
    return m.group() if m else None


# --- Tense ------------------------------------------------------------------------------------

def _tense(text: str, s: int, e: int) -> str:
    """`past`, `future` or `""`: the nearest tense cue in the clause around text[s:e] (rule 2
    of the module docstring), walking out from the mention word by word; on a tie the cue
    before the mention wins. Words are split on spaces (punctuation stays on them and marks
    where a clause ends), which costs a few microseconds."""
    words = text[max(0, s - _WINDOW_BEFORE):s].split()
    best, best_distance = "", _WINDOW_WORDS
    nxt = ""
    for i in range(len(words) - 1, -1, -1):
        token = words[i]
        if token in _DASHES or (token[-1] in _CLAUSE_END and (token[-1] != "." or _ends_sentence(
                token, words[i + 1] if i + 1 < len(words) else text[s:s + 1]))):
            break  # `said, on Monday`: the word before the comma is in another clause
        word = token.strip(_QUOTES).lower()
        if word in _CLAUSE_BEFORE:
            break
        prev = words[i - 1].strip(_QUOTES).lower() if i else ""
        if word == "to" and nxt == "be" and words[i + 2:i + 3] == ["held"]:
            cue = FUTURE
        else:
            cue = _cue_word(word, nxt, prev)
        distance = len(words) - 1 - i  # words between the cue and the mention
        if cue == "saying":
            if distance <= _NEAR:
                best, best_distance = PAST, distance
                break
        elif cue:
            best, best_distance = cue, distance
            break
        nxt = word
    after = text[e:e + _WINDOW_AFTER].split()
    for distance, token in enumerate(after):
        if distance >= best_distance:
            break
        word = token.strip(_QUOTES + ",.;:!?").lower()
        if word in _CLAUSE_AFTER:
            break
        if word and word not in _NOT_AFTER:  # `voted on Friday to close`: not the date's verb
            nxt = (after[distance + 1].strip(_QUOTES + ",.;:!?").lower()
                   if distance + 1 < len(after) else "")
            cue = _cue_word(word, nxt, "")
            if cue and cue != "saying":  # nor is a verb of saying after it
                return cue
        if token[-1] in _CLAUSE_END and (token[-1] != "." or _ends_sentence(
                token, after[distance + 1] if distance + 1 < len(after) else "A")):
            if token[-1] != "," or best:
                break  # `due on Thursday, was delayed`; but `On Monday, the board will vote`
    return best


def _ends_sentence(token: str, following: str) -> bool:
    """Does `token`, ending in a full stop, end a sentence: the next word is capitalised and
    the token is no abbreviation (`a.m.`, `U.S.`, `Mr.`, `Jan.`)?"""
    word = token[:-1].strip(_QUOTES)
    if not word:
        return True  # a stop alone: `Friday . The`
    return following[:1].isupper() and "." not in word and len(word) > 2 and (
        word.lower() not in _ABBREVIATIONS and word not in ("Mrs", "Gov", "Sen"))


def _cue_word(word: str, nxt: str, prev: str) -> str:
    """What a word says of the tense (`past`, `future`, `saying` or ""), given the words
    after and before it."""
    if nxt in _FUTURE_PAIRS.get(word, ()):
        return FUTURE
    if word in _FUTURE_WORDS or word.endswith(("'ll", "’ll")):
        return FUTURE
    if word in _SAYING:
        return "saying"
    if word in _PAST_WORDS or (word.endswith("ed") and len(word) > 3 and word not in _NOT_PAST):
        if prev in _BEFORE_PARTICIPLE and word not in _AUXILIARIES:
            return ""
        return PAST
    return ""


# --- Ranges and spans -------------------------------------------------------------------------

def _finish(text: str, found: list[DateMention]) -> list[DateMention]:
    """Join ranges (`from 2014 to 2016`), widen spans to `the end of`, drop what the anchor
    could not resolve."""
    out: list[DateMention] = []
    for mention in found:
        if out and _joins(text, out[-1], mention):
            try:
                out[-1] = _range(text, out[-1], mention)
            except (OverflowError, ValueError):  # a range past the calendar's ends
                out.append(_edge(text, mention))
        else:
            out.append(_edge(text, mention))
    return [m for m in out if "XXXX" not in m.value]


def _joins(text: str, a: DateMention, b: DateMention) -> bool:
    """Do two mentions in a row make one range: same granularity, joined by `to`, `-`,
    `through`, `until`, `/` (months and years), or `and` after `between`?"""
    if a.granularity != b.granularity or a.is_range or b.is_range:
        return False
    between = text[a.end:b.start]
    if _RANGE_JOIN.fullmatch(between) is None:
        return False
    word = between.strip().lower()
    if word == "and":
        return _opened_by(text, a.start, "between")
    if word == "/":
        return a.granularity in (MONTH, YEAR) and between == "/"
    return True


def _range(text: str, a: DateMention, b: DateMention) -> DateMention:
    """One mention for `a` to `b`. An end named without its year takes the other end's
    (`from March to May 2016`), and an end before the start moves on a year (a week for
    weekdays): `from December to February`, `from Friday to Monday`."""
    av, bv = a.value, b.value
    if a.how == ANCHORED and b.how != ANCHORED:
        av = _with_year(av, bv[:4])
        if _first(av) > _first(bv):
            av = _with_year(av, f"{int(bv[:4]) - 1:04d}")
    elif b.how == ANCHORED and not av.startswith("XXXX"):
        if a.how != ANCHORED:
            bv = _with_year(bv, av[:4])
        if _first(bv) < _first(av):
            weekday = _is_weekday(text[b.start:b.end])
            if a.how == ANCHORED and b.tense and not a.tense and not weekday:
                av = _with_year(av, f"{int(av[:4]) - 1:04d}")  # `between March and May rose`
            elif weekday:
                bv = (date.fromisoformat(bv) + timedelta(days=7)).isoformat()
            else:
                bv = _with_year(bv, f"{int(bv[:4]) + 1:04d}")
    opener = _opener(text, a.start)
    start = opener.start(1) if opener else a.start
    how = EXPLICIT if EXPLICIT in (a.how, b.how) else (
        RELATIVE if RELATIVE in (a.how, b.how) else ANCHORED)
    return DateMention(start, b.end, text[start:b.end], f"{av}/{bv}", a.granularity, how,
                       a.tense or b.tense, a.mod)


def _opener(text: str, s: int) -> re.Match[str] | None:
    """`from` or `between` (group 1) just before `s`."""
    if text[max(0, s - 5):s].lower() not in ("from ", "ween "):
        return None  # most mentions: no need to search
    return _RANGE_OPEN.search(text, max(0, s - 12), s)


def _opened_by(text: str, s: int, word: str) -> bool:
    opener = _opener(text, s)
    return opener is not None and opener.group(1).lower() == word


def _with_year(value: str, year: str) -> str:
    return year + value[4:] if len(value) > 4 and value[4] == "-" else value


def _is_weekday(surface: str) -> bool:
    return surface.lower() in WEEKDAYS


def _first(value: str) -> str:
    """A sortable key of a value's start (works with unresolved `XXXX` years too)."""
    try:
        return period(value)[0].isoformat()
    except ValueError:
        return value


def _edge(text: str, m: DateMention) -> DateMention:
    """`the end of 2015`, `the beginning of March`: the span takes the words in, `mod` says
    which part; a range written in one piece takes its `from` or `between` (`between Feb 13
    and 24`)."""
    opener = _opener(text, m.start) if m.is_range else None
    if opener is not None:
        return replace(m, start=opener.start(1), surface=text[opener.start(1):m.end])
    if m.granularity == DAY:
        return m
    if text[max(0, m.start - 3):m.start] != "of " and text[max(0, m.start - 7):m.start] != (
            "of the "):
        return m
    edge = _EDGE_OF.search(text, max(0, m.start - 30), m.start)
    if edge is None:
        return m
    return replace(m, start=edge.start(), surface=text[edge.start():m.end],
                   mod=_EDGE_MOD[edge.group("pos")])
