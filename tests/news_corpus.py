"""A news corpus written for news-aware search (issue 12): 47 invented articles dated 2016-2017,
with the exact set of ids each annotated query must return.

Every article is invented for these tests: names of public figures and places are real, but the
text, the quotes and most of the people are not; nothing is copied or paraphrased from a real
article. The styles imitate nine kinds of outlet: AP, Reuters, AFP and TASS/Xinhua wires
(datelines, credits, "(Reporting by ...)" lines), CNN and BBC-style broadcasters, DW (trailing
`mp/jh (dpa, AFP)` credits), Al Jazeera, and newspapers (Title Case and ALL-CAPS headings).

How each set in QUERIES was decided (read article by article, then checked by a throwaway
script, see below):

* Acronyms (`US`, `U.S.`, `IS`, `WHO`, `UN`, `U.N.`, `EU`, `NATO`): the article writes the word
  in capitals or dotted (`US`, `U.S.`, `US-led`, `U.S.-led`; `UN`, `U.N.`) somewhere outside
  (a) its dateline (`UNITED NATIONS (Reuters) -`, `MOSCOW, March 17. /TASS/.`) and (b) lines in
  capitals throughout (ALL-CAPS headings such as `WHO IS TO BLAME`, `THE US RESPONSE`,
  `WHAT IT MEANS FOR US`). `US` and `U.S.` name one acronym, so their sets are equal; so are
  `UN` and `U.N.`. Not acronyms: "us", "Us" (n45), "who", "Who" (n12, n38, the Title Case
  heading "Who Is Geert Wilders" in n37), "is", "Is" (n18), "ISIS"/"ISIL", "Kim Jong Un" and
  French "un" (n14, n46), "UNICEF", "unlikely", "unless", "europa.eu" (n40), and names written
  out ("United States", "United Nations", "World Health Organization", "European Union").
  A Title Case heading is not in capitals throughout, so "What It Means for the US" (n42) counts.
  Possessive acronyms (`WHO's`, `U.S.'s`) are deliberately absent.
* Lower and Title Case words (`us`, `Us`, `Who`, `un`, `eu`, `Sessions`, `Wilders`, `Moscow`,
  `Rome`, `Washington`): the ordinary stemmed, case-insensitive match, exactly what FTS5's
  `porter unicode61 remove_diacritics 2` gives on `normalise.fold()`ed text. Porter stems
  use/used/uses/using/useful to "us" (not "usual", "user(s)"), so `us` is most of the corpus;
  "wilderness" stems to "wilder" like "Wilders" (n09 is in `Wilders`, not in `=Wilders`);
  "session" and "sessions" both match `Sessions`. A dateline counts here: `Moscow` finds
  `MOSCOW, March 17. /TASS/.`.
* `=word` and `="phrase"`: the word as written, any case, unstemmed: `=Sessions` finds
  "Sessions" and "sessions" (n07's training sessions) but not a lone "session" (n02, n06, n14);
  `="Jeff Sessions"` needs the two words side by side ("Jefferson Beauregard Sessions", n05,
  does not count).
* Name parts: `Connor`, `Aquila`, `Amato` find the word alone and after an elided `O'`, `L'`,
  `D'` (straight or curly apostrophe); `O'Connor`, `L'Aquila`, `D'Amato` find only the
  prefixed name.
* Phrases of punctuated words (`Al-Qaim`, `Mar-a-Lago`, `9/11`, `al-Assad`): the parts side by
  side, any case; `Qaim` alone (n22) is not `Al-Qaim`. `"U.S. military"`: `U.S.` or `US` in
  capitals directly followed by "military" (or its stems).
* `credit:X` and `dateline:X`: from DATELINES only, i.e. the lede's opening dateline. Trailing
  credit lines (`jbh/rc (AFP, Reuters, AP)`), `(AP Photo/...)` captions and "told CNN" in the
  text are not credits.
* Combinations follow from the sets above: `US -EU` is US minus EU, `WHO OR UN` the union, and
  `IS date:2017-02` the IS articles dated in February 2017 (n18, n20, n39 are dated then but do
  not write IS).

The check: an in-memory FTS5 table with the project's tokenizer over `fold(text)` for the
ordinary words and phrases, and regexes for the rest: `\\bUS\\b|\\bU\\.S\\.` (and the like for
the other acronyms) on the text without its date line, dateline and ALL-CAPS lines;
`(?i)\\bsessions\\b`; `\\bO['’]?Connor\\b`. For the acronym, exact-word, name-part,
phrase and dateline queries the computed set agreed with the sets predicted while writing; the
big stemmed sets (`us`, `Who`, `un`, `eu`) come from FTS5 and were spot-checked both ways (no
article outside `us` has us/use/using; none outside `Who` has who, only "whose").

DATELINES gives each article's (place, credit) as read from the start of its lede; ledes that
begin in capitals but are not datelines ("NATO allies -- and Russia -- ...", "US officials
said ...", "UN agencies including WHO ...", "(CNN) A ...", which has a credit but no place) are
annotated too. HEADINGS lists the real headings; trailing credit lines, "(Reporting by ...)",
photo captions and embedded tweets at the ends of articles are not headings (today's parser
still reads most of them as headings). HIGHLIGHTS names, for a query, an article whose best
snippet must show that exact text highlighted.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES: dict[str, str] = {
    "n01-tass-lavrov-zones": """ date 2017-03-17 MOSCOW, March 17. /TASS/. Moscow expects Washington to explain what it means by "safe zones" in Syria before any talks on the idea can begin, Russian Foreign Minister Sergei Lavrov said on Friday.

"We have not seen a single document. Our US partners should tell us what they want to achieve and where exactly these zones would be," Lavrov told reporters after talks with his Jordanian counterpart.

The minister said any such plan must be approved by the UN Security Council and agreed with the government in Damascus. He added that the fight against the Islamic State (IS, a terrorist group outlawed in Russia) must remain the priority for all sides.

Lavrov also said that Russian and Turkish military experts would meet in Ankara next week to review the ceasefire, which he described as holding in most areas since late December.""",
    "n02-tass-spief": """ date 2017-06-02 ST. PETERSBURG, June 2. /TASS/. Russia is ready to work with any European partner on energy projects, Russian President Vladimir Putin said at the St. Petersburg International Economic Forum (SPIEF) on Friday.

Speaking at the forum's plenary session, Putin said the restrictions imposed by the EU in 2014 had hurt European companies as much as Russian ones. "Restrictions like these have been tried many times, and they have never brought anyone the result they wanted," he said.

More than 14,000 participants from 140 countries registered for the forum this year, the organisers said. Agreements worth nearly 2 trillion rubles had been signed by Friday evening.

Officials in Moscow said a separate round of talks with Austrian and German energy companies would take place in the autumn.""",
    "n03-ap-sessions-hearing": """ date 2017-01-10 WASHINGTON (AP) — Sen. Jeff Sessions of Alabama pledged Tuesday to enforce laws he had opposed as a senator, telling the Senate Judiciary Committee at his confirmation hearing that he would be an independent attorney general.

"The job of the attorney general is to apply the law as it is written, not as any of us might wish it to be," Sessions said in his opening statement.

