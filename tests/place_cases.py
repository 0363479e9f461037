"""Short news articles written for these tests (invented events, not copied from any source),
each with every place mention a careful reader finds in it, resolved.

`expected` lists (surface, name, country, kind) in text order; a surface is the exact text of
the mention, found in `text` after the previous one; `name` is the gazetteer's canonical name
(compared through `placenames.normalise`, so accents do not matter) and `country` its ISO code.
`tests/test_places.py` asserts the floors; `bench/places_eval.py` scores them (mention P/R/F1,
per-article place-set F1, resolution accuracy). What is deliberately *not* a mention (a town
that is a common word, a place inside an organisation's name) is in the text but not in
`expected`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.scores import Score

N, M, A = "name", "metonym", "adjectival"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expected: tuple[tuple[str, str, str, str], ...]
    dateline: str | None = None


CASES: tuple[Case, ...] = (
    Case("spellings_of_al_qaim",
         "Iraqi troops entered Al Qaim on Tuesday. Residents of al-Qa'im said the road to "
         "Al-Kaim had been cut for a week.",
         (("Iraqi", "Iraq", "IQ", A), ("Al Qaim", "Al Qa'im", "IQ", N),
          ("al-Qa'im", "Al Qa'im", "IQ", N), ("Al-Kaim", "Al Qa'im", "IQ", N))),
    Case("kyiv_and_kiev",
         "Officials in Kyiv said the convoy left Kiev at dawn, heading for Kharkiv.",
         (("Kyiv", "Kyiv", "UA", N), ("Kiev", "Kyiv", "UA", N), ("Kharkiv", "Kharkiv", "UA", N))),
    Case("bombay_and_mumbai",
         "Trading in Mumbai resumed after the holiday; older brokers still call it Bombay.",
         (("Mumbai", "Mumbai", "IN", N), ("Bombay", "Mumbai", "IN", N))),
    Case("demonyms",
         "Syrian and Turkish officials met French diplomats to discuss the border.",
         (("Syrian", "Syria", "SY", A), ("Turkish", "Turkey", "TR", A),
          ("French", "France", "FR", A))),
    Case("state_demonym",
         "Californian growers said the drought in California would cut almond exports.",
         (("Californian", "California", "US", A), ("California", "California", "US", N))),
    Case("georgia_the_country",
         "Georgia accused Russia of moving troops near Tbilisi, the Georgian government said.",
         (("Georgia", "Georgia", "GE", N), ("Russia", "Russia", "RU", N),
          ("Tbilisi", "Tbilisi", "GE", N), ("Georgian", "Georgia", "GE", A))),
    Case("georgia_the_state",
         "Voters in Georgia lined up for hours in Atlanta, and election officials in Alabama "
         "reported shorter queues.",
         (("Georgia", "Georgia", "US", N), ("Atlanta", "Atlanta", "US", N),
          ("Alabama", "Alabama", "US", N))),
    Case("paris_france",
         "Police in Paris closed the Champs-Elysees after protests spread from Lyon.",
         (("Paris", "Paris", "FR", N), ("Lyon", "Lyon", "FR", N))),
    Case("paris_texas",
         "A tornado damaged homes in Paris, Texas, on Sunday, and storms moved on toward Dallas.",
         (("Paris", "Paris", "US", N), ("Texas", "Texas", "US", N), ("Dallas", "Dallas", "US", N))),
    Case("birmingham_alabama",
         "The plant in Birmingham will hire 400 workers, the Alabama governor said.",
         (("Birmingham", "Birmingham", "US", N), ("Alabama", "Alabama", "US", N))),
    Case("birmingham_england",
         "Birmingham and Manchester councils asked London for more money.",
         (("Birmingham", "Birmingham", "GB", N), ("Manchester", "Manchester", "GB", N),
          ("London", "London", "GB", N))),
    Case("metonyms",
         "Moscow denied the report. Washington said it would respond, and Beijing warned "
         "against new sanctions.",
         (("Moscow", "Moscow", "RU", M), ("Washington", "Washington", "US", M),
          ("Beijing", "Beijing", "CN", M))),
    Case("metonym_with_auxiliary",
         "Tehran has rejected the offer, while Ankara would welcome talks in Vienna.",
         (("Tehran", "Tehran", "IR", M), ("Ankara", "Ankara", "TR", N),
          ("Vienna", "Vienna", "AT", N))),
    Case("reading_the_verb",
         "Reading the statement aloud, the minister said the factory in Reading would close.",
         (("Reading", "Reading", "GB", N),)),
    Case("mobile_phones",
         "Mobile phone sales rose in Brazil, while the port of Mobile, Alabama, lost cargo.",
         (("Brazil", "Brazil", "BR", N), ("Mobile", "Mobile", "US", N),
          ("Alabama", "Alabama", "US", N))),
    Case("nice_weather",
         "Nice weather brought tourists back to Nice and Cannes this spring.",
         (("Nice", "Nice", "FR", N), ("Cannes", "Cannes", "FR", N))),
    Case("bath_and_march",
         "He took a bath in March after the flood. Later he moved from Bath to Bristol.",
         (("Bath", "Bath", "GB", N), ("Bristol", "Bristol", "GB", N))),
    Case("turkey_the_bird",
         "Farmers sold more turkey this year, and exports to Turkey doubled.",
         (("Turkey", "Turkey", "TR", N),)),
    Case("newspapers",
         "The New York Times and The Washington Post both reported that New York would raise "
         "its budget.",
         (("New York", "New York City", "US", N),)),
    Case("football_clubs",
         "Manchester United beat Paris Saint-Germain in a match played in Manchester.",
         (("Manchester", "Manchester", "GB", N),)),
    Case("companies",
         "Texas Instruments and British Airways raised prices; shares rose in Texas trading.",
         (("Texas", "Texas", "US", N),)),
    Case("bank_of_england",
         "The Bank of England kept rates on hold, while inflation in England eased.",
         (("England", "England", "GB", N),)),
    Case("sentence_initial",
         "Baghdad was quiet on Friday. Mosul, by contrast, saw heavy fighting. Syria closed "
         "its border.",
         (("Baghdad", "Baghdad", "IQ", N), ("Mosul", "Mosul", "IQ", N),
          ("Syria", "Syria", "SY", N))),
    Case("all_caps_dateline",
         "BAGHDAD, March 3 (Reuters) - Gunmen attacked a checkpoint south of Baghdad, police said.",
         (("BAGHDAD", "Baghdad", "IQ", N), ("Baghdad", "Baghdad", "IQ", N))),
    Case("all_caps_headline",
         "IRAN AND IRAQ SIGN BORDER DEAL\n\nThe two countries agreed to reopen crossings.",
         (("IRAN", "Iran", "IR", N), ("IRAQ", "Iraq", "IQ", N))),
    Case("person_names",
         "Michael Jordan met Jesse Jackson in Chicago before flying to Jordan.",
         (("Chicago", "Chicago", "US", N), ("Jordan", "Jordan", "JO", N))),
    Case("abbreviations",
         "U.S. and UK officials met in the UAE, the U.S. embassy said.",
         (("U.S.", "United States", "US", N), ("UK", "United Kingdom", "GB", N),
          ("UAE", "United Arab Emirates", "AE", N), ("U.S.", "United States", "US", N))),
    Case("multi_word_countries",
         "Bosnia and Herzegovina signed a deal with South Korea and the Czech Republic.",
         (("Bosnia and Herzegovina", "Bosnia and Herzegovina", "BA", N),
          ("South Korea", "South Korea", "KR", N), ("Czech Republic", "Czechia", "CZ", N))),
    Case("possessives",
         "Iraq's oil minister visited Egypt's capital, Cairo.",
         (("Iraq", "Iraq", "IQ", N), ("Egypt", "Egypt", "EG", N), ("Cairo", "Cairo", "EG", N))),
    Case("directions_before_a_place",
         "Fighting spread across northern Syria and into Southern Lebanon.",
         (("Syria", "Syria", "SY", N), ("Lebanon", "Lebanon", "LB", N))),
    Case("regions",
         "Troops moved from Anbar province into Punjab, Pakistan, officials in Ontario heard.",
         (("Anbar", "Al Anbar", "IQ", N), ("Punjab", "Punjab", "PK", N),
          ("Pakistan", "Pakistan", "PK", N), ("Ontario", "Ontario", "CA", N))),
    Case("plural_demonyms",
         "Thousands of Iraqis and Syrians crossed into Jordan last month.",
         (("Iraqis", "Iraq", "IQ", A), ("Syrians", "Syria", "SY", A),
          ("Jordan", "Jordan", "JO", N))),
    Case("dateline_argument_decides",
         "Georgia will hold its primary in May, the secretary of state said.",
         (("Georgia", "Georgia", "US", N),), dateline="ATLANTA"),
    Case("raqqa_spellings",
         "Aid reached Raqqa on Monday; the road from Rakka to Deir el-Zour stayed shut.",
         (("Raqqa", "Ar Raqqah", "SY", N), ("Rakka", "Ar Raqqah", "SY", N),
          ("Deir el-Zour", "Deir ez-Zor", "SY", N))),
)

def expected_mentions(case: Case) -> list[tuple[int, int, str, str]]:
    """(start, end, normalised name, country) of each expected mention, located in the text."""
    from newsarc.extract.placenames import normalise

    found, pos = [], 0
    for surface, name, country, _ in case.expected:
        start = case.text.index(surface, pos)
        found.append((start, start + len(surface), normalise(name), country))
        pos = start + len(surface)
    return found


@dataclass
class Scores:
    mentions: Score = field(default_factory=Score)  # spans, strict offsets
    set_f1: list[float] = field(default_factory=list)  # per article, set of (name, country)
    resolved: int = 0  # matched mentions resolved to the right place
    matched: int = 0

    @property
    def place_set_f1(self) -> float:
        return sum(self.set_f1) / len(self.set_f1) if self.set_f1 else 1.0

    @property
    def resolution(self) -> float:
        return self.resolved / self.matched if self.matched else 1.0


def score(scores: Scores, gold: list[tuple[int, int, str, str]],
          found: list[tuple[int, int, str, str]]) -> None:
    spans = {(g[0], g[1]): g for g in gold}
    tp = 0
    for f in found:
        g = spans.get((f[0], f[1]))
        if g is not None:
            tp += 1
            scores.matched += 1
            scores.resolved += (g[2], g[3]) == (f[2], f[3])
    scores.mentions.tp += tp
    scores.mentions.fp += len(found) - tp
    scores.mentions.fn += len(gold) - tp
    gs, fs = {(g[2], g[3]) for g in gold}, {(f[2], f[3]) for f in found}
    both = len(gs & fs)
    p = both / len(fs) if fs else 1.0
    r = both / len(gs) if gs else 1.0
    scores.set_f1.append(2 * p * r / (p + r) if p + r else 0.0)
