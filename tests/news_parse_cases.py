"""Annotated news articles written for these tests (invented, not copied from any source).

Each case is a file in the seed format with what a careful news reader says about it: the
dateline's place and credit (None when the lede has none), the title newsarc should derive, and
the section headings. Cases newsarc gets wrong are kept, with `known_miss` saying why, so the
scores stay honest. `tests/test_credits.py` and `tests/test_articles.py` assert them;
`bench/extract_eval.py` scores the parser against them (precision, recall, F1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    place: str | None
    credit: str | None
    title: str
    headings: tuple[str, ...] = ()
    known_miss: str = ""  # why newsarc gets this case wrong today; "" when it gets it right


CASES: tuple[Case, ...] = (
    # --- Agency datelines -------------------------------------------------------------------
    Case("tass", """ date 2023-03-17 MOSCOW, March 17. /TASS/. Russia's foreign minister said on Friday that talks on grain exports would resume next week in Istanbul.

The minister spoke after a meeting with his Turkish counterpart.""",
         "MOSCOW", "TASS",
         "Russia's foreign minister said on Friday that talks on grain exports would…"),
    Case("tass-no-credit", """ date 2023-02-07 MOSCOW, February 7. The Russian central bank kept its key rate unchanged at 7.5 percent.""",
         "MOSCOW", None, "The Russian central bank kept its key rate unchanged at 7.5 percent."),
    Case("ap-em-dash", """ date 2024-05-02 WASHINGTON (AP) — The Senate passed a stopgap spending bill late Thursday, averting a government shutdown hours before the deadline.

Lawmakers from both parties praised the compromise.

What's Next