Democrats pressed the Republican on his record on civil rights and immigration, and on his years as a U.S. attorney in Mobile in the 1980s. Sessions said he understood the concerns of minority communities and promised to listen to them.

The morning session was interrupted several times by protesters, who were led out of the hearing room by Capitol Police. The committee planned to hear from outside witnesses on Wednesday.

Associated Press writer Marta Lindqvist contributed to this report.""",
    "n04-sessions-recusal": """ date 2017-03-02 Attorney General Jeff Sessions removed himself on Thursday from any investigation into contacts between President Trump's campaign and Russia, hours after Republican lawmakers joined Democrats in calling for him to step aside.

Mr. Sessions told reporters at the Justice Department that he had decided to recuse himself after meeting with senior staff. He said he had not spoken with any Russian official about the campaign.

Two Meetings With the Ambassador

The decision came a day after it emerged that Mr. Sessions had met twice last year with Russia's ambassador in Washington, once at his Senate office and once on the sidelines of a conference. He did not mention the meetings when senators asked about contacts with Russians during his confirmation hearing.

Officials in Moscow dismissed the affair as a domestic quarrel and said ambassadors meet politicians every day.

What Comes Next

The investigation will now be overseen by the deputy attorney general. Democrats said the recusal was not enough and renewed calls for an independent prosecutor.

Attorney General Jeff Sessions at the Justice Department in Washington on Thursday (AP Photo/Paul Hendry)""",
    "n05-sessions-intelligence": """ date 2017-06-13 Attorney General Sessions told senators on Tuesday that any suggestion he had colluded with Russian officials was "false, and frankly insulting," in his first public testimony since the Russia investigation began.

The session before the Senate Intelligence Committee lasted nearly three hours. Mr. Sessions repeatedly declined to describe his private conversations with the president, saying they were protected, though he acknowledged that no formal claim of privilege had been made.

Born Jefferson Beauregard Sessions III, the former Alabama senator grew visibly angry when Democrats questioned his memory of a reception at a Washington hotel. "None of us can remember every handshake," he said.

Republicans on the committee largely defended him, and the White House said the president was pleased with the testimony.""",
    "n06-reuters-ceta-plenary": """ date 2017-02-14 STRASBOURG, Feb 14 (Reuters) - The European Parliament debated the EU-Canada trade agreement on Tuesday ahead of a final vote, with protesters outside the building in Strasbourg and lawmakers divided over the deal's effect on farmers and public services.

Supporters said the agreement would remove almost all tariffs between the EU and Canada and show that Europe remained open for business at a time of rising protectionism.

Opponents argued that the special courts set up to settle disputes between companies and governments would give investors too much power. Several Green and left-wing members held up banners during the plenary session.

The vote is expected on Wednesday. If the parliament approves the deal, large parts of it could take effect provisionally within weeks.

(Reporting by Pieter Claes; Editing by Hannah Ruiz)""",
    "n07-training-sessions": """ date 2016-08-10 Harbour City's new manager has doubled the number of training sessions before the start of the season, and his players say they can already feel the difference.

"He told us on the first day that nobody is guaranteed a place," said midfielder Connor Walsh, who signed from a second-division club in June. "We used to train once a day. Now it is twice, and the second one is the hard one."

Double Sessions

The morning sessions focus on fitness, with long runs on the beach below the training ground. The afternoon is for tactics, with the squad split into small groups and the manager stopping play every few minutes.

A Fresh Start

The club finished 14th last season and sold two of its best players over the summer. Supporters have been cautious, but more than 6,000 season tickets have been sold, the most in a decade.""",
    "n08-reuters-wilders-result": """ date 2017-03-16 THE HAGUE, March 16 (Reuters) - Dutch Prime Minister Mark Rutte's liberal party won the most seats in a parliamentary election, fending off a challenge from anti-Islam campaigner Geert Wilders in a vote seen as a test of populist strength in Europe.

With almost all votes counted, Rutte's party was on course for 33 of the 150 seats in the lower house, well ahead of Wilders' Freedom Party on 20, according to the national news agency.

Leaders across the EU welcomed the result. Wilders told supporters that his party had gained seats and that Rutte would "have to deal with us for years."

Coalition talks are expected to take months, as Rutte will need at least three partners to form a majority.

(Reporting by Ilse de Boer and Tom Akerman; Editing by Grace Whitfield)""",
    "n09-wilderness-fires": """ date 2016-09-02 Smoke from wildfires burning deep in the Idaho wilderness has drifted as far as Montana this week, and crews say they expect the fires to burn until the first snow.

The U.S. Forest Service said it was letting two of the largest fires burn inside the wilderness area, where roads and machines are not allowed, while protecting cabins and trailheads along its edges.

Into the Backcountry

Smoke jumpers have used old mule trails to reach the remote fire lines. Some crews have been flown in and will stay for two weeks, carrying food and water on their backs.

Outfitters who guide hunters into the backcountry said the closures had cost them most of their early-season bookings.""",
    "n10-dw-wilders-launch": """ date 2017-02-18 Far-right Dutch politician Geert Wilders has launched his election campaign in the town of Spijkenisse, promising to close mosques and take the Netherlands out of the EU.

Wilders, whose Freedom Party (PVV) is leading in several opinion polls, shook hands with supporters at a market under heavy police protection. He left after less than an hour.

Security Concerns

Wilders suspended public appearances briefly in the run-up to the campaign after a member of his security team was arrested. He has lived under police protection for more than a decade.

Most other parties have ruled out governing with the PVV, making it unlikely that Wilders will become prime minister even if his party wins the most seats on March 15.

mp/jh (dpa, AFP)""",
    "n11-reuters-who-zika": """ date 2016-02-01 GENEVA (Reuters) - The World Health Organization declared the Zika virus a global public health emergency on Monday, citing its possible link to thousands of birth defects in Brazil.

WHO Director-General Margaret Chan said an emergency committee of independent experts had agreed that the cluster of cases of microcephaly was "serious and unusual" and needed a coordinated response.

The U.N. health agency did not recommend travel or trade restrictions, but said pregnant women who live in or travel to affected areas should protect themselves from mosquito bites. The U.S. Centers for Disease Control and Prevention has already advised pregnant women to avoid travel to more than 20 countries.

There is no vaccine or treatment for Zika, and scientists say a vaccine could take years to develop.

(Reporting by Stephanie Lang; Editing by Mark Dunne)""",
    "n12-bridge-who-is-to-blame": """ date 2017-06-20 Three weeks after the footbridge over the Kell river collapsed, injuring eleven people, families in Marford are still waiting for someone to tell them why it happened.

The council says an independent engineer is preparing a report. Residents who spoke at a packed meeting in the town hall on Monday said they had warned about cracks in the walkway for years.

WHO IS TO BLAME

The bridge was inspected in 2014 and again last autumn. Both inspections found corrosion, but neither recommended closing it. Who signed off on those reports, and on what evidence, is the question the council has so far refused to answer.

"They keep telling us to be patient," said Lena Hart, whose son broke his leg in the collapse. "We have been patient for three years."

WHAT HAPPENS NEXT

