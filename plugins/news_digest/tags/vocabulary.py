"""The tagger's small word sets: entity types, and the words that join,
open, end or cut a name. Longer lists (titles, demonyms, junk) are data
files read into the Gazetteer."""
from __future__ import annotations

PERSON, PLACE, ORGANISATION, EVENT, WORK, OTHER = (
    "person", "place", "organisation", "event", "work", "other",
)

CONNECTORS = frozenset(
    "of for the de del della da di do dos das van von der den la le du des bin al el y & upon".split()
)
# Connectors that may only follow another connector ("of the", "von der", "de la").
SECOND_CONNECTORS = frozenset({"the", "der", "den", "la", "los", "las", "del"})
# Particles that belong to a surname, even at the start of a name ("von der Leyen").
NAME_PARTICLES = frozenset("von van der den de du da di del della bin ibn al el ter ten le la dos das do".split())
# Words that open a sentence without being names.
OPENERS = frozenset(
    """a an the this that these those but and or so yet if when while as in on at for from with
    by after before however meanwhile he she it they we i you his her its their our my your there
    here what who why how no not yes also then now some many most all both each every other
    another such last next first one two three four five six seven eight nine ten despite though
    although because since until unless whether where which whose instead still even just only
    once later earlier today yesterday tomorrow tonight according among about above under over
    during following without within against between through further thus hence indeed overall
    several few various numerous mr mrs ms dr""".split()
)
# Openers that, capitalised in mid-sentence, show a full stop the text lost
# ("...Russian attacks As Interfax-Ukraine reminds"): function words no name
# starts with. Not "the" or "a" ("The Hague", "A Coruna"), nor pronouns that
# are also surnames ("He Lifeng"), nor words that open titles of works and
# brands ("Just Eat", "My Chemical Romance").
LOST_STOP_OPENERS = frozenset(
    """as in on at for from with by but or if when while however meanwhile there
    also then despite though although because since until unless whether where which whose instead
    according among during following without within against between through thus hence indeed""".split()
)
# The last words of organisation names ("Altria Group", "Circuit City Stores").
ORG_WORDS = frozenset(
    """group stores store management capital holdings holding inc incorporated corp corporation
    company co plc ltd limited llc ag sa gmbh nv bv tobacco airlines airways aviation technologies
    technology systems networks broadband bank banks fund trust partners associates institute
    university college school council committee commission agency authority ministry department
    office party union association federation league club fc foundation society service services
    industries international media news times post herald guardian telegraph journal press
    executive parliament assembly congress senate court police army navy force forces
    centre center centres centers energy oil gas petroleum motors motor pharmaceuticals pharma foods brands
    entertainment studios pictures records music telecom telecoms communications electric
    electronics financial insurance securities investments investment ventures resources mining
    steel chemicals airport board bureau administration office organisation organization
    programme project initiative network channel railways railway cars trucks automotive survey observatory laboratory""".split()
)
# ORG_WORDS that also name a field of work: after "Ministry of X and" they
# end the ministry's remit ("Science and Technology"), not a second body.
FIELD_WORDS = frozenset(
    """technology technologies energy media music entertainment insurance mining steel aviation
    telecom telecoms communications oil gas petroleum broadband management investment resources
    electronics chemicals pharmaceuticals foods tobacco""".split()
)
# News outlets and wire services, by the last words of their names or by
# name: a story cites them as its source far more often than it is about
# them ("according to Reuters", "Xinhua News Agency").
MEDIA_WORDS = frozenset(
    "news daily times post online television tv radio gazette herald tribune journal telegraph newspaper magazine".split()
)
MEDIA_ENDINGS = frozenset(
    ("news agency", "press agency", "press service", "news service", "news network", "telegraph agency")
)
NEWS_AGENCIES = frozenset(
    """reuters afp ap dpa xinhua xinhuanet interfax interfax-ukraine tass itar-tass ukrinform unian anadolu
    kyodo yonhap efe ansa irna bernama pti dw bloomberg cnn bbc""".split()
) | {"ria novosti", "deutsche welle", "agence france-presse", "associated press", "al jazeera"}
EVENT_WORDS = frozenset(
    """cup championship championships games olympics olympic awards award prix marathon open
    festival summit conference election elections war tournament trophy series tour show week
    expo fair tsunami""".split()
)
PLACE_WORDS = frozenset(
    "region province county oblast state city island islands republic valley river lake sea ocean".split()
)
# The last words of names of buildings and sites: places, not people ("Johan Cruyff Arena").
FACILITY_WORDS = frozenset(
    """arena stadium airport square bridge palace park street road avenue station harbour harbor
    tower castle cathedral church mosque temple plaza ground dam reservoir""".split()
)
VENUE_WORDS = frozenset(
    "hall club house bar pub cafe restaurant hotel school college store shop arena park garden gardens theatre church cathedral inn".split()
)
# What a number counts ("London 12 months later", "Athens 10,000m"): a
# number before one is no part of the name before it.
COUNTED_WORDS = frozenset(
    "seconds minutes hours days weeks months years decades centuries points goals runs wickets votes seats "
    "people metres meters kilometres kilometers miles km m kg tonnes per percent".split()
)
# A place written with its kind ("Tangshan City", "Yunnan Province"), and the
# kinds that name a region, not a town ("Henan Province" is Henan).
PLACE_KINDS = frozenset("city province region oblast county district prefecture municipality".split())
REGION_KINDS = PLACE_KINDS - {"city", "county", "district", "municipality"}
# Party words, which a person's name never holds ("former Iowa Republican").
PARTY_WORDS = frozenset("republican republicans democrat democrats democratic labour tory conservative liberal".split())
# Function words that only a title capitalises ("Dick and Dom In Da Bungalow").
TITLE_FUNCTION_WORDS = frozenset("In Da On At To Of The A An For With From By".split())
ROYAL_TITLES = frozenset("King Queen Prince Princess Emperor Empress Duke Duchess Earl Baron Baroness Sultan Emir".split())
WEEKDAY_PREFIXES = frozenset({"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
# The commonest Chinese surnames in pinyin (together about four people in
# five): two of them two words apart start two names written side by side,
# as reporters' credits are ("Zhang Shangwu Hu Panpan").
CHINESE_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang
    xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng su wei
    lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu
    yin xue yan duan lei hou long tao gu mao hao gong shao wan qian dai mo kong xiang""".split()
)
