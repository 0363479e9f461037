"""An evaluation set for story clusters (issue 14), written for this project: invented events,
no real article text.

Each `Event` has a wire story (`paragraphs`, with a heading), an alternative lede a desk might
write, and an independent report of the same event by another outlet (`other`: the same names,
places and dates, its own wording, one shared official quote at most). `variants()` makes the
copies wire desks make, of graded strength; `cases()` gives every article of the set with the
label of its story, so that the pairs of one label are the true same-story pairs and the pairs
(wire story or copy, independent report) of one event are the hard negatives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    key: str
    place: str
    date: str  # ISO day of the wire story
    heading: str
    paragraphs: tuple[str, ...]  # the wire story's lede paragraphs come first, then the rest
    split: int  # paragraphs before the heading
    alt_lede: str
    other: tuple[str, ...]  # an independent report of the same event


EVENTS = (
    Event(
        "bridge", "HARTWELL", "2024-03-04", "Inspections",
        (
            "A section of the Old Mill Bridge over the Tamsin River collapsed early on Monday, sending two delivery vans into the water and closing the main road into Hartwell for what officials said could be weeks.",
            "Both drivers were pulled from the river by fishermen and taken to Hartwell General Hospital, where a spokeswoman said they were in stable condition with cuts and mild hypothermia.",
            "Mayor Lorna Petrakis told reporters at the scene that the 1920s bridge had been scheduled for repairs in the summer and that the council would ask the regional government for emergency funds.",
            "\"We were told it had two more years in it,\" Petrakis said, standing beside the barrier that now blocks the eastern approach.",
            "Engineers from the regional transport office found in a 2022 report that water had worn away the footings of the central pier, according to a copy seen by this agency.",
            "The report recommended weight limits that were never posted, residents said, and lorries carrying gravel from the Denholm quarry crossed the bridge several times a day.",
            "Traffic is being diverted through the village of Carrow, adding about forty minutes to journeys between Hartwell and the coast.",
            "The transport office said divers would survey the remaining piers on Tuesday before any decision is taken on whether to demolish the rest of the span.",
        ),
        3,
        "Two vans plunged into the Tamsin River on Monday when part of Hartwell's Old Mill Bridge gave way before dawn, cutting the town's main road for what could be weeks, officials said.",
        (
            "Hartwell woke on Monday to sirens and a gap where the middle of the Old Mill Bridge used to be.",
            "The century-old crossing over the Tamsin gave way shortly after five in the morning, residents said, and two vans ended up in the river below. Fishermen on the bank waded in and dragged both drivers ashore.",
            "Hartwell General Hospital said the men were recovering. Neither was named.",
            "For people in Carrow and along the coast road, the collapse means long detours. Shopkeeper Ivan Dorsey said half his customers drive in over the bridge every morning and he expected a quiet month.",
            "Mayor Lorna Petrakis, visibly shaken, said repairs had been planned for the summer. \"We were told it had two more years in it,\" she said.",
            "Residents have complained for years about gravel lorries from the Denholm quarry. A petition asking for a weight limit gathered four hundred signatures in 2023 but was never debated, according to the council's own minutes.",
            "Divers are due to inspect what is left of the bridge on Tuesday.",
        ),
    ),
    Event(
        "strike", "PORT ALDEN", "2024-05-12", "Talks",
        (
            "Dock workers at Port Alden walked off the job on Sunday in the first strike at the country's second-busiest container port in eleven years, leaving more than thirty ships waiting at anchor.",
            "The Harbour and Transport Workers Union said its 2,400 members would stay out for 72 hours after talks on pay and automated cranes broke down late on Saturday.",
            "Union secretary Dolores Achebe said the port operator, Meridian Terminals, had refused to guarantee jobs once the new remote-controlled cranes come into service next year.",
            "Meridian said in a statement that it had offered a 6 percent rise over two years and a retraining fund, and called the walkout unnecessary and damaging to exporters.",
            "Shipping agents said cargo was being diverted to the smaller port of Kessock, which handles about a fifth of Port Alden's volume and was already near capacity.",
            "The labour ministry said a mediator, former judge Arnold Whitcombe, would meet both sides on Monday afternoon.",
            "Exporters of frozen fish and fruit, who rely on refrigerated containers, warned that even a short stoppage could spoil goods worth millions.",
            "The last strike at the port, in 2013, lasted nine days and ended with a deal brokered by the same ministry.",
        ),
        4,
        "More than thirty container ships sat at anchor off Port Alden on Sunday after its dock workers began a 72-hour strike, the first at the port in eleven years.",
        (
            "The cranes at Port Alden stood still on Sunday as dockers picketed outside the gates of Meridian Terminals, the company that runs the container port.",
            "Dolores Achebe of the Harbour and Transport Workers Union told a crowd of several hundred strikers that automation would cost hundreds of jobs. The stoppage is set to last three days.",
            "Meridian Terminals said it had put a fair offer on the table, including a pay rise and money for retraining, and accused the union of putting the port's reputation at risk.",
            "By evening the queue of ships waiting offshore had grown past thirty, according to a harbour master's notice. Some lines said they would send vessels on to Kessock instead.",
            "Fruit exporter Hana Ruiz said she had twelve refrigerated containers stuck on the quay. \"Every hour costs us,\" she said.",
            "A government-appointed mediator, Arnold Whitcombe, is expected to bring the two sides together on Monday.",
        ),
    ),
    Event(
        "election", "VELMORA", "2024-06-02", "Results",
        (
            "Velmora's opposition Civic Renewal party won the most seats in Sunday's parliamentary election but fell short of a majority, preliminary results showed, setting up weeks of coalition talks.",
            "With 97 percent of votes counted, Civic Renewal had 71 of the 160 seats, the electoral commission said, against 58 for Prime Minister Teodor Brankovic's National Alliance.",
            "Turnout was 64 percent, up from 57 percent at the last election in 2020, the commission said.",
            "Civic Renewal leader Mirela Sosa told supporters in the capital that voters had chosen change and that she would open talks with smaller parties on Monday.",
            "Brankovic conceded that his party had lost ground but said it remained the strongest force in the countryside and would not rule out joining a government of national unity.",
            "The Green List, with 14 seats, and the regionalist Northern Voice, with 11, are seen as possible partners for either of the two largest parties.",
            "International observers are due to publish their preliminary assessment of the vote on Tuesday.",
        ),
        3,
        "The opposition Civic Renewal party came first in Velmora's election on Sunday, preliminary results showed, but without a majority it faces weeks of coalition talks.",
        (
            "Mirela Sosa stepped onto a stage in the capital shortly before midnight and declared that Velmora had voted for a new start.",
            "Her Civic Renewal party finished first in Sunday's vote, according to the electoral commission's count, though it will need partners to govern. Prime Minister Teodor Brankovic's National Alliance came second.",
            "At the National Alliance's headquarters the mood was subdued. Brankovic told aides the result was a warning, and several ministers left without speaking to reporters.",
            "More Velmorans voted this time than in 2020, a rise analysts attributed to anger over energy prices and a string of procurement scandals.",
            "Much now depends on the Green List and Northern Voice, two smaller parties courted by both camps. Green List co-leader Pavel Ostrowski said his party would talk to anyone who backed its climate programme.",
            "Observers from abroad will give their first verdict on the vote on Tuesday.",
        ),
    ),
    Event(
        "flood", "SAN ROQUE", "2024-09-18", "Relief",
        (
            "Flash floods swept through the hillside districts of San Roque on Wednesday after a night of record rainfall, killing at least nine people and leaving hundreds homeless, the civil protection agency said.",
            "The weather service measured 212 millimetres of rain in twelve hours at its San Roque station, more than the city normally receives in two months.",
            "Rescue teams were searching for at least six missing people in the Las Cañadas and El Mirador neighbourhoods, where mudslides buried houses built on steep slopes.",
            "Governor Beatriz Olmedo declared a state of emergency for the province and said the army would help distribute water and food to about 3,000 people in shelters.",
            "Schools in the city will stay closed until Monday, and the main highway to the coast was cut by a landslide near kilometre 40.",
            "Residents said drainage channels built after floods in 2011 had been blocked by rubbish and had not been cleaned for years, a charge the city's public works department denied.",
            "The weather service warned that more heavy rain was expected on Thursday night.",
        ),
        3,
        "At least nine people died when flash floods tore through hillside neighbourhoods of San Roque on Wednesday after record overnight rain, civil protection officials said.",
        (
            "Mud reached the rooftops in parts of El Mirador on Wednesday, and neighbours dug with shovels and bare hands for people they feared were buried.",
            "The civil protection agency put the death toll at nine by the afternoon and said several people were still missing after the night's storm dumped months of rain on San Roque in a matter of hours.",
            "Governor Beatriz Olmedo toured shelters in the city centre and announced a state of emergency. Soldiers began handing out bottled water by the evening.",
            "In Las Cañadas, Rosa Quintero said the stream behind her house had turned into a river within minutes. \"We had no time to take anything,\" she said.",
            "Critics say the city failed to maintain drainage works built after the deadly floods of 2011. The public works department rejected that, saying the rain was simply beyond what any system could carry.",
            "Forecasters expect another band of rain on Thursday night.",
        ),
    ),
    Event(
        "merger", "FRANKSTADT", "2024-11-07", "Regulators",
        (
            "Kessler Rail, the Frankstadt-based maker of trams and regional trains, agreed on Thursday to buy its smaller rival Norrland Transit Systems for 3.2 billion euros in cash, creating Europe's third-largest rolling stock manufacturer.",
            "Kessler will pay 41 euros a share, a premium of 28 percent over Norrland's closing price on Wednesday, the companies said in a joint statement.",
            "Chief executive Anneliese Vogt said the deal would give Kessler the signalling software it lacks and access to Nordic railway operators that had long preferred local suppliers.",
            "The combined group will have annual sales of about 9 billion euros and 31,000 employees, with plants in six countries.",
            "Norrland's board unanimously recommended the offer. Its largest shareholder, the pension fund Vinterhamn, which owns 19 percent, said it would accept.",
            "Analysts expect competition authorities to examine the deal closely because the two companies together would supply more than half of the trams ordered in northern Europe in the past five years.",
            "Kessler shares fell 4 percent in Frankstadt trading, while Norrland's jumped 25 percent.",
        ),
        3,
        "Trainmaker Kessler Rail said on Thursday it would pay 3.2 billion euros in cash for Norrland Transit Systems, a deal that would create Europe's third-largest maker of rolling stock.",
        (
            "Anneliese Vogt has spent three years trying to get Kessler Rail into Scandinavia. On Thursday she found a shortcut: buying Norrland Transit Systems outright.",
            "The 3.2 billion euro offer, announced in Frankstadt, values Norrland well above its market price and has the backing of its board and its biggest investor, the Vinterhamn pension fund.",
            "For Kessler, the attraction is software. Norrland's signalling systems are used across Nordic networks, and Vogt told analysts on a call that the two product lines fit \"like a key in a lock\".",
            "Not everyone was convinced. Investors sent Kessler's stock down by about 4 percent, and one fund manager, Olaf Brenner, said the price looked generous.",
            "Regulators may prove the bigger obstacle. Between them the two firms have won most tram contracts in northern Europe recently, and unions in Norrland's home region asked for guarantees on jobs.",
            "The deal is expected to close late next year if approved.",
        ),
    ),
    Event(
        "vaccine", "GENEVA", "2024-02-20", "Trial",
        (
            "A single-dose vaccine against the tick-borne Corran fever protected 86 percent of recipients in a late-stage trial in three countries, its developers said on Tuesday, raising hopes of a first approved shot for the disease.",
            "The trial, run by the nonprofit Alvarez Institute with the drugmaker Heliad Biologics, enrolled 14,000 adults in forest regions where the virus is common.",
            "Over eighteen months, 11 people who received the vaccine developed the illness, compared with 79 in the placebo group, the researchers said at a briefing.",
            "Side effects were mostly mild, with sore arms and fever lasting a day or two, according to lead investigator Dr. Samuel Okafor.",
            "Corran fever, first described in 1998, causes high fever and in severe cases bleeding and kidney failure. Health authorities record about 40,000 cases a year, mostly among farm and forestry workers.",
            "Heliad said it would apply for approval in the three trial countries by the end of the year and was building a plant to make 20 million doses annually.",
            "Independent experts said the results were encouraging but that data on how long protection lasts would be needed before mass vaccination.",
        ),
        3,
        "An experimental one-shot vaccine cut cases of Corran fever by 86 percent in a large trial, researchers said on Tuesday, putting the tick-borne disease's first vaccine within reach.",
        (
            "For forestry workers who have spent decades pulling ticks off their skin, Tuesday's news from Geneva sounded almost too good to be true.",
            "Researchers from the Alvarez Institute reported that a vaccine made with Heliad Biologics prevented most cases of Corran fever among thousands of volunteers. Only a handful of vaccinated people fell ill over a year and a half.",
            "Dr. Samuel Okafor, who led the study, said he had waited twenty years to present such numbers. Most volunteers reported nothing worse than a sore arm.",
            "The disease kills hundreds of people a year and leaves many more with lasting kidney damage. There is no approved treatment.",
            "Heliad plans to seek approval before the end of the year. Its chief scientist, Marta Lindqvist, said the company had already started building manufacturing capacity.",
            "Some specialists urged patience. Nobody yet knows whether one dose protects for five years or for one, said epidemiologist Ruth Adeyemi.",
        ),
    ),
)

LOCAL = ("The closure also affects local bus routes, and the county council said it would publish "
         "revised timetables on its website later in the week for readers in our area.")
NOTE = "Editor's note: this story has been updated with new figures from officials."
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def dateline(event: Event, days_later: int = 0) -> str:
    year, month, day = (int(x) for x in event.date.split("-"))
    return f"{event.place}, {MONTHS[month - 1]} {day + days_later} (Wire) - "


def text_of(lede: list[str], body: list[str], heading: str | None) -> str:
    parts = ["\n\n".join(lede)]
    if body:
        parts.append((f"## {heading}\n\n" if heading else "") + "\n\n".join(body))
    return "\n\n".join(parts) + "\n"


def wire(event: Event) -> str:
    paras = list(event.paragraphs)
    paras[0] = dateline(event) + paras[0]
    return text_of(paras[: event.split], paras[event.split :], event.heading)


def _restyle_quotes(text: str) -> str:
    text = re.sub(r'"(?=\w)', "“", text)
    return text.replace('"', "”").replace("'", "’")


def _british(text: str) -> str:
    return text.replace("labor", "labour").replace("organiz", "organis").replace("center", "centre")


Variant = Callable[[Event], str]


def _edit(event: Event, *, lede: str | None = None, keep: int | None = None, local: bool = False,
          note: bool = False, byline: bool = False, headings: bool = True, days: int = 0,
          quotes: bool = False, drop_first: int = 0, swap: bool = False) -> str:
    paras = list(event.paragraphs)
    split = event.split
    if lede is not None:
        paras[0] = lede
    if drop_first:
        paras = paras[:1] + paras[1 + drop_first :]
        split -= drop_first
    if swap:
        paras[1], paras[2] = paras[2], paras[1]
    if keep is not None:
        paras = paras[:keep]
    paras[0] = dateline(event, days) + paras[0]
    if local:
        paras.insert(2, LOCAL)
        split += 1
    if note:
        paras.insert(0, NOTE)
        split += 1
    if byline:
        paras.insert(0, "By Jane Roe")
        split += 1
        paras.append("(Reporting by Jane Roe; Editing by Tom Doe)")
    text = text_of(paras[:split], paras[split:], event.heading if headings else None)
    return _british(_restyle_quotes(text) if quotes else text)


# A desk's rewording: every other sentence gets other words for common ones.
_REWORDS = (("said", "told reporters"), ("on Monday", "on Monday morning"), ("would", "will"),
            ("about", "around"), ("percent", "per cent"), ("more than", "over"),
            ("the ", "its "), (" and ", " as well as "), ("which", "that"))


def _reword(paragraph: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    for i in range(0, len(sentences), 2):
        for old, new in _REWORDS:
            sentences[i] = sentences[i].replace(old, new)
    return " ".join(sentences)


def _reworded(event: Event) -> str:
    paras = [_reword(p) for p in event.paragraphs]
    paras[0] = dateline(event) + event.alt_lede
    return text_of(paras[: event.split], paras[event.split : -1], None)


# name -> variant, from light to heavy edits
VARIANTS: dict[str, Variant] = {
    "byline": lambda e: _edit(e, byline=True),
    "quotes": lambda e: _edit(e, quotes=True),
    "no-headings": lambda e: _edit(e, headings=False),
    "a-day-later": lambda e: _edit(e, days=1),
    "local-paragraph": lambda e: _edit(e, local=True, note=True),
    "cut-end": lambda e: _edit(e, keep=len(e.paragraphs) - 2),
    "short": lambda e: _edit(e, keep=4),
    "new-lede": lambda e: _edit(e, lede=e.alt_lede),
    "new-lede-cut": lambda e: _edit(e, lede=e.alt_lede, keep=len(e.paragraphs) - 2, days=2),
    "heavy": lambda e: _edit(e, lede=e.alt_lede, keep=len(e.paragraphs) - 1, quotes=True,
                             byline=True, headings=False, drop_first=1, swap=True),
    "reworded": _reworded,
}


DAYS_LATER = {"a-day-later": 1, "new-lede-cut": 2}  # filed later than the wire story


def _later(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


@dataclass(frozen=True)
class Case:
    id: str
    story: str  # articles of one story share this label
    event: str
    date: str
    text: str


def cases() -> list[Case]:
    """Every article of the set: per event the wire story, its variants, the other report."""
    found: list[Case] = []
    for event in EVENTS:
        found.append(Case(f"{event.key}-wire", f"{event.key}/wire", event.key, event.date,
                          wire(event)))
        for name, make in VARIANTS.items():
            found.append(Case(f"{event.key}-{name}", f"{event.key}/wire", event.key,
                              _later(event.date, DAYS_LATER.get(name, 0)), make(event)))
        other = "\n\n".join(event.paragraphs[:0] + event.other) + "\n"
        found.append(Case(f"{event.key}-other", f"{event.key}/other", event.key, event.date,
                          other))
    return found