The engineer's report is due in September. The council has promised to publish it in full.""",
    "n13-ap-yemen-cholera": """ date 2017-07-05 SANAA, Yemen (AP) — The number of suspected cholera cases in Yemen has passed 270,000, the World Health Organization said Wednesday, as the disease spreads through a country where half of the hospitals no longer work.

WHO spokeswoman Nadia Farris said the outbreak, which began in April, had killed more than 1,500 people. Children and the elderly account for most of the deaths.

The U.N. children's agency said it was flying in medicine and water purification tablets, but that fighting and fuel shortages made it hard to reach many areas.

Yemen's civil war has pitted Shiite rebels against a government backed by a Saudi-led coalition that receives intelligence and weapons from the U.S. and Britain.""",
    "n14-ap-korea-icbm": """ date 2017-07-04 SEOUL, South Korea (AP) — North Korea claimed Tuesday that it had successfully tested an intercontinental ballistic missile for the first time, a major step toward its goal of putting a nuclear warhead within reach of the U.S. mainland.

State television said leader Kim Jong Un personally watched the launch and said the launch, timed for the Fourth of July, was a warning to the country's enemies.

South Korean and Japanese officials said the missile flew for about 40 minutes before falling into the sea. Experts said it was unlikely that the North had mastered the technology needed for a warhead to survive re-entry, but warned that it could get there within a few years unless pressure increased.

The launch came days before a summit of the Group of 20 nations in Germany. Diplomats said the United Nations Security Council would meet in an emergency session on Wednesday.""",
    "n15-reuters-un-aleppo": """ date 2016-12-13 UNITED NATIONS (Reuters) - The U.N. Security Council held an emergency meeting on Tuesday after reports that pro-government forces had killed dozens of civilians in their homes in eastern Aleppo, as the rebel enclave neared collapse.

The U.N. human rights office said it had received reports of at least 82 people killed, including women and children, in four neighborhoods. It urged the government of President Bashar al-Assad and its allies to protect civilians.

The U.S. envoy to the council accused Russia and Iran of blocking efforts to evacuate the wounded. Russia's ambassador said the fighting in Aleppo was almost over and that reports of killings had not been confirmed.

(Reporting by Dana Keller; Editing by Lisa Morgan)""",
    "n16-shayrat-strike": """ date 2017-04-07 The US has fired 59 Tomahawk cruise missiles at a Syrian air base, in the first direct US military action against the government of Bashar al-Assad since the war began six years ago.

The Pentagon said the missiles struck aircraft, fuel depots and air defences at the Shayrat base, from which it says a chemical attack on the town of Khan Sheikhoun was launched earlier in the week.

International Reaction

Moscow called the strike an act of aggression and suspended a hotline used to avoid clashes between Russian and US aircraft over Syria. Britain, France and Turkey said they supported the action.

The UN Security Council is expected to discuss the strike at a meeting on Friday afternoon.""",
    "n17-dw-mosul-offensive": """ date 2017-02-19 Iraqi forces have launched an offensive to retake the western half of Mosul from the so-called "Islamic State" (IS), four months after the operation to free the city began.

Helicopters fired rockets at IS positions south of the city as federal police and army units advanced towards the airport. The US-led coalition said its aircraft were supporting the operation.

Civilians Trapped

Aid agencies estimate that up to 750,000 civilians remain in the west of the city, where streets are narrower and the old town is densely populated. Many families have run out of food and fuel.

Iraq's prime minister urged residents to stay at home and said the army would take care to protect them.

jbh/rc (AFP, Reuters, AP)""",
    "n18-cnn-isis-commander": """ date 2017-02-10 (CNN) A senior ISIS commander was killed in a coalition airstrike near the Syrian city of Raqqa this week, US officials told CNN on Friday.

The officials said the man helped plan attacks in Europe and had been tracked for months. The US military has not yet released his name.

Is the group finished? Not yet, analysts say. ISIS still holds Raqqa and large parts of the Euphrates valley, and its fighters are preparing to defend the city street by street.

The Pentagon has said it is using every tool available against ISIL, the name it uses for the group.""",
    "n19-raqqa-offensive-2016": """ date 2016-11-06 Kurdish-led forces in Syria have announced an offensive to capture Raqqa, the self-declared capital of the Islamic State (IS) group.

The Syrian Democratic Forces (SDF), which are backed by US-led coalition aircraft and special forces, said the first phase would aim to isolate the city rather than storm it.

Why Raqqa Matters

Raqqa has been the centre of IS operations since 2014. Western officials believe attacks in Europe were planned there.

Turkey, which regards the main Kurdish militia in the SDF as a terrorist group, has said it wants no role for the Kurds in the battle.""",
    "n20-peso-caps-headings": """ date 2017-02-22 Mexico's peso has recovered much of the ground it lost after the American election, but economists in Mexico City warn that the calm may not last.

Finance officials said on Tuesday that remittances sent home by Mexicans working in the United States rose to a record last year, as families hurried to move money before any new rules took effect.

WHAT IS AT STAKE

About a fifth of Mexico's economy depends on exports to its northern neighbour. Carmakers who used to announce new plants every few months have gone quiet.

THE US RESPONSE

Washington has not said whether it will impose a border tax. "They have not told us anything we can plan around," said a trade official, who asked not to be named.""",
    "n21-reuters-qaim-retaken": """ date 2017-11-03 BAGHDAD (Reuters) - Iraqi forces recaptured Al-Qaim, the last town held by Islamic State in Iraq, on Friday, the military said, after an offensive that took less than two weeks.

The town lies on the Euphrates river near the border with Syria, where Syrian government forces said they had also driven the militants out of the city of Deir al-Zor.

The U.S.-led coalition said its aircraft had carried out dozens of strikes in support of the operation. A small number of U.S. military advisers accompanied Iraqi units in the desert west of Anbar.

Iraqi commanders said the militants still hold the town of Rawa, further up the river, and pockets of desert along the border.

(Reporting by Omar Fadhel; Editing by Peter Graff)""",
    "n22-aljazeera-qaim-approach": """ date 2017-10-26 Iraqi troops and allied militias are advancing through the western desert towards Qaim, one of the last areas in Iraq still held by ISIL fighters.

Military officials said the operation began at dawn, with columns moving along both banks of the Euphrates from the town of Anah. US-led coalition aircraft struck targets ahead of the advance.

Residents who escaped in recent weeks described food shortages and executions. Aid groups said they were preparing camps for up to 20,000 people.

The government in Baghdad hopes to take back all territory from the group before the end of the year.""",
    "n23-ap-911-anniversary": """ date 2016-09-11 NEW YORK (AP) — Relatives of the nearly 3,000 people killed on Sept. 11, 2001, read their names aloud at ground zero on Sunday, marking 15 years since the 9/11 attacks with tears, bagpipes and moments of silence.

The ceremony began at 8:46 a.m., the moment the first hijacked plane struck the World Trade Center's north tower. Bells tolled at the memorial plazas, and two beams of light were switched on at dusk.

Many who read names used the moment to speak about the grandchildren their parents never met. Others thanked the firefighters and police officers who died trying to save them.

U.S. officials said there had been no specific threats against the ceremony, but security was tight across lower Manhattan.""",
    "n24-ap-xi-mar-a-lago": """ date 2017-04-07 WEST PALM BEACH, Fla. (AP) — President Donald Trump and Chinese President Xi Jinping ended two days of talks at Trump's Mar-a-Lago resort on Friday, saying they had made progress on trade but offering few details.

The summit was overshadowed by the U.S. military strike on a Syrian air base, which Trump ordered while dining with Xi on Thursday night. Chinese officials did not comment on the strike at the resort.

Trump said the two leaders had got along "very, very well." U.S. and Chinese officials agreed to a 100-day plan for trade talks aimed at reducing the American trade deficit with China.

Associated Press writer Ken Dellamare contributed to this report.""",
    "n25-abe-mar-a-lago": """ date 2017-02-12 Japan's prime minister, Shinzo Abe, had just sat down to dinner with Donald Trump on the terrace at Mar-a-Lago on Saturday night when aides brought news that North Korea had fired a ballistic missile into the sea.

Guests at the Florida resort watched as the two leaders studied documents by the light of mobile phones. Later, at a brief appearance before reporters, Abe called the launch "a reckless act," and Trump said the US would stand with Japan "every step of the way."

A Crisis Over Dinner

Security experts questioned why sensitive matters were discussed in view of paying members of the club. The White House said no classified information had been shared.

Dinner on the terrace with the prime minister tonight pic.twitter.com/k3Xz9Lq

— Jane Doe (@janedoe) February 12, 2017""",
    "n26-reuters-oconnor-dublin": """ date 2016-10-12 DUBLIN, Oct 12 (Reuters) - Dublin city councillor Maeve O'Connor called on Wednesday for emergency powers to build homes on public land, saying the Irish capital's housing shortage risked driving away companies drawn to the city after Britain's vote to leave the EU.

O'Connor said rents in Dublin had risen by more than a third in three years and that nurses and teachers could no longer afford to live near where they worked.

Several banks and insurers have said they are considering moving staff from London to Dublin to keep access to the EU single market.

(Reporting by Ciara Mulhern; Editing by Jonathan Price)""",
    "n27-reuters-rome-referendum": """ date 2016-12-05 ROME, Dec 5 (Reuters) - Italian Prime Minister Matteo Renzi confirmed on Monday that he would resign after voters rejected his plan to reform the constitution, opening a period of uncertainty in the euro zone's third-largest economy.

Renzi will stay in office until parliament approves next year's budget, officials said. President Sergio Mattarella must then decide whether to appoint a caretaker government or call an early election.

Paolo Amato, an economist at a Milan bank, said markets had largely expected the result. "The real risk is the banks, not the referendum," he said. EU officials said they were confident Italy would remain stable.

(Reporting by Giulia Ferri; Editing by Andrew Cole)""",
    "n28-gorsuch-nomination": """ date 2017-02-01 President Trump nominated Judge Neil Gorsuch of the federal appeals court in Denver to the U.S. Supreme Court on Tuesday night, choosing a conservative with a long record of writing opinions to fill the seat left empty by the death of Justice Antonin Scalia.

If confirmed, Judge Gorsuch, 49, would be the youngest justice since Clarence Thomas joined the court in 1991, and the first Westerner on the court since Justice Sandra Day O’Connor retired in 2006.

A Westerner on the Bench

Friends describe him as an avid fly fisherman who spends his weekends in the Colorado mountains. His opinions are known for their plain language.

Democrats said they would examine his record closely, and some vowed to block the nomination.""",
    "n29-ap-amatrice-quake": """ date 2016-08-24 AMATRICE, Italy (AP) — A powerful earthquake struck central Italy before dawn on Wednesday, reducing three mountain towns to rubble and killing at least 120 people as they slept.

Rescue crews and residents used their bare hands to dig through collapsed homes in Amatrice, where the mayor said "there is hardly a street left standing." The quake was felt as far away as Rome.

The disaster brought back memories of the 2009 earthquake that struck L'Aquila, about 50 kilometers to the south, killing more than 300 people. Civil protection official Luca D'Amato said many of the buildings that collapsed were centuries old and had not been reinforced.

The EU said it was ready to help Italy with money from its solidarity fund.

Rescuers search through rubble in Amatrice, central Italy, on Wednesday (AP Photo/Sandro Perri)""",
    "n30-aquila-drone": """ date 2016-07-21 Facebook said Thursday it had completed the first full-scale test flight of Aquila, its solar-powered drone designed to beam internet access to remote parts of the world.

The aircraft, which has the wingspan of a Boeing 737 but weighs less than a small car, flew for 96 minutes over the Arizona desert, more than three times longer than planned.

Beaming Internet From the Sky

Engineers said the test was used to check the drone's batteries, autopilot and radio links. The company hopes a fleet of such aircraft will one day stay in the air for months at a time, relaying signals by laser.

The project has drawn skepticism from some telecom executives, who say satellites and cheaper phones will do more to connect people.""",
    "n31-xinhua-thaad": """ date 2017-01-05 BEIJING, Jan 5 (Xinhua) -- China on Thursday again urged the United States and South Korea to stop deploying the THAAD anti-missile system, saying it would harm regional security and China's strategic interests.

Foreign Ministry spokesperson Hua Min told a regular press briefing that the deployment would do nothing to solve the nuclear issue on the Korean Peninsula.

"China firmly opposes the deployment of THAAD by the U.S. in South Korea," the spokesperson said, adding that all parties should implement UN Security Council resolutions and return to dialogue.""",
    "n32-kabul-nato-troops": """ date 2017-06-29 KABUL — NATO will send more troops to Afghanistan to train and advise the country's struggling security forces, alliance officials said on Thursday, as the Taliban continue to gain ground more than 15 years after the war began.

The exact number has not been announced, but diplomats in Kabul said several thousand soldiers were expected, most of them from the U.S. military and from European allies.

Afghan officials welcomed the decision. Fighters loyal to the Islamic State have also carried out attacks in the east of the country and in the capital this year.

The NATO-led mission has about 13,000 troops in Afghanistan, far fewer than the 130,000 foreign soldiers deployed at the peak of the war.""",
    "n33-nato-allies-lede": """ date 2017-05-25 NATO allies -- and Russia -- are watching closely as US President Donald Trump attends his first summit of the alliance in Brussels on Thursday.

Trump has called the alliance obsolete in the past and has demanded that European members spend more on defence. Only five of the 28 allies currently meet the target of two percent of economic output.

The summit is expected to agree that NATO will formally join the coalition fighting the Islamic State group, a largely symbolic step.

Earlier in the day, Trump met the heads of the EU institutions. "We have a lot to do together," said one EU official after the meeting.""",
    "n34-us-officials-raqqa-plan": """ date 2017-02-28 US officials said on Tuesday that the Pentagon had sent the White House a preliminary plan to speed up the campaign against IS, including options to send more troops to Syria.

The plan was drawn up by US military planners after the president asked for new ideas within 30 days of taking office. Officials said it would be discussed with allies before any decision was made.

The Next Battle

The main target is Raqqa, the group's self-declared capital. IS fighters have dug tunnels and laid mines around the city, commanders say.

Any larger US role would depend on Turkey, which opposes the Kurdish fighters who make up most of the ground force.""",
    "n35-reuters-london-brexit": """ date 2017-02-03 LONDON, Feb 3 (Reuters) - Britain's Brexit minister said on Friday the government would use the next two years to secure a trade deal with the EU that was as free as possible, as lawmakers began to debate the bill that will trigger the country's exit.

Minister Kevin Haldane told an audience of business leaders in London that Britain would also begin talks with the United States, Australia and others on new trade arrangements once it had left.

"Nobody should doubt that this is the right moment for us to set our own course," he said.

The opposition Labour Party said it would seek to amend the bill to protect workers' rights.

(Reporting by Alistair Grant; Editing by Joanna Fenn)""",
    "n36-cnn-travel-ban-ruling": """ date 2017-02-04 (CNN) A federal judge in Seattle on Friday temporarily blocked President Donald Trump's executive order restricting travel from seven mostly Muslim countries, ruling in a case brought by the states of Washington and Minnesota.

The ruling applies nationwide. Within hours, US Customs and Border Protection told airlines they could again let travelers with valid visas board flights to the United States.

The Justice Department said it would appeal. Lawyers for the states argued that the order harmed residents, universities and businesses that used foreign workers.

At airports across the country, volunteer lawyers set up tables to help arriving families.

Finally home after a week of waiting at the border pic.twitter.com/abc

— Rana Haddad (@ranahaddad) February 4, 2017""",
    "n37-bbc-dutch-result": """ date 2017-03-16 Dutch Prime Minister Mark Rutte has hailed his party's victory in Wednesday's general election as a vote for "stability over anger."

His liberal party won the most seats, while the anti-Islam Freedom Party of Geert Wilders came second. Turnout was the highest in thirty years.

Who Is Geert Wilders

The 53-year-old has led his party since founding it in 2006. He wants to ban the Koran, close mosques and hold a referendum on leaving the EU. He has lived under police guard since 2004.

European leaders expressed relief at the result ahead of elections in France and Germany later this year.""",
    "n38-ebola-congo": """ date 2017-05-13 The World Health Organization has confirmed an outbreak of Ebola in a remote province of the Democratic Republic of Congo, the country's eighth since the virus was discovered there in 1976.

Health officials said one person had died and two others who showed symptoms were being treated in isolation. Teams were tracing everyone who had been in contact with them.

Who pays for the response remains unclear. The United Nations health agency has released money from its emergency fund, and aid groups said they were sending staff, but the affected area is days away from the capital by road.

Officials said it was too early to decide whether an experimental vaccine tested in West Africa should be used.""",
    "n39-dw-somalia-drought": """ date 2017-02-22 UN agencies including WHO and UNICEF have warned that Somalia is at risk of famine for the third time in 25 years, after failed rains destroyed crops and killed livestock across the country.

More than 6 million people, half the population, need food aid, the agencies said in a joint statement on Wednesday. Cholera cases have also risen sharply as families drink from unsafe sources.

Drought and Conflict

Aid workers say fighting between government forces and al-Shabab militants has made it impossible to reach some of the worst affected areas. The last famine, in 2011, killed more than a quarter of a million people.

ng/rc (AFP, Reuters)""",
    "n40-roaming-ends": """ date 2017-06-15 From Thursday, travellers in the European Union can call, text and browse on their phones abroad at the same price they pay at home, after years of negotiations between Brussels and the mobile operators.

The change applies in all 28 member states and in Norway, Iceland and Liechtenstein. The European Commission has published the details at ec.europa.eu, including the limits on data.

WHAT IT MEANS FOR US

Most people will see no charges beyond their normal bill. Heavy users of mobile data may hit a "fair use" cap set by their operator.

HOW TO AVOID A SHOCK BILL

Check the cap before you travel, and keep in mind that calls from a ship or a plane are not covered.""",
    "n41-afp-rome-anniversary": """ date 2017-03-25 ROME (AFP) - EU leaders gathered in Rome on Saturday to mark the 60th anniversary of the treaty that founded the bloc, pledging unity as Britain prepares to leave.

The 27 leaders signed a declaration promising a union in which groups of countries could "go further together when others are not ready," wording that some eastern members had resisted.

"It is up to us to make sure the next sixty years are as peaceful as the last," the European Commission's president told the ceremony.

The leaders also discussed relations with NATO and with the US administration, whose criticism of the bloc has unsettled many European capitals.""",
    "n42-merkel-us-election": """ date 2016-11-09 German Chancellor Angela Merkel offered Donald Trump close cooperation on Wednesday, but tied it to respect for democracy, freedom and the dignity of every person.

Merkel said Germany and America were bound by shared values, and that she would work with the new president on that basis.

What It Means for the US

Trump's victory has alarmed officials in Berlin, who fear he could weaken trade ties and question America's commitment to defend its allies. The EU's foreign policy chief said the bloc would remain a reliable partner.""",
    "n43-afp-mosul-victory": """ date 2017-07-10 MOSUL, Iraq (AFP) - Iraqi Prime Minister Haider al-Abadi arrived in Mosul on Monday to declare victory over the Islamic State group, nine months after the offensive to retake the city began.

Sporadic gunfire could still be heard in the old city, where the last IS jihadists were holding out in a small area along the Tigris river.

The US-led coalition congratulated Iraqi forces but warned that the group remained a threat. Much of western Mosul has been reduced to rubble, and more than 900,000 people have fled their homes.""",
    "n44-tass-kremlin-nato": """ date 2017-02-07 MOSCOW, February 7. /TASS/. The Kremlin hopes that the new US administration will be more open to cooperation in the fight against terrorism, Kremlin spokesman Dmitry Peskov said on Tuesday.

"We have repeatedly said that the fight against the Islamic State (IS, a terrorist organization outlawed in Russia) is a field where our interests coincide," Peskov told journalists.

Peskov declined to comment on remarks by NATO officials about Russian military activity near the alliance's borders. "NATO's words are NATO's business," he said.

Moscow has not yet received a date for a meeting between the two presidents, he added.""",
    "n45-brexit-town-us-them": """ date 2016-06-24 In the market town of Hollinford, where seven in ten voters chose to leave the EU, the mood on Friday morning was one of quiet satisfaction.

"Us versus them, that's how it felt," said Gary Pell, who runs a hardware shop on the high street. "They never asked what we wanted. Now they have to listen."

Others were less sure. A farmer who sells lamb to buyers on the continent said he had no idea what would happen to his business, and that nobody had told him what rules he would have to follow.

The town's member of parliament, who campaigned to remain, said she respected the result.""",
    "n46-paris-macron-un": """ date 2017-05-07 PARIS (AP) — Emmanuel Macron, a 39-year-old former investment banker who has never held elected office, won France's presidential election on Sunday, defeating far-right leader Marine Le Pen and easing fears about the future of the EU.

"This is un nouveau chapitre, a new chapter," one of his supporters shouted outside the Louvre, where Macron addressed a crowd of thousands.

Le Pen conceded shortly after polls closed. She said her party would need to change profoundly unless it wanted to remain in opposition.""",
    "n47-nyt-inauguration": """ date 2017-01-20 WASHINGTON — Donald John Trump was sworn in as the 45th president of the United States on Friday, promising in a short and combative address to hand power back to ordinary people.

Standing on the West Front of the Capitol, with former presidents and rivals behind him, Mr. Trump said the country had been let down for too long by politicians in Washington who "talked a lot and delivered very little."

Tens of thousands of supporters filled the National Mall, and protesters clashed with police a few blocks away. Some of the crowd told reporters they had waited all night for the chance to see him take the oath.

The new president later signed his first orders at the White House, including one on the health care law.""",
}