The House is expected to vote on Friday.""",
         "WASHINGTON", "AP",
         "The Senate passed a stopgap spending bill late Thursday, averting a government…",
         ("What's Next",)),
    Case("reuters-dated", """ date 2024-02-03 LONDON, Feb 3 (Reuters) – Sterling rose to a two-week high against the dollar on Monday as traders trimmed bets on early rate cuts.""",
         "LONDON", "Reuters",
         "Sterling rose to a two-week high against the dollar on Monday as traders trimmed…"),
    Case("reuters-geneva", """ date 2024-06-11 GENEVA (Reuters) - Negotiators from eleven countries agreed on Tuesday to extend a fishing accord for another decade.""",
         "GENEVA", "Reuters",
         "Negotiators from eleven countries agreed on Tuesday to extend a fishing accord…"),
    Case("cnn", """ date 2024-01-09 (CNN) Lawmakers in three states introduced bills on Tuesday to restrict the sale of lab-grown meat.""",
         None, "CNN", "Lawmakers in three states introduced bills on Tuesday to restrict the sale of…"),
    Case("cnn-glued", """ date 2024-01-10 (CNN)A ferry carrying 300 passengers ran aground off the coast of Crete.""",
         None, "CNN", "A ferry carrying 300 passengers ran aground off the coast of Crete."),
    Case("caps-em-dash", """ date 2024-03-05 GAZA — Aid trucks began crossing into the enclave on Tuesday after a week of delays, officials said.""",
         "GAZA", None, "Aid trucks began crossing into the enclave on Tuesday after a week of delays…"),
    Case("caps-double-hyphen", """ date 2024-03-06 BRUSSELS -- European ministers failed to agree on a new budget rule.""",
         "BRUSSELS", None, "European ministers failed to agree on a new budget rule."),
    Case("caps-hyphen", """ date 2024-03-07 NAIROBI - Floods have displaced more than 20,000 people in western Kenya.""",
         "NAIROBI", None, "Floods have displaced more than 20,000 people in western Kenya."),
    Case("reuters-21578", """ date 1987-03-02 NEW YORK, March 2 - Shares of a small drug maker jumped 20 pct after it said regulators cleared its new pill.""",
         "NEW YORK", None,
         "Shares of a small drug maker jumped 20 pct after it said regulators cleared its…"),
    Case("xinhua", """ date 2024-01-05 BEIJING, Jan 5 (Xinhua) -- China's exports of electric cars rose 30 percent last year, customs data showed on Friday.""",
         "BEIJING", "Xinhua",
         "China's exports of electric cars rose 30 percent last year, customs data showed…"),
    Case("afp", """ date 2024-04-18 WASHINGTON (AFP) - US regulators fined a rail operator 12 million dollars over a derailment.""",
         "WASHINGTON", "AFP", "US regulators fined a rail operator 12 million dollars over a derailment."),
    Case("ap-region", """ date 2024-02-24 KYIV, Ukraine (AP) — Air raid sirens sounded across the capital early Saturday.""",
         "KYIV", "AP", "Air raid sirens sounded across the capital early Saturday."),
    Case("afp-title-case", """ date 2024-07-14 Paris (AFP) - France's national day parade went ahead under heavy rain on Sunday.""",
         "Paris", "AFP", "France's national day parade went ahead under heavy rain on Sunday."),
    Case("reuters-accented", """ date 2024-09-02 São Paulo (Reuters) - Brazil's largest bank reported record quarterly profit.""",
         "São Paulo", "Reuters", "Brazil's largest bank reported record quarterly profit."),
    Case("two-word-caps", """ date 2024-09-20 UNITED NATIONS (AP) — The Security Council extended its peacekeeping mission for a year.""",
         "UNITED NATIONS", "AP", "The Security Council extended its peacekeeping mission for a year."),
    Case("us-state", """ date 2024-10-01 SPRINGFIELD, Ill. (AP) — A jury convicted a former mayor of fraud on Tuesday.""",
         "SPRINGFIELD", "AP", "A jury convicted a former mayor of fraud on Tuesday."),
    Case("pti", """ date 2024-03-03 NEW DELHI, March 3 (PTI) The government approved a new policy on solar panels on Sunday.""",
         "NEW DELHI", "PTI", "The government approved a new policy on solar panels on Sunday."),
    Case("dpa", """ date 2024-11-11 BERLIN (dpa) - The German cabinet agreed on a draft budget after weeks of dispute.""",
         "BERLIN", "dpa", "The German cabinet agreed on a draft budget after weeks of dispute."),
    Case("interfax", """ date 2024-05-15 ST. PETERSBURG, May 15 (Interfax) - Port traffic fell by a tenth in April, the port authority said.""",
         "ST. PETERSBURG", "Interfax", "Port traffic fell by a tenth in April, the port authority said."),
    Case("wsj-glued", """ date 2024-08-08 TOKYO—Japanese stocks rebounded sharply on Thursday after two days of losses.""",
         "TOKYO", None, "Japanese stocks rebounded sharply on Thursday after two days of losses."),
    Case("efe-weekday", """ date 2024-04-01 MADRID, Monday (EFE) - Spain's unemployment fell to its lowest level since 2008.""",
         "MADRID", "EFE", "Spain's unemployment fell to its lowest level since 2008."),
    # --- Ledes that only look like datelines ------------------------------------------------
    Case("us-officials", """ date 2024-03-15 US officials said on Friday that new sanctions on shipping firms would take effect next month.""",
         None, None, "US officials said on Friday that new sanctions on shipping firms would take…"),
    Case("nato-aside", """ date 2024-07-10 NATO leaders - and their allies in the Pacific - met in Washington to discuss air defence.""",
         None, None, "NATO leaders - and their allies in the Pacific - met in Washington to discuss…"),
    Case("acronym-bracket", """ date 2024-01-30 The IRGC (Iran's Revolutionary Guard) said it had seized a tanker in the Gulf of Oman.""",
         None, None, "The IRGC (Iran's Revolutionary Guard) said it had seized a tanker in the Gulf of…"),
    Case("city-aside", """ date 2024-06-01 Washington - a city of monuments and traffic jams - braced for a heatwave.""",
         None, None, "Washington - a city of monuments and traffic jams - braced for a heatwave."),
    Case("quote-lede", """ date 2024-02-14 "We will not back down," the union leader told a crowd of striking nurses on Wednesday.""",
         None, None, '"We will not back down," the union leader told a crowd of striking nurses on…'),
    Case("number-lede", """ date 2024-02-15 2024 - a year of elections in more than 60 countries - began quietly.""",
         None, None, "2024 - a year of elections in more than 60 countries - began quietly."),
    Case("kicker", """ date 2024-05-20 BREAKING — The central bank raised its main rate by half a point.""",
         None, None, "BREAKING — The central bank raised its main rate by half a point."),
    Case("company-bracket", """ date 2024-04-22 Acme Corp (ACME.N) said its first-quarter profit doubled.""",
         None, None, "Acme Corp (ACME.N) said its first-quarter profit doubled."),
    Case("caps-acronym-verb", """ date 2024-04-23 OPEC agreed on Sunday to extend output cuts into next year.""",
         None, None, "OPEC agreed on Sunday to extend output cuts into next year."),
    Case("place-in-sentence", """ date 2024-04-24 In LONDON, March 3 was the wettest day on record, forecasters said.""",
         None, None, "In LONDON, March 3 was the wettest day on record, forecasters said."),
    # --- Headings, credits, captions, tweets, URLs, bylines ---------------------------------
    Case("caps-lead-ins", """ date 2024-03-20 ROME (ANSA) - Italy's parliament approved a reform of the justice system on Wednesday.

The vote ended months of debate.

WHAT CHANGES

Judges and prosecutors will follow separate careers.

WHO OBJECTS

Magistrates' associations called a strike for next month.""",
         "ROME", "ANSA", "Italy's parliament approved a reform of the justice system on Wednesday.",
         ("WHAT CHANGES", "WHO OBJECTS")),
    Case("trailing-credit", """ date 2024-03-21 LAGOS, March 21 (Reuters) - Nigeria's naira weakened past a record low on Thursday.

Dealers blamed a shortage of dollars at the official window.

Reporting by Ada Obi; Editing by Tom Reed""",
         "LAGOS", "Reuters", "Nigeria's naira weakened past a record low on Thursday."),
    Case("bracketed-credit", """ date 2024-03-22 The city council voted to close two libraries.

Residents said they would appeal.

(Reporting by Jo Park)""",
         None, None, "The city council voted to close two libraries."),
    Case("dw-credit", """ date 2024-03-23 BERLIN (AFP) - German police raided the offices of a far-right group.

Prosecutors said the group planned attacks on power lines.

mp/jh (DPA/SID)""",
         "BERLIN", "AFP", "German police raided the offices of a far-right group."),
    Case("caption-then-credit", """ date 2024-03-24 A glacier in the Alps lost a fifth of its mass in two summers, scientists reported.

The Melt

Researchers measured the ice with drones and radar.

Scientists on the Rhone glacier in August

Photo: Alpine Research Institute""",
         None, None, "A glacier in the Alps lost a fifth of its mass in two summers, scientists…",
         ("The Melt",)),
    Case("tweet", """ date 2017-03-03 The mayor announced the new bike lanes on social media.

Bike lanes are coming to Main Street this summer! pic.twitter.com/abc123XYZ

— Jane Mayor (@janemayor) March 3, 2017

Cyclists Welcome the Plan

Local riders said the lanes were overdue.""",
         None, None, "The mayor announced the new bike lanes on social media.",
         ("Cyclists Welcome the Plan",)),
    Case("url-line", """ date 2024-04-02 The agency published its annual report on air quality.

Read the full report at https://example.org/air-2024

Main Findings

Fine-particle pollution fell in most cities.""",
         None, None, "The agency published its annual report on air quality.",
         ("Main Findings",)),
    Case("www-and-hashtag", """ date 2024-04-03 Voters in the district head to the polls on Sunday.

More at www.example.com/vote

#Election2024

Turnout

Officials expect a high turnout.""",
         None, None, "Voters in the district head to the polls on Sunday.", ("Turnout",)),
    Case("byline", """ date 2024-04-04 By Maria Lopez

The museum reopened after a three-year renovation.

New Galleries

Two wings were added for modern art.""",
         None, None, "The museum reopened after a three-year renovation.", ("New Galleries",)),
    Case("byline-agency", """ date 2024-04-05 Prices of cocoa hit a record on Friday.

By JOHN SMITH, Associated Press

Traders said poor harvests in West Africa drove the rise.""",
         None, None, "Prices of cocoa hit a record on Friday."),
    Case("markdown-headings", """ date 2024-04-06 OSLO (NTB) - Norway's wealth fund posted a record return for the year.

## Returns by Asset

Stocks returned 16 percent.

## Outlook

The fund warned of lower returns ahead.""",
         "OSLO", "NTB", "Norway's wealth fund posted a record return for the year.",
         ("Returns by Asset", "Outlook")),
    Case("title-case-headings", """ date 2024-04-07 Farmers blocked roads around the capital for a third day.

Why They Protest

Fuel and fertiliser prices have doubled.

What the Government Offers

A cut in diesel tax was announced on Sunday.""",
         None, None, "Farmers blocked roads around the capital for a third day.",
         ("Why They Protest", "What the Government Offers")),
    Case("short-last-line", """ date 2024-04-08 A storm cut power to 40,000 homes along the coast.

Crews expect to restore it by Tuesday.

More to follow""",
         None, None, "A storm cut power to 40,000 homes along the coast."),
    Case("list-items", """ date 2024-04-09 The city announced its budget priorities.

Key Points

- More buses on night routes
- Repairs to 200 schools

Reactions

The opposition called the plan timid.""",
         None, None, "The city announced its budget priorities.", ("Key Points", "Reactions")),
    Case("dash-credit", """ date 2024-04-10 Oil prices fell on Monday after a surprise rise in stockpiles.

-- Reuters""",
         None, None, "Oil prices fell on Monday after a surprise rise in stockpiles."),
    Case("copyright", """ date 2024-04-11 The festival drew a record 80,000 visitors.

Crowds at the main stage on Saturday night

© 2024 Festival Press""",
         None, None, "The festival drew a record 80,000 visitors."),
    Case("heading-then-caption", """ date 2024-04-12 A new bridge opened over the river on Friday.

Opening Day

Crowds walk across the new bridge

Thousands crossed on foot before cars were allowed.""",
         None, None, "A new bridge opened over the river on Friday.", ("Opening Day",),
         known_miss="a one-line caption between a heading and its text is taken for the heading"),
    Case("acronym-dash", """ date 2024-04-13 NATO — The alliance agreed on Thursday to double its air-policing missions.""",
         None, None, "NATO — The alliance agreed on Thursday to double its air-policing missions.",
         known_miss="an acronym in capitals before a dash reads as a place (rule 3's accepted risk)"),
)
