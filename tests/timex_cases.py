"""Short news articles written for these tests (invented events, not copied from any source),
each with its dateline and every date mention a careful reader finds in it, resolved.

`expected` lists (surface, value) in text order; a surface is the exact text of the mention,
found in `text` after the previous one (with context where needed: `in [August]`). The
vocabulary of values and the rules that decide them are in `newsarc.extract.timex`. Anchors
note their weekday because most hard cases hang on it. `tests/test_timex.py` asserts the
cases; `bench/timex_eval.py` scores them (span and value precision, recall, F1).

What each case is about is in its name; what is deliberately *not* a mention (durations,
sets, times of day, ages, counts, names) is in the text but not in `expected`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.scores import Score


@dataclass(frozen=True)
class Case:
    name: str
    anchor: str | None  # the dateline, ISO at its precision; None: an undated article
    text: str
    expected: tuple[tuple[str, str], ...]


CASES: tuple[Case, ...] = (
    # --- Weekdays: the last one or the next one -------------------------------------------------
    Case("weekday_across_week_boundary", "2017-03-21",  # Tuesday
         "The city council voted on Friday to close the old harbour bridge, and the mayor will "
         "meet engineers on Monday to discuss a replacement. Work on the new span is scheduled "
         "to begin in September.",
         (("Friday", "2017-03-17"), ("Monday", "2017-03-27"), ("September", "2017-09"))),
    Case("last_week_on_a_monday", "2017-03-20",  # Monday
         "Shares of the regional airline fell 4 percent last week after pilots threatened a "
         "strike. Union leaders said on Monday that talks would resume this week, and a vote is "
         "expected next week.",
         (("last week", "2017-W11"), ("Monday", "2017-03-20"), ("this week", "2017-W12"),
          ("next week", "2017-W13"))),
    Case("last_and_next_monday_on_a_monday", "2017-03-20",  # Monday
         "Last Monday's vote was annulled by the electoral commission, which ordered a rerun "
         "next Monday.",
         (("Last Monday", "2017-03-13"), ("next Monday", "2017-03-27"))),
    Case("same_week_future_and_past", "2017-03-22",  # Wednesday
         "Parliament will debate the bill on Thursday and vote on Friday. The committee "
         "approved it on Tuesday after hearings that began on Sunday.",
         (("Thursday", "2017-03-23"), ("Friday", "2017-03-24"), ("Tuesday", "2017-03-21"),
          ("Sunday", "2017-03-19"))),
    Case("weekday_of_the_dateline", "2017-03-24",  # Friday
         "The company said on Friday that its chief executive would step down on Monday. Its "
         "shares rose 5 percent on Thursday.",
         (("Friday", "2017-03-24"), ("Monday", "2017-03-27"), ("Thursday", "2017-03-23"))),
    Case("sunday_dateline", "2017-03-26",  # Sunday
         "Voters went to the polls on Saturday, and counting will continue until Tuesday.",
         (("Saturday", "2017-03-25"), ("Tuesday", "2017-03-28"))),
    Case("this_past_and_this_coming", "2017-03-22",  # Wednesday
         "Turnout this past Sunday was low, officials said, and they hope for more voters this "
         "coming Sunday. The results will be certified later this month.",
         (("this past Sunday", "2017-03-19"), ("this coming Sunday", "2017-03-26"),
          ("later this month", "2017-03"))),
    Case("time_of_day_and_weekday", "2017-03-21",  # Tuesday
         "Police sealed off the square at 10 a.m. and reopened it at 4 p.m. A spokesman said a "
         "suspect was arrested at 6:30 a.m. Monday and will appear in court on Thursday.",
         (("Monday", "2017-03-20"), ("Thursday", "2017-03-23"))),
    Case("weekends", "2017-03-23",  # Thursday
         "Storms are forecast for the weekend, the weather service said on Thursday, after "
         "heavy rain last weekend flooded roads. Forecasters expect calmer weather by next "
         "Tuesday.",
         (("the weekend", "2017-W12-WE"), ("Thursday", "2017-03-23"),
          ("last weekend", "2017-W11-WE"), ("next Tuesday", "2017-03-28"))),
    Case("new_year_week", "2018-01-01",  # Monday
         "Markets were closed on Monday for the New Year holiday, after trading thinly last "
         "week. Dealers expect volumes to pick up next week.",
         (("Monday", "2018-01-01"), ("last week", "2017-W52"), ("next week", "2018-W02"))),
    Case("capitals", "2017-03-22",  # Wednesday
         "MARKETS RALLY ON MONDAY AFTER MARCH 15 RATE DECISION",
         (("MONDAY", "2017-03-20"), ("MARCH 15", "2017-03-15"))),
    # --- Year roll-over -------------------------------------------------------------------------
    Case("december_in_january", "2017-01-09",  # Monday
         "Retail sales rose 3 percent in December, the statistics office said on Monday, helped "
         "by a late rush of holiday shopping. The office will publish January figures next "
         "month, and economists expect a slowdown in February.",
         (("December", "2016-12"), ("Monday", "2017-01-09"), ("January", "2017-01"),
          ("next month", "2017-02"), ("February", "2017-02"))),
    Case("next_month_in_december", "2016-12-14",  # Wednesday
         "The ministry said the new fuel tax will take effect next month. Drivers rushed to "
         "fill their tanks on Tuesday. Prices have risen every month since June, and officials "
         "promised a review in January.",
         (("next month", "2017-01"), ("Tuesday", "2016-12-13"), ("June", "2016-06"),
          ("January", "2017-01"))),
    Case("last_year_in_january", "2018-01-04",  # Thursday
         "Last year was the warmest on record, the meteorological office said on Thursday. "
         "Temperatures in November and December were well above average, and forecasters "
         "expect 2018 to be hotter still.",
         (("Last year", "2017"), ("Thursday", "2018-01-04"), ("November", "2017-11"),
          ("December", "2017-12"), ("2018", "2018"))),
    Case("new_law_at_year_end", "2016-12-28",
         "The new law takes effect on January 1, and the first fines will be issued in "
         "February. Lawmakers approved it in October after a debate that began in the summer.",
         (("January 1", "2017-01-01"), ("February", "2017-02"), ("October", "2016-10"),
          ("the summer", "2016-SU"))),
    Case("day_of_month_either_side", "2017-02-02",
         "Police are still investigating the fire of December 28, which destroyed three "
         "warehouses. Insurers expect claims to be settled by April 30.",
         (("December 28", "2016-12-28"), ("April 30", "2017-04-30"))),
    # --- Month names as words and names ---------------------------------------------------------
    Case("may_march_august", "2019-03-29",  # Friday
         "Theresa May told lawmakers on Friday that Britain could still leave the European "
         "Union in May, a day after a march through London drew large crowds. Mrs May said the "
         "March for Europe had not changed her mind. Organisers said a second rally on Saturday "
         "drew fewer people. The cabinet, an august body at the best of times, meets again in "
         "April.",
         (("Friday", "2019-03-29"), ("May", "2019-05"), ("Saturday", "2019-03-23"),
          ("April", "2019-04"))),
    Case("months_as_names", "2018-06-04",  # Monday
         "August Wilson's play returns to the stage in August, the theatre said. Director April "
         "Reign, who staged it in 2009, said rehearsals begin on June 18. Critics may be "
         "divided.",
         (("in [August]", "2018-08"), ("2009", "2009"), ("June 18", "2018-06-18"))),
    Case("months_alone", "2017-03-22",
         "February was the wettest month on record. Officials said July and August were the "
         "driest.",
         (("February", "2017-02"), ("July", "2016-07"), ("August", "2016-08"))),
    Case("month_with_relative_year", "2017-03-22",
         "Prices fell in May last year and again in January this year. The company plans to "
         "list its shares in June next year.",
         (("May last year", "2016-05"), ("January this year", "2017-01"),
          ("June next year", "2018-06"))),
    # --- Explicit dates in their forms ----------------------------------------------------------
    Case("explicit_forms", "2017-03-22",
         "The agreement, signed on Monday, March 20, 2017, replaces one from 5 January 2015 and "
         "another from March 2014.",
         (("Monday, March 20, 2017", "2017-03-20"), ("5 January 2015", "2015-01-05"),
          ("March 2014", "2014-03"))),
    Case("day_month_forms", "2017-06-15",
         "The vote, first called for Jan. 5, was moved to the 12th of February and finally held "
         "on February 19th. A new election is set for Sept. 3.",
         (("Jan. 5", "2017-01-05"), ("the 12th of February", "2017-02-12"),
          ("February 19th", "2017-02-19"), ("Sept. 3", "2017-09-03"))),
    Case("iso_and_end_of_year", "2017-03-22",
         "The filing, dated 2017-03-20, shows the company had 2,017 employees at the end of "
         "2016. Its next report is due on 5 April.",
         (("2017-03-20", "2017-03-20"), ("the end of 2016", "2016"), ("5 April", "2017-04-05"))),
    Case("numbers_that_count", "2017-03-22",
         "The plant produced 1950 tonnes of steel in 2016, up from 1,870 tonnes a year earlier. "
         "Flight 2017 was delayed, and about 1900 passengers were stranded at 1930 GMT.",
         (("2016", "2016"),)),
    Case("counts_ages_durations_sets", "2016-08-10",  # Wednesday
         "More than 2016 people signed the petition by noon, organisers said. The 45-year-old "
         "organiser, who has campaigned for three years, will hand it to the governor at 10 "
         "a.m. on Thursday. Volunteers meet every Monday in a church hall.",
         (("Thursday", "2016-08-11"),)),
    Case("durations_and_sets", "2017-03-22",
         "The market opens every Saturday and has operated for 25 years. Traders said weekly "
         "takings have fallen over the past year, and the past week was the worst since 2009.",
         (("2009", "2009"),)),
    # --- Seasons, quarters, halves, fiscal years ------------------------------------------------
    Case("seasons", "2017-03-21",
         "Water levels in the reservoir dropped sharply last summer, and engineers warned that "
         "this summer could be worse. Repairs planned for the autumn of 2016 were delayed; the "
         "work is now due to start in the spring.",
         (("last summer", "2016-SU"), ("this summer", "2017-SU"),
          ("the autumn of 2016", "2016-FA"), ("the spring", "2017-SP"))),
    Case("spring_and_fall", "2017-10-05",
         "The government's fall from power last spring surprised few. Elections are planned for "
         "next fall, and campaigning will start this winter.",
         (("last spring", "2017-SP"), ("next fall", "2018-FA"), ("this winter", "2017-WI"))),
    Case("quarters", "2017-04-26",  # Wednesday
         "The carmaker reported a 12 percent rise in first-quarter profit on Wednesday and said "
         "sales in the second quarter would be weaker. Revenue in the fourth quarter of 2016 was "
         "a record. Analysts expect a recovery in Q3.",
         (("first-quarter", "2017-Q1"), ("Wednesday", "2017-04-26"),
          ("the second quarter", "2017-Q2"), ("the fourth quarter of 2016", "2016-Q4"),
          ("Q3", "2017-Q3"))),
    Case("q_forms_and_halves", "2019-07-30",
         "Q2 revenue beat forecasts, and the company raised its guidance for 2019. It expects "
         "margins to improve in Q4 2019 and in the first half of next year.",
         (("Q2", "2019-Q2"), ("2019", "2019"), ("Q4 2019", "2019-Q4"),
          ("the first half of next year", "2020-H1"))),
    Case("relative_quarters", "2017-05-10",
         "Growth slowed last quarter and is expected to pick up this quarter, the central bank "
         "said.",
         (("last quarter", "2017-Q1"), ("this quarter", "2017-Q2"))),
    Case("fiscal_years", "2016-11-03",
         "The retailer cut its forecast for fiscal 2017, citing weak demand in the third "
         "quarter, and said it expects sales in the second half of the year to recover. Its "
         "fiscal year 2015/16 ended in January.",
         (("fiscal 2017", "2017"), ("the third quarter", "2016-Q3"),
          ("the second half of the year", "2016-H2"), ("fiscal year 2015/16", "2015/2016"),
          ("January", "2016-01"))),
    Case("crop_year_and_week_ended", "1987-02-26",  # Thursday
         "Coffee exports for the week ended February 22 totalled 310,000 bags, against 280,000 "
         "a year earlier, the board said. Shipments for the 1986/87 season are expected to reach "
         "2.1 mln bags by September.",
         (("February 22", "1987-02-22"), ("1986/87", "1986/1987"), ("September", "1987-09"))),
    # --- Relative to the dateline ---------------------------------------------------------------
    Case("ago_and_tomorrow", "2018-10-03",
         "Two days ago the river burst its banks for the second time this year. A similar flood "
         "struck the valley three years ago, and residents said they had been promised new "
         "defences by next spring. The regional government will publish its report tomorrow.",
         (("Two days ago", "2018-10-01"), ("this year", "2018"), ("three years ago", "2015"),
          ("next spring", "2019-SP"), ("tomorrow", "2018-10-04"))),
    Case("earlier_and_later", "2017-09-12",
         "The central bank raised interest rates earlier this month and signalled another "
         "increase later this year. Inflation peaked earlier this year at 3.1 percent, its "
         "highest level since the 1990s.",
         (("earlier this month", "2017-09"), ("later this year", "2017"),
          ("earlier this year", "2017"), ("the 1990s", "199X"))),
    Case("day_before_yesterday", "2017-03-22",
         "Protesters gathered the day before yesterday outside the ministry, and police said "
         "today they would allow another rally tomorrow. The day before, officials had met "
         "union leaders.",
         (("the day before yesterday", "2017-03-20"), ("today", "2017-03-22"),
          ("tomorrow", "2017-03-23"))),
    Case("decade_ago_and_eighties", "2017-03-22",
         "Sales have not been this strong since the '80s, when the brand was launched. A decade "
         "ago it nearly went bankrupt.",
         (("the '80s", "198X"), ("A decade ago", "200X"))),
    # --- Decades, centuries, modifiers ----------------------------------------------------------
    Case("decades_and_centuries", "2015-06-02",
         "The factory, built in the 1920s, employed thousands of workers in the late 1980s "
         "before closing in 1994. Historians call it a monument of the 20th century.",
         (("the 1920s", "192X"), ("the late 1980s", "198X"), ("1994", "1994"),
          ("the 20th century", "19"))),
    Case("decade_words", "2010-11-02",
         "The house dates from the early 19th century and was restored in the nineties. Its "
         "owners plan to sell it within the decade.",
         (("the early 19th century", "18"), ("the nineties", "199X"))),
    Case("early_mid_late", "2016-02-10",
         "Construction began in mid-2014 and is due to finish by late March, a year behind "
         "schedule. The contractor blamed delays in early 2015 and over the autumn.",
         (("mid-2014", "2014"), ("late March", "2016-03"), ("early 2015", "2015"),
          ("the autumn", "2015-FA"))),
    Case("closed_mine", "2016-05-17",  # Tuesday
         "The mine has been closed for two years, and the company said on Tuesday it has no "
         "plans to reopen it before 2020. Production peaked in the 1970s.",
         (("Tuesday", "2016-05-17"), ("2020", "2020"), ("the 1970s", "197X"))),
    # --- Ranges ---------------------------------------------------------------------------------
    Case("ranges", "2017-02-14",
         "The festival runs from March 3 to March 12 and will close on Sundays. Ticket sales "
         "between March and May last year reached a record, and attendance rose every year "
         "from 2014 to 2016. The organisers' 2015-2016 budget was balanced.",
         (("from March 3 to March 12", "2017-03-03/2017-03-12"),
          ("between March and May last year", "2016-03/2016-05"),
          ("from 2014 to 2016", "2014/2016"), ("2015-2016", "2015/2016"))),
    Case("day_ranges", "2017-03-22",  # Wednesday
         "The summit will be held on April 4-6 in Geneva. Preparatory talks took place from "
         "Monday to Wednesday.",
         (("April 4-6", "2017-04-04/2017-04-06"),
          ("from Monday to Wednesday", "2017-03-20/2017-03-22"))),
    # --- Anchors of less than a day -------------------------------------------------------------
    Case("undated_keeps_full_dates", None,
         "The treaty was signed on June 28, 1919, in the Hall of Mirrors. Delegates had argued "
         "over its terms since January, and the last of them left Paris on Monday. Its "
         "centenary was marked in 2019.",
         (("June 28, 1919", "1919-06-28"), ("2019", "2019"))),
    Case("undated_drops_relative", None,
         "Registration closes on 30 September 2016. Late entries will not be accepted after "
         "October, organisers said yesterday.",
         (("30 September 2016", "2016-09-30"),)),
    Case("month_only_anchor", "2017-03",
         "The museum reopened on March 5 after a two-year renovation. Visitor numbers on Monday "
         "were the highest since last year, and a new wing will open next month.",
         (("March 5", "2017-03-05"), ("last year", "2016"), ("next month", "2017-04"))),
)


# Written after the rules were settled on CASES and scored once before any change, as a check
# of how the rules carry over: newswire in the style of the TimeBank corpus, 1998 datelines.
# First run (timex v1 at commit 6bdf899): span F1 0.990, value F1 0.931, strict and relaxed
# alike (51 mentions: `which goes to Congress on Monday` and `go to the polls on Sunday` read
# as past, `could raise them in the autumn` as last autumn, `its summer recess` missed). The
# rules then learned that present tense and `could` look forward and a season may follow a
# possessive; these cases pass since, so they no longer measure anything unseen.
HELD_OUT: tuple[Case, ...] = (
    Case("budget_week", "1998-02-06",  # Friday
         "The administration on Thursday proposed cutting the federal deficit to zero by 2002, "
         "officials said. The budget, which goes to Congress on Monday, assumes growth of 2 "
         "percent this year and next year. Last year the economy grew 3.8 percent, the fastest "
         "pace since 1988.",
         (("Thursday", "1998-02-05"), ("2002", "2002"), ("Monday", "1998-02-09"),
          ("this year", "1998"), ("next year", "1999"), ("Last year", "1997"),
          ("1988", "1988"))),
    Case("tokyo_slide", "1998-03-03",  # Tuesday
         "Stock prices fell sharply in Tokyo on Tuesday, extending a slide that began late last "
         "week. The index has lost 9 percent since January 1 and is down 20 percent from its "
         "peak in the summer of 1996.",
         (("Tuesday", "1998-03-03"), ("late last week", "1998-W09"),
          ("January 1", "1998-01-01"), ("the summer of 1996", "1996-SU"))),
    Case("inspectors", "1998-01-14",  # Wednesday
         "The government said on Wednesday it would not allow the inspection team to return "
         "until next month. The team left the capital on January 3 after a two-week visit. The "
         "Security Council is due to discuss the dispute on Friday.",
         (("Wednesday", "1998-01-14"), ("next month", "1998-02"), ("January 3", "1998-01-03"),
          ("Friday", "1998-01-16"))),
    Case("earnings_warning", "1998-04-20",  # Monday
         "The company expects second-quarter earnings to fall short of analysts' forecasts, its "
         "chief executive said Monday. The company will hold its annual meeting on May 12.",
         (("second-quarter", "1998-Q2"), ("Monday", "1998-04-20"), ("May 12", "1998-05-12"))),
    Case("election_sunday", "1998-02-27",  # Friday
         "Voters in the region go to the polls on Sunday for the second time in six months. The "
         "last election, held in September, ended in deadlock. A new parliament is expected to "
         "convene in mid-April.",
         (("Sunday", "1998-03-01"), ("September", "1997-09"), ("mid-April", "1998-04"))),
    Case("hurricane_costs", "1998-10-05",  # Monday
         "The hurricane killed more than 300 people in the Caribbean last month before striking "
         "the Gulf Coast. Damage estimates released Sunday put insured losses at $2.1 billion, "
         "the third-costliest storm of the 1990s after those in 1992 and 1989.",
         (("last month", "1998-09"), ("Sunday", "1998-10-04"), ("the 1990s", "199X"),
          ("1992", "1992"), ("1989", "1989"))),
    Case("rates_on_hold", "1998-06-30",  # Tuesday
         "The central bank left interest rates unchanged at its meeting on Tuesday but signalled "
         "it could raise them in the autumn. Inflation has stayed below 2 percent since early "
         "1997, and economists expect it to remain there through the end of the year.",
         (("Tuesday", "1998-06-30"), ("the autumn", "1998-FA"), ("early 1997", "1997"),
          ("the end of the year", "1998"))),
    Case("plants_decade", "1998-11-12",  # Thursday
         "A decade ago, in November 1988, the first of the plants opened. Two more followed in "
         "the early 1990s, and a fourth is planned for 2000. The company said Thursday that "
         "output this quarter would match the record set in the third quarter of 1996.",
         (("A decade ago", "198X"), ("November 1988", "1988-11"), ("the early 1990s", "199X"),
          ("2000", "2000"), ("Thursday", "1998-11-12"), ("this quarter", "1998-Q4"),
          ("the third quarter of 1996", "1996-Q3"))),
    Case("testimony", "1998-08-17",  # Monday
         "The president will testify before a grand jury later today, his lawyers said. He last "
         "spoke publicly about the matter in January, when he denied the allegations. Congress "
         "returns from its summer recess on September 9.",
         (("today", "1998-08-17"), ("January", "1998-01"), ("summer", "1998-SU"),
          ("September 9", "1998-09-09"))),
    Case("holiday_sales", "1998-01-02",  # Friday
         "Retailers reported strong sales over the holiday season, with December receipts up 6 "
         "percent from a year earlier. Analysts expect the pace to slow in the first quarter as "
         "consumers pay down debt built up in 1997.",
         (("December", "1997-12"), ("the first quarter", "1998-Q1"), ("1997", "1997"))),
    Case("protests_spread", "1998-05-15",  # Friday
         "Students have staged protests every day since early March. On Thursday troops fired "
         "on a crowd, and riots spread through the capital overnight. Parliament will meet in an "
         "emergency session next Tuesday.",
         (("early March", "1998-03"), ("Thursday", "1998-05-14"), ("next Tuesday", "1998-05-19"))),
    Case("airline_year", "1998-03-20",  # Friday
         "The airline posted a loss for the 12 months to March 31, 1997, but returned to profit "
         "in fiscal 1998, which ends this month. Its shares have doubled since last spring.",
         (("March 31, 1997", "1997-03-31"), ("fiscal 1998", "1998"), ("this month", "1998-03"),
          ("last spring", "1997-SP"))),
)

# --- Scoring ------------------------------------------------------------------------------------
# A mention is (start, end, value). Spans match strictly (same offsets) or relaxed (they overlap);
# each expected mention matches at most one found one. A value is right when its span matches and
# the values are equal: so value figures are at most the span figures of the same kind.

Mention = tuple[int, int, str]


def expected_mentions(case: Case) -> list[Mention]:
    """The expected mentions with their offsets: each surface is looked for after the last.
    A surface may carry context, the mention in brackets: `in [August]` is the `August` that
    follows `in `."""
    out, at = [], 0
    for surface, value in case.expected:
        context = surface.replace("[", "").replace("]", "")
        start = case.text.index(context, at) + (surface.index("[") if "[" in surface else 0)
        end = start + len(surface.split("[")[-1].split("]")[0])
        out.append((start, end, value))
        at = end
    return out


def _pairs(gold: list[Mention], found: list[Mention], strict: bool
           ) -> list[tuple[Mention, Mention]]:
    pairs, used = [], set()
    for g in gold:
        for i, f in enumerate(found):
            if i in used:
                continue
            if (f[0], f[1]) == (g[0], g[1]) if strict else f[0] < g[1] and g[0] < f[1]:
                pairs.append((g, f))
                used.add(i)
                break
    return pairs


def add_scores(scores: dict[str, Score], gold: list[Mention], found: list[Mention]) -> None:
    """Add one text's counts to `scores` (keys `span strict`, `span relaxed`, `value strict`,
    `value relaxed`)."""
    for kind in ("strict", "relaxed"):
        pairs = _pairs(gold, found, kind == "strict")
        right = sum(1 for g, f in pairs if g[2] == f[2])
        for name, tp in ((f"span {kind}", len(pairs)), (f"value {kind}", right)):
            s = scores.setdefault(name, Score())
            s.tp += tp
            s.fp += len(found) - tp
            s.fn += len(gold) - tp