QUERIES: dict[str, set[str]] = {
    'US': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n13-ap-yemen-cholera", "n14-ap-korea-icbm",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n17-dw-mosul-offensive",
        "n18-cnn-isis-commander", "n19-raqqa-offensive-2016", "n21-reuters-qaim-retaken",
        "n22-aljazeera-qaim-approach", "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago",
        "n25-abe-mar-a-lago", "n28-gorsuch-nomination", "n31-xinhua-thaad",
        "n32-kabul-nato-troops", "n33-nato-allies-lede", "n34-us-officials-raqqa-plan",
        "n36-cnn-travel-ban-ruling", "n41-afp-rome-anniversary", "n42-merkel-us-election",
        "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
    },
    'U.S.': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n13-ap-yemen-cholera", "n14-ap-korea-icbm",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n17-dw-mosul-offensive",
        "n18-cnn-isis-commander", "n19-raqqa-offensive-2016", "n21-reuters-qaim-retaken",
        "n22-aljazeera-qaim-approach", "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago",
        "n25-abe-mar-a-lago", "n28-gorsuch-nomination", "n31-xinhua-thaad",
        "n32-kabul-nato-troops", "n33-nato-allies-lede", "n34-us-officials-raqqa-plan",
        "n36-cnn-travel-ban-ruling", "n41-afp-rome-anniversary", "n42-merkel-us-election",
        "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
    },
    'us': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n05-sessions-intelligence",
        "n07-training-sessions", "n08-reuters-wilders-result", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n12-bridge-who-is-to-blame", "n13-ap-yemen-cholera",
        "n14-ap-korea-icbm", "n15-reuters-un-aleppo", "n16-shayrat-strike",
        "n17-dw-mosul-offensive", "n18-cnn-isis-commander", "n19-raqqa-offensive-2016",
        "n20-peso-caps-headings", "n21-reuters-qaim-retaken", "n22-aljazeera-qaim-approach",
        "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago", "n25-abe-mar-a-lago",
        "n28-gorsuch-nomination", "n29-ap-amatrice-quake", "n30-aquila-drone",
        "n31-xinhua-thaad", "n32-kabul-nato-troops", "n33-nato-allies-lede",
        "n34-us-officials-raqqa-plan", "n35-reuters-london-brexit", "n36-cnn-travel-ban-ruling",
        "n38-ebola-congo", "n40-roaming-ends", "n41-afp-rome-anniversary",
        "n42-merkel-us-election", "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
        "n45-brexit-town-us-them",
    },
    'Us': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n05-sessions-intelligence",
        "n07-training-sessions", "n08-reuters-wilders-result", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n12-bridge-who-is-to-blame", "n13-ap-yemen-cholera",
        "n14-ap-korea-icbm", "n15-reuters-un-aleppo", "n16-shayrat-strike",
        "n17-dw-mosul-offensive", "n18-cnn-isis-commander", "n19-raqqa-offensive-2016",
        "n20-peso-caps-headings", "n21-reuters-qaim-retaken", "n22-aljazeera-qaim-approach",
        "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago", "n25-abe-mar-a-lago",
        "n28-gorsuch-nomination", "n29-ap-amatrice-quake", "n30-aquila-drone",
        "n31-xinhua-thaad", "n32-kabul-nato-troops", "n33-nato-allies-lede",
        "n34-us-officials-raqqa-plan", "n35-reuters-london-brexit", "n36-cnn-travel-ban-ruling",
        "n38-ebola-congo", "n40-roaming-ends", "n41-afp-rome-anniversary",
        "n42-merkel-us-election", "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
        "n45-brexit-town-us-them",
    },
    'IS': {
        "n01-tass-lavrov-zones", "n17-dw-mosul-offensive", "n19-raqqa-offensive-2016",
        "n34-us-officials-raqqa-plan", "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
    },
    'WHO': {"n11-reuters-who-zika", "n13-ap-yemen-cholera", "n39-dw-somalia-drought"},
    'Who': {
        "n03-ap-sessions-hearing", "n07-training-sessions", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n12-bridge-who-is-to-blame", "n13-ap-yemen-cholera",
        "n20-peso-caps-headings", "n22-aljazeera-qaim-approach", "n23-ap-911-anniversary",
        "n28-gorsuch-nomination", "n30-aquila-drone", "n34-us-officials-raqqa-plan",
        "n37-bbc-dutch-result", "n38-ebola-congo", "n39-dw-somalia-drought",
        "n42-merkel-us-election", "n45-brexit-town-us-them", "n46-paris-macron-un",
        "n47-nyt-inauguration",
    },
    'UN': {
        "n01-tass-lavrov-zones", "n11-reuters-who-zika", "n13-ap-yemen-cholera",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n31-xinhua-thaad",
        "n39-dw-somalia-drought",
    },
    'U.N.': {
        "n01-tass-lavrov-zones", "n11-reuters-who-zika", "n13-ap-yemen-cholera",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n31-xinhua-thaad",
        "n39-dw-somalia-drought",
    },
    'un': {
        "n01-tass-lavrov-zones", "n11-reuters-who-zika", "n13-ap-yemen-cholera",
        "n14-ap-korea-icbm", "n15-reuters-un-aleppo", "n16-shayrat-strike", "n31-xinhua-thaad",
        "n39-dw-somalia-drought", "n46-paris-macron-un",
    },
    'EU': {
        "n02-tass-spief", "n06-reuters-ceta-plenary", "n08-reuters-wilders-result",
        "n10-dw-wilders-launch", "n26-reuters-oconnor-dublin", "n27-reuters-rome-referendum",
        "n29-ap-amatrice-quake", "n33-nato-allies-lede", "n35-reuters-london-brexit",
        "n37-bbc-dutch-result", "n41-afp-rome-anniversary", "n42-merkel-us-election",
        "n45-brexit-town-us-them", "n46-paris-macron-un",
    },
    'eu': {
        "n02-tass-spief", "n06-reuters-ceta-plenary", "n08-reuters-wilders-result",
        "n10-dw-wilders-launch", "n26-reuters-oconnor-dublin", "n27-reuters-rome-referendum",
        "n29-ap-amatrice-quake", "n33-nato-allies-lede", "n35-reuters-london-brexit",
        "n37-bbc-dutch-result", "n40-roaming-ends", "n41-afp-rome-anniversary",
        "n42-merkel-us-election", "n45-brexit-town-us-them", "n46-paris-macron-un",
    },
    'NATO': {
        "n32-kabul-nato-troops", "n33-nato-allies-lede", "n41-afp-rome-anniversary",
        "n44-tass-kremlin-nato",
    },
    'Sessions': {
        "n02-tass-spief", "n03-ap-sessions-hearing", "n04-sessions-recusal",
        "n05-sessions-intelligence", "n06-reuters-ceta-plenary", "n07-training-sessions",
        "n14-ap-korea-icbm",
    },
    '=Sessions': {
        "n03-ap-sessions-hearing", "n04-sessions-recusal", "n05-sessions-intelligence",
        "n07-training-sessions",
    },
    '="Jeff Sessions"': {"n03-ap-sessions-hearing", "n04-sessions-recusal"},
    '"Jeff Sessions"': {"n03-ap-sessions-hearing", "n04-sessions-recusal"},
    'Wilders': {
        "n08-reuters-wilders-result", "n09-wilderness-fires", "n10-dw-wilders-launch",
        "n37-bbc-dutch-result",
    },
    '=Wilders': {"n08-reuters-wilders-result", "n10-dw-wilders-launch", "n37-bbc-dutch-result"},
    'Connor': {
        "n07-training-sessions", "n26-reuters-oconnor-dublin", "n28-gorsuch-nomination",
    },
    "O'Connor": {"n26-reuters-oconnor-dublin", "n28-gorsuch-nomination"},
    'Aquila': {"n29-ap-amatrice-quake", "n30-aquila-drone"},
    "L'Aquila": {"n29-ap-amatrice-quake"},
    'Amato': {"n27-reuters-rome-referendum", "n29-ap-amatrice-quake"},
    "D'Amato": {"n29-ap-amatrice-quake"},
    'Moscow': {
        "n01-tass-lavrov-zones", "n02-tass-spief", "n04-sessions-recusal", "n16-shayrat-strike",
        "n44-tass-kremlin-nato",
    },
    '"U.S. military"': {
        "n16-shayrat-strike", "n18-cnn-isis-commander", "n21-reuters-qaim-retaken",
        "n24-ap-xi-mar-a-lago", "n32-kabul-nato-troops", "n34-us-officials-raqqa-plan",
    },
    'Al-Qaim': {"n21-reuters-qaim-retaken"},
    'Qaim': {"n21-reuters-qaim-retaken", "n22-aljazeera-qaim-approach"},
    'Mar-a-Lago': {"n24-ap-xi-mar-a-lago", "n25-abe-mar-a-lago"},
    '9/11': {"n23-ap-911-anniversary"},
    'al-Assad': {"n15-reuters-un-aleppo", "n16-shayrat-strike"},
    'US -EU': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n09-wilderness-fires",
        "n11-reuters-who-zika", "n13-ap-yemen-cholera", "n14-ap-korea-icbm",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n17-dw-mosul-offensive",
        "n18-cnn-isis-commander", "n19-raqqa-offensive-2016", "n21-reuters-qaim-retaken",
        "n22-aljazeera-qaim-approach", "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago",
        "n25-abe-mar-a-lago", "n28-gorsuch-nomination", "n31-xinhua-thaad",
        "n32-kabul-nato-troops", "n34-us-officials-raqqa-plan", "n36-cnn-travel-ban-ruling",
        "n43-afp-mosul-victory", "n44-tass-kremlin-nato",
    },
    'WHO OR UN': {
        "n01-tass-lavrov-zones", "n11-reuters-who-zika", "n13-ap-yemen-cholera",
        "n15-reuters-un-aleppo", "n16-shayrat-strike", "n31-xinhua-thaad",
        "n39-dw-somalia-drought",
    },
    'IS date:2017-02': {
        "n17-dw-mosul-offensive", "n34-us-officials-raqqa-plan", "n44-tass-kremlin-nato",
    },
    'Rome': {
        "n27-reuters-rome-referendum", "n29-ap-amatrice-quake", "n41-afp-rome-anniversary",
    },
    'Washington': {
        "n01-tass-lavrov-zones", "n03-ap-sessions-hearing", "n04-sessions-recusal",
        "n05-sessions-intelligence", "n20-peso-caps-headings", "n36-cnn-travel-ban-ruling",
        "n47-nyt-inauguration",
    },
    'credit:TASS': {"n01-tass-lavrov-zones", "n02-tass-spief", "n44-tass-kremlin-nato"},
    'credit:Reuters': {
        "n06-reuters-ceta-plenary", "n08-reuters-wilders-result", "n11-reuters-who-zika",
        "n15-reuters-un-aleppo", "n21-reuters-qaim-retaken", "n26-reuters-oconnor-dublin",
        "n27-reuters-rome-referendum", "n35-reuters-london-brexit",
    },
    'credit:AP': {
        "n03-ap-sessions-hearing", "n13-ap-yemen-cholera", "n14-ap-korea-icbm",
        "n23-ap-911-anniversary", "n24-ap-xi-mar-a-lago", "n29-ap-amatrice-quake",
        "n46-paris-macron-un",
    },
    'credit:AFP': {"n41-afp-rome-anniversary", "n43-afp-mosul-victory"},
    'credit:CNN': {"n18-cnn-isis-commander", "n36-cnn-travel-ban-ruling"},
    'credit:Xinhua': {"n31-xinhua-thaad"},
    'dateline:Moscow': {"n01-tass-lavrov-zones", "n44-tass-kremlin-nato"},
    'dateline:Geneva': {"n11-reuters-who-zika"},
    'dateline:Kabul': {"n32-kabul-nato-troops"},
    'dateline:Rome': {"n27-reuters-rome-referendum", "n41-afp-rome-anniversary"},
    'dateline:Washington': {"n03-ap-sessions-hearing", "n47-nyt-inauguration"},
}

