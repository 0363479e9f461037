"""A small archive written for the tests: a few dozen articles with known words, dates and headings.

Each article's id is its key. Tests state which ids a query must find, so every rule of the query
language and every view is checked against sets that a person can verify by reading this file.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES: dict[str, str] = {
    "a01-qaim-strike": """ date 2024-02-03 A U.S. airstrike hit a warehouse in Al-Qaim, Iraq, near the border with Syria.

A Deliberate Strike

Officials said the strike targeted a depot used by militias.

Broader Context

The IRGC and its Quds Force have been active in the region.""",
    "a02-qaim-apostrophe": """ date 2024-02-05 Residents of Qa'im described a towering plume of smoke after the blast.

Eyewitnesses

Shopkeepers in the town closed early.""",
    "a03-qaim-modifier": """ date 2024-02-10 Aid groups reached Qaʼim on Saturday with food and water.

Relief Effort

Trucks crossed from Syria under escort.""",
    "a04-qaim-curly": """ date 2024-03-01 The mayor of Qa’im asked for reconstruction funds.

Reconstruction

Engineers assessed the damaged bridge.""",
    "a05-us-plain": """ date 2024-03-15 US officials met allies in Brussels to discuss sanctions.

Sanctions Talks

Diplomats from the EU and the US agreed on a timetable.""",
    "a06-striking-workers": """ date 2024-01-20 Dockworkers went on strike in Rotterdam over pay.

Union Demands

Striking workers want a ten percent raise.""",
    "a07-strikes-football": """ date 2023-11-05 The striker scored twice as the club strikes a deal with its sponsor.

Match Report

The crowd cheered the late goal.""",
    "a08-sinn-fein": """ date 2024-01-08 Sinn Féin leaders met in Belfast to plan the campaign.

Campaign Plans

Posters will appear in every county.""",
    "a09-sinn-fein-plain": """ date 2024-01-09 A Sinn Fein spokesperson declined to comment on the poll.

Polling

The party leads by three points.""",
    "a10-sao-paulo": """ date 2023-12-12 Heavy rain flooded São Paulo, closing the main avenues.

Flood Damage

Hundreds of homes were damaged by the water.""",
    "a11-assad": """ date 2023-12-20 Bashar al-Assad appeared on state television for the first time in months.

Reactions

Opposition groups in Syria dismissed the speech.""",
    "a12-nine-eleven": """ date 2023-09-11 Families gathered in New York to remember the victims of 9/11.

Ceremony

Names were read aloud at the memorial.""",
    "a13-trump-possessive": """ date 2024-02-20 Trump's lawyers filed an appeal in the New York case.

Legal Strategy

The filing argues the judge erred.""",
    "a14-trump-plain": """ date 2024-02-21 Donald Trump held a rally in Ohio.

Rally

Supporters waited for hours in the cold.""",
    "a15-hezbollah": """ date 2024-01-15 Hezbollah fired rockets at northern Israel.

Escalation

The army responded with artillery.""",
    "a16-warehouse-fire": """ date 2024-01-25 A warehouse fire in Marseille destroyed stocks of grain.

Investigation

Police suspect arson.""",
    "a17-quds-day": """ date 2023-04-14 Crowds marched in Tehran on Quds Day.

Slogans

Marchers chanted against Israel.""",
    "a18-quadrant": """ date 2023-06-02 Astronomers mapped a new quadrant of the sky.

Telescopes

The survey used three observatories.""",
    "a19-month-only": """ date 2024-02 A monthly review of shipping in the Red Sea counted fewer crossings.

Shipping

Insurers raised premiums for tankers.""",
    "a20-year-only": """ date 2023 An annual report on press freedom ranked the country lower.

Press Freedom

Journalists faced new restrictions.""",
    "a21-undated": """Notes from the archive about a warehouse inventory.

Inventory

Boxes of old newspapers were catalogued.""",
    "a22-undated-strike": """A general strike paralysed the capital, according to unions.

Transport

No buses ran all day.""",
    "a23-heading-match": """ date 2024-02-28 Negotiators in Geneva resumed talks on a ceasefire.

Hezbollah Demands

The group set conditions for any truce.""",
    "a24-title-weight": """ date 2024-02-29 Ceasefire talks collapse as both sides trade blame.

Diplomacy

Mediators said a ceasefire remains possible.""",
    "a25-leap-day": """ date 2024-02-29 Leap day babies celebrated a rare birthday in Paris.

Celebrations

Bakeries sold special cakes.""",
    "a26-markup": """ date 2024-03-20 A headline with [bold red]markup[/bold red] and an escape \x1b[31mred\x1b[0m test.

Markup Section

Text with [link=https://example.com]a link[/link] stays literal.""",
    "a27-quotes": """ date 2024-03-21 Officials said "no comment"; 100% of the vote was counted.

Counting

The tally ended at midnight.""",
    "a28-uk-dotted": """ date 2024-03-22 The U.K. government announced new visa rules.

Visa Rules

Students will need a higher income threshold.""",
    "a29-zurich": """ date 2023-10-03 Zürich hosted a conference on banking secrecy.

Banking

Regulators from Geneva attended.""",
    "a30-doctor": """ date 2023-10-30 Dr. Amal Haddad opened a clinic in Beirut. It treats refugees.

Clinic

Volunteers staff the clinic at night.""",
}


def write_corpus(folder: Path) -> Path:
    """Write every article as `<id>.txt` under `folder`; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for id, text in ARTICLES.items():
        (folder / f"{id}.txt").write_text(text, encoding="utf-8")
    return folder
