"""The ways one story writes one entity, grouped."""
import pytest

from news_digest.tags.candidates import find_candidates, find_parenthesised
from news_digest.tags.merge import merge_candidates


def grouped(title, paragraphs, gaz, word_counts):
    found = find_candidates(title, paragraphs, paragraphs[0], gaz, word_counts)
    groups = merge_candidates(found, find_parenthesised(paragraphs), gaz, word_counts)
    return sorted(sorted(c.text for c in group) for group in groups)


@pytest.mark.parametrize("title, paragraphs, groups", [
    pytest.param("Merkel visits Paris", ["Angela Merkel arrived in Paris on Monday. Merkel met Emmanuel Macron."],
                 [["Angela Merkel", "Merkel"], ["Emmanuel Macron"], ["Paris"]], id="surname-and-full-name"),
    pytest.param("Aid agencies appeal", ["The Disasters Emergency Committee (DEC) said. The DEC will meet."],
                 [["DEC", "Disasters Emergency Committee"]], id="acronym-and-expansion"),
    pytest.param("Retail", ["The German Retail Association (HDE) expects less. The HDE said so."],
                 [["German Retail Association", "HDE"]], id="an-acronym-in-the-bodys-own-language"),
    pytest.param("Defence", ["The Ministry of Defence said so. An MoD spokesman agreed."],
                 [["Ministry of Defence", "MoD"]], id="an-acronym-with-its-connector-in-lower-case"),
    pytest.param("Devices", ["The Internet of Things grows. IoT devices sell."],
                 [["Internet of Things", "IoT"]], id="an-acronym-of-a-phrase-with-of"),
    pytest.param("Vote", ["The Bank of England (BoE) held rates. The BoE will meet."],
                 [["Bank of England", "BoE"]], id="an-acronym-after-the"),
    pytest.param("Health", ["Health Minister Karl Lauterbach (SPD) spoke. The SPD agreed."],
                 [["Karl Lauterbach"], ["SPD"]], id="a-party-after-a-person-is-not-an-acronym"),
    pytest.param("Party", ["The National Congress of the Communist Party of China (CPC) opened."],
                 [["CPC"], ["National Congress of the Communist Party of China"]], id="an-acronym-of-a-tail"),
    pytest.param("Second division", ["Fans saw Hannover 96 win again. They say Hannover beat Rostock."],
                 [["Hannover", "Hannover 96"], ["Rostock"]], id="a-club-and-its-town"),
    pytest.param("Tourism", ["Macao welcomed visitors. Hotels in Macau were full."],
                 [["Macao", "Macau"]], id="a-territory-and-its-city-spelt-two-ways"),
    pytest.param("Presidents", ["Alan Greenspan served George Bush, then George W. Bush."],
                 [["Alan Greenspan"], ["George Bush"], ["George W Bush"]],
                 id="father-and-son-told-apart-by-an-initial"),
    pytest.param("Altria shares rise", ["Altria Group said profits rose. Altria will pay."],
                 [["Altria", "Altria Group"]], id="short-and-full-organisation"),
    pytest.param("Lysychansk under fire", ["Troops in Lysychansk held. Lyssytchansk was shelled."],
                 [["Lyssytchansk", "Lysychansk"]], id="transliteration-variants"),
    pytest.param("Oscars night", ["The Oscars were held. The Oscar went to Shrek."],
                 [["Oscar", "Oscars"], ["Shrek"]], id="plural"),
    pytest.param("Poll", ["Voters backed the Tories. A Tory spokesman disagreed. Tories led."],
                 [["Tories", "Tory"]], id="plural-in-ies"),
    pytest.param("Vote in Cyprus", ["Voters in the Republic of Cyprus chose. Cyprus joined the EU in 2004."],
                 [["Cyprus", "Republic of Cyprus"], ["EU"]], id="a-state-and-its-formal-name"),
    pytest.param("Quake in Tangshan", ["Tangshan City was hit. Help reached Tangshan."],
                 [["Tangshan", "Tangshan City"]], id="a-place-and-its-kind"),
    pytest.param("Awards", ["Professor Li spoke. Li Lanjuan and Li Xiaoliang were honoured."],
                 [["Li Lanjuan"], ["Li Xiaoliang"]], id="a-surname-of-two-people-is-no-one"),
    pytest.param("WHO chief", ["Tedros Adhanom Ghebreyesus spoke. Tedros warned of the risk."],
                 [["Tedros", "Tedros Adhanom Ghebreyesus"]], id="a-first-name-of-one-full-name"),
    pytest.param("Vietnam talks", ["Pham Minh Chinh met them. Van Minh Chinh said so."],
                 [["Pham Minh Chinh", "Van Minh Chinh"], ["Vietnam"]], id="one-name-translated-two-ways"),
    pytest.param("Team news", ["Hakro Merlins Crailsheim won. Merlins Crailsheim fans cheered."],
                 [["Hakro Merlins Crailsheim", "Merlins Crailsheim"]], id="the-tail-of-one-longer-name"),
    pytest.param("Tourism", ["The Singapore Tourism Board said so. The Tourism Board agreed. Staff of the "
                             "International Department of the Singapore Tourism Board came."],
                 [["International Department of the Singapore Tourism Board", "Singapore Tourism Board",
                   "Tourism Board"]], id="the-tail-of-names-that-nest"),
    pytest.param("Nuclear plant", ["The Zaporizhzhia Nuclear Power Plant was shelled. Zaporizhzhia NPP lost power."],
                 [["Zaporizhzhia NPP", "Zaporizhzhia Nuclear Power Plant"]], id="a-name-with-its-tail-abbreviated"),
    pytest.param("Jobs report", ["The China Returnee Employment Survey Report came out. The China Returnees "
                                 "Employment Survey Report says so."],
                 [["China Returnee Employment Survey Report", "China Returnees Employment Survey Report"]],
                 id="a-word-in-the-singular-and-the-plural"),
    pytest.param("Festival", ["Xinhuanet, Beijing, June 1. The Xinhua News Agency reports. Xinhua said so."],
                 [["Beijing"], ["Xinhua", "Xinhua News Agency", "Xinhuanet"]], id="a-portal-named-for-its-agency"),
    pytest.param("Research", ["A robot was made at Zhejiang University. Students of the University built it."],
                 [["University", "Zhejiang University"]], id="a-lone-word-for-the-one-name-it-ends"),
    pytest.param("Cup ties", ["Leeds met Hull in the FA Cup. The Davis Cup starts. The Cup draw is today."],
                 [["Cup"], ["Davis Cup"], ["FA Cup"], ["Hull"], ["Leeds"]], id="a-lone-word-for-two-names-stays-apart"),
    pytest.param("Injuries", ["Wayne Bridge is out. Bridge broke his ankle."],
                 [["Bridge"], ["Wayne Bridge"]], id="a-surname-is-not-the-lone-word-of-a-name"),
    pytest.param("Net names", ["The Internet Corporation for Assigned Names and Numbers met. Staff of Icann said so."],
                 [["Icann", "Internet Corporation for Assigned Names and Numbers"]], id="an-acronym-written-as-a-word"),
    pytest.param("Vote", ["The Liberal Democrats campaigned. Staff of the Lib Dems agreed."],
                 [["Lib Dems", "Liberal Democrats"]], id="a-name-with-its-words-cut-short"),
    pytest.param("Summit", ["Kim Jong-un spoke. Later Kim Jong Un left."],
                 [["Kim Jong Un", "Kim Jong-un"]], id="a-hyphen-or-a-space"),
    pytest.param("Debate", ["The House and Senate met. The Senate voted."],
                 [["House and Senate"], ["Senate"]], id="not-the-tail-of-a-list"),
])
def test_merge_candidates(title, paragraphs, groups, gaz, word_counts):
    assert grouped(title, paragraphs, gaz, word_counts) == groups