DATELINES: dict[str, tuple[str | None, str | None]] = {
    "n01-tass-lavrov-zones": ("Moscow", "TASS"),
    "n02-tass-spief": ("St. Petersburg", "TASS"),
    "n03-ap-sessions-hearing": ("Washington", "AP"),
    "n04-sessions-recusal": (None, None),
    "n05-sessions-intelligence": (None, None),
    "n06-reuters-ceta-plenary": ("Strasbourg", "Reuters"),
    "n07-training-sessions": (None, None),
    "n08-reuters-wilders-result": ("The Hague", "Reuters"),
    "n09-wilderness-fires": (None, None),
    "n10-dw-wilders-launch": (None, None),
    "n11-reuters-who-zika": ("Geneva", "Reuters"),
    "n12-bridge-who-is-to-blame": (None, None),
    "n13-ap-yemen-cholera": ("Sanaa", "AP"),
    "n14-ap-korea-icbm": ("Seoul", "AP"),
    "n15-reuters-un-aleppo": ("United Nations", "Reuters"),
    "n16-shayrat-strike": (None, None),  # "The US has fired ..."
    "n17-dw-mosul-offensive": (None, None),  # credits only on the last line
    "n18-cnn-isis-commander": (None, "CNN"),
    "n19-raqqa-offensive-2016": (None, None),
    "n20-peso-caps-headings": (None, None),
    "n21-reuters-qaim-retaken": ("Baghdad", "Reuters"),
    "n22-aljazeera-qaim-approach": (None, None),
    "n23-ap-911-anniversary": ("New York", "AP"),
    "n24-ap-xi-mar-a-lago": ("West Palm Beach", "AP"),
    "n25-abe-mar-a-lago": (None, None),
    "n26-reuters-oconnor-dublin": ("Dublin", "Reuters"),
    "n27-reuters-rome-referendum": ("Rome", "Reuters"),
    "n28-gorsuch-nomination": (None, None),
    "n29-ap-amatrice-quake": ("Amatrice", "AP"),
    "n30-aquila-drone": (None, None),
    "n31-xinhua-thaad": ("Beijing", "Xinhua"),
    "n32-kabul-nato-troops": ("Kabul", None),
    "n33-nato-allies-lede": (None, None),  # "NATO allies -- and Russia -- are ..."
    "n34-us-officials-raqqa-plan": (None, None),  # "US officials said ..."
    "n35-reuters-london-brexit": ("London", "Reuters"),
    "n36-cnn-travel-ban-ruling": (None, "CNN"),
    "n37-bbc-dutch-result": (None, None),
    "n38-ebola-congo": (None, None),
    "n39-dw-somalia-drought": (None, None),  # "UN agencies including WHO ..."
    "n40-roaming-ends": (None, None),
    "n41-afp-rome-anniversary": ("Rome", "AFP"),
    "n42-merkel-us-election": (None, None),
    "n43-afp-mosul-victory": ("Mosul", "AFP"),
    "n44-tass-kremlin-nato": ("Moscow", "TASS"),
    "n45-brexit-town-us-them": (None, None),
    "n46-paris-macron-un": ("Paris", "AP"),
    "n47-nyt-inauguration": ("Washington", None),
}

HEADINGS: dict[str, list[str]] = {
    "n01-tass-lavrov-zones": [],
    "n02-tass-spief": [],
    "n03-ap-sessions-hearing": [],
    "n04-sessions-recusal": ["Two Meetings With the Ambassador", "What Comes Next"],  # not the caption
    "n05-sessions-intelligence": [],
    "n06-reuters-ceta-plenary": [],  # not "(Reporting by ...)"
    "n07-training-sessions": ["Double Sessions", "A Fresh Start"],
    "n08-reuters-wilders-result": [],
    "n09-wilderness-fires": ["Into the Backcountry"],
    "n10-dw-wilders-launch": ["Security Concerns"],  # not "mp/jh (dpa, AFP)"
    "n11-reuters-who-zika": [],
    "n12-bridge-who-is-to-blame": ["WHO IS TO BLAME", "WHAT HAPPENS NEXT"],
    "n13-ap-yemen-cholera": [],
    "n14-ap-korea-icbm": [],
    "n15-reuters-un-aleppo": [],
    "n16-shayrat-strike": ["International Reaction"],
    "n17-dw-mosul-offensive": ["Civilians Trapped"],
    "n18-cnn-isis-commander": [],
    "n19-raqqa-offensive-2016": ["Why Raqqa Matters"],
    "n20-peso-caps-headings": ["WHAT IS AT STAKE", "THE US RESPONSE"],
    "n21-reuters-qaim-retaken": [],
    "n22-aljazeera-qaim-approach": [],
    "n23-ap-911-anniversary": [],
    "n24-ap-xi-mar-a-lago": [],
    "n25-abe-mar-a-lago": ["A Crisis Over Dinner"],  # not the tweet nor its byline
    "n26-reuters-oconnor-dublin": [],
    "n27-reuters-rome-referendum": [],
    "n28-gorsuch-nomination": ["A Westerner on the Bench"],
    "n29-ap-amatrice-quake": [],  # not the photo caption
    "n30-aquila-drone": ["Beaming Internet From the Sky"],
    "n31-xinhua-thaad": [],
    "n32-kabul-nato-troops": [],
    "n33-nato-allies-lede": [],
    "n34-us-officials-raqqa-plan": ["The Next Battle"],
    "n35-reuters-london-brexit": [],
    "n36-cnn-travel-ban-ruling": [],  # not the tweet nor its byline
    "n37-bbc-dutch-result": ["Who Is Geert Wilders"],
    "n38-ebola-congo": [],
    "n39-dw-somalia-drought": ["Drought and Conflict"],
    "n40-roaming-ends": ["WHAT IT MEANS FOR US", "HOW TO AVOID A SHOCK BILL"],
    "n41-afp-rome-anniversary": [],
    "n42-merkel-us-election": ["What It Means for the US"],
    "n43-afp-mosul-victory": [],
    "n44-tass-kremlin-nato": [],
    "n45-brexit-town-us-them": [],
    "n46-paris-macron-un": [],
    "n47-nyt-inauguration": [],
}

# The articles' trailing lines that are not headings (credits, captions, tweets), for tests that
# check today's parser against HEADINGS everywhere else.
TRAILERS: dict[str, list[str]] = {
    "n04-sessions-recusal": [
        "Attorney General Jeff Sessions at the Justice Department in Washington on Thursday"
        " (AP Photo/Paul Hendry)"
    ],
    "n06-reuters-ceta-plenary": ["(Reporting by Pieter Claes; Editing by Hannah Ruiz)"],
    "n08-reuters-wilders-result": [
        "(Reporting by Ilse de Boer and Tom Akerman; Editing by Grace Whitfield)"
    ],
    "n10-dw-wilders-launch": ["mp/jh (dpa, AFP)"],
    "n11-reuters-who-zika": ["(Reporting by Stephanie Lang; Editing by Mark Dunne)"],
    "n15-reuters-un-aleppo": ["(Reporting by Dana Keller; Editing by Lisa Morgan)"],
    "n17-dw-mosul-offensive": ["jbh/rc (AFP, Reuters, AP)"],
    "n21-reuters-qaim-retaken": ["(Reporting by Omar Fadhel; Editing by Peter Graff)"],
    "n25-abe-mar-a-lago": [
        "Dinner on the terrace with the prime minister tonight pic.twitter.com/k3Xz9Lq",
        "— Jane Doe (@janedoe) February 12, 2017",
    ],
    "n26-reuters-oconnor-dublin": ["(Reporting by Ciara Mulhern; Editing by Jonathan Price)"],
    "n27-reuters-rome-referendum": ["(Reporting by Giulia Ferri; Editing by Andrew Cole)"],
    "n29-ap-amatrice-quake": [
        "Rescuers search through rubble in Amatrice, central Italy, on Wednesday"
        " (AP Photo/Sandro Perri)"
    ],
    "n35-reuters-london-brexit": ["(Reporting by Alistair Grant; Editing by Joanna Fenn)"],
    "n36-cnn-travel-ban-ruling": [
        "Finally home after a week of waiting at the border pic.twitter.com/abc",
        "— Rana Haddad (@ranahaddad) February 4, 2017",
    ],
    "n39-dw-somalia-drought": ["ng/rc (AFP, Reuters)"],
}

HIGHLIGHTS: dict[str, tuple[str, str]] = {
    "Al-Qaim": ("n21-reuters-qaim-retaken", "Al-Qaim"),
    "9/11": ("n23-ap-911-anniversary", "9/11"),
    "Mar-a-Lago": ("n24-ap-xi-mar-a-lago", "Mar-a-Lago"),
    "al-Assad": ("n16-shayrat-strike", "al-Assad"),
    '"U.S. military"': ("n24-ap-xi-mar-a-lago", "U.S. military"),
    "US": ("n16-shayrat-strike", "US"),
    "O'Connor": ("n26-reuters-oconnor-dublin", "O'Connor"),
    "L'Aquila": ("n29-ap-amatrice-quake", "L'Aquila"),
    "Wilders": ("n10-dw-wilders-launch", "Wilders"),
}


def write(folder: Path) -> list[Path]:
    """Write every article as `<id>.txt` under `folder`; return the paths in id order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for id, text in sorted(ARTICLES.items()):
        path = folder / f"{id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
